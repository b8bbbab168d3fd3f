"""The gap (kloof) between `roma` and `totaal` per municipality and indicator, and its progress
towards the EU Roma framework's target of halving it (2020–2030).

    kloof        = roma − totaal, in the indicator's unit (points per 100, per 1,000)
    achterstand  = the gap oriented so that positive means roma are worse off:
                   kloof for 'lager_beter', −kloof for 'hoger_beter'
    voortgang    = (achterstand at baseline − achterstand latest) / (doel_fractie × achterstand at baseline)
                   1 = the target reached (gap halved with doel_fractie 0.5), 0 = no change,
                   negative = the gap widened; empty where roma were not worse off at baseline.

Only rates have a gap: a count of the Roma group and a count of the whole population are not
comparable. Neutral indicators (more signals can mean better detection) have no disadvantage to
halve and are left out. Baseline and latest year follow the same rule as `vergelijking_nulmeting`
(`nulmeting.pick_periods`: the year before the start, or the nearest earlier within
`max_jaren_terug`; the latest year after it), taken over the years in which both groups have a
usable figure.

Whether the gap changed respects sampling noise: the change in the gap is (roma change) −
(totaal change), each with its Newcombe interval, combined by MOVER (Zou & Donner 2008); the
roma group and the whole population are treated as independent (the Roma group is a tiny part
of `totaal`). Status:
    gehalveerd            narrower beyond noise, and the target reached
    kleiner               narrower beyond noise
    gelijk                no change beyond noise
    groter                wider beyond noise
    geen achterstand      roma were not worse off at baseline: nothing to halve
    onvoldoende gegevens  no baseline or latest year with both groups, or a roma noemer below
                          `[status] min_noemer`

Columns of `kloof` (one row per gemeente × indicator):
    gemeente_code, indicator, richting; nulmeting_jaar, nulmeting_periode,
    nulmeting_roma_teller, nulmeting_roma_noemer, nulmeting_roma_waarde, nulmeting_totaal_waarde,
    nulmeting_kloof; the same with laatste_ for the latest year; kloof_verschil (latest − baseline
    gap), kloof_verschil_laag, kloof_verschil_hoog (95%); achterstand_nulmeting,
    achterstand_laatste, doel_achterstand (the target: (1 − doel_fractie) × achterstand at
    baseline); voortgang; gehalveerd (bool, point estimate at or below the target); status.

Disclosure. The database holds raw values for researchers. The gap is derived from roma cells,
so what is published is `publicatie_kloof` (pipeline/sql/4_publicatie), where every figure derived
from a suppressed cell is empty and the status is 'onderdrukt'.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.config import BaselineRule, GapRule, StatusRule
from pipeline.nulmeting import pick_periods, usable
from pipeline.statistics import mover_difference, newcombe, z_for
from pipeline.vocabulary import (
    GAP_STATUSES,
    GEEN_ACHTERSTAND,
    GEHALVEERD,
    GELIJK,
    GROTER,
    KLEINER,
    ONVOLDOENDE,
)

STATUSES = GAP_STATUSES
KEY = ["gemeente_code", "indicator"]
PREFIXES = ("nulmeting", "laatste")
DERIVED = [
    "nulmeting_kloof",
    "laatste_kloof",
    "kloof_verschil",
    "kloof_verschil_laag",
    "kloof_verschil_hoog",
    "achterstand_nulmeting",
    "achterstand_laatste",
    "doel_achterstand",
    "voortgang",
]
COLUMNS = [
    *KEY,
    "richting",
    *(
        f"{p}_{c}"
        for p in PREFIXES
        for c in ("jaar", "periode", "roma_teller", "roma_noemer", "roma_waarde", "totaal_waarde", "kloof")
    ),
    "kloof_verschil",
    "kloof_verschil_laag",
    "kloof_verschil_hoog",
    "achterstand_nulmeting",
    "achterstand_laatste",
    "doel_achterstand",
    "voortgang",
    "gehalveerd",
    "status",
]


def pairs(waarnemingen: pd.DataFrame, indicatoren: pd.DataFrame) -> pd.DataFrame:
    """Per municipality, rate indicator with a direction, and year: roma and totaal side by side."""
    ind = indicatoren.loc[~indicatoren["is_aantal"].astype(bool) & (indicatoren["richting"] != "neutraal")]
    w = usable(waarnemingen)
    w = w.loc[w["indicator"].isin(ind["indicator"])]
    cols = ["gemeente_code", "indicator", "jaar", "periode", "teller", "noemer", "waarde"]
    roma = w.loc[w["doelgroep"] == "roma", cols]
    totaal = w.loc[w["doelgroep"] == "totaal", cols]
    both = roma.merge(
        totaal, on=["gemeente_code", "indicator", "jaar", "periode"], suffixes=("_roma", "_totaal")
    )
    return both.assign(kloof=both["waarde_roma"] - both["waarde_totaal"])


def kloof(
    waarnemingen: pd.DataFrame,
    gemeenten: pd.DataFrame,
    indicatoren: pd.DataFrame,
    baseline: BaselineRule,
    status_rule: StatusRule,
    gap: GapRule,
) -> pd.DataFrame:
    """The `kloof` table: the gap at baseline and latest, its change with interval, and progress."""
    both = pairs(waarnemingen, indicatoren)
    # pick_periods keys on doelgroep; the gap belongs to the roma group, whose cells carry it
    keyed = both.assign(doelgroep="roma").rename(columns={"teller_roma": "teller", "noemer_roma": "noemer"})
    picked = pick_periods(keyed.assign(waarde=keyed["kloof"]), gemeenten, baseline).drop(columns="doelgroep")
    names = {"_teller": "_roma_teller", "_noemer": "_roma_noemer", "_waarde": "_kloof"}
    out = picked.rename(columns=lambda c: next((c.replace(a, b) for a, b in names.items() if a in c), c))
    year_values = both[
        [
            "gemeente_code",
            "indicator",
            "jaar",
            "waarde_roma",
            "waarde_totaal",
            "teller_totaal",
            "noemer_totaal",
        ]
    ]
    for p in PREFIXES:
        out = out.merge(
            year_values.rename(
                columns={
                    "jaar": f"{p}_jaar",
                    "waarde_roma": f"{p}_roma_waarde",
                    "waarde_totaal": f"{p}_totaal_waarde",
                    "teller_totaal": f"_{p}_tt",
                    "noemer_totaal": f"_{p}_tn",
                }
            ),
            on=["gemeente_code", "indicator", f"{p}_jaar"],
            how="left",
        )
    out = out.merge(indicatoren[["indicator", "richting", "vermenigvuldiger"]], on="indicator")
    mult = out["vermenigvuldiger"].to_numpy(float)
    z = z_for(status_rule.alpha)
    f = lambda c: out[c].to_numpy(float)  # noqa: E731
    dr, lr, ur = newcombe(
        f("nulmeting_roma_teller"),
        f("nulmeting_roma_noemer"),
        f("laatste_roma_teller"),
        f("laatste_roma_noemer"),
        z,
    )
    dt, lt, ut = newcombe(f("_nulmeting_tt"), f("_nulmeting_tn"), f("_laatste_tt"), f("_laatste_tn"), z)
    _, low, high = mover_difference(dr * mult, lr * mult, ur * mult, dt * mult, lt * mult, ut * mult)
    out["kloof_verschil"] = out["laatste_kloof"] - out["nulmeting_kloof"]
    out["kloof_verschil_laag"], out["kloof_verschil_hoog"] = low, high

    sign = np.where(out["richting"] == "hoger_beter", -1.0, 1.0)
    a0, a1 = sign * f("nulmeting_kloof"), sign * f("laatste_kloof")
    out["achterstand_nulmeting"], out["achterstand_laatste"] = a0, a1
    worse = a0 > 0
    out["doel_achterstand"] = np.where(worse, a0 * (1 - gap.doel_fractie), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["voortgang"] = np.where(worse, (a0 - a1) / (a0 * gap.doel_fractie), np.nan)
    reached = worse & (a1 <= out["doel_achterstand"].to_numpy(float))
    out["gehalveerd"] = pd.array(np.where(np.isfinite(a1) & worse, reached, None), dtype="boolean")

    # oriented interval of the change in disadvantage: below 0 is narrower
    d_low = np.where(sign > 0, low, -high)
    d_high = np.where(sign > 0, high, -low)
    too_few = np.fmin(f("nulmeting_roma_noemer"), f("laatste_roma_noemer")) < status_rule.min_noemer
    missing = ~np.isfinite(a0) | ~np.isfinite(a1)
    out["status"] = np.select(
        [missing | too_few, ~worse, d_high < 0, d_low > 0],
        [ONVOLDOENDE, GEEN_ACHTERSTAND, np.where(reached, GEHALVEERD, KLEINER), GROTER],
        default=GELIJK,
    )
    for c in (
        "nulmeting_jaar",
        "laatste_jaar",
        "nulmeting_roma_teller",
        "nulmeting_roma_noemer",
        "laatste_roma_teller",
        "laatste_roma_noemer",
    ):
        out[c] = out[c].astype("Int64")
    return out[COLUMNS].sort_values(KEY).reset_index(drop=True)
