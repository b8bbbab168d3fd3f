"""Municipal reorganisations (herindelingen): where each municipality of any year ends up on the
latest CBS classification, and what a delivered code means in the year it is about.

Pure functions over the CBS register (one row per municipality and year, `actief` on 1 January)
and the table of reorganisations (old code → new code, the date, and whether it was a merger,
an addition to an existing municipality, a change of name, or a split). The extract stage
stores what they return as staging tables; the SQL models join them.

- `to_latest`: per code, the code of the latest classification its area went into whole
  (`omzetbaar`), or, for a municipality that was split (also further back in its history), the
  codes its parts went into (not convertible: its figures stay under its own code).
- `per_year`: per code and year, whether the code existed then (`bestond`), is a later
  municipality delivering a back series for its later area (`terugreeks`, with the
  municipalities of that year whose area it covers), or neither (`bestond_niet`, with a reason
  that names the municipality of that time or its successor).
- `areas`: per latest code and year, the municipalities of that year whose whole area it holds
  (`verwacht`), and the split municipalities that gave it a part (`gesplitst`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Change:
    datum: date
    oud: str
    nieuw: str
    soort: str  # samenvoeging | toevoeging | naamswijziging | splitsing


class Reorganisations:
    """The register and the reorganisations, with the questions the pipeline asks of them."""

    def __init__(self, register: pd.DataFrame, changes: pd.DataFrame) -> None:
        self.active: dict[int, set[str]] = defaultdict(set)
        self.names: dict[str, str] = {}
        for code, jaar, naam, actief in register[
            ["gemeente_code", "jaar", "gemeente_naam", "actief"]
        ].itertuples(index=False):
            self.names[code] = naam
            if actief:
                self.active[int(jaar)].add(code)
        self.first, self.latest = min(self.active), max(self.active)
        columns = ["datum", "gemeente_code_oud", "gemeente_code_nieuw", "soort"]
        self.changes = [
            Change(pd.Timestamp(d).date(), o, n, s) for d, o, n, s in changes[columns].itertuples(index=False)
        ]
        self.out: dict[str, list[Change]] = defaultdict(list)
        self.into: dict[str, list[Change]] = defaultdict(list)
        for c in self.changes:
            self.out[c.oud].append(c)
            self.into[c.nieuw].append(c)

    def register_year(self, jaar: int) -> int:
        return min(max(jaar, self.first), self.latest)

    def existed(self, code: str, jaar: int) -> bool:
        return code in self.active[self.register_year(jaar)]

    @cache  # noqa: B019 — one instance per build, a few hundred codes
    def latest_of(self, code: str) -> tuple[frozenset[str], bool]:
        """(codes of the latest classification its area went into, whether whole into one)."""
        if code in self.active[self.latest] or not self.out[code]:
            return frozenset({code}), True
        moves = self.out[code]
        targets: set[str] = set()
        whole = len(moves) == 1 and moves[0].soort != "splitsing"
        for m in moves:
            t, w = self.latest_of(m.nieuw)
            targets |= t
            whole = whole and w
        return frozenset(targets), whole

    @cache  # noqa: B019
    def reach(self, code: str) -> frozenset[str]:
        """Every code the area of `code` (or part of it) went into, further on too."""
        out: set[str] = set()
        for m in self.out[code]:
            out |= {m.nieuw} | self.reach(m.nieuw)
        return frozenset(out)

    @cache  # noqa: B019
    def ancestors(self, code: str) -> frozenset[str]:
        """Every code whose area (or part of it) went into `code`, further back too."""
        out: set[str] = set()
        for m in self.into[code]:
            out |= {m.oud} | self.ancestors(m.oud)
        return frozenset(out)

    def predecessors(self, code: str, jaar: int) -> list[str]:
        """The municipalities of `jaar` whose area (or part of it) is in `code`'s later area."""
        return sorted(self.ancestors(code) & self.active[self.register_year(jaar)])

    def fate(self, code: str) -> str:
        """What became of a dissolved municipality, in words."""
        moves = self.out[code]
        if not moves:
            return ""
        when = dutch_date(moves[0].datum)
        later = ", ".join(f"{self.names[c]} ({c})" for c in sorted(self.latest_of(code)[0]))
        if moves[0].soort == "splitsing":
            parts = ", ".join(f"{self.names[m.nieuw]} ({m.nieuw})" for m in moves)
            return f"op {when} verdeeld over {parts}"
        m = moves[0]
        verb = "hernoemd tot" if m.soort == "naamswijziging" else "opgegaan in"
        text = f"op {when} {verb} {self.names[m.nieuw]} ({m.nieuw})"
        return text + (f", nu {later}" if {m.nieuw} != set(self.latest_of(code)[0]) else "")

    def history(self, code: str) -> str:
        """For a municipality's page: how it came into being, what it took in, or what became of it."""
        parts = []
        by_date: dict[date, list[Change]] = defaultdict(list)
        for m in self.into[code]:
            by_date[m.datum].append(m)
        for when, moves in sorted(by_date.items()):
            whole = [self.names[m.oud] for m in moves if m.soort != "splitsing"]
            split = [self.names[m.oud] for m in moves if m.soort == "splitsing"]
            names = ", ".join(sorted(whole)) + (
                " en een deel van " + ", ".join(sorted(split)) if split else ""
            )
            if not whole and split:
                names = "een deel van " + ", ".join(sorted(split))
            if any(m.soort == "naamswijziging" for m in moves):
                parts.append(f"ontstaan op {dutch_date(when)} als nieuwe naam van {names}")
            elif code in self.active[self.register_year(when.year - 1)] or any(
                code in self.active[y] for y in range(self.first, when.year)
            ):
                parts.append(f"op {dutch_date(when)} uitgebreid met {names}")
            else:
                parts.append(f"ontstaan op {dutch_date(when)} uit {names}")
        if self.out[code]:
            parts.append("opgeheven: " + self.fate(code))
        return "; ".join(parts)


