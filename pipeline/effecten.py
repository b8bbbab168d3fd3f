"""Did the pilots work? The pilots' effect against non-pilots, per indicator × doelgroep.

A difference-in-differences for staggered adoption in the manner of Callaway & Sant'Anna (2021,
*J. Econometrics* 225): the pilots started in 2011, 2015 and (assumed) 2016, so every start year
is a cohort `g`, and for every cohort and year `t` the group-time effect

    ATT(g, t) = mean over pilots of cohort g of (Y_t − Y_{g−1})
              − mean over comparison municipalities of (Y_t − Y_{g−1})

compares each cohort with municipalities that were never a pilot (or, as a sensitivity, also
pilots that had not started yet), always from the cohort's own baseline year g − 1 (the
nulmeting). These effects are aggregated, never pooled in one two-way fixed-effects regression,
whose weights go negative when effects grow over time and start years differ (Goodman-Bacon
2021; de Chaisemartin & D'Haultfœuille 2020).

- `effecten` (CONTRACT §3): per cohort the mean of its post-start ATT(g, t), averaged over
  cohorts weighted by their number of pilots — CS's recommended overall parameter θ^O_sel.
- `effecten_gebeurtenis`: the event study, ATT by years since start e = t − g, with every
  year measured against the same baseline g − 1 (a "universal" base period, so that years before
  the start show pre-trends on the same scale; e = −1 is the reference and 0 by construction).
- `effecten_gevoeligheid`: the same estimate under other choices (comparison group, assumed
  start years of Tilburg and 's-Hertogenbosch, weighting by noemer).

The outcome is the indicator's `waarde` per municipality and year, in its own unit (per 100,
per 1,000 or a count). Every municipality counts equally (no weighting by noemer) by default:
the policy unit is the proeftuin, the question is what the approach did in a pilot
municipality, and weighting by group size would let the three big cities with their 2014
inflow of EU migrants dominate the comparison group. Weighting by mean noemer is one of the
sensitivities.

Uncertainty. The estimate is a linear function of municipality-level changes, so its influence
function is a sum over municipalities, and municipalities are the independent units (whatever
the serial correlation within one). With nine pilots the usual normal approximation is too
optimistic, so the interval is a t-interval with the small-sample corrections of Welch's
two-sample test: the influence-function variance of pilots and comparison municipalities each
scaled by n/(n − 1), and Welch–Satterthwaite degrees of freedom. In a balanced panel with
never-treated comparison this *is* Welch's t-test on one number per municipality (its mean
change after the start against its baseline), which `tests/test_effecten.py` checks, as it
checks the point estimates against a hand-computed 2×2 DiD and, with their influence-function
errors, against the `differences` package. In a Monte Carlo shaped like the programme (4, 3 and
2 pilots, 14 comparison municipalities, binomial noise, effects differing per pilot) this
interval covers the true effect in 95% of panels, the normal one in about 91%.

The cohort shares. The t-interval keeps Callaway & Sant'Anna's influence function of the estimated
cohort shares, which makes it conservative when effects differ between cohorts (the audit of issue
13: 99% coverage there). The programme chose its cohorts, so fixed shares are defensible too; the
permutation interval is exactly that design (every draw keeps each cohort's size), and the verdict
asks both to agree. So we keep the point estimates and the t-interval as audited, and let the
permutation test carry the fixed-shares view.

Why not a package. `csdid` 0.4.3, `differences` 0.3.0, `moderndid` 0.2.0 and `pyfixest` 0.60
all install beside pandas 3.1 / numpy 2.4 and run, but none gives small-sample inference fit
for nine treated municipalities (analytic influence-function or multiplier-bootstrap errors
with normal critical values), current `moderndid` (≥ 0.3) needs Python 3.12, `csdid` pulls in
twine, keyring and plotnine at run time, and `pyfixest` has no Callaway–Sant'Anna aggregation.
The estimator without covariates is a few means, so it is written here, in numpy, and checked
against `differences` in the tests (a development dependency).

Inference for few pilots, pre-trends and the verdict (issue 13) live beside this module:
`pipeline.permutatie` (randomization inference: p-value and interval by test inversion, the same
estimator under thousands of other choices of pilots), `pipeline.voortrend` (the joint pre-trend
test, its power, relative magnitudes), `pipeline.statistics.benjamini_hochberg` (q-values). The
scale: counts per `aantallen_per` inhabitants (`op_schaal`); why, and everything else in plain
Dutch for `/over`: pipeline/docs/effecten.md.

Too small to say anything (`te_klein`): fewer pilots or comparison municipalities with data
than `[effecten]` in settings.toml asks, pilots whose noemers (or yearly events) together fall
below the effective-sample-size rule, a permutation test that cannot reach the significance level
with so few municipalities, or an interval that cannot be computed. A cohort without data in its
baseline year drops out (e.g. CBS burglaries start in 2012, so the 2011 cohort has no baseline for
`woninginbraak`); `cohorten` says which cohorts were used. A missing year costs that year, not the
municipality: each ATT(g, t) uses the municipalities with a figure in both year t and g − 1.

Columns of `effecten` (one row per indicator × doelgroep):
    indicator, doelgroep; effect (the pilots' effect, in `schaal`); ci_laag, ci_hoog (t-interval);
    standaardfout; vrijheidsgraden (Welch–Satterthwaite); p_waarde (t-test of no effect); status
    (the words of vergelijking_nulmeting); methode; vergelijkingsgroep; n_proeftuinen,
    n_vergelijking; n_groep_tijd; cohorten (start year: pilots, '*' where assumed); eerste_jaar,
    laatste_jaar; voortrend, voortrend_laag, voortrend_hoog (mean of the event-study estimates
    before the start, e ≤ −2, with its t-interval: a placebo); n_voorperioden; te_klein; reden;
    schaal (the effect's unit: the indicator's, or per 1.000 inwoners for counts);
    omvang_proeftuinen (the pilots' mean noemers, or yearly events, summed); p_permutatie,
    ci_permutatie_laag, ci_permutatie_hoog, n_permutaties, permutatie_exact (randomization
    inference); voortrend_p, voortrend_ok (the joint pre-trend test over all pre-periods and its
    verdict; empty where no cohort has a year before its baseline); voortrend_kracht (its power
    against the linear pre-trend that would on its own produce the effect); voortrend_mde (the
    pre-trend per year it finds with power `voortrend_kracht`); voortrend_toelichting (which
    cohorts the test covers, in Dutch); effect_trend, ci_trend_laag, ci_trend_hoog (the effect less
    the linear pre-trend continued after the start); jaren_na_nulmeting (H: the effect's mean
    distance in years from the baseline); breekpunt_m (Rambachan & Roth's relative-magnitudes
    breakdown value); q_waarde (Benjamini–Hochberg over the table); oordeel (a word of
    `pipeline.vocabulary.VERDICTS`) and oordeel_toelichting (why, in Dutch).

Columns of `effecten_gebeurtenis` (indicator × doelgroep × jaren_sinds_start):
    indicator, doelgroep, jaren_sinds_start (e = t − g), periode ('voor', 'referentie', 'na'),
    effect, ci_laag, ci_hoog, standaardfout, vrijheidsgraden, n_proeftuinen, n_vergelijking,
    n_cohorten, te_klein.

Columns of `effecten_gevoeligheid` (indicator × doelgroep × variant): indicator, doelgroep,
    variant, omschrijving, effect, ci_laag, ci_hoog, n_proeftuinen, n_vergelijking, te_klein.

Disclosure. The estimates are aggregates over at least `min_proeftuinen` pilots and
`min_vergelijking` comparison municipalities; where fewer, `te_klein` is set and the dashboard
shows no number. The database holds all rows for researchers; what is published shows only rows
with `te_klein` false.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from pipeline import permutatie, voortrend
from pipeline.config import NOG_NIET, NOOIT, VERGELIJKINGSGROEPEN, EffectRule
from pipeline.nulmeting import usable
from pipeline.statistics import benjamini_hochberg
from pipeline.vocabulary import (
    GEDAALD,
    GEEN_EFFECT,
    GELIJK,
    GESTEGEN,
    GUNSTIG,
    HOGER,
    LAGER,
    NIET_BEOORDEELBAAR_GEEN_VOORPERIODE,
    NIET_BEOORDEELBAAR_VOORTREND,
    ONGUNSTIG,
    ONVOLDOENDE,
    VERBETERD,
    VERSLECHTERD,
    is_rate,
    nl_number,
    percent,
)
from pipeline.vocabulary import nl_or_missing as _nl

KEY = ["indicator", "doelgroep"]
VOOR, REFERENTIE, NA = "voor", "referentie", "na"
METHODE = (
    "Callaway & Sant'Anna (2021): groep-tijd-effecten per startcohort t.o.v. de nulmeting (startjaar − 1), "
    "gemiddeld per cohort en gewogen naar het aantal proeftuinen; vergelijking: {groep}; "
    "{pct}%-interval: t met Welch–Satterthwaite-vrijheidsgraden, gemeenten als onafhankelijke eenheden"
)
GROEP_TEKST = {
    NOOIT: "gemeenten die nooit proeftuin waren",
    NOG_NIET: "gemeenten die nooit proeftuin waren en proeftuinen vóór hun start",
}
EFFECT_COLUMNS = [
    *KEY,
    "effect",
    "ci_laag",
    "ci_hoog",
    "standaardfout",
    "vrijheidsgraden",
    "p_waarde",
    "status",
    "methode",
    "vergelijkingsgroep",
    "n_proeftuinen",
    "n_vergelijking",
    "n_groep_tijd",
    "cohorten",
    "eerste_jaar",
    "laatste_jaar",
    "voortrend",
    "voortrend_laag",
    "voortrend_hoog",
    "voortrend_p",
    "n_voorperioden",
    "te_klein",
    "reden",
    # issue 13: the scale, few-pilot inference, pre-trends with teeth, multiplicity, the verdict
    "schaal",
    "omvang_proeftuinen",
    "p_permutatie",
    "ci_permutatie_laag",
    "ci_permutatie_hoog",
    "n_permutaties",
    "permutatie_exact",
    "voortrend_ok",
    "voortrend_kracht",
    "voortrend_mde",
    "voortrend_toelichting",
    "effect_trend",
    "ci_trend_laag",
    "ci_trend_hoog",
    "jaren_na_nulmeting",
    "breekpunt_m",
    "q_waarde",
    "oordeel",
    "oordeel_toelichting",
]
EVENT_COLUMNS = [
    *KEY,
    "jaren_sinds_start",
    "periode",
    "effect",
    "ci_laag",
    "ci_hoog",
    "standaardfout",
    "vrijheidsgraden",
    "n_proeftuinen",
    "n_vergelijking",
    "n_cohorten",
    "te_klein",
]
SENSITIVITY_COLUMNS = [
    *KEY,
    "variant",
    "omschrijving",
    "effect",
    "ci_laag",
    "ci_hoog",
    "n_proeftuinen",
    "n_vergelijking",
    "te_klein",
]


# ------------------------------------------------------------------ the panel of one indicator


@dataclass(frozen=True)
class Panel:
    """Outcomes of one indicator × doelgroep: municipalities × years (NaN where missing)."""

    gemeenten: np.ndarray  # codes, one per row of y
    jaren: np.ndarray  # years, one per column of y
    y: np.ndarray
    cohort: np.ndarray  # start year of a pilot, 0 for a comparison municipality
    gewicht: np.ndarray  # per municipality; 1 unless weighting is asked for
    aanname: frozenset[int] = frozenset()  # cohorts whose start year is an assumption
    omvang: np.ndarray | None = None  # per municipality: persons (mean noemer) or events (mean teller)
    aantal: bool = False  # a count indicator (its size is events, not persons)


@dataclass(frozen=True)
class Matrix:
    """Municipality × year of the usable values of one indicator × doelgroep, each municipality's
    mean noemer, and the size behind its figures (`omvang`: mean noemer of a rate, mean teller of a
    count): reshaped once, however many variants read it."""

    y: pd.DataFrame
    noemers: pd.Series
    omvang: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))

    @cached_property
    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        """The matrix in numpy, aligned on its rows, made once however many variants read it:
        municipality codes, years, values, mean noemers and `omvang` (None when not given)."""
        index = self.y.index
        omvang = self.omvang.reindex(index).to_numpy(float) if len(self.omvang) else None
        return (
            index.to_numpy(),
            self.y.columns.to_numpy(int),
            self.y.to_numpy(float),
            self.noemers.reindex(index).to_numpy(float),
            omvang,
        )


def matrices(waarnemingen: pd.DataFrame) -> dict[tuple[str, str], Matrix]:
    """A `Matrix` per indicator × doelgroep, from one reshape of all figures."""
    w = usable(waarnemingen)
    values = w.groupby([*KEY, "gemeente_code", "jaar"])["waarde"].mean().unstack("jaar")
    values = values.reindex(sorted(values.columns), axis=1)
    noemers = w.groupby([*KEY, "gemeente_code"])["noemer"].mean()
    size = w["omvang"] if "omvang" in w.columns else w["noemer"].fillna(w["teller"])
    omvang = size.astype(float).groupby([w[c] for c in (*KEY, "gemeente_code")]).mean()
    out = {}
    for key, y in values.groupby(level=[0, 1], sort=False):
        y = y.droplevel([0, 1]).sort_index()
        out[key] = Matrix(y.loc[:, y.notna().any(axis=0)], noemers.loc[key], omvang.loc[key])
    return out


def op_schaal(
    waarnemingen: pd.DataFrame, indicatoren: pd.DataFrame, bevolking: pd.DataFrame | None, per: int
) -> pd.DataFrame:
    """Counts (indicators without a noemer) per `per` inhabitants, rates as they are.

    A count compared in levels lets a change of 30 in Amsterdam weigh as much as the same change in
    Gilze en Rijen; per 1,000 inhabitants they mean the same thing (see pipeline/docs/effecten.md
    for why not a log scale). The population is CBS's (`stg_bevolking`); a year before its first
    year takes that first year's figure (it changes by tenths of a percent a year). A municipality
    without any population figure keeps no count. `omvang` keeps what the figure rests on: the
    noemer of a rate, the teller (events) of a count.
    """
    w = waarnemingen.copy()
    w["omvang"] = w["noemer"].astype(float).fillna(w["teller"].astype(float))
    counts = count_indicators(indicatoren)
    is_count = w["indicator"].isin(counts).to_numpy()
    if bevolking is None or not is_count.any():
        return w
    pop = bevolking[["gemeente_code", "jaar", "bevolking"]].dropna().sort_values("jaar")
    first = pop.groupby("gemeente_code", as_index=False).first()
    pop = pop.astype({"jaar": "int64"})
    part = w.loc[is_count].reset_index(names="_rij").astype({"jaar": "int64"}).sort_values("jaar")
    part = pd.merge_asof(
        part, pop.rename(columns={"bevolking": "_pop"}), on="jaar", by="gemeente_code", direction="backward"
    )
    first_year = first.set_index("gemeente_code")["bevolking"].astype(float)
    part["_pop"] = part["_pop"].astype(float).fillna(part["gemeente_code"].map(first_year).astype(float))
    part = part.set_index("_rij").sort_index()
    scaled = part["teller"].astype(float) / part["_pop"].where(part["_pop"] > 0) * per
    w.loc[is_count, "waarde"] = scaled.to_numpy()
    w.loc[is_count, "noemer"] = part["_pop"].to_numpy()
    return w.loc[~(is_count & w["waarde"].isna().to_numpy())]


def panel(
    waarnemingen: pd.DataFrame,
    startjaren: Mapping[str, int],
    vergelijking: set[str] | None = None,
    gewicht: str | None = None,
    aanname: frozenset[int] = frozenset(),
) -> Panel:
    """Reshape the usable figures of one indicator × doelgroep into a panel.

    `startjaren` maps each pilot municipality to its start year; `vergelijking` limits the
    comparison municipalities (default: every municipality that is not a pilot). With
    `gewicht="noemer"` each municipality weighs by its mean noemer.
    """
    m = next(iter(matrices(waarnemingen).values()), None)
    if m is None:
        m = Matrix(pd.DataFrame(dtype=float), pd.Series(dtype=float))
    return panel_of(m, startjaren, vergelijking, gewicht, aanname)


def panel_of(
    m: Matrix,
    startjaren: Mapping[str, int],
    vergelijking: set[str] | None = None,
    gewicht: str | None = None,
    aanname: frozenset[int] = frozenset(),
) -> Panel:
    """`panel` from an already reshaped matrix."""
    codes, years, values, noemers, omvang = m.arrays
    pilots = set(startjaren)
    is_pilot = np.fromiter((c in pilots for c in codes), dtype=bool, count=len(codes))
    if vergelijking is None:
        keep = np.ones(len(codes), dtype=bool)  # pilots and every other municipality
    else:
        keep = is_pilot | np.fromiter((c in vergelijking for c in codes), dtype=bool, count=len(codes))
    y = values[keep]
    columns = ~np.isnan(y).all(axis=0)  # years with a figure of a municipality kept
    y = y[:, columns]
    codes = codes[keep]
    if gewicht == "noemer":
        g = noemers[keep]
        weights = np.where(np.isfinite(g) & (g > 0), g, 1.0)
    else:
        weights = np.ones(len(codes))
    cohort = np.array([startjaren.get(c, 0) for c in codes], dtype=int)
    size = omvang[keep] if omvang is not None else None
    return Panel(codes, years[columns], y, cohort, weights, aanname, size)


# ------------------------------------------------------------------ group-time effects


@dataclass(frozen=True)
class Cells:
    """All group-time effects ATT(g, t) of a panel, each with its influence function.

    `psi[k]` holds, per municipality, its contribution to the estimation error of cell k, so
    that any linear aggregate of cells has the same linear aggregate of rows of `psi` as its
    influence function.
    """

    g: np.ndarray
    t: np.ndarray
    att: np.ndarray
    psi: np.ndarray  # cells × municipalities
    treated: np.ndarray  # cells × municipalities: used as pilot in this cell
    control: np.ndarray  # cells × municipalities: used as comparison in this cell


def group_time(p: Panel, vergelijkingsgroep: str = NOOIT, alleen_na: bool = False) -> Cells:
    """ATT(g, t) for every cohort g and year t ≠ g − 1, against the cohort's baseline g − 1
    (`alleen_na`: only the years from the start, t ≥ g, which is all the overall effect reads).

    Per cohort all its years at once: one row per year, the municipalities along the row, so every
    sum is numpy's sum over one row, the same as one year at a time."""
    if vergelijkingsgroep not in VERGELIJKINGSGROEPEN:
        raise ValueError(
            f"onbekende vergelijkingsgroep {vergelijkingsgroep!r}; kies uit {', '.join(VERGELIJKINGSGROEPEN)}"
        )
    years = list(p.jaren)
    jaren = np.asarray(p.jaren, dtype=np.int64)
    by_year = p.y.T  # years × municipalities
    parts: list[tuple[np.ndarray, ...]] = []
    for g in sorted(set(p.cohort[p.cohort > 0])):
        if g - 1 not in years:
            continue  # no baseline year in the data: this cohort cannot be compared
        ks = np.flatnonzero((jaren != g - 1) & ((jaren >= g) if alleen_na else True))
        t = jaren[ks]
        d = by_year[ks] - by_year[years.index(g - 1)][None, :]
        is_g = p.cohort == g
        if vergelijkingsgroep == NOOIT:
            ctrl = np.broadcast_to(p.cohort == 0, d.shape)
        else:  # not yet treated at t nor at the baseline (Callaway & Sant'Anna, eq. 2.6)
            ctrl = (p.cohort == 0)[None, :] | (
                (p.cohort[None, :] > np.maximum(t, g - 1)[:, None]) & ~is_g[None, :]
            )
        ok = np.isfinite(d)
        tr, co = is_g[None, :] & ok, ctrl & ok
        live = tr.any(axis=1) & co.any(axis=1)
        if not live.any():
            continue
        d, tr, co, t = d[live], tr[live], co[live], t[live]
        wt, wc = p.gewicht[None, :] * tr, p.gewicht[None, :] * co
        st, sc = wt.sum(axis=1), wc.sum(axis=1)
        mt = np.sum(wt * np.where(tr, d, 0), axis=1) / st
        mc = np.sum(wc * np.where(co, d, 0), axis=1) / sc
        psi = np.where(tr, wt * (d - mt[:, None]) / st[:, None], 0.0) - np.where(
            co, wc * (d - mc[:, None]) / sc[:, None], 0.0
        )
        parts.append((np.full(len(t), g, dtype=np.int64), t, mt - mc, psi, tr, co))
    n = len(p.gemeenten)
    if not parts:
        none = np.zeros((0, n), dtype=bool)
        return Cells(np.zeros(0, int), np.zeros(0, int), np.zeros(0), np.zeros((0, n)), none, none)
    return Cells(*(np.concatenate([part[k] for part in parts]) for k in range(6)))


