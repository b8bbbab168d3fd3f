"""The messages, Dutch and English side by side. Every key has both; a test holds it to that.

Domain words, statuses and verdicts are not here: they live once in pipeline/vocabulary.py (ENGLISH).
"""

from __future__ import annotations

# The indicator catalogue's names (data/raw/reference/indicatoren.toml) in English, by code.
INDICATORS: dict[str, str] = {
    "absoluut_verzuim": "Absolute absenteeism (not enrolled at any school)",
    "relatief_verzuim": "Relative absenteeism (unauthorised absence)",
    "voortijdig_schoolverlaten": "Early school leaving",
    "vve_deelname": "Participation in early childhood education",
    "uitschrijving_onbekend": "Deregistration to an unknown destination",
    "arbeidsparticipatie": "Labour participation",
    "bijstand": "Dependence on social assistance",
    "jongeren_werk_of_school": "Young people in work or education",
    "werkervaringstrajecten": "Work-experience tracks",
    "overbewoning": "Overcrowding",
    "overlast_woonomgeving": "Nuisance in the neighbourhood",
    "huurachterstand": "Rent arrears",
    "minderjarige_verdachten": "Minors suspected of an offence",
    "verdachten_vermogensdelicten": "Suspects of property crime",
    "signalen_uitbuiting": "Signals of exploitation of minors",
    "meldingen_huwelijksdwang": "Reports of forced marriage",
    "woninginbraak": "Residential burglary",
}

# The catalogue's units and the effects' scales, by their Dutch text.
UNITS: dict[str, str] = {
    "per 100 leerplichtigen": "per 100 children of compulsory school age",
    "per 100 leerlingen": "per 100 pupils",
    "per 100 peuters": "per 100 toddlers",
    "aantal kinderen": "number of children",
    "per 100 inwoners van 15-66 jaar": "per 100 residents aged 15-66",
    "per 100 inwoners van 18-66 jaar": "per 100 residents aged 18-66",
    "per 100 jongeren van 16-26 jaar": "per 100 young people aged 16-26",
    "aantal trajecten": "number of tracks",
    "per 100 huishoudens": "per 100 households",
    "per 1.000 inwoners": "per 1,000 residents",
    "per 100 minderjarigen van 12-17 jaar": "per 100 minors aged 12-17",
    "aantal signalen": "number of signals",
    "aantal meldingen": "number of reports",
}

