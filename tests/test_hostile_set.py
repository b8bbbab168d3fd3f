"""The hostile set (`sample --scale hostile`): a build on it finishes, refuses or quarantines every
hostile file with the right reason, and no personal value of it comes out anywhere (CONTRACT §1)."""

from __future__ import annotations

import io
import json

import duckdb
import pytest

from pipeline.intake import discovery
from pipeline.progress import Progress
from pipeline.run import run
from pipeline.sample import generate, hostile
from tests.conftest import rows

SEED = 7


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    generate(root / "raw", "hostile", SEED)
    log = io.StringIO()
    result = run(root / "raw", root / "out", Progress(stream=log))
    con = duckdb.connect(str(root / "out" / "monitor.duckdb"), read_only=True)
    yield con, result, log.getvalue(), root
    con.close()


def _bestand(rel: str) -> str:
    return "leveringen/" + rel


EXPECTED = hostile.files(SEED)


@pytest.mark.parametrize("rel", sorted(r for r, (_, e) in EXPECTED.items() if e.status == "geweigerd"))
def test_every_hostile_file_is_refused_with_its_reason(built, rel):
    con = built[0]
    expected = EXPECTED[rel][1]
    shown = discovery.shown_path("leveringen", *rel.split("/"))[0]
    got = rows(con, "select status, reden from leveringen where bestand = ?", shown)
    assert got, f"{shown} is not in leveringen"
    assert got[0][0] == "geweigerd"
    assert expected.words in got[0][1]


@pytest.mark.parametrize("rel", sorted(hostile.SPECIAL))
def test_folders_links_and_pipes_are_refused_and_listed(built, rel):
    con = built[0]
    expected = hostile.SPECIAL[rel][1]
    found = [
        (b, s, r)
        for b, s, r in rows(con, "select bestand, status, reden from leveringen")
        if b.rstrip("/").endswith(rel.rstrip("/").replace(hostile.EMAIL, "[verwijderd]"))
    ]
    assert found, rel
    assert found[0][1] == "geweigerd" and expected.words in found[0][2]


@pytest.mark.parametrize("rel", sorted(r for r, (_, e) in EXPECTED.items() if e.rows))
def test_hostile_rows_go_to_quarantine_with_their_reason(built, rel):
    con = built[0]
    for rij, words in EXPECTED[rel][1].rows:
        got = rows(con, "select reden from quarantaine where bestand = ? and rij = ?", _bestand(rel), rij)
        assert got and words in got[0][0], (rel, rij, got)


def test_a_number_that_can_be_read_two_ways_is_never_loaded(built):
    con = built[0]
    assert rows(con, "select count(*) from waarnemingen where bestand like '%getallen%'") == [(0,)]


def test_control_characters_never_reach_the_tables(built):
    con = built[0]
    (bron,) = rows(con, "select bron from waarnemingen where bestand like '%stuurtekens%'")[0]
    assert bron == "regel een regel twee [31mrood"  # \x0b a space; ESC and U+202E gone
    for (name,) in rows(con, "select bestand from leveringen"):
        assert name.isprintable()


def test_a_back_series_without_its_predecessors_is_accepted(built):
    con = built[0]
    assert rows(con, "select periode, teller from waarnemingen where bestand like '%terugreeks%'") == [
        ("2014", 28)
    ]


def test_the_build_finishes_and_says_what_it_refused(built):
    _, result, log, _ = built
    assert result.manifest["leveringen"]["geaccepteerd"] >= 5
    assert "geweigerd" in log


def test_no_personal_value_of_the_hostile_set_is_anywhere(built):
    con, _, log, root = built
    for (table,) in rows(con, "select table_name from information_schema.tables"):
        cols = [
            c
            for (c,) in rows(
                con, "select column_name from information_schema.columns where table_name = ?", table
            )
        ]
        text = " || ' ' || ".join(f"coalesce(cast(\"{c}\" as varchar), '')" for c in cols)
        for secret in hostile.SECRETS:
            assert rows(con, f'select count(*) from "{table}" where contains({text}, ?)', secret) == [(0,)], (
                table,
                secret,
            )
    texts = [log, json.dumps(json.loads((root / "out" / "manifest.json").read_text(encoding="utf-8")))]
    for text in texts:
        for secret in (hostile.BSN, hostile.EMAIL):
            assert secret not in text


def test_nothing_is_left_in_the_working_folders(built):
    root = built[3]
    assert sorted(p.name for p in (root / "out").iterdir()) == [
        ".monitor.lock",
        "manifest.json",
        "monitor.duckdb",
    ]


def test_an_xlsx_extract_of_the_hostile_build_works(built, tmp_path):
    from pipeline.cli import main

    root = built[3]
    assert (
        main(
            [
                "extract",
                "--db",
                str(root / "out" / "monitor.duckdb"),
                "--format",
                "xlsx",
                "--out",
                str(tmp_path / "x"),
                "--stil",
            ]
        )
        == 0
    )
