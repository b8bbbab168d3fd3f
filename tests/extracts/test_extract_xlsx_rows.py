"""The xlsx figures sheet is written a column at a time (issue 18: the national build's xlsx in
seconds), and must be the bytes xlsxwriter writes a cell at a time: compared on values that each
take another branch of xlsxwriter's writer (escaped characters, control characters and their
escape, whitespace kept, texts over Excel's limit, numbers that are not finite, empty cells)."""

from __future__ import annotations

import math
import re
import zipfile

import pyarrow as pa
import pytest

from pipeline.extracts import formats
from pipeline.extracts.codebook import COLUMNS, arrow_schema

TEXTS = [
    "GM0363",
    "",
    " voorloopspatie",
    "spatie achteraan ",
    "\tmet tab",
    "regel\neen en twee",
    "a\x01b\x1fc",
    "_x0041_ letterlijk",
    "<b>&amp;</b> \"aanhalingstekens\" 'enkel'",
    "<r>geen rich string</r>",
    "emoji 😀 en ü",
    "\ufffe\uffff",
    "x" * 40_000,
    "😀" * 20_000,
]
NUMBERS = [0, -0.0, 1 / 3, 1e20, -2.5e-12, 123456789.125, math.nan, math.inf, -math.inf, None]
INTEGERS = [0, 1, -7, 2**53 + 1, 10**17, None]


def _empty(last_empty: bool | str, i: int, rows: int) -> bool:
    """Whether row `i`'s last cell is empty: in most rows, in none, or only in the sheet's last row
    (which xlsxwriter writes when the workbook closes, after the other sheets)."""
    return i == rows - 1 if last_empty == "last" else bool(last_empty) and i % 3 != 1


def _table(rows: int, last_empty: bool | str) -> pa.Table:
    """A table in the codebook's schema whose every column cycles through the values above."""
    data = {}
    for k, c in enumerate(COLUMNS):
        if c.type == "string":
            values: list = [TEXTS[(i + k) % len(TEXTS)] for i in range(rows)]
            if c.name == COLUMNS[-1].name:
                values = [None if _empty(last_empty, i, rows) else v for i, v in enumerate(values)]
            elif k % 2:
                values = [None if i % 5 == 4 else v for i, v in enumerate(values)]
        elif c.type == "number":
            values = [NUMBERS[(i + k) % len(NUMBERS)] for i in range(rows)]
        elif c.type == "integer":
            values = [INTEGERS[(i + k) % len(INTEGERS)] for i in range(rows)]
        else:
            values = [(None, True, False)[(i + k) % 3] for i in range(rows)]
        if c.constraints.get("required"):  # never empty: a value from the cycle instead
            values = [v if v is not None else (TEXTS[0] if c.type == "string" else 1) for v in values]
            values = [bool(v) if c.type == "boolean" else v for v in values]
        data[c.name] = pa.array(values, c.arrow)
    return pa.table(data, schema=arrow_schema())


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.mark.parametrize(
    ("rows", "last_empty"), [(0, False), (1, True), (2, False), (40, True), (40, False), (7, "last")]
)
def test_the_figures_sheet_is_the_bytes_xlsxwriter_writes_cell_by_cell(
    tmp_path, monkeypatch, rows, last_empty
):
    table = _table(rows, last_empty)
    notes = [("Let op", "synthetisch"), ("Bron", "test")]
    fast = tmp_path / "kolommen.xlsx"
    formats.write_xlsx(table, fast, notes, "titel", warn=True)
    monkeypatch.setattr(formats, "_figure_rows", formats._figure_rows_by_cell)
    slow = tmp_path / "cellen.xlsx"
    formats.write_xlsx(table, slow, notes, "titel", warn=True)
    a, b = _parts(fast), _parts(slow)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name
    assert fast.read_bytes() == slow.read_bytes()
    sheet = a["xl/worksheets/sheet1.xml"]
    if rows:  # the values took the branches this test is about
        for fragment in (
            b"_x0001_",
            b"_x005F_x0041_",
            b"&lt;b&gt;&amp;amp;",
            b'xml:space="preserve"',
            b't="b"',
        ):
            assert fragment in sheet, fragment
        assert b"<v>1</v>" in sheet
        assert bool(re.search(rb'<c r="[A-Z]+[0-9]+" s="[0-9]+"/>', sheet)) == bool(
            last_empty
        )  # styled blank
