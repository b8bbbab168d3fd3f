"""Randomization inference for few pilots: the effect under every other choice of pilots.

With nine pilots the t-interval leans on a normal approximation that a reviewer may doubt. A
permutation (randomization) test does not: it asks how unusual the estimate is among the
estimates the same estimator gives when *other* municipalities of the panel are called pilots,
each pseudo-pilot taking one of the real pilots' start years, so the cohorts keep their sizes
(Fisher 1935; for few treated units Conley & Taber 2011, MacKinnon & Webb 2020). Under the sharp
null hypothesis that the programme changed nothing in any municipality, and if which
municipalities became pilots is unrelated to their outcomes (the design assumption of any
comparison with non-pilots), the p-value is exact in finite samples, however few the pilots.

The interval comes from inverting the test: τ is in the interval when the permutation test of
"every pilot changed by τ from its start year" does not reject (Imbens & Rubin 2015, ch. 5).
The estimator is linear in the outcomes for a fixed pattern of missing values, so the estimate
of the shifted data under assignment b is `a_b − τ·c_b` (with `a_b` the estimate on the data,
`c_b` the estimate on the observed treatment indicator), and every τ where the count of
assignments at least as extreme changes is one of two roots per assignment: the interval is
found exactly, without a grid.

Everything is vectorised over assignments: the group-time means of every assignment are a few
matrix products (assignments × municipalities times municipalities × years), which keeps a build
at national scale (about 350 municipalities, 33 panels, thousands of assignments) to seconds.
Assignments are drawn with a seeded generator (the seed in settings.toml, mixed with the panel's
name), so a rebuild gives the same p-values to the last byte; where the panel admits no more
distinct assignments than asked for, all of them are enumerated and the test is exact.
"""

from __future__ import annotations

import itertools
import math
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from pipeline.config import NOG_NIET, NOOIT

if TYPE_CHECKING:  # the panel is effecten's; effecten imports this module
    from pipeline.effecten import Panel

MAX_ENUMERATIE = 200_000  # never enumerate more assignments than this, whatever is asked


# ------------------------------------------------------------------ assignments


@dataclass(frozen=True)
class Assignments:
    """Rows of start years (0 = comparison), one per assignment; row 0 is the observed one."""

    cohort: np.ndarray  # assignments × municipalities
    exact: bool  # every distinct assignment enumerated once (else Monte Carlo draws)

    @property
    def n(self) -> int:
        return len(self.cohort)


def count_assignments(cohort: np.ndarray) -> int:
    """How many distinct ways the panel's start years can be spread over its municipalities."""
    n, out = len(cohort), 1
    for _, k in zip(*np.unique(cohort, return_counts=True), strict=True):
        out *= math.comb(n, int(k))
        n -= int(k)
    return out


def assignments(cohort: np.ndarray, draws: int, seed: int | list[int]) -> Assignments:
    """The observed assignment and `draws` others: all distinct ones when there are no more than
    `draws + 1` (exact test), otherwise `draws` seeded random permutations of the start years."""
    cohort = np.asarray(cohort, dtype=int)
    total = count_assignments(cohort)
    if total <= min(draws + 1, MAX_ENUMERATIE):
        rows = _enumerate(cohort)
        observed = np.flatnonzero((rows == cohort).all(axis=1))[0]
        rows[[0, observed]] = rows[[observed, 0]]
        return Assignments(rows, exact=True)
    rng = np.random.default_rng(seed)
    drawn = rng.permuted(np.broadcast_to(cohort, (draws, len(cohort))), axis=1)
    return Assignments(np.vstack([cohort, drawn]), exact=False)


def _enumerate(cohort: np.ndarray) -> np.ndarray:
    """Every distinct arrangement of the start years over the positions."""
    values, counts = np.unique(cohort[cohort > 0], return_counts=True)
    n = len(cohort)
    rows: list[np.ndarray] = []

    def place(k: int, free: tuple[int, ...], row: np.ndarray) -> None:
        if k == len(values):
            rows.append(row.copy())
            return
        for chosen in itertools.combinations(free, int(counts[k])):
            row[list(chosen)] = values[k]
            rest = tuple(i for i in free if i not in chosen)
            place(k + 1, rest, row)
            row[list(chosen)] = 0

    place(0, tuple(range(n)), np.zeros(n, dtype=int))
    return np.array(rows, dtype=int).reshape(len(rows), n)


def seed_for(seed: int, *names: str) -> list[int]:
    """A seed per panel: the settings' seed mixed with a stable checksum of its name."""
    return [seed, *(zlib.crc32(name.encode("utf-8")) for name in names)]


# ------------------------------------------------------------------ the estimator, many times over


