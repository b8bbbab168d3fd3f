"""Disclosure control (CONTRACT §4): the one home of the rule that decides what may be published.

A cell of a protected doelgroep (`roma`) is suppressed where

    noemer < min_noemer,  or  teller in [teller_min, teller_max],
    or  noemer − teller in [teller_min, teller_max]  (the complement gives it away);

thresholds in `pipeline/settings.toml` ([onthulling]). The rule is applied once, in SQL, by the
publication layer (`pipeline/sql/4_publicatie/pub_cellen.sql`, with the parameters of
`sql_params`); a `totaal` cell beside a suppressed roma cell is suppressed too where it lies
within the thresholds (roma is part of totaal). Whether the published totals over municipalities
still let anyone narrow a suppressed count is decided by the audit (`pipeline/audit.py`); where
they do, `protect` chooses what else to suppress: one more cell of the same total, the smallest
(τ-ARGUS's cost: the cell's teller, so the least information is lost), or, where that does not
help, the total itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pipeline import vocabulary as words
from pipeline.audit import AuditResult, Cell, Total
from pipeline.config import DisclosureRule, load_settings


class DisclosureError(RuntimeError):
    """The audit found a suppressed count that cannot be protected: nothing is published."""


def rule() -> DisclosureRule:
    """The thresholds from settings.toml."""
    return load_settings().onthulling


def explanation(r: DisclosureRule | None = None) -> str:
    """The Dutch sentence that explains a suppressed cell (hover text, footnote, codebook)."""
    r = r or rule()
    return words.suppression_explanation(r.min_noemer, r.teller_min, r.teller_max)


def sql_params(r: DisclosureRule) -> dict[str, object]:
    """The rule and its words as parameters of the publication models (`{{ name }}`)."""
    return {
        "beschermd": list(r.doelgroepen),
        "min_noemer": r.min_noemer,
        "teller_min": r.teller_min,
        "teller_max": r.teller_max,
        "min_waarden": r.min_mogelijke_waarden,
        "decimalen": r.decimalen_schattingen,
        "reden_klein": words.REDEN_KLEIN,
        "reden_totaal": words.REDEN_TOTAAL,
        "reden_beschermt": words.REDEN_BESCHERMT,
        "reden_afgeleid": words.REDEN_AFGELEID,
        "onderdrukt": words.ONDERDRUKT,
        "onvoldoende": words.ONVOLDOENDE,
        "proeftuinen": words.PROEFTUINEN,
        "overige": words.OVERIGE,
    }


@dataclass
class Protection:
    """What is suppressed beyond the primary and totaal rules: cells and withheld totals."""

    cells: set[tuple[str, str, str, str]] = field(default_factory=set)  # gemeente, periode, ind, dg
    totals: set[tuple[str, str, str, int]] = field(default_factory=set)  # groep, indicator, dg, jaar
    # the total each extra cell protects: withholding that total frees the cell again
    protects: dict[tuple[str, str, str, str], tuple[str, str, str, int]] = field(default_factory=dict)
    attempts: dict[tuple[str, str, str, str], int] = field(default_factory=lambda: defaultdict(int))
    rounds: int = 0


def protect(
    result: AuditResult,
    blocks: dict[tuple[str, int], tuple[list[Cell], list[Total]]],
    state: Protection,
    rule: DisclosureRule,
) -> bool:
    """Add to `state` what makes the narrowed counts of `result` safe; False when nothing is left
    to add (the build must then fail closed).

    First time a count is narrowed: hide one more published cell of its own published total, the
    one with the smallest teller above the rule's thresholds (a hidden 0 beside a small totaal
    would be read off as 0). If it is still narrowed: withhold the totals it is in (its own, and
    its totaal cell's where that is suppressed too)."""
    if result.structural:
        found = "; ".join(result.structural[:5])
        raise DisclosureError(f"afgeleide cijfers van onderdrukte cellen staan in de publicatie: {found}")
    changed = False
    for key in dict.fromkeys(r.key for r in result.narrowed):
        cells, totals = blocks[(key[2], int(key[1][:4]))]  # jaar: the (first) year of the periode
        i = next(k for k, c in enumerate(cells) if c.key == key)
        state.attempts[key] += 1
        own = [t for t in totals if i in t.members and not t.small and t.ratio is None]
        if state.attempts[key] == 1 and own:
            candidates = sorted(
                (cells[j].teller, cells[j].key)
                for j in own[0].members
                if not cells[j].hidden
                and cells[j].key not in state.cells
                # not hidden: the teller is there (None only where hidden), which the type cannot say
                and int(cells[j].teller) > rule.teller_max  # type: ignore[arg-type]
            )
            if candidates:
                state.cells.add(candidates[0][1])
                state.protects[candidates[0][1]] = own[0].name
                changed = True
                continue
        partner = _partner(cells, i)
        for t in totals:
            hits = i in t.members or (partner is not None and cells[partner].hidden and partner in t.members)
            if hits and not t.small and t.name not in state.totals:
                state.totals.add(t.name)
                changed = True
    for cell, total in list(state.protects.items()):
        if total in state.totals:
            state.cells.discard(cell)
            del state.protects[cell]
    state.rounds += 1
    return changed


def _partner(cells: list[Cell], i: int) -> int | None:
    g, p, _, _ = cells[i].key
    return next((j for j, c in enumerate(cells) if c.key[:2] == (g, p) and c.key[3] == "totaal"), None)