def to_latest(r: Reorganisations) -> pd.DataFrame:
    """Per code: `laatste_code` (None when split), `omzetbaar`, `ontvangers` (latest codes)."""
    rows = []
    for code in sorted(r.names):
        targets, whole = r.latest_of(code)
        rows.append(
            {
                "gemeente_code": code,
                "laatste_code": next(iter(targets)) if whole else None,
                "omzetbaar": whole,
                "ontvangers": sorted(targets),
                "in_laatste_indeling": code in r.active[r.latest],
            }
        )
    return pd.DataFrame(rows)


def per_year(r: Reorganisations, years: range) -> pd.DataFrame:
    """Per code and year: `status` (bestond | terugreeks | bestond_niet), `voorgangers`, `uitleg`."""
    rows: list[tuple[str, int, str, list[str], str | None]] = []
    for code in sorted(r.names):
        for jaar in years:
            if r.existed(code, jaar):
                rows.append((code, jaar, "bestond", [code], None))
                continue
            before = r.predecessors(code, jaar)
            if before:
                rows.append((code, jaar, "terugreeks", before, None))
                continue
            fate = r.fate(code)
            naam = f"gemeente {r.names[code]} ({code})"
            if fate:
                later = ", ".join(sorted(r.latest_of(code)[0]))
                why = (
                    f"{naam} bestond in {jaar} niet meer: {fate}; lever cijfers over dit gebied onder {later}"
                )
            else:
                why = f"{naam} staat niet in de CBS-gemeentelijke indeling van {r.register_year(jaar)}"
            rows.append((code, jaar, "bestond_niet", [], why))
    return pd.DataFrame(rows, columns=["gemeente_code", "jaar", "status", "voorgangers", "uitleg"])


def areas(r: Reorganisations, years: range) -> pd.DataFrame:
    """Per latest code and year: `verwacht` (the municipalities of that year that went into it
    whole) and `gesplitst` (those that gave it a part)."""
    rows = []
    for jaar in years:
        verwacht: dict[str, list[str]] = defaultdict(list)
        gesplitst: dict[str, list[str]] = defaultdict(list)
        for code in sorted(r.active[r.register_year(jaar)]):
            targets, whole = r.latest_of(code)
            for t in targets:
                (verwacht if whole else gesplitst)[t].append(code)
        for latest in sorted(r.active[r.latest]):
            rows.append((latest, jaar, verwacht.get(latest, []), gesplitst.get(latest, [])))
    return pd.DataFrame(rows, columns=["gemeente_code", "jaar", "verwacht", "gesplitst"])


def nearest_population(population: pd.DataFrame, codes: list[str], years: range) -> pd.DataFrame:
    """Per code and year the average population of that year, or of the nearest year CBS has a
    figure for (the population table starts in 2012; a municipality dissolved before has none)."""
    by_code = {
        c: dict(zip(g["jaar"], g["bevolking"], strict=True)) for c, g in population.groupby("gemeente_code")
    }
    rows = []
    for code in codes:
        known = by_code.get(code)
        if not known:
            continue
        first, last = min(known), max(known)
        for jaar in years:
            nearest = jaar if jaar in known else min(known, key=lambda y: (abs(y - jaar), y))
            if jaar < first:
                nearest = first
            elif jaar > last:
                nearest = last
            rows.append((code, jaar, known[nearest]))
    return pd.DataFrame(rows, columns=["gemeente_code", "jaar", "bevolking"])
