"""Write a delivery the way municipal systems export it: CSV dialects and XLSX with title lines.

Every writer is deterministic: the same rows give the same bytes (XLSX included, whose zip
timestamps and document properties are pinned to the delivery date).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook

from pipeline.pinned_zip import pin_zip

COLUMNS = (
    "gemeente_code",
    "periode",
    "indicator",
    "doelgroep",
    "teller",
    "noemer",
    "bron",
    "peildatum",
    "opmerking",
)


@dataclass(frozen=True)
class Row:
    gemeente_code: str
    indicator: str
    doelgroep: str
    jaar: int
    schooljaar: bool
    teller: int
    noemer: int | None
    bron: str
    peildatum: date | None
    opmerking: str


@dataclass(frozen=True)
class Profile:
    """How one municipality's systems export a delivery."""

    name: str
    formaat: str  # csv | xlsx
    encoding: str  # utf-8 | utf-8-sig | cp1252
    delimiter: str
    newline: str
    header_style: str  # lower | title | upper
    code_style: str  # gm | digits4 | digits
    schooljaar_sep: str
    datum_style: str  # iso | nl
    percentage: bool  # add a 'percentage' column with a decimal comma, as spreadsheets do
    sheet_first: bool = True  # xlsx: the data on the first sheet, or on a sheet named 'levering'


PROFILES = {
    "utf8-komma": Profile("utf8-komma", "csv", "utf-8", ",", "\n", "lower", "gm", "-", "iso", False),
    "excel-nl": Profile("excel-nl", "csv", "utf-8-sig", ";", "\r\n", "title", "digits4", "/", "nl", True),
    "ansi": Profile("ansi", "csv", "cp1252", ";", "\r\n", "upper", "digits", "-", "nl", True),
    "xlsx": Profile("xlsx", "xlsx", "", "", "", "title", "gm", "-", "iso", False),
    "xlsx-levering": Profile(
        "xlsx-levering", "xlsx", "", "", "", "lower", "digits4", "/", "iso", False, sheet_first=False
    ),
}


def _header(profile: Profile, columns: tuple[str, ...]) -> list[str]:
    if profile.header_style == "title":
        return [c.capitalize() for c in columns]
    if profile.header_style == "upper":
        return [c.upper() for c in columns]
    return list(columns)


def _code(profile: Profile, code: str) -> str:
    digits = code[2:]
    if profile.code_style == "digits4":
        return digits
    if profile.code_style == "digits":
        return str(int(digits))
    return code


def _periode(profile: Profile, row: Row) -> str:
    if row.schooljaar:
        return f"{row.jaar}{profile.schooljaar_sep}{row.jaar + 1}"
    return str(row.jaar)


def _datum(profile: Profile, d: date | None) -> str:
    if d is None:
        return ""
    return d.isoformat() if profile.datum_style == "iso" else d.strftime("%d-%m-%Y")


def _percentage(row: Row) -> str:
    if row.noemer in (None, 0):
        return ""
    return f"{100 * row.teller / row.noemer:.1f}".replace(".", ",")


def _quote(value: str, delimiter: str) -> str:
    if any(c in value for c in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_bytes(profile: Profile, rows: list[Row], memo: dict[Row, str] | None = None) -> bytes:
    """A CSV delivery in the profile's dialect.

    `memo` remembers formatted lines across deliveries of one municipality, so that re-sending a
    mostly unchanged history (the stress scale) does not format every line again.
    """
    columns = COLUMNS + (("percentage",) if profile.percentage else ())
    memo = {} if memo is None else memo
    lines = [profile.delimiter.join(_header(profile, columns))]
    lines += [memo.get(r) or memo.setdefault(r, _line(profile, r)) for r in rows]
    text = profile.newline.join(lines) + profile.newline
    return text.encode(profile.encoding)


def _line(profile: Profile, r: Row) -> str:
    values = [
        _code(profile, r.gemeente_code),
        _periode(profile, r),
        r.indicator,
        r.doelgroep,
        str(r.teller),
        "" if r.noemer is None else str(r.noemer),
        r.bron,
        _datum(profile, r.peildatum),
        r.opmerking,
    ]
    if profile.percentage:
        values.append(_percentage(r))
    return profile.delimiter.join(_quote(v, profile.delimiter) for v in values)


def xlsx_bytes(profile: Profile, rows: list[Row], title: str, gemeente: str, leverdatum: date) -> bytes:
    """An XLSX delivery with a few title lines above the header, as municipal spreadsheets have."""
    wb = Workbook()
    ws = wb.active
    if profile.sheet_first:
        ws.title = "Blad1"
    else:
        ws.title = "Toelichting"
        ws.append(["Zie het tabblad 'levering' voor de cijfers."])
        ws = wb.create_sheet("levering")
    ws.append([f"Monitor Inclusie Roma – {title}"])
    ws.append([f"Gemeente {gemeente}, aangeleverd {leverdatum.strftime('%d-%m-%Y')}"])
    ws.append([])
    ws.append(_header(profile, COLUMNS))
    for r in rows:
        ws.append(
            [
                _code(profile, r.gemeente_code),
                _periode(profile, r) if r.schooljaar else r.jaar,
                r.indicator,
                r.doelgroep,
                r.teller,
                r.noemer,
                r.bron,
                datetime(r.peildatum.year, r.peildatum.month, r.peildatum.day) if r.peildatum else None,
                r.opmerking or None,
            ]
        )
    stamp = datetime(leverdatum.year, leverdatum.month, leverdatum.day, 12, 0, 0)
    wb.properties.creator = "Monitor Inclusie Roma (synthetische steekproef)"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return pin_zip(buffer.getvalue(), stamp)
