"""Small-number statistics against published values."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from pipeline.statistics import newcombe, poisson_change_p, poisson_interval, wilson


def test_wilson_interval_matches_published_values():
    # Newcombe (1998), Table I: 0/10 → 0–0.2775; 1/29 → 0.0061–0.1718; 81/263 → 0.2553–0.3662
    low, high = wilson(np.array([0, 1, 81]), np.array([10, 29, 263]))
    assert low == pytest.approx([0.0, 0.0061, 0.2553], abs=5e-4)
    assert high == pytest.approx([0.2775, 0.1718, 0.3662], abs=5e-4)


def test_wilson_is_undefined_without_a_noemer():
    low, high = wilson(np.array([0.0]), np.array([0.0]))
    assert np.isnan(low[0]) and np.isnan(high[0])


def test_newcombe_hybrid_score_interval_matches_published_example():
    # Newcombe (1998), Table II, example (a): 56/70 − 48/80, method 10: 0.0524 to 0.3339
    d, low, high = newcombe(np.array([48]), np.array([80]), np.array([56]), np.array([70]))
    assert d[0] == pytest.approx(0.2)
    assert (low[0], high[0]) == pytest.approx((0.0524, 0.3339), abs=5e-4)


def test_poisson_change_agrees_with_an_exact_binomial_test():
    p = poisson_change_p(np.array([10, 4, 0]), np.array([25, 4, 0]))
    assert p[0] == pytest.approx(stats.binomtest(25, 35, 0.5).pvalue)
    assert p[1] == pytest.approx(1.0)
    assert p[2] == 1.0


def test_poisson_interval_is_the_exact_garwood_interval():
    low, high = poisson_interval(np.array([0, 10]))
    assert low[0] == 0 and high[0] == pytest.approx(3.689, abs=1e-3)
    assert (low[1], high[1]) == pytest.approx((4.795, 18.390), abs=1e-3)


def test_distributions_from_scipy_special_equal_scipy_stats():
    """statistics.py avoids importing scipy.stats (a second per start); its own binomial, chi-square
    and normal functions give what scipy.stats gives, edges included. (The quantile is compared
    where the funnel plot uses it: at a tie, q exactly a cumulative probability, rounding decides.)"""
    from scipy import stats as st

    from pipeline import statistics as s

    n = np.array([0, 1, 2, 5, 10, 37, 200, 1000, np.nan], dtype=float)
    for k in (-3, -1, 0, 1, 2, 4, 5, 9, 10, 36, 37, 199, 500, 1000, 1001):
        kk = np.full_like(n, k)
        for p in (0.5, 0.03, 0.21, 0.97):
            np.testing.assert_allclose(
                s._binom_cdf(kk, n, p), st.binom.cdf(kk, n, p), rtol=1e-10, atol=1e-300
            )
            np.testing.assert_allclose(s._binom_sf(kk, n, p), st.binom.sf(kk, n, p), rtol=1e-10, atol=1e-300)
    m = np.arange(1, 400, dtype=float)
    for q in (0.001, 0.025, 0.975, 0.999):  # the funnel plot's quantiles (95% and 99.8%)
        for p in (0.5, 0.03, 0.21, 0.3333, 0.9):
            np.testing.assert_array_equal(s._binom_ppf(q, m, p), st.binom.ppf(q, m, p))
    for q in (0.001, 0.025, 0.5, 0.975, 0.999):
        df = np.array([1, 2, 4, 10, 60], dtype=float)
        np.testing.assert_allclose(s._chi2_ppf(q, df), st.chi2.ppf(q, df), rtol=1e-10)
    assert s.z_for(0.05) == pytest.approx(st.norm.ppf(0.975), rel=1e-14)
    assert s.z_for(0.05) == s.Z95