# ------------------------------------------------------------------ aggregation and inference


@dataclass(frozen=True)
class Estimate:
    """One aggregate of group-time effects with its influence function and the units behind it."""

    effect: float
    psi: np.ndarray
    treated: np.ndarray  # bool per municipality
    control: np.ndarray
    n_cellen: int
    cohorten: tuple[int, ...]
    horizon: float = float("nan")  # mean years since the baseline (e + 1) of the cells, as weighted


def over_cohorts(p: Panel, cells: Cells, mask: np.ndarray) -> Estimate | None:
    """Average the selected cells within each cohort, then over cohorts weighted by their pilots.

    The cohort weights are estimated (shares of the pilots), so their own influence function is
    added, as Callaway & Sant'Anna do; that centres each pilot on the overall effect.
    """
    if not mask.any():
        return None
    parts = []
    for g in sorted(set(cells.g[mask])):
        m = mask & (cells.g == g)
        used = cells.treated[m].any(axis=0)
        parts.append((g, cells.att[m].mean(), cells.psi[m].mean(axis=0), used, (cells.t[m] - g + 1).mean()))
    weight = np.array([p.gewicht[used].sum() for _, _, _, used, _ in parts])
    share = weight / weight.sum()
    effect = float(np.sum(share * [a for _, a, _, _, _ in parts]))
    psi = np.sum([s * ps for s, (_, _, ps, _, _) in zip(share, parts, strict=True)], axis=0)
    for _g, a, _, used, _ in parts:
        psi = psi + np.where(used, p.gewicht * (a - effect) / weight.sum(), 0.0)
    treated = np.any([u for _, _, _, u, _ in parts], axis=0)
    control = cells.control[mask].any(axis=0)
    horizon = float(np.sum(share * [h for *_, h in parts]))
    return Estimate(effect, psi, treated, control, int(mask.sum()), tuple(int(g) for g, *_ in parts), horizon)


