"""Supersession by delivery date, with an audit trail, and conflicts that no date can settle."""

from __future__ import annotations

from tests.conftest import csv_delivery, rows

KEY_SQL = "gemeente_code = 'GM0228' and periode = '2016' and indicator = 'bijstand' and doelgroep = 'roma'"


def test_later_delivery_supersedes_earlier_and_the_earlier_value_stays_in_the_audit(make_raw, build):
    raw = make_raw(
        {
            "GM0228/2017-03-01_voorjaar.csv": csv_delivery("GM0228;2016;bijstand;roma;30;120;;;"),
            "GM0228/2017-06-01_correctie.csv": csv_delivery("GM0228;2016;bijstand;roma;28;121;;;"),
        }
    )
    _, con = build(raw)
    assert rows(con, f"select teller, noemer, bestand from waarnemingen where {KEY_SQL}") == [
        (28, 121, "leveringen/GM0228/2017-06-01_correctie.csv")
    ]
    assert rows(
        con,
        f"""select teller, noemer, bestand, rij, leverdatum::varchar
                         from waarnemingen_vervangen where {KEY_SQL}""",
    ) == [(30, 120, "leveringen/GM0228/2017-03-01_voorjaar.csv", 2, "2017-03-01")]
    assert rows(
        con, "select bestand, rijen_in_gebruik, rijen_vervangen from leveringen order by bestand"
    ) == [
        ("leveringen/GM0228/2017-03-01_voorjaar.csv", 0, 1),
        ("leveringen/GM0228/2017-06-01_correctie.csv", 1, 0),
    ]


def test_supersession_follows_the_delivery_date_not_the_file_order(make_raw, build):
    # the later date is in a file that sorts first
    raw = make_raw(
        {
            "GM0228/2018-01-01_a-laat.csv": csv_delivery("GM0228;2016;bijstand;roma;25;120;;;"),
            "GM0228/2017-01-01_z-vroeg.csv": csv_delivery("GM0228;2016;bijstand;roma;31;120;;;"),
        }
    )
    _, con = build(raw)
    assert rows(con, f"select teller from waarnemingen where {KEY_SQL}") == [(25,)]


def test_three_deliveries_chain_in_the_audit(make_raw, build):
    raw = make_raw(
        {
            f"GM0228/2017-0{m}-01_v{m}.csv": csv_delivery(f"GM0228;2016;bijstand;roma;{20 + m};120;;;")
            for m in (1, 2, 3)
        }
    )
    _, con = build(raw)
    assert rows(con, f"select teller from waarnemingen where {KEY_SQL}") == [(23,)]
    chain = rows(
        con, f"select teller, bestand from waarnemingen_vervangen where {KEY_SQL} order by leverdatum"
    )
    assert chain == [(21, "leveringen/GM0228/2017-01-01_v1.csv"), (22, "leveringen/GM0228/2017-02-01_v2.csv")]


def test_same_key_twice_in_one_delivery_sends_every_row_of_that_key_to_quarantine(make_raw, build):
    raw = make_raw(
        {
            "GM0228/2017-03-01_dubbel.csv": csv_delivery(
                "GM0228;2016;bijstand;roma;30;120;;;",
                "GM0228;2016;arbeidsparticipatie;roma;20;150;;;",
                "GM0228;2016;bijstand;roma;31;120;;;",
            ),
        }
    )
    _, con = build(raw)
    found = rows(con, "select rij, regel from quarantaine order by rij")
    assert found == [(2, "sleutel.uniek"), (4, "sleutel.uniek")]
    assert rows(con, f"select count(*) from waarnemingen where {KEY_SQL}") == [(0,)]
    assert rows(
        con, "select count(*) from waarnemingen where gemeente_code = 'GM0228' and doelgroep = 'roma'"
    ) == [(1,)]


def test_duplicate_in_a_later_delivery_keeps_the_earlier_value_in_force(make_raw, build):
    raw = make_raw(
        {
            "GM0228/2017-03-01_goed.csv": csv_delivery("GM0228;2016;bijstand;roma;30;120;;;"),
            "GM0228/2017-06-01_dubbel.csv": csv_delivery(
                "GM0228;2016;bijstand;roma;29;120;;;", "GM0228;2016;bijstand;roma;27;120;;;"
            ),
        }
    )
    _, con = build(raw)
    assert rows(con, f"select teller, bestand from waarnemingen where {KEY_SQL}") == [
        (30, "leveringen/GM0228/2017-03-01_goed.csv")
    ]


def test_two_deliveries_of_the_same_date_with_different_figures_are_a_conflict(make_raw, build):
    raw = make_raw(
        {
            "GM0228/2017-03-01_oud.csv": csv_delivery("GM0228;2016;bijstand;roma;30;120;;;"),
            "GM0228/2017-06-01_a.csv": csv_delivery("GM0228;2016;bijstand;roma;28;120;;;"),
            "GM0228/2017-06-01_b.csv": csv_delivery("GM0228;2016;bijstand;roma;26;120;;;"),
        }
    )
    _, con = build(raw)
    assert rows(con, "select bestand, regel from quarantaine order by bestand") == [
        ("leveringen/GM0228/2017-06-01_a.csv", "sleutel.conflict_zelfde_datum"),
        ("leveringen/GM0228/2017-06-01_b.csv", "sleutel.conflict_zelfde_datum"),
    ]
    assert rows(con, f"select teller from waarnemingen where {KEY_SQL}") == [(30,)]


def test_the_same_figure_delivered_twice_on_one_date_is_no_conflict(make_raw, build):
    raw = make_raw(
        {
            "GM0228/2017-06-01_a.csv": csv_delivery("GM0228;2016;bijstand;roma;28;120;;;"),
            "GM0228/2017-06-01_b.csv": csv_delivery("GM0228;2016;bijstand;roma;28;120;;;"),
        }
    )
    _, con = build(raw)
    assert rows(con, "select count(*) from quarantaine") == [(0,)]
    assert rows(con, f"select teller, bestand from waarnemingen where {KEY_SQL}") == [
        (28, "leveringen/GM0228/2017-06-01_b.csv")
    ]
    assert rows(con, f"select count(*) from waarnemingen_vervangen where {KEY_SQL}") == [(1,)]
