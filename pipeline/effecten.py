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

Why not a package. `csdid` 0.4.3, `differences` 0.3.0, `moderndid` 0.2.0 and `pyfixest` 0.60
all install beside pandas 3.1 / numpy 2.4 and run, but none gives small-sample inference fit
for nine treated municipalities (analytic influence-function or multiplier-bootstrap errors
with normal critical values), current `moderndid` (≥ 0.3) needs Python 3.12, `csdid` pulls in
twine, keyring and plotnine at run time, and `pyfixest` has no Callaway–Sant'Anna aggregation.
The estimator without covariates is a few means, so it is written here, in numpy, and checked
against `differences` in the tests (a development dependency).

Too small to say anything (`te_klein`): fewer pilots or comparison municipalities with data
than `[effecten]` in settings.toml asks, or an interval that cannot be computed. A cohort
without data in its baseline year drops out (e.g. CBS burglaries start in 2012, so the 2011
cohort has no baseline for `woninginbraak`); `cohorten` says which cohorts were used. A missing
year costs that year, not the municipality: each ATT(g, t) uses the municipalities with a figure
in both year t and the baseline year g − 1.

Columns of `effecten` (one row per indicator × doelgroep):
    indicator, doelgroep; effect (the pilots' effect in the indicator's unit); ci_laag, ci_hoog
    (95% interval); standaardfout; vrijheidsgraden (Welch–Satterthwaite); p_waarde (two-sided,
    no effect); status (verbeterd, gelijk, verslechterd, gestegen, gedaald, onvoldoende gegevens —
    as in vergelijking_nulmeting, respecting the indicator's direction); methode;
    vergelijkingsgroep ('nooit' or 'nog_niet'); n_proeftuinen, n_vergelijking (municipalities
    with data that the estimate uses); n_groep_tijd (group-time cells after the start);
    cohorten (start year: pilots, '*' where the start year is an assumption); eerste_jaar (the
    earliest baseline year used), laatste_jaar (the last year used); voortrend, voortrend_laag,
    voortrend_hoog, voortrend_p (mean of the event-study estimates before the start, e ≤ −2: a
    placebo that should be near 0 if pilots and non-pilots moved in parallel; empty when no
    cohort has years before its baseline);
    n_voorperioden; te_klein (bool); reden (why too small, in Dutch).

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

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import special

from pipeline.config import EffectRule
from pipeline.nulmeting import usable
from pipeline.vocabulary import GEDAALD, GELIJK, GESTEGEN, ONVOLDOENDE, VERBETERD, VERSLECHTERD

KEY = ["indicator", "doelgroep"]
NOOIT, NOG_NIET = "nooit", "nog_niet"
VERGELIJKINGSGROEPEN = (NOOIT, NOG_NIET)
VOOR, REFERENTIE, NA = "voor", "referentie", "na"
METHODE = (
    "Callaway & Sant'Anna (2021): groep-tijd-effecten per startcohort t.o.v. de nulmeting (startjaar − 1), "
    "gemiddeld per cohort en gewogen naar het aantal proeftuinen; vergelijking: {groep}; "
    "{pct}%-interval: t met Welch–Satterthwaite-vrijheidsgraden, gemeenten als onafhankelijke eenheden"
)
GROEP_TEKST = {NOOIT: "gemeenten die nooit proeftuin waren",
               NOG_NIET: "gemeenten die nooit proeftuin waren en proeftuinen vóór hun start"}  # fmt: skip
EFFECT_COLUMNS = [
    *KEY, "effect", "ci_laag", "ci_hoog", "standaardfout", "vrijheidsgraden", "p_waarde", "status",
    "methode", "vergelijkingsgroep", "n_proeftuinen", "n_vergelijking", "n_groep_tijd", "cohorten",
    "eerste_jaar", "laatste_jaar", "voortrend", "voortrend_laag", "voortrend_hoog", "voortrend_p",
    "n_voorperioden", "te_klein", "reden",
]  # fmt: skip
EVENT_COLUMNS = [
    *KEY, "jaren_sinds_start", "periode", "effect", "ci_laag", "ci_hoog", "standaardfout",
    "vrijheidsgraden", "n_proeftuinen", "n_vergelijking", "n_cohorten", "te_klein",
]  # fmt: skip
SENSITIVITY_COLUMNS = [*KEY, "variant", "omschrijving", "effect", "ci_laag", "ci_hoog",
                       "n_proeftuinen", "n_vergelijking", "te_klein"]  # fmt: skip


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


@dataclass(frozen=True)
class Matrix:
    """Municipality × year of the usable values of one indicator × doelgroep, and each
    municipality's mean noemer: reshaped once, however many variants read it."""

    y: pd.DataFrame
    noemers: pd.Series


def matrices(waarnemingen: pd.DataFrame) -> dict[tuple[str, str], Matrix]:
    """A `Matrix` per indicator × doelgroep, from one reshape of all figures."""
    w = usable(waarnemingen)
    values = w.groupby([*KEY, "gemeente_code", "jaar"])["waarde"].mean().unstack("jaar")
    values = values.reindex(sorted(values.columns), axis=1)
    noemers = w.groupby([*KEY, "gemeente_code"])["noemer"].mean()
    out = {}
    for key, y in values.groupby(level=[0, 1], sort=False):
        y = y.droplevel([0, 1]).sort_index()
        out[key] = Matrix(y.loc[:, y.notna().any(axis=0)], noemers.loc[key])
    return out


def panel(waarnemingen: pd.DataFrame, startjaren: Mapping[str, int], vergelijking: set[str] | None = None,
          gewicht: str | None = None, aanname: frozenset[int] = frozenset()) -> Panel:  # fmt: skip
    """Reshape the usable figures of one indicator × doelgroep into a panel.

    `startjaren` maps each pilot municipality to its start year; `vergelijking` limits the
    comparison municipalities (default: every municipality that is not a pilot). With
    `gewicht="noemer"` each municipality weighs by its mean noemer.
    """
    m = next(iter(matrices(waarnemingen).values()), None)
    if m is None:
        m = Matrix(pd.DataFrame(dtype=float), pd.Series(dtype=float))
    return panel_of(m, startjaren, vergelijking, gewicht, aanname)


def panel_of(m: Matrix, startjaren: Mapping[str, int], vergelijking: set[str] | None = None,
             gewicht: str | None = None, aanname: frozenset[int] = frozenset()) -> Panel:  # fmt: skip
    """`panel` from an already reshaped matrix."""
    full, noemers = m.y, m.noemers
    pilots = set(startjaren)
    code = full.index.to_series()
    keep = code.isin(pilots) | (code.isin(vergelijking) if vergelijking is not None else ~code.isin(pilots))
    y = full.loc[keep.to_numpy()]
    y = y.loc[:, y.notna().any(axis=0)]
    codes = y.index.to_numpy()
    if gewicht == "noemer":
        g = noemers.reindex(codes).to_numpy(float)
        weights = np.where(np.isfinite(g) & (g > 0), g, 1.0)
    else:
        weights = np.ones(len(codes))
    cohort = np.array([startjaren.get(c, 0) for c in codes], dtype=int)
    return Panel(codes, y.columns.to_numpy(int), y.to_numpy(float), cohort, weights, aanname)


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


def group_time(p: Panel, vergelijkingsgroep: str = NOOIT) -> Cells:
    """ATT(g, t) for every cohort g and year t ≠ g − 1, against the cohort's baseline g − 1."""
    if vergelijkingsgroep not in VERGELIJKINGSGROEPEN:
        raise ValueError(f"onbekende vergelijkingsgroep {vergelijkingsgroep!r}; "
                         f"kies uit {', '.join(VERGELIJKINGSGROEPEN)}")
    years = list(p.jaren)
    out: dict[str, list] = {k: [] for k in ("g", "t", "att", "psi", "treated", "control")}
    for g in sorted(set(p.cohort[p.cohort > 0])):
        if g - 1 not in years:
            continue  # no baseline year in the data: this cohort cannot be compared
        base = p.y[:, years.index(g - 1)]
        is_g = p.cohort == g
        for k, t in enumerate(years):
            if t == g - 1:
                continue
            if vergelijkingsgroep == NOOIT:
                ctrl = p.cohort == 0
            else:  # not yet treated at t nor at the baseline (Callaway & Sant'Anna, eq. 2.6)
                ctrl = (p.cohort == 0) | ((p.cohort > max(t, g - 1)) & ~is_g)
            d = p.y[:, k] - base
            ok = np.isfinite(d)
            tr, co = is_g & ok, ctrl & ok
            if not tr.any() or not co.any():
                continue
            wt, wc = p.gewicht * tr, p.gewicht * co
            mt = np.sum(wt * np.where(tr, d, 0)) / wt.sum()
            mc = np.sum(wc * np.where(co, d, 0)) / wc.sum()
            psi = np.where(tr, wt * (d - mt) / wt.sum(), 0.0) - np.where(co, wc * (d - mc) / wc.sum(), 0.0)
            for name, v in (("g", g), ("t", t), ("att", mt - mc), ("psi", psi), ("treated", tr),
                            ("control", co)):  # fmt: skip
                out[name].append(v)
    n = len(p.gemeenten)
    if not out["g"]:
        none = np.zeros((0, n), dtype=bool)
        return Cells(np.zeros(0, int), np.zeros(0, int), np.zeros(0), np.zeros((0, n)), none, none)
    return Cells(*(np.asarray(out[k]) for k in ("g", "t", "att", "psi", "treated", "control")))


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
        parts.append((g, cells.att[m].mean(), cells.psi[m].mean(axis=0), used))
    weight = np.array([p.gewicht[used].sum() for _, _, _, used in parts])
    share = weight / weight.sum()
    effect = float(np.sum(share * [a for _, a, _, _ in parts]))
    psi = np.sum([s * ps for s, (_, _, ps, _) in zip(share, parts, strict=True)], axis=0)
    for _g, a, _, used in parts:
        psi = psi + np.where(used, p.gewicht * (a - effect) / weight.sum(), 0.0)
    treated = np.any([u for *_, u in parts], axis=0)
    control = cells.control[mask].any(axis=0)
    return Estimate(effect, psi, treated, control, int(mask.sum()), tuple(int(g) for g, *_ in parts))


def mean_of(estimates: list[Estimate]) -> Estimate | None:
    """The plain mean of several aggregates (used for the pre-trend placebo)."""
    if not estimates:
        return None
    return Estimate(
        float(np.mean([e.effect for e in estimates])),
        np.mean([e.psi for e in estimates], axis=0),
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


def interval(p: Panel, est: Estimate, level: float) -> Interval:
    """Welch-type t-interval from the influence function, pilots and comparison as two samples.

    Pilots are every municipality that ever started (in the not-yet-treated variant they also
    serve as comparison before their start; their whole contribution counts on the pilot side).
    """
    pilot = p.cohort > 0
    parts = []
    for side in (pilot & (est.treated | est.control), ~pilot & est.control):
        n = int(side.sum())
        v = float(np.sum(est.psi[side] ** 2))
        parts.append((n, v * n / (n - 1) if n > 1 else np.nan))
    (n1, v1), (n0, v0) = parts
    var = v1 + v0
    with np.errstate(divide="ignore", invalid="ignore"):
        df = var**2 / (v1**2 / (n1 - 1) + v0**2 / (n0 - 1)) if n1 > 1 and n0 > 1 else np.nan
    se = float(np.sqrt(var)) if np.isfinite(var) else np.nan
    if not (np.isfinite(se) and np.isfinite(df)) or se == 0:
        return Interval(est.effect, se, float(df), np.nan, np.nan, np.nan)
    # the t-distribution's quantile and tail straight from scipy.special: the same numbers as
    # stats.t.ppf/sf without their per-call overhead (thousands of calls per build)
    q = float(special.stdtrit(df, 0.5 + level / 2))
    pval = float(2 * special.stdtr(df, -abs(est.effect) / se))
    return Interval(est.effect, se, float(df), est.effect - q * se, est.effect + q * se, pval)


# ------------------------------------------------------------------ one indicator × doelgroep


@dataclass(frozen=True)
class Result:
    effect: dict
    gebeurtenis: list[dict]


def estimate(p: Panel, rule: EffectRule, richting: str = "lager_beter",
             vergelijkingsgroep: str | None = None) -> Result:  # fmt: skip
    """The overall effect, its pre-trend placebo and the event study of one panel."""
    groep = vergelijkingsgroep or rule.vergelijkingsgroep
    cells = group_time(p, groep)
    post = cells.t >= cells.g
    overall = over_cohorts(p, cells, post)
    event = cells.t - cells.g
    events = {int(e): over_cohorts(p, cells, event == e) for e in sorted(set(event))}
    pre = [est for e, est in events.items() if e <= -2 and est is not None]
    placebo = mean_of(pre)

    row: dict = {"methode": METHODE.format(groep=GROEP_TEKST[groep], pct=_pct(rule.betrouwbaarheid)),
                 "vergelijkingsgroep": groep}  # fmt: skip
    if overall is None:
        row |= {"effect": np.nan, "ci_laag": np.nan, "ci_hoog": np.nan, "standaardfout": np.nan,
                "vrijheidsgraden": np.nan, "p_waarde": np.nan, "n_proeftuinen": 0,
                "n_vergelijking": 0, "n_groep_tijd": 0, "cohorten": "", "eerste_jaar": None,
                "laatste_jaar": None}  # fmt: skip
    else:
        ci = interval(p, overall, rule.betrouwbaarheid)
        pilots, comps = _counts(p, overall)
        row |= {"effect": ci.effect, "ci_laag": ci.low, "ci_hoog": ci.high, "standaardfout": ci.se,
                "vrijheidsgraden": ci.df, "p_waarde": ci.p, "n_proeftuinen": pilots,
                "n_vergelijking": comps, "n_groep_tijd": overall.n_cellen,
                "cohorten": _cohort_text(p, overall), "eerste_jaar": int(min(cells.g[post]) - 1),
                "laatste_jaar": int(max(cells.t[post]))}  # fmt: skip
    if placebo is None:
        row |= {"voortrend": np.nan, "voortrend_laag": np.nan, "voortrend_hoog": np.nan,
                "voortrend_p": np.nan, "n_voorperioden": 0}  # fmt: skip
    else:
        pci = interval(p, placebo, rule.betrouwbaarheid)
        row |= {"voortrend": pci.effect, "voortrend_laag": pci.low, "voortrend_hoog": pci.high,
                "voortrend_p": pci.p, "n_voorperioden": len(pre)}  # fmt: skip
    reden = _too_small(row["n_proeftuinen"], row["n_vergelijking"], row["ci_laag"], rule)
    row["te_klein"] = reden is not None
    row["reden"] = reden
    row["status"] = _status(row, richting)

    gebeurtenis = []
    for e, est in events.items():
        if est is None:
            continue
        ci = interval(p, est, rule.betrouwbaarheid)
        pilots, comps = _counts(p, est)
        gebeurtenis.append({
            "jaren_sinds_start": e, "periode": NA if e >= 0 else VOOR, "effect": ci.effect,
            "ci_laag": ci.low, "ci_hoog": ci.high, "standaardfout": ci.se, "vrijheidsgraden": ci.df,
            "n_proeftuinen": pilots, "n_vergelijking": comps, "n_cohorten": len(est.cohorten),
            "te_klein": _too_small(pilots, comps, ci.low, rule) is not None,
        })  # fmt: skip
    if overall is not None:
        gebeurtenis.append({
            "jaren_sinds_start": -1, "periode": REFERENTIE, "effect": 0.0, "ci_laag": np.nan,
            "ci_hoog": np.nan, "standaardfout": np.nan, "vrijheidsgraden": np.nan,
            "n_proeftuinen": row["n_proeftuinen"], "n_vergelijking": row["n_vergelijking"],
            "n_cohorten": len(overall.cohorten), "te_klein": row["te_klein"],
        })  # fmt: skip
    gebeurtenis.sort(key=lambda r: r["jaren_sinds_start"])
    return Result(row, gebeurtenis)


def _pct(level: float) -> str:
    return f"{level * 100:g}".replace(".", ",")


def _counts(p: Panel, est: Estimate) -> tuple[int, int]:
    pilot = p.cohort > 0
    return int((est.treated & pilot).sum()), int((est.control & ~pilot).sum())


def _cohort_text(p: Panel, est: Estimate) -> str:
    """'2011: 4, 2015: 3, 2016*: 2' — '*' marks an assumed start year."""
    parts = []
    for g in est.cohorten:
        n = int((est.treated & (p.cohort == g)).sum())
        parts.append(f"{g}{'*' if g in p.aanname else ''}: {n}")
    return ", ".join(parts)


def _too_small(n_pilots: int, n_comparison: int, low: float, rule: EffectRule) -> str | None:
    """Why an estimate says nothing, in Dutch; None when it does."""
    if n_pilots < rule.min_proeftuinen:
        return f"{n_pilots} proeftuin(en) met gegevens; minstens {rule.min_proeftuinen} nodig"
    if n_comparison < rule.min_vergelijking:
        return f"{n_comparison} vergelijkingsgemeente(n) met gegevens; minstens {rule.min_vergelijking} nodig"
    if not np.isfinite(low):
        return "geen interval te berekenen (geen spreiding tussen gemeenten)"
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


def effecten(waarnemingen: pd.DataFrame, gemeenten: pd.DataFrame, indicatoren: pd.DataFrame,
             rule: EffectRule, vergelijkingsgroep: str | None = None,
             override: Mapping[str, int] | None = None, vergelijking: set[str] | None = None,
             gewicht: str | None = None, reshaped: dict[tuple[str, str], Matrix] | None = None,
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`effecten` and `effecten_gebeurtenis` for every indicator × doelgroep with figures.

    The keyword arguments are the sensitivities: another comparison group, other start years
    for some pilots, fewer comparison municipalities, weighting by noemer.
    """
    jaren = startjaren(gemeenten, override)
    aanname = assumed_cohorts(gemeenten, jaren)
    richting = dict(zip(indicatoren["indicator"], indicatoren["richting"], strict=True))
    order = {c: i for i, c in enumerate(indicatoren.sort_values("volgorde")["indicator"])}
    rows, events = [], []
    for (ind, dg), m in (reshaped if reshaped is not None else matrices(waarnemingen)).items():
        p = panel_of(m, jaren, vergelijking, gewicht, aanname)
        res = estimate(p, rule, richting.get(ind, "lager_beter"), vergelijkingsgroep)
        rows.append({"indicator": ind, "doelgroep": dg} | res.effect)
        events += [{"indicator": ind, "doelgroep": dg} | e for e in res.gebeurtenis]
    eff = _ordered(pd.DataFrame(rows, columns=EFFECT_COLUMNS), order)
    gb = _ordered(pd.DataFrame(events, columns=EVENT_COLUMNS), order, "jaren_sinds_start")
    for c in ("n_proeftuinen", "n_vergelijking", "n_groep_tijd", "eerste_jaar", "laatste_jaar",
              "n_voorperioden"):  # fmt: skip
        eff[c] = eff[c].astype("Int64")
    for c in ("jaren_sinds_start", "n_proeftuinen", "n_vergelijking", "n_cohorten"):
        gb[c] = gb[c].astype("Int64")
    eff["te_klein"] = eff["te_klein"].astype(bool)
    gb["te_klein"] = gb["te_klein"].astype(bool)
    return eff, gb


def _ordered(frame: pd.DataFrame, order: dict[str, int], *extra: str) -> pd.DataFrame:
    key = frame["indicator"].map(order).fillna(len(order))
    return (frame.assign(_o=key).sort_values(["_o", "doelgroep", *extra]).drop(columns="_o")
            .reset_index(drop=True))  # fmt: skip


@dataclass(frozen=True)
class Variant:
    naam: str
    omschrijving: str
    kwargs: dict


def variants(gemeenten: pd.DataFrame, rule: EffectRule) -> list[Variant]:
    """The sensitivities a researcher asks for first: comparison group, assumed start years, weights."""
    other = NOG_NIET if rule.vergelijkingsgroep == NOOIT else NOOIT
    out = [
        Variant("hoofdanalyse", f"vergelijking: {GROEP_TEKST[rule.vergelijkingsgroep]}", {}),
        Variant(f"vergelijking_{other}", f"vergelijking: {GROEP_TEKST[other]}",
                {"vergelijkingsgroep": other}),
        Variant("alleen_genoemd", "vergelijking alleen met de gemeenten die de brieven noemen",
                {"vergelijking": set(gemeenten.loc[gemeenten["groep"] == "genoemd", "gemeente_code"])}),
        Variant("gewogen_noemer", "elke gemeente gewogen naar haar gemiddelde noemer", {"gewicht": "noemer"}),
    ]  # fmt: skip
    assumed = gemeenten.loc[gemeenten["startjaar_aanname"].astype(bool) & gemeenten["startjaar"].notna()]
    for shift in rule.aanname_verschuivingen:
        override = {c: int(s) + shift
                    for c, s in zip(assumed["gemeente_code"], assumed["startjaar"], strict=True)}  # fmt: skip
        names = dict(zip(assumed["gemeente_code"], assumed["gemeente_naam"], strict=True))
        years = ", ".join(f"{names[c]} {y}" for c, y in sorted(override.items()))
        text = f"aangenomen startjaren {shift:+d} jaar ({years})"
        out.append(Variant(f"aanname_startjaar_{shift:+d}", text, {"override": override}))
    return out


def gevoeligheid(waarnemingen: pd.DataFrame, gemeenten: pd.DataFrame, indicatoren: pd.DataFrame,
                 rule: EffectRule, hoofd: pd.DataFrame | None = None,
                 reshaped: dict[tuple[str, str], Matrix] | None = None) -> pd.DataFrame:  # fmt: skip
    """`effecten_gevoeligheid`: the overall effect under each variant of `variants` (`hoofd`: the
    main analysis when already computed)."""
    reshaped = reshaped if reshaped is not None else matrices(waarnemingen)
    frames = []
    for v in variants(gemeenten, rule):
        if not v.kwargs and hoofd is not None:
            eff = hoofd
        else:
            eff, _ = effecten(waarnemingen, gemeenten, indicatoren, rule, **v.kwargs, reshaped=reshaped)
        frames.append(eff.assign(variant=v.naam, omschrijving=v.omschrijving)[SENSITIVITY_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def tables(waarnemingen: pd.DataFrame, gemeenten: pd.DataFrame, indicatoren: pd.DataFrame,
           rule: EffectRule) -> dict[str, pd.DataFrame]:  # fmt: skip
    """The three effect tables the build writes."""
    reshaped = matrices(waarnemingen)
    eff, gb = effecten(waarnemingen, gemeenten, indicatoren, rule, reshaped=reshaped)
    sens = gevoeligheid(waarnemingen, gemeenten, indicatoren, rule, eff, reshaped)
    return {"effecten": eff, "effecten_gebeurtenis": gb, "effecten_gevoeligheid": sens}


def with_rule(rule: EffectRule, **changes: object) -> EffectRule:
    """A copy of the rule with some settings changed (for sensitivity analyses in notebooks)."""
    return replace(rule, **changes)


# ------------------------------------------------------------------ the method, for /over

UITLEG = """\
### Werkte de aanpak? Proeftuinen tegen gemeenten die geen proeftuin waren

Alles verandert in de loop der jaren, ook buiten de proeftuinen. Daarom vergelijkt de monitor
niet alleen elke proeftuin met haar eigen nulmeting, maar ook de *verandering* in de proeftuinen
met de verandering in gemeenten die geen proeftuin waren (een verschil-in-verschillen).

- **Startjaren.** De proeftuinen begonnen niet allemaal in hetzelfde jaar; waar de brieven geen
  startjaar noemen, is het een aanname (aangegeven met een *). Elke groep proeftuinen met
  hetzelfde startjaar wordt apart vergeleken vanaf haar eigen nulmeting (startjaar − 1), volgens
  de methode van Callaway en Sant'Anna (2021). Een gewone regressie met
  vaste effecten voor gemeente en jaar doen we bewust niet: bij verschillende startjaren kan die
  vroege proeftuinen als vergelijking voor late gebruiken en zelfs het teken van het effect omdraaien.
- **Vergelijkingsgroep.** Gemeenten die nooit proeftuin waren en cijfers voor dezelfde indicator
  en doelgroep leverden. Elke gemeente telt even zwaar, hoe groot haar doelgroep ook is.
- **Het effect** is het gemiddelde extra verschil na de start, in de eenheid van de indicator
  (bijvoorbeeld procentpunten per 100 leerplichtigen). Een negatief effect bij verzuim is gunstig.
- **Onzekerheid.** Elk effect staat er met een {pct}%-interval: een stip met een lijn, nooit een los
  getal. Met negen proeftuinen is dat interval breed; het is berekend met gemeenten als
  onafhankelijke eenheden en met de correctie voor kleine aantallen van Welch. Ligt 0 in het
  interval, dan is er geen aantoonbaar effect.
- **Te weinig om iets te zeggen.** Minder dan {min_proeftuinen} proeftuinen of {min_vergelijking}
  vergelijkingsgemeenten met cijfers: dan toont de monitor geen effect.
- **Gingen ze vóór de start gelijk op?** De grafiek per jaar sinds de start laat ook de jaren vóór
  de start zien. Liggen die stippen rond 0, dan bewogen proeftuinen en andere gemeenten vóór de
  start gelijk op en is de vergelijking geloofwaardig; wijken ze af, lees het effect dan met zorg.
- **Gevoeligheid.** De database bevat dezelfde schatting met proeftuinen vóór hun start als extra
  vergelijking, met alleen de gemeenten uit de brieven als vergelijking, gewogen naar de omvang
  van de doelgroep, en met de aangenomen startjaren een jaar eerder of later.

### De kloof tussen Roma en de hele bevolking

Het EU-kader voor Roma 2020–2030 meet vooruitgang als het halveren van de kloof tussen Roma en de
hele bevolking. Per gemeente en indicator toont de monitor de kloof (roma − totaal) bij de
nulmeting en in het laatste jaar, en hoe ver de gemeente is op weg naar een kloof die
{doel}. 100% betekent: doel bereikt. Alleen voor verhoudingen (per 100, per 1.000), niet voor
aantallen, en alleen waar de Roma-groep er bij de nulmeting slechter voor stond. Een kloof die
uit een onderdrukt cijfer volgt, wordt niet getoond.
"""


def uitleg(rule: EffectRule, doel_fractie: float) -> str:
    """The method in plain Dutch (Markdown), with the thresholds from settings.toml, for `/over`."""
    doel = "gehalveerd is" if doel_fractie == 0.5 else f"met {_pct(doel_fractie)}% is verkleind"
    return UITLEG.format(pct=_pct(rule.betrouwbaarheid), min_proeftuinen=rule.min_proeftuinen,
                         min_vergelijking=rule.min_vergelijking, doel=doel)  # fmt: skip
