"""Small-number statistics, vectorised: intervals for proportions and tests for changes.

Pure functions on numpy arrays, shared by the pipeline (status against the baseline) and the
dashboard (intervals, funnel plots).
"""

from __future__ import annotations

import numpy as np
from scipy import special

# The distributions come from scipy.special, as scipy.stats computes them, without importing
# scipy.stats: that import alone takes a second, on every build and every dashboard start.


def _binom_tail(k: np.ndarray, n: np.ndarray, p: float, upper: bool) -> np.ndarray:
    """P(X ≤ k), or P(X > k) when `upper` (its own tail, for accuracy), for X ~ Binomial(n, p),
    with scipy.stats.binom's edges: NaN for a missing or impossible n, certain outside 0 … n−1."""
    k, n = np.floor(np.asarray(k, dtype=float)), np.asarray(n, dtype=float)
    k, n = np.broadcast_arrays(k, n)
    bad = np.isnan(k) | ~(n >= 0) | (n != np.floor(n))
    whole = np.where(bad, 0, n).astype(np.int64)
    tail = special.bdtrc if upper else special.bdtr
    inside = tail(np.clip(np.where(bad, 0, k), 0, np.maximum(whole - 1, 0)), whole, p)
    below, above = (1.0, 0.0) if upper else (0.0, 1.0)
    out = np.where(k < 0, below, np.where(k >= whole, above, inside))
    return np.where(bad, np.nan, out)


def _binom_cdf(k: np.ndarray, n: np.ndarray, p: float) -> np.ndarray:
    return _binom_tail(k, n, p, upper=False)


def _binom_sf(k: np.ndarray, n: np.ndarray, p: float) -> np.ndarray:
    return _binom_tail(k, n, p, upper=True)


def _binom_ppf(q: float, n: np.ndarray, p: float) -> np.ndarray:
    """The smallest k with P(X ≤ k) ≥ q, for 0 < q < 1: scipy.stats.binom.ppf's own method."""
    with np.errstate(invalid="ignore"):
        k = np.ceil(special.bdtrik(q, n, p))
        below = np.maximum(k - 1, 0)
        return np.where(_binom_cdf(below, n, p) >= q, below, k)


