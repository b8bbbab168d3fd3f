"""`/over`: what the monitor measures, the definitions, the rules, the sources and the credit."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import components, fmt, taal, urlstate
from dashboard.data import monitor

PATH = "/over"
dash.register_page(
    __name__, path=PATH, name="Over", title="Over deze monitor – Monitor Inclusie Roma", order=5
)
RICHTING = {"lager_beter": "lager is beter", "hoger_beter": "hoger is beter", "neutraal": "neutraal"}


def layout(_sync: object = None, **params: object) -> object:
    return taal.checked(params, lambda: urlstate.layout_or_keep(PATH, {}, _sync, page))


def page() -> html.Div:
    m = monitor()
    r = m.regel
    build = m.build()
    cat = m.indicatoren()
    rows = [
        [
            r.naam,
            r.domein_naam,
            r.definitie,
            r.eenheid,
            RICHTING[r.richting],
            fmt.value(r.streefwaarde, int(r.vermenigvuldiger)) if not fmt.is_missing(r.streefwaarde) else "–",
            "CBS" if r.bron == "cbs" else "gemeente",
            html.Code(r.indicator),
        ]
        for r in cat.itertuples()
    ]
    reg = m.proeftuinen()
    letters = sorted({src for col in reg.columns if col.startswith("bron_") for src in reg[col].dropna()})
    return html.Div(
        [
            urlstate.page_key(PATH, {}),
            *components.page_header(
                "Over deze monitor",
                "De Monitor Inclusie Roma volgt hoe het gaat met Roma in vier domeinen — onderwijs "
                "(verzuim), werk, "
                "wonen en veiligheid — en of de proeftuinen van het programma Aanpak uitbuiting Roma "
                "kinderen "
                "(2011–2016) verschil hebben gemaakt.",
            ),
            html.P(
                [
                    html.Strong("De roma-cijfers die met dit project worden meegeleverd zijn synthetisch. "),
                    "Ze komen uit een generator met een vaste seed en zeggen niets over echte "
                    "gezinnen of gemeenten. "
                    "Alleen de CBS/PDOK-referentiedata (gemeentelijke indeling, bevolking, "
                    "woninginbraken, grenzen) "
                    "zijn echt."
                    + (
                        " De build op dit scherm gebruikt die synthetische steekproef."
                        if build.synthetisch
                        else ""
                    ),
                ],
                className="synthetisch",
            ),
            components.section(
                "Wat er gemeten wordt",
                [
                    html.P(
                        "Gemeenten leveren per jaar geanonimiseerde, opgetelde cijfers (teller en "
                        "noemer), nooit "
                        "gegevens over personen, voor twee doelgroepen: roma (de doelgroep zoals de "
                        "gemeente die uit "
                        "haar dossiers kent) en totaal (de hele bevolking van dezelfde leeftijd in "
                        "die gemeente). "
                        "Woninginbraken komen van het CBS en gelden alleen voor totaal."
                    ),
                    components.table(
                        [
                            "Indicator",
                            "Domein",
                            "Definitie",
                            "Eenheid",
                            "Richting",
                            "Streefwaarde",
                            "Bron",
                            "Code",
                        ],
                        rows,
                        caption="De indicatorcatalogus",
                    ),
                ],
            ),
            components.section(
                "De nulmeting",
                [
                    html.P(
                        f"De nulmeting van een proeftuin is het laatste jaar vóór de start: startjaar − "
                        f"{fmt.number(r('nulmeting.jaren_voor_start'))} (een proeftuin die in 2011 begon "
                        "heeft "
                        "nulmeting 2010, bij "
                        f"schooljaren 2010-2011). Een gemeente die geen proeftuin was krijgt "
                        f"{int(r('nulmeting.jaar_zonder_proeftuin'))}, het jaar vóór het programma. "
                        "Heeft dat "
                        "jaar geen "
                        f"bruikbaar cijfer, dan geldt het dichtstbijzijnde eerdere jaar, hooguit "
                        f"{fmt.number(r('nulmeting.max_jaren_terug'))} jaar terug; anders: "
                        "onvoldoende gegevens."
                    )
                ],
            ),
            components.section(
                "Status en verschil",
                [
                    html.P(
                        "Het verschil is het laatste cijfer min de nulmeting. Een verandering telt "
                        "alleen als ze buiten "
                        f"het toeval valt (tweezijdig, α = {fmt.number(r('status.alpha'), 2)}): bij "
                        "verhoudingen moet het "
                        "95%-interval van Newcombe voor het verschil van twee proporties de nul "
                        "uitsluiten, bij aantallen "
                        "geeft de exacte conditionele toets voor twee Poisson-aantallen de doorslag. "
                        "Verbeterd of "
                        "verslechterd volgt de richting van de indicator; bij neutrale indicatoren "
                        "(meer signalen kan "
                        "betere signalering zijn) heet het gestegen of gedaald. Met een noemer kleiner dan "
                        f"{fmt.number(r('status.min_noemer'))}, of samen minder dan "
                        f"{fmt.number(r('status.min_aantal'))} "
                        "gebeurtenissen, is de "
                        "status: onvoldoende gegevens."
                    ),
                    html.P(
                        "Een cijfer dat groot wordt getoond, krijgt een 95%-interval: Wilson voor "
                        "verhoudingen, exact "
                        "(Garwood) voor aantallen. De trechterplot zet elke gemeente af tegen haar "
                        "noemer, met "
                        "controlegrenzen van 95% en 99,8% (exact binomiaal, Spiegelhalter 2005) rond "
                        "het cijfer van "
                        "alle getoonde gemeenten samen, zodat een kleine gemeente niet voor een "
                        "uitschieter wordt "
                        "aangezien."
                    ),
                    components.status_legend(),
                ],
            ),
            components.section(
                "Effect tegenover gemeenten die geen proeftuin waren",
                [dcc.Markdown(m.tekst("effecten"), className="uitleg")],
                section_id="effecten",
            ),
            components.section(
                "Onthullingscontrole",
                [
                    html.P(fmt.suppression_note()),
                    html.P(
                        "Dat geldt overal: grafieken, tabellen, de kaart, de teksten bij het aanwijzen, de "
                        "downloads en de extracten, die allemaal dezelfde publicatietabellen lezen. Een "
                        "cijfer dat van een onderdrukt cijfer is afgeleid (verschil, kloof, status) wordt "
                        "mee onderdrukt: ook de status, want ook ‘verbeterd’ of ‘onvoldoende gegevens’ "
                        "zegt iets over een klein cijfer. Het cijfer voor de hele bevolking naast een "
                        "onderdrukt roma-cijfer wordt weggelaten als het zelf klein is (roma is een deel "
                        "van totaal). Een onderdrukt cijfer staat als ‘onderdrukt’ of × in beeld, nooit "
                        "als getal."
                    ),
                    html.P(
                        "Bij elke build rekent de monitor na wat iemand die alles tegelijk ziet — de "
                        "cijfers per gemeente, de totalen van proeftuinen en overige gemeenten, totaal "
                        "naast roma, de complementen en de reden van onderdrukking — nog kan afleiden "
                        "over elk onderdrukt aantal (lineaire programmering, zoals τ-ARGUS van het CBS "
                        "dat doet). Blijven er voor een aantal minder dan "
                        f"{fmt.number(r('onthulling.min_mogelijke_waarden'))} mogelijke waarden over, "
                        "dan wordt nog een cijfer onderdrukt, of het totaal niet getoond; lukt dat niet, "
                        "dan wordt er niets gepubliceerd. De uitkomst van de laatste controle staat op "
                        "de pagina datakwaliteit."
                    ),
                ],
            ),
            components.section(
                "Voorlopige cijfers",
                [
                    html.P(
                        "Net als op CBS StatLine krijgt een voorlopig CBS-cijfer een sterretje "
                        "(2024*) en in grafieken "
                        "een open rondje."
                    )
                ],
            ),
            components.section(
                "Bronnen",
                [
                    html.P(
                        [
                            html.Strong("Bron: CBS / PDOK. "),
                            "Gemeentelijke indeling, gemiddelde bevolking (CBS 70072ned), door de politie "
                            "geregistreerde woninginbraken (CBS 47018NED) en de grenzen van "
                            "gemeenten (2024) en "
                            "provincies (2023), onder CC-BY 4.0.",
                        ]
                    ),
                    html.P("De feiten over de proeftuinen komen uit de Kamerbrieven:"),
                    html.Ul([html.Li(letter) for letter in letters]),
                    html.P(
                        [
                            "Zie ook ",
                            dcc.Link("datakwaliteit", href="/datakwaliteit"),
                            " voor de build op dit scherm.",
                        ]
                    ),
                ],
            ),
        ]
    )
