"""Disclosure control (CONTRACT §4): the one place that decides what may be published for `roma`.

Every published figure — dashboard, extract, download — goes through this module. A cell of a
protected doelgroep is suppressed where

    noemer < min_noemer,  or  teller in [teller_min, teller_max],
    or  noemer − teller in [teller_min, teller_max]  (the complement gives it away);

a suppressed cell shows no value, teller or noemer, and `onderdrukt` is true. Thresholds live in
`pipeline/settings.toml` ([onthulling]). Figures derived from a suppressed cell (a difference
against the baseline, a gap to `totaal`) are suppressed with it, and a total over cells is
published only when no single suppressed cell can be recomputed from it.

Secondary suppression (`suppressed_cells`, `sql_suppressed_cells`): the `roma` families are part
of `totaal`, so a `totaal` cell bounds the `roma` cell of the same municipality, period and
indicator (teller, noemer and noemer − teller of roma are at most those of totaal). Where the
roma cell is suppressed, a totaal cell that would itself fail the rule is suppressed with it: a
totaal count of 1 beside a suppressed roma count *is* the roma count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from pipeline.config import DisclosureRule, load_settings

VALUE_COLUMNS = ("teller", "noemer", "waarde")
CELL_GROUP = ("gemeente_code", "periode", "indicator")  # one cell per doelgroep within it
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
    return _protected(doelgroep, r) & _fails(teller, noemer, r)


def _protected(doelgroep: Iterable, r: DisclosureRule) -> np.ndarray:
    return np.isin(np.asarray(pd.Series(list(doelgroep), dtype="object")), list(r.doelgroepen))


def _fails(teller: Iterable, noemer: Iterable, r: DisclosureRule) -> np.ndarray:
    """The rule's test on the numbers alone, whatever the doelgroep."""
    t = pd.to_numeric(pd.Series(list(teller)), errors="coerce").to_numpy(float)
    n = pd.to_numeric(pd.Series(list(noemer)), errors="coerce").to_numpy(float)
    small = lambda x: (x >= r.teller_min) & (x <= r.teller_max)  # noqa: E731
    with np.errstate(invalid="ignore"):
        has_noemer = ~np.isnan(n)
        hit = small(t) | (has_noemer & (n < r.min_noemer)) | (has_noemer & small(n - t))
    return np.nan_to_num(hit, nan=False).astype(bool)


def apply(frame: pd.DataFrame, r: DisclosureRule | None = None,
          also: Iterable[str] = ()) -> pd.DataFrame:  # fmt: skip
    """A copy of `frame` with suppressed cells emptied and an `onderdrukt` column.

    `frame` needs `doelgroep`, `teller` and `noemer`; `teller`, `noemer`, `waarde` and the
    columns in `also` (figures derived from the cell) are emptied where suppressed.
    """
    return _emptied(frame, suppressed(frame["doelgroep"], frame["teller"], frame["noemer"], r), also)


def _emptied(frame: pd.DataFrame, mask: np.ndarray, also: Iterable[str]) -> pd.DataFrame:
    out = frame.copy()
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
        if f"{p}_onderdrukt" in out.columns:  # decided already (over the cell's group): a hole stays one
            mask = mask | out[f"{p}_onderdrukt"].astype("boolean").fillna(False).to_numpy(bool)
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
    return f"({doelgroep} in ({_sql_groups(r)}) and {_sql_fails(r, teller, noemer)})"


def _sql_groups(r: DisclosureRule) -> str:
    return ", ".join("'" + g.replace("'", "''") + "'" for g in r.doelgroepen)


def _sql_fails(r: DisclosureRule, teller: str, noemer: str) -> str:
    small = f"between {r.teller_min} and {r.teller_max}"
    return (
        f"({teller} {small} "
        f"or ({noemer} is not null and {noemer} < {r.min_noemer}) "
        f"or ({noemer} is not null and {noemer} - {teller} {small}))"
    )


def suppressed_cells(frame: pd.DataFrame, group: Sequence[str] = CELL_GROUP,
                     r: DisclosureRule | None = None) -> np.ndarray:  # fmt: skip
    """Primary and secondary suppression over a table of cells (one row per group × doelgroep).

    A cell is suppressed when the rule hits it, when the frame already marks it `onderdrukt`, or
    when it belongs to an unprotected doelgroep (`totaal`), would fail the rule itself, and a
    protected cell of its group is suppressed. Judge whole groups: a frame that holds only the
    `totaal` rows cannot see its roma cells.
    """
    r = r or rule()
    primary = suppressed(frame["doelgroep"], frame["teller"], frame["noemer"], r)
    if "onderdrukt" in frame.columns:  # already published once: a hole stays a hole
        primary = primary | frame["onderdrukt"].astype("boolean").fillna(False).to_numpy(bool)
    protected = _protected(frame["doelgroep"], r)
    if not (primary & protected).any():
        return primary
    keys = [frame[c].to_numpy(dtype=object) for c in group]
    hidden_in_group = (pd.Series(primary & protected).groupby(keys, dropna=False)
                       .transform("any").to_numpy(bool))  # fmt: skip
    return primary | (~protected & hidden_in_group & _fails(frame["teller"], frame["noemer"], r))


def apply_cells(frame: pd.DataFrame, group: Sequence[str] = CELL_GROUP, r: DisclosureRule | None = None,
                also: Iterable[str] = ()) -> pd.DataFrame:  # fmt: skip
    """`apply` with secondary suppression (`suppressed_cells`): a copy with cells emptied and `onderdrukt`."""
    return _emptied(frame, suppressed_cells(frame, group, r), also)


def sql_suppressed_cells(source: str, group: Sequence[str] = CELL_GROUP,
                         r: DisclosureRule | None = None) -> str:  # fmt: skip
    """`suppressed_cells` set-based: a DuckDB select of every row of `source` (a table or view
    with `doelgroep`, `teller`, `noemer` and the group columns) plus a boolean `onderdrukt`."""
    r = r or rule()
    partition = ", ".join(group)
    return f"""
        select * exclude (_primair),
            _primair or coalesce(doelgroep not in ({_sql_groups(r)})
                and {_sql_fails(r, "teller", "noemer")}
                and bool_or(_primair) over (partition by {partition}), false) as onderdrukt
        from (select *, coalesce({sql_suppressed(r)}, false) as _primair from {source})
    """
