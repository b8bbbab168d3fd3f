"""The codebook: every column of an extract, in its fixed order, with type, description and unit.

Ministries build reports on these names; they do not change between releases. A new column goes
at the end. The datapackage, the xlsx codebook sheet and the parquet schema are all made from
this list, so what the files say about a column is what the codebook says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from pipeline.extracts import notes
from pipeline.extracts.safety import PREFIX

TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
DECIMALS = 4  # waarde and nulmeting_waarde; teller and noemer are exact


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string | integer | number | boolean
    title: str
    description: str
    unit: str
    constraints: dict = field(default_factory=dict)

    @property
    def arrow(self) -> pa.DataType:
        return TYPES[self.type]


COLUMNS: tuple[Column, ...] = (
    Column(
        "synthetisch",
        "boolean",
        "Synthetisch",
        "Waar als de cijfers uit de synthetische steekproef komen (gemaakt door de generator van "
        "de monitor, niet gemeten) en dus niet over echte gezinnen gaan. Alleen de CBS-cijfers "
        "(doelgroep totaal, indicator woninginbraak) zijn dan echt.",
        "ja/nee",
        {"required": True},
    ),
    Column(
        "gemeente_code",
        "string",
        "Gemeentecode",
        "CBS-code van de gemeente: GM gevolgd door vier cijfers.",
        "code",
        {"required": True, "pattern": "GM[0-9]{4}"},
    ),
    Column(
        "gemeente_naam",
        "string",
        "Gemeente",
        "Naam van de gemeente, de laatste in de gemeentelijke indeling van het CBS.",
        "naam",
    ),
    Column(
        "periode",
        "string",
        "Periode",
        "Kalenderjaar (2016) of schooljaar (2016-2017) waarover het cijfer gaat.",
        "jaar of schooljaar",
        {"required": True, "pattern": "[0-9]{4}(-[0-9]{4})?"},
    ),
    Column(
        "jaar",
        "integer",
        "Jaar",
        "Het kalenderjaar, of het eerste jaar van het schooljaar. De filters --van en --tot gaan "
        "over deze kolom.",
        "jaar",
        {"required": True},
    ),
    Column(
        "domein",
        "string",
        "Domein",
        "Domein van de indicator: verzuim (onderwijs), arbeid (werk), wonen of veiligheid.",
        "code",
        {"required": True},
    ),
    Column(
        "indicator",
        "string",
        "Indicator",
        "Code van de indicator uit de indicatorcatalogus (tabel indicatoren); ligt vast.",
        "code",
        {"required": True},
    ),
    Column("indicator_naam", "string", "Naam van de indicator", "Naam van de indicator.", "naam"),
    Column(
        "eenheid",
        "string",
        "Eenheid",
        "Hoe waarde te lezen is: 'per 100 leerplichtigen' (teller / noemer × 100), 'per 1.000 "
        "inwoners' (× 1.000), of een aantal ('aantal meldingen': waarde is de teller).",
        "tekst",
    ),
    Column(
        "doelgroep",
        "string",
        "Doelgroep",
        "roma: de doelgroep zoals de gemeente die uit haar dossiers kent; totaal: de hele "
        "bevolking van dezelfde leeftijdsgroep in de gemeente (roma inbegrepen).",
        "code",
        {"required": True},
    ),
    Column(
        "teller",
        "integer",
        "Teller",
        "Het aantal (personen, huishoudens, meldingen) waarover het cijfer gaat; bij een aantal "
        "is dit het cijfer zelf. Leeg als het cijfer is onderdrukt.",
        "aantal",
        {"minimum": 0},
    ),
    Column(
        "noemer",
        "integer",
        "Noemer",
        "Het aantal waarop de teller betrekking heeft (bijvoorbeeld alle leerplichtigen). Leeg "
        "bij aantallen en als het cijfer is onderdrukt.",
        "aantal",
        {"minimum": 0},
    ),
    Column(
        "waarde",
        "number",
        "Waarde",
        f"teller / noemer × de vermenigvuldiger van de indicator (zie eenheid), of de teller bij "
        f"een aantal; afgerond op {DECIMALS} decimalen. Leeg als het cijfer is onderdrukt.",
        "zie kolom eenheid",
        {"minimum": 0},
    ),
    Column("onderdrukt", "boolean", "Onderdrukt", notes.suppression(), "ja/nee", {"required": True}),
    Column(
        "voorlopig",
        "boolean",
        "Voorlopig",
        "Waar als het CBS dit cijfer (nog) voorlopig noemt; alleen CBS-cijfers kunnen voorlopig zijn.",
        "ja/nee",
    ),
    Column(
        "nulmeting_periode",
        "string",
        "Periode van de nulmeting",
        "De periode van de nulmeting van deze gemeente, indicator en doelgroep: het laatste jaar "
        "vóór de gemeente proeftuin werd (2010 voor andere gemeenten), of het dichtstbijzijnde "
        "eerdere jaar met een cijfer. Leeg als er geen nulmeting is.",
        "jaar of schooljaar",
    ),
    Column(
        "nulmeting_waarde",
        "number",
        "Waarde bij de nulmeting",
        f"De waarde van de nulmeting (zelfde eenheid als waarde), afgerond op {DECIMALS} decimalen. "
        "Leeg als er geen nulmeting is of als het cijfer van de nulmeting is onderdrukt.",
        "zie kolom eenheid",
        {"minimum": 0},
    ),
    Column(
        "nulmeting_onderdrukt",
        "boolean",
        "Nulmeting onderdrukt",
        "Waar als het cijfer van de nulmeting is onderdrukt (zie onderdrukt). Leeg als er geen nulmeting is.",
        "ja/nee",
    ),
    Column(
        "laatste_periode",
        "string",
        "Laatste periode",
        "De periode van het laatste cijfer na de nulmeting, waarmee status de nulmeting vergelijkt.",
        "jaar of schooljaar",
    ),
    Column(
        "status",
        "string",
        "Status tegenover de nulmeting",
        "Het laatste cijfer tegenover de nulmeting, rekening houdend met de richting van de "
        "indicator en de omvang van de aantallen: verbeterd, gelijk gebleven, verslechterd of "
        "onvoldoende gegevens; bij neutrale indicatoren gestegen, gelijk gebleven of gedaald; "
        "onderdrukt als het cijfer van de nulmeting of het laatste cijfer is onderdrukt (ook een "
        "status zegt iets over een klein cijfer). Zelfde op elke rij van dezelfde gemeente, "
        "indicator en doelgroep.",
        "categorie",
    ),
    Column(
        "bron",
        "string",
        "Bron",
        f"Herkomst van het cijfer: de CBS-tabel, of de bron die de gemeente in haar levering "
        f"noemde (vrije tekst). Begint een tekst met =, +, - of @, dan staat er een {PREFIX} voor, "
        f"zodat een spreadsheet hem niet als formule uitvoert.",
        "tekst",
    ),
    Column(
        "reden_onderdrukt",
        "string",
        "Reden van onderdrukking",
        "Waarom het cijfer is onderdrukt: kleine aantallen (de regel zelf), beschermt een ander "
        "onderdrukt cijfer (zodat een totaal over gemeenten geen klein cijfer verraadt), of totaal "
        "naast een onderdrukt roma-cijfer (roma is een deel van totaal). Leeg als het cijfer "
        "gepubliceerd is.",
        "tekst",
    ),
)

NAMES = tuple(c.name for c in COLUMNS)
PRIMARY_KEY = ("gemeente_code", "periode", "indicator", "doelgroep")


def arrow_schema() -> pa.Schema:
    """The typed schema of the figures (parquet), with each column's description as metadata."""
    return pa.schema(
        [
            pa.field(
                c.name,
                c.arrow,
                nullable=not c.constraints.get("required", False),
                metadata={"description": c.description, "unit": c.unit},
            )
            for c in COLUMNS
        ]
    )
