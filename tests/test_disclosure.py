"""Disclosure control (CONTRACT §4) for the roma group."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import disclosure
from pipeline.config import DisclosureRule, load_settings

RULE = DisclosureRule(doelgroepen=("roma",), min_noemer=10, teller_min=1, teller_max=4)


@pytest.mark.parametrize(("teller", "noemer", "hidden"), [
    (0, 100, False),   # zero is not a handful of families
    (1, 100, True), (4, 100, True), (5, 100, False),
    (10, 9, True),     # noemer below 10
    (96, 100, True),   # complement 4 gives it away
    (95, 100, False),
    (100, 100, False), # complement 0: everyone, no small cell
    (3, None, True),   # a count of 3
    (12, None, False),
])  # fmt: skip
def test_roma_cell_is_suppressed_per_the_contract_rule(teller, noemer, hidden):
    assert disclosure.suppressed(["roma"], [teller], [noemer], RULE)[0] == hidden


def test_totaal_is_never_suppressed():
    assert not disclosure.suppressed(["totaal"], [2], [5], RULE)[0]


def test_thresholds_come_from_settings():
    assert load_settings().onthulling == RULE


def test_suppressed_cell_shows_no_value_teller_or_noemer():
    frame = pd.DataFrame({"doelgroep": ["roma", "roma"], "teller": [3, 30], "noemer": [100, 100],
                          "waarde": [3.0, 30.0], "verschil": [1.0, 2.0]})  # fmt: skip
    out = disclosure.apply(frame, RULE, also=["verschil"])
    assert out["onderdrukt"].tolist() == [True, False]
    assert out.loc[0, ["teller", "noemer", "waarde", "verschil"]].isna().all()
    assert out.loc[1, "teller"] == 30 and out.loc[1, "waarde"] == 30.0
    assert frame.loc[0, "teller"] == 3  # the input is not mutated


def test_difference_is_suppressed_when_either_end_is():
    frame = pd.DataFrame({"doelgroep": ["roma"], "nulmeting_teller": [3], "nulmeting_noemer": [50],
                          "nulmeting_waarde": [6.0], "laatste_teller": [20], "laatste_noemer": [50],
                          "laatste_waarde": [40.0], "verschil": [34.0]})  # fmt: skip
    out = disclosure.apply_pair(frame, ("nulmeting", "laatste"), ["verschil"], RULE)
    assert out.loc[0, "nulmeting_onderdrukt"] and not out.loc[0, "laatste_onderdrukt"]
    assert pd.isna(out.loc[0, "verschil"]) and out.loc[0, "laatste_waarde"] == 40.0


def test_a_total_that_would_give_back_one_suppressed_cell_is_not_safe():
    assert not disclosure.total_is_safe([3, 30, 40], [50, 60, 70], [True, False, False], "roma", RULE)
    assert disclosure.total_is_safe([3, 2, 40], [50, 60, 70], [True, True, False], "roma", RULE)


@given(st.lists(st.tuples(st.sampled_from(["roma", "totaal"]), st.integers(0, 30),
                          st.one_of(st.none(), st.integers(0, 40))), min_size=1, max_size=40))  # fmt: skip
def test_sql_and_python_forms_of_the_rule_agree(cells):
    frame = pd.DataFrame(cells, columns=["doelgroep", "teller", "noemer"])
    frame["noemer"] = frame["noemer"].astype("Int64")
    py = disclosure.suppressed(frame["doelgroep"], frame["teller"], frame["noemer"], RULE).tolist()
    con = duckdb.connect()
    con.register("cellen", frame)
    sql = [bool(s) for (s,) in con.execute(
        f"select coalesce({disclosure.sql_suppressed(RULE)}, false) from cellen").fetchall()]
    assert py == sql
