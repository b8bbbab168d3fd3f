"""Funnel plots: the centre, the overdispersion and the limits, computed once in the build.

A funnel plot sets each municipality's rate against its noemer, with control limits around the
centre that narrow as the noemer grows (Spiegelhalter 2005, *Statistics in Medicine* 24: 1185–1202).
Three things make it honest, and they are this module's rules:

- **The centre comes from every cell**, suppressed ones too: Σteller / Σnoemer over all
  municipalities with a figure. A centre from the published cells alone is biased exactly when
  suppression is informative (small cells hidden because they are small). The build publishes
  the centre only — never the sums it comes from.
- **Overdispersion** (Spiegelhalter 2005, *Quality & Safety in Health Care* 14: 347–351): when
  municipalities differ more than sampling noise at their noemer allows, binomial limits flag
  nearly every large municipality. The z-scores against the centre are winsorised (10% each side),
  φ = mean z²; when I·φ exceeds the χ²(I − 1) critical value the limits are widened with the
  between-municipality variance τ² of an additive random-effects model
  (τ² = (I·φ − (I − 1)) / (Σw − Σw²/Σw), w = 1/s²), which keeps the funnel from closing to a line
  at the big cities. The method text says which limits are drawn.
- **Limits at the edges**: at a centre of 0 or 1 each teller is certain, so the limits are the
  centre itself (not NaN, which left every point "within").

`ligging` judges a point with the exact binomial tail (or the normal approximation under random
effects), not against the smoothed limit drawn on the chart, so that "outside 95%" fires for at
most 5% of municipalities that sit exactly on the centre, whatever their noemer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from pipeline.config import FunnelRule
from pipeline.nulmeting import usable
from pipeline.statistics import binom_cdf, binom_sf, chi2_ppf, funnel_limits, z_for
from pipeline.vocabulary import is_rate, nl_number

KEY = ["indicator", "doelgroep", "jaar"]
COLUMNS = [
    *KEY,
    "n_gemeenten",
    "centrum",
    "centrum_waarde",
    "phi",
    "p_overspreiding",
    "overspreiding",
    "tau2",
    "tau_waarde",
    "methode",
]
BINOMIAAL = "binomiale grenzen rond het gemiddelde van alle gemeenten (Spiegelhalter 2005)"
TE_WEINIG = "binomiale grenzen: met {n} gemeenten is overspreiding niet te schatten"
RANDOM_EFFECTS = (
    "grenzen verbreed voor overspreiding: de gemeenten verschillen meer dan toeval toelaat "
    "(φ = {phi}); random-effects-grenzen met spreiding tussen gemeenten τ = {tau} {eenheid} "
    "(Spiegelhalter 2005)"
)
GEEN_SPREIDING = "geen grenzen: het gemiddelde van alle gemeenten is {centrum}, elke afwijking valt op"


def overdispersion(
    teller: np.ndarray, noemer: np.ndarray, centre: float, rule: FunnelRule
) -> tuple[float, float, bool, float]:
    """(φ, p-value of no overdispersion, overdispersed, τ²) for one funnel (Spiegelhalter 2005)."""
    t, n = np.asarray(teller, dtype=float), np.asarray(noemer, dtype=float)
    units = len(n)
    if units < max(rule.min_gemeenten, 2) or not 0 < centre < 1:
        return np.nan, np.nan, False, 0.0
    s2 = centre * (1 - centre) / n
    z = (t / n - centre) / np.sqrt(s2)
    low, high = np.quantile(z, [rule.winsor, 1 - rule.winsor])
    zw = np.clip(z, low, high)
    phi = float(np.mean(zw**2))
    df = units - 1
    p = float(special.gammaincc(df / 2, units * phi / 2))  # P(χ²(df) > I·φ)
    over = bool(units * phi > float(chi2_ppf(1 - rule.overspreiding_alpha, np.array(df))))
    if not over:
        return phi, p, False, 0.0
    w = 1 / s2
    tau2 = max((units * phi - df) / (w.sum() - (w**2).sum() / w.sum()), 0.0)
    return phi, p, tau2 > 0, float(tau2)


def trechter(waarnemingen: pd.DataFrame, indicatoren: pd.DataFrame, rule: FunnelRule) -> pd.DataFrame:
    """One row per rate indicator × doelgroep × jaar: centre from all cells, overdispersion, and
    the method text the chart states. Counts have no noemer and no funnel."""
    ind = indicatoren.set_index("indicator")
    rates = ind.index[[is_rate(m) for m in ind["vermenigvuldiger"]]]
    w = usable(waarnemingen)
    w = w.loc[w["indicator"].isin(rates) & w["noemer"].notna() & (w["noemer"] > 0)]
    rows = []
    for (code, doelgroep, jaar), g in w.groupby(KEY, sort=True):
        t, n = g["teller"].to_numpy(float), g["noemer"].to_numpy(float)
        centre = float(t.sum() / n.sum())
        mult = float(ind.loc[code, "vermenigvuldiger"])
        phi, p, over, tau2 = overdispersion(t, n, centre, rule)
        eenheid = str(ind.loc[code, "eenheid"]) if "eenheid" in ind.columns else ""
        if not 0 < centre < 1:
            method = GEEN_SPREIDING.format(centrum=nl_number(centre * mult, 1))
        elif over:
            method = RANDOM_EFFECTS.format(
                phi=nl_number(phi, 1), tau=nl_number(np.sqrt(tau2) * mult, 2), eenheid=eenheid
            )
        elif not np.isfinite(phi):
            method = TE_WEINIG.format(n=len(n))
        else:
            method = BINOMIAAL
        rows.append(
            {
                "indicator": code,
                "doelgroep": doelgroep,
                "jaar": int(jaar),
                "n_gemeenten": len(n),
                "centrum": centre,
                "centrum_waarde": centre * mult,
                "phi": phi,
                "p_overspreiding": p,
                "overspreiding": over,
                "tau2": tau2,
                "tau_waarde": np.sqrt(tau2) * mult,
                "methode": method,
            }
        )
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["jaar"] = out["jaar"].astype("Int64")
    out["n_gemeenten"] = out["n_gemeenten"].astype("Int64")
    out["overspreiding"] = out["overspreiding"].astype(bool)
    return out


def grenzen(
    centre: float, noemer: np.ndarray, coverage: float, tau2: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Control limits (proportions) at the given noemers: exact binomial ones (interpolated, as
    `statistics.funnel_limits`) without overdispersion, random-effects normal ones with it."""
    n = np.asarray(noemer, dtype=float)
    if tau2 <= 0 or not 0 < centre < 1:
        return funnel_limits(centre, n, coverage)
    valid = n > 0
    z = z_for(1 - coverage)
    with np.errstate(divide="ignore", invalid="ignore"):
        half = z * np.sqrt(centre * (1 - centre) / n + tau2)
    low = np.where(valid, np.clip(centre - half, 0, 1), np.nan)
    high = np.where(valid, np.clip(centre + half, 0, 1), np.nan)
    return low, high


