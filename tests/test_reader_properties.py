"""Property-based tests of the delivery reader: arbitrary bytes never crash it, and a table in any
allowed dialect loses no row and no value."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline import privacy, readers
from pipeline.build import open_build
from pipeline.readers import COLUMNS, Refused
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
@given(st.text(alphabet=";,\t\"\n\r aéb1–", max_size=300), st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]))
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
    lambda r: {**r, "gemeente_code": "GM" + (r["gemeente_code"] or "0").strip() + "x"})


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
def test_reader_never_loses_an_accepted_row(build, tmp_path_factory, rows, sep, encoding, newline, titles,
                                             blank_after, shuffle, extra):
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

    files = extract.stage_deliveries(build, [path])
    assert files[0].status == "geaccepteerd", files[0].reden
    staged = build.con.execute("select rij, " + ", ".join(COLUMNS) + " from stg_leveringrijen order by rij").fetchall()
    assert [(r[0], tuple(r[1:])) for r in staged] == expected
