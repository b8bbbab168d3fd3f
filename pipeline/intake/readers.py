"""The readers: a delivery of any CONTRACT §1 variant — its format, encoding, separator, header and rows.

`inspect` looks at a file's bytes once (encoding, header, personal-data column names) and
decides whether DuckDB can read it in bulk (`fast`) or whether it needs the exact, row-by-row
reader here (`rows`): XLSX, blank lines, multi-line quoted fields, or rows DuckDB rejected.
Both give the same rows with the row number a person sees in Excel.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import compress
from pathlib import PurePath
from typing import cast

from pipeline.config import FileLimits, load_settings
from pipeline.intake import Refused, control, personal
from pipeline.intake.limits import SheetScan, Workbook, check_cells, open_xlsx, over

REQUIRED = ("gemeente_code", "periode", "indicator", "doelgroep", "teller")
OPTIONAL = ("noemer", "bron", "peildatum", "opmerking")
COLUMNS = REQUIRED + OPTIONAL
DELIMITERS = (";", ",", "\t", "|")
HEADER_SEARCH_ROWS = 20  # title lines above the header are normal; more than this is not a table
XLSX_SHEET = "levering"
FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})_(.+)\.(csv|xlsx)$", re.IGNORECASE)
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls, or an encrypted .xlsx


@dataclass
class Inspection:
    """What one look at a delivery's bytes tells."""

    formaat: str = ""  # csv | xlsx
    codering: str = ""  # utf-8 | utf-8-sig | cp1252 | latin-1
    scheidingsteken: str = ""
    kopregel: int = 0  # row number of the header (1 = first row)
    kolommen: list[str] = field(default_factory=list)  # normalised header names, in file order
    titelregels: list[str] = field(default_factory=list)  # text above the header
    fast: bool = False  # DuckDB can read it in bulk
    records: list[tuple[int, Sequence[object]]] | None = field(default=None, repr=False)  # xlsx rows
    formules: set[tuple[int, int]] = field(default_factory=set, repr=False)  # xlsx: (row, column)
    werkblad: str = ""  # xlsx: the delivery's sheet


@dataclass(frozen=True)
class RowProblem:
    """A row the reader could not turn into a record of the header's width."""

    rij: int
    reden: str


@dataclass
class Rows:
    """Records of a delivery as text, keyed by the canonical column names, with row numbers."""

    rij: list[int] = field(default_factory=list)
    values: dict[str, list[str | None]] = field(default_factory=lambda: {c: [] for c in COLUMNS})
    overig: list[list[str | None] | None] = field(default_factory=list)  # columns not in COLUMNS
    problems: list[RowProblem] = field(default_factory=list)


def normalise_name(name: object) -> str:
    """Header matching: case-insensitive after trimming; spaces and hyphens count as underscores."""
    text = "" if name is None else control.clean(str(name)) or ""
    text = text.strip().strip('"').strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def parse_file_name(name: str) -> tuple[date, str]:
    """`YYYY-MM-DD_<label>.csv|xlsx` → (delivery date, label)."""
    m = FILE_NAME.match(name)
    if not m:
        raise Refused(
            "de bestandsnaam moet beginnen met de leverdatum, zoals 2017-04-01_levering.csv "
            "(JJJJ-MM-DD_omschrijving.csv of .xlsx)"
        )
    try:
        leverdatum = date.fromisoformat(m.group(1))
    except ValueError:
        raise Refused(f"de leverdatum {m.group(1)} in de bestandsnaam bestaat niet") from None
    return leverdatum, m.group(2)