@dataclass(frozen=True)
class Many:
    """The overall effect and the event-study coefficients under every assignment."""

    effect: np.ndarray  # assignments
    event: dict[int, np.ndarray]  # years since start → assignments


def many(p: Panel, a: Assignments, y: np.ndarray | None = None, groep: str = NOOIT) -> Many:
    """`effecten.estimate`'s overall effect and event-study coefficients for every assignment
    (`y` replaces the outcomes)."""
    return many_outcomes(p, a, [p.y if y is None else y], groep)[0]


def many_outcomes(p: Panel, a: Assignments, outcomes: list[np.ndarray], groep: str = NOOIT) -> list[Many]:
    """`many` for several outcomes with the same missing values at once (the data and the treatment
    indicator of the test inversion share every count and weight).

    The same arithmetic as `effecten.group_time` and `effecten.over_cohorts`. An assignment has
    only a handful of (pseudo-)pilots, so the sums over a cohort's pilots are gathered by index
    (assignments × pilots × years) and the comparison sums are the panel's total less all pilots:
    row 0 (the observed assignment) equals the single estimate to rounding.
    """
    m = len(outcomes)
    years = list(p.jaren)
    jaren = np.asarray(p.jaren)
    assigned = a.cohort
    rows = len(assigned)
    w = np.asarray(p.gewicht, dtype=float)
    starts = sorted(set(p.cohort[p.cohort > 0]))
    index = {h: np.nonzero(assigned == h)[1].reshape(rows, -1) for h in starts}  # cohort h's positions
    positions = np.hstack([index[h] for h in starts]) if starts else np.zeros((rows, 0), dtype=int)
    bounds = np.cumsum([0, *(index[h].shape[1] for h in starts)])
    slices = {h: slice(bounds[k], bounds[k + 1]) for k, h in enumerate(starts)}
    total = np.zeros((m, rows))
    weight = np.zeros(rows)
    ev_sum: dict[int, np.ndarray] = {}
    ev_w: dict[int, np.ndarray] = {}
    for g in starts:
        if g - 1 not in years:
            continue
        base = years.index(g - 1)
        changes = [y - y[:, [base]] for y in outcomes]
        ok = np.isfinite(changes[0])
        # per municipality and year: weight, count, and each outcome's weighted change
        weighted = [np.where(ok, d, 0.0) * w[:, None] for d in changes]
        x = np.stack([ok * w[:, None], ok.astype(float), *weighted], axis=-1)
        channels = x.shape[-1]
        flat = x.reshape(len(x), -1)
        gathered = np.take(flat, positions, axis=0)  # assignments × all pilots × (years · channels)
        by = {h: gathered[:, sl].sum(axis=1).reshape(rows, len(years), channels) for h, sl in slices.items()}
        everyone = x.sum(axis=0)[None]
        tr = by[g]
        if groep == NOOIT:
            co = everyone - sum(by.values())
        elif groep == NOG_NIET:  # not yet treated at t nor at the baseline, and not cohort g
            co = np.empty_like(tr)
            for k, t in enumerate(years):
                gone = [h for h in starts if h <= max(t, g - 1) or h == g]
                co[:, k] = everyone[:, k] - sum(by[h][:, k] for h in gone)
        else:
            raise ValueError(f"onbekende vergelijkingsgroep {groep!r}")
        exists = (tr[..., 1] > 0) & (co[..., 1] > 0) & (jaren != g - 1)[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            att = np.where(exists[..., None], tr[..., 2:] / tr[..., :1] - co[..., 2:] / co[..., :1], 0.0)
        post = exists & (jaren >= g)[None, :]
        cells = post.sum(axis=1)
        has = cells > 0
        mean = np.where(
            has[:, None], (att * post[..., None]).sum(axis=1) / np.maximum(cells, 1)[:, None], 0.0
        )
        pilots = index[g]
        used = (ok[pilots] & post[:, None, :]).any(axis=2)  # assignments × pilots of cohort g
        wg = np.where(has, (used * w[pilots]).sum(axis=1), 0.0)
        total += (wg[:, None] * mean).T
        weight += wg
        for k, t in enumerate(years):
            if t == g - 1:
                continue
            e = int(t - g)
            live = exists[:, k]
            ev_sum.setdefault(e, np.zeros((m, rows)))
            ev_w.setdefault(e, np.zeros(rows))
            ev_sum[e] += np.where(live, tr[:, k, 0] * att[:, k, :].T, 0.0)
            ev_w[e] += np.where(live, tr[:, k, 0], 0.0)
    out = []
    with np.errstate(divide="ignore", invalid="ignore"):
        for j in range(m):
            effect = np.where(weight > 0, total[j] / weight, np.nan)
            event = {e: np.where(ev_w[e] > 0, ev_sum[e][j] / ev_w[e], np.nan) for e in sorted(ev_sum)}
            out.append(Many(effect, event))
    return out


def treatment_indicator(p: Panel) -> np.ndarray:
    """1 for a pilot from its start year on, 0 otherwise, with the outcome's missing values."""
    post = (p.cohort[:, None] > 0) & (np.asarray(p.jaren)[None, :] >= p.cohort[:, None])
    return np.where(np.isfinite(p.y), post.astype(float), np.nan)


# ------------------------------------------------------------------ p-value and interval


@dataclass(frozen=True)
class Result:
    p: float
    low: float
    high: float
    n: int  # assignments compared, the observed one included
    exact: bool


def _tol(a: np.ndarray) -> float:
    finite = a[np.isfinite(a)]
    return 1e-9 * (float(np.max(np.abs(finite))) if finite.size else 1.0) + 1e-12


def p_value(stat: np.ndarray) -> float:
    """Two-sided: the share of assignments (the observed one included) whose |estimate| is at
    least the observed one's."""
    ok = np.isfinite(stat)
    if not ok[0]:
        return float("nan")
    s = np.abs(stat[ok])
    return float(np.mean(s >= abs(stat[0]) - _tol(stat)))


def invert(a: np.ndarray, c: np.ndarray, level: float) -> tuple[float, float]:
    """The interval {τ : permutation p-value of "effect τ everywhere" > 1 − level}.

    Assignment b is at least as extreme as the observed one where f_b(τ) = (a_b − τc_b)² −
    (a_0 − τc_0)² ≥ 0: between its two roots τ = (a_b ∓ a_0)/(c_b ∓ c_0) when |c_b| < |c_0|,
    outside them when |c_b| > |c_0|, everywhere when f_b does not change sign. The p-value changes
    only at those roots, so counting, at every root, the assignments whose set holds it (sorted
    ends, binary search) finds the interval's ends exactly — its convex hull, should the accepted
    set have a hole. NaN where the set is unbounded.
    """
    ok = np.isfinite(a) & np.isfinite(c)
    if not ok[0]:
        return float("nan"), float("nan")
    a, c = a[ok], c[ok]
    a0, c0 = a[0], c[0]
    n = len(a)
    need = (1 - level) * n  # accepted where more than this many are at least as extreme
    # far from the estimate only |c_b| ≥ |c_0| keeps an assignment at least as extreme
    if np.sum(np.abs(c) >= abs(c0) - 1e-12) > need:
        return float("nan"), float("nan")
    with np.errstate(divide="ignore", invalid="ignore"):
        r1, r2 = (a - a0) / (c - c0), (a + a0) / (c + c0)
    lo, hi = np.fmin(r1, r2), np.fmax(r1, r2)
    quad = c**2 - c0**2
    scale = max(abs(c0) ** 2, 1e-300)
    inside = (quad < -1e-12 * scale) & np.isfinite(lo) & np.isfinite(hi) & (lo < hi)
    outside = (quad > 1e-12 * scale) & np.isfinite(lo) & np.isfinite(hi) & (lo < hi)
    rest = ~(inside | outside)
    candidates = np.unique(np.concatenate([lo[inside | outside], hi[inside | outside], [a0 / c0]]))
    count = np.zeros(len(candidates))
    lo_in, hi_in = np.sort(lo[inside]), np.sort(hi[inside])
    count += np.searchsorted(lo_in, candidates, "right") - np.searchsorted(hi_in, candidates, "left")
    lo_out, hi_out = np.sort(lo[outside]), np.sort(hi[outside])
    count += len(lo_out) - np.searchsorted(lo_out, candidates, "left")  # τ ≤ lo
    count += np.searchsorted(hi_out, candidates, "right")  # τ ≥ hi
    if rest.any():  # ties, straight lines, the observed assignment itself: evaluate directly
        tol = _tol(a)
        f = np.abs(a[rest][None, :] - candidates[:, None] * c[rest][None, :])
        count += (f >= np.abs(a0 - candidates * c0)[:, None] - tol).sum(axis=1)
    accepted = candidates[count > need]
    if accepted.size == 0:
        return float("nan"), float("nan")
    return float(accepted.min()), float(accepted.max())


def test(
    p: Panel, draws: int, seed: int | list[int], level: float, groep: str = NOOIT
) -> tuple[Result, Many]:
    """Permutation p-value of no effect and the interval by test inversion, for one panel; with
    the estimates under every assignment (the pre-trend test reads their event study)."""
    a = assignments(p.cohort, draws, seed)
    on_y, on_d = many_outcomes(p, a, [p.y, treatment_indicator(p)], groep)
    low, high = invert(on_y.effect, on_d.effect, level)
    return Result(p_value(on_y.effect), low, high, a.n, a.exact), on_y