def mean_of(estimates: list[Estimate]) -> Estimate | None:
    """The plain mean of several aggregates (used for the pre-trend placebo)."""
    if not estimates:
        return None
    return combine(estimates, np.full(len(estimates), 1 / len(estimates)))


def combine(estimates: list[Estimate], coefficients: np.ndarray | Sequence[float]) -> Estimate:
    """A linear combination of aggregates of the same panel: the effect and the influence function
    combine alike (a slope, a step between two years, an effect less an extrapolated trend)."""
    c = np.asarray(coefficients, dtype=float)
    return Estimate(
        float(np.dot(c, [e.effect for e in estimates])),
        np.tensordot(c, np.array([e.psi for e in estimates]), axes=1),
        np.any([e.treated for e in estimates], axis=0),
        np.any([e.control for e in estimates], axis=0),
        sum(e.n_cellen for e in estimates),
        tuple(sorted({g for e in estimates for g in e.cohorten})),
    )


@dataclass(frozen=True)
class Interval:
    effect: float
    se: float
    df: float
    low: float
    high: float
    p: float


def interval(p: Panel, est: Estimate, level: float, by_cohort: bool = False) -> Interval:
    """Welch-type t-interval from the influence function, pilots and comparison as two samples.

    Pilots are every municipality that ever started (in the not-yet-treated variant they also
    serve as comparison before their start; their whole contribution counts on the pilot side).
    `by_cohort` treats each cohort's pilots as a sample of its own (Satterthwaite over all samples):
    for estimates that lean on some cohorts far more than others, such as an effect less a trend
    that only the later cohorts' pre-periods measure; pilots alone in their cohort are pooled.
    """
    pilot = p.cohort > 0
    pilots = pilot & (est.treated | est.control)
    sides = _cohort_sides(p, pilots) if by_cohort else [pilots]
    parts = []
    for side in (*sides, ~pilot & est.control):
        n = int(side.sum())
        v = float(np.sum(est.psi[side] ** 2))
        parts.append((n, v * n / (n - 1) if n > 1 else np.nan))
    var = sum(v for _, v in parts)
    ok = all(n > 1 for n, _ in parts)
    denominator = sum(v**2 / (n - 1) for n, v in parts) if ok else 0.0
    df = var**2 / denominator if ok and denominator > 0 else np.nan
    se = float(np.sqrt(var)) if np.isfinite(var) else np.nan
    if not (np.isfinite(se) and np.isfinite(df)) or se == 0:
        return Interval(est.effect, se, float(df), np.nan, np.nan, np.nan)
    # the t-distribution's quantile and tail straight from scipy.special: the same numbers as
    # stats.t.ppf/sf without their per-call overhead (thousands of calls per build)
    q = float(special.stdtrit(df, 0.5 + level / 2))
    pval = float(2 * special.stdtr(df, -abs(est.effect) / se))
    return Interval(est.effect, se, float(df), est.effect - q * se, est.effect + q * se, pval)


