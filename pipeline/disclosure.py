"""Disclosure control (CONTRACT §4): the one place that decides what may be published for `roma`.

Every published figure — dashboard, extract, download — goes through this module. A cell of a
protected doelgroep is suppressed where

    noemer < min_noemer,  or  teller in [teller_min, teller_max],
    or  noemer − teller in [teller_min, teller_max]  (the complement gives it away);

a suppressed cell shows no value, teller or noemer, and `onderdrukt` is true. Thresholds live in
`pipeline/settings.toml` ([onthulling]). Figures derived from a suppressed cell (a difference
against the baseline, a gap to `totaal`) are suppressed with it, and a total over cells is
published only when no single suppressed cell can be recomputed from it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from pipeline.config import DisclosureRule, load_settings

VALUE_COLUMNS = ("teller", "noemer", "waarde")
EXPLANATION = (
    "Onderdrukt: te klein om te publiceren. Bij de doelgroep roma wordt een cijfer niet getoond als "
    "de noemer kleiner is dan {min_noemer}, of als de teller of het verschil tussen noemer en teller "
    "{teller_min} tot en met {teller_max} is; zo is niets over een handvol gezinnen af te lezen."
)


def rule() -> DisclosureRule:
    """The thresholds from settings.toml."""
    return load_settings().onthulling


def explanation(r: DisclosureRule | None = None) -> str:
    """The Dutch sentence that explains a suppressed cell (hover text, footnote, codebook)."""
    r = r or rule()
    return EXPLANATION.format(min_noemer=r.min_noemer, teller_min=r.teller_min, teller_max=r.teller_max)


def suppressed(doelgroep: Iterable, teller: Iterable, noemer: Iterable,
               r: DisclosureRule | None = None) -> np.ndarray:  # fmt: skip
    """Boolean array: which cells must be suppressed. Counts (no noemer) follow the teller rule."""
    r = r or rule()
    dg = np.asarray(pd.Series(list(doelgroep), dtype="object"))
    t = pd.to_numeric(pd.Series(list(teller)), errors="coerce").to_numpy(float)
    n = pd.to_numeric(pd.Series(list(noemer)), errors="coerce").to_numpy(float)
    protected = np.isin(dg, list(r.doelgroepen))
    small = lambda x: (x >= r.teller_min) & (x <= r.teller_max)  # noqa: E731
    with np.errstate(invalid="ignore"):
        has_noemer = ~np.isnan(n)
        hit = small(t) | (has_noemer & (n < r.min_noemer)) | (has_noemer & small(n - t))
    return protected & np.nan_to_num(hit, nan=False).astype(bool)


def apply(frame: pd.DataFrame, r: DisclosureRule | None = None,
          also: Iterable[str] = ()) -> pd.DataFrame:  # fmt: skip
    """A copy of `frame` with suppressed cells emptied and an `onderdrukt` column.

    `frame` needs `doelgroep`, `teller` and `noemer`; `teller`, `noemer`, `waarde` and the
    columns in `also` (figures derived from the cell) are emptied where suppressed.
    """
    out = frame.copy()
    mask = suppressed(out["doelgroep"], out["teller"], out["noemer"], r)
    out["onderdrukt"] = mask
    for c in (*VALUE_COLUMNS, *also):
        if c in out.columns:
            out[c] = _nullable(out[c], integer=c in ("teller", "noemer"))
            out.loc[mask, c] = pd.NA
    return out


def _nullable(series: pd.Series, integer: bool) -> pd.Series:
    """Counts as nullable integers, everything else as nullable floats, so a hole stays a hole."""
    numbers = pd.to_numeric(series, errors="coerce")
    return numbers.round().astype("Int64") if integer else numbers.astype("Float64")


def apply_pair(frame: pd.DataFrame, prefixes: tuple[str, str], derived: Iterable[str],
               r: DisclosureRule | None = None) -> pd.DataFrame:  # fmt: skip
    """Suppression for rows that hold two cells (e.g. `nulmeting_*` and `laatste_*`).

    Each cell is judged on its own (`<prefix>_teller`, `<prefix>_noemer`); a figure derived from
    both (`derived`, e.g. `verschil`) is emptied when either is suppressed.
    """
    out = frame.copy()
    any_hit = np.zeros(len(out), dtype=bool)
    for p in prefixes:
        mask = suppressed(out["doelgroep"], out[f"{p}_teller"], out[f"{p}_noemer"], r)
        out[f"{p}_onderdrukt"] = mask
        for c in ("teller", "noemer", "waarde"):
            col = f"{p}_{c}"
            if col in out.columns:
                out[col] = _nullable(out[col], integer=c != "waarde")
                out.loc[mask, col] = pd.NA
        any_hit |= mask
    for c in derived:
        if c in out.columns:
            out[c] = _nullable(out[c], integer=False)
            out.loc[any_hit, c] = pd.NA
    out["onderdrukt"] = any_hit
    return out


def total_is_safe(teller: Iterable, noemer: Iterable, cell_suppressed: Iterable[bool],
                  doelgroep: str, r: DisclosureRule | None = None) -> bool:  # fmt: skip
    """May a total over these cells be published beside the cells themselves?

    Not when exactly one of the cells is suppressed (total minus the others gives it back),
    nor when the total itself would be suppressed.
    """
    r = r or rule()
    hidden = int(np.sum(np.asarray(list(cell_suppressed), dtype=bool)))
    if hidden == 1:
        return False
    t = pd.to_numeric(pd.Series(list(teller)), errors="coerce")
    n = pd.to_numeric(pd.Series(list(noemer)), errors="coerce")
    total_t = float(t.sum())
    total_n = float(n.sum()) if n.notna().any() else np.nan
    return not bool(suppressed([doelgroep], [total_t], [total_n], r)[0])


def sql_suppressed(r: DisclosureRule | None = None, doelgroep: str = "doelgroep", teller: str = "teller",
                   noemer: str = "noemer") -> str:  # fmt: skip
    """The same rule as a DuckDB boolean expression, for set-based use at scale."""
    r = r or rule()
    groups = ", ".join("'" + g.replace("'", "''") + "'" for g in r.doelgroepen)
    small = f"between {r.teller_min} and {r.teller_max}"
    return (
        f"({doelgroep} in ({groups}) and ({teller} {small} "
        f"or ({noemer} is not null and {noemer} < {r.min_noemer}) "
        f"or ({noemer} is not null and {noemer} - {teller} {small})))"
    )
