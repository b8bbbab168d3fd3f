"""CONTRACT §1, the rows the hostile set cannot show by itself: numbers never guessed (property
tests, SQL and Python alike), personal data behind any disguise (property tests), files that
change or vanish while read, `run` without deliveries, wrong paths, `check` of bytes in memory,
and working folders of killed runs swept."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline import numbers
from pipeline.build import _ram_root, sweep_dead
from pipeline.check import check, check_deliveries
from pipeline.cli import main
from pipeline.intake import file, limits, personal, readers
from pipeline.stages import extract
from tests.conftest import csv_delivery, rows

GOOD = "GM0228;2016;bijstand;roma;30;120;;;"

# --------------------------------------------------------------------------- numbers


@given(
    st.one_of(
        st.text(alphabet="0123456789.,  '_eE+-=naifWAROtrue", max_size=14),
        # plain integers, which the SQL recognises by a cast before its patterns: beyond bigint,
        # signed, with leading zeros, in other scripts' digits
        st.integers(-(10**20), 10**20).map(str),
        st.integers(0, 10**6).map(lambda n: f"+{n}"),
        st.integers(0, 999).map(lambda n: f"{n:05d}"),
        st.integers(-999, 999).map(
            lambda n: f"{n:d}".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        ),
    )
)
# texts a cast to bigint reads, though they are no plain count
@example("1_000")
@example("0x1F")
@example("1e3")
@example("1.0")
@example("+5")
@example("007")
def test_sql_and_python_read_every_number_alike(text):
    text = text.strip()
    con = duckdb.connect()
    kind = con.execute(
        f"select {numbers.sql_kind('x')} from (select ?::varchar as x)", [text or None]
    ).fetchone()[0]
    value = con.execute(
        f"select {numbers.sql_value('x', 'k')} from (select ?::varchar as x, ?::varchar as k)",
        [text or None, kind],
    ).fetchone()[0]
    parsed = numbers.parse(text or None)
    assert value == parsed.value
    if text:
        assert kind == numbers.kind(text)


@given(st.integers(1000, 10**9), st.sampled_from([".", ",", " ", "\u00a0", "'"]))
def test_a_number_with_a_thousands_separator_is_never_read(n, sep):
    text = f"{n:,}".replace(",", sep)
    assert numbers.parse(text).value is None
    assert numbers.parse(text).problem in ("dubbelzinnig", "duizendtallen")


@given(st.integers(0, 10**12))
def test_a_plain_count_reads_as_itself(n):
    assert numbers.parse(str(n)) == numbers.Parsed(float(n), None)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1.000", "dubbelzinnig"),
        ("1,000", "dubbelzinnig"),
        ("1 000", "duizendtallen"),
        ("=A1", "formule"),
        ("ONWAAR", "waar_onwaar"),
        ("nan", "niet_eindig"),
        ("-Infinity", "niet_eindig"),
        ("2E5", "wetenschappelijk"),
        ("１２", "geen_getal"),
        ("12%", "geen_getal"),
    ],
)
def test_what_cannot_be_read_one_way_says_why(text, problem):
    assert numbers.parse(text).problem == problem
    assert numbers.MESSAGES[problem]


# --------------------------------------------------------------------------- personal data

SEPARATORS = st.sampled_from(["", " ", ".", "-", "\u200b", "\u00a0", "\u2060", "\u00ad"])


def _bsns() -> st.SearchStrategy[str]:
    def valid(first8: str) -> str | None:
        total = sum(w * int(d) for w, d in zip((9, 8, 7, 6, 5, 4, 3, 2), first8, strict=True))
        last = total % 11
        return first8 + str(last) if last < 10 else None

    return st.from_regex(r"[1-9][0-9]{7}", fullmatch=True).map(valid).filter(lambda x: x is not None)


@given(
    _bsns(),
    st.lists(SEPARATORS, min_size=8, max_size=8),
    st.booleans(),
    st.text(alphabet="abc :", max_size=6),
)
def test_a_bsn_is_found_behind_separators_invisible_or_full_width_digits(bsn, seps, wide, before):
    digits = [chr(0xFF10 + int(d)) if wide else d for d in bsn]
    text = before + " " + "".join(d + s for d, s in zip(digits, [*seps, ""], strict=True))
    assert personal.value_kind(text) == "BSN"


@given(
    st.one_of(
        st.binary(max_size=40),
        st.tuples(
            st.text(max_size=20), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
        ).map(
            lambda t: (
                (b"\xef\xbb\xbf" if t[1] == "utf-8-sig" else b"")
                + t[0].encode("utf-8" if t[1] == "utf-8-sig" else t[1], errors="ignore")
            )
        ),
        st.text(max_size=20).map(lambda t: t.encode("utf-8")[:-1]),  # cut inside its last character
    )
)
def test_the_characters_outside_ascii_are_those_of_the_decoded_text(data):
    # the personal-data test takes them from the bytes (issue 18: speed); they must be the text's
    text, encoding = readers.decode(data)
    assert personal._non_ascii(data, text, encoding) == {c for c in text if not c.isascii()}


@given(
    _bsns(),
    st.sampled_from(["tekst", "getal", "email", "telefoon"]),
    st.lists(
        st.one_of(st.text(max_size=8), st.integers(-(10**12), 10**12), st.floats(), st.none()), max_size=12
    ),
)
def test_a_workbook_whose_cells_pass_the_byte_test_holds_no_personal_data(bsn, kind, filler):
    # the byte-level test lets a sheet skip the search per cell (issue 18): whenever the search
    # per cell finds something, the byte-level test must have said the cells may hold it
    planted = {
        "tekst": f"bsn {bsn[:3]}.{bsn[3:6]}.{bsn[6:]}",
        "getal": float(bsn),
        "email": "a.b@voorbeeld.nl",
        "telefoon": "06-12345678",
    }[kind]
    cells = [filler[:6], [*filler[6:], planted]]
    assert file._scan_cells(cells, None, header_words=False)
    assert file._cells_may_hold_personal_data(cells)
    clean = [[v for v in filler if not (isinstance(v, str) and personal.value_kind(v))]]
    if file._scan_cells(clean, None, header_words=False):
        assert file._cells_may_hold_personal_data(clean)


LOOKALIKES = {
    "a": "аɑ",
    "e": "еҽ",
    "o": "оο",
    "c": "сϲ",
    "p": "р",
    "s": "ѕ",
    "i": "іι",
    "n": "ո",
    "A": "АΑ",
    "B": "ВΒ",
    "E": "ЕΕ",
    "O": "ОΟ",
    "C": "СϹ",
    "P": "РΡ",
    "S": "Ѕ",
    "N": "Ν",
    "I": "ІΙ",
    "M": "МΜ",
    "T": "ТΤ",
    "H": "НΗ",
    "K": "КΚ",
}


@given(
    st.sampled_from(
        ["naam", "voornaam", "bsn", "geboortedatum", "email", "telefoon", "kindnaam", "leerling"]
    ),
    st.randoms(use_true_random=False),
    st.sampled_from(["", "\u200b", "\u00ad"]),
    st.booleans(),
)
def test_a_person_column_is_found_behind_look_alikes_and_invisible_characters(word, rnd, invisible, upper):
    word = word.upper() if upper else word
    disguised = "".join(
        rnd.choice(LOOKALIKES[c]) if c in LOOKALIKES and rnd.random() < 0.5 else c for c in word
    )
    assert personal.is_person_column(invisible.join(disguised))


def test_a_value_in_a_reason_is_shown_only_when_it_cannot_be_personal_data():
    assert personal.shown_value("2,5") == "2,5"
    assert personal.shown_value("GM0228") == "GM0228"
    for value in ("123 456 782", "Jansen", "0612345678", "a@b.nl"):
        assert personal.shown_value(value) == personal.NOT_SHOWN


# --------------------------------------------------------------------------- reading


def test_the_hash_is_of_the_bytes_read_and_those_bytes_are_loaded(make_raw, build, monkeypatch):
    raw = make_raw({"GM0228/2017-01-01_x.csv": csv_delivery(GOOD)})
    path = raw / "leveringen" / "GM0228" / "2017-01-01_x.csv"
    original = path.read_bytes()
    read = limits.read_file

    def read_then_change(p, grenzen):
        data = read(p, grenzen)
        p.write_bytes(csv_delivery("GM0228;2016;bijstand;roma;99;120;;;").encode())  # changed behind our back
        return data

    monkeypatch.setattr(limits, "read_file", read_then_change)
    _, con = build(raw)
    assert rows(con, "select sha256 from leveringen") == [(hashlib.sha256(original).hexdigest(),)]
    assert rows(con, "select teller from waarnemingen where herkomst = 'levering'") == [(30,)]


def test_a_file_that_vanishes_is_refused_and_the_build_goes_on(make_raw, build, monkeypatch):
    raw = make_raw(
        {"GM0228/2017-01-01_x.csv": csv_delivery(GOOD), "GM0228/2017-01-02_weg.csv": csv_delivery(GOOD)}
    )
    discover = extract.discovery.discover

    def discover_then_delete(folder):
        found = discover(folder)
        (folder / "GM0228" / "2017-01-02_weg.csv").unlink()
        return found

    monkeypatch.setattr(extract.discovery, "discover", discover_then_delete)
    _, con = build(raw)
    got = dict(rows(con, "select bestand, reden from leveringen"))
    assert "verdwenen" in got["leveringen/GM0228/2017-01-02_weg.csv"]
    assert rows(con, "select count(*) from waarnemingen where herkomst = 'levering'") == [(1,)]


def test_a_reader_crash_refuses_that_file_only(make_raw, build, monkeypatch):
    from pipeline.intake import readers

    raw = make_raw(
        {"GM0228/2017-01-01_x.csv": csv_delivery(GOOD), "GM0228/2017-01-02_y.xlsx": b"PK\x03\x04kapot"}
    )
    monkeypatch.setattr(readers, "read_workbook", lambda *a: 1 / 0)
    _, con = build(raw)
    assert rows(con, "select status, reden from leveringen where bestand like '%.xlsx'") == [
        ("geweigerd", "het bestand kan niet worden gelezen als tabel (ZeroDivisionError)")
    ]


# --------------------------------------------------------------------------- command line


def test_run_without_deliveries_exits_1_and_keeps_the_previous_build(make_raw, tmp_path, capsys):
    out = tmp_path / "out"
    good = make_raw({"GM0228/2017-01-01_x.csv": csv_delivery(GOOD)}, name="goed")
    assert main(["run", "--raw", str(good), "--out", str(out), "--stil"]) == 0
    before = (out / "monitor.duckdb").read_bytes()
    empty = make_raw({}, name="leeg")
    assert main(["run", "--raw", str(empty), "--out", str(out), "--stil"]) == 1
    assert "geen leveringen gevonden" in capsys.readouterr().err
    assert (out / "monitor.duckdb").read_bytes() == before


def test_wrong_paths_exit_2_with_a_message_and_no_traceback(make_raw, tmp_path, capsys):
    raw = make_raw({"GM0228/2017-01-01_x.csv": csv_delivery(GOOD)})
    a_file = tmp_path / "bestand"
    a_file.write_text("x")
    assert main(["run", "--raw", str(raw), "--out", str(a_file), "--stil"]) == 2
    assert main(["run", "--raw", str(tmp_path), "--stil"]) == 2  # a folder that is no raw folder
    assert main(["check", str(tmp_path)]) == 2  # a folder, not a file
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("fout:") == 3


# --------------------------------------------------------------------------- check


def test_check_of_bytes_in_memory_gives_a_structured_report_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    reports = check_deliveries(
        [
            (
                "2017-01-01_x.csv",
                csv_delivery(GOOD, "GM0228;2016;arbeidsparticipatie;roma;1.000;2000;;;").encode(),
            ),
            (f"2017-01-01_{personal.REDACTED}.csv", b""),
            ("2017-01-01_123456782.csv", csv_delivery(GOOD).encode()),
        ]
    )
    first, _, named = reports
    assert not first.geweigerd and first.rijen == 2
    (problem,) = first.problemen
    assert (problem.rij, problem.kolom) == (3, "teller") and "op twee manieren" in problem.reden
    assert problem.oplossing
    assert named.geweigerd and "123456782" not in named.naam and "123456782" not in (named.reden or "")
    assert list(tmp_path.iterdir()) == []


def test_check_refuses_a_file_over_the_limit_before_reading_it(tmp_path):
    path = tmp_path / "2017-01-01_groot.csv"
    with path.open("wb") as f:
        f.write(csv_delivery(GOOD).encode())
        f.truncate(50_000_001)  # sparse: larger than grenzen.max_bytes without writing 50 MB
    (report,) = check([path])
    assert report.geweigerd and "grenzen.max_bytes" in (report.reden or "")


def test_working_folders_of_killed_runs_are_swept(tmp_path):
    dead = 2**22 + 12345  # above the kernel's pid range: no process has it
    leftovers = [Path(tempfile.gettempdir()) / f"monitor-check-{dead}-x"]
    ram = _ram_root()
    if ram is not None:
        ram.mkdir(mode=0o700, exist_ok=True)
        leftovers.append(ram / f"0123456789ab-{dead}")
    for folder in leftovers:
        folder.mkdir(exist_ok=True)
        (folder / "werk.duckdb").write_text("persoonsgegevens")
    alive = Path(tempfile.gettempdir()) / f"monitor-check-{os.getpid()}-x"
    alive.mkdir(exist_ok=True)
    sweep_dead()
    assert not any(f.exists() for f in leftovers)
    assert alive.exists()
    alive.rmdir()
    if ram is not None:
        assert oct(ram.stat().st_mode & 0o777) == "0o700"


def test_control_characters_in_a_file_name_never_reach_a_table_or_the_terminal(make_raw, tmp_path):
    import io

    from pipeline.progress import Progress
    from pipeline.run import run

    raw = make_raw(
        {"GM0228/2017-01-01_a\x1b[2Jb\x07.csv": csv_delivery(GOOD), "GM0228/2017-01-02_\x1b]0;x.txt": "x"}
    )
    log = io.StringIO()
    run(raw, tmp_path / "out", Progress(stream=log))
    con = duckdb.connect(str(tmp_path / "out" / "monitor.duckdb"), read_only=True)
    names = [b for (b,) in rows(con, "select bestand from leveringen")]
    con.close()
    assert names == ["leveringen/GM0228/2017-01-01_a[2Jb.csv", "leveringen/GM0228/2017-01-02_]0;x.txt"]
    assert "\x1b" not in log.getvalue() and "\x07" not in log.getvalue()
