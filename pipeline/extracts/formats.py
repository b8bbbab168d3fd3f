"""The file formats of an extract (CONTRACT §4), each deterministic: same table, same bytes.

- `csv`: UTF-8, `,`, decimal point, `true`/`false` — for machines.
- `csv-nl`: UTF-8 with BOM, `;`, decimal comma, `ja`/`nee` — a double-click opens it right in
  Dutch Excel (the BOM tells Excel it is UTF-8, the `;` is the Dutch list separator).
- `xlsx`: sheets cijfers, codeboek, bronnen en toelichting; numbers and booleans as such.
- `parquet`: typed per the codebook, with the descriptions in the schema.

Every writer first passes the table through `publishable`, which neutralises every text cell
(`safety`), so no format can skip it.
"""

from __future__ import annotations

import io
import math
import os
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.extracts.codebook import COLUMNS, NAMES, arrow_schema
from pipeline.extracts.safety import neutralise, sql_neutralised

if TYPE_CHECKING:  # xlsxwriter is imported when an xlsx is written; it has no types (Any to mypy)
    from xlsxwriter.format import Format as XlsxFormat
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet
from pipeline.pinned_zip import pin_zip

BASENAME = "monitor-inclusie-roma"
BOM = b"\xef\xbb\xbf"
XLSX_MAX_ROWS = 1_048_576  # Excel's limit, header included
# No build time inside the files: the manifest id identifies the release. The zip format cannot
# store an earlier moment than this one.
STAMP = datetime(1980, 1, 1)
SHEET_FIGURES, SHEET_CODEBOOK, SHEET_NOTES = "cijfers", "codeboek", "bronnen en toelichting"


@dataclass(frozen=True)
class Format:
    name: str
    filename: str
    mediatype: str
    description: str
    delimiter: str = ","
    decimal: str = "."
    true: str = "true"
    false: str = "false"
    bom: bool = False


FORMATS = {
    "csv": Format(
        "csv",
        f"{BASENAME}.csv",
        "text/csv",
        "UTF-8, komma als scheidingsteken, decimale punt, true/false: voor software.",
    ),
    "csv-nl": Format(
        "csv-nl",
        f"{BASENAME}.csv",
        "text/csv",
        "UTF-8 met BOM, puntkomma als scheidingsteken, decimale komma, ja/nee: opent met "
        "een dubbelklik goed in Nederlandse Excel.",
        ";",
        ",",
        "ja",
        "nee",
        bom=True,
    ),
    "xlsx": Format(
        "xlsx",
        f"{BASENAME}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel-werkmap: tabbladen cijfers, codeboek en bronnen en toelichting.",
    ),
    "parquet": Format(
        "parquet",
        f"{BASENAME}.parquet",
        "application/vnd.apache.parquet",
        "Parquet, getypeerd volgens het codeboek, met de omschrijvingen in het schema.",
    ),
}


_scratch = threading.local()


