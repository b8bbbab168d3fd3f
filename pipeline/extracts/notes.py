"""What an extract says about itself: title, the synthetic-data warning, sources, licence, caveats.

One text for every place it appears (datapackage.json, the xlsx sheet "bronnen en toelichting",
the command line), so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config import load_settings
from pipeline.extracts.safety import PREFIX
from pipeline.vocabulary import nl_number, suppression_explanation

TITLE = "Monitor Inclusie Roma — cijfers per gemeente"
ATTRIBUTION = "Bron: CBS / PDOK"
CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.nl",
    "title": "Creative Commons Naamsvermelding 4.0 Internationaal",
}
SYNTHETIC_WARNING = (
    "SYNTHETISCHE GEGEVENS: de cijfers voor de doelgroep roma en de gemeentelijke cijfers voor "
    "totaal in dit extract zijn gemaakt door de generator van de monitor, niet gemeten. Ze gaan niet "
    "over echte gezinnen en horen in geen rapport. Alleen de CBS-cijfers zijn echt."
)
MEASURED = "Gemeten cijfers: gemeentelijke leveringen aan de monitor en open data van het CBS."


def _explanation() -> str:
    r = load_settings().onthulling
    return suppression_explanation(r.min_noemer, r.teller_min, r.teller_max)


def suppression() -> str:
    """How cells are suppressed, the secondary rule included (codebook, notes sheet)."""
    return (
        _explanation() + " Een cijfer voor totaal wordt ook weggelaten als het cijfer voor "
        "roma van dezelfde gemeente, periode en indicator is onderdrukt en het totaal zelf ook klein "
        "is (een teller of noemer min teller van 0 tot en met de drempel, of een kleine noemer): de "
        "roma-gezinnen horen bij het totaal, dus een klein totaal verraadt het roma-cijfer. Waar een "
        "totaal over gemeenten een onderdrukt cijfer zou verraden, wordt nog een cijfer of het "
        "totaal weggelaten (zie reden_onderdrukt); bij elke build controleert de monitor met lineaire "
        "programmering dat geen onderdrukt aantal uit alles wat gepubliceerd is op minder dan drie "
        "mogelijke waarden uitkomt."
    )


@dataclass(frozen=True)
class Source:
    title: str
    path: str | None
    description: str
    cbs: bool  # open data of the CBS: CC-BY 4.0, credited as ATTRIBUTION


def sources(synthetic: bool) -> tuple[Source, ...]:
    """Where the figures come from, municipal deliveries first."""
    deliveries = Source(
        "Gemeentelijke leveringen aan de Monitor Inclusie Roma"
        + (" (synthetische steekproef)" if synthetic else ""),
        None,
        "Geanonimiseerde, geaggregeerde cijfers per gemeente, periode, indicator en doelgroep; de "
        "enige bron voor de doelgroep roma."
        + (" In deze build gemaakt door de generator van de monitor, niet gemeten." if synthetic else ""),
        cbs=False,
    )
    return (
        deliveries,
        Source(
            "CBS — Gemeentelijke indeling per jaar (2016–2025)",
            "https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/gemeentelijke-indelingen-per-jaar",
            "Gemeentecodes, -namen en provincies.",
            cbs=True,
        ),
        Source(
            "CBS — Regionale kerncijfers Nederland (70072ned)",
            "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/70072ned",
            "Gemiddelde bevolking per gemeente: de noemer van woninginbraak.",
            cbs=True,
        ),
        Source(
            "CBS/Politie — Geregistreerde misdrijven (47018NED)",
            "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/47018NED",
            "Woninginbraken per gemeente (doelgroep totaal), met de voorlopig-markering van het CBS.",
            cbs=True,
        ),
    )


def description(synthetic: bool) -> str:
    """The paragraph that opens datapackage.json."""
    return " ".join(
        [
            SYNTHETIC_WARNING if synthetic else MEASURED,
            "Eén rij per gemeente, periode, indicator en doelgroep, met de nulmeting en de status van "
            "het laatste cijfer tegenover de nulmeting.",
            "Kleine aantallen voor de doelgroep roma zijn onderdrukt (kolom onderdrukt).",
            f"CBS-cijfers: {CC_BY['title']} (CC BY 4.0); vermeld '{ATTRIBUTION}'.",
            "Het manifest-id noemt de build waar dit extract uit komt; hetzelfde id en dezelfde filters "
            "geven byte voor byte dezelfde bestanden.",
        ]
    )


def sheet(
    synthetic: bool, manifest_id: str, filters: dict[str, object], rows: int, suppressed: int
) -> list[tuple[str, str]]:
    """The rows of the xlsx sheet "bronnen en toelichting": (onderwerp, tekst)."""
    chosen = (
        "; ".join(
            f"{k} {', '.join(map(str, v)) if isinstance(v, list) else v}"
            for k, v in filters.items()
            if v not in (None, [])
        )
        or "geen: alles"
    )
    out = [
        ("LET OP" if synthetic else "Gegevens", SYNTHETIC_WARNING if synthetic else MEASURED),
        ("Titel", TITLE),
        ("Build (manifest-id)", manifest_id),
        ("Filters", chosen),
        ("Rijen", f"{nl_number(rows)} cijfers, waarvan {nl_number(suppressed)} onderdrukt"),
        ("Onderdrukking", suppression()),
        (
            "Spreadsheets",
            f"Tekst die met =, +, - of @ begint, krijgt een {PREFIX} ervoor, zodat "
            "een spreadsheet hem niet als formule uitvoert.",
        ),
        ("Opmerkingen", "De vrije opmerkingen uit de leveringen worden nooit gepubliceerd."),
        ("Licentie CBS-cijfers", f"{CC_BY['title']} ({CC_BY['path']}); vermeld '{ATTRIBUTION}'."),
    ]
    for s in sources(synthetic):
        out.append((f"Bron: {s.title}", s.description + (f" {s.path}" if s.path else "")))
    out.append(
        (
            "Codeboek",
            "Het tabblad codeboek beschrijft elke kolom; datapackage.json "
            "(Frictionless Data Package) zegt hetzelfde voor machines.",
        )
    )
    return out
