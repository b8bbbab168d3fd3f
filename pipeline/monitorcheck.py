"""A checked delivery against the monitor as it stands: what the next build would do with it.

`check` (pipeline/check.py) judges a file on its own. This module adds what only the current
database knows, read from publication and reference tables only (never a roma figure of the
working data, never a suppressed one):

- which figures in force the delivery would supersede, per earlier delivery ("vervangt 12 cijfers
  van de levering van 2024-03-01"), and which it would not, because a later delivery is in force;
- whether its `roma` rows stay within the `totaal` figures the monitor publishes for the same key,
  where the delivery itself has no `totaal` row for it (within a file, `check` compares already);
- municipalities and indicators the monitor holds no figures for yet.

The comparison is a pure function of a report and frames (`compare`); the frames come from the
queries below, run by `dashboard/data.py` (the dashboard's one reader of the database) or by the
command line on its own read-only connection (`read_state`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, TextIO

import pandas as pd

from pipeline.vocabulary import ROMA, TOTAAL, nl_number

if TYPE_CHECKING:  # the dashboard imports this module to read the state; the checker only when it checks
    import duckdb

    from pipeline.check import FileReport, RowProblem

# Which delivery each delivered figure in force comes from (no values).
IN_FORCE_SQL = (
    "select gemeente_code, periode, indicator, doelgroep, bestand, leverdatum from publicatie_herkomst"
)
# The totaal figures the monitor publishes (suppressed ones are left out: their numbers are empty).
TOTALS_SQL = """
    select gemeente_code, periode, indicator, teller, noemer from publicatie_cijfers
    where doelgroep = 'totaal' and not onderdrukt and teller is not null
