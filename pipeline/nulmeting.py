"""Outcome against the baseline (nulmeting) per municipality × indicator × doelgroep.

The baseline year comes from `BaselineRule` (pipeline/config.py, settings.toml): start year − 1
for a pilot, 2010 otherwise; where that year has no usable figure, the nearest earlier one within
`max_jaren_terug` years. The latest value is the most recent usable figure after the baseline.

Status respects the indicator's direction and the size of the numbers. A change counts only when
it lies outside sampling noise:
- rates (teller/noemer): the 95% Newcombe hybrid-score interval for the difference of two
  proportions (Newcombe 1998, method 10) must exclude 0;
- counts: the exact conditional test for two Poisson counts (c2 | c1 + c2 ~ Binomial(n, ½))
  must give p < alpha.
With fewer than `min_noemer` in a noemer, or fewer than `min_aantal` events in two counts
together, the status is *onvoldoende gegevens*. `p_waarde` holds the test's p-value for both kinds
(for rates the level at which Newcombe's interval would just include 0).

Multiplicity (the rule for statuses): a status is a test per municipality at `alpha`, read as a
municipal officer reads it — one municipality, one indicator. Read side by side over many
municipalities and indicators, about `alpha` of the unchanged ones will show a change by chance; the
dashboard says so beside every overview of statuses (`kanttekening`, pipeline/docs/statussen.md),
and the funnel plot (99,8% limits) is the view for comparing municipalities. The pilots' effect,
which is the programme's verdict, does control the false discovery rate (pipeline/effecten.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.config import BaselineRule, StatusRule
from pipeline.statistics import newcombe, newcombe_p, poisson_change_p, z_for
from pipeline.vocabulary import (
    GEDAALD,
    GELIJK,
    GESTEGEN,
    ONVOLDOENDE,
    VERBETERD,
    VERSLECHTERD,
    is_rate,
    percent,
)

KEY = ["gemeente_code", "indicator", "doelgroep"]
CAVEAT_PATH = Path(__file__).with_name("docs") / "statussen.md"
COLUMNS = [
    *KEY,
    "nulmeting_jaar",
    "nulmeting_periode",
    "nulmeting_teller",
    "nulmeting_noemer",
    "nulmeting_waarde",
    "laatste_jaar",
    "laatste_periode",
    "laatste_teller",
    "laatste_noemer",
    "laatste_waarde",
    "verschil",
    "verschil_laag",
    "verschil_hoog",
    "relatief_verschil",
    "p_waarde",
    "toets",
    "streefwaarde",
    "streefwaarde_bereikt",
    "status",
]


def usable(waarnemingen: pd.DataFrame) -> pd.DataFrame:
    """Figures that can serve as baseline or latest value: a value, and for rates a noemer > 0."""
    w = waarnemingen
    ok = w["waarde"].notna() & (w["noemer"].isna() | (w["noemer"] > 0))
    return w.loc[ok]


def pick_periods(waarnemingen: pd.DataFrame, gemeenten: pd.DataFrame, rule: BaselineRule) -> pd.DataFrame:
    """Per key the baseline figure (per the rule) and the latest figure after it."""
    cols = [*KEY, "jaar", "periode", "teller", "noemer", "waarde"]
    w = usable(waarnemingen)[cols].merge(
        gemeenten[["gemeente_code", "nulmeting_jaar"]].rename(columns={"nulmeting_jaar": "_nj"}),
        on="gemeente_code",
        how="inner",
    )
    window = (w["jaar"] <= w["_nj"]) & (w["jaar"] >= w["_nj"] - rule.max_jaren_terug)
    base = (
        w.loc[window]
        .sort_values("jaar")
        .groupby(KEY, as_index=False)
        .tail(1)
        .drop(columns="_nj")
        .rename(columns=lambda c: c if c in KEY else f"nulmeting_{c}")
    )
    latest = (
        w.sort_values("jaar")
        .groupby(KEY, as_index=False)
        .tail(1)
        .drop(columns="_nj")
        .rename(columns=lambda c: c if c in KEY else f"laatste_{c}")
    )
    keys = waarnemingen[KEY].drop_duplicates()
    out = keys.merge(base, on=KEY, how="left").merge(latest, on=KEY, how="left")
    no_outcome = (
        out["laatste_jaar"].isna()
        | out["nulmeting_jaar"].isna()
        | (out["laatste_jaar"] <= out["nulmeting_jaar"])
    )
    for c in ("laatste_jaar", "laatste_periode", "laatste_teller", "laatste_noemer", "laatste_waarde"):
        out[c] = out[c].where(~no_outcome)
    return out


def compare(
    waarnemingen: pd.DataFrame,
    gemeenten: pd.DataFrame,
    indicatoren: pd.DataFrame,
    rule: BaselineRule,
    status_rule: StatusRule,
) -> pd.DataFrame:
    """`vergelijking_nulmeting`: baseline, latest, difference, its interval, and status."""
    out = pick_periods(waarnemingen, gemeenten, rule).merge(
        indicatoren[["indicator", "richting", "streefwaarde", "vermenigvuldiger"]], on="indicator"
    )
    z = z_for(status_rule.alpha)
    rate = out["vermenigvuldiger"].map(is_rate).astype(bool)
    out["verschil"] = out["laatste_waarde"] - out["nulmeting_waarde"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["relatief_verschil"] = np.where(
            out["nulmeting_waarde"] > 0, out["verschil"] / out["nulmeting_waarde"], np.nan
        )
    t1 = out["nulmeting_teller"].to_numpy(float)
    n1 = out["nulmeting_noemer"].to_numpy(float)
    t2 = out["laatste_teller"].to_numpy(float)
    n2 = out["laatste_noemer"].to_numpy(float)
    _, low, high = newcombe(t1, n1, t2, n2, z)
    mult = out["vermenigvuldiger"].to_numpy(float)
    out["verschil_laag"] = np.where(rate, low * mult, np.nan)
    out["verschil_hoog"] = np.where(rate, high * mult, np.nan)
    p_counts = poisson_change_p(np.nan_to_num(t1), np.nan_to_num(t2))
    p_rates = newcombe_p(t1, n1, t2, n2)  # p < alpha exactly where the interval excludes 0
    out["p_waarde"] = np.where(out["verschil"].notna(), np.where(rate, p_rates, p_counts), np.nan)
    level = percent(1 - status_rule.alpha)
    out["toets"] = np.where(
        rate,
        f"Newcombe-interval verschil twee proporties ({level}%)",
        "exacte conditionele toets twee Poisson-aantallen",
    )

    missing = out["verschil"].isna()
    too_few = np.where(
        rate,
        (n1 < status_rule.min_noemer) | (n2 < status_rule.min_noemer),
        (t1 + t2) < status_rule.min_aantal,
    )
    changed = np.where(
        rate,
        (out["verschil_laag"] > 0) | (out["verschil_hoog"] < 0),
        out["p_waarde"] < status_rule.alpha,
    )
    up = out["verschil"] > 0
    richting = out["richting"]
    status = np.select(
        [
            missing | too_few,
            ~changed,
            richting.eq("neutraal") & up,
            richting.eq("neutraal") & ~up,
            richting.eq("hoger_beter") == up,
        ],
        [ONVOLDOENDE, GELIJK, GESTEGEN, GEDAALD, VERBETERD],
        default=VERSLECHTERD,
    )
    out["status"] = status
    target = pd.to_numeric(out["streefwaarde"], errors="coerce")
    out["streefwaarde"] = target
    out["streefwaarde_bereikt"] = np.where(
        target.notna() & out["laatste_waarde"].notna(),
        np.where(
            richting.eq("hoger_beter"), out["laatste_waarde"] >= target, out["laatste_waarde"] <= target
        ),
        None,
    )
    for c in (
        "nulmeting_jaar",
        "laatste_jaar",
        "nulmeting_teller",
        "nulmeting_noemer",
        "laatste_teller",
        "laatste_noemer",
    ):
        out[c] = out[c].astype("Int64")
    return out[COLUMNS].sort_values(KEY).reset_index(drop=True)


def kanttekening(rule: StatusRule, n_statussen: int | None = None) -> str:
    """The caveat beside every overview of statuses (Markdown, pipeline/docs/statussen.md): how
    many changes chance alone produces when `n_statussen` unchanged statuses are read together."""
    text = CAVEAT_PATH.read_text(encoding="utf-8")
    pct = percent(rule.alpha)
    expected = (
        ""
        if n_statussen is None
        else (
            f" Bij {n_statussen} statussen zonder echte verandering zijn dat er ongeveer "
            f"{round(rule.alpha * n_statussen)}."
        )
    )
    return text.format(pct=pct, verwacht=expected).strip()
