"""Inference for few pilots, pre-trends with teeth, multiplicity and the verdict: each rule on
small panels made here, with answers computed by hand or by brute force."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from pipeline import effecten, permutatie, voortrend
from pipeline.config import NOG_NIET, NOOIT, load_settings
from pipeline.statistics import benjamini_hochberg
from pipeline.vocabulary import (
    GEEN_EFFECT,
    GUNSTIG,
    HOGER,
    NIET_BEOORDEELBAAR_GEEN_VOORPERIODE,
    NIET_BEOORDEELBAAR_VOORTREND,
    ONGUNSTIG,
    ONVOLDOENDE,
)
from tests import simulatie

RULE = load_settings().effecten


def _with_holes(p: effecten.Panel, rng: np.random.Generator, share: float = 0.1) -> effecten.Panel:
    y = p.y.copy()
    y[rng.random(y.shape) < share] = np.nan
    return replace(p, y=y)


# ------------------------------------------------------------------ the estimator under many assignments


@pytest.mark.parametrize("groep", [NOOIT, NOG_NIET])
def test_vectorised_estimator_equals_the_single_estimate_for_every_assignment(groep):
    rng = np.random.default_rng(4)
    p = _with_holes(simulatie.panel(rng, effect=-3.0, n_comparison=10), rng)
    a = permutatie.assignments(p.cohort, 25, seed=1)
    many = permutatie.many(p, a, groep=groep)
    for row in (0, 7, 19):
        q = replace(p, cohort=a.cohort[row])
        cells = effecten.group_time(q, groep)
        overall = effecten.over_cohorts(q, cells, cells.t >= cells.g)
        assert many.effect[row] == pytest.approx(overall.effect, abs=1e-10)
        for e, values in many.event.items():
            est = effecten.over_cohorts(q, cells, (cells.t - cells.g) == e)
            if est is not None:
                assert values[row] == pytest.approx(est.effect, abs=1e-10)


def test_all_assignments_are_enumerated_when_there_are_few():
    cohort = np.array([2012, 2012, 2015, 0, 0, 0])
    a = permutatie.assignments(cohort, 999, seed=1)
    total = math.comb(6, 2) * math.comb(4, 1)
    assert a.exact and a.n == total == permutatie.count_assignments(cohort)
    assert len({tuple(r) for r in a.cohort}) == total
    assert (a.cohort[0] == cohort).all()
    assert all(sorted(r) == sorted(cohort) for r in a.cohort)


def test_random_assignments_are_seeded_and_differ_per_panel():
    cohort = np.array([*simulatie.COHORTS, *[0] * 14])
    one = permutatie.assignments(cohort, 50, permutatie.seed_for(7, "bijstand", "roma"))
    again = permutatie.assignments(cohort, 50, permutatie.seed_for(7, "bijstand", "roma"))
    other = permutatie.assignments(cohort, 50, permutatie.seed_for(7, "bijstand", "totaal"))
    assert not one.exact and one.n == 51
    assert np.array_equal(one.cohort, again.cohort)
    assert not np.array_equal(one.cohort, other.cohort)


def test_permutation_p_value_of_a_two_by_two_design_by_hand():
    # two pilots start 2012 among four municipalities: six assignments, each a mean of two
    # changes against the mean of the other two
    changes = {"A": -6.0, "B": -4.0, "C": -1.0, "D": -2.0}
    p = effecten.Panel(
        np.array(list(changes)),
        np.array([2011, 2012]),
        np.array([[10, 10 + c] for c in changes.values()]),
        np.array([2012, 2012, 0, 0]),
        np.ones(4),
    )
    res, _ = permutatie.test(p, 99, seed=0, level=0.95)
    values = list(changes.values())
    stats = []
    for pair in itertools.combinations(range(4), 2):
        rest = [k for k in range(4) if k not in pair]
        stats.append(abs(np.mean([values[k] for k in pair]) - np.mean([values[k] for k in rest])))
    observed = abs(np.mean(values[:2]) - np.mean(values[2:]))
    assert res.exact and res.n == 6
    assert res.p == pytest.approx(np.mean(np.array(stats) >= observed - 1e-12))  # 2 of 6


def test_interval_by_test_inversion_is_what_a_brute_force_search_finds():
    rng = np.random.default_rng(11)
    for k in range(5):
        p = simulatie.panel(rng, effect=-6.0, spread=2.0, n_comparison=int(rng.integers(6, 30)))
        a = permutatie.assignments(p.cohort, 199, seed=k)
        on_y = permutatie.many(p, a).effect
        on_d = permutatie.many(p, a, permutatie.treatment_indicator(p)).effect
        assert on_d[0] == pytest.approx(1.0)
        low, high = permutatie.invert(on_y, on_d, 0.95)
        grid = np.linspace(low - 3, high + 3, 3001)
        extreme = (
            np.abs(on_y[None, :] - grid[:, None] * on_d[None, :])
            >= np.abs(on_y[0] - grid * on_d[0])[:, None] - 1e-9
        )
        accepted = grid[extreme.mean(axis=1) > 0.05]
        assert low <= on_y[0] <= high
        assert accepted.min() == pytest.approx(low, abs=(high - low) / 1000)
        assert accepted.max() == pytest.approx(high, abs=(high - low) / 1000)


# ------------------------------------------------------------------ pre-trends


def test_joint_pretrend_test_with_one_period_is_the_two_sided_permutation_test():
    rng = np.random.default_rng(3)
    pre = rng.normal(size=(200, 1))
    t = voortrend.joint_test(pre, np.array([-2]), 0.1)
    assert t.k == 1
    assert t.p == pytest.approx(np.mean(np.abs(pre[:, 0]) >= abs(pre[0, 0]) - 1e-12))


def test_pretrend_power_grows_with_the_trend_and_the_detectable_trend_has_that_power():
    rng = np.random.default_rng(5)
    events = np.array([-5, -4, -3, -2])
    pre = rng.normal(size=(500, 4)) @ np.diag([1.0, 0.8, 0.6, 0.4])
    t = voortrend.joint_test(pre, events, 0.1)
    powers = [voortrend.power(t, s) for s in (0.0, 0.2, 0.5, 1.0, 2.0)]
    assert powers == sorted(powers) and powers[0] <= 0.12 and powers[-1] > 0.95
    mde = voortrend.detectable(t, 0.8)
    assert min(voortrend.power(t, mde), voortrend.power(t, -mde)) >= 0.8
    assert min(voortrend.power(t, 0.97 * mde), voortrend.power(t, -0.97 * mde)) < 0.8


def test_trend_weights_give_the_least_squares_slope_through_the_baseline():
    events = np.array([-6, -4, -3, -2])
    beta = 0.7 * (events + 1)
    assert voortrend.trend_weights(events) @ beta == pytest.approx(0.7)


def test_relative_magnitudes_breakdown_by_hand():
    # effect −10, se 2 on 20 df; pre-period changes per year 0.5 and −1 (se 0.4, 30 df); H = 4
    rm = voortrend.relative_magnitudes(
        -10.0, 2.0, 20.0, np.array([0.5, -1.0]), np.array([0.4, 0.4]), np.array([30.0, 30.0]), 4.0, 0.95
    )
    from scipy import stats

    half = stats.t.ppf(1 - 0.05 / 4, 20) * 2.0
    bound = 1.0 + stats.t.ppf(1 - 0.05 / 8, 30) * 0.4
    assert rm.half_width == pytest.approx(half) and rm.bound == pytest.approx(bound)
    assert rm.breakdown == pytest.approx((10 - half) / (bound * 4))
    low, high = rm.interval(-10.0, rm.breakdown)
    assert high == pytest.approx(0.0, abs=1e-12) and low < -10
    assert (
        voortrend.relative_magnitudes(
            -1.0, 2.0, 20.0, np.array([0.5]), np.array([0.4]), np.array([30.0]), 4.0, 0.95
        ).breakdown
        == 0
    )
    assert (
        voortrend.relative_magnitudes(-10.0, 2.0, 20.0, np.array([]), np.array([]), np.array([]), 4.0, 0.95)
        is None
    )


def test_relative_magnitudes_set_covers_the_effect_under_a_steady_trend_at_m_one():
    """A linear trend changes by the same amount every year, before and after the start: it lies
    in Δ^RM(1), so the set at M̄ = 1 must cover the true effect (here 0) at least 95% of the time."""
    rng = np.random.default_rng(21)
    hits, reps = 0, 100
    for _ in range(reps):
        p = simulatie.panel(rng, trend=-0.75)
        row = effecten.estimate(p, RULE, permutaties=19, seed=0).effect
        # the set at M̄ = 1 holds 0 (the truth) exactly when the breakdown value is at most 1
        hits += row["breekpunt_m"] <= 1
    assert hits / reps >= 0.95


# ------------------------------------------------------------------ multiplicity


def test_benjamini_hochberg_q_values_by_hand():
    p = np.array([0.01, 0.04, 0.03, 0.005, np.nan, 0.5])
    # sorted 0.005 0.01 0.03 0.04 0.5 → ×5/rank: 0.025 0.025 0.05 0.05 0.5, then monotone from the top
    expected = np.array([0.025, 0.05, 0.05, 0.025, np.nan, 0.5])
    np.testing.assert_allclose(benjamini_hochberg(p), expected)
    assert np.isnan(benjamini_hochberg(np.array([np.nan]))).all()


# ------------------------------------------------------------------ the verdict


def _row(**kw) -> dict:
    base = {
        "indicator": "bijstand",
        "doelgroep": "roma",
        "effect": -5.0,
        "ci_laag": -8.0,
        "ci_hoog": -2.0,
        "p_waarde": 0.001,
        "p_permutatie": 0.002,
        "te_klein": False,
        "reden": None,
        "voortrend_ok": True,
        "voortrend_p": 0.5,
        "voortrend_kracht": 0.4,
        "voortrend_toelichting": "toets",
        "effect_trend": -4.0,
        "ci_trend_laag": -7.0,
        "ci_trend_hoog": -1.0,
        "breekpunt_m": 0.3,
    }
    return base | kw


def _verdicts(*rows: dict, richting: str = "lager_beter") -> pd.DataFrame:
    frame = pd.DataFrame([r | {"indicator": f"i{k}"} for k, r in enumerate(rows)])
    return effecten.verdicts(frame, {f"i{k}": richting for k in range(len(rows))}, RULE)


def test_favourable_only_when_demonstrable_and_the_pretrend_holds():
    out = _verdicts(
        _row(),
        _row(voortrend_ok=False),
        _row(voortrend_ok=None),
        _row(p_permutatie=0.2),
        _row(ci_trend_laag=-7.0, ci_trend_hoog=1.0),
        _row(te_klein=True, reden="2 proeftuin(en) met gegevens; minstens 3 nodig"),
        _row(effect=5.0, ci_laag=2.0, ci_hoog=8.0, effect_trend=4.0, ci_trend_laag=1.0, ci_trend_hoog=7.0),
    )
    assert list(out["oordeel"]) == [
        GUNSTIG,
        NIET_BEOORDEELBAAR_VOORTREND,
        NIET_BEOORDEELBAAR_GEEN_VOORPERIODE,
        GEEN_EFFECT,
        NIET_BEOORDEELBAAR_VOORTREND,
        ONVOLDOENDE,
        ONGUNSTIG,
    ]
    assert out["oordeel_toelichting"].notna().all()
    assert "2 proeftuin" in out.loc[5, "oordeel_toelichting"]


def test_q_values_correct_for_all_indicators_together():
    rows = [_row(p_waarde=0.001, p_permutatie=0.001)] + [_row(p_waarde=0.03, p_permutatie=0.04)] * 9
    out = _verdicts(*rows)
    assert out.loc[0, "q_waarde"] == pytest.approx(0.01)
    np.testing.assert_allclose(out.loc[1:, "q_waarde"], 0.04)
    single = _verdicts(_row(p_waarde=0.03, p_permutatie=0.04))
    assert single.loc[0, "q_waarde"] == pytest.approx(0.04) and single.loc[0, "oordeel"] == GUNSTIG


def test_neutral_indicators_say_higher_or_lower_than_the_comparison():
    out = _verdicts(
        _row(effect=3.0, ci_laag=1.0, ci_hoog=5.0, effect_trend=3.0, ci_trend_laag=0.5, ci_trend_hoog=5.0),
        richting="neutraal",
    )
    assert out.loc[0, "oordeel"] == HOGER


# ------------------------------------------------------------------ publishing: pilots and their size


def _small_pilots(noemer: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = []
    for g in ["A", "B", "C", "D", "E", "F", "G", "H"]:
        n = noemer if g in "ABC" else 200
        for j in (2013, 2014, 2015, 2016):
            t = int(rng.binomial(n, 0.4))
            rows.append(
                {
                    "gemeente_code": g,
                    "indicator": "bijstand",
                    "doelgroep": "roma",
                    "jaar": j,
                    "periode": str(j),
                    "teller": t,
                    "noemer": n,
                    "waarde": 100 * t / n,
                }
            )
    return pd.DataFrame(rows)


def test_three_pilots_with_tiny_noemers_are_not_published():
    starts = dict.fromkeys("ABC", 2015) | dict.fromkeys("DEFGH", None)
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
    small, _ = effecten.effecten(_small_pilots(20), gem, simulatie.indicatoren(), RULE, permutaties=99)
    large, _ = effecten.effecten(_small_pilots(60), gem, simulatie.indicatoren(), RULE, permutaties=99)
    assert small.loc[0, "te_klein"] and "personen" in small.loc[0, "reden"]
    assert small.loc[0, "omvang_proeftuinen"] == pytest.approx(60)
    assert not large.loc[0, "te_klein"]


# ------------------------------------------------------------------ counts per 1.000 inhabitants


def test_counts_are_put_per_thousand_inhabitants_with_the_first_population_year_before_it():
    w = pd.DataFrame(
        {
            "gemeente_code": ["A", "A", "A", "B"],
            "indicator": "meldingen",
            "doelgroep": "roma",
            "jaar": [2010, 2012, 2013, 2012],
            "periode": ["2010", "2012", "2013", "2012"],
            "teller": [5, 6, 8, 3],
            "noemer": pd.array([None] * 4, dtype="Int64"),
            "waarde": [5.0, 6.0, 8.0, 3.0],
        }
    )
    ind = pd.DataFrame({"indicator": ["meldingen"], "vermenigvuldiger": [1]})
    bev = pd.DataFrame({"gemeente_code": ["A", "A"], "jaar": [2012, 2013], "bevolking": [20_000, 25_000]})
    out = effecten.op_schaal(w, ind, bev, 1000)
    assert list(out["waarde"]) == pytest.approx([0.25, 0.30, 0.32])  # B has no population: no count
    assert list(out["omvang"]) == [5, 6, 8]


# ------------------------------------------------------------------ reproducible to the byte


def test_the_same_figures_give_the_same_effects_to_the_byte():
    gem = simulatie.gemeenten()
    w = simulatie.waarnemingen(seed=8, effect=-4.0, gem=gem)
    one, _ = effecten.effecten(w, gem, simulatie.indicatoren(), RULE, permutaties=199)
    two, _ = effecten.effecten(w, gem, simulatie.indicatoren(), RULE, permutaties=199)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    assert one["p_permutatie"].notna().all() and one["n_permutaties"].eq(200).all()


def test_counts_of_years_all_within_the_population_years_or_without_any_population_never_fail():
    w = pd.DataFrame(
        {
            "gemeente_code": ["A", "C"],
            "indicator": "meldingen",
            "doelgroep": "roma",
            "jaar": [2013, 2013],
            "periode": ["2013", "2013"],
            "teller": [4, 2],
            "noemer": pd.array([None, None], dtype="Int64"),
            "waarde": [4.0, 2.0],
        }
    )
    ind = pd.DataFrame({"indicator": ["meldingen"], "vermenigvuldiger": [1]})
    bev = pd.DataFrame({"gemeente_code": ["A"], "jaar": [2012], "bevolking": [8_000]})
    out = effecten.op_schaal(w, ind, bev, 1000)
    assert list(out["gemeente_code"]) == ["A"] and list(out["waarde"]) == pytest.approx([0.5])
