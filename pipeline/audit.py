"""The disclosure audit: what an attacker can still learn about each suppressed `roma` count from
everything the monitor publishes (CONTRACT §4, DOMAIN "Privacy: the hard rule").

τ-ARGUS, CBS's own tool, calls this an audit: for every suppressed cell, the range of values that
is consistent with all published figures, found by linear programming. Ours runs in every build
on the publication tables and fails the build (nothing is published) when any suppressed count
can be narrowed to fewer than `min_mogelijke_waarden` possible values.

The attacker's model, per indicator and year (a *block*):

- unknowns: teller and noemer of every suppressed cell, roma and totaal (whole numbers ≥ 0,
  teller ≤ noemer, noemer ≥ 1 for rates);
- what the reason of suppression reveals (`publicatie_cijfers.reden_onderdrukt`):
  *kleine aantallen* (the primary rule): teller 1–4, or noemer < 10, or noemer − teller 1–4
  (for counts: teller 1–4); *beschermt een ander onderdrukt cijfer*: the primary rule did NOT
  hit; *totaal naast een onderdrukt roma-cijfer*: teller 0–4, or noemer < 10, or noemer − teller
  0–4; these either/or statements are modelled exactly (binary variables), not relaxed;
- roma is part of totaal: teller, noemer and noemer − teller of roma at most those of totaal;
- every published total over municipalities (`publicatie_groepen`, with the list of municipalities
  it sums): Σ teller and Σ noemer equal the total; a total withheld because it is small itself
  says its sums are small (the primary rule on the sums);
- every published funnel centre (`publicatie_trechter`): a rate over all municipalities, hidden
  cells included, known up to its rounding — a linear band on Σ teller and Σ noemer;
- upper bounds that anyone knows: a noemer or count is at most the municipality's population
  (CBS).

How: first, cheaply, *certificates*. The true values are one solution; moving a few cases from
one suppressed cell to another that sits in exactly the same published totals keeps every total
the same, so where such moves keep both cells consistent with their reasons, the moved-to values
are solutions too. A count shown to take at least `min_mogelijke_waarden` values this way is safe,
whatever else the attacker does. Every other suppressed count gets the exact answer from a
mixed-integer linear programme (HiGHS): its least and greatest possible value, and whether a value
strictly between them is possible. Teller and complement (noemer − teller) are both audited: the
rule protects both.

Figures derived from a suppressed cell — a status, a difference, a gap — must be suppressed with
it; `structural` checks that in the publication tables (a status is no linear figure, so it is
checked, not solved). Model-based estimates (effects) are aggregates over many municipalities and
years, published rounded (`publicatie_regels`), and not part of the linear model.
"""

from __future__ import annotations

import math
import os
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
import highspy
import numpy as np
import pandas as pd

from pipeline.config import DisclosureRule
from pipeline.vocabulary import FUNNEL, ONDERDRUKT, REDEN_BESCHERMT, REDEN_KLEIN, REDEN_TOTAAL

INF = highspy.kHighsInf
KEY = ("gemeente_code", "periode", "indicator", "doelgroep")
# Without a known population, a noemer or count is taken to be at most this (the validation's
# limit on any delivered number).
FALLBACK_CAP = 20_000_000


@dataclass
class Cell:
    """One figure of a block as the attacker sees it (`teller`/`noemer` None when suppressed) and
    as it truly is (`true_*`, used only to find certificates quickly)."""

    key: tuple[str, str, str, str]
    groep: str
    rate: bool
    hidden: bool
    reden: str | None
    teller: int | None
    noemer: int | None
    true_teller: int
    true_noemer: int | None
    cap: float
    protected: bool


@dataclass
class Total:
    """A total over municipalities: published (`teller`, `noemer`) or withheld because small; or,
    with `ratio`, a published rate over them (a funnel's centre): (lowest, highest, multiplier),
    the rounding interval of mult × Σteller / Σnoemer."""

    members: tuple[int, ...]  # cell indices within the block
    teller: int | None
    noemer: int | None
    small: bool  # withheld as small itself: its sums fail the primary rule
    name: tuple[str, str, str, int]  # groep, indicator, doelgroep, jaar
    ratio: tuple[float, float, float] | None = None


@dataclass
class Range:
    """What an attacker can learn about one suppressed count."""

    key: tuple[str, str, str, str]
    what: str  # 'teller' or 'complement'
    values: float  # how many possible values (at least; inf when unbounded)
    low: float
    high: float
    method: str  # 'certificaat' or 'milp'


@dataclass
class AuditResult:
    checked: int = 0
    ranges: list[Range] = field(default_factory=list)
    structural: list[str] = field(default_factory=list)
    min_values: int = 3

    @property
    def narrowed(self) -> list[Range]:
        """The counts that can be narrowed to fewer than `min_values` possible values."""
        return [r for r in self.ranges if r.values < self.min_values]

    @property
    def clean(self) -> bool:
        return not self.narrowed and not self.structural

    @property
    def narrowest(self) -> float | None:
        return min((r.values for r in self.ranges), default=None)

    def summary(self) -> dict[str, object]:
        """The figures the manifest and `/datakwaliteit` show."""
        methods = pd.Series([r.method for r in self.ranges], dtype=object)
        narrowest = self.narrowest
        return {
            "onderdrukte_aantallen": self.checked,
            "bereiken": len(self.ranges),
            "met_certificaat": int((methods == "certificaat").sum()),
            "met_milp": int((methods == "milp").sum()),
            "smalste_bereik": None if narrowest is None or math.isinf(narrowest) else int(narrowest),
            "te_smal": len(self.narrowed),
            "structureel": len(self.structural),
            "min_mogelijke_waarden": self.min_values,
            "geslaagd": self.clean,
        }