def _cohort_sides(p: Panel, pilots: np.ndarray) -> list[np.ndarray]:
    """The pilots split by cohort; cohorts of one pilot pooled, a lone one joining the largest."""
    groups = [pilots & (p.cohort == g) for g in sorted(set(p.cohort[pilots]))]
    big = [s for s in groups if s.sum() > 1]
    rest = np.any([s for s in groups if s.sum() == 1], axis=0) if len(big) < len(groups) else None
    if rest is not None and rest.sum() > 1:
        big.append(rest)
    elif rest is not None:
        if not big:
            return [pilots]
        k = int(np.argmax([s.sum() for s in big]))
        big[k] = big[k] | rest
    return big


# ------------------------------------------------------------------ one indicator × doelgroep


@dataclass(frozen=True)
class Result:
    effect: dict
    gebeurtenis: list[dict]
    details: dict = field(default_factory=dict)  # the draws and tests behind the row (notebooks)


def estimate(
    p: Panel,
    rule: EffectRule,
    richting: str = "lager_beter",
    vergelijkingsgroep: str | None = None,
    permutaties: int = 0,
    seed: int | list[int] = 0,
    met_gebeurtenis: bool = True,
) -> Result:
    """The overall effect of one panel with its inference, pre-trend checks and event study.

    `permutaties` > 0 adds the permutation test (p-value, interval by test inversion), the joint
    pre-trend test that reads the same draws, the trend-corrected effect and the breakdown value;
    the sensitivity variants leave them out (0). `met_gebeurtenis=False` leaves out the event study and
    the pre-trend placebo too: the overall effect, its interval and `te_klein` are the same, the
    columns of the pre-trend are empty (the sensitivity variants read nothing else).
    """
    groep = vergelijkingsgroep or rule.vergelijkingsgroep
    level = rule.betrouwbaarheid
    cells = group_time(p, groep, alleen_na=not met_gebeurtenis)
    post = cells.t >= cells.g
    overall = over_cohorts(p, cells, post)
    event = cells.t - cells.g
    events = (
        {int(e): over_cohorts(p, cells, event == e) for e in sorted(set(event))} if met_gebeurtenis else {}
    )
    pre = {e: est for e, est in events.items() if e <= -2 and est is not None}
    placebo = mean_of(list(pre.values()))

    row: dict = {
        "methode": METHODE.format(groep=GROEP_TEKST[groep], pct=percent(level)),
        "vergelijkingsgroep": groep,
    } | dict.fromkeys(INFERENCE_COLUMNS)
    ci = None
    if overall is None:
        row |= {
            "effect": np.nan,
            "ci_laag": np.nan,
            "ci_hoog": np.nan,
            "standaardfout": np.nan,
            "vrijheidsgraden": np.nan,
            "p_waarde": np.nan,
            "n_proeftuinen": 0,
            "n_vergelijking": 0,
            "n_groep_tijd": 0,
            "cohorten": "",
            "eerste_jaar": None,
            "laatste_jaar": None,
        }
    else:
        ci = interval(p, overall, level)
        pilots, comps = _counts(p, overall)
        row |= {
            "effect": ci.effect,
            "ci_laag": ci.low,
            "ci_hoog": ci.high,
            "standaardfout": ci.se,
            "vrijheidsgraden": ci.df,
            "p_waarde": ci.p,
            "n_proeftuinen": pilots,
            "n_vergelijking": comps,
            "n_groep_tijd": overall.n_cellen,
            "cohorten": _cohort_text(p, overall),
            "eerste_jaar": int(min(cells.g[post]) - 1),
            "laatste_jaar": int(max(cells.t[post])),
            "jaren_na_nulmeting": overall.horizon,
            "omvang_proeftuinen": _size(p, overall),
        }
    if placebo is None:
        row |= {
            "voortrend": np.nan,
            "voortrend_laag": np.nan,
            "voortrend_hoog": np.nan,
            "voortrend_p": np.nan,
            "n_voorperioden": 0,
        }
    else:
        pci = interval(p, placebo, level)
        row |= {
            "voortrend": pci.effect,
            "voortrend_laag": pci.low,
            "voortrend_hoog": pci.high,
            "voortrend_p": np.nan,
            "n_voorperioden": len(pre),
        }

    details: dict = {"panel": p, "schatting": overall}
    total = permutatie.count_assignments(p.cohort) if permutaties else 0
    reden = _too_small(row, rule, p, min(total, permutaties + 1) if permutaties else 0)
    row["te_klein"] = reden is not None
    row["reden"] = reden
    row["status"] = _status(row, richting)
    if overall is not None and ci is not None and pre and permutaties:
        row |= _trend_checks(p, overall, ci, pre, level, details)
    if overall is not None and permutaties and not row["te_klein"]:
        row |= _permutation_checks(p, rule, groep, permutaties, seed, overall, sorted(pre), details)
    row["voortrend_toelichting"] = (
        _pretrend_text(p, cells, overall, row, rule, bool(permutaties)) if met_gebeurtenis else None
    )

    gebeurtenis: list[dict[str, Any]] = []  # rows of effecten_gebeurtenis
    for e, est in events.items():
        if est is None:
            continue
        eci = interval(p, est, level)
        pilots, comps = _counts(p, est)
        small = _too_small({"n_proeftuinen": pilots, "n_vergelijking": comps, "ci_laag": eci.low}, rule)
        gebeurtenis.append(
            {
                "jaren_sinds_start": e,
                "periode": NA if e >= 0 else VOOR,
                "effect": eci.effect,
                "ci_laag": eci.low,
                "ci_hoog": eci.high,
                "standaardfout": eci.se,
                "vrijheidsgraden": eci.df,
                "n_proeftuinen": pilots,
                "n_vergelijking": comps,
                "n_cohorten": len(est.cohorten),
                "te_klein": small is not None,
            }
        )
    if overall is not None and met_gebeurtenis:
        gebeurtenis.append(
            {
                "jaren_sinds_start": -1,
                "periode": REFERENTIE,
                "effect": 0.0,
                "ci_laag": np.nan,
                "ci_hoog": np.nan,
                "standaardfout": np.nan,
                "vrijheidsgraden": np.nan,
                "n_proeftuinen": row["n_proeftuinen"],
                "n_vergelijking": row["n_vergelijking"],
                "n_cohorten": len(overall.cohorten),
                "te_klein": row["te_klein"],
            }
        )
    gebeurtenis.sort(key=lambda r: r["jaren_sinds_start"])
    return Result(row, gebeurtenis, details)


