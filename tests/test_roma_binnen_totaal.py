"""The target group is part of the whole population (CONTRACT §1): a `roma` row larger than its
`totaal` row — teller, noemer, or noemer − teller — goes to quarantine; the totaal row stays."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import schemas
from pipeline.sqlcheck import pandas_violations
from tests.conftest import csv_delivery, rows

KEY = ["levering_id", "rij"]


def _quarantined(con) -> list[tuple]:
    return rows(con, "select bestand, rij, kolom, regel, reden from quarantaine order by bestand, rij, kolom")


def _in_force(con, doelgroep: str) -> list[tuple]:
    return rows(
        con,
        "select teller, noemer, bestand from waarnemingen where gemeente_code = 'GM0228' "
        "and indicator = 'bijstand' and periode = '2016' and doelgroep = ?",
        doelgroep,
    )


def test_roma_teller_above_totaal_in_the_same_delivery_is_quarantined(make_raw, build):
    raw = make_raw(
        {
            "GM0228/2017-03-01_a.csv": csv_delivery(
                "GM0228;2016;bijstand;roma;30;40;;;", "GM0228;2016;bijstand;totaal;20;5000;;;"
            )
        }
    )
    _, con = build(raw)
    [(bestand, rij, kolom, regel, reden)] = _quarantined(con)
    assert (bestand, rij, kolom, regel) == (
        "leveringen/GM0228/2017-03-01_a.csv",
        2,
        "teller",
        "teller.roma_boven_totaal",
    )
    assert "in dezelfde levering" in reden and "deel van de hele bevolking" in reden
    assert "30" not in reden and "20" not in reden  # no value is quoted
    assert _in_force(con, "roma") == []
    assert _in_force(con, "totaal") == [(20, 5000, "leveringen/GM0228/2017-03-01_a.csv")]


def test_roma_noemer_above_totaal_is_quarantined(make_raw, build):
    raw = make_raw(
        {
            "GM0228/2017-03-01_a.csv": csv_delivery(
                "GM0228;2016;bijstand;roma;3;6000;;;", "GM0228;2016;bijstand;totaal;400;5000;;;"
            )
        }
    )
    _, con = build(raw)
    assert [(k, r) for _, _, k, r, _ in _quarantined(con)] == [("noemer", "noemer.roma_boven_totaal")]


def test_roma_complement_above_totaal_complement_is_quarantined(make_raw, build):
    # roma 0 of 50, totaal 48 of 60: the rest of the population would have 48 of 10
    raw = make_raw(
        {
            "GM0228/2017-03-01_a.csv": csv_delivery(
                "GM0228;2016;bijstand;roma;0;50;;;", "GM0228;2016;bijstand;totaal;48;60;;;"
            )
        }
    )
    _, con = build(raw)
    [(_, _, kolom, regel, reden)] = _quarantined(con)
    assert (kolom, regel) == ("noemer", "noemer.roma_rest_negatief")
    assert "negatief" in reden


def test_roma_is_held_to_the_totaal_in_force_when_delivered_apart(make_raw, build):
    raw = make_raw(
        {
            "GM0228/2017-03-01_totaal.csv": csv_delivery("GM0228;2016;bijstand;totaal;20;5000;;;"),
            "GM0228/2017-04-01_roma.csv": csv_delivery("GM0228;2016;bijstand;roma;25;40;;;"),
        }
    )
    _, con = build(raw)
    [(bestand, _, kolom, _, reden)] = _quarantined(con)
    assert (bestand, kolom) == ("leveringen/GM0228/2017-04-01_roma.csv", "teller")
    assert "in de levering van 01-03-2017" in reden


def test_a_quarantined_roma_row_leaves_the_earlier_valid_figure_in_force(make_raw, build):
    raw = make_raw(
        {
            "GM0228/2017-03-01_a.csv": csv_delivery(
                "GM0228;2016;bijstand;roma;12;40;;;", "GM0228;2016;bijstand;totaal;400;5000;;;"
            ),
            "GM0228/2017-05-01_b.csv": csv_delivery("GM0228;2016;bijstand;roma;450;500;;;"),
        }
    )
    _, con = build(raw)
    assert [b for b, *_ in _quarantined(con)] == ["leveringen/GM0228/2017-05-01_b.csv"]
    assert _in_force(con, "roma") == [(12, 40, "leveringen/GM0228/2017-03-01_a.csv")]
    assert rows(con, "select count(*) from waarnemingen_vervangen") == [(0,)]


def test_coherent_rows_and_roma_without_totaal_load(make_raw, build):
    raw = make_raw(
        {
            "GM0228/2017-03-01_a.csv": csv_delivery(
                "GM0228;2016;bijstand;roma;12;40;;;",
                "GM0228;2016;bijstand;totaal;12;40;;;",
                "GM0228;2016;werkervaringstrajecten;roma;4;;;;",
            )
        }
    )
    result, con = build(raw)
    assert result.clean
    assert rows(con, "select count(*) from waarnemingen where herkomst = 'levering'") == [(3,)]


def test_the_shipped_sample_keeps_roma_within_totaal(sample_db):
    broken = rows(
        sample_db,
        """
        select count(*) from waarnemingen r join waarnemingen t using (gemeente_code, periode, indicator)
        where r.doelgroep = 'roma' and t.doelgroep = 'totaal'
          and (r.teller > t.teller or r.noemer > t.noemer or r.noemer - r.teller > t.noemer - t.teller)""",
    )
    assert broken == [(0,)]
    assert rows(sample_db, "select count(*) from quarantaine") == [(0,)]


NUMBERS = st.one_of(st.none(), st.integers(0, 60))


@settings(max_examples=200)
@given(st.lists(st.tuples(NUMBERS, NUMBERS, NUMBERS, NUMBERS), min_size=1, max_size=10))
def test_pandera_and_sql_agree_on_roma_within_totaal(quads):
    import duckdb

    frame = pd.DataFrame(
        [
            {
                "levering_id": 1,
                "rij": i + 2,
                "doelgroep": "roma",
                "teller": t if t is not None else 0,
                "noemer": n,
                "totaal_teller": tt if tt is not None else 0,
                "totaal_noemer": tn,
                "totaal_herkomst": "in dezelfde levering",
            }
            for i, (t, n, tt, tn) in enumerate(quads)
        ]
    ).astype({"noemer": "Float64", "totaal_noemer": "Float64"})
    schema = schemas.roma_binnen_totaal()
    con = duckdb.connect()
    con.register("r", frame)
    from pipeline.sqlcheck import sql_violations

    sql = sql_violations(con, "r", schema, KEY)[["rij", "regel"]]
    pan = pandas_violations(frame, schema, KEY)[["rij", "regel"]]
    as_set = lambda f: set(map(tuple, f.astype(str).to_numpy()))  # noqa: E731
    assert as_set(sql) == as_set(pan)