def ligging(
    teller: np.ndarray, noemer: np.ndarray, centre: float, coverage: float, tau2: float = 0.0
) -> np.ndarray:
    """−1 below, +1 above, 0 within the limits of `coverage`; NaN without a noemer.

    Without overdispersion: exact binomial tails (a point is above when P(X ≥ teller) is below
    (1 − coverage)/2), so that a municipality exactly at the centre is flagged at most that often
    at any noemer. With it: the random-effects normal limits.
    """
    t, n = np.asarray(teller, dtype=float), np.asarray(noemer, dtype=float)
    valid = n > 0
    tail = (1 - coverage) / 2
    if tau2 > 0 and 0 < centre < 1:
        low, high = grenzen(centre, n, coverage, tau2)
        p = np.where(valid, t / np.where(valid, n, 1), np.nan)
        out = np.where(p > high, 1.0, np.where(p < low, -1.0, 0.0))
    elif 0 < centre < 1:
        above = binom_sf(t - 1, n, centre) < tail  # P(X ≥ t)
        below = binom_cdf(t, n, centre) < tail  # P(X ≤ t)
        out = np.where(above, 1.0, np.where(below, -1.0, 0.0))
    else:  # every teller is certain at the edge: anything else lies outside
        expected = np.where(centre >= 1, n, 0.0)
        out = np.sign(t - expected).astype(float)
    return np.where(valid, out, np.nan)
