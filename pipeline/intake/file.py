"""One delivery file, from its name and bytes to what the build loads of it — or a refusal.

`examine` is the same for a build and for `check` (which gives a name and bytes held in memory):
the name (delivery date: not in the future, not before 2000), the limits, the reader, and the
personal-data rules over everything the file holds. It never raises: whatever goes wrong with
one file, in any way, becomes that file's refusal, and the build goes on.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePath

from pipeline.config import FileLimits
from pipeline.intake import Refused, limits, personal, readers
from pipeline.intake.personal import Finding
from pipeline.intake.readers import HEADER_SEARCH_ROWS, Inspection, Rows

SUFFIXES = (".csv", ".xlsx")
WINDOWS_1252_ONLY = re.compile(rb"[\x80-\x9f]")  # where Windows-1252 and Latin-1 differ
SHORT_CELL = 40  # a cell this short in the first rows of another sheet may be a column name


@dataclass
class Examined:
    """What one look at a delivery's bytes gave."""

    sha256: str = ""
    grootte: int = 0
    leverdatum: date | None = None
    label: str = ""
    info: Inspection = field(default_factory=Inspection)
    rows: Rows | None = None  # read exactly, in Python
    bulk: bytes | None = None  # the text for DuckDB's bulk reader, in `bulk_codering`
    bulk_codering: str = "utf-8"  # utf-8 | latin-1: the encodings DuckDB reads itself
    refusal: Refused | None = None


def delivery_date(
    name: str, limits_: FileLimits, first_year: int, today: date | None = None
) -> tuple[date, str]:
    """(delivery date, label) from `YYYY-MM-DD_<label>.csv|xlsx`; a date in the future (beyond
    today plus the grace of the settings) or before the first year is refused."""
    leverdatum, label = readers.parse_file_name(name)
    today = today or date.today()
    if leverdatum.year < first_year:
        raise Refused(f"de leverdatum in de bestandsnaam ligt vóór {first_year}; controleer het jaartal")
    if leverdatum > today + timedelta(days=limits_.leverdatum_marge_dagen):
        raise Refused(
            "de leverdatum in de bestandsnaam ligt in de toekomst; controleer het jaartal (een "
            "leverdatum in de toekomst zou elke latere correctie verdringen)"
        )
    return leverdatum, label


def examine(
    name: str, data: bytes, limits_: FileLimits, first_year: int, today: date | None = None
) -> Examined:
    """Look at a delivery once; every failure becomes a refusal (`Examined.refusal`)."""
    out = Examined(sha256=hashlib.sha256(data).hexdigest(), grootte=len(data))
    try:
        out.leverdatum, out.label = delivery_date(name, limits_, first_year, today)
        out.label = personal.safe_name(out.label)
        if PurePath(name).suffix.lower() not in SUFFIXES:
            raise Refused("het bestand is geen CSV of XLSX")
        limits.check_size(data, limits_)
        if data.startswith(readers.ZIP_MAGIC):
            _workbook(name, data, limits_, out)
        else:
            _text(name, data, limits_, out)
    except Refused as e:
        out.refusal = e
    except Exception as e:  # no file may stop a build
        # only the kind of error: its message could quote a value from the file
        out.refusal = Refused(f"het bestand kan niet worden gelezen als tabel ({type(e).__name__})")
    if out.refusal is not None:
        out.rows = out.bulk = None
        out.info.records = None
    return out


def _workbook(name: str, data: bytes, limits_: FileLimits, out: Examined) -> None:
    sheets, chosen = readers.read_workbook(data, limits_)
    findings: list[Finding] = []
    for i, (scan, values) in enumerate(sheets):
        shown = personal.safe_name(scan.naam)
        if personal.value_kind(scan.naam):
            findings.append(Finding(personal.value_kind(scan.naam) or "", werkblad=f"{i + 1} ({shown})"))
        findings += _scan_cells(values, shown if i != chosen else None, header_words=i != chosen)
    if findings:
        raise Refused(personal.describe(findings), kolom=findings[0].kolom, privacy=True)
    scan, values = sheets[chosen]
    out.info = readers.inspect(PurePath(name), data, (scan.naam, values, scan.formules))
    out.rows = readers.exact_rows(data, out.info)
    out.info.records = None


