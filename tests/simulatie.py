"""A panel with a known effect, made by the tests: staggered pilots, comparison municipalities,
and figures for `roma` (effect planted from each pilot's start year) and `totaal` (no effect)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline import effecten

YEARS = tuple(range(2010, 2025))
COHORTS = (2011,) * 4 + (2015,) * 3 + (2016,) * 2  # as the programme: phase 1, 2015, assumed 2016
N_COMPARISON = 14
INDICATOR = "bijstand"  # a rate per 100, lower is better


def gemeenten(cohorts: tuple[int, ...] = COHORTS, n_comparison: int = N_COMPARISON) -> pd.DataFrame:
    """Pilots P01… with their start years (the 2016 ones marked as assumed), comparison V01…"""
    rows = [
        {
            "gemeente_code": f"P{k:02d}",
            "gemeente_naam": f"Proeftuin {k}",
            "proeftuin": True,
            "startjaar": g,
            "startjaar_aanname": g == 2016,
            "groep": "proeftuin",
            "nulmeting_jaar": g - 1,
        }
        for k, g in enumerate(cohorts, start=1)
    ]
    rows += [
        {
            "gemeente_code": f"V{k:02d}",
            "gemeente_naam": f"Vergelijking {k}",
            "proeftuin": False,
            "startjaar": None,
            "startjaar_aanname": False,
            "groep": "genoemd" if k <= 4 else "overig",
            "nulmeting_jaar": 2010,
        }
        for k in range(1, n_comparison + 1)
    ]
    out = pd.DataFrame(rows)
    out["startjaar"] = out["startjaar"].astype("Int64")
    return out


def indicatoren() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": [INDICATOR],
            "richting": ["lager_beter"],
            "volgorde": [1],
            "is_aantal": [False],
            "vermenigvuldiger": [100],
        }
    )


def waarnemingen(seed: int, effect: float, gem: pd.DataFrame | None = None) -> pd.DataFrame:
    """Binomial figures per municipality and year: a municipal level, a trend shared by all, a
    random walk of each municipality's own, and — for `roma` in pilots from their start year on —
    `effect` points per 100 added to the probability. `totaal` gets no effect."""
    gem = gemeenten() if gem is None else gem
    rng = np.random.default_rng(seed)
    years = np.array(YEARS)
    shared = rng.normal(0, 0.01, len(years)).cumsum()
    rows = []
    for _, m in gem.iterrows():
        start = m["startjaar"] if pd.notna(m["startjaar"]) else None
        for doelgroep, base, size in (("roma", 0.45, rng.integers(60, 400)), ("totaal", 0.05, 20_000)):
            own = rng.normal(0, 0.06 if doelgroep == "roma" else 0.005)
            walk = rng.normal(0, 0.01, len(years)).cumsum()
            for k, jaar in enumerate(years):
                p = base + own + shared[k] + walk[k]
                if doelgroep == "roma" and start is not None and jaar >= start:
                    p += effect / 100
                p = float(np.clip(p, 0.01, 0.99))
                teller = int(rng.binomial(size, p))
                rows.append(
                    {
                        "gemeente_code": m["gemeente_code"],
                        "indicator": INDICATOR,
                        "doelgroep": doelgroep,
                        "jaar": int(jaar),
                        "periode": str(jaar),
                        "teller": teller,
                        "noemer": int(size),
                        "waarde": teller / size * 100,
                    }
                )
    return pd.DataFrame(rows)


def panel(
    rng: np.random.Generator,
    effect: float = 0.0,
    trend: float = 0.0,
    cohorts: tuple[int, ...] = COHORTS,
    n_comparison: int = N_COMPARISON,
    size: tuple[int, int] = (60, 400),
    spread: float = 0.0,
) -> effecten.Panel:
    """One simulated roma panel of `bijstand` (points per 100), straight as arrays: the same model as
    `waarnemingen` (a level per municipality, a shared trend, each municipality's own random walk,
    binomial noise) with `effect` points added to pilots from their start year (differing per
    pilot by `spread`), and pilots drifting `trend` points a year away from the comparison
    municipalities, before and after their start alike (a violation of parallel trends)."""
    years = np.array(YEARS)
    cohort = np.array([*cohorts, *[0] * n_comparison])
    n = len(cohort)
    sizes = rng.integers(size[0], size[1], n)[:, None]
    level = 0.45 + rng.normal(0, 0.06, (n, 1)) + rng.normal(0, 0.01, (n, len(years))).cumsum(axis=1)
    prob = level + rng.normal(0, 0.01, len(years)).cumsum()
    pilot = cohort[:, None] > 0
    prob = prob + np.where(pilot, trend / 100 * (years[None, :] - (cohort[:, None] - 1)), 0.0)
    post = pilot & (years[None, :] >= cohort[:, None])
    prob = prob + np.where(post, (effect + rng.normal(0, spread, (n, 1))) / 100, 0.0)
    y = 100 * rng.binomial(sizes, np.clip(prob, 0.01, 0.99)) / sizes
    return effecten.Panel(
        np.array([f"G{k:03d}" for k in range(n)]),
        years,
        y,
        cohort,
        np.ones(n),
        frozenset(),
        sizes[:, 0].astype(float),
    )


# Scenarios of the Proof of issue 13 (tests/test_effecten_simulatie.py, bench/simulatie_effecten.py):
# keyword arguments of `panel`, and the true effect.
SCENARIOS = {
    "geen_effect": ({}, 0.0),
    "effect": ({"effect": -6.0, "spread": 2.0}, -6.0),
    "voortrend": ({"trend": -0.75}, 0.0),
    "twee_proeftuinen": ({"effect": -6.0, "spread": 2.0, "cohorts": (2015, 2016)}, -6.0),
}


def run(scenario: str, panels: int, draws: int, seed: int = 13) -> pd.DataFrame:
    """Estimate `panels` simulated panels of a scenario, each with its own verdict (as if it were
    the only indicator: its q-value is its p-value); one row per panel, with the truth."""
    from pipeline.config import load_settings

    rule = load_settings().effecten
    kwargs, truth = SCENARIOS[scenario]
    rng = np.random.default_rng([seed, len(scenario)])
    rows = []
    for k in range(panels):
        p = panel(rng, **kwargs)
        row = effecten.estimate(p, rule, INDICATOR_DIRECTION, permutaties=draws, seed=[seed, k]).effect
        row["q_waarde"] = (
            np.nanmax([row["p_waarde"], row["p_permutatie"] or np.nan, np.nan])
            if not row["te_klein"]
            else np.nan
        )
        row["oordeel"], row["oordeel_toelichting"] = effecten.verdict(
            row, INDICATOR_DIRECTION, 1 - rule.betrouwbaarheid
        )
        rows.append(row)
    return pd.DataFrame(rows).assign(waarheid=truth)


INDICATOR_DIRECTION = "lager_beter"


def summary(frame: pd.DataFrame) -> dict[str, float]:
    """Rejection, coverage, pre-trend and verdict rates of a `run`."""
    truth = frame["waarheid"].iloc[0]
    return {
        "verwerpt_t": float(((frame["ci_laag"] > 0) | (frame["ci_hoog"] < 0)).mean()),
        "verwerpt_permutatie": float((frame["p_permutatie"] <= 0.05).mean()),
        "dekking_t": float(((frame["ci_laag"] <= truth) & (truth <= frame["ci_hoog"])).mean()),
        "dekking_permutatie": float(
            ((frame["ci_permutatie_laag"] <= truth) & (truth <= frame["ci_permutatie_hoog"])).mean()
        ),
        "voortrend_verworpen": float((frame["voortrend_ok"] == False).mean()),  # noqa: E712
        "voortrend_kracht": float(frame["voortrend_kracht"].mean()),
        "voortrend_mde": float(frame["voortrend_mde"].median()),
        "gunstig": float((frame["oordeel"] == "gunstig effect").mean()),
        "te_klein": float(frame["te_klein"].mean()),
    }
