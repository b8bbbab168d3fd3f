"""The delivery template (`python -m pipeline sjabloon`, and the download on `/controleren`).

An `.xlsx` a municipal data officer fills in Excel: the sheet `levering` with the header of the
delivery format (CONTRACT §1) and data validation on every column — the municipality, the period,
the indicator codes and doelgroepen as drop-down lists, `teller` and `noemer` as whole numbers
only —; the sheet `uitleg` with how to fill it, each indicator's definition and unit from the
catalogue, and the lists the drop-downs read; and the sheet `voorbeeld`, a few rows filled in
correctly. Everything comes from the catalogue, the register and the settings, so the template
cannot promise what the check would refuse: filled in within its lists, it passes `check`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.config import MUNICIPALITY_REGISTER_FILE, Indicator, load_reference, load_settings
from pipeline.intake.readers import COLUMNS, REQUIRED, XLSX_SHEET
from pipeline.vocabulary import DOELGROEPEN

SHEET_UITLEG = "uitleg"
SHEET_VOORBEELD = "voorbeeld"
ROWS = 5_000  # rows of `levering` that carry the validation (a national delivery has fewer per municipality)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
BOLD = Font(bold=True)
# What each column holds, for the uitleg and the input message of its validation.
COLUMN_HELP = {
    "gemeente_code": "CBS-code van de gemeente, zoals GM0228",
    "periode": "kalenderjaar (2016) of schooljaar (2016-2017), zoals de indicator vraagt",
    "indicator": "een code uit de lijst; zie het blad uitleg",
    "doelgroep": "roma of totaal (de hele bevolking van de gemeente)",
    "teller": "aantal: een heel getal, 0 of meer, zonder punten of decimalen",
    "noemer": "aantal waarover de verhouding gaat: een heel getal, minstens de teller; leeg bij een aantal",
    "bron": "vrije tekst: waar het cijfer vandaan komt (niet verplicht)",
    "peildatum": "datum waarop is geteld, zoals 2016-10-01 (niet verplicht)",
    "opmerking": "vrije tekst, wordt nooit gepubliceerd (niet verplicht); geen namen of andere gegevens "
    "over personen",
}


class UnknownMunicipality(ValueError):
    """`--gemeente` names no municipality of the CBS register."""


@dataclass(frozen=True)
class Municipality:
    code: str
    naam: str


def municipalities(reference_dir: Path) -> list[Municipality]:
    """The municipalities of the latest year of the CBS register, by code."""
    with (reference_dir / MUNICIPALITY_REGISTER_FILE).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    latest = max(int(r["jaar"]) for r in rows)
    return sorted(
        {
            Municipality(r["gemeentecode"], r["gemeentenaam"])
            for r in rows
            if int(r["jaar"]) == latest and r.get("actief_op_1_jan", "1") == "1"
        },
        key=lambda m: m.code,
    )


def known_code(text: str, reference_dir: Path) -> Municipality:
    """`GM0228`, `0228` or `228` → the municipality of the latest register; UnknownMunicipality else."""
    digits = text.strip().upper().removeprefix("GM")
    code = "GM" + digits.zfill(4) if digits.isdigit() and len(digits) <= 4 else text.strip()
    for m in municipalities(reference_dir):
        if m.code == code:
            return m
    raise UnknownMunicipality(
        f"{text!r} is geen gemeente in het CBS-register van dit jaar; gebruik een code zoals GM0228"
    )


def periods(first: int, last: int) -> list[str]:
    """Every period the check accepts, latest first: school years, then calendar years."""
    years = range(last, first - 1, -1)
    return [f"{y}-{y + 1}" for y in years] + [str(y) for y in years]


def delivered(reference_dir: Path) -> list[Indicator]:
    """The indicators a municipality delivers (the catalogue's `bron = gemeente`), in catalogue order."""
    ref = load_reference(reference_dir.parent)
    return sorted((i for i in ref.indicatoren if i.bron == "gemeente"), key=lambda i: i.volgorde)


def default_name(gemeente: str | None = None) -> str:
    return f"levering-sjabloon-{gemeente}.xlsx" if gemeente else "levering-sjabloon.xlsx"


def template(reference_dir: Path, gemeente: str | None = None, today: date | None = None) -> bytes:
    """The delivery template as `.xlsx` bytes; `gemeente` (any form of a CBS code) limits the
    municipality to that one."""
    today = today or date.today()
    settings = load_settings()
    first, last = settings.validatie.eerste_jaar, today.year
    indicators = delivered(reference_dir)
    register = municipalities(reference_dir)
    own = known_code(gemeente, reference_dir) if gemeente else None

    wb = Workbook()
    levering = wb.active
    levering.title = XLSX_SHEET
    uitleg = wb.create_sheet(SHEET_UITLEG)
    voorbeeld = wb.create_sheet(SHEET_VOORBEELD)
    lists = _uitleg(uitleg, indicators, periods(first, last), [own] if own else register, own, settings)
    _levering(levering, lists, settings.validatie.max_aantal, first, today)
    _voorbeeld(voorbeeld, indicators, own.code if own else register[0].code, last)
    for ws in (levering, uitleg, voorbeeld):
        ws.sheet_view.zoomScale = 110
    wb.properties.creator = "Monitor Inclusie Roma"
    wb.properties.title = "Leversjabloon Monitor Inclusie Roma"
    stamp = datetime(today.year, today.month, today.day)
    wb.properties.created = wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _header(ws: Worksheet, row: int, names: list[str], widths: list[int] | None = None) -> None:
    for k, name in enumerate(names, start=1):
        cell = ws.cell(row=row, column=k, value=name)
        cell.font, cell.fill = BOLD, HEADER_FILL
        if widths:
            ws.column_dimensions[get_column_letter(k)].width = widths[k - 1]


@dataclass(frozen=True)
class Lists:
    """Where the drop-down lists of `levering` live on the sheet `uitleg` (absolute references)."""

    indicatoren: str
    perioden: str
    gemeenten: str


def _uitleg(
    ws: Worksheet,
    indicators: list[Indicator],
    period_list: list[str],
    gemeenten: list[Municipality],
    own: Municipality | None,
    settings: object,
) -> Lists:
    lines = [
        "Leversjabloon Monitor Inclusie Roma",
        "Vul het blad 'levering' in: één rij per gemeente, periode, indicator en doelgroep. De keuzelijsten "
        "bevatten alleen waarden die de monitor kent.",
        "Lever voor elke indicator de doelgroep roma én, als u die heeft, totaal (de hele bevolking). "
        "Het cijfer voor roma kan nooit groter zijn dan dat voor totaal.",
        "Sla het bestand op als JJJJ-MM-DD_omschrijving.xlsx, met de datum van vandaag, bijvoorbeeld "
        f"{date.today().isoformat()}_levering.xlsx. Een latere levering vervangt een eerdere voor "
        "dezelfde rij.",
        "Zet nooit gegevens over personen in het bestand (namen, BSN, geboortedata, adressen, e-mail, "
        "telefoonnummers), ook niet in een ander of verborgen blad: dan wordt het hele bestand geweigerd.",
        "Controleer het bestand vóór het versturen op de pagina /controleren van de monitor (er wordt "
        "niets bewaard), of met: python -m pipeline check BESTAND.",
    ]
    if own:
        lines.insert(1, f"Dit sjabloon is voor {own.naam} ({own.code}).")
    for r, text in enumerate(lines, start=1):
        ws.cell(row=r, column=1, value=text).font = Font(bold=True, size=14) if r == 1 else Font()

    row = len(lines) + 2
    ws.cell(row=row, column=1, value="Kolommen van het blad levering").font = BOLD
    row += 1
    _header(ws, row, ["kolom", "verplicht", "inhoud"])
    for c in COLUMNS:
        row += 1
        ws.cell(row=row, column=1, value=c)
        ws.cell(
            row=row,
            column=2,
            value="ja" if c in REQUIRED else ("bij een verhouding" if c == "noemer" else "nee"),
        )
        ws.cell(row=row, column=3, value=COLUMN_HELP[c])

    row += 2
    ws.cell(row=row, column=1, value="Indicatoren (de catalogus van de monitor)").font = BOLD
    row += 1
    _header(
        ws,
        row,
        ["indicator", "domein", "omschrijving", "definitie", "eenheid", "periode", "noemer"],
        [26, 12, 34, 70, 28, 14, 48],
    )
    top = row + 1
    for i in indicators:
        row += 1
        values = [
            i.code,
            i.domein,
            i.naam,
            i.definitie,
            i.eenheid,
            i.periodetype,
            i.noemer_omschrijving if i.is_rate else "geen: een aantal, alleen de teller",
        ]
        for k, v in enumerate(values, start=1):
            cell = ws.cell(row=row, column=k, value=v)
            cell.alignment = Alignment(wrap_text=k in (3, 4, 7), vertical="top")
    indicator_ref = f"{SHEET_UITLEG}!$A${top}:$A${row}"

    # the lists of the other drop-downs, to the right of the indicators
    head = len(lines) + 3
    for col, name, width in ((9, "periode", 12), (11, "gemeente_code", 14), (12, "gemeente", 28)):
        cell = ws.cell(row=head, column=col, value=name)
        cell.font, cell.fill = BOLD, HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions["H"].width = ws.column_dimensions["J"].width = 2
    start = head + 1
    for k, p in enumerate(period_list):
        ws.cell(row=start + k, column=9, value=p)
    for k, m in enumerate(gemeenten):
        ws.cell(row=start + k, column=11, value=m.code)
        ws.cell(row=start + k, column=12, value=m.naam)
    return Lists(
        indicatoren=indicator_ref,
        perioden=f"{SHEET_UITLEG}!$I${start}:$I${start + len(period_list) - 1}",
        gemeenten=f"{SHEET_UITLEG}!$K${start}:$K${start + len(gemeenten) - 1}",
    )


def _levering(ws: Worksheet, lists: Lists, max_aantal: int, first: int, today: date) -> None:
    _header(ws, 1, list(COLUMNS), [15, 12, 26, 11, 11, 11, 24, 12, 30])
    ws.freeze_panes = "A2"
    column = {c: get_column_letter(k) for k, c in enumerate(COLUMNS, start=1)}
    for c in ("gemeente_code", "periode", "indicator", "doelgroep", "bron", "opmerking"):
        ws.column_dimensions[column[c]].number_format = "@"  # text: 2016-2017 is no sum, 0228 keeps its 0

    def add(c: str, dv: DataValidation, error: str) -> None:
        dv.error, dv.errorTitle = error, "Waarde niet toegestaan"
        dv.prompt, dv.promptTitle = COLUMN_HELP[c], c
        dv.showErrorMessage = dv.showInputMessage = True
        dv.add(f"{column[c]}2:{column[c]}{ROWS + 1}")
        ws.add_data_validation(dv)

    def listed(ref: str) -> DataValidation:
        return DataValidation(type="list", formula1=f"={ref}", allow_blank=True)

    add("gemeente_code", listed(lists.gemeenten), "Kies de CBS-code van de gemeente uit de lijst.")
    add("periode", listed(lists.perioden), "Kies een kalenderjaar (2016) of schooljaar (2016-2017).")
    add("indicator", listed(lists.indicatoren), "Kies een indicator uit de lijst (blad uitleg).")
    inline = '"' + ",".join(DOELGROEPEN) + '"'
    add("doelgroep", DataValidation(type="list", formula1=inline, allow_blank=True), "Kies roma of totaal.")
    for c, low in (("teller", 0), ("noemer", 1)):
        add(
            c,
            DataValidation(
                type="whole",
                operator="between",
                formula1=str(low),
                formula2=str(max_aantal),
                allow_blank=True,
            ),
            f"Vul een heel getal in van {low} tot {max_aantal}, zonder punten of decimalen.",
        )
    add(
        "peildatum",
        DataValidation(
            type="date",
            operator="between",
            formula1=_serial(date(first, 1, 1)),
            formula2=_serial(today),
            allow_blank=True,
        ),
        f"Vul een datum in tussen 1-1-{first} en vandaag.",
    )
    for c in ("bron", "opmerking"):
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="500", allow_blank=True)
        add(c, dv, "Hooguit 500 tekens.")


