"""The disclosure audit (pipeline/audit.py): what it says an attacker can learn about a suppressed
count is what enumerating every possible world says, on small blocks built here; and it finds the
attacks that made this audit necessary in publications that lack the protection."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import audit
from pipeline.audit import Cell, Total
from pipeline.config import DisclosureRule
from pipeline.vocabulary import OVERIGE, PROEFTUINEN, REDEN_BESCHERMT, REDEN_KLEIN, REDEN_TOTAAL

RULE = DisclosureRule(doelgroepen=("roma",), min_noemer=10, teller_min=1, teller_max=4)
CAP = 14  # every count and noemer in these blocks is at most this (and the attacker knows it)


def _small(t: int, n: int | None) -> bool:
    return 1 <= t <= 4 or (n is not None and (n < 10 or 1 <= n - t <= 4))


def _nearly_small(t: int, n: int | None) -> bool:
    return t <= 4 or (n is not None and (n < 10 or n - t <= 4))


def block(
    figures: list[tuple[str, str, int, int | None, int, int | None]],
    extra: frozenset = frozenset(),
    withheld: frozenset = frozenset(),
) -> tuple[list[Cell], list[Total]]:
    """A block as the publication layer makes it: per municipality (gemeente, groep, roma teller,
    roma noemer, totaal teller, totaal noemer) → cells under the primary and totaal rules, the
    cells in `extra` hidden too, and a total per group and doelgroep, withheld where small or in
    `withheld`."""
    cells: list[Cell] = []
    for g, groep, rt, rn, tt, tn in figures:
        roma_hidden = _small(rt, rn) or (g, "roma") in extra
        for dg, t, n in (("roma", rt, rn), ("totaal", tt, tn)):
            if dg == "roma":
                reden = REDEN_KLEIN if _small(t, n) else (REDEN_BESCHERMT if (g, dg) in extra else None)
            else:
                reden = REDEN_TOTAAL if roma_hidden and _nearly_small(t, n) else None
            hidden = reden is not None
            cells.append(
                Cell(
                    (g, "2019", "x", dg),
                    groep,
                    rn is not None,
                    hidden,
                    reden,
                    None if hidden else t,
                    None if hidden else n,
                    t,
                    n,
                    CAP,
                    dg == "roma",
                )
            )
    totals = []
    for groep, dg in itertools.product((PROEFTUINEN, OVERIGE), ("roma", "totaal")):
        members = tuple(i for i, c in enumerate(cells) if c.groep == groep and c.key[3] == dg)
        if not members:
            continue
        t = sum(cells[i].true_teller for i in members)
        n = None if cells[members[0]].true_noemer is None else sum(cells[i].true_noemer for i in members)
        small = dg == "roma" and _small(t, n)
        if (groep, dg) in withheld and not small:
            continue
        totals.append(
            Total(members, None if small else t, None if small else n, small, (groep, "x", dg, 2019))
        )
    return cells, totals


def enumerate_worlds(cells: list[Cell], totals: list[Total]) -> dict[int, tuple[set, set]]:
    """Every assignment of the hidden cells that is consistent with everything published: per
    hidden protected cell the set of its possible tellers and complements. (Depth-first; the last
    open cell of a published total is fixed by the total.)"""
    hidden = [i for i, c in enumerate(cells) if c.hidden]
    options = {}
    for i in hidden:
        c = cells[i]
        if c.true_noemer is None:
            opts = [(t, None) for t in range(CAP + 1)]
        else:
            opts = [(t, n) for n in range(1, CAP + 1) for t in range(n + 1)]
        options[i] = [o for o in opts if audit.consistent(c, o[0], o[1], RULE)]
    pairs = audit._pairs(cells)
    out = {i: (set(), set()) for i in hidden if cells[i].protected}
    world = {i: (c.teller, c.noemer) for i, c in enumerate(cells) if not c.hidden}

    def fits(i: int) -> bool:
        j = pairs.get(i)
        if j is None or j not in world:
            return True
        roma, totaal = (i, j) if cells[i].protected else (j, i)
        return audit._within(world[roma], world[totaal])

    def totals_ok(final: bool) -> bool:
        for tot in totals:
            if any(m not in world for m in tot.members):
                if not tot.small and sum(world[m][0] for m in tot.members if m in world) > tot.teller:
                    return False
                continue
            t = sum(world[m][0] for m in tot.members)
            n = None if world[tot.members[0]][1] is None else sum(world[m][1] for m in tot.members)
            if (tot.small and not _small(t, n)) or (not tot.small and (t, n) != (tot.teller, tot.noemer)):
                return False
        return True

    def forced(i: int) -> list[tuple[int, int | None]] | None:
        for tot in totals:
            if tot.small or i not in tot.members:
                continue
            if all(m in world for m in tot.members if m != i):
                t = tot.teller - sum(world[m][0] for m in tot.members if m != i)
                n = (
                    None
                    if tot.noemer is None
                    else tot.noemer - sum(world[m][1] for m in tot.members if m != i)
                )
                return [(t, n)] if (t, n) in options[i] else []
        return None

    def search(k: int) -> None:
        if k == len(hidden):
            if totals_ok(True):
                for i in out:
                    t, n = world[i]
                    out[i][0].add(t)
                    out[i][1].add(t if n is None else n - t)
            return
        i = hidden[k]
        choices = forced(i)
        for value in options[i] if choices is None else choices:
            world[i] = value
            if fits(i) and totals_ok(False):
                search(k + 1)
            del world[i]

    search(0)
    return out


def _audited(cells, totals) -> dict[tuple, float]:
    result = audit.audit_blocks({("x", 2019): (cells, totals)}, RULE)
    return {(r.key[0], r.key[3], r.what): r.values for r in result.ranges}


COUNT = st.tuples(st.integers(0, 6), st.integers(0, 4))  # roma teller, the rest of the population


@settings(max_examples=150)
@given(st.lists(COUNT, min_size=2, max_size=4), st.data())
def test_the_audit_of_counts_equals_enumerating_every_world(figures, data):
    rows = [
        (f"GM{k:04d}", PROEFTUINEN if k % 3 else OVERIGE, r, None, r + rest, None)
        for k, (r, rest) in enumerate(figures)
    ]
    extra = frozenset(data.draw(st.sets(st.sampled_from([(g, "roma") for g, *_ in rows]), max_size=1)))
    withheld = frozenset(
        data.draw(st.sets(st.sampled_from([(PROEFTUINEN, "roma"), (PROEFTUINEN, "totaal")]), max_size=1))
    )
    cells, totals = block(rows, extra, withheld)
    _assert_same(cells, totals)


RATE = st.tuples(st.integers(0, 5), st.integers(1, 8), st.integers(0, 3), st.integers(0, 3))


@settings(max_examples=40)
@given(st.lists(RATE, min_size=2, max_size=2))
def test_the_audit_of_rates_equals_enumerating_every_world(figures):
    rows = []
    for k, (rt, rn_extra, rest_t, rest_c) in enumerate(figures):
        rn = min(rt + rn_extra, CAP - 4)
        rt = min(rt, rn)
        rows.append((f"GM{k:04d}", PROEFTUINEN, rt, rn, rt + rest_t, rn + rest_t + rest_c))
    rows = [r for r in rows if r[5] <= CAP]
    cells, totals = block(rows)
    _assert_same(cells, totals)


def _assert_same(cells, totals):
    truth = enumerate_worlds(cells, totals)
    found = _audited(cells, totals)
    for i, (tellers, complements) in truth.items():
        c = cells[i]
        assert c.true_teller in tellers  # the truth is always a possible world
        want = RULE.min_mogelijke_waarden
        assert found[(c.key[0], "roma", "teller")] == min(len(tellers), want), (c, sorted(tellers))
        if c.rate:
            assert found[(c.key[0], "roma", "complement")] == min(len(complements), want), c


# ------------------------------------------------------------------ the attacks of the issue


def test_two_hidden_counts_in_a_total_of_2_are_found():
    # werkervaringstrajecten 2019: pilots 14, published 12 → Gilze en Rijen and Tilburg 1 each
    cells, totals = block(
        [
            ("GM0784", PROEFTUINEN, 1, None, 9, None),
            ("GM0855", PROEFTUINEN, 1, None, 12, None),
            ("GM0228", PROEFTUINEN, 12, None, 14, None),
        ]
    )
    found = _audited(cells, totals)
    assert found[("GM0784", "roma", "teller")] == 1 and found[("GM0855", "roma", "teller")] == 1


def test_two_hidden_counts_in_a_total_of_8_are_found():
    cells, totals = block(
        [
            ("GM0784", PROEFTUINEN, 4, None, 9, None),
            ("GM0855", PROEFTUINEN, 4, None, 12, None),
            ("GM0228", PROEFTUINEN, 12, None, 14, None),
        ]
    )
    found = _audited(cells, totals)
    assert found[("GM0784", "roma", "teller")] == 1 and found[("GM0855", "roma", "teller")] == 1


def test_a_totaal_of_zero_beside_a_hidden_roma_cell_is_found_without_the_totaal_rule():
    roma = Cell(
        ("GM0228", "2019", "x", "roma"), PROEFTUINEN, True, True, REDEN_KLEIN, None, None, 0, 8, 99, True
    )
    totaal = Cell(("GM0228", "2019", "x", "totaal"), PROEFTUINEN, True, False, None, 0, 90, 0, 90, 99, False)
    found = _audited([roma, totaal], [])
    assert found[("GM0228", "roma", "teller")] == 1


def test_the_totaal_rule_hides_such_a_totaal_and_the_count_keeps_three_values():
    cells, totals = block(
        [("GM0228", PROEFTUINEN, 0, 8, 0, 12)], withheld=frozenset({(PROEFTUINEN, "totaal")})
    )
    assert cells[1].hidden and cells[1].reden == REDEN_TOTAAL
    found = _audited(cells, [t for t in totals if t.name[2] == "roma" and t.small])
    assert found[("GM0228", "roma", "teller")] >= 3


def test_a_total_with_one_hidden_cell_gives_it_away_and_the_protected_total_does_not():
    rows = [
        ("GM0784", PROEFTUINEN, 3, None, 9, None),
        ("GM0855", PROEFTUINEN, 8, None, 12, None),
        ("GM0228", PROEFTUINEN, 10, None, 13, None),
    ]
    assert _audited(*block(rows))[("GM0784", "roma", "teller")] == 1
    protected = _audited(*block(rows, extra=frozenset({("GM0855", "roma")})))
    assert protected[("GM0784", "roma", "teller")] >= 3
    assert protected[("GM0855", "roma", "teller")] >= 3
    assert not math.isnan(protected[("GM0855", "roma", "teller")])
