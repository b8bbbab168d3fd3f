"""A seeded model of plausible, *synthetic* figures per municipality, indicator, doelgroep and year.

Nothing here is measured: levels and gaps follow the problems the letters describe (extreme
absenteeism, low labour participation, high benefit dependency, overcrowding, nuisance,
over-representation in crime), pilots improve after their start year more than non-pilots, the
big cities see an inflow of EU migrants with a Roma background from 2014, and the `roma` group is
small, so many cells are small enough for disclosure control to act on.
The `totaal` group is sized from real CBS population figures.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.config import (
    MUNICIPALITY_REGISTER_FILE,
    POPULATION_FILE,
    Indicator,
    Reference,
)

# Share of the population (totaal) or of the Roma group (roma) in each indicator's noemer.
NOEMER_SHARE = {
    "absoluut_verzuim": (0.13, 0.26),
    "relatief_verzuim": (0.13, 0.26),
    "voortijdig_schoolverlaten": (0.14, 0.20),
    "vve_deelname": (0.006, 0.05),
    "arbeidsparticipatie": (0.65, 0.55),
    "bijstand": (0.61, 0.50),
    "jongeren_werk_of_school": (0.13, 0.18),
    "overbewoning": (1 / 2.2, 1 / 5),
    "overlast_woonomgeving": (1.0, 1.0),
    "huurachterstand": (1 / 2.2, 1 / 5),
    "minderjarige_verdachten": (0.07, 0.11),
    "verdachten_vermogensdelicten": (1.0, 1.0),
}


@dataclass(frozen=True)
class Trajectory:
    """Level in 2010 for totaal and roma, a shared yearly trend, and the pilots' extra change.

    For rates the levels are proportions and trend/effect act on the log-odds; for counts the
    levels are events per person (of the group's noemer base) and trend/effect act on the log-rate.
    `shock` is the change in the big cities after the EU inflow of 2014 (roma only).
    """

    totaal: float
    roma: float
    trend: float
    effect: float
    shock: float = 0.0
    base: str = ""  # for counts: which NOEMER_SHARE entry sizes the exposure


TRAJECTORIES = {
    "absoluut_verzuim": Trajectory(0.0015, 0.11, -0.02, -0.30, 0.35),
    "relatief_verzuim": Trajectory(0.025, 0.30, -0.02, -0.14, 0.25),
    "voortijdig_schoolverlaten": Trajectory(0.025, 0.30, -0.04, -0.10),
    "vve_deelname": Trajectory(0.80, 0.30, 0.03, 0.18),
    "uitschrijving_onbekend": Trajectory(0.0015, 0.05, -0.03, -0.15, 0.3, "absoluut_verzuim"),
    "arbeidsparticipatie": Trajectory(0.66, 0.15, 0.01, 0.12),
    "bijstand": Trajectory(0.05, 0.55, -0.01, -0.10),
    "jongeren_werk_of_school": Trajectory(0.90, 0.50, 0.02, 0.14),
    "werkervaringstrajecten": Trajectory(0.003, 0.008, 0.02, 0.30, 0.0, "arbeidsparticipatie"),
    "overbewoning": Trajectory(0.02, 0.30, -0.01, -0.09, 0.35),
    "overlast_woonomgeving": Trajectory(0.02, 0.10, -0.01, -0.12, 0.45),
    "huurachterstand": Trajectory(0.03, 0.22, -0.01, -0.09),
    "minderjarige_verdachten": Trajectory(0.015, 0.12, -0.03, -0.12, 0.3),
    "verdachten_vermogensdelicten": Trajectory(0.003, 0.035, -0.03, -0.10, 0.4),
    "signalen_uitbuiting": Trajectory(0.00004, 0.01, 0.06, 0.15, 0.3, "overlast_woonomgeving"),
    "meldingen_huwelijksdwang": Trajectory(0.00001, 0.004, 0.03, 0.12, 0.0, "overlast_woonomgeving"),
}

EFFECT_YEARS = 6  # the pilots' extra change accumulates over at most this many years
EU_INFLOW_YEAR = 2014

# Size of the Roma target group (persons) in the municipalities the letters name. Synthetic.
NAMED_ROMA_GROUP = {
    "GM0228": 560,  # Ede
    "GM0356": 340,  # Nieuwegein
    "GM0861": 300,  # Veldhoven
    "GM0995": 420,  # Lelystad
    "GM0502": 260,  # Capelle aan den IJssel
    "GM0153": 380,  # Enschede
    "GM0784": 170,  # Gilze en Rijen
    "GM0855": 450,  # Tilburg
    "GM0796": 320,  # 's-Hertogenbosch
    "GM1652": 280,  # Gemert-Bakel
    "GM0363": 1100,  # Amsterdam
    "GM0599": 950,  # Rotterdam
    "GM0518": 850,  # 's-Gravenhage
}
EU_INFLOW_CITIES = ("GM0363", "GM0599", "GM0518")

# About ten further non-pilots for the pilot-scale sample: large and middle-sized municipalities
# spread over the country. Their Roma figures are synthetic like all others.
EXTRA_COMPARISON = (
    "GM0014",
    "GM0034",
    "GM0193",
    "GM0202",
    "GM0344",
    "GM0758",
    "GM0772",
    "GM0828",
    "GM0935",
    "GM0983",
)


@dataclass(frozen=True)
class Municipality:
    code: str
    naam: str
    bevolking: dict[int, int]
    startjaar: int | None
    roma_omvang: int  # persons in the Roma target group in 2010; 0 = no group
    eu_instroom: bool

    def population(self, jaar: int) -> int:
        """CBS population; before the first CBS year the first known figure, after it the last."""
        years = sorted(self.bevolking)
        if jaar in self.bevolking:
            return self.bevolking[jaar]
        return self.bevolking[years[0]] if jaar < years[0] else self.bevolking[years[-1]]

    def roma_group(self, jaar: int) -> int:
        """Persons in the Roma target group: slow growth, some movement year to year, and in the
        big cities the inflow of EU migrants from 2014."""
        size = self.roma_omvang * 1.015 ** (jaar - 2010)
        size *= 1 + np.random.default_rng([int(self.code[2:]), jaar]).normal(0, 0.03)
        if self.eu_instroom and jaar >= EU_INFLOW_YEAR:
            size *= 1 + 0.25 * min(jaar - EU_INFLOW_YEAR + 1, 5)
        return max(round(size), 0)


@dataclass(frozen=True)
class Figure:
    gemeente_code: str
    indicator: str
    doelgroep: str
    jaar: int
    teller: int
    noemer: int | None


def read_population(reference_dir: Path) -> dict[str, dict[int, int]]:
    out: dict[str, dict[int, int]] = {}
    with open(reference_dir / POPULATION_FILE, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["gemeentecode"], {})[int(row["jaar"])] = int(row["gemiddelde_bevolking"])
    return out


def current_municipalities(reference_dir: Path) -> dict[str, str]:
    """Code → name of the municipalities active in the latest year of the CBS register."""
    with open(reference_dir / MUNICIPALITY_REGISTER_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    latest = max(int(r["jaar"]) for r in rows)
    return {
        r["gemeentecode"]: r["gemeentenaam"]
        for r in rows
        if int(r["jaar"]) == latest and r["actief_op_1_jan"] == "1"
    }


def municipalities(
    reference_dir: Path,
    ref: Reference,
    codes: list[str],
    rng: np.random.Generator,
    roma_share: float,
) -> list[Municipality]:
    """The municipalities of a sample, with population, pilot start and a synthetic Roma group."""
    population = read_population(reference_dir)
    names = current_municipalities(reference_dir)
    pilots = ref.pilot_municipalities
    out = []
    for code in sorted(codes):
        pop = population.get(code)
        if not pop:
            continue
        if code in NAMED_ROMA_GROUP:
            group = NAMED_ROMA_GROUP[code]
        elif rng.random() < roma_share:
            group = int(rng.integers(40, 260))
        else:
            group = 0
        start = pilots[code].startjaar if code in pilots else None
        out.append(Municipality(code, names[code], pop, start, group, code in EU_INFLOW_CITIES))
    return out


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def trajectory_values(
    m: Municipality, ind: Indicator, doelgroep: str, years: list[int], rng: np.random.Generator
) -> list[Figure]:
    """Draw one figure per year for a municipality, indicator and group of people.

    `doelgroep` is `roma` (the target group) or `rest` (everyone else in the municipality): the
    `totaal` figure is their sum (`with_totaal`), so the target group is always part of it.
    """
    t = TRAJECTORIES[ind.code]
    roma = doelgroep == "roma"
    level = t.roma if roma else t.totaal
    # municipality-specific deviation, larger for the small, heterogeneous Roma groups
    intercept = rng.normal(0, 0.35 if roma else 0.15)
    wobble = rng.normal(0, 0.06, size=len(years)).cumsum() * 0.5
    share_idx = 1 if roma else 0
    out = []
    for k, jaar in enumerate(years):
        x = (jaar - 2010) * t.trend + intercept + wobble[k]
        if m.startjaar is not None and jaar >= m.startjaar:
            # pilots: a clear change for the target group, a faint one for everyone
            x += t.effect * min(jaar - m.startjaar + 1, EFFECT_YEARS) * (1.0 if roma else 0.15)
        if roma and m.eu_instroom and jaar >= EU_INFLOW_YEAR:
            x += t.shock
        size = m.roma_group(jaar) if roma else max(m.population(jaar) - m.roma_group(jaar), 0)
        if ind.is_rate:
            noemer = max(round(size * NOEMER_SHARE[ind.code][share_idx]), 1)
            p = 1 / (1 + np.exp(-(_logit(level) + x)))
            teller = int(rng.binomial(noemer, p))
            out.append(Figure(m.code, ind.code, doelgroep, jaar, teller, noemer))
        else:
            exposure = size * NOEMER_SHARE[t.base][share_idx]
            lam = level * exposure * float(np.exp(x))
            out.append(Figure(m.code, ind.code, doelgroep, jaar, int(rng.poisson(lam)), None))
    return out


def with_totaal(roma: list[Figure], rest: list[Figure]) -> list[Figure]:
    """The roma figures and the `totaal` figures, each the sum of roma and everyone else, so that
    roma ≤ totaal holds for teller, noemer and noemer − teller alike."""
    by_key = {(f.indicator, f.jaar): f for f in roma}
    out = list(roma)
    for f in rest:
        r = by_key.get((f.indicator, f.jaar))
        teller = f.teller + (r.teller if r else 0)
        noemer = None if f.noemer is None else f.noemer + ((r.noemer or 0) if r else 0)
        out.append(Figure(f.gemeente_code, f.indicator, "totaal", f.jaar, teller, noemer))
    return out


def documented_facts(figures: list[Figure], rng: np.random.Generator) -> list[Figure]:
    """Make the facts of the letters hold (Kamerstuk 32 824, nr. 193).

    Ede: absolute absenteeism of Roma children above 0 before school year 2016-2017 and exactly 0
    from then on. Lelystad: 4 young Roma in a work-experience track in 2016.
    """
    out = []
    for f in figures:
        if f.gemeente_code == "GM0228" and f.indicator == "absoluut_verzuim" and f.doelgroep == "roma":
            teller = 0 if f.jaar >= 2016 else max(f.teller, int(rng.integers(3, 9)))
            f = Figure(f.gemeente_code, f.indicator, f.doelgroep, f.jaar, teller, f.noemer)
        if (f.gemeente_code, f.indicator, f.doelgroep, f.jaar) == (
            "GM0995",
            "werkervaringstrajecten",
            "roma",
            2016,
        ):
            f = Figure(f.gemeente_code, f.indicator, f.doelgroep, f.jaar, 4, None)
        out.append(f)
    return out


def is_documented_fact(gemeente_code: str, indicator: str, doelgroep: str) -> bool:
    """Keys that corrections must leave alone, so that the facts of the letters keep holding."""
    return (gemeente_code, indicator, doelgroep) in {
        ("GM0228", "absoluut_verzuim", "roma"),
        ("GM0995", "werkervaringstrajecten", "roma"),
    }