INFERENCE_COLUMNS = [
    c
    for c in EFFECT_COLUMNS[EFFECT_COLUMNS.index("schaal") :]
    if c not in ("schaal", "q_waarde", "oordeel", "oordeel_toelichting")
]


def _trend_checks(
    p: Panel, overall: Estimate, ci: Interval, pre: dict[int, Estimate], level: float, details: dict
) -> dict:
    """The effect less a linear pre-trend continued after the start (Rambachan & Roth's Δ^SD with
    M = 0), and the breakdown value of relative magnitudes (`pipeline.voortrend`)."""
    es = sorted(pre)
    slope = combine([pre[e] for e in es], voortrend.trend_weights(np.array(es)))
    corrected = interval(p, combine([overall, slope], [1.0, -overall.horizon]), level, by_cohort=True)
    zero = Estimate(
        0.0, np.zeros_like(overall.psi), np.zeros_like(overall.treated), np.zeros_like(overall.control), 0, ()
    )
    path = [*[pre[e] for e in es], zero]
    years = [*es, -1]
    steps = [interval(p, combine([path[k + 1], path[k]], [1.0, -1.0]), level) for k in range(len(es))]
    gaps = np.diff(years).astype(float)
    rm = voortrend.relative_magnitudes(
        ci.effect,
        ci.se,
        ci.df,
        np.array([s.effect for s in steps]) / gaps,
        np.array([s.se for s in steps]) / gaps,
        np.array([s.df for s in steps]),
        overall.horizon,
        level,
    )
    details["relatieve_omvang"] = rm
    return {
        "effect_trend": corrected.effect,
        "ci_trend_laag": corrected.low,
        "ci_trend_hoog": corrected.high,
        "breekpunt_m": np.nan if rm is None else rm.breakdown,
    }


def _permutation_checks(
    p: Panel,
    rule: EffectRule,
    groep: str,
    permutaties: int,
    seed: int | list[int],
    overall: Estimate,
    pre_events: list[int],
    details: dict,
) -> dict:
    """Permutation p-value and interval, and the joint pre-trend test with its power."""
    res, draws = permutatie.test(p, permutaties, seed, rule.betrouwbaarheid, groep)
    details |= {"permutatie": res, "trekkingen": draws}
    out = {
        "p_permutatie": res.p,
        "ci_permutatie_laag": res.low,
        "ci_permutatie_hoog": res.high,
        "n_permutaties": res.n,
        "permutatie_exact": res.exact,
    }
    es = [e for e in pre_events if e in draws.event and np.isfinite(draws.event[e][0])]
    if not es:
        return out
    joint = voortrend.joint_test(
        np.column_stack([draws.event[e] for e in es]), np.array(es), rule.voortrend_alpha
    )
    if joint is None:
        return out
    details["voortrendtoets"] = joint
    slope = overall.effect / overall.horizon if overall.horizon > 0 else np.nan
    return out | {
        "voortrend_p": joint.p,
        "voortrend_ok": bool(joint.p >= rule.voortrend_alpha),
        "voortrend_kracht": voortrend.power(joint, slope),
        "voortrend_mde": voortrend.detectable(joint, rule.voortrend_kracht),
    }