# ---------------------------------------------------------------------------------- reading


CELLS_SQL = """
select
    c.gemeente_code, c.periode, c.jaar, c.indicator, c.doelgroep, c.groep,
    c.onderdrukt, c.reden_onderdrukt, c.teller, c.noemer,
    p.teller as true_teller, p.noemer as true_noemer,
    not i.is_aantal as rate,
    coalesce(b.bevolking, 0) as bevolking
from {out}.publicatie_cijfers as c
join pub_cellen as p using (gemeente_code, periode, indicator, doelgroep)
join {out}.indicatoren as i using (indicator)
left join (select gemeente_code, max(bevolking) as bevolking from stg_bevolking group by 1) as b
    using (gemeente_code)
where c.herkomst <> 'cbs'
"""

TOTALS_SQL = """
select groep, indicator, doelgroep, jaar, gemeenten, teller, noemer, onderdrukt, reden_onderdrukt
from {out}.publicatie_groepen
where not onderdrukt or reden_onderdrukt = $klein
"""

CENTRES_SQL = """
select t.indicator, t.doelgroep, t.jaar, t.gemeenten, t.centrum, t.decimalen, i.vermenigvuldiger
from {out}.publicatie_trechter as t join {out}.indicatoren as i using (indicator)
"""

# Per block, a digest of every row read for it (cells, totals, funnel centres): equal digests mean
# equal rows, so the block read in an earlier round of protection can be used as it is.
DIGEST_SQL = """
with cellen as (
    select indicator, jaar,
        md5(string_agg(cast(c as varchar), chr(10) order by doelgroep, gemeente_code, periode)) as d
    from ({cells}) as c group by all
),
totalen as (
    select indicator, jaar, md5(string_agg(cast(t as varchar), chr(10) order by groep, doelgroep)) as d
    from ({totals}) as t group by all
),
centra as (
    select indicator, jaar, md5(string_agg(cast(m as varchar), chr(10) order by doelgroep)) as d
    from ({centres}) as m group by all
)
select c.indicator, c.jaar, c.d || coalesce(t.d, '-') || coalesce(m.d, '-')
from cellen as c
left join totalen as t using (indicator, jaar)
left join centra as m using (indicator, jaar)
"""

Block = tuple[list[Cell], list[Total]]


def _only(sql: str, only_changed: bool) -> str:
    """The rows of the blocks in `_audit_blokken` only, when `only_changed`."""
    if not only_changed:
        return f"select * from ({sql})"
    return f"select r.* from ({sql}) as r semi join _audit_blokken using (indicator, jaar)"


def read_blocks(
    con: duckdb.DuckDBPyConnection,
    rule: DisclosureRule,
    out: str,
    earlier: dict[tuple[str, int], tuple[str, Block]] | None = None,
) -> dict[tuple[str, int], Block]:
    """Per (indicator, jaar) the cells and the totals that constrain them.

    With `earlier` (kept by the caller between rounds of protection, filled here), a block whose
    rows are the same as when it was last read is not read again: the rows are compared by digest
    (DIGEST_SQL), and only the blocks that changed are read and built. The result is the same."""
    totals_sql = TOTALS_SQL.format(out=out)
    digests: dict[tuple[str, int], str] = {}
    reuse: dict[tuple[str, int], Block] = {}
    if earlier is not None:
        sql = DIGEST_SQL.format(
            cells=CELLS_SQL.format(out=out), totals=totals_sql, centres=CENTRES_SQL.format(out=out)
        )
        for indicator, jaar, digest in con.execute(sql, {"klein": REDEN_KLEIN}).fetchall():
            key = (indicator, int(jaar))
            digests[key] = digest
            if key in earlier and earlier[key][0] == digest:
                reuse[key] = earlier[key][1]
    only_changed = bool(reuse)  # some blocks are kept: read the others only
    if only_changed:
        keys = [k for k in digests if k not in reuse]
        con.register("_audit_blokken", pd.DataFrame(keys or [("", 0)], columns=["indicator", "jaar"]))
    try:
        blocks = _read(con, rule, out, only_changed)
    finally:
        if only_changed:
            con.unregister("_audit_blokken")
    if earlier is not None:
        earlier.clear()
        blocks = {**blocks, **reuse}
        blocks = {key: blocks[key] for key in sorted(blocks)}
        earlier.update({key: (digests[key], block) for key, block in blocks.items()})
    return blocks


