"""The disclosure rule (CONTRACT §4), in its one home: `pipeline/sql/4_publicatie/pub_cellen.sql`,
run here on small tables made by the test. Primary rule, the totaal rule beside a suppressed roma
cell, cells the audit hides as well, and the reasons each carries."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import disclosure, sqlfiles
from pipeline.config import DisclosureRule
from pipeline.vocabulary import REDEN_BESCHERMT, REDEN_KLEIN, REDEN_TOTAAL

RULE = DisclosureRule(doelgroepen=("roma",), min_noemer=10, teller_min=1, teller_max=4)


def decide(*rows: tuple, extra: tuple = (), rule: DisclosureRule = RULE) -> pd.DataFrame:
    """pub_cellen over (gemeente, periode, indicator, doelgroep, teller, noemer) rows: the
    indicator 'aantal' is a count, every other a rate per 100."""
    con = duckdb.connect()
    w = pd.DataFrame(rows, columns=["gemeente_code", "periode", "indicator", "doelgroep", "teller", "noemer"])
    w = w.astype({"noemer": "Int64"}).assign(
        jaar=w["periode"].str[:4].astype(int),
        waarde=None,
        voorlopig=False,
        herkomst="levering",
        bron=None,
        volledig=True,
        omzetbaar=True,
        in_analyses=True,
        toelichting=None,
    )
    indicators = pd.DataFrame({"indicator": sorted(set(w["indicator"]))})
    indicators["vermenigvuldiger"] = [1 if i == "aantal" else 100 for i in indicators["indicator"]]
    con.register("waarnemingen_indeling", w)
    con.register("indicatoren", indicators)
    con.register(
        "gemeenten", pd.DataFrame({"gemeente_code": sorted(set(w["gemeente_code"])), "proeftuin": True})
    )
    con.register(
        "pub_extra",
        pd.DataFrame(list(extra), columns=["gemeente_code", "periode", "indicator", "doelgroep"], dtype=str),
    )
    sqlfiles.materialise(con, "pub_cellen", disclosure.sql_params(rule))
    out = con.execute(
        "select gemeente_code, periode, indicator, doelgroep, onderdrukt, reden_onderdrukt "
        "from pub_cellen order by all"
    ).df()
    out["reden_onderdrukt"] = (
        out["reden_onderdrukt"].astype(object).where(out["reden_onderdrukt"].notna(), None)
    )
    return out


@pytest.mark.parametrize(
    ("teller", "noemer", "hidden"),
    [
        (0, 100, False),
        (1, 100, True),
        (4, 100, True),
        (5, 100, False),
        (10, 9, True),
        (96, 100, True),
        (95, 100, False),
        (100, 100, False),
        (0, 9, True),
        (3, None, True),
        (12, None, False),
        (0, None, False),
    ],
)
def test_roma_cell_is_suppressed_per_the_contract_rule(teller, noemer, hidden):
    indicator = "aantal" if noemer is None else "bijstand"
    out = decide(("GM0228", "2016", indicator, "roma", teller, noemer))
    assert out["onderdrukt"].tolist() == [hidden]
    assert out["reden_onderdrukt"].tolist() == [REDEN_KLEIN if hidden else None]


def test_a_totaal_cell_is_never_suppressed_by_the_primary_rule():
    assert decide(("GM0228", "2016", "bijstand", "totaal", 2, 5))["onderdrukt"].tolist() == [False]


@pytest.mark.parametrize(
    ("roma", "totaal", "hidden"),
    [
        ((1, None), (1, None), True),
        ((2, None), (4, None), True),
        ((2, None), (5, None), False),
        ((0, 8), (0, 5000), True),
        ((8, 8), (5000, 5000), True),
        ((2, 50), (2000, 50000), False),
        ((2, 50), (2000, 50003), False),
        ((2, 50), (49998, 50000), True),
    ],
)
def test_a_totaal_within_the_thresholds_beside_a_suppressed_roma_cell_is_suppressed(roma, totaal, hidden):
    indicator = "aantal" if roma[1] is None else "bijstand"
    out = decide(
        ("GM0228", "2016", indicator, "roma", *roma), ("GM0228", "2016", indicator, "totaal", *totaal)
    )
    row = out.set_index("doelgroep").loc["totaal"]
    assert row["onderdrukt"] == hidden
    assert row["reden_onderdrukt"] == (REDEN_TOTAAL if hidden else None)


def test_a_small_totaal_stays_when_its_roma_cell_is_published():
    out = decide(
        ("GM0228", "2016", "aantal", "roma", 0, None), ("GM0228", "2016", "aantal", "totaal", 3, None)
    )
    assert out["onderdrukt"].tolist() == [False, False]


def test_only_the_totaal_of_the_same_municipality_period_and_indicator_is_touched():
    out = decide(
        ("GM0228", "2016", "aantal", "roma", 2, None),
        ("GM0228", "2016", "aantal", "totaal", 2, None),
        ("GM0228", "2017", "aantal", "totaal", 2, None),
        ("GM0363", "2016", "aantal", "totaal", 2, None),
        ("GM0228", "2016", "bijstand", "totaal", 2, 50),
    )
    hidden = out.loc[out["onderdrukt"], ["gemeente_code", "periode", "indicator", "doelgroep"]]
    assert hidden.values.tolist() == [
        ["GM0228", "2016", "aantal", "roma"],
        ["GM0228", "2016", "aantal", "totaal"],
    ]


def test_a_cell_the_audit_hides_carries_its_own_reason_and_takes_its_totaal_along():
    out = decide(
        ("GM0228", "2016", "aantal", "roma", 9, None),
        ("GM0228", "2016", "aantal", "totaal", 10, None),
        extra=(("GM0228", "2016", "aantal", "roma"),),
    )
    got = out.set_index("doelgroep")["reden_onderdrukt"].to_dict()
    assert got == {"roma": REDEN_BESCHERMT, "totaal": None}
    out = decide(
        ("GM0228", "2016", "aantal", "roma", 9, None),
        ("GM0228", "2016", "aantal", "totaal", 3, None),
        extra=(("GM0228", "2016", "aantal", "roma"),),
    )
    assert out.set_index("doelgroep")["reden_onderdrukt"].to_dict() == {
        "roma": REDEN_BESCHERMT,
        "totaal": REDEN_TOTAAL,
    }


def test_the_thresholds_come_from_the_rule():
    wider = DisclosureRule(doelgroepen=("roma",), min_noemer=20, teller_min=1, teller_max=9)
    assert decide(("GM0228", "2016", "bijstand", "roma", 7, 15), rule=wider)["onderdrukt"].tolist() == [True]
    assert decide(("GM0228", "2016", "bijstand", "roma", 7, 15))["onderdrukt"].tolist() == [False]


@given(st.integers(0, 60), st.integers(0, 60))
def test_the_reason_never_says_which_part_of_the_rule_hit(teller, extra):
    noemer = teller + extra
    if noemer == 0:
        return
    out = decide(("GM0228", "2016", "bijstand", "roma", teller, noemer))
    assert out["reden_onderdrukt"].iloc[0] in (None, REDEN_KLEIN)
    small = 1 <= teller <= 4 or noemer < 10 or 1 <= noemer - teller <= 4
    assert bool(out["onderdrukt"].iloc[0]) == small