def _scan_cells(values: readers.Cells, sheet: str | None, header_words: bool) -> list[Finding]:
    """Personal data in a sheet's cells (and, for a sheet other than the delivery's, column names
    about persons among the short cells of its first rows)."""
    values_may_hold = _cells_may_hold_personal_data(values)
    if not values_may_hold:
        if not header_words:
            return []
        values = values[:HEADER_SEARCH_ROWS]  # only column names can still be found
    found = []
    for rij, record in enumerate(values, start=1):
        for k, value in enumerate(record):
            text: str | None
            if type(value) is str:
                text = value
            elif (type(value) is int or type(value) is float) and 1e8 <= abs(value) < 1e11:
                text = readers.xlsx_cell(value)  # a BSN or a phone number typed as a number
            else:
                continue  # empty, a small number, a date, a yes/no value: no personal data
            if not text:
                continue
            kind = personal.value_kind(text) if values_may_hold and len(text) >= 6 else None
            if (
                kind is None
                and header_words
                and rij <= HEADER_SEARCH_ROWS
                and len(text) <= SHORT_CELL
                and personal.is_person_column(text)
            ):
                kind = "kolom"
            if kind:
                found.append(Finding(kind, kolom=_column_letters(k + 1), rij=rij, werkblad=sheet))
    return found


def _cells_may_hold_personal_data(values: readers.Cells) -> bool:
    """False only when no cell `_scan_cells` looks at can be a BSN, e-mail address or phone
    number: the texts it would test, one per line, through the byte-level test that CSV files
    pass (`personal.may_hold_personal_data`), at C speed instead of a regular-expression search
    per cell. A line break stands between the texts as between the rows of a CSV file."""
    texts = [
        value if type(value) is str else (readers.xlsx_cell(value) or "")
        for record in values
        for value in record
        if type(value) is str or ((type(value) is int or type(value) is float) and 1e8 <= abs(value) < 1e11)
    ]
    try:
        data = "\n".join(texts).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: test every cell
        return True
    return personal.may_hold_personal_data(data)


def _column_letters(n: int) -> str:
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _text(name: str, data: bytes, limits_: FileLimits, out: Examined) -> None:
    limits.check_text(data, limits_)
    out.info = info = readers.inspect(PurePath(name), data)
    if personal.may_hold_personal_data(data):
        findings = _scan_records(data, info)
        if findings:
            raise Refused(personal.describe(findings), kolom=findings[0].kolom, privacy=True)
    if info.fast:
        if info.codering in ("utf-8", "utf-8-sig"):
            out.bulk = data
        elif info.codering == "cp1252" and not WINDOWS_1252_ONLY.search(data):
            # Windows-1252 without the characters it puts in 0x80–0x9F (€ – ‘ ’ …) is Latin-1,
            # which DuckDB reads itself: the bytes as they are, no copy as UTF-8
            out.bulk, out.bulk_codering = data, "latin-1"
        else:
            out.bulk = readers.decode(data)[0].encode("utf-8")
    else:
        out.rows = readers.exact_rows(data, info)


def _scan_records(data: bytes, info: Inspection) -> list[Finding]:
    """Personal data anywhere in a CSV: title lines, header, every cell of every record (ragged
    ones too)."""
    found = []
    names = [readers.shown_column(info.kolommen, c) if c else str(k + 1) for k, c in enumerate(info.kolommen)]
    text, _ = readers.decode(data)
    try:
        for rij, record in enumerate(readers.csv_records(text, info.scheidingsteken), start=1):
            for k, value in enumerate(record):
                kind = personal.value_kind(value) if len(value) >= 6 else None
                if kind:
                    kolom = names[k] if rij > info.kopregel and k < len(names) else None
                    found.append(Finding(kind, kolom=kolom, rij=rij))
    except csv.Error as e:
        raise readers.csv_refusal(e) from None
    return found