def _read(
    con: duckdb.DuckDBPyConnection, rule: DisclosureRule, out: str, only_changed: bool
) -> dict[tuple[str, int], Block]:
    blocks: dict[tuple[str, int], Block] = {}
    index: dict[tuple[str, int], dict[tuple[str, str], int]] = defaultdict(dict)
    protected = set(rule.doelgroepen)
    order = " order by indicator, jaar, doelgroep, gemeente_code"
    cells_sql = _only(CELLS_SQL.format(out=out), only_changed) + order
    for (
        gemeente,
        periode,
        jaar,
        indicator,
        doelgroep,
        groep,
        hidden,
        reden,
        teller,
        noemer,
        true_teller,
        true_noemer,
        rate,
        bevolking,
    ) in con.execute(cells_sql).fetchall():
        key = (indicator, int(jaar))
        block = blocks.setdefault(key, ([], []))
        cap = float(bevolking) * 1.5 if bevolking else FALLBACK_CAP
        index[key][(gemeente, doelgroep)] = len(block[0])
        block[0].append(
            Cell(
                key=(gemeente, periode, indicator, doelgroep),
                groep=groep,
                rate=bool(rate),
                hidden=bool(hidden),
                reden=reden if hidden else None,
                teller=None if hidden else int(teller),
                noemer=None if hidden or noemer is None else int(noemer),
                true_teller=int(true_teller),
                true_noemer=None if true_noemer is None else int(true_noemer),
                cap=max(cap, float(true_noemer or 0), float(true_teller)),
                protected=doelgroep in protected,
            )
        )
    totals = con.execute(_only(TOTALS_SQL.format(out=out), only_changed), {"klein": REDEN_KLEIN}).fetchall()
    for groep, indicator, doelgroep, jaar, gemeenten, teller, noemer, hidden, _ in totals:
        key = (indicator, int(jaar))
        if key not in blocks:
            continue
        members = tuple(index[key][(g, doelgroep)] for g in gemeenten if (g, doelgroep) in index[key])
        blocks[key][1].append(
            Total(
                members=members,
                teller=None if hidden else int(teller),
                noemer=None if hidden or noemer is None else int(noemer),
                small=bool(hidden),
                name=(groep, indicator, doelgroep, int(jaar)),
            )
        )
    for indicator, doelgroep, jaar, gemeenten, centrum, decimalen, mult in con.execute(
        _only(CENTRES_SQL.format(out=out), only_changed)
    ).fetchall():
        key = (indicator, int(jaar))
        if key not in blocks:
            continue
        members = tuple(index[key][(g, doelgroep)] for g in gemeenten if (g, doelgroep) in index[key])
        half = 0.5 * 10.0 ** -int(decimalen)
        blocks[key][1].append(
            Total(
                members=members,
                teller=None,
                noemer=None,
                small=False,
                name=(FUNNEL, indicator, doelgroep, int(jaar)),
                ratio=(float(centrum) - half, float(centrum) + half, float(mult)),
            )
        )
    for cells, block_totals in blocks.values():
        _tighten(cells, block_totals)
    return blocks


def _tighten(cells: list[Cell], totals: list[Total]) -> None:
    """Smaller upper bounds that anyone can read off: a roma cell is at most its published totaal
    cell, a cell at most a published total it is part of. (Tighter bounds keep the model small.)"""
    for i, j in _pairs(cells).items():
        partner = cells[j]
        if cells[i].protected and not partner.hidden:
            bound = partner.noemer if cells[i].rate else partner.teller
            if bound is not None:
                cells[i].cap = min(cells[i].cap, max(float(bound), 1.0))
    for t in totals:
        if t.small or t.ratio is not None:
            continue
        bound = t.noemer if t.noemer is not None else t.teller
        if bound is not None:
            for i in t.members:
                cells[i].cap = min(cells[i].cap, max(float(bound), 1.0))


# ---------------------------------------------------------------------------------- the rule


def consistent(cell: Cell, teller: int, noemer: int | None, rule: DisclosureRule) -> bool:
    """Could a cell with these numbers carry the reason it carries? (Bounds included.)"""
    if teller < 0 or teller > cell.cap:
        return False
    if noemer is not None and (noemer < 1 or teller > noemer or noemer > cell.cap):
        return False
    lo, hi = rule.teller_min, rule.teller_max
    small_t = lo <= teller <= hi
    small_n = noemer is not None and noemer < rule.min_noemer
    small_c = noemer is not None and lo <= noemer - teller <= hi
    if cell.reden == REDEN_KLEIN:
        return small_t or small_n or small_c
    if cell.reden == REDEN_BESCHERMT and cell.protected:
        return not (small_t or small_n or small_c)
    if cell.reden == REDEN_TOTAAL:
        return teller <= hi or (noemer is not None and (noemer < rule.min_noemer or noemer - teller <= hi))
    return True


def _pairs(cells: list[Cell]) -> dict[int, int]:
    """roma cell index → totaal cell index of the same gemeente and periode (and back)."""
    by_key: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for i, c in enumerate(cells):
        by_key[(c.key[0], c.key[1])][c.key[3]] = i
    out: dict[int, int] = {}
    for group in by_key.values():
        if "totaal" in group:
            for d, i in group.items():
                if d != "totaal":
                    out[i] = group["totaal"]
                    out[group["totaal"]] = i
    return out


def _within(roma: tuple[int, int | None], totaal: tuple[int, int | None]) -> bool:
    (rt, rn), (tt, tn) = roma, totaal
    if rt > tt:
        return False
    if rn is not None and tn is not None:
        return rn <= tn and rn - rt <= tn - tt
    return True


# ---------------------------------------------------------------------------------- certificates


def _values(cell: Cell) -> tuple[int, int | None]:
    if cell.hidden:
        return cell.true_teller, cell.true_noemer
    # a cell that is shown has its teller (None only where it is hidden): the type cannot say so
    return int(cell.teller), cell.noemer  # type: ignore[arg-type]


STEPS_TELLER = tuple((d, 0) for d in (-1, 1, -2, 2, -3, 3))
STEPS_NOEMER = tuple((0, d) for d in (-1, 1, -2, 2)) + tuple((d, d) for d in (-1, 1, -2, 2))
KLEIN, BESCHERMT, TOTAAL = 1, 2, 3  # reason codes in the arrays of `certify_fast`


