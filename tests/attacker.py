"""An attacker of the tests' own making: with only the publication tables of a small build, every
possible value of every suppressed roma count, by enumerating the worlds that fit all published
figures. Independent of `pipeline/audit.py` (it shares no code with it), so that the tests hold the
audit and the protection to what an outsider can really learn."""

from __future__ import annotations

import itertools
from collections import defaultdict

import duckdb

from pipeline.config import load_settings

RULE = load_settings().onthulling


def small(t: int, n: int | None, low: int = RULE.teller_min) -> bool:
    """The primary rule (low=0: the totaal rule)."""
    return (low <= t <= RULE.teller_max) or (
        n is not None and (n < RULE.min_noemer or low <= n - t <= RULE.teller_max)
    )


def fits(reden: str | None, protected: bool, t: int, n: int | None) -> bool:
    """What the published reason of suppression says about a hidden cell."""
    if reden == "kleine aantallen":
        return small(t, n)
    if reden == "beschermt een ander onderdrukt cijfer" and protected:
        return not small(t, n)
    if reden == "totaal naast een onderdrukt roma-cijfer":
        return small(t, n, low=0)
    return True


def possible_values(
    con: duckdb.DuckDBPyConnection, indicator: str, jaar: int, cap: int
) -> dict[str, set[int]]:
    """gemeente_code → every teller its suppressed roma cell can have in this indicator and year,
    with every count and noemer at most `cap`."""
    cells = con.execute(
        "select gemeente_code, doelgroep, teller, noemer, onderdrukt, reden_onderdrukt, groep "
        "from publicatie_cijfers where indicator = ? and jaar = ? order by gemeente_code, doelgroep",
        [indicator, jaar],
    ).fetchall()
    rate = con.execute(
        "select vermenigvuldiger <> 1 from indicatoren where indicator = ?", [indicator]
    ).fetchone()[0]
    totals = con.execute(
        "select doelgroep, gemeenten, teller, noemer, onderdrukt, reden_onderdrukt from publicatie_groepen "
        "where indicator = ? and jaar = ?",
        [indicator, jaar],
    ).fetchall()
    known = {(g, d): (t, n) for g, d, t, n, hidden, _, _ in cells if not hidden}
    hidden = [(g, d, r) for g, d, _, _, h, r, _ in cells if h]
    options = []
    for _, d, r in hidden:
        worlds = (
            [(t, None) for t in range(cap + 1)]
            if not rate
            else [(t, n) for n in range(1, cap + 1) for t in range(n + 1)]
        )
        options.append([w for w in worlds if fits(r, d == "roma", *w)])
    out: dict[str, set[int]] = defaultdict(set)
    for combo in itertools.product(*options):
        world = dict(known)
        world.update({(g, d): v for (g, d, _), v in zip(hidden, combo, strict=True)})
        if not _coherent(world, rate):
            continue
        if not all(_total_fits(world, t) for t in totals):
            continue
        for (g, d, _), (t, _) in zip(hidden, combo, strict=True):
            if d == "roma":
                out[g].add(t)
    return out


def _coherent(world: dict, rate: bool) -> bool:
    for (g, d), (t, n) in world.items():
        if d != "roma" or (g, "totaal") not in world:
            continue
        tt, tn = world[(g, "totaal")]
        if t > tt or (rate and (n > tn or n - t > tn - tt)):
            return False
    return True


def _total_fits(world: dict, total: tuple) -> bool:
    doelgroep, gemeenten, teller, noemer, hidden, reden = total
    members = [world[(g, doelgroep)] for g in gemeenten if (g, doelgroep) in world]
    t = sum(m[0] for m in members)
    n = None if members and members[0][1] is None else sum(m[1] for m in members)
    if not hidden:
        return t == teller and (noemer is None or n == noemer)
    if reden == "kleine aantallen":
        return small(t, n)
    return True
