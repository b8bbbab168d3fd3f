"""A checked delivery against the monitor (`pipeline/monitorcheck.py`, and `check --db`): what it
would supersede, what a later delivery keeps out, roma above a published totaal elsewhere."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from pipeline.check import check_deliveries
from pipeline.cli import main
from pipeline.monitorcheck import compare, state_from
from tests.conftest import csv_delivery


def _state(in_force: list[tuple], totals: list[tuple]) -> object:
    return state_from(
        pd.DataFrame(
            in_force, columns=["gemeente_code", "periode", "indicator", "doelgroep", "bestand", "leverdatum"]
        ),
        pd.DataFrame(totals, columns=["gemeente_code", "periode", "indicator", "teller", "noemer"]),
        pd.DataFrame({"gemeente_code": ["GM0228"], "gemeente_naam": ["Ede"]}),
        pd.DataFrame({"indicator": ["bijstand", "arbeidsparticipatie"]}),
    )


IN_FORCE = [
    ("GM0228", "2016", "bijstand", "roma", "leveringen/GM0228/2017-03-01_a.csv", date(2017, 3, 1)),
    ("GM0228", "2016", "bijstand", "totaal", "leveringen/GM0228/2017-03-01_a.csv", date(2017, 3, 1)),
    ("GM0228", "2016", "arbeidsparticipatie", "roma", "leveringen/GM0228/2019-01-01_b.csv", date(2019, 1, 1)),
]
TOTALS = [("GM0228", "2016", "bijstand", 900, 41_000), ("GM0228", "2016", "arbeidsparticipatie", 500, 2_000)]


def _report(name: str, *rows: str):
    [r] = check_deliveries([(name, csv_delivery(*rows).encode())])
    assert r.clean, r.problemen
    return r


def test_a_later_delivery_says_which_figures_of_which_delivery_it_supersedes():
    r = _report(
        "2018-01-01_x.csv",
        "GM0228;2016;bijstand;roma;30;120;;;",
        "GM0228;2016;bijstand;totaal;800;41000;;;",
        "GM0228;2016;arbeidsparticipatie;roma;30;150;;;",
        "GM0228;2017;bijstand;roma;31;120;;;",
    )
    c = compare(r, _state(IN_FORCE, TOTALS))
    text = c.sentences()
    assert "vervangt 2 cijfers van de levering van 2017-03-01 (leveringen/GM0228/2017-03-01_a.csv)" in text
    assert any(s.startswith("1 cijfer wordt niet gebruikt: de levering van 2019-01-01") for s in text), text
    assert "1 cijfer is nieuw in de monitor" in text
    assert c.problemen == []


def test_roma_above_the_published_totaal_is_a_problem_of_its_row():
    r = _report(
        "2018-01-01_x.csv",
        "GM0228;2016;bijstand;roma;901;1000;;;",
        "GM0228;2016;arbeidsparticipatie;roma;30;1990;;;",
    )
    c = compare(r, _state(IN_FORCE, TOTALS))
    assert [(p.rij, p.kolom) for p in c.problemen] == [(2, "teller"), (3, "noemer")]
    assert "groter dan die van totaal in de monitor (900)" in c.problemen[0].reden
    assert "noemer min teller van roma" in c.problemen[1].reden  # 1.960 of roma's rest > 1.500 of totaal's


def test_a_file_with_its_own_totaal_is_not_compared_with_the_monitors():
    r = _report(
        "2018-01-01_x.csv",
        "GM0228;2016;bijstand;roma;901;1000;;;",
        "GM0228;2016;bijstand;totaal;950;41000;;;",
    )
    assert compare(r, _state(IN_FORCE, TOTALS)).problemen == []


def test_a_municipality_without_figures_in_the_monitor_is_named():
    r = _report("2018-01-01_x.csv", "GM0228;2016;bijstand;roma;30;120;;;")
    c = compare(r, _state([], TOTALS))
    assert any("nog geen geleverde cijfers van Ede (GM0228)" in s for s in c.sentences())


@pytest.fixture
def tiny_db(tmp_path):
    path = tmp_path / "monitor.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "create table publicatie_herkomst (gemeente_code varchar, periode varchar, indicator varchar, "
            "doelgroep varchar, bestand varchar, leverdatum date)"
        )
        con.executemany("insert into publicatie_herkomst values (?, ?, ?, ?, ?, ?)", IN_FORCE)
        con.execute(
            "create table publicatie_cijfers (gemeente_code varchar, periode varchar, indicator varchar, "
            "doelgroep varchar, teller bigint, noemer bigint, onderdrukt boolean)"
        )
        con.executemany("insert into publicatie_cijfers values (?, ?, ?, 'totaal', ?, ?, false)", TOTALS)
        con.execute(
            "insert into publicatie_cijfers values ('GM0228', '2016', 'bijstand', 'roma', null, null, true)"
        )
        con.execute("create table gemeenten as select 'GM0228' as gemeente_code, 'Ede' as gemeente_naam")
        con.execute(
            "create table indicatoren as select unnest(['bijstand', 'arbeidsparticipatie']) as indicator"
        )
    return path


def test_check_command_compares_with_the_monitor_database(tmp_path, tiny_db, capsys):
    good = tmp_path / "2018-01-01_x.csv"
    good.write_text(csv_delivery("GM0228;2016;bijstand;roma;30;120;;;"))
    assert main(["check", str(good), "--db", str(tiny_db)]) == 0
    out = capsys.readouterr().out
    assert "Tegen de monitor" in out and "vervangt 1 cijfer van de levering van 2017-03-01" in out

    above = tmp_path / "2018-01-01_y.csv"
    above.write_text(csv_delivery("GM0228;2016;bijstand;roma;901;1000;;;"))
    assert main(["check", str(above), "--db", str(tiny_db)]) == 1
    assert (
        "rij 2, kolom teller: de teller van roma (901) is groter dan die van totaal in de monitor (900)"
        in (capsys.readouterr().out)
    )


def test_check_command_without_a_database_checks_the_files_only(tmp_path, capsys):
    good = tmp_path / "2018-01-01_x.csv"
    good.write_text(csv_delivery("GM0228;2016;bijstand;roma;30;120;;;"))
    assert main(["check", str(good), "--db", str(tmp_path / "geen.duckdb")]) == 0
    assert "Tegen de monitor" not in capsys.readouterr().out


def test_a_back_series_whose_area_the_monitor_has_from_the_municipality_of_that_time_is_a_conflict():
    # Het Hogeland (GM1966, from 2019) delivers 2015 for its later area; Bedum (GM0005) delivered 2015 itself
    r = _report(
        "2020-01-01_terugreeks.csv",
        "GM1966;2015;bijstand;roma;30;120;;;",
        "GM1966;2015;bijstand;totaal;900;4000;;;",
    )
    assert r.cijfers[0].voorgangers and "GM0005" in r.cijfers[0].voorgangers
    bedum = [
        ("GM0005", "2015", "bijstand", "roma", "leveringen/GM0005/2016-02-01_bedum.csv", date(2016, 2, 1))
    ]
    c = compare(r, _state(bedum, []))
    assert [(p.rij, p.regel) for p in c.problemen] == [(2, "sleutel.conflict_herindeling")]
    assert "GM0005, levering leveringen/GM0005/2016-02-01_bedum.csv" in c.problemen[0].reden
    assert compare(r, _state([], [])).problemen == []  # nothing of that time in the monitor: no conflict
