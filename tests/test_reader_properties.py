"""Property-based tests of the delivery reader: arbitrary bytes never crash it, and a table in any
allowed dialect loses no row and no value."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.build import open_build
from pipeline.intake import Refused, readers
from pipeline.intake import personal as privacy
from pipeline.intake.readers import COLUMNS
from pipeline.stages import extract
from tests.conftest import SHIPPED_RAW, quiet


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["x.csv", "x.xlsx"]))
def test_reader_never_crashes_on_arbitrary_bytes(data, name):
    try:
        info = readers.inspect(Path(name), data)
        readers.exact_rows(data, info)
    except Refused as e:
        assert e.reason


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=';,\t"\n\r aéb1–', max_size=300), st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]))
def test_reader_never_crashes_on_odd_text(text, encoding):
    data = ("gemeente_code;periode;indicator;doelgroep;teller\n" + text).encode(encoding, errors="replace")
    try:
        info = readers.inspect(Path("x.csv"), data)
        readers.exact_rows(data, info)
    except Refused as e:
        assert e.reason


# cp1252-safe text with the characters that make CSV hard: separators, quotes, line breaks, accents
CELL = st.text(alphabet="abcéë–ß 0123456789;,\"'\n-/", max_size=12)
ROW = st.fixed_dictionaries({c: CELL for c in COLUMNS}).map(
    lambda r: {**r, "gemeente_code": "GM" + (r["gemeente_code"] or "0").strip() + "x"}
)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    with open_build(SHIPPED_RAW, tmp_path_factory.mktemp("props"), quiet()) as b:
        extract.stage_reference(b)
        yield b


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(ROW, min_size=1, max_size=15),
    sep=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    titles=st.integers(0, 2),
    blank_after=st.sets(st.integers(0, 14), max_size=2),
    shuffle=st.randoms(use_true_random=False),
    extra=st.booleans(),
)
def test_reader_never_loses_an_accepted_row(
    build, tmp_path_factory, rows, sep, encoding, newline, titles, blank_after, shuffle, extra
):
    # values that look like a BSN, e-mail or phone number refuse the file: that is another test
    assume(not any(privacy.value_kind(v) for r in rows for v in r.values()))
    header = list(COLUMNS) + (["percentage"] if extra else [])
    shuffle.shuffle(header)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    for t in range(titles):
        buffer.write(f"Titelregel {t + 1}{newline}")
    writer.writerow([h.upper() if shuffle.random() < 0.3 else h for h in header])
    expected = []
    rij = titles + 1
    for n, r in enumerate(rows):
        writer.writerow([r.get(h, "12,5") for h in header])
        rij += 1
        expected.append((rij, tuple(r[c] or None for c in COLUMNS)))
        if n in blank_after:
            buffer.write(newline)
            rij += 1
    path = tmp_path_factory.mktemp("lev") / "GM0228" / "2017-01-01_x.csv"
    path.parent.mkdir()
    path.write_bytes(buffer.getvalue().encode(encoding))

    files = extract.stage_deliveries(build, extract.given_files([path]))
    assert files[0].status == "geaccepteerd", files[0].reden
    staged = build.con.execute(
        "select rij, " + ", ".join(COLUMNS) + " from stg_leveringrijen order by rij"
    ).fetchall()
    assert [(r[0], tuple(r[1:])) for r in staged] == expected


# ------------------------------------------------------------------ Excel: calamine against openpyxl

XLSX_VALUE = st.one_of(
    st.none(),
    st.text(alphabet="abcé– 0123456789;,'", max_size=10),
    st.integers(min_value=-(10**9), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.booleans(),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31)),
)


def _workbook(cells: list[list[object]], top: int, left: int, sheets: list[str]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = sheets[0]
    for name in sheets[1:]:
        wb.create_sheet(name)
    named = [n for n in sheets if n.lower() == "levering"]
    ws = wb[named[0]] if named else wb.worksheets[0]
    for i, row in enumerate(cells):
        for j, v in enumerate(row):
            if v is not None:
                ws.cell(top + i, left + j, v)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _openpyxl_table(data: bytes) -> dict[tuple[int, int], str]:
    """The cells as openpyxl (the reference reader) sees them, as the pipeline's text."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    named = [ws for ws in wb.worksheets if ws.title.strip().lower() == "levering"]
    ws = (named or wb.worksheets)[0]
    return {
        (n, j): readers.xlsx_cell(v)
        for n, r in enumerate(ws.iter_rows(values_only=True), 1)
        for j, v in enumerate(r)
        if readers.xlsx_cell(v) is not None
    }


@settings(max_examples=80, deadline=None)
@given(
    cells=st.lists(st.lists(XLSX_VALUE, min_size=1, max_size=6), min_size=1, max_size=8),
    top=st.integers(1, 4),
    left=st.integers(1, 3),
    sheets=st.sampled_from([["Blad1"], ["Toelichting", "levering"], ["LEVERING "], ["a", "b"]]),
)
def test_excel_reader_sees_every_cell_where_excel_shows_it(cells, top, left, sheets):
    """calamine (fast) reads the same text at the same row and column as openpyxl (reference)."""
    data = _workbook(cells, top, left, sheets)
    _, rows = readers.xlsx_table(data)
    fast = {
        (n, j): readers.xlsx_cell(v)
        for n, r in rows
        for j, v in enumerate(r)
        if readers.xlsx_cell(v) is not None
    }
    assert fast == _openpyxl_table(data)


@settings(max_examples=150, deadline=None)
@given(
    cut=st.integers(0, 10_000),
    flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=5),
)
def test_damaged_workbook_is_refused_not_crashed(cut, flips):
    data = bytearray(_workbook([["gemeente_code", "periode"], ["GM0014", "2020"]], 1, 1, ["Blad1"]))
    for at, byte in flips:
        data[at % len(data)] = byte
    data = bytes(data[: max(4, len(data) - cut % len(data))])
    try:
        info = readers.inspect(Path("x.xlsx"), data)
        readers.exact_rows(data, info)
    except Refused as e:
        assert e.reason


SHEET_CELL = st.one_of(
    st.just(""),
    st.just("  "),
    st.text(alphabet="ab 1,–", max_size=5),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.integers(-5, 5),
    st.dates(),
)


@settings(max_examples=200, deadline=None)
@given(body=st.lists(st.lists(SHEET_CELL, min_size=7, max_size=7), max_size=12), extra=st.booleans())
def test_excel_rows_column_at_a_time_equal_the_row_by_row_reader(body, extra):
    """xlsx_rows' fast path gives what the general reader (_collect with xlsx_cell) gives."""
    names = ["gemeente_code", "periode", "indicator", "doelgroep", "teller", "noemer", "opmerking"]
    if extra:
        names[-1] = "toelichting_extra"
    records = [
        (1, ["titel", "", "", "", "", "", ""]),
        (2, list(names)),
        *((n, r) for n, r in enumerate(body, 3)),
    ]
    info = readers.Inspection()
    info.formaat, info.kopregel, info.kolommen, info.records = "xlsx", 2, names, records
    fast = readers.xlsx_rows(b"", info)
    slow = readers._collect(records, names, 2, readers.xlsx_cell, pad_short=True)
    assert (fast.rij, fast.values, fast.overig, fast.problems) == (
        slow.rij,
        slow.values,
        slow.overig,
        slow.problems,
    )
