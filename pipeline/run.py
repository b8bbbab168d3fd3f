"""A whole build, in run order: extract → validate → transform → analyse → publication → publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.build import exclusive, open_build
from pipeline.intake import control
from pipeline.progress import Progress
from pipeline.stages import analyse, extract, publication, publish, transform, validate
from pipeline.vocabulary import nl_number


class NoDeliveries(Exception):
    """A run found no delivery at all: nothing is published, the previous build stays."""


@dataclass
class RunResult:
    manifest: dict
    database: Path
    refused: list[tuple[str, str]] = field(default_factory=list)  # (bestand, reden)
    quarantined: list[tuple[str, int]] = field(default_factory=list)  # (regel, rows)

    @property
    def clean(self) -> bool:
        """Nothing refused, nothing quarantined."""
        return not self.refused and not self.quarantined


def run(raw_dir: Path, out_dir: Path, progress: Progress | None = None) -> RunResult:
    """Build `<out>/monitor.duckdb` from `<raw>`; the previous database stays until this one is whole."""
    progress = progress or Progress()
    with exclusive(Path(out_dir), progress), open_build(raw_dir, out_dir, progress) as build:
        with progress.stage("extract", "Inlezen: leveringen en CBS-tabellen naar staging"):
            files = extract.run(build)
        if not files:
            raise NoDeliveries(
                f"geen leveringen gevonden in {build.deliveries_dir}; de vorige build blijft staan"
            )
        with progress.stage("validate", "Controleren: de regels van het leverformaat, per rij"):
            validate.run(build)
        with publish.new_database(build):
            with progress.stage("transform", "Verwerken: conflicten, vervanging, waarden, marts"):
                transform.run(build)
            with progress.stage("analyse", "Analyseren: nulmeting, effecten, kloof roma–totaal"):
                analyse.run(build)
            with progress.stage("publication", "Publicatietabellen: onthullingsbeheer en controle"):
                controle = publication.run(build)
            with progress.stage("publish", "Publiceren: manifest, nieuwe database"):
                manifest = publish.run(build, {"controle": controle})
        refused = [(f.bestand, f.reden or "") for f in files if f.status == extract.REFUSED]
        quarantined = build.con.execute(
            "select regel, count(*) from int_quarantaine group by 1 order by 2 desc, 1"
        ).fetchall()
        result = RunResult(manifest, build.database, refused, quarantined)
        summarise(result, progress)
        return result


def summarise(result: RunResult, progress: Progress) -> None:
    """The closing lines: what was loaded, what was set aside, and why."""
    m = result.manifest
    t = m["tabellen"]
    size = result.database.stat().st_size / 1e6
    lev = m["leveringen"]
    progress.say(
        f"Klaar in {nl_number(m['duur_s'], 1)} s: {result.database} ({nl_number(size, 1)} MB)"
        + (" — SYNTHETISCHE steekproef" if m["synthetisch"] else "")
    )
    progress.say(
        f"  leveringen: {nl_number(lev['geaccepteerd'])} geaccepteerd, "
        f"{nl_number(lev['geweigerd'])} geweigerd; "
        f"cijfers in gebruik: {nl_number(t['waarnemingen'])}; vervangen (audit): "
        f"{nl_number(t['waarnemingen_vervangen'])}; rijen in quarantaine: {nl_number(t['quarantaine'])}"
    )
    for bestand, reden in result.refused[:20]:
        progress.say(f"  geweigerd: {control.terminal(bestand)}: {reden}")
    if len(result.refused) > 20:
        progress.say(f"  … en {len(result.refused) - 20} andere geweigerde bestanden (zie tabel leveringen)")
    for regel, n in result.quarantined[:10]:
        progress.say(f"  quarantaine: {nl_number(n)} × {regel}")
    if result.quarantined:
        progress.say("  (de rijen en redenen staan in de tabel quarantaine)")
