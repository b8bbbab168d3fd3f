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
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pipeline.extracts.codebook import COLUMNS, NAMES, arrow_schema
from pipeline.extracts.safety import neutralise, sql_neutralised
from pipeline.sample.writers import _pin_zip

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
    "csv": Format("csv", f"{BASENAME}.csv", "text/csv",
                  "UTF-8, komma als scheidingsteken, decimale punt, true/false: voor software."),
    "csv-nl": Format("csv-nl", f"{BASENAME}.csv", "text/csv",
                     "UTF-8 met BOM, puntkomma als scheidingsteken, decimale komma, ja/nee: opent met "
                     "een dubbelklik goed in Nederlandse Excel.", ";", ",", "ja", "nee", bom=True),
    "xlsx": Format("xlsx", f"{BASENAME}.xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "Excel-werkmap: tabbladen cijfers, codeboek en bronnen en toelichting."),
    "parquet": Format("parquet", f"{BASENAME}.parquet", "application/vnd.apache.parquet",
                      "Parquet, getypeerd volgens het codeboek, met de omschrijvingen in het schema."),
}  # fmt: skip


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
            out.append(f"case when {c.name} then '{fmt.true}' when not {c.name} then '{fmt.false}' "
                       f"end as {c.name}")  # fmt: skip
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


def write_xlsx(table: pa.Table, path: Path, notes: list[tuple[str, str]], title: str,
               warn: bool) -> None:  # fmt: skip
    """Three sheets; header bold on grey, top row frozen, a filter on the header; pinned bytes."""
    data = publishable(table)
    wb = Workbook(write_only=True)
    _figures_sheet(wb, data)
    _codebook_sheet(wb)
    _notes_sheet(wb, notes, warn)
    wb.properties.title = title
    wb.properties.creator = "Monitor Inclusie Roma"
    wb.properties.created = STAMP
    wb.properties.modified = STAMP
    buffer = io.BytesIO()
    wb.save(buffer)
    Path(path).write_bytes(_pin_zip(buffer.getvalue(), STAMP))


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
WARNING_FONT = Font(bold=True, color="C00000")
WRAP = Alignment(wrap_text=True, vertical="top")


def _header(ws: object, names: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cells.append(cell)
    return cells


def _figures_sheet(wb: Workbook, data: pa.Table) -> None:
    ws = wb.create_sheet(SHEET_FIGURES)
    ws.freeze_panes = "A2"  # write-only sheets take their view and widths before the first row
    for i, c in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(len(c.name) + 3, 12)
    ws.append(_header(ws, list(NAMES)))
    # an empty last cell is still written (styled, no value), so that every row has every column
    empty = WriteOnlyCell(ws, value=None)
    empty.alignment = Alignment(vertical="bottom")
    for row in zip(*(data.column(n).to_pylist() for n in NAMES), strict=True):
        ws.append(row if row[-1] is not None else (*row[:-1], empty))
    ws.auto_filter.ref = f"A1:{get_column_letter(len(NAMES))}{data.num_rows + 1}"


def _codebook_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(SHEET_CODEBOOK)
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (22, 28, 10, 20, 100), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append(_header(ws, ["kolom", "titel", "type", "eenheid", "omschrijving"]))
    for c in COLUMNS:
        text = WriteOnlyCell(ws, value=neutralise(c.description))
        text.alignment = WRAP
        ws.append([c.name, c.title, c.type, c.unit, text])


def _notes_sheet(wb: Workbook, notes: list[tuple[str, str]], warn: bool) -> None:
    ws = wb.create_sheet(SHEET_NOTES)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 110
    for n, (topic, text) in enumerate(notes):
        loud = warn and n == 0  # the synthetic-data warning, red, on the first line
        cells = [WriteOnlyCell(ws, value=neutralise(topic)), WriteOnlyCell(ws, value=neutralise(text))]
        cells[0].font = WARNING_FONT if loud else HEADER_FONT
        cells[1].font = WARNING_FONT if loud else Font()
        for cell in cells:
            cell.alignment = WRAP
        ws.append(cells)
