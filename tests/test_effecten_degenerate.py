"""Degenerate panels never stop a build: no variation, a single comparison municipality, cohorts
without pre-periods, an indicator delivered by a handful — each gives an estimate with its reason,
never an exception (hypothesis draws the panels)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import effecten
from pipeline.config import load_settings
from pipeline.vocabulary import ONVOLDOENDE, VERDICTS
from tests import simulatie

RULE = load_settings().effecten


@st.composite
def panels(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = draw(st.integers(1, 7))
    first = draw(st.integers(2008, 2012))
    years = list(range(first, first + draw(st.integers(1, 6))))
    constant = draw(st.booleans())
    rows, starts = [], {}
    for k in range(n):
        code = f"GM{k:04d}"
        starts[code] = draw(st.one_of(st.none(), st.integers(first - 1, first + 6)))
        for j in years:
            if draw(st.floats(0, 1)) < 0.2:
                continue  # a missing year
            noemer = draw(st.integers(1, 50))
            teller = noemer // 2 if constant else draw(st.integers(0, noemer))
            rows.append(
                {
                    "gemeente_code": code,
                    "indicator": simulatie.INDICATOR,
                    "doelgroep": "roma",
                    "jaar": j,
                    "periode": str(j),
                    "teller": teller,
                    "noemer": noemer,
                    "waarde": 100 * teller / noemer,
                }
            )
    w = pd.DataFrame(
        rows,
        columns=["gemeente_code", "indicator", "doelgroep", "jaar", "periode", "teller", "noemer", "waarde"],
    )
    gem = pd.DataFrame(
        {
            "gemeente_code": list(starts),
            "gemeente_naam": list(starts),
            "proeftuin": [s is not None for s in starts.values()],
            "startjaar": pd.array(list(starts.values()), dtype="Int64"),
            "startjaar_aanname": False,
            "groep": "overig",
        }
    )
    return w, gem


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(panels())
def test_any_panel_gives_an_estimate_with_its_reason_never_an_exception(drawn):
    w, gem = drawn
    eff, _ = effecten.effecten(w, gem, simulatie.indicatoren(), RULE, permutaties=19)
    assert len(eff) == (1 if len(w) else 0)
    for r in eff.to_dict("records"):
        assert r["oordeel"] in VERDICTS
        if r["te_klein"]:
            assert r["reden"] and r["oordeel"] == ONVOLDOENDE
        else:
            assert np.isfinite([r["effect"], r["ci_laag"], r["ci_hoog"]]).all()
            assert r["ci_laag"] <= r["effect"] <= r["ci_hoog"]
        assert r["oordeel_toelichting"]


def test_no_variation_at_all_is_too_small_with_its_reason():
    years = range(2012, 2017)
    starts = dict.fromkeys(["A", "B", "C"], 2014) | dict.fromkeys(["D", "E", "F"], None)
    w = pd.DataFrame(
        [
            {
                "gemeente_code": g,
                "indicator": simulatie.INDICATOR,
                "doelgroep": "roma",
                "jaar": j,
                "periode": str(j),
                "teller": 20,
                "noemer": 100,
                "waarde": 20.0,
            }
            for g in starts
            for j in years
        ]
    )
    gem = pd.DataFrame(
        {
            "gemeente_code": list(starts),
            "gemeente_naam": list(starts),
            "proeftuin": [s is not None for s in starts.values()],
            "startjaar": pd.array(list(starts.values()), dtype="Int64"),
            "startjaar_aanname": False,
            "groep": "overig",
        }
    )
    eff, _ = effecten.effecten(w, gem, simulatie.indicatoren(), RULE)
    assert eff.loc[0, "te_klein"] and "spreiding" in eff.loc[0, "reden"]
    assert eff.loc[0, "oordeel"] == ONVOLDOENDE


def test_a_cohort_without_pre_periods_says_so_plainly():
    gem = simulatie.gemeenten(cohorts=(2011,) * 4)
    w = simulatie.waarnemingen(seed=3, effect=-6.0, gem=gem)
    eff, _ = effecten.effecten(w, gem, simulatie.indicatoren(), RULE, permutaties=99)
    roma = eff.set_index("doelgroep").loc["roma"]
    assert roma["oordeel"] == "niet te beoordelen: geen voorperiode"
    assert "2011 (4 proeftuinen): geen jaar vóór de nulmeting" in roma["voortrend_toelichting"]
    assert pd.isna(roma["voortrend_ok"]) and pd.isna(roma["voortrend_p"])
