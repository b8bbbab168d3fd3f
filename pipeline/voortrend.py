"""Pre-trends with teeth: a joint test over every year before the start, its power, and how far
parallel trends may fail before an effect is gone.

Three questions a reviewer asks of a difference-in-differences, each answered here on plain
arrays (`pipeline/effecten.py` supplies the event study and its influence functions):

1. **Did pilots and non-pilots move in parallel before the start?** A joint test of all
   pre-period event-study coefficients (e ≤ −2, each against the baseline e = −1), from the
   permutation draws of `pipeline.permutatie`: the Wald form βᵀ V⁺ β (V the covariance of the
   coefficients over the draws, the same for every assignment, so the test keeps a permutation
   test's exactness with five pilots, where an estimated covariance would not be trustworthy) and
   the slope of a line through the baseline, combined by Bonferroni.
2. **Could the test have seen a trend that matters?** (Roth 2022, *AER: Insights* 4.) Its power
   against a linear trend of s per year — pre-period coefficients s·(e + 1) — read from the same
   draws shifted by that trend. We report the slope the test finds with the stated power, and the
   power against the trend that, continued after the start, would on its own produce the
   estimated effect. Low power there means a pre-test that passed proves little.
3. **How large a violation breaks the conclusion?** Rambachan & Roth (2023, *Review of Economic
   Studies* 90) relative magnitudes Δ^RM(M̄): after the start, the violation of parallel trends
   may change from year to year by at most M̄ times the largest year-to-year change before it.
   The effect averages post-start years at distance e + 1 from the baseline, so its bias is at
   most M̄·D·H, with D that largest pre-period change and H the effect's mean distance (`horizon`).
   The confidence set is made valid by Bonferroni: half the error rate for the effect's
   t-interval, half for an upper bound on D (each pre-period change by its own t-interval). That
   is more conservative than Rambachan & Roth's conditional test, never less. `breekpunt_m` is the
   M̄ at which the set first includes 0: 0 when the effect is not clear at all; 1 means a post-start
   violation as large as the worst pre-period one would just erase it.

With only one pre-period coefficient the test is a two-sided test of that one; with none (a cohort
that started in the first year of data, like the phase-1 pilots of 2011) there is nothing to test
and the functions say so by returning None.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special


@dataclass(frozen=True)
class JointTest:
    """The joint pre-trend test: Wald-type and slope statistics under every assignment (row 0 the
    observed one), their p-values, and the combined p-value (Bonferroni over the two)."""

    p: float
    p_wald: float
    p_slope: float
    k: int  # pre-period coefficients tested
    wald: np.ndarray
    slope: np.ndarray
    lin: np.ndarray  # β_b V⁺ v per assignment: how the Wald statistic moves with a linear trend
    quad: float  # v V⁺ v
    crit_wald: float  # each part rejects beyond its critical value (at alpha / 2, or alpha if k = 1)
    crit_slope: float


def slope_direction(events: np.ndarray) -> np.ndarray:
    """The pre-period coefficients of a linear trend of 1 per year: e + 1 (0 at the baseline)."""
    return np.asarray(events, dtype=float) + 1


def _share_at_least(stat: np.ndarray) -> float:
    tol = 1e-9 * max(float(np.max(np.abs(stat))), 1.0)
    return float(np.mean(stat >= stat[0] - tol))


def _critical(stat: np.ndarray, alpha: float) -> float:
    """Reject when at most alpha·n draws are at least as large: above the (⌊alpha·n⌋ + 1)-th largest."""
    k = int(np.floor(alpha * len(stat)))
    return float(np.sort(stat)[::-1][min(k, len(stat) - 1)])


def joint_test(pre: np.ndarray, events: np.ndarray, alpha: float) -> JointTest | None:
    """Joint test of the pre-period coefficients `pre` (assignments × k, row 0 observed), with
    covariance and p-values from the permutation draws; None without pre-periods or spread.

    Two statistics over all pre-periods, combined by Bonferroni (p = 2 × the smaller p-value): the
    Wald form βᵀV⁺β, which sees any shape (a dip in the baseline year moves every coefficient), and
    the least-squares slope of a line through the baseline, which is the most powerful against the
    steady divergence that biases a difference-in-differences most. With one pre-period they are
    the same test.
    """
    pre = np.asarray(pre, dtype=float)
    if pre.ndim != 2 or pre.shape[1] == 0 or not np.isfinite(pre[0]).all():
        return None
    keep = np.isfinite(pre).all(axis=1)
    keep[0] = True
    b = pre[keep]
    if len(b) < 3:
        return None
    cov = np.cov(b, rowvar=False).reshape(b.shape[1], b.shape[1])
    if not np.isfinite(cov).all() or np.allclose(cov, 0):
        return None
    inv = np.linalg.pinv(cov, hermitian=True)
    wald = np.einsum("bi,ij,bj->b", b, inv, b)
    v = slope_direction(events)
    slope = b @ trend_weights(events)
    single = b.shape[1] == 1
    p_wald, p_slope = _share_at_least(wald), _share_at_least(np.abs(slope))
    p = p_wald if single else min(1.0, 2 * min(p_wald, p_slope))
    part = alpha if single else alpha / 2
    return JointTest(
        p,
        p_wald,
        p_slope,
        b.shape[1],
        wald,
        slope,
        b @ inv @ v,
        float(v @ inv @ v),
        _critical(wald, part),
        np.inf if single else _critical(np.abs(slope), part),
    )


def _rejects(t: JointTest, slope: float) -> np.ndarray:
    """Per draw: would the test reject if pilots drifted `slope` a year more than the draw shows?"""
    wald = t.wald + 2 * slope * t.lin + slope**2 * t.quad
    return (wald > t.crit_wald) | (np.abs(t.slope + slope) > t.crit_slope)


def power(t: JointTest, slope: float) -> float:
    """Probability that the test rejects when pilots drift `slope` per year before the start
    (location shift of the permutation draws)."""
    if not np.isfinite(slope):
        return float("nan")
    return float(np.mean(_rejects(t, slope)))


def detectable(t: JointTest, target: float) -> float:
    """The smallest linear pre-trend per year found with probability `target`, in whichever
    direction is harder to see (bisection on the power, which grows with the slope)."""
    scale = float(np.std(t.slope)) or 1.0
    out = []
    for sign in (1.0, -1.0):
        low, high = 0.0, scale
        for _ in range(60):
            if power(t, sign * high) >= target:
                break
            low, high = high, 2 * high
        for _ in range(40):
            mid = (low + high) / 2
            low, high = (low, mid) if power(t, sign * mid) >= target else (mid, high)
        out.append(high)
    return max(out)


# ------------------------------------------------------------------ the linear extrapolation


def trend_weights(events: np.ndarray) -> np.ndarray:
    """Weights that turn the pre-period coefficients into the least-squares slope of a line through
    the baseline (β_e ≈ s·(e + 1)): s = Σ w_e β_e."""
    x = slope_direction(events)
    return x / float(x @ x) if x.size and x @ x > 0 else np.zeros_like(x)


# ------------------------------------------------------------------ relative magnitudes (Δ^RM)


def _t(df: float, prob: float) -> float:
    return float(special.stdtrit(df, prob)) if np.isfinite(df) and df > 0 else float("nan")


@dataclass(frozen=True)
class RelativeMagnitudes:
    breakdown: float  # breekpunt_m
    half_width: float  # t·se of the effect at half the error rate
    bound: float  # D̄: upper confidence bound on the largest pre-period change per year
    horizon: float  # H

    def interval(self, effect: float, m: float) -> tuple[float, float]:
        """The confidence set for the effect under Δ^RM(m)."""
        r = self.half_width + m * self.bound * self.horizon
        return effect - r, effect + r


def relative_magnitudes(
    effect: float,
    se: float,
    df: float,
    steps: np.ndarray,
    step_se: np.ndarray,
    step_df: np.ndarray,
    horizon: float,
    level: float,
) -> RelativeMagnitudes | None:
    """The breakdown M̄ of Rambachan & Roth's relative magnitudes for one effect (see the module).

    `steps`: the year-to-year changes of the pre-period coefficients (the last one into the
    baseline, where the coefficient is 0 by construction), per year; their standard errors and
    degrees of freedom. None without a pre-period or where an error cannot be computed.
    """
    steps, step_se, step_df = (np.asarray(x, dtype=float) for x in (steps, step_se, step_df))
    if steps.size == 0 or not np.isfinite([effect, se, df, horizon]).all() or horizon <= 0:
        return None
    if not (np.isfinite(steps).all() and np.isfinite(step_se).all() and np.isfinite(step_df).all()):
        return None
    alpha = 1 - level
    half = _t(df, 1 - alpha / 4) * se  # two-sided at alpha / 2
    crit = np.array([_t(d, 1 - alpha / (4 * steps.size)) for d in step_df])  # Bonferroni over steps
    bound = float(np.max(np.abs(steps) + crit * step_se))
    if not np.isfinite(half) or not np.isfinite(bound):
        return None
    margin = abs(effect) - half
    if margin <= 0:
        breakdown = 0.0
    elif bound <= 0:
        breakdown = float("inf")
    else:
        breakdown = margin / (bound * horizon)
    return RelativeMagnitudes(breakdown, half, bound, horizon)
