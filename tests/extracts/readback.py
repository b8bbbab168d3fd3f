"""Read an extract back the way its users do: pandas for CSV and parquet, openpyxl for xlsx."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from pipeline.extracts.formats import SHEET_FIGURES

# An extract made once per session is read by several tests: each file is read once (keyed on its
# size and modification time, so a rewritten file is read again) and every test gets its own copy.
_FRAMES: dict[tuple, pd.DataFrame] = {}
_CELLS: dict[tuple, list[str]] = {}


def _key(path: Path, fmt: str) -> tuple:
    stat = Path(path).stat()
    return str(Path(path).resolve()), fmt, stat.st_size, stat.st_mtime_ns


def frame(path: Path, fmt: str) -> pd.DataFrame:
    """The figures as a typed frame, read with the options a user of that format would pass."""
    key = _key(path, fmt)
    if key not in _FRAMES:
        _FRAMES[key] = _read_frame(path, fmt)
    return _FRAMES[key].copy()


def text_cells(path: Path, fmt: str) -> list[str]:
    """Every cell a spreadsheet would show as text: all CSV fields, xlsx string cells of every sheet,
    parquet string values."""
    key = _key(path, fmt)
    if key not in _CELLS:
        _CELLS[key] = _read_text_cells(path, fmt)
    return list(_CELLS[key])


def _read_frame(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(path, dtype={"periode": str, "nulmeting_periode": str, "laatste_periode": str})
    if fmt == "csv-nl":
        return pd.read_csv(
            path,
            sep=";",
            decimal=",",
            encoding="utf-8-sig",
            true_values=["ja"],
            false_values=["nee"],
            dtype={"periode": str, "nulmeting_periode": str, "laatste_periode": str},
        )
    if fmt == "parquet":
        return pd.read_parquet(path)
    ws = load_workbook(path, read_only=True)[SHEET_FIGURES]
    rows = list(ws.iter_rows(values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


def _read_text_cells(path: Path, fmt: str) -> list[str]:
    if fmt in ("csv", "csv-nl"):
        text = path.read_bytes().decode("utf-8-sig")
        delimiter = ";" if fmt == "csv-nl" else ","
        return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        return [
            v
            for name in table.column_names
            if str(table.schema.field(name).type) == "string"
            for v in table.column(name).to_pylist()
            if v is not None
        ]
    wb = load_workbook(path)
    cells = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formule in {ws.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    cells.append(cell.value)
    return cells