def _pretrend_text(
    p: Panel, cells: Cells, overall: Estimate | None, row: dict, rule: EffectRule, permuted: bool
) -> str:
    """What the pre-trend verdict rests on, in plain Dutch: which cohorts have years before their
    baseline (the phase-1 pilots of 2011 have none: data start in 2010), and the test's outcome."""
    if overall is None:
        return "geen schatting"
    tested: list[str] = []
    untested: list[str] = []
    for g in overall.cohorten:
        n = int((overall.treated & (p.cohort == g)).sum())
        label = f"{g}{'*' if g in p.aanname else ''} ({n} proeftuin{'en' if n != 1 else ''})"
        (tested if ((cells.g == g) & (cells.t < g - 1)).any() else untested).append(label)
    parts = []
    if untested:
        parts.append(
            f"cohort{'en' if len(untested) > 1 else ''} {', '.join(untested)}: geen jaar vóór de "
            "nulmeting in de gegevens, dus niet te toetsen of de proeftuinen vóór de start gelijk "
            "opliepen met de vergelijkingsgemeenten"
        )
    if not tested:
        return "; ".join(parts) if parts else "geen jaar vóór de nulmeting in de gegevens"
    over = f"toets over {row['n_voorperioden']} jaar vóór de start, cohort{'en' if len(tested) > 1 else ''} "
    if row["voortrend_ok"] is None:
        why = (
            "niet uitgevoerd (geen permutaties)" if not permuted or row["te_klein"] else "niet uit te voeren"
        )
        parts.append(over + ", ".join(tested) + f": {why}")
    else:
        verdict = (
            "geen afwijking gevonden" if row["voortrend_ok"] else "proeftuinen liepen vóór de start anders"
        )
        parts.append(
            over + ", ".join(tested) + f": p {_p(row['voortrend_p'])} ({verdict}; grens "
            f"{_nl(rule.voortrend_alpha, 2)}); kans om een voortrend te vinden die het hele effect zou "
            f"verklaren: {_nl(100 * row['voortrend_kracht'], 0)}%"
        )
    return "; ".join(parts)


def _p(x: float | None) -> str:
    """'= 0,042' or '< 0,001', for a p- or q-value in a sentence."""
    if x is not None and np.isfinite(x) and x < 0.001:
        return "< 0,001"
    return f"= {_nl(x, 3)}"


def _counts(p: Panel, est: Estimate) -> tuple[int, int]:
    pilot = p.cohort > 0
    return int((est.treated & pilot).sum()), int((est.control & ~pilot).sum())


def _size(p: Panel, est: Estimate) -> float:
    """What the pilots' figures rest on together: the sum of their mean noemers (rates) or mean
    yearly events (counts) — the effective sample size behind the pilots' side."""
    if p.omvang is None:
        return np.nan
    used = est.treated & (p.cohort > 0)
    return float(np.nansum(p.omvang[used]))


def _cohort_text(p: Panel, est: Estimate) -> str:
    """'2011: 4, 2015: 3, 2016*: 2' — '*' marks an assumed start year."""
    parts = []
    for g in est.cohorten:
        n = int((est.treated & (p.cohort == g)).sum())
        parts.append(f"{g}{'*' if g in p.aanname else ''}: {n}")
    return ", ".join(parts)


def _too_small(row: Mapping, rule: EffectRule, p: Panel | None = None, assignments: int = 0) -> str | None:
    """Why an estimate says nothing, in Dutch; None when it does. `assignments`: how many distinct
    assignments the permutation test can compare (0: no permutation test)."""
    n_pilots, n_comparison = row["n_proeftuinen"], row["n_vergelijking"]
    if n_pilots < rule.min_proeftuinen:
        return f"{n_pilots} proeftuin(en) met gegevens; minstens {rule.min_proeftuinen} nodig"
    if n_comparison < rule.min_vergelijking:
        return f"{n_comparison} vergelijkingsgemeente(n) met gegevens; minstens {rule.min_vergelijking} nodig"
    size = row.get("omvang_proeftuinen")
    if p is not None and size is not None and np.isfinite(size):
        minimum = rule.min_aantal_proeftuinen if p.aantal else rule.min_noemer_proeftuinen
        if size < minimum:
            what = "gebeurtenissen per jaar" if p.aantal else "personen in hun noemers"
            return f"de proeftuinen hebben samen gemiddeld {_nl(size, 0)} {what}; minstens {minimum} nodig"
    if not np.isfinite(row["ci_laag"]):
        return "geen interval te berekenen (geen spreiding tussen gemeenten)"
    alpha = 1 - rule.betrouwbaarheid
    if assignments and 1 / assignments > alpha + 1e-12:
        return (
            f"met deze {n_pilots + n_comparison} gemeenten zijn er maar {assignments} manieren om de "
            f"proeftuinen aan te wijzen: de permutatietoets kan nooit onder {_nl(alpha, 2)} komen"
        )
    return None


def _status(row: dict, richting: str) -> str:
    """The same words as vergelijking_nulmeting, for the effect against non-pilots."""
    if row["te_klein"]:
        return ONVOLDOENDE
    if row["ci_laag"] <= 0 <= row["ci_hoog"]:
        return GELIJK
    up = row["effect"] > 0
    if richting == "neutraal":
        return GESTEGEN if up else GEDAALD
    return VERBETERD if (richting == "hoger_beter") == up else VERSLECHTERD


# ------------------------------------------------------------------ the tables


def startjaren(gemeenten: pd.DataFrame, override: Mapping[str, int] | None = None) -> dict[str, int]:
    """Start year per pilot municipality from `gemeenten`, optionally with some replaced."""
    pil = gemeenten.loc[gemeenten["proeftuin"].astype(bool) & gemeenten["startjaar"].notna()]
    out = dict(zip(pil["gemeente_code"], pil["startjaar"].astype(int), strict=True))
    return out | dict(override or {})


def assumed_cohorts(gemeenten: pd.DataFrame, jaren: Mapping[str, int]) -> frozenset[int]:
    """Cohorts that contain a pilot whose start year is an assumption (startjaar_aanname)."""
    assumed = gemeenten.loc[gemeenten["startjaar_aanname"].astype(bool), "gemeente_code"]
    return frozenset(jaren[c] for c in assumed if c in jaren)


def count_indicators(indicatoren: pd.DataFrame) -> set[str]:
    """Indicators without a noemer (multiplier 1): not a rate (`vocabulary.is_rate`)."""
    return {
        i
        for i, m in zip(indicatoren["indicator"], indicatoren["vermenigvuldiger"], strict=True)
        if not is_rate(m)
    }


def scale_text(indicatoren: pd.DataFrame, rule: EffectRule, scaled: bool) -> dict[str, str]:
    """Per indicator the unit its effect is in: the indicator's own for rates, per 1.000 inhabitants
    for counts (or a plain count where no population was given)."""
    counts = count_indicators(indicatoren)
    unit = indicatoren["eenheid"] if "eenheid" in indicatoren.columns else pd.Series("", indicatoren.index)
    count_unit = f"per {nl_number(rule.aantallen_per)} inwoners" if scaled else "aantal"
    return {
        i: (count_unit if i in counts else str(u))
        for i, u in zip(indicatoren["indicator"], unit, strict=True)
    }