def _connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB for reshaping tables: one per thread and process, kept (opening one costs
    tens of milliseconds, which the API would pay on every file it serves)."""
    kept = getattr(_scratch, "kept", None)
    if kept is None or kept[0] != os.getpid():  # never a connection of the parent after a fork
        kept = _scratch.kept = (os.getpid(), duckdb.connect())
    return kept[1]


def publishable(table: pa.Table) -> pa.Table:
    """The figures in codebook order and types, every text cell neutralised (set-based)."""
    con = _connection()
    con.register("cijfers", table.select(list(NAMES)))
    try:
        columns = ", ".join(
            f"{sql_neutralised(c.name)} as {c.name}" if c.type == "string" else c.name for c in COLUMNS
        )
        return con.sql(f"select {columns} from cijfers").to_arrow_table().cast(arrow_schema())
    finally:
        con.unregister("cijfers")


def _csv_select(fmt: Format) -> str:
    """Each column as the text the format writes: decimal comma and ja/nee for csv-nl."""
    out = []
    for c in COLUMNS:
        if c.type == "number" and fmt.decimal != ".":
            out.append(f"replace(cast({c.name} as varchar), '.', '{fmt.decimal}') as {c.name}")
        elif c.type == "boolean":
            out.append(
                f"case when {c.name} then '{fmt.true}' when not {c.name} then '{fmt.false}' end as {c.name}"
            )
        else:
            out.append(c.name)
    return "select " + ", ".join(out) + " from cijfers"


def write_csv(table: pa.Table, path: Path, fmt: Format) -> None:
    """Write `csv` or `csv-nl`; DuckDB writes the rows, a BOM goes in front for csv-nl."""
    path = Path(path)
    body = path.with_name(f".{path.name}.body")
    data = publishable(table)
    con = _connection()
    con.register("cijfers", data)
    try:
        con.sql(_csv_select(fmt)).write_csv(str(body), sep=fmt.delimiter, header=True, quotechar='"')
    finally:
        con.unregister("cijfers")
    try:
        with open(path, "wb") as out, open(body, "rb") as rows:
            if fmt.bom:
                out.write(BOM)
            shutil.copyfileobj(rows, out, 1 << 20)
    finally:
        body.unlink(missing_ok=True)


def csv_bytes(table: pa.Table, fmt: Format) -> bytes:
    """The bytes `write_csv` would write (for downloads)."""
    with tempfile.TemporaryDirectory(prefix="extract-") as tmp:
        path = Path(tmp) / fmt.filename
        write_csv(table, path, fmt)
        return path.read_bytes()


def write_parquet(table: pa.Table, path: Path, metadata: dict[str, str]) -> None:
    """Typed parquet; `metadata` (manifest id, synthetisch, …) goes into the schema."""
    data = publishable(table)
    data = data.replace_schema_metadata({k.encode(): v.encode() for k, v in sorted(metadata.items())})
    pq.write_table(data, str(path), compression="zstd")


def write_xlsx(table: pa.Table, path: Path, notes: list[tuple[str, str]], title: str, warn: bool) -> None:
    """Three sheets; header bold on grey, top row frozen, a filter on the header; pinned bytes.

    Written by xlsxwriter in constant-memory mode (row by row, each row flushed to a temporary
    file): about 5× openpyxl's write-only mode. Every cell is written with its own type, so no
    text is ever read as a formula, a number or a link."""
    import xlsxwriter  # only an xlsx extract needs it

    data = publishable(table)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="monitor-xlsx-") as tmp:
        wb = xlsxwriter.Workbook(
            buffer,
            {
                "constant_memory": True,
                "tmpdir": tmp,
                "in_memory": False,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        styles = {
            "header": wb.add_format({"bold": True, "bg_color": "#D9D9D9", "pattern": 1}),
            "bold_wrap": wb.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
            "warning": wb.add_format(
                {"bold": True, "font_color": "#C00000", "text_wrap": True, "valign": "top"}
            ),
            "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
            "empty": wb.add_format({"valign": "bottom"}),
        }
        _figures_sheet(wb, data, styles)
        _codebook_sheet(wb, styles)
        _notes_sheet(wb, notes, warn, styles)
        wb.set_properties({"title": title, "author": "Monitor Inclusie Roma", "created": STAMP})
        with _stored_zip():
            wb.close()
    Path(path).write_bytes(pin_zip(buffer.getvalue(), STAMP))


_ZIP_LOCK = threading.Lock()


@contextmanager
def _stored_zip() -> Iterator[None]:
    """xlsxwriter packs its parts uncompressed while this holds: `pin_zip` compresses every
    part again anyway (the file's bytes are its), so compressing twice was half the time of a
    large workbook. xlsxwriter takes its zip method from a module name, read when it packs;
    every workbook of this project is written here, one pack at a time."""
    import xlsxwriter.workbook

    with _ZIP_LOCK:
        xlsxwriter.workbook.ZIP_DEFLATED = zipfile.ZIP_STORED
        try:
            yield
        finally:
            xlsxwriter.workbook.ZIP_DEFLATED = zipfile.ZIP_DEFLATED


def _cell(ws: Worksheet, row: int, col: int, value: object, style: object = None) -> None:
    """One cell with its own type: text as text (never a formula), booleans as booleans, numbers
    as numbers; nothing for a missing or non-finite number."""
    if value is None:
        return
    if isinstance(value, str):
        ws.write_string(row, col, value, style)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, style)
    elif isinstance(value, int | float):
        if math.isfinite(value):
            ws.write_number(row, col, value, style)
    else:
        ws.write_string(row, col, str(value), style)


def _figures_sheet(wb: Workbook, data: pa.Table, styles: dict) -> None:
    ws = wb.add_worksheet(SHEET_FIGURES)
    ws.freeze_panes(1, 0)
    for i, c in enumerate(COLUMNS):
        ws.set_column(i, i, max(len(c.name) + 3, 12))
    for col, name in enumerate(NAMES):
        ws.write_string(0, col, name, styles["header"])
    last = len(NAMES) - 1
    _figure_rows(ws, data, styles["empty"])
    ws.autofilter(0, 0, data.num_rows, last)


def _figure_rows_by_cell(ws: Worksheet, data: pa.Table, empty: XlsxFormat, start: int = 0) -> None:
    """The figures below the header (from row `start` of `data` on), a cell at a time through
    xlsxwriter's own writers: the reference that `_figure_rows` writes the same bytes as
    (tests/extracts/test_extract_xlsx_rows.py)."""
    last = len(NAMES) - 1
    columns = [data.column(n).to_pylist()[start:] for n in NAMES]
    for r, row in enumerate(zip(*columns, strict=True), start=1 + start):
        for col, value in enumerate(row):
            _cell(ws, r, col, value)
        if row[-1] is None:  # an empty last cell is still written, so every row has every column
            ws.write_blank(r, last, None, empty)


def _figure_rows(ws: Worksheet, data: pa.Table, empty: XlsxFormat) -> None:
    """The figures below the header as the XML xlsxwriter writes for `_figure_rows_by_cell`, byte
    for byte, but a column at a time: each distinct text is escaped once and a row is one string
    join, where xlsxwriter spends microseconds per cell (22 columns × 0,1 M rows for the national
    build). Written into the sheet's row file of constant-memory mode after the header row, with
    the sheet's dimensions set as writing each cell sets them. The last row goes through
    xlsxwriter as before: it is written when the workbook closes, and a style first used there
    gets its number then."""
    from xlsxwriter.utility import xl_col_to_name

    n, last = data.num_rows, len(NAMES) - 1
    if n > 1:
        ws._write_single_row(1)  # the header row goes out; the rows below it but the last, here
        body = data.slice(0, n - 1)
        fragments = [_column_fragments(ws, body.column(name)) for name in NAMES]
        letters = [f'<c r="{xl_col_to_name(c)}' for c in range(len(NAMES))]
        used = [c for c, column in enumerate(fragments) if any(column)]
        last_none = [v is None for v in body.column(NAMES[last]).to_pylist()]
        blank = ""
        if any(last_none):
            # an empty last cell is still written (a blank with a style): every row has every column
            blank = f'" s="{empty._get_xf_index()}"/>'
            used.append(last)
        if used:
            ws._check_dimensions(1, min(used))
            ws._check_dimensions(n - 1, max(used))
        rows: list[str] = []
        for r, row, none_last in zip(count(2), zip(*fragments, strict=True), last_none, strict=False):
            tail = f"{letters[last]}{r}{blank}" if none_last else ""
            rows.append(
                f'<row r="{r}">'
                + "".join([f"{letters[c]}{r}{f}" for c, f in enumerate(row) if f is not None])
                + tail
                + "</row>"
            )
            if len(rows) == 2048:
                ws.fh.write("".join(rows))
                rows.clear()
        ws.fh.write("".join(rows))
        ws.previous_row = n - 1
    if n:
        _figure_rows_by_cell(ws, data, empty, start=n - 1)


def _column_fragments(ws: Worksheet, column: pa.ChunkedArray) -> list[str | None]:
    """Each cell of a column as the rest of its XML after `<c r="A1`, as `_cell` and xlsxwriter's
    constant-memory writer give it; None for a cell that is not written."""
    from xlsxwriter.utility import _preserve_whitespace, _utf16_len, _utf16_truncate

    values = column.to_pylist()
    kind = column.type
    if pa.types.is_boolean(kind):
        return [
            None if v is None else ('" t="b"><v>1</v></c>' if v else '" t="b"><v>0</v></c>') for v in values
        ]
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        numbers: dict[float, str | None] = {}  # each distinct number formatted once: counts and years repeat

        def number(v: float) -> str | None:
            if not v:  # 0 and -0.0 are one key, and two texts
                return f'"><v>{v:.16G}</v></c>'
            got = numbers.get(v)
            if got is None and v not in numbers:
                got = numbers[v] = f'"><v>{v:.16G}</v></c>' if math.isfinite(v) else None
            return got

        return [None if v is None else number(v) for v in values]
    seen: dict[object, str] = {}
    strmax = ws.xls_strmax

    def text(value: object) -> str:
        string = value if isinstance(value, str) else str(value)
        if len(string) > strmax // 2 and _utf16_len(string) > strmax:
            string = _utf16_truncate(string, strmax)
        string = ws._escape_control_characters(string)
        if string.startswith("<r>") and string.endswith("</r>"):  # xlsxwriter's rich text: as is
            return f'" t="inlineStr"><is>{string}</is></c>'
        preserve = ' xml:space="preserve"' if _preserve_whitespace(string) else ""
        return f'" t="inlineStr"><is><t{preserve}>{ws._escape_data(string)}</t></is></c>'

    out: list[str | None] = []
    for v in values:
        if v is None:
            out.append(None)
        else:
            f = seen.get(v)
            if f is None:
                f = seen[v] = text(v)
            out.append(f)
    return out


def _codebook_sheet(wb: Workbook, styles: dict) -> None:
    ws = wb.add_worksheet(SHEET_CODEBOOK)
    ws.freeze_panes(1, 0)
    for i, width in enumerate((22, 28, 10, 20, 100)):
        ws.set_column(i, i, width)
    for col, name in enumerate(["kolom", "titel", "type", "eenheid", "omschrijving"]):
        ws.write_string(0, col, name, styles["header"])
    for r, c in enumerate(COLUMNS, start=1):
        for col, value in enumerate([c.name, c.title, c.type, c.unit]):
            _cell(ws, r, col, value)
        _cell(ws, r, 4, neutralise(c.description), styles["wrap"])


def _notes_sheet(wb: Workbook, notes: list[tuple[str, str]], warn: bool, styles: dict) -> None:
    ws = wb.add_worksheet(SHEET_NOTES)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 110)
    for n, (topic, text) in enumerate(notes):
        loud = warn and n == 0  # the synthetic-data warning, red, on the first line
        _cell(ws, n, 0, neutralise(topic), styles["warning"] if loud else styles["bold_wrap"])
        _cell(ws, n, 1, neutralise(text), styles["warning"] if loud else styles["wrap"])
