"""Pure computations behind the pages: tables in, tables out, no I/O.

Only `pooled` sees unpublished cells (it sums them), and it decides with
`pipeline.disclosure.total_is_safe` whether a group total may be shown; every other function
takes published frames (from `dashboard.data`) and can only pass on what was already public.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline import disclosure
from pipeline.statistics import funnel_limits, poisson_interval, wilson

PILOTS = "proeftuinen"
OTHERS = "andere gemeenten"
FUNNEL_COVERAGES = (0.95, 0.998)
SPINE_MIN_GEMEENTEN = 3


def pooled(raw: pd.DataFrame, vermenigvuldiger: int) -> pd.DataFrame:
    """Per year the pilots together against the other municipalities together.

    Rates are pooled as Σteller / Σnoemer with a 95% Wilson interval; counts are summed with an
    exact Poisson interval. A group total is withheld (`onderdrukt`) when it would let a single
    suppressed cell be recomputed, or would itself be too small (`disclosure.total_is_safe`).
    """
    columns = [
        "jaar",
        "periode",
        "voorlopig",
        "groep",
        "n_gemeenten",
        "teller",
        "noemer",
        "waarde",
        "laag",
        "hoog",
        "onderdrukt",
    ]
    if raw.empty:
        return pd.DataFrame(columns=columns)
    is_count = vermenigvuldiger == 1
    rule = disclosure.rule()
    hidden = disclosure.suppressed(raw["doelgroep"], raw["teller"], raw["noemer"], rule)
    if "onderdrukt" in raw.columns:  # what the data module decided over whole cell groups
        hidden = hidden | raw["onderdrukt"].astype("boolean").fillna(False).to_numpy(bool)
    cells = raw.assign(
        _verborgen=hidden,
        _teller=pd.to_numeric(raw["teller"], errors="coerce").astype(float),
        _noemer=pd.to_numeric(raw["noemer"], errors="coerce").astype(float),
        _voorlopig=raw["voorlopig"].astype("boolean").fillna(False).astype(bool),
    )
    cells = cells.sort_values(["jaar", "proeftuin"], kind="stable")
    by = cells.groupby(["jaar", "proeftuin"], sort=True)
    g = by.agg(
        periode=("periode", "first"),
        doelgroep=("doelgroep", "first"),
        voorlopig=("_voorlopig", "max"),
        n_gemeenten=("gemeente_code", "nunique"),
        teller=("_teller", "sum"),
        noemer=("_noemer", "sum"),
        met_noemer=("_noemer", "count"),
        cellen=("_teller", "size"),
    ).reset_index()
    g.loc[g["met_noemer"] == 0, "noemer"] = np.nan
    flags = np.split(cells["_verborgen"].to_numpy(), np.cumsum(g["cellen"].to_numpy())[:-1])
    # Each total is judged by the disclosure rule from its sums and the cells' suppression flags.
    safe = np.array([
        disclosure.total_is_safe([t], [n], hidden, d, rule)
        for t, n, hidden, d in zip(g["teller"], g["noemer"], flags, g["doelgroep"], strict=True)
    ], dtype=bool)  # fmt: skip
    teller = g["teller"].to_numpy(float)
    if is_count:
        noemer = np.full(len(g), np.nan)
        waarde = teller
        lo, hi = poisson_interval(teller)
    else:
        noemer = g["noemer"].to_numpy(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            waarde = np.where(noemer > 0, teller / noemer * vermenigvuldiger, np.nan)
        lo, hi = (x * vermenigvuldiger for x in wilson(teller, noemer))
    out = pd.DataFrame({
        "jaar": g["jaar"].astype(int),
        "periode": g["periode"].astype(str),
        "voorlopig": g["voorlopig"].astype(bool),
        "groep": np.where(g["proeftuin"].astype(bool), PILOTS, OTHERS),
        "n_gemeenten": g["n_gemeenten"].astype(int),
        "teller": teller, "noemer": noemer, "waarde": waarde,
        "laag": np.asarray(lo, dtype=float), "hoog": np.asarray(hi, dtype=float),
        "onderdrukt": ~safe,
    })  # fmt: skip
    out.loc[~safe, ["teller", "noemer", "waarde", "laag", "hoog"]] = np.nan
    return out[columns]


def latest_group_value(groups: pd.DataFrame, groep: str) -> pd.Series | None:
    """The most recent published pooled value of a group, or None."""
    g = groups.loc[(groups["groep"] == groep) & groups["waarde"].notna()]
    return None if g.empty else g.sort_values("jaar").iloc[-1]


def gap(roma: pd.DataFrame, totaal: pd.DataFrame) -> pd.DataFrame:
    """Per municipality and year the gap roma − totaal (published series in, published gap out).

    A gap from a suppressed roma cell is suppressed with it (`onderdrukt`).
    """
    keys = ["gemeente_code", "jaar"]
    r = roma[[*keys, "gemeente_naam", "groep", "proeftuin", "periode", "waarde", "onderdrukt"]]
    t = totaal[[*keys, "waarde"]].rename(columns={"waarde": "waarde_totaal"})
    out = r.rename(columns={"waarde": "waarde_roma"}).merge(t, on=keys, how="inner")
    out["kloof"] = out["waarde_roma"] - out["waarde_totaal"]
    return out


def latest_gap(gaps: pd.DataFrame) -> pd.DataFrame:
    """Per municipality the most recent year of `gap` (suppressed or not)."""
    if gaps.empty:
        return gaps
    return gaps.sort_values("jaar").groupby("gemeente_code", as_index=False).tail(1)


def funnel(
    rows: pd.DataFrame, vermenigvuldiger: int, points: int = 120
) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """Funnel plot of one year: (points, limits, centre).

    `rows` are published figures with a noemer; suppressed cells are left out, and so is everything
    that would need them: the centre is Σteller / Σnoemer of the published cells only. The limits
    are exact binomial limits at 95% and 99.8% around the centre (`pipeline.statistics`).
    """
    pts = rows.loc[~rows["onderdrukt"] & rows["noemer"].notna() & (rows["noemer"] > 0)].copy()
    if pts.empty:
        return pts, pd.DataFrame(columns=["noemer"]), float("nan")
    p0 = float(pts["teller"].sum()) / float(pts["noemer"].sum())
    n_max = float(pts["noemer"].max())
    n_min = max(1.0, float(pts["noemer"].min()) / 2)
    grid = np.unique(np.round(np.geomspace(n_min, n_max * 1.1, points)))
    limits = pd.DataFrame({"noemer": grid})
    for cov in FUNNEL_COVERAGES:
        lo, hi = funnel_limits(p0, grid, cov)
        limits[f"laag_{cov}"] = lo * vermenigvuldiger
        limits[f"hoog_{cov}"] = hi * vermenigvuldiger
    lo95, hi95 = funnel_limits(p0, pts["noemer"].to_numpy(float), FUNNEL_COVERAGES[0])
    lo998, hi998 = funnel_limits(p0, pts["noemer"].to_numpy(float), FUNNEL_COVERAGES[1])
    p = pts["teller"].to_numpy(float) / pts["noemer"].to_numpy(float)
    pts["ligging"] = np.select(
        [(p < lo998) | (p > hi998), (p < lo95) | (p > hi95)],
        ["buiten 99,8%-grenzen", "buiten 95%-grenzen"],
        default="binnen de grenzen",
    )
    return pts, limits, p0 * vermenigvuldiger


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