def effecten(
    waarnemingen: pd.DataFrame,
    gemeenten: pd.DataFrame,
    indicatoren: pd.DataFrame,
    rule: EffectRule,
    vergelijkingsgroep: str | None = None,
    override: Mapping[str, int] | None = None,
    vergelijking: set[str] | None = None,
    gewicht: str | None = None,
    reshaped: dict[tuple[str, str], Matrix] | None = None,
    bevolking: pd.DataFrame | None = None,
    permutaties: int | None = None,
    met_gebeurtenis: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`effecten` and `effecten_gebeurtenis` for every indicator × doelgroep with figures.

    Counts are put per `aantallen_per` inhabitants when `bevolking` (CBS population per
    gemeente_code × jaar) is given; `reshaped` says the figures were already put on that scale.
    `permutaties` (default: the settings') draws for the permutation and pre-trend tests; 0 leaves
    them out, and with them the verdict. The other keyword arguments are the sensitivities: another
    comparison group, other start years, fewer comparison municipalities, weighting by noemer.
    `met_gebeurtenis=False` (the sensitivities): no event study and no pre-trend placebo (see `estimate`).
    """
    draws = rule.permutaties if permutaties is None else permutaties
    jaren = startjaren(gemeenten, override)
    aanname = assumed_cohorts(gemeenten, jaren)
    richting = dict(zip(indicatoren["indicator"], indicatoren["richting"], strict=True))
    order = {c: i for i, c in enumerate(indicatoren.sort_values("volgorde")["indicator"])}
    counts = count_indicators(indicatoren)
    if reshaped is None:
        reshaped = matrices(op_schaal(waarnemingen, indicatoren, bevolking, rule.aantallen_per))
    schaal = scale_text(indicatoren, rule, scaled=bevolking is not None or _scaled(reshaped, counts))
    rows, events = [], []
    for (ind, dg), m in reshaped.items():
        p = replace(panel_of(m, jaren, vergelijking, gewicht, aanname), aantal=ind in counts)
        seed = permutatie.seed_for(rule.zaad, ind, dg)
        res = estimate(
            p, rule, richting.get(ind, "lager_beter"), vergelijkingsgroep, draws, seed, met_gebeurtenis
        )
        rows.append({"indicator": ind, "doelgroep": dg, "schaal": schaal.get(ind, "")} | res.effect)
        events += [{"indicator": ind, "doelgroep": dg} | e for e in res.gebeurtenis]
    eff = _ordered(pd.DataFrame(rows, columns=EFFECT_COLUMNS), order)
    eff = verdicts(eff, richting, rule, decided=draws > 0)
    gb = _ordered(pd.DataFrame(events, columns=EVENT_COLUMNS), order, "jaren_sinds_start")
    for c in (
        "n_proeftuinen",
        "n_vergelijking",
        "n_groep_tijd",
        "eerste_jaar",
        "laatste_jaar",
        "n_voorperioden",
        "n_permutaties",
    ):
        eff[c] = eff[c].astype("Int64")
    for c in ("voortrend_ok", "permutatie_exact"):
        eff[c] = eff[c].astype("boolean")
    for c in (
        "omvang_proeftuinen",
        "p_permutatie",
        "ci_permutatie_laag",
        "ci_permutatie_hoog",
        "voortrend_p",
        "voortrend_kracht",
        "voortrend_mde",
        "effect_trend",
        "ci_trend_laag",
        "ci_trend_hoog",
        "jaren_na_nulmeting",
        "breekpunt_m",
        "q_waarde",
    ):
        eff[c] = eff[c].astype(float)
    for c in ("jaren_sinds_start", "n_proeftuinen", "n_vergelijking", "n_cohorten"):
        gb[c] = gb[c].astype("Int64")
    eff["te_klein"] = eff["te_klein"].astype(bool)
    gb["te_klein"] = gb["te_klein"].astype(bool)
    return eff, gb


def _scaled(reshaped: Mapping[tuple[str, str], Matrix], counts: set[str]) -> bool:
    """Whether the count panels of already reshaped figures are on the population scale (their
    noemer is then the population, where a count in levels has none)."""
    return any(k[0] in counts and m.noemers.notna().any() for k, m in reshaped.items())


def verdicts(
    eff: pd.DataFrame, richting: Mapping[str, str], rule: EffectRule, decided: bool = True
) -> pd.DataFrame:
    """`q_waarde` (Benjamini–Hochberg over every indicator × doelgroep that says something) and the
    verdict `oordeel` with its reason in plain Dutch.

    An effect is demonstrable when its q-value is below 1 − betrouwbaarheid, with as p-value the
    larger of the t-test's and the permutation test's: both must agree, and the false discovery
    rate over the whole table stays at that level. It is called favourable or unfavourable only if
    the pre-trend test holds and a linear pre-trend, continued, cannot explain it either.
    """
    out = eff.copy()
    alpha = 1 - rule.betrouwbaarheid
    p = out[["p_waarde", "p_permutatie"]].astype(float).max(axis=1, skipna=True)
    live = ~out["te_klein"].astype(bool) & p.notna()
    q = np.full(len(out), np.nan)
    q[live.to_numpy()] = benjamini_hochberg(p[live].to_numpy())
    out["q_waarde"] = q
    words, reasons = [], []
    for r in out.to_dict("records"):
        word, why = (
            verdict(r, richting.get(r["indicator"], "lager_beter"), alpha)
            if decided
            else (None, "zonder permutatietoets geen oordeel")
        )
        words.append(word)
        reasons.append(why)
    out["oordeel"] = pd.array(words, dtype="string")
    out["oordeel_toelichting"] = pd.array(reasons, dtype="string")
    return out


def verdict(g: Mapping, richting: str, alpha: float) -> tuple[str, str]:
    """One row's verdict and reason in Dutch, given its `q_waarde` (see `verdicts`)."""
    if g["te_klein"]:
        return ONVOLDOENDE, str(g["reden"])
    ok = g["voortrend_ok"]
    if ok is None or ok is pd.NA or (isinstance(ok, float) and np.isnan(ok)):
        return NIET_BEOORDEELBAAR_GEEN_VOORPERIODE, str(g["voortrend_toelichting"])
    if not ok:
        return NIET_BEOORDEELBAAR_VOORTREND, str(g["voortrend_toelichting"])
    tests = (
        f"t-toets p {_p(g['p_waarde'])}, permutatietoets p {_p(g['p_permutatie'])}, "
        f"q {_p(g['q_waarde'])} (grens {_nl(alpha, 2)})"
    )
    if not (g["q_waarde"] < alpha):
        return GEEN_EFFECT, f"niet aantoonbaar na correctie voor meervoudig toetsen: {tests}"
    up = g["effect"] > 0
    low, high = g["ci_trend_laag"], g["ci_trend_hoog"]
    if not (np.isfinite(low) and np.isfinite(high)) or low <= 0 <= high or (high < 0) == up:
        return NIET_BEOORDEELBAAR_VOORTREND, (
            f"de voortrend vóór de start, lineair doorgetrokken, kan het effect verklaren (gecorrigeerd "
            f"{_nl(g['effect_trend'], 2)}, interval {_nl(low, 2)} tot {_nl(high, 2)}); {tests}"
        )
    if richting == "neutraal":
        word = HOGER if up else LAGER
    else:
        word = GUNSTIG if (richting == "hoger_beter") == up else ONGUNSTIG
    return word, f"{tests}; {g['voortrend_toelichting']}; breekpunt M = {_nl(g['breekpunt_m'], 2)}"


def _ordered(frame: pd.DataFrame, order: dict[str, int], *extra: str) -> pd.DataFrame:
    key = frame["indicator"].map(order).fillna(len(order))
    return (
        frame.assign(_o=key)
        .sort_values(["_o", "doelgroep", *extra])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


@dataclass(frozen=True)
class Variant:
    naam: str
    omschrijving: str
    kwargs: dict


NIVEAU = "aantallen_in_niveau"


def variants(gemeenten: pd.DataFrame, rule: EffectRule) -> list[Variant]:
    """The sensitivities a researcher asks for first: comparison group, assumed start years, weights,
    and counts in levels instead of per 1.000 inhabitants."""
    other = NOG_NIET if rule.vergelijkingsgroep == NOOIT else NOOIT
    out = [
        Variant("hoofdanalyse", f"vergelijking: {GROEP_TEKST[rule.vergelijkingsgroep]}", {}),
        Variant(
            f"vergelijking_{other}", f"vergelijking: {GROEP_TEKST[other]}", {"vergelijkingsgroep": other}
        ),
        Variant(
            "alleen_genoemd",
            "vergelijking alleen met de gemeenten die de brieven noemen",
            {"vergelijking": set(gemeenten.loc[gemeenten["groep"] == "genoemd", "gemeente_code"])},
        ),
        Variant("gewogen_noemer", "elke gemeente gewogen naar haar gemiddelde noemer", {"gewicht": "noemer"}),
        Variant(NIVEAU, "aantallen als losse aantallen, niet per inwoners (alleen aantal-indicatoren)", {}),
    ]
    assumed = gemeenten.loc[gemeenten["startjaar_aanname"].astype(bool) & gemeenten["startjaar"].notna()]
    for shift in rule.aanname_verschuivingen:
        override = {
            c: int(s) + shift for c, s in zip(assumed["gemeente_code"], assumed["startjaar"], strict=True)
        }
        names = dict(zip(assumed["gemeente_code"], assumed["gemeente_naam"], strict=True))
        years = ", ".join(f"{names[c]} {y}" for c, y in sorted(override.items()))
        text = f"aangenomen startjaren {shift:+d} jaar ({years})"
        out.append(Variant(f"aanname_startjaar_{shift:+d}", text, {"override": override}))
    return out


def gevoeligheid(
    waarnemingen: pd.DataFrame,
    gemeenten: pd.DataFrame,
    indicatoren: pd.DataFrame,
    rule: EffectRule,
    hoofd: pd.DataFrame | None = None,
    reshaped: dict[tuple[str, str], Matrix] | None = None,
    bevolking: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """`effecten_gevoeligheid`: the overall effect under each variant of `variants` (`hoofd`: the
    main analysis when already computed). Without permutations: the point and t-interval only."""
    if reshaped is None:
        reshaped = matrices(op_schaal(waarnemingen, indicatoren, bevolking, rule.aantallen_per))
    counts = count_indicators(indicatoren)
    frames = []
    for v in variants(gemeenten, rule):
        if v.naam == NIVEAU:
            levels = matrices(
                op_schaal(
                    waarnemingen.loc[waarnemingen["indicator"].isin(counts)],
                    indicatoren,
                    None,
                    rule.aantallen_per,
                )
            )
            if not levels:
                continue
            eff, _ = effecten(
                waarnemingen,
                gemeenten,
                indicatoren,
                rule,
                reshaped=levels,
                permutaties=0,
                met_gebeurtenis=False,
            )
        elif not v.kwargs and hoofd is not None:
            eff = hoofd
        else:
            eff, _ = effecten(
                waarnemingen,
                gemeenten,
                indicatoren,
                rule,
                **v.kwargs,
                reshaped=reshaped,
                permutaties=0,
                met_gebeurtenis=False,
            )
        frames.append(eff.assign(variant=v.naam, omschrijving=v.omschrijving)[SENSITIVITY_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def tables(
    waarnemingen: pd.DataFrame,
    gemeenten: pd.DataFrame,
    indicatoren: pd.DataFrame,
    rule: EffectRule,
    bevolking: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """The three effect tables the build writes (counts per 1.000 inhabitants of `bevolking`)."""
    reshaped = matrices(op_schaal(waarnemingen, indicatoren, bevolking, rule.aantallen_per))
    eff, gb = effecten(waarnemingen, gemeenten, indicatoren, rule, reshaped=reshaped, bevolking=bevolking)
    sens = gevoeligheid(waarnemingen, gemeenten, indicatoren, rule, eff, reshaped)
    return {"effecten": eff, "effecten_gebeurtenis": gb, "effecten_gevoeligheid": sens}


def inspect(
    waarnemingen: pd.DataFrame,
    gemeenten: pd.DataFrame,
    indicatoren: pd.DataFrame,
    rule: EffectRule,
    indicator: str,
    doelgroep: str,
    bevolking: pd.DataFrame | None = None,
) -> Result:
    """The main estimate of one indicator × doelgroep with everything behind it in `details`: the
    panel, the permutation draws and test, the joint pre-trend test, relative magnitudes — the
    same seed and draws as the build (for the notebook's permutation, power and sensitivity plots)."""
    w = waarnemingen.loc[(waarnemingen["indicator"] == indicator) & (waarnemingen["doelgroep"] == doelgroep)]
    m = matrices(op_schaal(w, indicatoren, bevolking, rule.aantallen_per))[(indicator, doelgroep)]
    jaren = startjaren(gemeenten)
    p = panel_of(m, jaren, aanname=assumed_cohorts(gemeenten, jaren))
    p = replace(p, aantal=indicator in count_indicators(indicatoren))
    richting = dict(zip(indicatoren["indicator"], indicatoren["richting"], strict=True))
    seed = permutatie.seed_for(rule.zaad, indicator, doelgroep)
    return estimate(p, rule, richting.get(indicator, "lager_beter"), None, rule.permutaties, seed)


def with_rule(rule: EffectRule, **changes: Any) -> EffectRule:
    """A copy of the rule with some settings changed (for sensitivity analyses in notebooks)."""
    return replace(rule, **changes)


# ------------------------------------------------------------------ the method, for /over

UITLEG_PATH = Path(__file__).with_name("docs") / "effecten.md"


def uitleg(rule: EffectRule, doel_fractie: float) -> str:
    """The method in plain Dutch (Markdown, pipeline/docs/effecten.md), with the thresholds from
    settings.toml filled in, for `/over`."""
    doel = "gehalveerd is" if doel_fractie == 0.5 else f"met {percent(doel_fractie)}% is verkleind"
    text = UITLEG_PATH.read_text(encoding="utf-8")
    return text.format(
        pct=percent(rule.betrouwbaarheid),
        min_proeftuinen=rule.min_proeftuinen,
        min_vergelijking=rule.min_vergelijking,
        doel=doel,
        min_noemer=rule.min_noemer_proeftuinen,
        min_aantal=rule.min_aantal_proeftuinen,
        permutaties=nl_number(rule.permutaties),
        per=nl_number(rule.aantallen_per),
        voortrend_alpha=_nl(rule.voortrend_alpha, 2),
        kracht=_nl(100 * rule.voortrend_kracht, 0),
        alpha=_nl(1 - rule.betrouwbaarheid, 2),
    )
