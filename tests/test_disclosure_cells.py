"""Secondary suppression: no totaal left beside a suppressed roma cell that gives it away."""

from __future__ import annotations

import duckdb
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from pipeline import disclosure
from pipeline.config import DisclosureRule

RULE = DisclosureRule(doelgroepen=("roma",), min_noemer=10, teller_min=1, teller_max=4)


def cells(*rows):
    return pd.DataFrame(rows, columns=["gemeente_code", "periode", "indicator", "doelgroep", "teller",
                                       "noemer"]).astype({"noemer": "Int64"})  # fmt: skip


def test_a_totaal_count_of_one_beside_a_suppressed_roma_count_is_suppressed():
    frame = cells(("GM0228", "2016", "meldingen", "roma", 1, None),
                  ("GM0228", "2016", "meldingen", "totaal", 1, None))  # fmt: skip
    assert disclosure.suppressed_cells(frame, r=RULE).tolist() == [True, True]


def test_a_large_totaal_beside_a_suppressed_roma_cell_stays():
    frame = cells(("GM0228", "2016", "bijstand", "roma", 2, 50),
                  ("GM0228", "2016", "bijstand", "totaal", 2000, 50000))  # fmt: skip
    assert disclosure.suppressed_cells(frame, r=RULE).tolist() == [True, False]


def test_a_small_totaal_stays_when_its_roma_cell_is_published():
    frame = cells(("GM0228", "2016", "meldingen", "roma", 0, None),
                  ("GM0228", "2016", "meldingen", "totaal", 3, None))  # fmt: skip
    assert disclosure.suppressed_cells(frame, r=RULE).tolist() == [False, False]


def test_only_the_totaal_of_the_same_municipality_period_and_indicator_is_touched():
    frame = cells(("GM0228", "2016", "meldingen", "roma", 2, None),
                  ("GM0228", "2017", "meldingen", "totaal", 2, None),
                  ("GM0363", "2016", "meldingen", "totaal", 2, None),
                  ("GM0228", "2016", "signalen", "totaal", 2, None))  # fmt: skip
    assert disclosure.suppressed_cells(frame, r=RULE).tolist() == [True, False, False, False]


def test_a_cell_already_marked_onderdrukt_stays_suppressed_and_keeps_its_group_hidden():
    published = cells(("GM0228", "2016", "meldingen", "roma", None, None),
                      ("GM0228", "2016", "meldingen", "totaal", 2, None))  # fmt: skip
    published["onderdrukt"] = [True, False]
    assert disclosure.suppressed_cells(published, r=RULE).tolist() == [True, True]


def test_apply_cells_empties_both_and_leaves_the_input_alone():
    frame = cells(("GM0228", "2016", "meldingen", "roma", 2, None),
                  ("GM0228", "2016", "meldingen", "totaal", 3, None))  # fmt: skip
    frame["waarde"] = [2.0, 3.0]
    out = disclosure.apply_cells(frame, r=RULE)
    assert out["onderdrukt"].tolist() == [True, True]
    assert out[["teller", "waarde"]].isna().all().all()
    assert frame["teller"].tolist() == [2, 3]


@given(st.lists(st.tuples(st.sampled_from(["GM1", "GM2"]), st.sampled_from(["2016", "2017"]),
                          st.sampled_from(["roma", "totaal"]), st.integers(0, 30),
                          st.one_of(st.none(), st.integers(0, 40))),
                min_size=1, max_size=30, unique_by=lambda c: (c[0], c[1], c[2])))  # fmt: skip
def test_sql_and_python_forms_of_secondary_suppression_agree(rows):
    frame = pd.DataFrame([(g, p, "x", d, t, n) for g, p, d, t, n in rows],
                         columns=["gemeente_code", "periode", "indicator", "doelgroep", "teller", "noemer"])
    frame["noemer"] = frame["noemer"].astype("Int64")
    frame["rij"] = range(len(frame))
    con = duckdb.connect()
    con.register("cellen", frame)
    sql = [bool(s) for (s,) in con.execute(
        f"select onderdrukt from ({disclosure.sql_suppressed_cells('cellen', r=RULE)}) order by rij"
    ).fetchall()]  # fmt: skip
    assert sql == disclosure.suppressed_cells(frame, r=RULE).tolist()