"""
GEMEENTEN_SQL = "select gemeente_code, gemeente_naam from gemeenten"
INDICATOREN_SQL = "select indicator from indicatoren"
KEY = ["gemeente_code", "periode", "indicator", "doelgroep"]
HINT_TOTAAL = (
    "de doelgroep roma is een deel van totaal: controleer de rij, of lever totaal opnieuw als het cijfer "
    "in de monitor niet klopt"
)


@dataclass(frozen=True)
class MonitorState:
    """What the monitor holds, as far as a check may know it."""

    in_force: pd.DataFrame  # IN_FORCE_SQL
    totals: pd.DataFrame  # TOTALS_SQL
    gemeenten: dict[str, str]  # code → name
    indicatoren: frozenset[str]


@dataclass
class Comparison:
    """What the next build would do with one checked file, against the monitor."""

    vervangt: list[tuple[str, date | None, int]] = field(default_factory=list)  # (file, date, figures)
    ouder: list[tuple[str, date | None, int]] = field(default_factory=list)  # later delivery in force
    gelijke_datum: list[tuple[str, date | None, int]] = field(default_factory=list)
    al_geleverd: list[tuple[str, date | None, int]] = field(default_factory=list)  # this very file
    nieuw: int = 0
    problemen: list[RowProblem] = field(default_factory=list)  # roma above a published totaal
    opmerkingen: list[str] = field(default_factory=list)  # municipalities/indicators without figures

    def sentences(self) -> list[str]:
        """The comparison in Dutch, one sentence per finding."""
        out = []
        for bestand, d, n in self.vervangt:
            out.append(f"vervangt {_figures(n)} van de levering van {_date(d)} ({bestand})")
        for bestand, d, n in self.ouder:
            out.append(
                f"{_figures(n)} {'wordt' if n == 1 else 'worden'} niet gebruikt: de levering van {_date(d)} "
                f"({bestand}) is nieuwer; geef dit bestand een latere leverdatum als het een correctie is"
            )
        for bestand, d, n in self.gelijke_datum:
            out.append(
                f"{_figures(n)} {'heeft' if n == 1 else 'hebben'} dezelfde leverdatum als de levering van "
                f"{_date(d)} ({bestand}); "
                "waar de cijfers verschillen gaan beide in quarantaine — geef een correctie een "
                "latere leverdatum"
            )
        for bestand, _d, n in self.al_geleverd:
            out.append(
                f"dit bestand staat al in de monitor ({bestand}); {_figures(n)} in de monitor komen eruit"
            )
        if self.nieuw:
            out.append(f"{_figures(self.nieuw)} {'is' if self.nieuw == 1 else 'zijn'} nieuw in de monitor")
        return out + self.opmerkingen


def _figures(n: int) -> str:
    return f"{nl_number(n)} cijfer" if n == 1 else f"{nl_number(n)} cijfers"


def _date(d: date | None) -> str:
    return "onbekende datum" if d is None else pd.Timestamp(d).date().isoformat()


def read_state(con: duckdb.DuckDBPyConnection) -> MonitorState:
    """The state of a monitor database (publication and reference tables only)."""
    return state_from(
        con.execute(IN_FORCE_SQL).df(),
        con.execute(TOTALS_SQL).df(),
        con.execute(GEMEENTEN_SQL).df(),
        con.execute(INDICATOREN_SQL).df(),
    )


def state_from(
    in_force: pd.DataFrame, totals: pd.DataFrame, gemeenten: pd.DataFrame, indicatoren: pd.DataFrame
) -> MonitorState:
    return MonitorState(
        in_force,
        totals,
        dict(zip(gemeenten["gemeente_code"], gemeenten["gemeente_naam"], strict=True)),
        frozenset(indicatoren["indicator"]),
    )


def compare(report: FileReport, state: MonitorState) -> Comparison:
    """What the next build would do with the figures of a checked file, against the monitor."""
    out = Comparison()
    if report.geweigerd or not report.cijfers:
        return out
    rows = pd.DataFrame([vars(f) for f in report.cijfers])
    merged = rows.drop(columns="voorgangers").merge(state.in_force, on=KEY, how="left", indicator=True)
    present = merged.loc[merged["_merge"] == "both"]
    out.nieuw = int((merged["_merge"] == "left_only").sum())
    mine = pd.Timestamp(report.leverdatum) if report.leverdatum else None
    groups: dict[str, dict[tuple[str, object], int]] = defaultdict(lambda: defaultdict(int))
    for r in present.itertuples():
        theirs = pd.Timestamp(r.leverdatum) if not pd.isna(r.leverdatum) else None
        if mine is None or theirs is None or mine > theirs:
            kind = "vervangt"
        elif mine < theirs:
            kind = "ouder"
        elif PurePosixPath(str(r.bestand)).name == report.naam:
            kind = "al_geleverd"
        else:
            kind = "gelijke_datum"
        groups[kind][(r.bestand, theirs.date() if theirs is not None else None)] += 1
    for kind, per_file in groups.items():
        getattr(out, kind).extend(
            sorted(((b, d, n) for (b, d), n in per_file.items()), key=lambda t: str(t[1]))
        )

    out.problemen = sorted(
        _above_totals(rows.drop(columns="voorgangers"), state.totals)
        + _back_series(report, state.in_force, state.gemeenten),
        key=lambda p: p.rij,
    )
    codes = sorted(set(rows["gemeente_code"]))
    known = set(state.in_force["gemeente_code"])
    for code in codes:
        if code not in known:
            naam = state.gemeenten.get(code)
            shown = f"{naam} ({code})" if naam else code
            out.opmerkingen.append(
                f"de monitor heeft nog geen geleverde cijfers van {shown}: dit wordt de eerste levering"
            )
    for ind in sorted(set(rows["indicator"]) - state.indicatoren):
        out.opmerkingen.append(
            f"indicator {ind} staat (nog) niet in de monitor die nu gepubliceerd is; "
            "de volgende build neemt hem op als de catalogus hem kent"
        )
    return out


def _above_totals(rows: pd.DataFrame, totals: pd.DataFrame) -> list[RowProblem]:
    """`roma` rows above the published `totaal` of their key, where the file has no `totaal` row of
    its own for that key (the build would compare with the figure in force)."""
    from pipeline.check import RowProblem

    roma = rows.loc[rows["doelgroep"] == ROMA]
    own = rows.loc[rows["doelgroep"] == TOTAAL, ["gemeente_code", "periode", "indicator"]]
    if roma.empty or totals.empty:
        return []
    roma = roma.merge(own.assign(_eigen=True), on=["gemeente_code", "periode", "indicator"], how="left")
    roma = roma.loc[roma["_eigen"].isna()].drop(columns="_eigen")
    both = roma.merge(totals, on=["gemeente_code", "periode", "indicator"], suffixes=("", "_totaal"))
    out = []
    for r in both.itertuples():
        t_teller = int(r.teller_totaal)
        if r.teller > t_teller:
            out.append(
                RowProblem(
                    r.rij,
                    "teller",
                    "teller.roma_boven_totaal_monitor",
                    f"de teller van roma ({nl_number(r.teller)}) is groter dan die van totaal in de "
                    f"monitor ({nl_number(t_teller)}); roma is een deel van de hele bevolking",
                    HINT_TOTAAL,
                )
            )
        if not pd.isna(r.noemer) and not pd.isna(r.noemer_totaal):
            n, t_noemer = int(r.noemer), int(r.noemer_totaal)
            if n > t_noemer:
                out.append(
                    RowProblem(
                        r.rij,
                        "noemer",
                        "noemer.roma_boven_totaal_monitor",
                        f"de noemer van roma ({nl_number(n)}) is groter dan die van totaal in "
                        f"de monitor ({nl_number(t_noemer)})",
                        HINT_TOTAAL,
                    )
                )
            elif n - r.teller > t_noemer - t_teller:
                out.append(
                    RowProblem(
                        r.rij,
                        "noemer",
                        "noemer.roma_rest_boven_totaal_monitor",
                        "noemer min teller van roma is groter dan die van totaal in de monitor "
                        f"({nl_number(t_noemer - t_teller)})",
                        HINT_TOTAAL,
                    )
                )
    return sorted(out, key=lambda p: p.rij)


def write_comparisons(
    reports: list[FileReport], comparisons: list[Comparison], where: str, out: TextIO
) -> None:
    """The comparison with the monitor for people, after `check.write_report`."""
    from pipeline.intake import control

    print(f"\nTegen de monitor ({where}):", file=out)
    for r, c in zip(reports, comparisons, strict=True):
        if r.geweigerd:
            continue
        lines = [f"  rij {p.rij}, kolom {p.kolom}: {p.reden}" for p in c.problemen] + [
            f"  {s}" for s in c.sentences()
        ]
        print(f"{'!' if c.problemen else '·'} {control.terminal(r.naam)}", file=out)
        for line in lines or ["  niets bijzonders"]:
            print(line, file=out)
        if c.problemen:
            print(f"      → {HINT_TOTAAL}", file=out)


def _back_series(report: FileReport, in_force: pd.DataFrame, names: dict[str, str]) -> list[RowProblem]:
    """A back series (a later municipality's figure for a year before it existed) whose area the
    municipality of that time has a figure for in the monitor: the build would count the area
    twice, so it sets both aside (`int_conflicten`, CONTRACT §1)."""
    from pipeline.check import HINTS, RowProblem

    series = [f for f in report.cijfers if f.voorgangers]
    if not series or in_force.empty:
        return []
    known = in_force.set_index(KEY)["bestand"].to_dict()
    out = []
    for f in series:
        hits = [
            (v, known[(v, f.periode, f.indicator, f.doelgroep)])
            for v in f.voorgangers
            if (v, f.periode, f.indicator, f.doelgroep) in known
        ]
        if hits:
            others = ", ".join(f"{names.get(v, v)} ({v}, levering {b})" for v, b in hits)
            out.append(
                RowProblem(
                    f.rij,
                    "gemeente_code+periode+indicator+doelgroep",
                    "sleutel.conflict_herindeling",
                    f"conflict: dit cijfer voor {f.periode} is een terugreeks voor het latere gebied van "
                    f"deze gemeente, maar de monitor heeft het cijfer van de gemeente van toen al: "
                    f"{others}; lever het gebied één keer",
                    HINTS["conflict_herindeling"],
                )
            )
    return out
