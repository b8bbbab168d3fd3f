"""`python -m pipeline check FILE...`: a municipal data officer checks a delivery before sending it.

The files go through the same intake, extract and validate stages as a build, in a private
working folder (0700, in RAM where the machine has it) that is removed afterwards and swept by the
next run if this one is killed. The result is a structured report (`check_deliveries` for files
held in memory — the browser page `/controleren` uses it —, `check` for paths), per file refused
or not with the reason, per row the row number as Excel shows it, the column, the reason and how
to fix it, in Dutch. `write_report` prints it. A file with personal data is named only by its
columns and rows, never a value, and a file name that holds personal data is shown redacted.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from pipeline import sqlfiles
from pipeline.build import open_build, sweep_dead
from pipeline.config import load_settings
from pipeline.intake import Refused, control, limits
from pipeline.intake.discovery import Found
from pipeline.intake.readers import COLUMNS, shown_column
from pipeline.progress import Progress
from pipeline.stages import extract, transform, validate
from pipeline.vocabulary import nl_number

CHECK_PREFIX = "monitor-check-"  # + the process id: a killed check's folder is swept by the next run

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
    "conflict_herindeling": "lever een gebied één keer: onder de gemeente van toen, of als terugreeks "
    "onder de latere gemeente",
    "bestond_niet": "gebruik de code van de gemeente die in die periode bestond, of van haar opvolger",
    "roma_boven_totaal": "de doelgroep roma is een deel van totaal: controleer of roma en totaal zijn "
    "verwisseld, of lever totaal opnieuw",
    "roma_rest_negatief": "noemer min teller van roma kan niet groter zijn dan die van totaal: "
    "controleer teller en noemer van beide rijen",
    "breedte": "controleer de scheidingstekens in deze rij: er staan te veel of te weinig waarden",
}


@dataclass(frozen=True)
class RowProblem:
    """One rule a row breaks."""

    rij: int  # the row as Excel numbers it
    kolom: str
    regel: str
    reden: str
    oplossing: str | None  # how to fix it


@dataclass(frozen=True)
class Figure:
    """A row that broke no rule: its key and numbers (held in memory, for the comparison with the
    monitor in `pipeline/monitorcheck.py`)."""

    rij: int
    gemeente_code: str
    periode: str
    indicator: str
    doelgroep: str
    teller: int
    noemer: int | None
    voorgangers: tuple[str, ...] = ()  # a back series (a later municipality before it existed): whose area


@dataclass
class FileReport:
    """What checking one file found."""

    naam: str  # the file's name (redacted where the name itself holds personal data)
    status: str  # geaccepteerd | geweigerd
    reden: str | None
    rijen: int
    problemen: list[RowProblem] = field(default_factory=list)
    genegeerd: list[str] = field(default_factory=list)  # columns the monitor does not use
    kolom: str | None = None  # the column a refusal is about
    leverdatum: date | None = None  # from the file name
    cijfers: list[Figure] = field(default_factory=list, repr=False)  # the rows that broke no rule

    @property
    def geweigerd(self) -> bool:
        return self.status != extract.ACCEPTED

    @property
    def clean(self) -> bool:
        return not self.geweigerd and not self.problemen


def check_deliveries(items: list[tuple[str, bytes]], raw_dir: Path = Path("data/raw")) -> list[FileReport]:
    """Check deliveries held in memory, each a file name and its bytes (a browser upload); nothing
    of them is written outside the private working folder, which is removed afterwards."""
    return _check(extract.given_bytes(items), raw_dir)


def check(paths: list[Path], raw_dir: Path = Path("data/raw")) -> list[FileReport]:
    """Check delivery files on disk: each is read once, within the limits, and checked as bytes."""
    grenzen = load_settings().grenzen
    found: list[Found] = []
    for path in map(Path, paths):
        item = extract.given_bytes([(path.name, b"")])[0]
        if item.reden is None:
            try:
                item.data = limits.read_file(path, grenzen)
            except Refused as e:
                item.data, item.reden = None, e.reason
        found.append(item)
    return _check(found, raw_dir)


def _check(found: list[Found], raw_dir: Path) -> list[FileReport]:
    sweep_dead()
    with (
        tempfile.TemporaryDirectory(prefix=f"{CHECK_PREFIX}{os.getpid()}-") as out,
        open_build(raw_dir, Path(out), Progress(quiet=True)) as build,
    ):
        extract.stage_reference(build)
        files = extract.stage_deliveries(build, found)
        validate.run(build)
        rule = build.settings.herindeling
        params = {**transform.PARAMS, "max_ontbrekend_aandeel": rule.max_ontbrekend_aandeel}
        for model in ("int_rijen_geldig", "int_conflicten", "int_cbs_woninginbraak"):
            sqlfiles.materialise(build.con, model, params)
        sqlfiles.define_view(build.con, "int_roma_totaal", {})
        transform.roma_messages(build)
        rows = build.con.execute("""
            select levering_id, rij, kolom, regel, reden from (
                select levering_id, rij, volgorde, kolom, regel, reden from int_meldingen
                union all
                select levering_id, rij, volgorde, kolom, regel, reden from int_conflicten
                union all
                select levering_id, rij, volgorde, kolom, regel, reden from int_roma_meldingen
            ) order by levering_id, rij, volgorde
        """).fetchall()
        valid = build.con.execute("""
            select r.levering_id, r.rij, r.gemeente_code, r.periode, r.indicator, r.doelgroep, r.teller,
                r.noemer, case when gj.status = 'terugreeks' then gj.voorgangers end
            from int_rijen_geldig as r
            left join stg_gemeente_jaar as gj on gj.gemeente_code = r.gemeente_code and gj.jaar = r.jaar
            anti join (select levering_id, rij from int_conflicten
                       union all select levering_id, rij from int_roma_meldingen) using (levering_id, rij)
            order by r.levering_id, r.rij
        """).fetchall()
    reports = []
    for f in files:
        problems = [
            RowProblem(rij, kolom, regel, reden, HINTS.get(regel.split(".", 1)[-1]))
            for lid, rij, kolom, regel, reden in rows
            if lid == f.levering_id
        ]
        ignored = [shown_column(f.info.kolommen, k) for k in f.info.kolommen if k and k not in COLUMNS]
        figures = [
            Figure(rij, gemeente, periode, indicator, doelgroep, teller, noemer, tuple(voorgangers or ()))
            for lid, rij, gemeente, periode, indicator, doelgroep, teller, noemer, voorgangers in valid
            if lid == f.levering_id
        ]
        reports.append(
            FileReport(
                f.bestand,
                f.status,
                f.reden,
                f.rijen,
                problems,
                ignored,
                f.reden_kolom,
                f.examined.leverdatum,
                figures,
            )
        )
    return reports


def write_report(reports: list[FileReport], out: TextIO) -> None:
    """The report for people: per file, per row, what is wrong and how to fix it."""
    for r in reports:
        naam = control.terminal(r.naam)
        if r.geweigerd:
            print(f"✗ {naam}: GEWEIGERD — {r.reden}", file=out)
            print("  Niets uit dit bestand wordt geladen. Los dit op en controleer opnieuw.", file=out)
        elif not r.problemen:
            print(f"✓ {naam}: in orde ({nl_number(r.rijen)} rijen)", file=out)
        else:
            rows = len({p.rij for p in r.problemen})
            print(
                f"! {naam}: {nl_number(rows)} van {nl_number(r.rijen)} rijen hebben een probleem; "
                "die rijen worden apart gezet, de rest wordt geladen",
                file=out,
            )
            shown_hints: set[str] = set()
            for p in r.problemen:
                print(f"  rij {p.rij}, kolom {p.kolom}: {p.reden}", file=out)
                if p.oplossing and p.regel not in shown_hints:
                    shown_hints.add(p.regel)
                    print(f"      → {p.oplossing}", file=out)
        if r.genegeerd:
            print(f"  (kolom {', '.join(r.genegeerd)} wordt niet gebruikt)", file=out)
    clean = sum(r.clean for r in reports)
    print(f"\n{clean} van {len(reports)} bestanden in orde.", file=out)
