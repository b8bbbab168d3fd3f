"""Configuration as data, read in one place: settings, indicator catalogue, pilot register.

`settings.toml` (beside this module) holds thresholds and rules a person may want to change;
the catalogue and the pilot register travel with the raw data (`<raw>/reference/*.toml`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from pipeline.vocabulary import DOELGROEPEN, DOMEINEN, RICHTINGEN, is_rate

SETTINGS_PATH = Path(__file__).with_name("settings.toml")

REFERENCE_DIR = "reference"
DELIVERIES_DIR = "leveringen"
SYNTHETIC_MARKER = "SYNTHETISCH.md"  # beside synthetic deliveries (`pipeline sample` writes it)
CATALOGUE_FILE = "indicatoren.toml"
PILOT_REGISTER_FILE = "proeftuinen.toml"
MUNICIPALITY_REGISTER_FILE = "gemeenten_provincies_cbs_2010_2025.csv"
REORGANISATION_FILE = "herindelingen_cbs_2010_2025.csv"
POPULATION_FILE = "population_avg_gemeente_2012_2025_cbs70072ned.csv"
BURGLARY_FILE = "woninginbraak_gemeente_2012_2025_cbs47018ned.csv"
MUNICIPALITY_MAP_FILE = "gemeente_2024_cbs_pdok_cartomap_wgs84.geojson"
PROVINCE_MAP_FILE = "provincie_2023_cbs_pdok_cartomap_wgs84.geojson"
SOURCES_FILE = "SOURCES.md"
REFERENCE_FILES = (
    CATALOGUE_FILE,
    PILOT_REGISTER_FILE,
    MUNICIPALITY_REGISTER_FILE,
    REORGANISATION_FILE,
    POPULATION_FILE,
    BURGLARY_FILE,
    MUNICIPALITY_MAP_FILE,
    PROVINCE_MAP_FILE,
    SOURCES_FILE,
)

__all__ = ["DOELGROEPEN", "DOMEINEN", "RICHTINGEN"]  # the words live in pipeline/vocabulary.py
PERIODETYPEN = ("schooljaar", "kalenderjaar")
# Comparison groups of the effect estimates: municipalities that were never a pilot, or also
# pilots in the years before their start (pipeline/effecten.py).
NOOIT, NOG_NIET = "nooit", "nog_niet"
VERGELIJKINGSGROEPEN = (NOOIT, NOG_NIET)


@dataclass(frozen=True)
class BaselineRule:
    """When the baseline (nulmeting) of a municipality lies, and how far back to look for one."""

    jaren_voor_start: int
    jaar_zonder_proeftuin: int
    max_jaren_terug: int

    def year(self, startjaar: int | None) -> int:
        """Baseline year: the last year before a pilot joined, or the fixed year for non-pilots."""
        if startjaar is None:
            return self.jaar_zonder_proeftuin
        return startjaar - self.jaren_voor_start


@dataclass(frozen=True)
class StatusRule:
    """When a change against the baseline counts, and when the numbers are too few to say."""

    alpha: float
    min_noemer: int
    min_aantal: int


@dataclass(frozen=True)
class DisclosureRule:
    """Thresholds of disclosure control (CONTRACT §4)."""

    doelgroepen: tuple[str, ...]
    min_noemer: int
    teller_min: int
    teller_max: int
    min_mogelijke_waarden: int = 3  # the audit: a hidden count keeps at least this many values
    decimalen_schattingen: int = 1  # effects and intervals are published with this many decimals


@dataclass(frozen=True)
class EffectRule:
    """Settings of the effect estimates against non-pilots (pipeline/effecten.py): when an
    estimate says something, its inference (permutations, pre-trends) and the scale of counts."""

    min_proeftuinen: int
    min_vergelijking: int
    betrouwbaarheid: float
    vergelijkingsgroep: str
    aanname_verschuivingen: tuple[int, ...]
    min_noemer_proeftuinen: int
    min_aantal_proeftuinen: int
    permutaties: int
    zaad: int
    voortrend_alpha: float
    voortrend_kracht: float
    aantallen_per: int


@dataclass(frozen=True)
class FunnelRule:
    """Funnel plots (pipeline/trechter.py): coverage of the limits and the overdispersion test."""

    dekkingen: tuple[float, ...]
    min_gemeenten: int
    winsor: float
    overspreiding_alpha: float


@dataclass(frozen=True)
class GapRule:
    """The gap between roma and totaal, and the target for it (pipeline/kloof.py)."""

    doel_fractie: float


@dataclass(frozen=True)
class ValidationLimits:
    eerste_jaar: int
    max_aantal: int
    doelgroepen: tuple[str, ...]
    laatste_jaar: int = field(default_factory=lambda: date.today().year)


@dataclass(frozen=True)
class FileLimits:
    """Limits on one delivery file (settings.toml [grenzen]); a file over one is refused."""

    max_bytes: int
    max_rijen: int
    max_kolommen: int
    max_cellen: int
    max_tekens_cel: int
    max_uitgepakt: int
    max_verhouding: int
    max_onderdelen: int
    max_werkbladen: int
    leverdatum_marge_dagen: int


@dataclass(frozen=True)
class ReorganisationRule:
    """How far a figure on the latest classification may miss part of its area and still be used
    by the analyses (settings.toml [herindeling])."""

    max_ontbrekend_aandeel: float


@dataclass(frozen=True)
class Settings:
    nulmeting: BaselineRule
    status: StatusRule
    onthulling: DisclosureRule
    validatie: ValidationLimits
    geheugen: str
    effecten: EffectRule
    kloof: GapRule
    trechter: FunnelRule
    grenzen: FileLimits
    herindeling: ReorganisationRule


@dataclass(frozen=True)
class Indicator:
    code: str
    domein: str
    naam: str
    definitie: str
    eenheid: str
    vermenigvuldiger: int
    periodetype: str
    richting: str
    streefwaarde: float | None
    bron: str
    noemer_omschrijving: str
    volgorde: int

    @property
    def is_rate(self) -> bool:
        """A rate has a noemer; a count (multiplier 1) has only a teller."""
        return is_rate(self.vermenigvuldiger)


@dataclass(frozen=True)
class Letter:
    sleutel: str
    kamerstuk: str
    datum: date
    titel: str


@dataclass(frozen=True)
class PilotSite:
    naam: str
    soort: str
    gemeente_code: str | None
    fase: int
    startjaar: int
    startjaar_aanname: bool
    startjaar_toelichting: str
    subsidie: bool
    interventies: tuple[str, ...]
    bronnen: dict[str, str]


@dataclass(frozen=True)
class NamedComparison:
    naam: str
    gemeente_code: str
    toelichting: str
    bron: str


@dataclass(frozen=True)
class Reference:
    indicatoren: tuple[Indicator, ...]
    domeinen: dict[str, str]
    proeftuinen: tuple[PilotSite, ...]
    vergelijking: tuple[NamedComparison, ...]
    brieven: dict[str, Letter]

    def indicator(self, code: str) -> Indicator:
        return next(i for i in self.indicatoren if i.code == code)

    @property
    def pilot_municipalities(self) -> dict[str, PilotSite]:
        return {p.gemeente_code: p for p in self.proeftuinen if p.gemeente_code}


@cache
def load_settings(path: Path = SETTINGS_PATH) -> Settings:
    """Read settings.toml."""
    raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    n, o, v, e = raw["nulmeting"], raw["onthulling"], raw["validatie"], raw["effecten"]
    _check_doelgroepen(v["doelgroepen"], o["doelgroepen"])
    return Settings(
        nulmeting=BaselineRule(n["jaren_voor_start"], n["jaar_zonder_proeftuin"], n["max_jaren_terug"]),
        status=StatusRule(
            float(raw["status"]["alpha"]), raw["status"]["min_noemer"], raw["status"]["min_aantal"]
        ),
        onthulling=DisclosureRule(
            tuple(o["doelgroepen"]),
            o["min_noemer"],
            o["teller_min"],
            o["teller_max"],
            int(o["min_mogelijke_waarden"]),
            int(o["decimalen_schattingen"]),
        ),
        validatie=ValidationLimits(v["eerste_jaar"], v["max_aantal"], tuple(v["doelgroepen"])),
        geheugen=raw["bouw"]["geheugen"],
        effecten=_effect_rule(e),
        kloof=GapRule(float(raw["kloof"]["doel_fractie"])),
        trechter=FunnelRule(
            tuple(float(x) for x in raw["trechter"]["dekkingen"]),
            int(raw["trechter"]["min_gemeenten"]),
            float(raw["trechter"]["winsor"]),
            float(raw["trechter"]["overspreiding_alpha"]),
        ),
        grenzen=FileLimits(**{f: int(raw["grenzen"][f]) for f in FileLimits.__dataclass_fields__}),
        herindeling=ReorganisationRule(float(raw["herindeling"]["max_ontbrekend_aandeel"])),
    )


def _effect_rule(e: dict) -> EffectRule:
    rule = EffectRule(
        min_proeftuinen=int(e["min_proeftuinen"]),
        min_vergelijking=int(e["min_vergelijking"]),
        betrouwbaarheid=float(e["betrouwbaarheid"]),
        vergelijkingsgroep=str(e["vergelijkingsgroep"]),
        aanname_verschuivingen=tuple(int(x) for x in e["aanname_verschuivingen"]),
        min_noemer_proeftuinen=int(e["min_noemer_proeftuinen"]),
        min_aantal_proeftuinen=int(e["min_aantal_proeftuinen"]),
        permutaties=int(e["permutaties"]),
        zaad=int(e["zaad"]),
        voortrend_alpha=float(e["voortrend_alpha"]),
        voortrend_kracht=float(e["voortrend_kracht"]),
        aantallen_per=int(e["aantallen_per"]),
    )
    problems = []
    if rule.vergelijkingsgroep not in VERGELIJKINGSGROEPEN:
        choices = ", ".join(VERGELIJKINGSGROEPEN)
        problems.append(f"vergelijkingsgroep {rule.vergelijkingsgroep!r}: kies uit {choices}")
    if rule.min_proeftuinen < 2 or rule.min_vergelijking < 2:
        problems.append("min_proeftuinen en min_vergelijking: minstens 2 (één gemeente heeft geen spreiding)")
    for name in ("betrouwbaarheid", "voortrend_kracht"):
        if not 0 < getattr(rule, name) < 1:
            problems.append(f"{name}: een getal tussen 0 en 1")
    if not 0 < rule.voortrend_alpha < 1:
        problems.append("voortrend_alpha: een getal tussen 0 en 1")
    if rule.permutaties < 19:
        problems.append("permutaties: minstens 19 (anders kan de toets nooit onder 5% komen)")
    if problems:
        raise ValueError("[effecten] in settings.toml klopt niet:\n  " + "\n  ".join(problems))
    return rule


def _check_doelgroepen(allowed: list[str], protected: list[str]) -> None:
    """The doelgroepen are configured once, in `[validatie] doelgroepen` (what a delivery may
    hold), with the words of pipeline/vocabulary.py; `[onthulling] doelgroepen` (which are
    protected) is a part of them."""
    unknown = [d for d in allowed if d not in DOELGROEPEN]
    if unknown:
        raise ValueError(
            f"[validatie] doelgroepen in settings.toml: onbekend {unknown}; "
            f"de monitor kent {', '.join(DOELGROEPEN)}"
        )
    outside = [d for d in protected if d not in allowed]
    if outside:
        raise ValueError(
            f"[onthulling] doelgroepen in settings.toml: {outside} staat niet in [validatie] doelgroepen"
        )


def reference_dir(raw_dir: Path) -> Path:
    return Path(raw_dir) / REFERENCE_DIR


def load_reference(raw_dir: Path) -> Reference:
    """Read the indicator catalogue and the pilot register of a raw directory."""
    ref = reference_dir(raw_dir)
    cat = tomllib.loads((ref / CATALOGUE_FILE).read_text(encoding="utf-8"))
    reg = tomllib.loads((ref / PILOT_REGISTER_FILE).read_text(encoding="utf-8"))
    indicatoren = tuple(
        Indicator(
            code=i["code"],
            domein=i["domein"],
            naam=i["naam"],
            definitie=i["definitie"],
            eenheid=i["eenheid"],
            vermenigvuldiger=int(i["vermenigvuldiger"]),
            periodetype=i["periodetype"],
            richting=i["richting"],
            streefwaarde=float(i["streefwaarde"]) if "streefwaarde" in i else None,
            bron=i["bron"],
            noemer_omschrijving=i.get("noemer_omschrijving", ""),
            volgorde=n,
        )
        for n, i in enumerate(cat["indicator"], start=1)
    )
    brieven = {k: Letter(k, b["kamerstuk"], b["datum"], b["titel"]) for k, b in reg["brieven"].items()}
    proeftuinen = tuple(
        PilotSite(
            naam=p["naam"],
            soort=p["soort"],
            gemeente_code=p.get("gemeente_code"),
            fase=int(p["fase"]),
            startjaar=int(p["startjaar"]),
            startjaar_aanname=bool(p.get("startjaar_aanname", False)),
            startjaar_toelichting=p.get("startjaar_toelichting", ""),
            subsidie=bool(p["subsidie"]),
            interventies=tuple(p.get("interventies", [])),
            bronnen={k.removeprefix("bron_"): v for k, v in p.items() if k.startswith("bron_")},
        )
        for p in reg["proeftuin"]
    )
    vergelijking = tuple(
        NamedComparison(v["naam"], v["gemeente_code"], v["toelichting"], v["bron"])
        for v in reg.get("vergelijking", [])
    )
    _check_reference(indicatoren, proeftuinen, brieven)
    return Reference(indicatoren, dict(cat["domeinen"]), proeftuinen, vergelijking, brieven)


def _check_reference(
    indicatoren: tuple[Indicator, ...],
    proeftuinen: tuple[PilotSite, ...],
    brieven: dict[str, Letter],
) -> None:
    """Fail early, in words, when the configuration itself is inconsistent."""
    problems = []
    for i in indicatoren:
        if i.domein not in DOMEINEN:
            problems.append(f"indicator {i.code}: onbekend domein {i.domein!r}")
        if i.richting not in RICHTINGEN:
            problems.append(f"indicator {i.code}: onbekende richting {i.richting!r}")
        if i.periodetype not in PERIODETYPEN:
            problems.append(f"indicator {i.code}: onbekend periodetype {i.periodetype!r}")
    for p in proeftuinen:
        for fact, keys in p.bronnen.items():
            for key in filter(None, (k.strip() for k in keys.split(","))):
                if key not in brieven:
                    problems.append(f"proeftuin {p.naam}: bron_{fact} verwijst naar onbekende brief {key}")
    if problems:
        raise ValueError("configuratie klopt niet:\n  " + "\n  ".join(problems))