def _chi2_ppf(q: float, df: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return 2 * special.gammaincinv(np.asarray(df, dtype=float) / 2, q)


def binom_cdf(k: np.ndarray, n: np.ndarray, p: float) -> np.ndarray:
    """P(X ≤ k) for X ~ Binomial(n, p), as scipy.stats.binom.cdf."""
    return _binom_cdf(k, n, p)


def binom_sf(k: np.ndarray, n: np.ndarray, p: float) -> np.ndarray:
    """P(X > k) for X ~ Binomial(n, p), as scipy.stats.binom.sf."""
    return _binom_sf(k, n, p)


def chi2_ppf(q: float, df: np.ndarray) -> np.ndarray:
    """The q-quantile of the χ² distribution with `df` degrees of freedom."""
    return _chi2_ppf(q, df)


Z95 = float(special.ndtri(0.975))


def z_for(alpha: float) -> float:
    """The two-sided normal quantile for a significance level."""
    return float(special.ndtri(1 - alpha / 2))


def wilson(teller: np.ndarray, noemer: np.ndarray, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion teller/noemer (NaN where noemer is 0 or missing).

    Wilson rather than the normal approximation because it stays inside [0, 1] and keeps its
    coverage for the small counts of the Roma group (Brown, Cai & DasGupta 2001).
    """
    t = np.asarray(teller, dtype=float)
    n = np.asarray(noemer, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = t / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    bad = ~(n > 0)
    low = np.where(bad, np.nan, np.clip(centre - half, 0, 1))
    high = np.where(bad, np.nan, np.clip(centre + half, 0, 1))
    return low, high


def newcombe(
    t1: np.ndarray, n1: np.ndarray, t2: np.ndarray, n2: np.ndarray, z: float = Z95
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Difference p2 − p1 of two independent proportions with Newcombe's hybrid score interval.

    Newcombe (1998), method 10: built from the two Wilson intervals, good coverage for small n.
    Returns (difference, low, high).
    """
    p1 = np.asarray(t1, dtype=float) / np.asarray(n1, dtype=float)
    p2 = np.asarray(t2, dtype=float) / np.asarray(n2, dtype=float)
    l1, u1 = wilson(t1, n1, z)
    l2, u2 = wilson(t2, n2, z)
    d = p2 - p1
    low = d - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = d + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return d, low, high


def newcombe_p(t1: np.ndarray, n1: np.ndarray, t2: np.ndarray, n2: np.ndarray) -> np.ndarray:
    """Two-sided p-value that belongs to Newcombe's interval: the smallest significance level at
    which the interval for p2 − p1 excludes 0 (found by bisection on z; the interval widens with
    z). So p < alpha exactly when the (1 − alpha) interval excludes 0. NaN without two noemers."""
    t1, n1, t2, n2 = (np.asarray(x, dtype=float) for x in (t1, n1, t2, n2))
    shape = np.broadcast(t1, n1, t2, n2).shape
    low_z, high_z = np.zeros(shape), np.full(shape, 40.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        for _ in range(60):
            mid = (low_z + high_z) / 2
            _, lo, hi = newcombe(t1, n1, t2, n2, mid)
            excludes = (lo > 0) | (hi < 0)
            low_z, high_z = np.where(excludes, mid, low_z), np.where(excludes, high_z, mid)
        d = t2 / n2 - t1 / n1
    p = 2 * special.ndtr(-(low_z + high_z) / 2)
    p = np.where(d == 0, 1.0, p)
    return np.where((n1 > 0) & (n2 > 0) & np.isfinite(d), p, np.nan)


def poisson_change_p(c1: np.ndarray, c2: np.ndarray) -> np.ndarray:
    """Two-sided p-value that two counts of equal exposure come from the same Poisson rate.

    The exact conditional test: given n = c1 + c2, c2 ~ Binomial(n, ½) under no change.
    """
    a = np.asarray(c1, dtype=float)
    b = np.asarray(c2, dtype=float)
    n = a + b
    lower = _binom_cdf(b, n, 0.5)
    upper = _binom_sf(b - 1, n, 0.5)
    p = np.minimum(1.0, 2 * np.minimum(lower, upper))
    return np.where(n > 0, p, 1.0)


def poisson_interval(count: np.ndarray, z_alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) interval for a Poisson count."""
    c = np.asarray(count, dtype=float)
    low = np.where(c > 0, _chi2_ppf(z_alpha / 2, 2 * c) / 2, 0.0)
    high = _chi2_ppf(1 - z_alpha / 2, 2 * c + 2) / 2
    return low, high


def funnel_limits(p0: float, noemer: np.ndarray, coverage: float) -> tuple[np.ndarray, np.ndarray]:
    """Control limits of a funnel plot for proportions: where p = teller/noemer falls with
    probability `coverage` when every unit has the overall proportion `p0`.

    Exact binomial limits with the interpolation of Spiegelhalter (2005, Statistics in Medicine 24,
    appendix A.1.1), so that the limits move smoothly with the noemer instead of in steps; NaN
    where noemer is 0 or missing. At a centre of 0 or 1 every teller is certain (all 0, or all the
    noemer), so both limits are the centre itself. Returns (low, high) as proportions.
    """
    n = np.asarray(noemer, dtype=float)
    valid = n > 0
    if p0 <= 0 or p0 >= 1:
        edge = np.where(valid, float(np.clip(p0, 0, 1)), np.nan)
        return edge, edge.copy()
    safe_n = np.where(valid, n, 1.0)
    tail = (1 - coverage) / 2

    def limit(prob: float) -> np.ndarray:
        r = _binom_ppf(prob, safe_n, p0)
        upper = _binom_cdf(r, safe_n, p0)
        lower = _binom_cdf(r - 1, safe_n, p0)
        with np.errstate(divide="ignore", invalid="ignore"):
            alpha = np.where(upper > lower, (upper - prob) / (upper - lower), 0.0)
        return np.clip((r - alpha) / safe_n, 0, 1)

    low, high = limit(tail), limit(1 - tail)
    return np.where(valid, low, np.nan), np.where(valid, high, np.nan)


def mover_difference(
    d1: np.ndarray, low1: np.ndarray, high1: np.ndarray, d2: np.ndarray, low2: np.ndarray, high2: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Interval for d1 − d2 from separate intervals of two independent estimates (MOVER).

    Zou & Donner (2008): recovers the variance of each from its own (possibly asymmetric)
    limits, which keeps the coverage of score intervals such as Newcombe's. Returns (d, low, high).
    """
    d1, low1, high1, d2, low2, high2 = (
        np.asarray(x, dtype=float) for x in (d1, low1, high1, d2, low2, high2)
    )
    d = d1 - d2
    low = d - np.sqrt((d1 - low1) ** 2 + (high2 - d2) ** 2)
    high = d + np.sqrt((high1 - d1) ** 2 + (d2 - low2) ** 2)
    return d, low, high


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg (1995) q-values: per p-value the smallest false discovery rate at which
    it would be called significant (`p.adjust(method = "BH")` in R). NaN stays NaN."""
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.isfinite(p)
    m = int(ok.sum())
    if m == 0:
        return out
    order = np.argsort(p[ok], kind="stable")
    ranked = p[ok][order] * m / np.arange(1, m + 1)
    q = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    back = np.empty(m)
    back[order] = q
    out[ok] = back
    return out