DOMAINS: dict[str, dict[str, str]] = {
    "verzuim": {"nl": "Onderwijs (verzuim)", "en": "Education (school absenteeism)"},
    "arbeid": {"nl": "Werk (arbeid)", "en": "Work"},
    "wonen": {"nl": "Wonen", "en": "Housing"},
    "veiligheid": {"nl": "Veiligheid", "en": "Safety"},
}

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ units of speech
    "per": {"nl": "per", "en": "per"},
    "tot": {"nl": "tot", "en": "to"},
    "procentpunt": {"nl": "procentpunt", "en": "percentage points"},
    "ja": {"nl": "ja", "en": "yes"},
    "nee": {"nl": "nee", "en": "no"},
    "geen": {"nl": "geen", "en": "none"},
    # ------------------------------------------------------------ every page
    "monitor": {"nl": "Monitor Inclusie Roma", "en": "Roma Inclusion Monitor (Monitor Inclusie Roma)"},
    "titel_land": {"nl": "Voortgangsrapportage: Nederland", "en": "Progress report: the Netherlands"},
    "titel_gemeente": {
        "nl": "Voortgangsrapportage: proeftuin {naam}",
        "en": "Progress report: pilot municipality {naam}",
    },
    "titel_gemeente_geen_proeftuin": {
        "nl": "Voortgangsrapportage: gemeente {naam}",
        "en": "Progress report: municipality {naam}",
    },
    "voet": {
        "nl": "Build {build} · {datum} · Bron: CBS / PDOK",
        "en": "Build {build} · {datum} · Source: CBS / PDOK (Bron: CBS / PDOK)",
    },
    "pagina": {"nl": "pagina", "en": "page"},
    "van": {"nl": "van", "en": "of"},
    "synthetisch": {
        "nl": "SYNTHETISCHE GEGEVENS — de roma-cijfers in dit rapport zijn gemaakt door de generator "
        "van de monitor, niet gemeten; alleen de CBS-cijfers zijn echt. Niet gebruiken als "
        "feitelijke rapportage.",
        "en": "SYNTHETIC DATA — the Roma figures in this report were made by the monitor's generator, "
        "not measured; only the CBS figures are real. Not to be used as a factual report.",
    },
    "inleiding_land": {
        "nl": "Dit rapport bevat het cijferdeel van een voortgangsbrief over de aanpak voor Roma-gezinnen: "
        "de proeftuinen samen tegenover de gemeenten die geen proeftuin waren, het effect van de "
        "aanpak, de kloof met de hele bevolking en de kwaliteit van de gegevens. Alle cijfers komen "
        "uit de publicatietabellen van build {build}: wat het dashboard niet toont, staat hier ook "
        "niet.",
        "en": "This report holds the figures section of a progress letter on the approach for Roma "
        "families: the pilot municipalities together against the municipalities that were not a "
        "pilot, the effect of the approach, the gap with the whole population and the quality of "
        "the data. Every figure comes from the publication tables of build {build}: what the "
        "dashboard does not show is not shown here either.",
    },
    "inleiding_gemeente": {
        "nl": "Dit rapport bevat het cijferdeel van een voortgangsbrief voor {naam}: de proeftuin, per "
        "domein de indicatoren tegenover de nulmeting en tegenover gemeenten die geen proeftuin waren, de "
        "kloof met de hele bevolking, het effect van de aanpak over alle proeftuinen en wat niet "
        "getoond wordt en waarom. Alle cijfers komen uit de publicatietabellen van build {build}.",
        "en": "This report holds the figures section of a progress letter for {naam}: the pilot, per domain "
        "the indicators against the baseline and against municipalities that were not a pilot, "
        "the gap with the whole population, the effect of the approach over all pilots, and what "
        "is not shown and why. Every figure comes from the publication tables of build {build}.",
    },
    # ------------------------------------------------------------ the pilot
    "h_proeftuin": {"nl": "De proeftuin", "en": "The pilot municipality"},
    "fase": {"nl": "Fase", "en": "Phase"},
    "fase_waarde": {"nl": "fase {fase}", "en": "phase {fase}"},
    "startjaar": {"nl": "Startjaar", "en": "Start year"},
    "aangenomen": {"nl": "aangenomen", "en": "assumed"},
    "nulmeting_jaar": {"nl": "Jaar van de nulmeting", "en": "Baseline year"},
    "subsidie": {"nl": "Subsidie", "en": "Subsidy"},
    "interventies": {"nl": "Interventies", "en": "Interventions"},
    "interventies_geen": {
        "nl": "De brieven noemen geen interventies van deze proeftuin.",
        "en": "The letters name no interventions of this pilot.",
    },
    "bron": {"nl": "Bron", "en": "Source"},
    "interventies_taal": {"nl": "", "en": "Interventions as the Dutch letters name them:"},
    "geen_proeftuin": {
        "nl": "{naam} was geen proeftuin; de cijfers staan hier tegenover de eigen nulmeting ({jaar}).",
        "en": "{naam} was not a pilot municipality; its figures are set against its own baseline ({jaar}).",
    },
    # ------------------------------------------------------------ per domain
    "h_domeinen": {
        "nl": "Per domein: nulmeting, laatste cijfer en de andere gemeenten",
        "en": "By domain: baseline, latest figure and the other municipalities",
    },
    "domeinen_uitleg": {
        "nl": "Per indicator het cijfer voor de doelgroep roma bij de nulmeting en het laatste cijfer, "
        "het verschil met zijn 95%-interval en de status, en daarnaast het cijfer van de gemeenten "
        "die geen proeftuin waren, samen, in hetzelfde jaar (met 95%-interval).",
        "en": "For each indicator the figure for the Roma target group at the baseline and the latest "
        "figure, the difference with its 95% interval and the status, and beside it the figure of "
        "the municipalities that were not a pilot, together, in the same year (with 95% interval).",
    },
    "k_indicator": {"nl": "Indicator", "en": "Indicator"},
    "k_nulmeting": {"nl": "Nulmeting", "en": "Baseline"},
    "k_laatste": {"nl": "Laatste", "en": "Latest"},
    "k_verschil": {"nl": "Verschil (95%-interval)", "en": "Difference (95% interval)"},
    "k_status": {"nl": "Status", "en": "Status"},
    "k_overige": {"nl": "Geen proeftuin (95%-interval)", "en": "Not a pilot (95% interval)"},
    "k_proeftuinen": {"nl": "Proeftuinen", "en": "Pilots"},
    "k_jaar": {"nl": "Jaar", "en": "Year"},
    "k_eenheid": {"nl": "Eenheid", "en": "Unit"},
    "grafiek_domein": {
        "nl": "Grafiek: per indicator (per 100) de nulmeting (open rondje) en het laatste cijfer (dicht "
        "rondje) van de doelgroep roma; de grijze balk is het 95%-interval van de gemeenten die geen "
        "proeftuin waren. Schaal van nul tot honderd procent.",
        "en": "Chart: per indicator (per 100) the baseline (open circle) and the latest figure (filled "
        "circle) of the Roma target group; the grey bar is the 95% interval of the municipalities "
        "that were not a pilot. Scale from zero to one hundred per cent.",
    },
    "bevinding_daalde": {
        "nl": "{indicator} in {gemeente} daalde van {van} ({p_van}) naar {naar} ({p_naar})",
        "en": "{indicator} in {gemeente} fell from {van} ({p_van}) to {naar} ({p_naar})",
    },
    "bevinding_steeg": {
        "nl": "{indicator} in {gemeente} steeg van {van} ({p_van}) naar {naar} ({p_naar})",
        "en": "{indicator} in {gemeente} rose from {van} ({p_van}) to {naar} ({p_naar})",
    },
    "bevinding_bleef": {
        "nl": "{indicator} in {gemeente} bleef {van} ({p_van} en {p_naar})",
        "en": "{indicator} in {gemeente} stayed at {van} ({p_van} and {p_naar})",
    },
    "bevinding_status": {"nl": "; status: {status}.", "en": "; status: {status}."},
    "h_bevindingen": {"nl": "Bevindingen", "en": "Findings"},
    "bevindingen_uitleg": {
        "nl": "Alleen veranderingen die de statustoets als verbeterd of verslechterd aanmerkt; een "
        "verandering binnen het toeval heet gelijk gebleven.",
        "en": "Only changes the status test marks as improved or worsened; a change within chance is "
        "called unchanged.",
    },
    "bevindingen_geen": {
        "nl": "Geen indicator veranderde aantoonbaar tegenover de nulmeting.",
        "en": "No indicator changed demonstrably against the baseline.",
    },
    # ------------------------------------------------------------ the gap
    "h_kloof": {"nl": "De kloof met de hele bevolking", "en": "The gap with the whole population"},
    "kloof_uitleg": {
        "nl": "Het EU-kader voor Roma 2020–2030 meet vooruitgang als het halveren van de kloof tussen "
        "Roma en de hele bevolking. Kloof = cijfer roma − cijfer hele bevolking; voortgang 100% "
        "betekent: de kloof is gehalveerd.",
        "en": "The EU Roma strategic framework 2020–2030 measures progress as halving the gap between Roma "
        "and the whole population. Gap = Roma figure − whole-population figure; progress 100% "
        "means the gap has been halved.",
    },
    "k_kloof_nulmeting": {"nl": "Kloof bij nulmeting", "en": "Gap at baseline"},
    "k_kloof_laatste": {"nl": "Kloof laatste", "en": "Gap latest"},
    "k_voortgang": {"nl": "Voortgang naar halvering", "en": "Progress towards halving"},
    "kloof_geen": {"nl": "Geen kloof te tonen.", "en": "No gap to show."},
    "kloof_land_uitleg": {
        "nl": "Per indicator: hoeveel proeftuinen de kloof met de hele bevolking halveerden, verkleinden, "
        "enzovoort (status uit de publicatietabel per gemeente).",
        "en": "Per indicator: how many pilots halved the gap with the whole population, narrowed it, and so "
        "on (status from the publication table per municipality).",
    },
    # ------------------------------------------------------------ effects
    "h_effecten": {
        "nl": "Het effect van de aanpak (alle proeftuinen)",
        "en": "The effect of the approach (all pilots)",
    },
    "effecten_uitleg": {
        "nl": "Verschil-in-verschillen: de verandering in de proeftuinen tegenover die in gemeenten die geen "
        "proeftuin waren, met 95%-interval. Het oordeel houdt rekening met de voortrend (liepen de "
        "proeftuinen vóór de start gelijk op?) en met meervoudig toetsen; alleen een oordeel "
        "'{gunstig}' of '{ongunstig}' zegt dat de aanpak iets deed.",
        "en": "Difference-in-differences: the change in the pilots against that in municipalities that were "
        "not a pilot, with 95% interval. The verdict accounts for the pre-trend (did the pilots move "
        "in step before the start?) and for multiple testing; only a verdict of '{gunstig}' or "
        "'{ongunstig}' says that the approach did something.",
    },
    "k_effect": {"nl": "Effect (95%-interval)", "en": "Effect (95% interval)"},
    "k_voortrend": {"nl": "Voortrend p", "en": "Pre-trend p"},
    "k_oordeel": {"nl": "Oordeel", "en": "Verdict"},
    "k_doelgroep": {"nl": "Doelgroep", "en": "Target group"},
    "effect_leeg": {"nl": "niet gepubliceerd", "en": "not published"},
    "effect_zin_gunstig": {
        "nl": "{indicator} ({doelgroep}): {oordeel}, {effect} {schaal} (95%-interval {laag} tot {hoog}).",
        "en": "{indicator} ({doelgroep}): {oordeel}, {effect} {schaal} (95% interval {laag} to {hoog}).",
    },
    "effecten_geen_oordeel": {
        "nl": "Bij geen enkele indicator laat het oordeel toe een effect van de aanpak te noemen.",
        "en": "For no indicator does the verdict allow an effect of the approach to be claimed.",
    },
    "effecten_zinnen": {
        "nl": "Waar het oordeel een effect toelaat:",
        "en": "Where the verdict allows an effect to be stated:",
    },
    # ------------------------------------------------------------ overview (country)
    "h_overzicht": {
        "nl": "Overzicht: proeftuinen tegenover de andere gemeenten",
        "en": "Overview: pilots against the other municipalities",
    },
    "overzicht_uitleg": {
        "nl": "Per indicator het cijfer van de doelgroep roma in alle proeftuinen samen en in de gemeenten "
        "die geen proeftuin waren, in het laatste jaar met cijfers (95%-interval), en hoeveel "
        "proeftuinen tegenover hun nulmeting verbeterden of verslechterden.",
        "en": "Per indicator the figure of the Roma target group in all pilots together and in the "
        "municipalities that were not a pilot, in the latest year with figures (95% interval), and "
        "how many pilots improved or worsened against their baseline.",
    },
    "k_proeftuinen_status": {"nl": "Proeftuinen {status}", "en": "Pilots {status}"},
    "proeftuinen_lijst": {"nl": "De proeftuinen", "en": "The pilot municipalities"},
    # ------------------------------------------------------------ suppression and quality
    "h_onderdrukt": {"nl": "Wat niet getoond wordt, en waarom", "en": "What is not shown, and why"},
    "onderdrukt_uitleg": {
        "nl": "Onderdrukt: te klein om te publiceren. Bij de doelgroep roma wordt een cijfer niet getoond "
        "als de noemer kleiner is dan {min_noemer}, of als de teller of het verschil tussen noemer "
        "en teller {teller_min} tot en met {teller_max} is; zo is niets over een handvol gezinnen af "
        "te lezen. Ook een cijfer dat zo'n onderdrukt cijfer zou verraden (een totaal over "
        "gemeenten, het cijfer voor de hele bevolking ernaast, een status of verschil) wordt niet "
        "getoond.",
        "en": "Suppressed: too small to publish. For the Roma target group a figure is not shown when the "
        "denominator is smaller than {min_noemer}, or when the numerator or the difference between "
        "denominator and numerator is {teller_min} to {teller_max}; so nothing can be read about a "
        "handful of families. A figure that would give such a suppressed figure away (a total over "
        "municipalities, the whole-population figure beside it, a status or difference) is not "
        "shown either.",
    },
    "k_reden": {"nl": "Reden", "en": "Reason"},
    "onderdrukt_geen": {
        "nl": "In dit rapport is niets onderdrukt.",
        "en": "Nothing in this report is suppressed.",
    },
    "onderdrukt_aantal": {
        "nl": "Onderdrukte cijfers in de publicatie van deze gemeente: {n}.",
        "en": "Suppressed figures in this municipality's publication: {n}.",
    },
    "h_kwaliteit": {"nl": "Kwaliteit van de gegevens", "en": "Data quality"},
    "kwaliteit_leveringen": {
        "nl": "Leveringen: {geaccepteerd} geaccepteerd, {geweigerd} geweigerd; rijen in quarantaine: "
        "{quarantaine}.",
        "en": "Deliveries: {geaccepteerd} accepted, {geweigerd} refused; rows in quarantine: {quarantaine}.",
    },
    "kwaliteit_controle": {
        "nl": "Controle op onthulling: {aantallen} onderdrukte aantallen gecontroleerd; elk kan uit alles "
        "wat gepubliceerd is op minstens {min} waarden uitkomen (smalste: {smalst}); {extra} cijfers "
        "extra onderdrukt en {totalen} totalen ingehouden om dat te bereiken. Geslaagd: {geslaagd}.",
        "en": "Disclosure audit: {aantallen} suppressed counts checked; each can take at least {min} values "
        "given everything published (narrowest: {smalst}); {extra} further figures suppressed and "
        "{totalen} totals withheld to achieve that. Passed: {geslaagd}.",
    },
    "kwaliteit_volledigheid": {
        "nl": "Gemeenten met cijfers in het laatste jaar ({jaar}): {gemeenten}, waarvan {proeftuinen} "
        "proeftuinen.",
        "en": "Municipalities with figures in the latest year ({jaar}): {gemeenten}, of which {proeftuinen} "
        "pilots.",
    },
    "k_geweigerd": {"nl": "Geweigerde leveringen", "en": "Refused deliveries"},
    # ------------------------------------------------------------ CLI
    "cli_geschreven": {
        "nl": "rapport geschreven: {pad} ({kb} kB, {paginas} pagina's, {s} s)",
        "en": "report written: {pad} ({kb} kB, {paginas} pages, {s} s)",
    },
    # ------------------------------------------------------------ the dashboard's frame (?taal=en)
    "ui_skip": {"nl": "Direct naar de inhoud", "en": "Skip to content"},
    "ui_merk_sub": {
        "nl": "proeftuinen tegen hun nulmeting",
        "en": "pilot municipalities against their baseline",
    },
    "ui_nav_overzicht": {"nl": "Overzicht", "en": "Overview"},
    "ui_nav_verzuim": {"nl": "Verzuim", "en": "School absenteeism"},
    "ui_nav_arbeid": {"nl": "Arbeid", "en": "Work"},
    "ui_nav_wonen": {"nl": "Wonen", "en": "Housing"},
    "ui_nav_veiligheid": {"nl": "Veiligheid", "en": "Safety"},
    "ui_nav_gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "ui_nav_kaart": {"nl": "Kaart", "en": "Map"},
    "ui_nav_datakwaliteit": {"nl": "Datakwaliteit", "en": "Data quality"},
    "ui_nav_controleren": {"nl": "Controleren", "en": "Check a delivery"},
    "ui_nav_over": {"nl": "Over", "en": "About"},
    "ui_bron": {
        "nl": "Bron referentiedata: CBS / PDOK (CC-BY 4.0). ",
        "en": "Source of the reference data: CBS / PDOK (CC-BY 4.0). ",
    },
    "ui_over": {"nl": "Over deze monitor", "en": "About this monitor"},
    "ui_synthetisch_kop": {"nl": "Synthetische gegevens. ", "en": "Synthetic data. "},
    "ui_synthetisch": {
        "nl": "De roma-cijfers in deze monitor zijn verzonnen door een generator (de meegeleverde "
        "steekproef); alleen de CBS/PDOK-referentiedata zijn echt. Trek er geen conclusies uit.",
        "en": "The Roma figures in this monitor were invented by a generator (the shipped sample); only the "
        "CBS/PDOK reference data are real. Draw no conclusions from them.",
    },
    "ui_wissel": {"nl": "English", "en": "Nederlands"},
    "ui_alleen_kader": {
        "nl": "",
        "en": "In English: the overview, the theme pages, the municipality pages, the map, data quality, "
        "About, API, the menu and the progress reports (PDF). Still in Dutch: the page Check a delivery (it "
        "serves Dutch municipal officers), the indicators' definitions, the method text on About, the "
        "registers' texts and the letters to parliament, the reasons for refusing a file, the API's own "
        "names and error messages, and the CSV downloads.",
    },
    # ------------------------------------------------------------ the dashboard's pages (?taal=en)
    "d_schatting": {
        "nl": "{effect} (95%-interval {laag} tot {hoog})",
        "en": "{effect} (95% interval {laag} to {hoog})",
    },
    "d_maanden": {
        "nl": "januari februari maart april mei juni juli augustus september oktober november december",
        "en": "January February March April May June July August September October November December",
    },
    "d_onderdrukt_kort": {
        "nl": "Onderdrukt: te klein om te publiceren.",
        "en": "Suppressed: too small to publish.",
    },
    "d_gemeenten": {"nl": "gemeenten", "en": "municipalities"},
    "d_niet_gevonden": {"nl": "Niet gevonden", "en": "Not found"},
    "d_ga_naar": {"nl": "Ga naar het ", "en": "Go to the "},
    "d_overzicht_link": {"nl": "overzicht", "en": "overview"},
    "d_kies_thema": {
        "nl": ", kies een thema in het menu, of lees ",
        "en": ", choose a theme in the menu, or read ",
    },
    "d_over_link": {"nl": "over deze monitor", "en": "about this monitor"},
    "d_legenda": {"nl": "Legenda", "en": "Legend"},
    "d_tabel": {"nl": "Tabel: ", "en": "Table: "},
    # figures
    "d_aantal": {"nl": "aantal", "en": "number"},
    "d_voorlopig_hover": {"nl": "* voorlopig cijfer (CBS)", "en": "* provisional figure (CBS)"},
    "d_as_schooljaar": {"nl": "schooljaar (eerste jaar)", "en": "school year (first year)"},
    "d_as_jaar": {"nl": "jaar", "en": "year"},
    "d_aantal_proeftuinen": {"nl": "aantal proeftuinen", "en": "number of pilot municipalities"},
    "d_geen_cijfers_doelgroep": {
        "nl": "Geen cijfers voor deze doelgroep.",
        "en": "No figures for this target group.",
    },
    "d_andere_gemeenten": {"nl": "andere gemeenten", "en": "other municipalities"},
    "d_andere_gemeenten_band": {
        "nl": "andere gemeenten ({lo}–{hi}% van de waarden)",
        "en": "other municipalities ({lo}–{hi}% of the values)",
    },
    "d_andere_gemeenten_mediaan": {"nl": "andere gemeenten (mediaan)", "en": "other municipalities (median)"},
    "d_geen_cijfers_proeftuinen": {
        "nl": "Geen cijfers van proeftuinen voor deze keuze.",
        "en": "No figures of pilot municipalities for this choice.",
    },
    "d_nulmeting_hover": {
        "nl": "Nulmeting {naam} ({periode}): {waarde}",
        "en": "Baseline {naam} ({periode}): {waarde}",
    },
    "d_startjaar": {"nl": "startjaar", "en": "start year"},
    "d_streefwaarde": {"nl": "streefwaarde", "en": "target value"},
    "d_geen_cijfers_keuze": {"nl": "Geen cijfers voor deze keuze.", "en": "No figures for this choice."},
    "d_interval95": {"nl": "95%-interval", "en": "95% interval"},
    "d_geen_cijfers_kloof": {
        "nl": "Geen cijfers voor roma én totaal bij deze indicator.",
        "en": "No figures for both Roma and the whole population for this indicator.",
    },
    "d_roma_onderdrukt": {"nl": "roma onderdrukt", "en": "Roma suppressed"},
    "d_geen_cijfers_trechter": {
        "nl": "Geen gepubliceerde cijfers met een noemer voor dit jaar.",
        "en": "No published figures with a denominator for this year.",
    },
    "d_grenzen_998": {"nl": "99,8%-grenzen", "en": "99.8% limits"},
    "d_grenzen_95": {"nl": "95%-grenzen", "en": "95% limits"},
    "d_buiten_grenzen": {"nl": "buiten {procent}%-grenzen", "en": "outside the {procent}% limits"},
    "d_binnen_grenzen": {"nl": "binnen de grenzen", "en": "within the limits"},
    "d_alle_gemeenten_samen": {
        "nl": "alle gemeenten samen: {waarde}",
        "en": "all municipalities together: {waarde}",
    },
    "d_noemer_as": {
        "nl": "noemer ({omschrijving}, logaritmische schaal)",
        "en": "denominator ({omschrijving}, logarithmic scale)",
    },
    "d_gemeente_geen_cijfers": {
        "nl": "Deze gemeente heeft (nog) geen cijfers in de monitor.",
        "en": "This municipality has no figures in the monitor (yet).",
    },
    "d_geen_vergelijking": {"nl": "geen vergelijking", "en": "no comparison"},
    "d_spine_alle": {
        "nl": "alle gemeenten (laagste tot hoogste)",
        "en": "all municipalities (lowest to highest)",
    },
    "d_spine_bereik": {
        "nl": "{naam}: {n}, van {laag} tot {hoog}",
        "en": "{naam}: {n}, from {laag} to {hoog}",
    },
    "d_spine_helft": {"nl": "middelste helft", "en": "middle half"},
    "d_mediaan": {"nl": "mediaan", "en": "median"},
    "d_deze_gemeente": {"nl": "deze gemeente", "en": "this municipality"},
    "d_status_klein": {"nl": "status", "en": "status"},
    "d_te_weinig_gemeenten": {"nl": "te weinig gemeenten", "en": "too few municipalities"},
    "d_minder_dan_gemeenten": {
        "nl": "{naam}: minder dan {n} gemeenten met een cijfer",
        "en": "{naam}: fewer than {n} municipalities with a figure",
    },
    "d_geen_cijfer": {"nl": "geen cijfer", "en": "no figure"},
    "d_geen_cijfer_gemeente": {
        "nl": "{naam}: geen cijfer voor deze gemeente",
        "en": "{naam}: no figure for this municipality",
    },
    "d_slechter": {"nl": "slechter", "en": "worse"},
    "d_beter": {"nl": "beter", "en": "better"},
    "d_provinciegrens": {"nl": "provinciegrens", "en": "provincial border"},
    "d_proeftuin_omlijnd": {"nl": "proeftuin (omlijnd)", "en": "pilot municipality (outlined)"},
    # figures of the effects and the gap
    "d_label_gestegen": {"nl": "gestegen t.o.v. vergelijking", "en": "risen against the comparison"},
    "d_label_gedaald": {"nl": "gedaald t.o.v. vergelijking", "en": "fallen against the comparison"},
    "d_label_gehalveerd": {"nl": "kloof gehalveerd", "en": "gap halved"},
    "d_label_kleiner": {"nl": "kloof kleiner", "en": "gap smaller"},
    "d_label_geen_verandering": {"nl": "geen aantoonbare verandering", "en": "no demonstrable change"},
    "d_label_groter": {"nl": "kloof groter", "en": "gap larger"},
    "d_label_geen_achterstand": {
        "nl": "geen achterstand bij de nulmeting",
        "en": "no disadvantage at the baseline",
    },
    "d_label_onderdrukt": {"nl": "onderdrukt (kleine aantallen)", "en": "suppressed (small numbers)"},
    "d_punt_per": {"nl": "punt per {per}", "en": "points per {per}"},
    "d_voortrend_let_op": {
        "nl": "Let op: vóór de start bewogen proeftuinen en vergelijking niet gelijk op.",
        "en": "Note: before the start, the pilots and the comparison did not move in step.",
    },
    "d_geen_effecten_selectie": {
        "nl": "Geen effecten voor deze selectie",
        "en": "No effects for this selection",
    },
    "d_geen_effecten_doelgroep": {
        "nl": "Geen effecten voor deze doelgroep",
        "en": "No effects for this target group",
    },
    "d_effect_hover": {
        "nl": "<b>{naam}</b><br>effect {effect} {eenheid} (95%-interval {laag} tot {hoog})<br>{oordeel}; "
        "{proeftuinen}, {n} vergelijkingsgemeenten{let_op}",
        "en": "<b>{naam}</b><br>effect {effect} {eenheid} (95% interval {laag} to {hoog})<br>{oordeel}; "
        "{proeftuinen}, {n} comparison municipalities{let_op}",
    },
    "d_effect_titel": {
        "nl": "Effect t.o.v. andere gemeenten ({doelgroep}),<br>met 95%-interval",
        "en": "Effect against other municipalities ({doelgroep}),<br>with 95% interval",
    },
    "d_effect_pp": {"nl": "effect in procentpunten", "en": "effect in percentage points"},
    "d_effect_punten": {"nl": "effect in punten per {per}", "en": "effect in points per {per}"},
    "d_effect_aantal": {"nl": "effect in aantal {eenheid}", "en": "effect in number {eenheid}"},
    "d_te_weinig_gemeenten_cijfers": {
        "nl": "te weinig gemeenten met cijfers",
        "en": "too few municipalities with figures",
    },
    "d_geen_verloop": {
        "nl": "Te weinig gegevens voor een verloop per jaar sinds de start",
        "en": "Too little data for a course by year since the start",
    },
    "d_voor_start": {"nl": "vóór de start", "en": "before the start"},
    "d_na_start": {"nl": "na de start", "en": "after the start"},
    "d_verloop_hover": {
        "nl": "{jaren}: {effect} {eenheid} (95%-interval {laag} tot {hoog}); {proeftuinen}",
        "en": "{jaren}: {effect} {eenheid} (95% interval {laag} to {hoog}); {proeftuinen}",
    },
    "d_nulmeting_referentie": {"nl": "nulmeting (referentie)", "en": "baseline (reference)"},
    "d_nulmeting_referentie_hover": {
        "nl": "1 jaar vóór de start: de nulmeting, referentie (0)",
        "en": "1 year before the start: the baseline, reference (0)",
    },
    "d_start_proeftuin": {"nl": "start proeftuin", "en": "start of the pilot"},
    "d_jaren_sinds_start": {"nl": "jaren sinds de start", "en": "years since the start"},
    "d_effect_as": {"nl": "effect ({eenheid})", "en": "effect ({eenheid})"},
    "d_verloop_titel": {
        "nl": "{naam}: effect per jaar sinds de start<br>({doelgroep}), met 95%-interval",
        "en": "{naam}: effect by year since the start<br>({doelgroep}), with 95% interval",
    },
    "d_jaar_voor": {"nl": "{n} jaar vóór de start", "en": "{n} year(s) before the start"},
    "d_startjaar_klein": {"nl": "startjaar", "en": "start year"},
    "d_jaar_na": {"nl": "{n} jaar na de start", "en": "{n} year(s) after the start"},
    "d_geen_kloof": {
        "nl": "Geen kloof voor deze indicator in de proeftuinen",
        "en": "No gap for this indicator in the pilot municipalities",
    },
    "d_procent_kleiner": {"nl": "{procent}% kleiner", "en": "{procent}% smaller"},
    "d_voortgang_hover": {
        "nl": "<b>{naam}</b>: kloof {van} → {naar} punt ({jaar_van}–{jaar_naar})<br>{procent}% van de weg "
        "naar een kloof die {doel} is; {status}",
        "en": "<b>{naam}</b>: gap {van} → {naar} points ({jaar_van}–{jaar_naar})<br>{procent}% of the way to "
        "a gap that is {doel}; {status}",
    },
    "d_doel_kloof": {"nl": "doel: kloof {doel}", "en": "target: gap {doel}"},
    "d_voortgang_as": {
        "nl": "voortgang naar het doel (0% = als bij de nulmeting)",
        "en": "progress towards the target (0% = as at the baseline)",
    },
    "d_voortgang_titel": {
        "nl": "{naam}: kloof roma − totaal,<br>op weg naar een kloof die {doel} is",
        "en": "{naam}: gap Roma − whole population,<br>on the way to a gap that is {doel}",
    },
    # /: overzicht
    "d_overzicht_titel": {"nl": "Hebben de proeftuinen gewerkt?", "en": "Did the pilot municipalities work?"},
    "d_overzicht_uitleg": {
        "nl": "Hoe staat elke proeftuin ervoor ten opzichte van zijn nulmeting (het laatste jaar vóór de "
        "start), en veranderden de proeftuinen meer dan gemeenten zonder proeftuin? Elke status heeft een "
        "kleur én een teken: ▲ verbeterd, ● gelijk gebleven, ▼ verslechterd, ? te weinig gegevens.",
        "en": "How does each pilot municipality stand against its baseline (the last year before the start), "
        "and did the pilots change more than municipalities without a pilot? Every status has a colour and "
        "a sign: ▲ improved, ● unchanged, ▼ worsened, ? insufficient data.",
    },
    "d_build_van": {"nl": "Gegevens van de build van {datum}. ", "en": "Data of the build of {datum}. "},
    "d_hoe_volledig": {"nl": "Hoe volledig zijn de leveringen?", "en": "How complete are the deliveries?"},
    "d_verder": {"nl": "Verder op deze pagina: ", "en": "Further on this page: "},
    "d_vier_domeinen_link": {"nl": "de vier domeinen", "en": "the four domains"},
    "d_matrix_link": {"nl": "alle indicatoren × proeftuinen", "en": "all indicators × pilot municipalities"},
    "d_effect_link": {"nl": "effect tegenover andere gemeenten", "en": "effect against other municipalities"},
    "d_trends_link": {"nl": "trends", "en": "trends"},
    "d_antwoord": {"nl": "Het antwoord in het kort", "en": "The answer in brief"},
    "d_samen_tegenover": {
        "nl": "Proeftuinen samen tegenover gemeenten zonder proeftuin",
        "en": "Pilot municipalities together against municipalities without a pilot",
    },
    "d_samen_tegenover_doelgroep": {
        "nl": " (doelgroep {doelgroep}, verandering sinds de start vergeleken):",
        "en": " (target group {doelgroep}, change since the start compared):",
    },
    "d_geen_schattingen": {
        "nl": "Nog geen schattingen voor deze doelgroep.",
        "en": "No estimates for this target group yet.",
    },
    "d_elke_proeftuin": {
        "nl": "Elke proeftuin tegenover zijn eigen nulmeting",
        "en": "Each pilot municipality against its own baseline",
    },
    "d_elke_proeftuin_vraag": {
        "nl": " (doelgroep {doelgroep}): op welke indicatoren is het laatste cijfer aantoonbaar beter of "
        "slechter dan bij de nulmeting?",
        "en": " (target group {doelgroep}): on which indicators is the latest figure demonstrably better or "
        "worse than at the baseline?",
    },
    "d_k_proeftuin": {"nl": "Proeftuin", "en": "Pilot municipality"},
    "d_k_verbeterd_op": {"nl": "▲ Verbeterd op", "en": "▲ Improved on"},
    "d_k_verslechterd_op": {"nl": "▼ Verslechterd op", "en": "▼ Worsened on"},
    "d_k_overige": {"nl": "Overige indicatoren", "en": "Other indicators"},
    "d_tabel_antwoord": {
        "nl": "Tabel: {beter} en {slechter} per proeftuin",
        "en": "Table: {beter} and {slechter} per pilot municipality",
    },
    "d_overige_uitleg": {
        "nl": "Overige: gelijk gebleven, gestegen of gedaald (indicatoren zonder goede richting), te weinig "
        "gegevens of onderdrukt (kleine aantallen).",
        "en": "Other: unchanged, risen or fallen (indicators without a good direction), insufficient data or "
        "suppressed (small numbers).",
    },
    "d_geen_cijfers_voor": {
        "nl": "Geen cijfers voor {doelgroep}: {lijst}.",
        "en": "No figures for {doelgroep}: {lijst}.",
    },
    "d_vier_domeinen": {"nl": "De vier domeinen", "en": "The four domains"},
    "d_vier_domeinen_intro": {
        "nl": "Aantal proeftuinen ({n} gemeenten) per status, doelgroep {doelgroep}.",
        "en": "Number of pilot municipalities ({n} municipalities) per status, target group {doelgroep}.",
    },
    "d_geen_cijfers": {"nl": "geen cijfers", "en": "no figures"},
    "d_tapijt_cel": {
        "nl": "{gemeente}, {indicator} ({doelgroep}): nulmeting {nulmeting_periode} {nulmeting}; laatste "
        "{laatste_periode} {laatste}; {status}",
        "en": "{gemeente}, {indicator} ({doelgroep}): baseline {nulmeting_periode} {nulmeting}; latest "
        "{laatste_periode} {laatste}; {status}",
    },
    "d_tapijt_bijschrift": {
        "nl": "Laatste waarde en status per indicator en proeftuin (doelgroep {doelgroep}); wijs een cel aan "
        "voor nulmeting en laatste periode.",
        "en": "Latest value and status per indicator and pilot municipality (target group {doelgroep}); "
        "point at a cell for the baseline and the latest period.",
    },
    "d_tapijt_label": {
        "nl": "Tabel: indicatoren × proeftuinen",
        "en": "Table: indicators × pilot municipalities",
    },
    "d_tapijt": {"nl": "Indicatoren × proeftuinen", "en": "Indicators × pilot municipalities"},
    "d_effecten_bijschrift": {
        "nl": "Doelgroep {doelgroep}. Per indicator hoeveel meer (of minder) de proeftuinen sinds hun start "
        "veranderden dan gemeenten die geen proeftuin waren (stip), met het 95%-interval (lijn); ligt 0 in "
        "het interval, dan is er geen aantoonbaar effect. Cijfers per 100 staan op één as in procentpunten, "
        "cijfers per 1.000 inwoners op een tweede. ",
        "en": "Target group {doelgroep}. Per indicator how much more (or less) the pilot municipalities "
        "changed since their start than municipalities that were not a pilot (dot), with the 95% interval "
        "(line); if 0 lies in the interval, there is no demonstrable effect. Figures per 100 share one axis "
        "in percentage points, figures per 1,000 residents a second. ",
    },
    "d_effecten_verloop": {
        "nl": "Op de themapagina's staat het verloop per jaar sinds de start. ",
        "en": "The theme pages show the course by year since the start. ",
    },
    "d_hoe_berekend": {"nl": "Hoe dit berekend is", "en": "How this is calculated"},
    "d_effecten_overzicht": {
        "nl": "Effect van de proeftuinen tegenover andere gemeenten",
        "en": "Effect of the pilot municipalities against other municipalities",
    },
    "d_trend_bevinding": {
        "nl": "{indicator} {periode}: proeftuinen {proeftuinen}, andere gemeenten {andere}",
        "en": "{indicator} {periode}: pilot municipalities {proeftuinen}, other municipalities {andere}",
    },
    "d_trends_bijschrift": {
        "nl": "Per indicator de proeftuinen samen (blauw, ●) en de andere gemeenten samen (grijs), doelgroep "
        "{doelgroep}: teller en noemer opgeteld per jaar. Een × onderaan betekent dat het groepstotaal is "
        "onderdrukt. Laatste jaar met beide cijfers: ",
        "en": "Per indicator the pilot municipalities together (blue, ●) and the other municipalities "
        "together (grey), target group {doelgroep}: numerator and denominator summed per year. A × at the "
        "foot means that the group total is suppressed. Latest year with both figures: ",
    },
    "d_trends_slot": {
        "nl": " De cijfers per gemeente staan op de themapagina's.",
        "en": " The figures per municipality are on the theme pages.",
    },
    "d_trends": {"nl": "Trends", "en": "Trends"},
    # /thema/<domein>
    "d_thema_intro": {
        "nl": "Kies een indicator en een doelgroep. De grafieken tonen elke proeftuin tegen zijn nulmeting, "
        "de proeftuinen samen tegen de andere gemeenten, en de kloof tussen roma en de hele bevolking.",
        "en": "Choose an indicator and a target group. The charts show each pilot municipality against its "
        "baseline, the pilot municipalities together against the other municipalities, and the gap between "
        "Roma and the whole population.",
    },
    "d_per_gemeente": {"nl": "Per gemeente", "en": "Per municipality"},
    "d_sorteer_op": {"nl": "Sorteer de tabel op", "en": "Sort the table by"},
    "d_sorteer_gemeente": {"nl": "gemeente (A–Z)", "en": "municipality (A–Z)"},
    "d_sorteer_laatste_hoog": {"nl": "laatste waarde, hoog naar laag", "en": "latest value, high to low"},
    "d_sorteer_laatste_laag": {"nl": "laatste waarde, laag naar hoog", "en": "latest value, low to high"},
    "d_sorteer_verschil_hoog": {"nl": "verschil, hoog naar laag", "en": "difference, high to low"},
    "d_sorteer_verschil_laag": {"nl": "verschil, laag naar hoog", "en": "difference, low to high"},
    "d_sorteer_status": {"nl": "status", "en": "status"},
    "d_download_cijfers": {"nl": "Download de cijfers (CSV)", "en": "Download the figures (CSV, Dutch)"},
    "d_geen_cijfers_indicator": {
        "nl": "Voor {indicator} zijn er geen cijfers voor de doelgroep {doelgroep}",
        "en": "For {indicator} there are no figures for the target group {doelgroep}",
    },
    "d_cbs_kies_totaal": {
        "nl": " (dit is een CBS-cijfer over de hele bevolking; kies ‘{totaal}’).",
        "en": " (this is a CBS figure on the whole population; choose ‘{totaal}’).",
    },
    "d_feit_eenheid": {"nl": "Eenheid: {eenheid}", "en": "Unit: {eenheid}"},
    "d_feit_richting": {"nl": "richting: {richting}", "en": "direction: {richting}"},
    "d_feit_bron": {"nl": "bron: {bron}", "en": "source: {bron}"},
    "d_gemeentelijke_leveringen": {"nl": "gemeentelijke leveringen", "en": "municipal deliveries"},
    "d_feit_streefwaarde": {"nl": "streefwaarde: {waarde}", "en": "target value: {waarde}"},
    "d_richting_lager_beter": {"nl": "lager is beter", "en": "lower is better"},
    "d_richting_hoger_beter": {"nl": "hoger is beter", "en": "higher is better"},
    "d_richting_neutraal": {
        "nl": "neutraal: meer kan ook betere signalering betekenen",
        "en": "neutral: more can also mean better detection",
    },
    "d_poisson": {"nl": "exact Poisson-interval", "en": "exact Poisson interval"},
    "d_wilson": {"nl": "Wilson-interval", "en": "Wilson interval"},
    "d_geen_publiceerbaar": {"nl": "geen publiceerbaar cijfer", "en": "no publishable figure"},
    "d_groep_samen": {
        "nl": "{groep} samen, {periode} ({doelgroep})",
        "en": "{groep} together, {periode} ({doelgroep})",
    },
    "d_kerncijfer_interval": {
        "nl": "95%-{methode}: {interval}; {gemeenten}",
        "en": "95% {methode}: {interval}; {gemeenten}",
    },
    "d_trend_bijschrift": {
        "nl": "Elke proeftuin (blauw) tegen alle andere gemeenten met cijfers (grijs). Gestippeld: het "
        "startjaar; gestreept: de nulmeting{oranje}. Status van de proeftuinen ten opzichte van hun "
        "nulmeting: {status}. ",
        "en": "Each pilot municipality (blue) against all other municipalities with figures (grey). Dotted: "
        "the start year; dashed: the baseline{oranje}. Status of the pilot municipalities against their "
        "baseline: {status}. ",
    },
    "d_oranje_streefwaarde": {"nl": "; oranje: de streefwaarde", "en": "; orange: the target value"},
    "d_n_onderdrukt": {
        "nl": "{n} cijfers zijn onderdrukt (× onderaan). ",
        "en": "{n} figures are suppressed (× at the foot). ",
    },
    "d_open_rondje": {
        "nl": "Een open rondje is een voorlopig CBS-cijfer (*). ",
        "en": "An open circle is a provisional CBS figure (*). ",
    },
    "d_tabel_onderaan": {
        "nl": "De tabel onderaan de pagina geeft dezelfde cijfers per gemeente.",
        "en": "The table at the foot of the page gives the same figures per municipality.",
    },
    "d_trend_per_proeftuin": {"nl": "Trend per proeftuin", "en": "Trend per pilot municipality"},
    "d_groepen_bijschrift": {
        "nl": "Teller en noemer van alle proeftuinen samen tegen die van alle andere gemeenten samen, per "
        "jaar, met een 95%-interval (band). Een groepstotaal waaruit een onderdrukt cijfer terug te rekenen "
        "zou zijn, wordt niet getoond (× onderaan). Welke groep in welk jaar begon, verschilt: dit is een "
        "beschrijving, geen effectmeting.",
        "en": "Numerator and denominator of all pilot municipalities together against those of all other "
        "municipalities together, per year, with a 95% interval (band). A group total from which a "
        "suppressed figure could be worked out is not shown (× at the foot). Which group started in which "
        "year differs: this is a description, not a measurement of effect.",
    },
    "d_groepen": {
        "nl": "Proeftuinen samen tegen de andere gemeenten",
        "en": "Pilot municipalities together against the other municipalities",
    },
    "d_geen_effect_geschat": {
        "nl": "Voor deze indicator en doelgroep is geen effect geschat.",
        "en": "No effect was estimated for this indicator and target group.",
    },
    "d_te_weinig_om_te_zeggen": {
        "nl": "Te weinig gegevens om iets te zeggen: {reden}.",
        "en": "Too little data to say anything: {reden}.",
    },
    "d_effect_zin": {
        "nl": "Effect: {effect}, {oordeel}; {proeftuinen} tegen {n} gemeenten die geen proeftuin waren "
        "(startjaren: {cohorten}; * = aangenomen).",
        "en": "Effect: {effect}, {oordeel}; {proeftuinen} against {n} municipalities that were not a pilot "
        "(start years: {cohorten}; * = assumed).",
    },
    "d_voor_de_start": {
        "nl": " Vóór de start: gemiddeld {voortrend}; ",
        "en": " Before the start: on average {voortrend}; ",
    },
    "d_voortrend_apart": {
        "nl": "let op, proeftuinen en vergelijking bewogen toen niet gelijk op: lees het effect met zorg.",
        "en": "note, the pilots and the comparison did not move in step then: read the effect with care.",
    },
    "d_voortrend_gelijk": {
        "nl": "proeftuinen en vergelijking bewogen toen gelijk op.",
        "en": "the pilots and the comparison moved in step then.",
    },
    "d_effect_bijschrift": {
        "nl": "Doelgroep {doelgroep}: hoeveel meer (of minder) de proeftuinen sinds hun start veranderden "
        "dan gemeenten die geen proeftuin waren (stip), met het 95%-interval (lijn). ",
        "en": "Target group {doelgroep}: how much more (or less) the pilot municipalities changed since "
        "their start than municipalities that were not a pilot (dot), with the 95% interval (line). ",
    },
    "d_verloop_bijschrift": {
        "nl": "Het effect per jaar sinds de start, elk jaar tegen de nulmeting (open rondje, 0 per "
        "definitie). Grijs: de jaren vóór de start; liggen die rond 0, dan gingen proeftuinen en "
        "vergelijking gelijk op en is de vergelijking geloofwaardig. Oranje gestreept: de start. Jaren met "
        "te weinig proeftuinen ontbreken.",
        "en": "The effect by year since the start, each year against the baseline (open circle, 0 by "
        "definition). Grey: the years before the start; if they lie around 0, the pilots and the comparison "
        "moved in step and the comparison is credible. Orange dashed: the start. Years with too few pilot "
        "municipalities are missing.",
    },
    "d_effect_tegenover": {
        "nl": "Effect tegenover gemeenten die geen proeftuin waren",
        "en": "Effect against municipalities that were not a pilot",
    },
    "d_kloof_bijschrift": {
        "nl": "Laatste cijfer van roma (blauw rondje) naast dat van de hele bevolking (grijs vierkantje) per "
        "gemeente; ● = proeftuin. Kloof roma − totaal: {kloof}.",
        "en": "Latest figure of Roma (blue circle) beside that of the whole population (grey square) per "
        "municipality; ● = pilot municipality. Gap Roma − whole population: {kloof}.",
    },
    "d_kloof_onderdrukt": {
        "nl": " Bij {gemeenten} is het roma-cijfer onderdrukt.",
        "en": " For {gemeenten} the Roma figure is suppressed.",
    },
    "d_kloof_titel": {
        "nl": "Kloof tussen roma en de hele bevolking",
        "en": "Gap between Roma and the whole population",
    },
    "d_geen_kloof_bij": {
        "nl": "Voor aantallen en neutrale indicatoren houdt de monitor geen kloof bij die te halveren is.",
        "en": "For counts and neutral indicators the monitor keeps no gap to be halved.",
    },
    "d_voortgang_bijschrift": {
        "nl": "Per proeftuin hoe ver de kloof tussen roma en de hele bevolking sinds de nulmeting op weg is "
        "naar het doel van het EU-kader voor Roma 2020–2030: een kloof die {procent}% kleiner is (100% = "
        "doel bereikt, 0% = als bij de nulmeting, negatief = groter geworden). ",
        "en": "Per pilot municipality how far the gap between Roma and the whole population has come since "
        "the baseline towards the target of the EU Roma strategic framework 2020–2030: a gap that is "
        "{procent}% smaller (100% = target reached, 0% = as at the baseline, negative = grown larger). ",
    },
    "d_voortgang_onderdrukt_een": {
        "nl": "Bij {proeftuinen} is een roma-cijfer onderdrukt; zijn kloof wordt niet getoond.",
        "en": "For {proeftuinen} a Roma figure is suppressed; its gap is not shown.",
    },
    "d_voortgang_onderdrukt": {
        "nl": "Bij {proeftuinen} is een roma-cijfer onderdrukt; hun kloof wordt niet getoond.",
        "en": "For {proeftuinen} a Roma figure is suppressed; their gap is not shown.",
    },
    "d_trechterplot": {"nl": "Trechterplot", "en": "Funnel plot"},
    "d_trechter_aantal": {
        "nl": "Een trechterplot zet een cijfer af tegen zijn noemer; deze indicator is een aantal zonder "
        "noemer.",
        "en": "A funnel plot sets a figure against its denominator; this indicator is a count without a "
        "denominator.",
    },
    "d_trechter_te_weinig": {
        "nl": "Te weinig gepubliceerde cijfers voor een trechterplot.",
        "en": "Too few published figures for a funnel plot.",
    },
    "d_trechter_bijschrift": {
        "nl": "{periode}, doelgroep {doelgroep}: elke gemeente (proeftuinen blauw) tegen de grootte van haar "
        "noemer. Binnen de trechter (95% gestippeld, 99,8% gestreept) rond het cijfer van alle gemeenten "
        "samen ({centrum}, onderdrukte cijfers inbegrepen) is een verschil goed te verklaren door toeval; "
        "een kleine gemeente is dus niet snel een uitschieter. ",
        "en": "{periode}, target group {doelgroep}: each municipality (pilot municipalities blue) against "
        "the size of its denominator. Within the funnel (95% dotted, 99.8% dashed) around the figure of all "
        "municipalities together ({centrum}, suppressed figures included) a difference is well explained by "
        "chance; so a small municipality is not quickly an outlier. ",
    },
    "d_trechter_methode": {
        "nl": "Grenzen: {methode}. ",
        "en": "Limits: {methode}. ",
    },
    "d_buiten_de_grenzen": {"nl": "Buiten de grenzen: {lijst}. ", "en": "Outside the limits: {lijst}. "},
    "d_geen_buiten": {
        "nl": "Geen gemeente ligt buiten de grenzen. ",
        "en": "No municipality lies outside the limits. ",
    },
    "d_niet_getoond_onderdrukt": {
        "nl": "Niet getoond omdat het cijfer is onderdrukt: {lijst}.",
        "en": "Not shown because the figure is suppressed: {lijst}.",
    },
    "d_verschil_uitleg": {"nl": "Verschil: laatste min nulmeting", "en": "Difference: latest minus baseline"},
    "d_verschil_pp": {
        "nl": " in procentpunten, met 95%-interval (Newcombe)",
        "en": " in percentage points, with 95% interval (Newcombe)",
    },
    "d_voorlopig_noot": {"nl": ". * = voorlopig cijfer (CBS). ", "en": ". * = provisional figure (CBS). "},
    "d_onderdrukt_kop": {"nl": "Onderdrukt: ", "en": "Suppressed: "},
    "d_k_gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "d_k_groep": {"nl": "Groep", "en": "Group"},
    "d_k_waarde": {"nl": "Waarde", "en": "Value"},
    "d_k_verschil": {"nl": "Verschil", "en": "Difference"},
    "d_tabel_bijschrift": {
        "nl": "{indicator}, doelgroep {doelgroep}: nulmeting en laatste cijfer per gemeente, gesorteerd op "
        "{sortering}.",
        "en": "{indicator}, target group {doelgroep}: baseline and latest figure per municipality, sorted by "
        "{sortering}.",
    },
    "d_genoemd": {"nl": "genoemd in de brieven", "en": "named in the letters"},
    "d_overig": {"nl": "overig", "en": "other"},
    # /gemeente/<code>
    "d_opgeheven_optie": {"nl": " – opgeheven", "en": " – dissolved"},
    "d_kies_gemeente": {"nl": "Kies een gemeente", "en": "Choose a municipality"},
    "d_download_gemeente": {
        "nl": "Download de cijfers van deze gemeente (CSV)",
        "en": "Download the figures of this municipality (CSV, Dutch)",
    },
    "d_waar_staat": {"nl": "Waar staat de gemeente?", "en": "Where does the municipality stand?"},
    "d_rol_proeftuin": {
        "nl": "proeftuin van het programma Aanpak uitbuiting Roma kinderen",
        "en": "pilot municipality of the programme against the exploitation of Roma children (Aanpak "
        "uitbuiting Roma kinderen)",
    },
    "d_rol_genoemd": {
        "nl": "genoemd in de Kamerbrieven, geen proeftuin (vergelijkingsgemeente)",
        "en": "named in the letters to Parliament, not a pilot municipality (comparison municipality)",
    },
    "d_rol_overig": {"nl": "geen proeftuin", "en": "not a pilot municipality"},
    "d_gemeentecode": {"nl": "Gemeentecode", "en": "Municipality code"},
    "d_provincie": {"nl": "Provincie", "en": "Province"},
    "d_rol": {"nl": "Rol", "en": "Role"},
    "d_nulmeting_feit": {
        "nl": "{jaar} (het jaar vóór de start; anders 2010)",
        "en": "{jaar} (the year before the start; otherwise 2010)",
    },
    "d_let_op": {"nl": "Let op", "en": "Note"},
    "d_opgeheven_feit": {
        "nl": "opgeheven; laatste jaar in de gemeentelijke indeling: {jaar}",
        "en": "dissolved; last year in the municipal division: {jaar}",
    },
    "d_herindeling": {"nl": "Herindeling", "en": "Reorganisation (in Dutch)"},
    "d_aanname": {"nl": " (aanname: ", "en": " (assumed; in Dutch: "},
    "d_start": {"nl": "Start", "en": "Start"},
    "d_interventies_geen": {
        "nl": "De brieven noemen geen interventies voor deze proeftuin.",
        "en": "The letters name no interventions for this pilot municipality.",
    },
    "d_bron_deelname": {"nl": "deelname", "en": "participation"},
    "d_bron_startjaar": {"nl": "startjaar", "en": "start year"},
    "d_bron_subsidie": {"nl": "subsidie", "en": "subsidy"},
    "d_bron_interventies": {"nl": "interventies", "en": "interventions"},
    "d_bronnen": {"nl": "Bronnen", "en": "Sources (in Dutch)"},
    "d_register": {"nl": "Gegevens uit het register", "en": "Data from the register"},
    "d_profiel_bijschrift": {
        "nl": "Per indicator roma (blauw) en de hele bevolking (grijs) door de jaren; gestreept: het "
        "nulmetingsjaar",
        "en": "Per indicator Roma (blue) and the whole population (grey) over the years; dashed: the "
        "baseline year",
    },
    "d_profiel_startjaar": {"nl": "; gestippeld: het startjaar", "en": "; dotted: the start year"},
    "d_profiel_status": {
        "nl": ". Boven elke grafiek de status tegenover de nulmeting. ",
        "en": ". Above each chart the status against the baseline. ",
    },
    "d_profiel_per_status": {
        "nl": "Aantal indicatoren per status: {lijst}. ",
        "en": "Number of indicators per status: {lijst}. ",
    },
    "d_profiel_van": {
        "nl": "Van {n} van de {totaal} indicatoren zijn er cijfers. ",
        "en": "There are figures for {n} of the {totaal} indicators. ",
    },
    "d_profiel_tabel": {
        "nl": "De tabel hieronder geeft nulmeting en laatste cijfer.",
        "en": "The table below gives the baseline and the latest figure.",
    },
    "d_alle_indicatoren": {"nl": "Alle indicatoren", "en": "All indicators"},
    "d_spine_bijschrift": {
        "nl": "Doelgroep {doelgroep}: per indicator het laatste cijfer van alle gemeenten (lichtgrijs van "
        "slechtste tot beste, donkerder de middelste helft, streepje de mediaan) en deze gemeente (rondje "
        "in de kleur van haar status). Rechts is beter. Geplaatst: {n} van {totaal} indicatoren.",
        "en": "Target group {doelgroep}: per indicator the latest figure of all municipalities (light grey "
        "from worst to best, darker the middle half, a stroke the median) and this municipality (a circle "
        "in the colour of its status). Right is better. Placed: {n} of {totaal} indicators.",
    },
    "d_nulmeting_en_laatste": {"nl": "Nulmeting en laatste cijfer", "en": "Baseline and latest figure"},
    "d_geen_cijfers_gemeente": {
        "nl": "Geen cijfers voor deze gemeente.",
        "en": "No figures for this municipality.",
    },
    "d_voorlopig_bijschrift": {"nl": "* = voorlopig cijfer (CBS).", "en": "* = provisional figure (CBS)."},
    "d_leveringen": {"nl": "Leveringen", "en": "Deliveries"},
    "d_geen_leveringen": {
        "nl": "Deze gemeente heeft geen leveringen gestuurd (of alleen CBS-cijfers).",
        "en": "This municipality has sent no deliveries (or only CBS figures).",
    },
    "d_levering_geaccepteerd": {"nl": "geaccepteerd", "en": "accepted"},
    "d_levering_geweigerd": {"nl": "geweigerd", "en": "refused"},
    "d_leveringen_zin": {
        "nl": "{n} bestanden, waarvan {geweigerd} geweigerd. Een latere levering vervangt een eerdere voor "
        "hetzelfde cijfer; de vervangen rijen blijven bewaard.",
        "en": "{n} files, of which {geweigerd} refused. A later delivery replaces an earlier one for the "
        "same figure; the replaced rows are kept.",
    },
    "d_toon_leveringen": {"nl": "Toon alle leveringen", "en": "Show all deliveries"},
    "d_k_bestand": {"nl": "Bestand", "en": "File"},
    "d_k_leverdatum": {"nl": "Leverdatum", "en": "Delivery date"},
    "d_k_rijen": {"nl": "Rijen", "en": "Rows"},
    "d_k_in_gebruik": {"nl": "In gebruik", "en": "In use"},
    "d_k_vervangen": {"nl": "Vervangen", "en": "Replaced"},
    "d_k_quarantaine": {"nl": "Quarantaine", "en": "Quarantine"},
    # /kaart
    "d_kaart": {"nl": "Kaart", "en": "Map"},
    "d_kaart_intro": {
        "nl": "Per gemeente het laatste cijfer van een indicator, of de status tegenover de nulmeting. "
        "Proeftuinen zijn zwart omlijnd. Wijs een gemeente aan voor de details.",
        "en": "Per municipality the latest figure of an indicator, or the status against the baseline. Pilot "
        "municipalities are outlined in black. Point at a municipality for the details.",
    },
    "d_toon": {"nl": "Toon", "en": "Show"},
    "d_maat_waarde": {"nl": "laatste cijfer", "en": "latest figure"},
    "d_maat_verandering": {"nl": "status tegenover de nulmeting", "en": "status against the baseline"},
    "d_tegenover_nulmeting": {
        "nl": "tegenover nulmeting: {status} ({reden})",
        "en": "against the baseline: {status} ({reden})",
    },
    "d_tegenover_nulmeting_periode": {
        "nl": "tegenover nulmeting ({periode}): {verschil}, {status}",
        "en": "against the baseline ({periode}): {verschil}, {status}",
    },
    "d_geen_nulmetingsjaar": {
        "nl": " (bij {gemeenten} geen cijfer voor het nulmetingsjaar)",
        "en": " ({gemeenten} without a figure for the baseline year)",
    },
    "d_kaart_status": {
        "nl": "Status tegenover de nulmeting, per gemeente: {status}{waarom}.",
        "en": "Status against the baseline, per municipality: {status}{waarom}.",
    },
    "d_klassen": {
        "nl": "Klassen: vijf even grote groepen gemeenten.",
        "en": "Classes: five equally large groups of municipalities.",
    },
    "d_kaart_bijschrift": {
        "nl": "{indicator} ({eenheid}), doelgroep {doelgroep}, {maat}: {n} van de {totaal} gemeenten van "
        "2024 hebben een cijfer",
        "en": "{indicator} ({eenheid}), target group {doelgroep}, {maat}: {n} of the {totaal} municipalities "
        "of 2024 have a figure",
    },
    "d_kaart_onderdrukt": {"nl": ", bij {n} is het onderdrukt", "en": ", for {n} it is suppressed"},
    "d_kaart_slot": {
        "nl": ". {legenda} * = voorlopig cijfer (CBS). Grenzen: CBS/PDOK 2024. De tabel hieronder geeft "
        "dezelfde cijfers.",
        "en": ". {legenda} * = provisional figure (CBS). Boundaries: CBS/PDOK 2024. The table below gives "
        "the same figures.",
    },
    "d_niet_op_kaart": {
        "nl": " Niet op de kaart (opgeheven gemeenten): {n}.",
        "en": " Not on the map (dissolved municipalities): {n}.",
    },
    "d_toon_tabel": {"nl": "Toon de cijfers als tabel", "en": "Show the figures as a table"},
    "d_k_periode": {"nl": "Periode", "en": "Period"},
    "d_reden_geen_nulmeting": {
        "nl": "geen cijfer voor het jaar van de nulmeting",
        "en": "no figure for the baseline year",
    },
    "d_reden_te_klein": {"nl": "te kleine aantallen voor een toets", "en": "numbers too small for a test"},
    "d_methode_binomiaal": {
        "nl": "binomiale grenzen rond het gemiddelde van alle gemeenten (Spiegelhalter 2005)",
        "en": "binomial limits around the mean of all municipalities (Spiegelhalter 2005)",
    },
    "d_methode_te_weinig": {
        "nl": "binomiale grenzen: met {n} gemeenten is overspreiding niet te schatten",
        "en": "binomial limits: with {n} municipalities overdispersion cannot be estimated",
    },
    "d_methode_random": {
        "nl": "grenzen verbreed voor overspreiding: de gemeenten verschillen meer dan toeval toelaat (φ = "
        "{phi}); random-effects-grenzen met spreiding tussen gemeenten τ = {tau} {eenheid} (Spiegelhalter "
        "2005)",
        "en": "limits widened for overdispersion: the municipalities differ more than chance allows (φ = "
        "{phi}); random-effects limits with a spread between municipalities of τ = {tau} {eenheid} "
        "(Spiegelhalter 2005)",
    },
    "d_methode_geen": {
        "nl": "geen grenzen: het gemiddelde van alle gemeenten is {centrum}, elke afwijking valt op",
        "en": "no limits: the mean of all municipalities is {centrum}, every deviation stands out",
    },
    # /datakwaliteit
    "d_geen_leveringen_verwerkt": {
        "nl": "Er zijn nog geen leveringen verwerkt.",
        "en": "No deliveries have been processed yet.",
    },
    "d_deel_verwacht": {"nl": "deel van<br>verwacht", "en": "share of<br>expected"},
    "d_volledigheid_hover": {
        "nl": "%{{y}}, %{{x}}: %{{text}} van {verwacht} cijfers",
        "en": "%{{y}}, %{{x}}: %{{text}} of {verwacht} figures",
    },
    "d_dk_titel": {"nl": "Datakwaliteit", "en": "Data quality"},
    "d_dk_intro": {
        "nl": "Wat is er geleverd, wat is geweigerd of in quarantaine gezet, en van welke build komen de "
        "cijfers?",
        "en": "What was delivered, what was refused or put in quarantine, and which build do the figures "
        "come from?",
    },
    "d_volledigheid_bijschrift": {
        "nl": "Aantal geldige cijfers per gemeente en jaar; verwacht worden er {verwacht} ({indicatoren} "
        "indicatoren × {doelgroepen} doelgroepen). Gemeenten met leveringen per jaar: {per_jaar}.",
        "en": "Number of valid figures per municipality and year; {verwacht} are expected ({indicatoren} "
        "indicators × {doelgroepen} target groups). Municipalities with deliveries per year: {per_jaar}.",
    },
    "d_volledigheid": {"nl": "Volledigheid", "en": "Completeness"},
    "d_geweigerd_intro": {
        "nl": "{n} leveringen, waarvan {geweigerd} geweigerd. Een geweigerd bestand wordt helemaal niet "
        "gebruikt; van een bestand met gegevens over personen wordt geen enkele waarde bewaard.",
        "en": "{n} deliveries, of which {geweigerd} refused. A refused file is not used at all; of a file "
        "with data about persons not a single value is kept.",
    },
    "d_geweigerde_bestanden": {"nl": "Geweigerde bestanden", "en": "Refused files"},
    "d_quarantaine_intro": {
        "nl": "{n} rijen in quarantaine. Per rij staan hier bestand, rijnummer, kolom en de regel die niet "
        "klopte; de waarden zelf tonen we niet, omdat een reden de geleverde aantallen noemt en kleine "
        "aantallen van de doelgroep roma niet gepubliceerd mogen worden. De gemeente ziet de volledige "
        "reden met `python -m pipeline check` op haar eigen bestand.",
        "en": "{n} rows in quarantine. Per row this shows file, row number, column and the rule that did not "
        "hold; we do not show the values themselves, because a reason names the delivered counts and small "
        "counts of the Roma target group may not be published. The municipality sees the full reason (in "
        "Dutch) with `python -m pipeline check` on its own file.",
    },
    "d_k_regel": {"nl": "Regel", "en": "Rule"},
    "d_k_kolom": {"nl": "Kolom", "en": "Column"},
    "d_per_regel": {"nl": "Per regel", "en": "Per rule"},
    "d_toon_quarantaine": {"nl": "Toon alle rijen in quarantaine", "en": "Show all rows in quarantine"},
    "d_k_rij": {"nl": "Rij", "en": "Row"},
    "d_k_meldingen": {"nl": "Meldingen", "en": "Findings"},
    "d_controle": {"nl": "Controle op onthulling", "en": "Disclosure audit"},
    "d_geen_controle": {"nl": "Deze build heeft geen controle.", "en": "This build has no audit."},
    "d_uitkomst": {"nl": "Uitkomst", "en": "Outcome"},
    "d_geslaagd": {"nl": "geslaagd", "en": "passed"},
    "d_niet_geslaagd": {
        "nl": "niet geslaagd: er is niets gepubliceerd",
        "en": "not passed: nothing has been published",
    },
    "d_gecontroleerd": {
        "nl": "Onderdrukte roma-aantallen gecontroleerd",
        "en": "Suppressed Roma counts checked",
    },
    "d_kleinste_aantal": {
        "nl": "Kleinste aantal mogelijke waarden",
        "en": "Smallest number of possible values",
    },
    "d_minstens": {"nl": "{smalst} (minstens {min})", "en": "{smalst} (at least {min})"},
    "d_extra_onderdrukt": {"nl": "Extra onderdrukt (secundair)", "en": "Further suppressed (secondary)"},
    "d_totalen_niet_getoond": {
        "nl": "Totalen over gemeenten niet getoond",
        "en": "Totals over municipalities not shown",
    },
    "d_rondes": {"nl": "Rondes", "en": "Rounds"},
    "d_controle_uitleg": {
        "nl": "Bij elke build rekent de monitor uit wat iemand met alles wat gepubliceerd is — cijfers per "
        "gemeente, totalen over gemeenten, totaal naast roma, complementen, de reden van onderdrukking — "
        "nog kan afleiden over elk onderdrukt roma-aantal (lineaire programmering, zoals τ-ARGUS). Elk "
        "aantal moet op genoeg waarden kunnen uitkomen; waar dat niet zo is, wordt extra onderdrukt.",
        "en": "With every build the monitor works out what someone with everything that is published — "
        "figures per municipality, totals over municipalities, the whole population beside Roma, "
        "complements, the reason for suppression — can still infer about each suppressed Roma count (linear "
        "programming, as τ-ARGUS does). Each count must be able to take enough values; where it cannot, "
        "more is suppressed.",
    },
    "d_build": {"nl": "Build", "en": "Build"},
    "d_gemaakt": {"nl": "Gemaakt", "en": "Made"},
    "d_gegevens": {"nl": "Gegevens", "en": "Data"},
    "d_synthetische_steekproef": {"nl": "synthetische steekproef", "en": "synthetic sample"},
    "d_echte_leveringen": {"nl": "echte leveringen", "en": "real deliveries"},
    "d_leveringen_telling": {
        "nl": "{geaccepteerd} geaccepteerd, {geweigerd} geweigerd",
        "en": "{geaccepteerd} accepted, {geweigerd} refused",
    },
    "d_rijen_quarantaine": {"nl": "Rijen in quarantaine", "en": "Rows in quarantine"},
    "d_versies": {"nl": "Versies", "en": "Versions"},
    "d_de_build": {"nl": "De build", "en": "The build"},
    "d_k_tabel": {"nl": "Tabel", "en": "Table"},
    "d_rijen_per_tabel": {"nl": "Rijen per tabel", "en": "Rows per table"},
    "d_k_soort": {"nl": "Soort", "en": "Kind"},
    "d_k_bestanden": {"nl": "Bestanden", "en": "Files"},
    "d_k_bytes": {"nl": "Bytes", "en": "Bytes"},
    "d_invoer": {
        "nl": "Invoer (elk bestand met zijn sha256: manifest.json en de tabel manifest_invoer)",
        "en": "Input (each file with its sha256: manifest.json and the table manifest_invoer)",
    },
    "d_invoer_instellingen": {"nl": "instellingen", "en": "settings"},
    "d_invoer_levering": {"nl": "levering", "en": "delivery"},
    "d_invoer_referentie": {"nl": "referentie", "en": "reference data"},
    "d_invoer_gebruikt": {"nl": "gebruikt", "en": "used"},
    "d_invoer_geaccepteerd": {"nl": "geaccepteerd", "en": "accepted"},
    "d_invoer_geweigerd": {"nl": "geweigerd", "en": "refused"},
    # ------------------------------------------------------------ /over (about this monitor)
    "o_titel": {"nl": "Over deze monitor", "en": "About this monitor"},
    "o_intro": {
        "nl": "De Monitor Inclusie Roma volgt hoe het gaat met Roma in vier domeinen — onderwijs (verzuim), "
        "werk, wonen en veiligheid — en of de proeftuinen van het programma Aanpak uitbuiting Roma kinderen "
        "(2011–2016) verschil hebben gemaakt.",
        "en": "The Monitor Inclusie Roma follows how Roma are doing in four domains — education (school "
        "absenteeism), work, housing and safety — and whether the pilot municipalities of the programme "
        "Aanpak uitbuiting Roma kinderen (2011–2016) made a difference.",
    },
    "o_synthetisch_kop": {
        "nl": "De roma-cijfers die met dit project worden meegeleverd zijn synthetisch. ",
        "en": "The Roma figures shipped with this project are synthetic. ",
    },
    "o_synthetisch": {
        "nl": "Ze komen uit een generator met een vaste seed en zeggen niets over echte gezinnen of "
        "gemeenten. Alleen de CBS/PDOK-referentiedata (gemeentelijke indeling, bevolking, woninginbraken, "
        "grenzen) zijn echt.",
        "en": "They come from a generator with a fixed seed and say nothing about real families or "
        "municipalities. Only the CBS/PDOK reference data (municipal classification, population, "
        "residential burglaries, borders) are real.",
    },
    "o_synthetisch_build": {
        "nl": " De build op dit scherm gebruikt die synthetische steekproef.",
        "en": " The build on this screen uses that synthetic sample.",
    },
    "o_gemeten": {"nl": "Wat er gemeten wordt", "en": "What is measured"},
    "o_gemeten_uitleg": {
        "nl": "Gemeenten leveren per jaar geanonimiseerde, opgetelde cijfers ({teller} en {noemer}), nooit "
        "gegevens over personen, voor twee doelgroepen: {roma} (de doelgroep zoals de gemeente die uit haar "
        "dossiers kent) en {totaal} (de hele bevolking van dezelfde leeftijd in die gemeente). "
        "Woninginbraken komen van het CBS en gelden alleen voor {totaal}.",
        "en": "Municipalities deliver anonymised, aggregated figures per year ({teller} and {noemer}), "
        "never data about persons, for two target groups: {roma} (the target group as the municipality "
        "knows it from its files) and {totaal} (everyone of the same age in that municipality). Residential "
        "burglaries come from CBS and apply only to the {totaal}.",
    },
    "o_k_domein": {"nl": "Domein", "en": "Domain"},
    "o_k_definitie": {"nl": "Definitie", "en": "Definition (in Dutch)"},
    "o_k_richting": {"nl": "Richting", "en": "Direction"},
    "o_k_streefwaarde": {"nl": "Streefwaarde", "en": "Target value"},
    "o_k_bron": {"nl": "Bron", "en": "Source"},
    "o_k_code": {"nl": "Code", "en": "Code"},
    "o_richting_neutraal": {"nl": "neutraal", "en": "neutral"},
    "o_catalogus": {"nl": "De indicatorcatalogus", "en": "The indicator catalogue"},
    "o_nulmeting": {"nl": "De nulmeting", "en": "The baseline"},
    "o_nulmeting_uitleg": {
        "nl": "De nulmeting van een proeftuin is het laatste jaar vóór de start: startjaar − {voor} (een "
        "proeftuin die in 2011 begon heeft nulmeting 2010, bij schooljaren 2010-2011). Een gemeente die "
        "geen proeftuin was krijgt {jaar}, het jaar vóór het programma. Heeft dat jaar geen bruikbaar "
        "cijfer, dan geldt het dichtstbijzijnde eerdere jaar, hooguit {terug} jaar terug; anders: "
        "{onvoldoende}.",
        "en": "The baseline of a pilot municipality is the last year before its start: start year − {voor} "
        "(a pilot that began in 2011 has its baseline in 2010, for school years 2010-2011). A municipality "
        "that was not a pilot gets {jaar}, the year before the programme. If that year has no usable "
        "figure, the nearest earlier year applies, at most {terug} year(s) back; otherwise: {onvoldoende}.",
    },
    "o_status": {"nl": "Status en verschil", "en": "Status and difference"},
    "o_status_uitleg": {
        "nl": "Het verschil is het laatste cijfer min de nulmeting. Een verandering telt alleen als ze "
        "buiten het toeval valt (tweezijdig, α = {alpha}): bij verhoudingen moet het 95%-interval van "
        "Newcombe voor het verschil van twee proporties de nul uitsluiten, bij aantallen geeft de exacte "
        "conditionele toets voor twee Poisson-aantallen de doorslag. {Verbeterd} of {verslechterd} volgt de "
        "richting van de indicator; bij neutrale indicatoren (meer signalen kan betere signalering zijn) "
        "heet het {gestegen} of {gedaald}. Met een noemer kleiner dan {min_noemer}, of samen minder dan "
        "{min_aantal} gebeurtenissen, is de status: {onvoldoende}.",
        "en": "The difference is the latest figure minus the baseline. A change counts only if it lies "
        "outside chance (two-sided, α = {alpha}): for rates the Newcombe 95% interval for the difference of "
        "two proportions must exclude zero, for counts the exact conditional test for two Poisson counts "
        "decides. {Verbeterd} or {verslechterd} follows the direction of the indicator; for neutral "
        "indicators (more signals can mean better detection) it is called {gestegen} or {gedaald}. With a "
        "denominator smaller than {min_noemer}, or fewer than {min_aantal} events together, the status is: "
        "{onvoldoende}.",
    },
    "o_interval_uitleg": {
        "nl": "Een cijfer dat groot wordt getoond, krijgt een 95%-interval: Wilson voor verhoudingen, exact "
        "(Garwood) voor aantallen. De trechterplot zet elke gemeente af tegen haar noemer, met "
        "controlegrenzen van 95% en 99,8% (exact binomiaal, Spiegelhalter 2005) rond het cijfer van alle "
        "getoonde gemeenten samen, zodat een kleine gemeente niet voor een uitschieter wordt aangezien.",
        "en": "A figure shown large gets a 95% interval: Wilson for rates, exact (Garwood) for counts. The "
        "funnel plot sets each municipality against its denominator, with control limits of 95% and 99.8% "
        "(exact binomial, Spiegelhalter 2005) around the figure of all municipalities shown together, so "
        "that a small municipality is not mistaken for an outlier.",
    },
    "o_effecten": {
        "nl": "Effect tegenover gemeenten die geen proeftuin waren",
        "en": "Effect against municipalities that were not a pilot",
    },
    "o_effecten_nl": {
        "nl": "De volledige beschrijving van de methode hieronder is in het Nederlands. Kort gezegd: ",
        "en": "The full description of the method below is in Dutch. In short: ",
    },
    "o_onthulling": {"nl": "Onthullingscontrole", "en": "Disclosure control"},
    "o_onthulling_overal": {
        "nl": "Dat geldt overal: grafieken, tabellen, de kaart, de teksten bij het aanwijzen, de downloads "
        "en de extracten, die allemaal dezelfde publicatietabellen lezen. Een cijfer dat van een onderdrukt "
        "cijfer is afgeleid (verschil, kloof, status) wordt mee onderdrukt: ook de status, want ook "
        "‘{beter}’ of ‘{te_weinig}’ zegt iets over een klein cijfer. Het cijfer voor de hele bevolking "
        "naast een onderdrukt roma-cijfer wordt weggelaten als het zelf klein is (roma is een deel van "
        "totaal). Een onderdrukt cijfer staat als ‘{onderdrukt}’ of × in beeld, nooit als getal.",
        "en": "That holds everywhere: charts, tables, the map, the texts on hover, the downloads and the "
        "extracts, which all read the same publication tables. A figure derived from a suppressed figure "
        "(difference, gap, status) is suppressed with it: the status too, because ‘{beter}’ or "
        "‘{te_weinig}’ also says something about a small figure. The figure for the whole population beside "
        "a suppressed Roma figure is left out if it is small itself (Roma are part of the whole "
        "population). A suppressed figure appears as ‘{onderdrukt}’ or ×, never as a number.",
    },
    "o_onthulling_audit": {
        "nl": "Bij elke build rekent de monitor na wat iemand die alles tegelijk ziet — de cijfers per "
        "gemeente, de totalen van proeftuinen en overige gemeenten, totaal naast roma, de complementen en "
        "de reden van onderdrukking — nog kan afleiden over elk onderdrukt aantal (lineaire programmering, "
        "zoals τ-ARGUS van het CBS dat doet). Blijven er voor een aantal minder dan {min} mogelijke waarden "
        "over, dan wordt nog een cijfer onderdrukt, of het totaal niet getoond; lukt dat niet, dan wordt er "
        "niets gepubliceerd. De uitkomst van de laatste controle staat op de pagina datakwaliteit.",
        "en": "With every build the monitor works out what someone who sees everything at once — the "
        "figures per municipality, the totals of the pilots and the other municipalities, the whole "
        "population beside Roma, the complements and the reason for suppression — can still infer about "
        "each suppressed count (linear programming, as CBS's τ-ARGUS does). If fewer than {min} possible "
        "values remain for a count, one more figure is suppressed, or the total is not shown; if that "
        "cannot be done, nothing is published. The outcome of the last audit is on the data quality page.",
    },
    "o_voorlopig": {"nl": "Voorlopige cijfers", "en": "Provisional figures"},
    "o_voorlopig_uitleg": {
        "nl": "Net als op CBS StatLine krijgt een voorlopig CBS-cijfer een sterretje (2024*) en in "
        "grafieken een open rondje.",
        "en": "As on CBS StatLine, a provisional CBS figure gets an asterisk (2024*), and an open circle in "
        "charts.",
    },
    "o_bronnen": {"nl": "Bronnen", "en": "Sources"},
    "o_bron_cbs": {"nl": "Bron: CBS / PDOK. ", "en": "Source: CBS / PDOK. "},
    "o_bron_cbs_uitleg": {
        "nl": "Gemeentelijke indeling, gemiddelde bevolking (CBS 70072ned), door de politie geregistreerde "
        "woninginbraken (CBS 47018NED) en de grenzen van gemeenten (2024) en provincies (2023), onder CC-BY "
        "4.0.",
        "en": "Municipal classification, average population (CBS 70072ned), residential burglaries recorded "
        "by the police (CBS 47018NED) and the borders of municipalities (2024) and provinces (2023), under "
        "CC-BY 4.0.",
    },
    "o_kamerbrieven": {
        "nl": "De feiten over de proeftuinen komen uit de Kamerbrieven:",
        "en": "The facts about the pilot municipalities come from the letters to parliament (in Dutch):",
    },
    "o_zie_ook": {"nl": "Zie ook ", "en": "See also "},
    "o_datakwaliteit_link": {"nl": "datakwaliteit", "en": "data quality"},
    "o_zie_ook_na": {"nl": " voor de build op dit scherm.", "en": " for the build on this screen."},
    # ------------------------------------------------------------ /api (the API explained)
    "a_titel": {"nl": "API: de cijfers voor software", "en": "API: the figures for software"},
    "a_serveert": {"nl": "Wat de API serveert", "en": "What the API serves"},
    "a_k_adres": {"nl": "adres", "en": "address"},
    "a_k_wat": {"nl": "wat", "en": "what"},
    "a_k_filters": {"nl": "filters", "en": "filters"},
    "a_fouten": {"nl": "Fouten", "en": "Errors"},
    "a_fouten_uitleg": {
        "nl": "Een fout komt als `application/problem+json` (RFC 9457), in het Nederlands: `title`, "
        "`detail` (wat er mis is en wat u kunt doen), `veld` (de parameter die niet klopte) en `status`. "
        "Nooit een stacktrace.",
        "en": "An error comes as `application/problem+json` (RFC 9457), in Dutch: `title`, `detail` (what "
        "is wrong and what you can do), `veld` (the parameter that was not right) and `status`. Never a "
        "stack trace.",
    },
    "a_fout_400": {
        "nl": "Een parameter klopt niet: een onbekende code, een jaar dat geen jaar is of buiten de reeks "
        "valt, van na tot, een onbekende parameter. `veld` noemt de parameter, `fouten` elke fout.",
        "en": "A parameter is not right: an unknown code, a year that is not a year or lies outside the "
        "series, `van` after `tot`, an unknown parameter. `veld` names the parameter, `fouten` every error.",
    },
    "a_fout_404": {
        "nl": "Dit adres bestaat niet onder /api/v1.",
        "en": "This address does not exist under /api/v1.",
    },
    "a_fout_405": {
        "nl": "De API leest alleen: POST, PUT, PATCH en DELETE zijn niet toegestaan.",
        "en": "The API only reads: POST, PUT, PATCH and DELETE are not allowed.",
    },
    "a_fout_413": {
        "nl": "De vraag levert meer rijen op dan één antwoord mag bevatten, of duurt te lang: filter verder.",
        "en": "The question yields more rows than one answer may hold, or takes too long: filter further.",
    },
    "a_fout_429": {
        "nl": "De server is druk: probeer het na `Retry-After` seconden opnieuw.",
        "en": "The server is busy: try again after `Retry-After` seconds.",
    },
    "a_fout_500": {
        "nl": "Een fout aan onze kant (hoort niet te gebeuren; meld het ons).",
        "en": "An error on our side (should not happen; please tell us).",
    },
    "a_fout_503": {"nl": "Er is nog geen database gebouwd.", "en": "No database has been built yet."},
    "a_bron_indicatoren": {"nl": "De indicatorcatalogus", "en": "The indicator catalogue"},
    "a_bron_indicatoren_uitleg": {
        "nl": "Elke indicator: domein, naam, definitie, eenheid, richting en streefwaarde.",
        "en": "Every indicator: domain, name, definition, unit, direction and target value.",
    },
    "a_bron_gemeenten": {"nl": "Het gemeentenregister", "en": "The register of municipalities"},
    "a_bron_gemeenten_uitleg": {
        "nl": "Elke gemeente van de CBS-indeling in de jaren die de monitor beslaat (niet alleen "
        "proeftuinen), met provincie, proeftuin, startjaar, nulmetingsjaar en herindelingen.",
        "en": "Every municipality of the CBS classification in the years the monitor covers (not only "
        "pilots), with province, pilot, start year, baseline year and mergers.",
    },
    "a_bron_proeftuinen": {"nl": "Het register van proeftuinen", "en": "The register of pilots"},
    "a_bron_proeftuinen_uitleg": {
        "nl": "De proeftuinen (gemeenten en organisaties) met fase, startjaar, subsidie en interventies, "
        "elk feit met zijn bron.",
        "en": "The pilots (municipalities and organisations) with phase, start year, grant and "
        "interventions, each fact with its source.",
    },
    "a_bron_cijfers": {"nl": "De gepubliceerde cijfers", "en": "The published figures"},
    "a_bron_cijfers_uitleg": {
        "nl": "Een rij per gemeente × periode × indicator × doelgroep, met de nulmeting en de status: "
        "dezelfde rijen, kolommen en bytes als `python -m pipeline extract` met dezelfde filters. "
        "Onderdrukte cijfers zijn leeg (teller, noemer, waarde) met onderdrukt = true en de reden.",
        "en": "One row per municipality × period × indicator × target group, with the baseline and the "
        "status: the same rows, columns and bytes as `python -m pipeline extract` with the same filters. "
        "Suppressed figures are empty (numerator, denominator, value) with `onderdrukt` = true and the "
        "reason.",
    },
    "a_bron_vergelijking": {"nl": "Proeftuinen tegen hun nulmeting", "en": "Pilots against their baseline"},
    "a_bron_vergelijking_uitleg": {
        "nl": "Per gemeente, indicator en doelgroep: de nulmeting, het laatste cijfer, het verschil met "
        "interval en de status; status onderdrukt waar een van beide cijfers is onderdrukt.",
        "en": "Per municipality, indicator and target group: the baseline, the latest figure, the "
        "difference with interval and the status; status suppressed where either figure is suppressed.",
    },
    "a_bron_groepen": {"nl": "Totalen over groepen gemeenten", "en": "Totals over groups of municipalities"},
    "a_bron_groepen_uitleg": {
        "nl": "Elk totaal over meerdere gemeenten dat ergens getoond wordt (proeftuinen, overige gemeenten, "
        "…), met de gemeenten die het optelt; leeg waar het een onderdrukt cijfer zou verraden.",
        "en": "Every total over several municipalities that is shown somewhere (pilots, other "
        "municipalities, …), with the municipalities it adds up; empty where it would give away a "
        "suppressed figure.",
    },
    "a_bron_effecten": {"nl": "Effect van de proeftuinen", "en": "Effect of the pilots"},
    "a_bron_effecten_uitleg": {
        "nl": "Per indicator en doelgroep het effect van de proeftuinen tegen niet-proeftuinen "
        "(difference-in-differences) met interval, voortrendtoets, permutatietoets en oordeel; leeg waar te "
        "weinig proeftuinen of te kleine aantallen, met de reden.",
        "en": "Per indicator and target group the effect of the pilots against the other municipalities "
        "(difference-in-differences) with interval, pre-trend test, permutation test and verdict; empty "
        "where there are too few pilots or too small numbers, with the reason.",
    },
    "a_bron_kloof": {"nl": "De kloof roma − totaal", "en": "The gap Roma − whole population"},
    "a_bron_kloof_uitleg": {
        "nl": "Per gemeente en indicator de kloof tussen roma en totaal bij de nulmeting en nu, de "
        "verandering en de voortgang naar halvering; onderdrukt waar een roma-cijfer is onderdrukt.",
        "en": "Per municipality and indicator the gap between Roma and the whole population at the baseline "
        "and now, the change and the progress towards halving it; suppressed where a Roma figure is "
        "suppressed.",
    },
    "a_bron_gebeurtenis": {"nl": "Effect naar jaren sinds de start", "en": "Effect by years since the start"},
    "a_bron_gebeurtenis_uitleg": {
        "nl": "De gebeurtenisstudie: per indicator, doelgroep en aantal jaren sinds de start het effect met "
        "interval.",
        "en": "The event study: per indicator, target group and number of years since the start, the effect "
        "with interval.",
    },
    "a_bron_gevoeligheid": {"nl": "Gevoeligheid van het effect", "en": "Sensitivity of the effect"},
    "a_bron_gevoeligheid_uitleg": {
        "nl": "Het effect met een andere vergelijkingsgroep, weging of aangenomen startjaren.",
        "en": "The effect with another comparison group, weighting or assumed start years.",
    },
    "a_bron_kaart": {"nl": "De kaart", "en": "The map"},
    "a_bron_kaart_uitleg": {
        "nl": "Per gemeente, indicator en doelgroep het laatste cijfer, zijn klasse op de kaart en de "
        "status tegenover de nulmeting.",
        "en": "Per municipality, indicator and target group the latest figure, its class on the map and the "
        "status against the baseline.",
    },
    "a_bron_trechter": {"nl": "Trechterdiagrammen: het centrum", "en": "Funnel plots: the centre"},
    "a_bron_trechter_uitleg": {
        "nl": "Per indicator, doelgroep en jaar het centrum van het trechterdiagram en de gemeenten "
        "waarover het gaat.",
        "en": "Per indicator, target group and year the centre of the funnel plot and the municipalities it "
        "covers.",
    },
    "a_bron_trechter_grenzen": {"nl": "Trechterdiagrammen: de grenzen", "en": "Funnel plots: the limits"},
    "a_bron_trechter_grenzen_uitleg": {
        "nl": "De controlegrenzen (95 % en 99,8 %) van het trechterdiagram per noemer.",
        "en": "The control limits (95% and 99.8%) of the funnel plot per denominator.",
    },
    "a_bron_trechter_punten": {
        "nl": "Trechterdiagrammen: de gemeenten",
        "en": "Funnel plots: the municipalities",
    },
    "a_bron_trechter_punten_uitleg": {
        "nl": "De punten van het trechterdiagram: per gemeente het cijfer en zijn ligging tegenover de "
        "grenzen.",
        "en": "The points of the funnel plot: per municipality the figure and where it lies against the "
        "limits.",
    },
    "a_bron_volledigheid": {"nl": "Volledigheid van de leveringen", "en": "Completeness of the deliveries"},
    "a_bron_volledigheid_uitleg": {
        "nl": "Per gemeente en jaar hoeveel cijfers er zijn.",
        "en": "Per municipality and year how many figures there are.",
    },
    "a_bron_leveringen": {"nl": "Leveringen", "en": "Deliveries"},
    "a_bron_leveringen_uitleg": {
        "nl": "Elk geleverd bestand: geaccepteerd of geweigerd, met de reden en wat er van zijn rijen werd.",
        "en": "Every delivered file: accepted or refused, with the reason and what became of its rows.",
    },
    "a_bron_herkomst": {"nl": "Herkomst van de cijfers", "en": "Provenance of the figures"},
    "a_bron_herkomst_uitleg": {
        "nl": "Uit welk bestand (en van welke leverdatum) elk geleverd cijfer in gebruik komt, onder de "
        "code waarvoor het geleverd is. Alleen de sleutel, het bestand en de datum: geen waarden.",
        "en": "From which file (and which delivery date) each delivered figure comes into use, under the "
        "code it was delivered for. Only the key, the file and the date: no values.",
    },
    "a_bron_quarantaine": {"nl": "Quarantaine", "en": "Quarantine"},
    "a_bron_quarantaine_uitleg": {
        "nl": "Afgewezen rijen per bestand, rij en kolom, met de regel die ze braken.",
        "en": "Rejected rows by file, row and column, with the rule they broke.",
    },
    "a_bron_regels": {"nl": "Regels van deze build", "en": "Rules of this build"},
    "a_bron_regels_uitleg": {
        "nl": "De drempels die deze build gebruikte (onthulling, status, …).",
        "en": "The thresholds this build used (disclosure, status, …).",
    },
    "a_bron_teksten": {"nl": "Toelichtingen", "en": "Explanations"},
    "a_bron_teksten_uitleg": {
        "nl": "Teksten die de build schreef om zijn cijfers uit te leggen.",
        "en": "Texts the build wrote to explain its figures (in Dutch).",
    },
    "a_bron_controle": {"nl": "Controle op onthulling", "en": "Disclosure audit"},
    "a_bron_controle_uitleg": {
        "nl": "De uitkomst van de controle op onthulling van deze build.",
        "en": "The outcome of the disclosure audit of this build.",
    },
}
