"""The seeded generator of the *synthetic* sample: `python -m pipeline sample`.

It writes a complete raw directory — the real CBS reference data and synthetic municipal
deliveries in the CONTRACT §1 format — so that `pipeline run --raw DIR` works on it as it is.
The committed `data/raw/leveringen/` is exactly the output of `sample --scale pilot` with the
default seed.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from pipeline.config import (
    DELIVERIES_DIR,
    REFERENCE_DIR,
    REFERENCE_FILES,
    SYNTHETIC_MARKER,
    load_reference,
)
from pipeline.sample.deliveries import Delivery, full_redeliveries, yearly_deliveries
from pipeline.sample.model import (
    EXTRA_COMPARISON,
    NAMED_ROMA_GROUP,
    Figure,
    current_municipalities,
    documented_facts,
    municipalities,
    trajectory_values,
    with_totaal,
)
from pipeline.sample.writers import PROFILES, csv_bytes, xlsx_bytes

DEFAULT_SEED = 20170404  # the date of the letter that reported the pilots' results
SCALES = ("pilot", "national", "stress", "hostile")
MARKER = SYNTHETIC_MARKER
MARKER_TEXT = """# Synthetische leveringen

De leveringen in deze map zijn **synthetisch**: gemaakt door `python -m pipeline sample`
(schaal `{scale}`, seed {seed}). Ze volgen het leverformaat van CONTRACT §1 en de problematiek
die de Kamerbrieven beschrijven, maar geen enkel cijfer voor de doelgroep `roma` is gemeten.
Alleen de CBS-referentiedata in `../reference/` is echt (bron: CBS / PDOK, CC-BY 4.0).

De pipeline ziet dit bestand en markeert de build als synthetisch; het dashboard en elk extract
zeggen het dan ook.
"""

# Profiles of the municipalities the letters name, so that the pilot sample has every dialect.
NAMED_PROFILES = {
    "GM0228": "ansi",  # Ede
    "GM0995": "xlsx",  # Lelystad
    "GM0356": "excel-nl",  # Nieuwegein
    "GM0861": "utf8-komma",  # Veldhoven
    "GM0502": "excel-nl",
    "GM0153": "utf8-komma",
    "GM0784": "ansi",
    "GM0855": "xlsx-levering",
    "GM0796": "excel-nl",
    "GM1652": "ansi",
    "GM0363": "utf8-komma",
    "GM0599": "excel-nl",
    "GM0518": "utf8-komma",
}


@dataclass(frozen=True)
class ScaleSpec:
    years: tuple[int, int]
    roma_share: float  # chance that a municipality not named in the letters has a Roma group
    redeliveries: int  # 0: yearly deliveries with corrections; n: n full re-deliveries
    formats: tuple[str, ...]  # profiles for municipalities not named in NAMED_PROFILES
    weights: tuple[float, ...]
    named_profiles: bool = True  # the letters' municipalities export as NAMED_PROFILES says


SPECS = {
    "pilot": ScaleSpec(
        (2010, 2024), 1.0, 0, ("utf8-komma", "excel-nl", "ansi", "xlsx"), (0.35, 0.35, 0.2, 0.1)
    ),
    "national": ScaleSpec(
        (2010, 2024), 0.4, 0, ("utf8-komma", "excel-nl", "ansi", "xlsx"), (0.4, 0.4, 0.15, 0.05)
    ),
    # UTF-8 only: the benchmark pairs the pipeline with DuckDB's bare read_csv of the same
    # files, and DuckDB reads no Windows-1252
    "stress": ScaleSpec((2000, 2024), 1.0, 40, ("utf8-komma", "excel-nl"), (0.5, 0.5), False),
}


def default_reference_source() -> Path:
    """The project's own reference data, which the sample is built on."""
    return Path(__file__).resolve().parents[2] / "data" / "raw" / REFERENCE_DIR


def sample_codes(scale: str, reference_source: Path) -> list[str]:
    if scale == "pilot":
        return sorted(set(NAMED_ROMA_GROUP) | set(EXTRA_COMPARISON))
    return sorted(current_municipalities(reference_source))


def planned_rows(scale: str, reference_source: Path | None = None) -> int | None:
    """Rows a scale with full re-deliveries will write (None for yearly deliveries, which vary)."""
    spec = SPECS[scale]
    if not spec.redeliveries:
        return None
    source = Path(reference_source or default_reference_source())
    n_years = spec.years[1] - spec.years[0] + 1
    delivered = sum(1 for i in load_reference(source.parent).indicatoren if i.bron == "gemeente")
    return len(sample_codes(scale, source)) * spec.redeliveries * n_years * delivered * 2