def _utf8(data: bytes) -> str | None:
    """UTF-8 text, tolerating a file cut off inside its last character (a truncated upload)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3:
            try:
                return data[: e.start].decode("utf-8")
            except UnicodeDecodeError:
                return None
        return None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, else Windows-1252, else Latin-1; and UTF-16
    with a BOM, as Excel's 'Unicode text' saves it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    bom = data.startswith(b"\xef\xbb\xbf")
    text = _utf8(data[3:] if bom else data)
    if text is not None:
        return text, "utf-8-sig" if bom else "utf-8"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


HEAD_BYTES = 1 << 16


def decode_head(data: bytes) -> tuple[str, str]:
    """The first part of a file as text, and the file's encoding judged on it. Enough to find
    the header; a UTF-8 file that turns out not to be, further on, is caught by DuckDB as it
    reads, and then read exactly (which decodes the whole file)."""
    if len(data) <= HEAD_BYTES:
        return decode(data)
    head = data[:HEAD_BYTES]
    cut = head.rfind(b"\n")
    return decode(head[: cut + 1] if cut > 0 else head)


def find_header(records: Iterable[Sequence[object]]) -> tuple[int, list[str]]:
    """(row number, normalised names) of the first row that holds every required column.

    Refuses the file with a reason naming the missing columns when no row does.
    """
    best: tuple[int, int, list[str]] = (0, 0, [])
    for n, record in enumerate(records, start=1):
        if n > HEADER_SEARCH_ROWS:
            break
        names = [normalise_name(v) for v in record]
        score = sum(c in names for c in REQUIRED)
        if score == len(REQUIRED):
            doubles = sorted({c for c in names if c and names.count(c) > 1})
            if doubles:
                _refuse_personal_columns(names)
                shown = shown_column(names, doubles[0])
                raise Refused(f"kolom {shown} staat meer dan één keer in de kopregel (rij {n})", kolom=shown)
            return n, names
        if score > best[0]:
            best = (score, n, names)
    score, n, _names = best
    if score >= 2:
        # a header with a column about persons says so first, even when it lacks a required one
        _refuse_personal_columns(best[2])
        missing = [c for c in REQUIRED if c not in best[2]]
        plural = "verplichte kolommen" if len(missing) > 1 else "verplichte kolom"
        raise Refused(
            f"{plural} {', '.join(missing)} ontbreekt in de kopregel (rij {n})",
            kolom=missing[0],
        )
    raise Refused("geen kopregel gevonden: de eerste rijen bevatten niet de kolommen " + ", ".join(REQUIRED))


def csv_refusal(e: csv.Error) -> Refused:
    """Why the csv module could not read a file, for people (its own text names no value)."""
    if "field limit" in str(e):
        return over("een cel is langer", load_settings().grenzen.max_tekens_cel, "max_tekens_cel", " tekens")
    return Refused(f"het bestand is geen leesbare CSV ({e})")


def csv_records(text: str, delimiter: str) -> Iterator[list[str]]:
    # a cell longer than the limit refuses the file (grenzen.max_tekens_cel) as a csv.Error; the
    # limit is the csv module's global, which other libraries change: set it at every read
    csv.field_size_limit(load_settings().grenzen.max_tekens_cel)
    return csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True, strict=False
    )


def _head(text: str, lines: int) -> str:
    """The first `lines` lines of a text, without splitting all of it."""
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return text
    return text[: end + 1]


def _sniff_csv(text: str) -> tuple[str, int, list[str]]:
    """(delimiter, header row, header names) of a CSV text."""
    head = _head(text, HEADER_SEARCH_ROWS * 2)
    counts = {d: head.count(d) for d in DELIMITERS}
    refusal: Refused | None = None
    for d in sorted(DELIMITERS, key=lambda d: -counts[d]):
        if not counts[d]:
            continue
        try:
            n, names = find_header(csv_records(head, d))
            return d, n, names
        except csv.Error:
            continue
        except Refused as e:
            if refusal is None or (e.kolom and not refusal.kolom):
                refusal = e
    raise refusal or Refused("geen kopregel gevonden: geen scheidingsteken (; of ,) in de eerste rijen")


def _is_bulk_readable(data: bytes, kopregel: int) -> bool:
    """True when DuckDB's records are the rows Excel shows: no blank lines, which DuckDB skips
    and Excel counts. (A line break inside quotes, or a lone carriage return, both read alike.)"""
    end = len(data)  # trailing blank lines are harmless: look before them, without copying
    while end and data[end - 1] in b"\r\n\t ":
        end -= 1
    blank = (b"\n\n", b"\n\r\n", b"\r\r")
    return kopregel >= 1 and all(data.find(b, 0, end) < 0 for b in blank)


def inspect(path: PurePath, data: bytes, sheet: Sheet | None = None) -> Inspection:
    """Look at a delivery once (`sheet`: the workbook's delivery sheet, when already read).
    Raises Refused when the file cannot be read as a table."""
    info = Inspection()
    if not data or data.isspace():
        raise Refused("het bestand is leeg")
    if data.startswith(OLE_MAGIC):
        raise Refused(
            "het bestand is een oud Excel-bestand (.xls) of een versleutelde werkmap; "
            "sla het op als .xlsx zonder wachtwoord, of als CSV"
        )
    if data.startswith(ZIP_MAGIC):
        info.formaat = "xlsx"
        title, values, info.formules = sheet or read_xlsx(data)
        records = list(enumerate(values, start=1))
        info.werkblad = personal.safe_name(title)
        try:
            info.kopregel, info.kolommen = find_header(r for _, r in records)
        except Refused as e:
            e.reason = f"werkblad {info.werkblad!r}: {e.reason}"
            raise
        info.titelregels = [
            " ".join(str(v) for v in r if not _blank(v)) for n, r in records if n < info.kopregel
        ]
        info.records = records
    else:
        if path.suffix.lower() == ".xlsx":
            raise Refused("het bestand heet .xlsx maar is geen Excel-werkmap (xlsx)")
        text, info.codering = decode_head(data)
        if "\x00" in text[:8192]:
            raise Refused("het bestand is geen tekst (binaire inhoud); lever CSV of XLSX")
        info.formaat = "csv"
        info.scheidingsteken, info.kopregel, info.kolommen = _sniff_csv(text)
        limit = load_settings().grenzen.max_kolommen
        if len(info.kolommen) > limit:
            raise over(f"de kopregel heeft {len(info.kolommen)} kolommen", limit, "max_kolommen", " kolommen")
        info.titelregels = _head(text, info.kopregel - 1).splitlines()[: info.kopregel - 1]
        # DuckDB reads UTF-8; other encodings are read exactly, or copied as UTF-8 first
        info.fast = info.codering != "utf-16" and _is_bulk_readable(data, info.kopregel)
    _refuse_personal_columns(info.kolommen)
    return info


def shown_column(names: list[str], name: str) -> str:
    """A header name as a reason may show it: its position where the name itself holds personal
    data or control characters."""
    safe = personal.safe_name(name)
    return safe if safe == name else f"{names.index(name) + 1} ({safe})"


@functools.lru_cache(maxsize=4096)
def shown_columns(names: tuple[str, ...]) -> tuple[str, ...]:
    """Every name of a header as `shown_column` shows it; computed once per header (the files of
    a delivery set share a handful of headers)."""
    listed = list(names)
    return tuple(shown_column(listed, n) for n in names)


def _refuse_personal_columns(names: list[str]) -> None:
    found = personal.personal_columns(names)
    if found:
        shown = [shown_column(names, n) for n in found]
        raise Refused(
            personal.describe([personal.Finding("kolom", kolom=k) for k in shown]),
            kolom=shown[0],
            privacy=True,
        )


# --------------------------------------------------------------------------- exact reader


def _blank(value: object) -> bool:
    return value is None or str(value).strip() == ""


def _collect(
    records: Iterable[tuple[int, Sequence[object]]],
    names: list[str],
    kopregel: int,
    cell: Callable[[object], str | None] | None,
    pad_short: bool,
) -> Rows:
    """Records after the header, as text (`cell` makes a value text; None: the values are text);
    rows of the wrong width become problems."""
    rows = Rows()
    width = len(names)
    take = [names.index(c) if c in names else None for c in COLUMNS]
    known = [i for i in take if i is not None]
    extras = [i for i, n in enumerate(names) if n not in COLUMNS]
    kept: list[Sequence[str | None]] = []
    for rij, record in records:
        if rij <= kopregel or not record:
            continue
        if len(record) != width:
            if all(_blank(record[i]) for i in known if i < len(record)):
                continue  # nothing in the known columns: no figure (blank or trailing ;;; rows)
            trimmed = list(record)
            while len(trimmed) > width and _blank(trimmed[-1]):
                trimmed.pop()
            if len(trimmed) > width or (len(trimmed) < width and not pad_short):
                rows.problems.append(
                    RowProblem(rij, f"de rij heeft {len(record)} waarden, de kopregel {width} kolommen")
                )
                continue
            record = trimmed + [None] * (width - len(trimmed))
        # cell None: the records are text already (csv_records), None for a padded cell
        texts = cast("Sequence[str | None]", record) if cell is None else list(map(cell, record))
        if not "".join([t for i in known if (t := texts[i])]).strip():
            continue  # nothing in the known columns: no figure
        rows.rij.append(rij)
        kept.append(texts)
    for c, i in zip(COLUMNS, take, strict=True):
        rows.values[c] = [None] * len(kept) if i is None else [t[i] for t in kept]
    rows.overig = [[t[i] for i in extras] for t in kept] if extras else [None] * len(kept)
    return rows


def csv_rows(data: bytes, info: Inspection) -> Rows:
    """Every record of a CSV delivery, numbered as Excel numbers rows."""
    text, _ = decode(data)
    if "\x00" in text:
        raise Refused("het bestand bevat ongeldige tekens (NUL-bytes); lever een gewone CSV of XLSX")
    records = csv_records(text, info.scheidingsteken)
    numbered = ((n, list(r)) for n, r in enumerate(records, start=1))
    try:
        rows = _collect(numbered, info.kolommen, info.kopregel, None, pad_short=False)
    except csv.Error as e:
        raise csv_refusal(e) from None
    # an empty field in a CSV is missing, as DuckDB reads it
    for c in COLUMNS:
        rows.values[c] = [None if v == "" else v for v in rows.values[c]]
    rows.overig = [None if o is None else [None if v == "" else v for v in o] for o in rows.overig]
    return rows


def xlsx_cell(value: object) -> str | None:
    """The text of a spreadsheet cell as a municipality typed it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"  # as Dutch Excel shows it: a yes/no value, not a count
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


Cells = Sequence[Sequence[object]]  # a sheet's cells, row by row, read only
Sheet = tuple[str, Cells, set[tuple[int, int]]]  # title, cells from A1 on, formula cells


def read_workbook(data: bytes, limits: FileLimits | None = None) -> tuple[list[tuple[SheetScan, Cells]], int]:
    """Every worksheet of a workbook (hidden ones too) with its cells from A1 on (an empty cell is
    ""), and the index of the delivery's sheet: `levering`, else the first worksheet.

    The workbook is measured first (`limits.open_xlsx`); then read with calamine (Rust), a 25th of
    openpyxl's time, and without holding the GIL: the extract stage reads workbooks on its
    file-reading threads.
    """
    from python_calamine import CalamineWorkbook, PasswordError

    grenzen = limits or load_settings().grenzen
    book: Workbook = open_xlsx(data, grenzen)
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(book.data))
        sheets: list[tuple[SheetScan, Cells]] = [
            (scan, wb.get_sheet_by_name(scan.naam).to_python(skip_empty_area=False)) for scan in book.sheets
        ]
    except PasswordError:
        raise Refused("de Excel-werkmap is beveiligd met een wachtwoord; lever haar zonder") from None
    except Exception as e:  # CalamineError, OSError, ValueError, …: a workbook it cannot read
        raise Refused(f"de Excel-werkmap is beschadigd of onvolledig ({type(e).__name__})") from None
    for scan, values in sheets:
        check_cells(values, scan.naam, grenzen)
    named = [i for i, (scan, _) in enumerate(sheets) if scan.naam.strip().lower() == XLSX_SHEET]
    return sheets, (named or [0])[0]


