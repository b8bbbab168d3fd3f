"""Pure computations behind the pages on published frames only: tables in, tables out, no I/O.

Every frame here comes from the publication tables (`dashboard.data`), so nothing can show what
the build did not publish; totals, gaps, map classes and funnel limits are the build's, not
computed here. What is left is choosing and ordering: the latest year, status counts, the spine.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.vocabulary import OVERIGE as OTHERS
from pipeline.vocabulary import PROEFTUINEN as PILOTS

__all__ = [
    "OTHERS",
    "PILOTS",
    "gap",
    "latest_gap",
    "latest_group_value",
    "sort_rows",
    "spine",
    "status_counts",
]

SPINE_MIN_GEMEENTEN = 3


def latest_group_value(groups: pd.DataFrame, groep: str) -> pd.Series | None:
    """The most recent published pooled value of a group, or None."""
    g = groups.loc[(groups["groep"] == groep) & groups["waarde"].notna()]
    return None if g.empty else g.sort_values("jaar").iloc[-1]


def gap(roma: pd.DataFrame, totaal: pd.DataFrame) -> pd.DataFrame:
    """Per municipality and year the gap roma − totaal as published (`kloof` on the roma rows of
    `publicatie_cijfers`, empty where either cell is suppressed), beside both values."""
    keys = ["gemeente_code", "jaar"]
    r = roma[[*keys, "gemeente_naam", "groep", "proeftuin", "periode", "waarde", "onderdrukt", "kloof"]]
    t = totaal[[*keys, "waarde"]].rename(columns={"waarde": "waarde_totaal"})
    return r.rename(columns={"waarde": "waarde_roma"}).merge(t, on=keys, how="inner")


def latest_gap(gaps: pd.DataFrame) -> pd.DataFrame:
    """Per municipality the most recent year of `gap` (suppressed or not)."""
    if gaps.empty:
        return gaps
    return gaps.sort_values("jaar").groupby("gemeente_code", as_index=False).tail(1)


def status_counts(vergelijking: pd.DataFrame, statuses: tuple[str, ...]) -> pd.DataFrame:
    """Per indicator how many municipalities have each status (published statuses in)."""
    counts = (
        vergelijking.groupby(["indicator", "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=list(statuses), fill_value=0)
    )
    return counts.reset_index()


def spine(latest: pd.DataFrame, catalogue: pd.DataFrame, gemeente_code: str) -> pd.DataFrame:
    """Spine chart data: per indicator the range of all municipalities' latest published values
    and where one municipality lies in it, scaled to 0..1 with 'better' to the right.

    Indicators with fewer than three published values have no range (`bereik` false).
    """
    rows = []
    for ind in catalogue.itertuples():
        vals = latest.loc[(latest["indicator"] == ind.indicator) & latest["waarde"].notna(), "waarde"]
        own = latest.loc[(latest["indicator"] == ind.indicator) & (latest["gemeente_code"] == gemeente_code)]
        own_row = own.iloc[0] if not own.empty else None
        row = {
            "indicator": ind.indicator,
            "naam": ind.naam,
            "richting": ind.richting,
            "vermenigvuldiger": int(ind.vermenigvuldiger),
            "n": len(vals),
            "bereik": len(vals) >= SPINE_MIN_GEMEENTEN,
            "waarde": np.nan if own_row is None else own_row["waarde"],
            "periode": None if own_row is None else own_row["periode"],
            "voorlopig": False if own_row is None else bool(own_row["voorlopig"]),
            "onderdrukt": False if own_row is None else bool(own_row["onderdrukt"]),
        }
        if row["bereik"]:
            q = np.quantile(vals.to_numpy(float), [0, 0.25, 0.5, 0.75, 1])
            row.update(min=q[0], q1=q[1], mediaan=q[2], q3=q[3], max=q[4])
            span = q[4] - q[0]
            flip = ind.richting == "lager_beter"

            def scale(v: float, flip: bool = flip, lo: float = q[0], span: float = span) -> float:
                s = 0.5 if span == 0 else (v - lo) / span
                return 1 - s if flip else s

            for name, v in (("s_q1", q[1]), ("s_mediaan", q[2]), ("s_q3", q[3])):
                row[name] = scale(v)
            row["s_waarde"] = np.nan if pd.isna(row["waarde"]) else scale(float(row["waarde"]))
        rows.append(row)
    return pd.DataFrame(rows)


def sort_rows(frame: pd.DataFrame, column: str, descending: bool) -> pd.DataFrame:
    """Sort a table on one column; empty and suppressed values always last."""
    if column not in frame.columns:
        return frame
    return frame.sort_values(column, ascending=not descending, na_position="last", kind="stable")