def certify_fast(
    cells: list[Cell], totals: list[Total], rule: DisclosureRule, want: int
) -> dict[int, tuple[int, int]]:
    """`certify` for the common moves, on arrays: the moves of a few cases (and of the noemer) by the
    same step for every cell at once. A cell can move up by a step where some *other* suppressed
    cell of exactly the same totals can move down by it, so per step and per group of equal
    totals it is one count; where a cell's suppressed totaal cell follows it, the pair stays
    ordered by itself and the totaal cell is held to its own reason and totals. Sound like
    `certify` (every value shown is a world that fits everything published); what it cannot show,
    `certify` is asked next."""
    n_cells = len(cells)
    hidden = np.array([c.hidden for c in cells])
    if not hidden.any():
        return {}
    rate = any(c.rate for c in cells)
    protected = np.array([c.protected for c in cells])
    reason = np.array(
        [
            {REDEN_KLEIN: KLEIN, REDEN_BESCHERMT: BESCHERMT, REDEN_TOTAAL: TOTAAL}.get(c.reden or "", 0)
            for c in cells
        ]
    )
    t0 = np.array([c.true_teller for c in cells], dtype=float)
    n0 = np.array([np.nan if c.true_noemer is None else c.true_noemer for c in cells], dtype=float)
    cap = np.array([c.cap for c in cells], dtype=float)
    partner = np.full(n_cells, -1)
    for i, j in _pairs(cells).items():
        partner[i] = j
    membership: dict[int, frozenset[int]] = defaultdict(frozenset)
    for k, t in enumerate(totals):
        for i in t.members:
            membership[i] = membership[i] | {k}
    ids: dict[frozenset[int], int] = {frozenset(): 0}
    group = np.array([ids.setdefault(membership[i], len(ids)) for i in range(n_cells)])
    p_ok = partner >= 0
    p_hidden = p_ok & hidden[np.where(p_ok, partner, 0)]
    p_group = np.where(p_ok, group[np.where(p_ok, partner, 0)], -1)
    lo, hi, min_n = rule.teller_min, rule.teller_max, rule.min_noemer

    # the reason each cell answers to (at most one of the three; none: anything goes)
    by_klein, by_beschermt, by_totaal = reason == KLEIN, (reason == BESCHERMT) & protected, reason == TOTAAL
    by_none = ~(by_klein | by_beschermt | by_totaal)

    def consistent_v(t: np.ndarray, n: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            ok = (t >= 0) & (t <= cap)
            if rate:
                ok &= (n >= 1) & (t <= n) & (n <= cap)
            small_t = (lo <= t) & (t <= hi)
            small_n = rate & (n < min_n)
            small_c = rate & (lo <= n - t) & (n - t <= hi)
            small = small_t | small_n | small_c
            near = (t <= hi) | (rate & ((n < min_n) | (n - t <= hi)))
        return ok & (by_none | (by_klein & small) | (by_beschermt & ~small) | (by_totaal & near))

    def within(rt: np.ndarray, rn: np.ndarray, tt: np.ndarray, tn: np.ndarray) -> np.ndarray:
        ok = rt <= tt
        if rate:
            with np.errstate(invalid="ignore"):
                ok &= (rn <= tn) & (rn - rt <= tn - tt)
        return ok

    safe_partner = np.where(p_ok, partner, 0)

    def pair_fixed(t: np.ndarray, n: np.ndarray) -> np.ndarray:
        """Each cell with new (t, n), its partner as it is."""
        pt, pn = t0[safe_partner], n0[safe_partner]
        ok = np.where(protected, within(t, n, pt, pn), within(pt, pn, t, n))
        return ~p_ok | ok

    def indexed(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
        keys, inverse = np.unique(key, return_inverse=True)
        return key >= 0, inverse, len(keys)

    def counts_except_self(ok: np.ndarray, key: tuple[np.ndarray, np.ndarray, int]) -> np.ndarray:
        """Per cell: how many *other* hidden cells with the same key have `ok`."""
        usable, inverse, n_keys = key
        valid = hidden & ok & usable
        per_key = np.bincount(inverse, weights=valid.astype(float), minlength=n_keys)
        return per_key[inverse] - valid

    steps = STEPS_TELLER + (STEPS_NOEMER if rate else ())
    t_moves = sorted({dt for dt, _ in steps} - {0})
    c_moves = sorted({dn - dt for dt, dn in steps} - {0})
    seen_t = np.zeros((n_cells, len(t_moves)), dtype=bool)
    seen_c = np.zeros((n_cells, len(c_moves)), dtype=bool)
    in_totals = group > 0
    by_group = indexed(group)
    by_pair = indexed(np.where(p_hidden, group * (len(ids) + 1) + p_group, -1))
    for dt, dn in steps:
        up_t, up_n, down_t, down_n = t0 + dt, n0 + dn, t0 - dt, n0 - dn
        up_self, down_self = consistent_v(up_t, up_n), consistent_v(down_t, down_n)
        up = up_self & pair_fixed(up_t, up_n)
        down = down_self & pair_fixed(down_t, down_n)
        # the partner follows: the pair keeps its order; the partner answers to its reason
        up_p = np.zeros(n_cells, dtype=bool)
        down_p = np.zeros(n_cells, dtype=bool)
        up_p[p_hidden] = up_self[p_hidden] & up_self[partner[p_hidden]]
        down_p[p_hidden] = down_self[p_hidden] & down_self[partner[p_hidden]]
        free_partner = p_hidden & (p_group == 0)
        moved = (
            (up & ~in_totals)  # a cell in no total, alone
            | (up_p & free_partner & ~in_totals)
            | (up & in_totals & (counts_except_self(down, by_group) > 0))
            | (up_p & free_partner & in_totals & (counts_except_self(down, by_group) > 0))
            | (up_p & in_totals & (counts_except_self(down_p, by_pair) > 0))
        )
        if dt:
            seen_t[:, t_moves.index(dt)] |= moved
        if dn - dt:
            seen_c[:, c_moves.index(dn - dt)] |= moved
    n_t = np.minimum(1 + seen_t.sum(axis=1), want)
    n_c = np.minimum(1 + seen_c.sum(axis=1), want) if rate else n_t
    return {int(i): (int(n_t[i]), int(n_c[i])) for i in np.flatnonzero(hidden & protected)}


def certify(
    cells: list[Cell], totals: list[Total], rule: DisclosureRule, want: int, only: set[int] | None = None
) -> dict[int, tuple[int, int]]:
    """Per suppressed protected cell: how many teller values and how many complement values
    (noemer − teller; for counts the teller's again) a certificate shows, counting up to `want`.

    A certificate is the truth plus other solutions made from it: a few cases (and, for rates,
    the noemer too) moved between the cell and a suppressed cell in exactly the same published
    totals, so that every total stays the same — where their totaal cells are suppressed too,
    those move along by as much; or, for a cell in no total, the cell alone."""
    pairs = _pairs(cells)
    membership: dict[int, frozenset[int]] = defaultdict(frozenset)
    for k, t in enumerate(totals):
        for i in t.members:
            membership[i] = membership[i] | {k}
    peers: dict[frozenset[int], list[int]] = defaultdict(list)
    for i, c in enumerate(cells):
        if c.hidden:
            peers[membership[i]].append(i)

    def world_ok(changes: dict[int, tuple[int, int | None]]) -> bool:
        """Are the changed cells consistent with their reasons and with roma ⊂ totaal?"""
        for i, (t, n) in changes.items():
            if not consistent(cells[i], t, n, rule):
                return False
            j = pairs.get(i)
            if j is None:
                continue
            other = changes.get(j) or _values(cells[j])
            if not (_within((t, n), other) if cells[i].protected else _within(other, (t, n))):
                return False
        return True

    def partner_moves(i: int, j: int | None) -> list[dict[int, int]]:
        """How the totaal cells of i and j (a peer, or None) can follow a move of teller: not at
        all; i's alone (where it is in no total); or i's and j's together (same totals)."""
        out: list[dict[int, int]] = [{}]
        a = pairs.get(i)
        if a is None or not cells[a].hidden:
            return out
        if not membership[a]:
            out.append({a: 1})
        b = None if j is None else pairs.get(j)
        if b is not None and cells[b].hidden and membership[b] == membership[a]:
            out.append({a: 1, b: -1})
        return out

    small_n = rule.min_noemer - 1
    out: dict[int, tuple[int, int]] = {}
    for i, c in enumerate(cells):
        if not (c.hidden and c.protected) or (only is not None and i not in only):
            continue
        t0, n0 = c.true_teller, c.true_noemer
        seen_t, seen_c = {t0}, {None if n0 is None else n0 - t0}
        rate = n0 is not None

        def done(seen_t: set = seen_t, seen_c: set = seen_c, rate: bool = rate) -> bool:
            return len(seen_t) >= want and (not rate or len(seen_c) >= want)

        steps: list[tuple[int, int]] = [(d, 0) for d in (-1, 1, -2, 2, -3, 3)]
        if n0 is not None:  # rate
            steps += [(0, d) for d in (-1, 1, -2, 2)] + [(d, d) for d in (-1, 1, -2, 2)]
            steps += [(t - t0, small_n - n0) for t in range(0, small_n + 1)]  # the cell with a small noemer
        partners = [None] if not membership[i] else peers[membership[i]]
        for j in partners:
            if done():
                break
            if j == i:
                continue
            moves = steps
            n_j = cells[j].true_noemer if j is not None else None
            if rate and n_j is not None:  # or the peer with a small noemer
                moves = steps + [(dt, n_j - small_n) for dt in range(-3, 4)]
            for follow in partner_moves(i, j):
                for dt, dn in moves:
                    if done():
                        break
                    if not rate and dn:
                        continue
                    n = None if n0 is None else n0 + dn
                    changes: dict[int, tuple[int, int | None]] = {i: (t0 + dt, n)}
                    if j is not None:
                        tj, nj = cells[j].true_teller, cells[j].true_noemer
                        changes[j] = (tj - dt, None if nj is None else nj - dn)
                    for k, sign in follow.items():
                        tk, nk = _values(cells[k])
                        changes[k] = (tk + sign * dt, None if nk is None else nk + sign * dn)
                    if world_ok(changes):
                        seen_t.add(changes[i][0])
                        # n0 given: changes[i][1] (n0 moved by dn) is an int, which mypy cannot follow
                        seen_c.add(None if n0 is None else changes[i][1] - changes[i][0])  # type: ignore[operator]
        shown_t = min(len(seen_t), want)
        out[i] = (shown_t, min(len(seen_c), want) if rate else shown_t)
    return out


# ---------------------------------------------------------------------------------- the exact model


def _highs() -> highspy.Highs:
    """A silent HiGHS. The library prints a banner on stdout when the first one is made, before any
    option can be set; that one line is sent to /dev/null so that the CLI's output stays ours."""
    global _BANNER_DONE
    if _BANNER_DONE:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _BANNER_DONE = True
    return h


_BANNER_DONE = False


class Model:
    """The attacker's mixed-integer model of one block (HiGHS)."""

    def __init__(self, cells: list[Cell], totals: list[Total], rule: DisclosureRule) -> None:
        self.cells, self.rule = cells, rule
        h = _highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", 0.0)
        self.h = h
        self.t: dict[int, int] = {}
        self.n: dict[int, int] = {}
        lo, hi = rule.teller_min, rule.teller_max
        for i, c in enumerate(cells):
            if not c.hidden:
                continue
            self.t[i] = self._var(0, c.cap)
            if c.rate:
                self.n[i] = self._var(1, c.cap)
                self._row(0, INF, {self.n[i]: 1, self.t[i]: -1})  # teller ≤ noemer
            self._reason(i, c, lo, hi)
        for i, j in _pairs(cells).items():
            if cells[i].protected and (cells[i].hidden or cells[j].hidden):
                self._within(i, j)
        for total in totals:
            self._total(total)

    # -- building blocks
    def _var(self, lo: float, hi: float, integer: bool = True) -> int:
        self.h.addVar(lo, hi)
        k = self.h.getNumCol() - 1
        if integer:
            self.h.changeColIntegrality(k, highspy.HighsVarType.kInteger)
        return k

    def _row(self, lo: float, hi: float, coef: dict[int, float]) -> None:
        cols = np.array(list(coef), dtype=np.int32)
        vals = np.array(list(coef.values()), dtype=float)
        self.h.addRow(lo, hi, len(cols), cols, vals)

    def _expr(self, i: int, what: str) -> tuple[dict[int, float], float]:
        """teller, noemer or complement of cell i as (coefficients, constant)."""
        c = self.cells[i]
        if not c.hidden:
            # shown: the teller is there (None only where hidden), which the type cannot say
            t, n = int(c.teller), c.noemer  # type: ignore[arg-type]
            value = {"teller": t, "noemer": n, "complement": None if n is None else n - t}[what]
            return {}, float(value) if value is not None else math.nan
        if what == "teller":
            return {self.t[i]: 1.0}, 0.0
        if what == "noemer":
            return {self.n[i]: 1.0}, 0.0
        return {self.n[i]: 1.0, self.t[i]: -1.0}, 0.0

    def _reason(self, i: int, c: Cell, lo: int, hi: int) -> None:
        t, big = self.t[i], c.cap + 1
        if c.reden == REDEN_KLEIN and c.protected:
            if not c.rate:
                self.h.changeColBounds(t, lo, min(hi, c.cap))
                return
            n = self.n[i]
            za, zb, zc = (self._var(0, 1) for _ in range(3))
            self._row(1, INF, {za: 1, zb: 1, zc: 1})
            self._row(0, INF, {t: 1, za: -lo})  # za → t ≥ lo
            self._row(-INF, hi + big, {t: 1, za: big})  # za → t ≤ hi
            self._row(-INF, self.rule.min_noemer - 1 + big, {n: 1, zb: big})  # zb → n < min_noemer
            self._row(0, INF, {n: 1, t: -1, zc: -lo})  # zc → n − t ≥ lo
            self._row(-INF, hi + big, {n: 1, t: -1, zc: big})  # zc → n − t ≤ hi
        elif c.reden == REDEN_BESCHERMT and c.protected:
            # the primary rule did not hit: teller 0 or > hi; noemer ≥ min; noemer − teller 0 or > hi
            z = self._var(0, 1)
            self._row(0, INF, {t: 1, z: -(hi + 1)})
            self._row(-INF, 0, {t: 1, z: -big})
            if c.rate:
                n = self.n[i]
                self.h.changeColBounds(n, self.rule.min_noemer, c.cap)
                w = self._var(0, 1)
                self._row(0, INF, {n: 1, t: -1, w: -(hi + 1)})
                self._row(-INF, 0, {n: 1, t: -1, w: -big})
        elif c.reden == REDEN_TOTAAL:
            if not c.rate:
                self.h.changeColBounds(t, 0, min(hi, c.cap))
                return
            n = self.n[i]
            za, zb, zc = (self._var(0, 1) for _ in range(3))
            self._row(1, INF, {za: 1, zb: 1, zc: 1})
            self._row(-INF, hi + big, {t: 1, za: big})
            self._row(-INF, self.rule.min_noemer - 1 + big, {n: 1, zb: big})
            self._row(-INF, hi + big, {n: 1, t: -1, zc: big})

    def _within(self, i: int, j: int) -> None:
        """roma cell i within totaal cell j: teller, noemer and complement."""
        whats = ("teller", "noemer", "complement") if self.cells[i].rate else ("teller",)
        for what in whats:
            (ci, ki), (cj, kj) = self._expr(i, what), self._expr(j, what)
            if math.isnan(ki) or math.isnan(kj):
                continue
            coef = dict(ci)
            for k, v in cj.items():
                coef[k] = coef.get(k, 0.0) - v
            if coef:
                self._row(-INF, kj - ki, coef)

    def _ratio(self, total: Total) -> None:
        """low ≤ mult × Σteller / Σnoemer ≤ high, as two rows: mult·Σt − high·Σn ≤ 0 ≤ mult·Σt − low·Σn."""
        assert total.ratio is not None  # called for the totals with a ratio only
        low, high, mult = total.ratio
        for bound, lo, hi in ((high, -INF, 0.0), (low, 0.0, INF)):
            coef: dict[int, float] = {}
            const = 0.0
            for i in total.members:
                for what, factor in (("teller", mult), ("noemer", -bound)):
                    ci, ki = self._expr(i, what)
                    for k, v in ci.items():
                        coef[k] = coef.get(k, 0.0) + factor * v
                    const += 0.0 if math.isnan(ki) else factor * ki
            if coef:
                self._row(lo - const, hi - const, coef)

    def _total(self, total: Total) -> None:
        if total.ratio is not None:
            self._ratio(total)
            return
        whats = ("teller", "noemer") if any(self.cells[i].rate for i in total.members) else ("teller",)
        sums: dict[str, tuple[dict[int, float], float]] = {}
        for what in (*whats, "complement") if len(whats) == 2 else whats:
            coef: dict[int, float] = {}
            const = 0.0
            for i in total.members:
                ci, ki = self._expr(i, what)
                for k, v in ci.items():
                    coef[k] = coef.get(k, 0.0) + v
                const += 0.0 if math.isnan(ki) else ki
            sums[what] = (coef, const)
        if not total.small:
            for what, value in (("teller", total.teller), ("noemer", total.noemer)):
                if what in sums and value is not None and sums[what][0]:
                    coef, const = sums[what]
                    self._row(value - const, value - const, coef)
            return
        lo, hi = self.rule.teller_min, self.rule.teller_max
        coef, const = sums["teller"]
        if "noemer" not in sums:
            if coef:
                self._row(lo - const, hi - const, coef)
            return
        # small as a whole: Σteller lo–hi, or Σnoemer < min, or Σ(noemer − teller) lo–hi
        big = sum(self.cells[i].cap for i in total.members) + 1
        za, zb, zc = (self._var(0, 1) for _ in range(3))
        self._row(1, INF, {za: 1, zb: 1, zc: 1})
        for z, (c, offset), (low, high) in (
            (za, sums["teller"], (lo, hi)),
            (zb, sums["noemer"], (-INF, self.rule.min_noemer - 1)),
            (zc, sums["complement"], (lo, hi)),
        ):
            if low > -INF:
                self._row(low - offset - big, INF, {**c, z: -big} if c else {z: -big})
            self._row(-INF, high - offset + big, {**c, z: big} if c else {z: big})

    # -- questions
    def _solve(self, coef: dict[int, float], sense: highspy.ObjSense) -> float | None:
        h = self.h
        for k in range(h.getNumCol()):
            h.changeColCost(k, 0.0)
        for k, v in coef.items():
            h.changeColCost(k, v)
        h.changeObjectiveSense(sense)
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return float(h.getInfo().objective_function_value)
        if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return INF if sense == highspy.ObjSense.kMaximize else -INF
        return None

    def values_of(self, i: int, what: str, truth: int, want: int) -> tuple[float, float, float]:
        """How many values cell i's teller or complement can take (counting up to `want`), and the
        least and greatest of those found: from the truth, the nearest possible value above, then
        the next, and the same below, until `want` distinct values are shown or none is left."""
        coef, _ = self._expr(i, what)
        self._row(-INF, INF, coef)
        row = self.h.getNumRow() - 1
        found = {truth}
        for sense, step in ((highspy.ObjSense.kMinimize, 1), (highspy.ObjSense.kMaximize, -1)):
            edge = truth
            while len(found) < want:
                lo, hi = (edge + 1, INF) if step > 0 else (-INF, edge - 1)
                self.h.changeRowBounds(row, lo, hi)
                value = self._solve(coef, sense)
                if value is None:
                    break
                if math.isinf(value):  # unbounded: every value beyond is possible
                    found |= {edge + step * k for k in range(1, want)}
                    break
                edge = round(value)
                found.add(edge)
        self.h.changeRowBounds(row, -INF, INF)
        return float(min(len(found), want)), float(min(found)), float(max(found))


def components(cells: list[Cell], totals: list[Total]) -> list[tuple[list[int], list[int]]]:
    """The independent parts of a block: cells tied together by a total or by roma ⊂ totaal, with
    their totals (cell indices, total indices)."""
    parent = list(range(len(cells)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    for t in totals:
        for a, b in zip(t.members, t.members[1:], strict=False):
            union(a, b)
    for a, b in _pairs(cells).items():
        union(a, b)
    cells_of: dict[int, list[int]] = defaultdict(list)
    for i in range(len(cells)):
        cells_of[find(i)].append(i)
    totals_of: dict[int, list[int]] = defaultdict(list)
    for k, t in enumerate(totals):
        if t.members:
            totals_of[find(t.members[0])].append(k)
    return [(members, totals_of[root]) for root, members in cells_of.items()]


def _pinned(i: int, cells: list[Cell], totals: list[Total]) -> set[str]:
    """What of cell i a published total gives away outright: it is the only suppressed cell in it."""
    out: set[str] = set()
    for t in totals:
        if t.small or t.ratio is not None or i not in t.members:
            continue
        if any(cells[j].hidden for j in t.members if j != i):
            continue
        out.add("teller")
        if t.noemer is not None:
            out |= {"noemer", "complement"}
    return out


# ---------------------------------------------------------------------------------- the audit


def _fingerprint(cells: list[Cell], totals: list[Total]) -> tuple:
    """Everything about a block that the audit's answer depends on."""
    return (
        tuple(
            (c.key, c.hidden, c.reden, c.teller, c.noemer, c.true_teller, c.true_noemer, c.cap) for c in cells
        ),
        tuple((t.members, t.teller, t.noemer, t.small, t.ratio) for t in totals),
    )


def audit_blocks(
    blocks: dict[tuple[str, int], tuple[list[Cell], list[Total]]],
    rule: DisclosureRule,
    cache: dict | None = None,
) -> AuditResult:
    """Audit every suppressed protected count of every block. With `cache` (kept by the caller
    between rounds of protection), a block that did not change is not audited again."""
    want = rule.min_mogelijke_waarden
    result = AuditResult(min_values=want)
    for block, (cells, totals) in blocks.items():
        targets = [i for i, c in enumerate(cells) if c.hidden and c.protected]
        if not targets:
            continue
        result.checked += len(targets)
        if cache is not None:
            hit = cache.get(block)
            if hit is not None and hit[2] is cells:  # the very block of the last round (read_blocks kept it)
                result.ranges += hit[1]
                continue
            print_ = _fingerprint(cells, totals)
            if hit is not None and hit[0] == print_:
                result.ranges += hit[1]
                cache[block] = (print_, hit[1], cells)
                continue
            before = len(result.ranges)
        certified = certify_fast(cells, totals, rule, want)
        rest = [i for i in targets if min(certified.get(i, (0, 0))) < want]
        if rest:  # the other moves, for the cells the common ones could not show
            certified |= certify(cells, totals, rule, want, only=set(rest))
        models: dict[int, tuple[Model, dict[int, int]]] = {}
        parts: list[tuple[list[int], list[int]]] = []
        part_of: dict[int, int] = {}
        for i in targets:
            c = cells[i]
            whats = ("teller", "complement") if c.rate else ("teller",)
            shown = dict(zip(whats, certified.get(i, (0, 0)), strict=False))
            if all(shown[w] >= want for w in whats):
                for what in whats:
                    result.ranges.append(Range(c.key, what, shown[what], math.nan, math.nan, "certificaat"))
                continue
            pinned = _pinned(i, cells, totals)
            for what in whats:
                if shown[what] >= want:
                    result.ranges.append(Range(c.key, what, shown[what], math.nan, math.nan, "certificaat"))
                    continue
                truth = c.true_teller if what == "teller" else int(c.true_noemer or 0) - c.true_teller
                if what in pinned:
                    result.ranges.append(Range(c.key, what, 1, truth, truth, "totaal"))
                    continue
                if not parts:
                    parts = components(cells, totals)
                    part_of = {i: k for k, (members, _) in enumerate(parts) for i in members}
                k = part_of[i]
                if k not in models:
                    members, owned = parts[k]
                    index = {old: new for new, old in enumerate(members)}
                    sub_totals = [
                        Total(
                            tuple(index[m] for m in totals[t].members),
                            totals[t].teller,
                            totals[t].noemer,
                            totals[t].small,
                            totals[t].name,
                            totals[t].ratio,
                        )
                        for t in owned
                    ]
                    models[k] = (Model([cells[m] for m in members], sub_totals, rule), index)
                model, index = models[k]
                values, low, high = model.values_of(index[i], what, truth, want)
                result.ranges.append(Range(c.key, what, values, low, high, "milp"))
        if cache is not None:
            cache[block] = (print_, result.ranges[before:], cells)
    return result


def structural(con: duckdb.DuckDBPyConnection, out: str) -> list[str]:
    """Figures published beside or from a suppressed cell: each such row, named."""
    checks = {
        "publicatie_cijfers: waarde bij een onderdrukt cijfer": f"""
            select gemeente_code, periode, indicator, doelgroep from {out}.publicatie_cijfers
            where onderdrukt and (teller is not null or noemer is not null or waarde is not null
                                  or kloof is not null)""",
        "publicatie_cijfers: kloof naast een onderdrukt totaal": f"""
            select r.gemeente_code, r.periode, r.indicator, r.doelgroep
            from {out}.publicatie_cijfers as r join {out}.publicatie_cijfers as t
              using (gemeente_code, periode, indicator)
            where r.doelgroep <> 'totaal' and t.doelgroep = 'totaal' and t.onderdrukt
              and r.kloof is not null""",
        "publicatie_vergelijking: status of verschil van een onderdrukt cijfer": f"""
            select v.gemeente_code, coalesce(c.periode, ''), v.indicator, v.doelgroep
            from {out}.publicatie_vergelijking as v
            join {out}.publicatie_cijfers as c
              on c.gemeente_code = v.gemeente_code and c.indicator = v.indicator
             and c.doelgroep = v.doelgroep and c.periode in (v.nulmeting_periode, v.laatste_periode)
            where c.onderdrukt and (v.status <> '{ONDERDRUKT}' or v.verschil is not null
                                    or v.p_waarde is not null or v.verschil_laag is not null)""",
        "publicatie_kloof: kloof van een onderdrukt cijfer": f"""
            select k.gemeente_code, coalesce(c.periode, ''), k.indicator, c.doelgroep
            from {out}.publicatie_kloof as k
            join {out}.publicatie_cijfers as c
              on c.gemeente_code = k.gemeente_code and c.indicator = k.indicator
             and c.periode in (k.nulmeting_periode, k.laatste_periode)
            where c.onderdrukt and (k.status <> '{ONDERDRUKT}' or k.kloof_verschil is not null
                                    or k.voortgang is not null or k.laatste_kloof is not null
                                    or k.nulmeting_kloof is not null)""",
        "publicatie_groepen: cijfers van een onderdrukt totaal": f"""
            select groep, cast(jaar as varchar), indicator, doelgroep from {out}.publicatie_groepen
            where onderdrukt and (teller is not null or noemer is not null or waarde is not null)""",
        "publicatie_kaart: waarde van een onderdrukt cijfer": f"""
            select gemeente_code, laatste_periode, indicator, doelgroep from {out}.publicatie_kaart
            where onderdrukt and (waarde is not null or klasse is not null)""",
    }
    found = []
    for what, sql in checks.items():
        for row in con.execute(sql).fetchall():
            found.append(f"{what}: {' '.join(str(x) for x in row)}")
    return found


def run(con: duckdb.DuckDBPyConnection, rule: DisclosureRule, out: str) -> AuditResult:
    """The whole audit on the publication tables in catalog `out`."""
    result = audit_blocks(read_blocks(con, rule, out), rule)
    result.structural = structural(con, out)
    return result


def frame(ranges: Iterable[Range]) -> pd.DataFrame:
    """Ranges as a table (tests, notebooks)."""
    return pd.DataFrame(
        [(*r.key, r.what, r.values, r.low, r.high, r.method) for r in ranges],
        columns=[*KEY, "wat", "mogelijke_waarden", "laag", "hoog", "methode"],
    )
