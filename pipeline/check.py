"""`python -m pipeline check FILE...`: a municipal data officer checks a delivery before sending it.

The files go through the same extract and validate stages as a build (in memory; nothing is
written), and the report says per file and per row what is wrong and how to fix it, in Dutch.
For a file with personal data it names only columns and rows, never a value.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from pipeline import sqlfiles
from pipeline.build import open_build
from pipeline.progress import Progress
from pipeline.readers import COLUMNS
from pipeline.stages import extract, transform, validate
from pipeline.vocabulary import nl_number

# How to fix what a rule found, by the rule's name (the part after the column).
HINTS = {
    "ontbreekt": "vul deze kolom in; zonder deze waarde is het cijfer niet te plaatsen",
    "vorm": "schrijf de waarde zoals het leverformaat vraagt (zie de melding)",
    "toegestane_waarde": "gebruik een waarde uit de lijst: CBS-gemeentecode, een code uit de "
    "indicatorcatalogus, doelgroep roma of totaal",
    "heel_getal": "vul een aantal in: een heel getal zonder decimalen of punten",
    "minimum": "controleer het cijfer: een aantal is nooit negatief en de periode niet ouder dan 2000",
    "maximum": "controleer het cijfer of de periode; lever geen cijfers over de toekomst",
    "teller_boven_noemer": "de teller telt een deel van de noemer; controleer of ze zijn verwisseld",
    "noemer_ontbreekt": "vul de noemer in: het aantal personen of huishoudens waarover de verhouding gaat",
    "noemer_nul": "lever deze rij niet als er niemand in de groep is",
    "schooljaar": "schrijf een schooljaar als twee opeenvolgende jaren, zoals 2016-2017",
    "schooljaar_verwacht": "schrijf de periode als schooljaar, zoals 2016-2017",
    "kalenderjaar_verwacht": "schrijf de periode als kalenderjaar, zoals 2016",
    "andere_gemeente": "lever alleen de cijfers van uw eigen gemeente, of zet het bestand in de juiste map",
    "cbs_indicator": "laat deze rij weg: de monitor haalt dit cijfer zelf bij het CBS",
    "datum_bestaat_niet": "controleer dag en maand van de peildatum",
    "uniek": "houd één rij per gemeente, periode, indicator en doelgroep; verwijder de dubbele",
    "conflict_zelfde_datum": "lever een correctie met een latere leverdatum in de bestandsnaam",
    "roma_boven_totaal": "de doelgroep roma is een deel van totaal: controleer of roma en totaal zijn "
    "verwisseld, of lever totaal opnieuw",
    "roma_rest_negatief": "noemer min teller van roma kan niet groter zijn dan die van totaal: "
    "controleer teller en noemer van beide rijen",
    "breedte": "controleer de scheidingstekens in deze rij: er staan te veel of te weinig waarden",
}


@dataclass
class FileReport:
    naam: str
    status: str
    reden: str | None
    rijen: int
    problemen: list[tuple[int, str, str, str]] = field(default_factory=list)  # rij, kolom, regel, reden
    genegeerd: list[str] = field(default_factory=list)  # columns the monitor does not use

    @property
    def clean(self) -> bool:
        return self.status == extract.ACCEPTED and not self.problemen


def check(paths: list[Path], raw_dir: Path = Path("data/raw")) -> list[FileReport]:
    """Run the extract and validate stages on the files and collect what they found."""
    with tempfile.TemporaryDirectory(prefix="monitor-check-") as out, open_build(
        raw_dir, Path(out), Progress(quiet=True)
    ) as build:
        extract.stage_reference(build)
        files = extract.stage_deliveries(build, [Path(p) for p in paths])
        validate.run(build)
        for model in ("int_rijen_geldig", "int_conflicten", "int_cbs_woninginbraak"):
            sqlfiles.materialise(build.con, model, {})
        sqlfiles.define_view(build.con, "int_roma_totaal", {})
        transform.roma_messages(build)
        found = build.con.execute("""
            select levering_id, rij, kolom, regel, reden from (
                select levering_id, rij, volgorde, kolom, regel, reden from int_meldingen
                union all
                select levering_id, rij, volgorde, kolom, regel, reden from int_conflicten
                union all
                select levering_id, rij, volgorde, kolom, regel, reden from int_roma_meldingen
            ) order by levering_id, rij, volgorde
        """).fetchall()
    reports = []
    for f, path in zip(files, paths, strict=True):
        problems = [(rij, kolom, regel, reden) for lid, rij, kolom, regel, reden in found
                    if lid == f.levering_id]  # fmt: skip
        ignored = [k for k in f.info.kolommen if k and k not in COLUMNS]
        reports.append(FileReport(str(path), f.status, f.reden, f.rijen, problems, ignored))
    return reports


def write_report(reports: list[FileReport], out: TextIO) -> None:
    """The report for people: per file, per row, what is wrong and how to fix it."""
    for r in reports:
        if r.status != extract.ACCEPTED:
            print(f"✗ {r.naam}: GEWEIGERD — {r.reden}", file=out)
            print("  Niets uit dit bestand wordt geladen. Los dit op en controleer opnieuw.", file=out)
        elif not r.problemen:
            print(f"✓ {r.naam}: in orde ({nl_number(r.rijen)} rijen)", file=out)
        else:
            rows = len({p[0] for p in r.problemen})
            print(f"! {r.naam}: {nl_number(rows)} van {nl_number(r.rijen)} rijen hebben een probleem; "
                  "die rijen worden apart gezet, de rest wordt geladen", file=out)  # fmt: skip
            shown_hints: set[str] = set()
            for rij, kolom, regel, reden in r.problemen:
                print(f"  rij {rij}, kolom {kolom}: {reden}", file=out)
                rule = regel.split(".", 1)[-1]
                if rule in HINTS and rule not in shown_hints:
                    shown_hints.add(rule)
                    print(f"      → {HINTS[rule]}", file=out)
        if r.genegeerd:
            print(f"  (kolom {', '.join(r.genegeerd)} wordt niet gebruikt)", file=out)
    clean = sum(r.clean for r in reports)
    print(f"\n{clean} van {len(reports)} bestanden in orde.", file=out)
