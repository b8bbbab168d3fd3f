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
        "en": "In English so far: the menu, this frame and the progress reports (PDF); the pages themselves "
        "are still in Dutch.",
    },
}