def generate(
    out: Path,
    scale: str = "pilot",
    seed: int = DEFAULT_SEED,
    reference_source: Path | None = None,
    redeliveries: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    codes: list[str] | None = None,
    formats: dict[str, float] | None = None,
) -> list[Path]:
    """Write a complete raw directory at `out`; returns the delivery files written.

    `redeliveries` overrides the scale's number of full re-deliveries and `codes` the
    municipalities, and `formats` the export profiles with their weights (for benchmarks and tests).
    """
    if scale == "hostile":
        return _hostile(Path(out), seed, Path(reference_source or default_reference_source()))
    if scale not in SPECS:
        raise ValueError(f"onbekende schaal {scale!r}; kies uit {', '.join(SCALES)}")
    spec = SPECS[scale]
    if redeliveries is not None:
        spec = dataclasses.replace(spec, redeliveries=redeliveries)
    if formats is not None:
        unknown = sorted(set(formats) - set(PROFILES))
        if unknown:
            raise ValueError(f"onbekend exportprofiel {', '.join(unknown)}; kies uit {', '.join(PROFILES)}")
        spec = dataclasses.replace(
            spec, formats=tuple(formats), weights=tuple(formats.values()), named_profiles=False
        )
    source = Path(reference_source or default_reference_source())
    out = Path(out)
    _copy_reference(source, out / REFERENCE_DIR)
    deliveries_dir = out / DELIVERIES_DIR
    _prepare_deliveries_dir(deliveries_dir)
    (deliveries_dir / MARKER).write_text(MARKER_TEXT.format(scale=scale, seed=seed), encoding="utf-8")

    ref = load_reference(out)
    catalogue = {i.code: i for i in ref.indicatoren if i.bron == "gemeente"}
    rng = np.random.default_rng(seed)
    munis = municipalities(source, ref, codes or sample_codes(scale, source), rng, spec.roma_share)
    years = list(range(spec.years[0], spec.years[1] + 1))
    written: list[Path] = []
    for n, m in enumerate(munis, start=1):
        m_rng = np.random.default_rng([seed, int(m.code[2:])])
        roma: list[Figure] = []
        rest: list[Figure] = []
        for ind in catalogue.values():
            if m.roma_omvang:
                roma += trajectory_values(m, ind, "roma", years, m_rng)
            rest += trajectory_values(m, ind, "rest", years, m_rng)
        figures = with_totaal(documented_facts(roma, m_rng), rest)
        if spec.redeliveries:
            deliveries = full_redeliveries(
                figures, catalogue, m.code, spec.redeliveries, date(2005, 1, 10), m_rng
            )
        else:
            by_period: dict[tuple[str, int], list[Figure]] = {}
            for f in figures:
                by_period.setdefault((catalogue[f.indicator].periodetype, f.jaar), []).append(f)
            deliveries = yearly_deliveries(by_period, catalogue, m.code, years, m_rng)
        named = NAMED_PROFILES.get(m.code) if spec.named_profiles else None
        profile_name = named or str(m_rng.choice(spec.formats, p=np.array(spec.weights) / sum(spec.weights)))
        memo: dict = {}
        written += [_write(deliveries_dir, d, profile_name, m.naam, memo) for d in deliveries]
        if progress:
            progress(n, len(munis))
    return written


def _hostile(out: Path, seed: int, source: Path) -> list[Path]:
    """Every kind of hostile or careless delivery (pipeline/sample/hostile.py), seeded."""
    from pipeline.sample import hostile

    _copy_reference(source, out / REFERENCE_DIR)
    deliveries_dir = out / DELIVERIES_DIR
    _prepare_deliveries_dir(deliveries_dir)
    (deliveries_dir / MARKER).write_text(MARKER_TEXT.format(scale="hostile", seed=seed), encoding="utf-8")
    return hostile.write(deliveries_dir, seed)


def _write(deliveries_dir: Path, d: Delivery, profile_name: str, naam: str, memo: dict) -> Path:
    profile = PROFILES[profile_name]
    folder = deliveries_dir / d.gemeente_code
    folder.mkdir(parents=True, exist_ok=True)
    rows = list(d.rows)
    if profile.formaat == "xlsx":
        path = folder / f"{d.stem}.xlsx"
        path.write_bytes(xlsx_bytes(profile, rows, d.label, naam, d.leverdatum))
    else:
        path = folder / f"{d.stem}.csv"
        path.write_bytes(csv_bytes(profile, rows, memo))
    return path


def _copy_reference(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    if source.resolve() == target.resolve():
        return
    for name in REFERENCE_FILES:
        shutil.copyfile(source / name, target / name)


def _prepare_deliveries_dir(path: Path) -> None:
    """Empty the deliveries folder, but only if it holds an earlier synthetic sample."""
    if path.exists() and any(path.iterdir()):
        if not (path / MARKER).exists():
            raise FileExistsError(
                f"{path} bevat leveringen die niet synthetisch zijn (geen {MARKER}); "
                "kies met --out een andere map"
            )
        shutil.rmtree(path)
    path.mkdir(parents=True, exist_ok=True)