def read_xlsx(data: bytes, limits: FileLimits | None = None) -> Sheet:
    """The delivery's sheet of a workbook: `levering`, else the first worksheet."""
    sheets, chosen = read_workbook(data, limits)
    scan, values = sheets[chosen]
    return scan.naam, values, scan.formules


def xlsx_table(data: bytes, sheet: Sheet | None = None) -> tuple[str, list[tuple[int, Sequence[object]]]]:
    """(sheet title, rows numbered as Excel numbers them) of the delivery's sheet (`sheet`: when
    already read by `read_xlsx`)."""
    title, values, _ = sheet or read_xlsx(data)
    return title, list(enumerate(values, start=1))


def _xlsx_column(values: tuple[object, ...]) -> list[str | None]:
    """A column of cells as text, as `xlsx_cell` gives it, without a call per cell for the
    columns deliveries have: text, and numbers (which calamine gives as float)."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return [v if v.strip() else None for v in cast("tuple[str, ...]", values)]
    if kinds <= {str, float}:
        return [
            (v if v.strip() else None) if isinstance(v, str) else (str(int(v)) if v.is_integer() else repr(v))
            for v in cast("tuple[str | float, ...]", values)
        ]
    return list(map(xlsx_cell, values))


def xlsx_rows(data: bytes, info: Inspection) -> Rows:
    """Every record of the delivery's sheet, numbered as Excel numbers rows; the same as
    `_collect(records, …, xlsx_cell, pad_short=True)`, a column at a time."""
    records = info.records if info.records is not None else xlsx_table(data)[1]
    names, width = info.kolommen, len(info.kolommen)
    body = [(n, r) for n, r in records if n > info.kopregel and r]
    if any(len(r) != width for _, r in body):
        # a spreadsheet row is as wide as the sheet; missing trailing cells are empty, not ragged
        return _mark_formulas(_collect(records, names, info.kopregel, xlsx_cell, pad_short=True), info)
    rows_only = [r for _, r in body]
    columns = [_xlsx_column(c) for c in zip(*rows_only, strict=True)] if body else [[] for _ in names]
    take = [names.index(c) if c in names else None for c in COLUMNS]
    known = [columns[i] for i in take if i is not None]
    # nothing in the known columns: no figure (xlsx_cell gives None for blank cells)
    keep = [any(t) for t in zip(*known, strict=True)]
    rows = Rows()
    rows.rij = list(compress((n for n, _ in body), keep))
    for c, i in zip(COLUMNS, take, strict=True):
        rows.values[c] = [None] * len(rows.rij) if i is None else list(compress(columns[i], keep))
    extras = [i for i, n in enumerate(names) if n not in COLUMNS]
    if extras:
        rows.overig = [list(t) for t in zip(*(compress(columns[i], keep) for i in extras), strict=True)]
    else:
        rows.overig = [None] * len(rows.rij)
    return _mark_formulas(rows, info)


def _mark_formulas(rows: Rows, info: Inspection) -> Rows:
    """A count written as a formula is not read as its cached result: its text starts with `=`,
    which the number rule (pipeline/numbers.py) sends to quarantine."""
    for c in ("teller", "noemer"):
        if c not in info.kolommen or not info.formules:
            continue
        column = info.kolommen.index(c) + 1
        rijen = {r for r, k in info.formules if k == column}
        if rijen:
            rows.values[c] = [
                "=" + (v or "") if rij in rijen else v
                for rij, v in zip(rows.rij, rows.values[c], strict=True)
            ]
    return rows


def exact_rows(data: bytes, info: Inspection) -> Rows:
    return xlsx_rows(data, info) if info.formaat == "xlsx" else csv_rows(data, info)