def _serial(d: date) -> str:
    """A date as Excel's serial number (days since 1899-12-30), as a validation formula needs it."""
    return str((d - date(1899, 12, 30)).days)


def _voorbeeld(ws: Worksheet, indicators: list[Indicator], code: str, last: int) -> None:
    """A few rows filled in correctly: a rate for both doelgroepen, and a count."""
    _header(ws, 1, list(COLUMNS), [15, 12, 26, 11, 11, 11, 24, 12, 30])
    rate = next(i for i in indicators if i.is_rate and i.periodetype == "schooljaar")
    yearly = next(i for i in indicators if i.is_rate and i.periodetype == "kalenderjaar")
    count = next((i for i in indicators if not i.is_rate), None)
    year = last - 1
    school = f"{year - 1}-{year}"
    rows: list[list[object]] = [
        [code, school, rate.code, "roma", 12, 140, "leerplichtadministratie", f"{year - 1}-10-01", ""],
        [code, school, rate.code, "totaal", 95, 16_250, "leerplichtadministratie", f"{year - 1}-10-01", ""],
        [code, str(year), yearly.code, "roma", 48, 310, "eigen registratie", f"{year}-12-31", ""],
        [code, str(year), yearly.code, "totaal", 2_150, 41_800, "eigen registratie", f"{year}-12-31", ""],
    ]
    if count is not None:
        rows.append(
            [
                code,
                str(year) if count.periodetype == "kalenderjaar" else school,
                count.code,
                "roma",
                7,
                None,
                "eigen registratie",
                "",
                "voorbeeld van een aantal: geen noemer",
            ]
        )
    for r in rows:
        ws.append(r)
