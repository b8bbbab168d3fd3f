"""Stage 1 — extract: every delivery and the CBS tables into staging tables, each row with its lineage.

The intake (`pipeline/intake/`) finds the deliveries (`discovery`), reads each file's bytes once
within the limits and looks at them (`file.examine`: limits, readers, personal data); what it
accepts is read in bulk by DuckDB, grouped by dialect, from a private copy of exactly the bytes
that were hashed, or row by row in Python where DuckDB cannot number the rows exactly (XLSX, blank
lines, line breaks inside quotes, ragged rows). Both paths give `stg_leveringrijen`: all text,
with `levering_id` and `rij` (the row number as Excel shows it). A file that cannot be read as a
table, that breaks a limit or that holds data about persons is refused whole and none of its
values goes further than this stage.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from pipeline import herindeling, tables
from pipeline.build import Build
from pipeline.config import (
    BURGLARY_FILE,
    MUNICIPALITY_REGISTER_FILE,
    POPULATION_FILE,
    REORGANISATION_FILE,
    FileLimits,
)
from pipeline.intake import Refused, discovery, limits, readers
from pipeline.intake.discovery import Found
from pipeline.intake.file import Examined, examine
from pipeline.intake.readers import COLUMNS
from pipeline.sqlcheck import ident, literal

ACCEPTED = "geaccepteerd"
REFUSED = "geweigerd"
STAGING_COLUMNS = ("levering_id", "rij", *COLUMNS, "overig")


@dataclass
class DeliveryFile:
    """One delivery file and what the extract stage learned about it."""

    levering_id: int
    found: Found
    examined: Examined = field(default_factory=Examined)
    status: str = ACCEPTED
    reden: str | None = None
    reden_kolom: str | None = None
    leespad: str | None = None  # what DuckDB reads: a private copy of the bytes that were hashed
    leesweg: str | None = None  # bulk | exact
    rijen: int = 0

    @property
    def bestand(self) -> str:
        return self.found.bestand

    @property
    def info(self) -> readers.Inspection:
        return self.examined.info

    def refuse(self, reason: str, kolom: str | None = None) -> None:
        self.status, self.reden, self.reden_kolom = REFUSED, reason, kolom


def run(build: Build, found: list[Found] | None = None) -> list[DeliveryFile]:
    """Stage reference tables and deliveries (all under `<raw>/leveringen`, or the given ones)."""
    stage_reference(build)
    return stage_deliveries(build, discovery.discover(build.deliveries_dir) if found is None else found)


def given_files(paths: list[Path]) -> list[Found]:
    """Files named on the command line (`check`): read as they are, without a folder."""
    return [Found(Path(p), discovery.shown_path(Path(p).name)[0], None) for p in paths]


def given_bytes(items: list[tuple[str, bytes]]) -> list[Found]:
    """Deliveries held in memory (a browser upload): a name and its bytes; nothing is written."""
    out = []
    for name, data in items:
        shown, redacted = discovery.shown_path(name)
        f = Found(Path(name), shown, None, privacy=redacted)
        if redacted:
            f.reden = (
                "de naam van het bestand bevat gegevens over personen en is hier weggelaten; geef het "
                "bestand een naam zonder gegevens over personen"
            )
        f.data = data
        out.append(f)
    return out


# --------------------------------------------------------------------------- reference


def stage_reference(build: Build) -> None:
    """The catalogue, the pilot register and the CBS tables as staging tables."""
    ref, rule = build.ref, build.settings.nulmeting
    con = build.con
    indicatoren = pd.DataFrame(
        [
            {
                "indicator": i.code,
                "domein": i.domein,
                "domein_naam": ref.domeinen.get(i.domein, i.domein),
                "naam": i.naam,
                "definitie": i.definitie,
                "eenheid": i.eenheid,
                "vermenigvuldiger": i.vermenigvuldiger,
                # "is this a rate?" decided once, by the vocabulary; every SQL model reads this column
                "is_verhouding": i.is_rate,
                "periodetype": i.periodetype,
                "richting": i.richting,
                "streefwaarde": i.streefwaarde,
                "bron": i.bron,
                "noemer_omschrijving": i.noemer_omschrijving,
                "volgorde": i.volgorde,
            }
            for i in ref.indicatoren
        ]
    )
    indicatoren["streefwaarde"] = indicatoren["streefwaarde"].astype("float64")

    def letters(keys: str) -> str:
        return "; ".join(
            f"{ref.brieven[k].kamerstuk} ({ref.brieven[k].datum.strftime('%d-%m-%Y')})"
            for k in (s.strip() for s in keys.split(","))
            if k
        )

    proeftuinen = pd.DataFrame(
        [
            {
                "naam": p.naam,
                "soort": p.soort,
                "gemeente_code": p.gemeente_code,
                "fase": p.fase,
                "startjaar": p.startjaar,
                "startjaar_aanname": p.startjaar_aanname,
                "startjaar_toelichting": p.startjaar_toelichting or None,
                "nulmeting_jaar": rule.year(p.startjaar),
                "subsidie": p.subsidie,
                "interventies": list(p.interventies),
                **{
                    f"bron_{k}": letters(p.bronnen.get(k, "")) or None
                    for k in ("deelname", "startjaar", "subsidie", "interventies")
                },
            }
            for p in ref.proeftuinen
        ]
    )
    vergelijking = pd.DataFrame(
        [
            {
                "naam": v.naam,
                "gemeente_code": v.gemeente_code,
                "toelichting": v.toelichting,
                "bron": letters(v.bron),
            }
            for v in ref.vergelijking
        ],
        columns=["naam", "gemeente_code", "toelichting", "bron"],
    )
    for name, frame in (
        ("stg_indicatoren", indicatoren),
        ("stg_proeftuinen", proeftuinen),
        ("stg_vergelijking", vergelijking),
    ):
        con.register("_frame", frame)
        con.execute(f"create or replace table {name} as select * from _frame")
        con.unregister("_frame")
    params = {
        "register_file": str(build.reference_dir / MUNICIPALITY_REGISTER_FILE),
        "reorganisation_file": str(build.reference_dir / REORGANISATION_FILE),
        "population_file": str(build.reference_dir / POPULATION_FILE),
        "burglary_file": str(build.reference_dir / BURGLARY_FILE),
    }
    for t in tables.of_stage("extract"):
        if t.sql:  # the CBS tables and the register, read by DuckDB (pipeline/tables.py)
            build.model(t.name, params)
    stage_reorganisations(build)


def stage_reorganisations(build: Build) -> None:
    """What the register and the reorganisations say about every code and year (pipeline/herindeling.py):
    `stg_indeling_laatste`, `stg_gemeente_jaar`, `stg_indeling_gebied`, `stg_bevolking_dichtst`."""
    con = build.con
    years = (build.settings.validatie.eerste_jaar, date.today().year)
    digest = hashlib.sha256(
        b"".join(
            (build.reference_dir / name).read_bytes()
            for name in (MUNICIPALITY_REGISTER_FILE, REORGANISATION_FILE, POPULATION_FILE)
        )
    ).hexdigest()
    frames = _reorganisation_frames(con, digest, years)
    for name, frame in frames.items():
        con.register("_frame", frame)
        con.execute(f"create or replace table {name} as select * from _frame")
        con.unregister("_frame")


_FRAMES: dict[tuple, dict[str, pd.DataFrame]] = {}


def _reorganisation_frames(con: duckdb.DuckDBPyConnection, digest: str, years: tuple[int, int]) -> dict:
    """The tables of `stage_reorganisations`, computed once per process for the same reference data."""
    key = (digest, years)
    if key not in _FRAMES:
        register = con.execute("select gemeente_code, jaar, gemeente_naam, actief from stg_gemeenten").df()
        changes = con.execute("select * from stg_herindelingen").df()
        r = herindeling.Reorganisations(register, changes)
        span = range(years[0], max(r.latest, years[1]) + 1)
        history = pd.DataFrame(
            [(c, r.history(c) or None) for c in sorted(r.names)], columns=["gemeente_code", "herindeling"]
        )
        population = con.execute("select gemeente_code, jaar, bevolking from stg_bevolking").df()
        _FRAMES[key] = {
            "stg_indeling_laatste": herindeling.to_latest(r).merge(history, on="gemeente_code"),
            "stg_gemeente_jaar": herindeling.per_year(r, span),
            "stg_indeling_gebied": herindeling.areas(r, span),
            "stg_bevolking_dichtst": herindeling.nearest_population(population, sorted(r.names), span),
        }
    return _FRAMES[key]


def stage_deliveries(build: Build, found: list[Found]) -> list[DeliveryFile]:
    """Inspect and read every file; `stg_leveringrijen` (a view) then holds every row with its
    file and row number, and `stg_bestanden` every file with what became of it."""
    con = build.con
    text_columns = ", ".join(f"{c} varchar" for c in COLUMNS)
    # bulk rows keep the order DuckDB read them in: rowid − the file's first rowid is the row
    con.execute(f"create or replace table stg_bulk (filename varchar, {text_columns}, overig varchar[])")
    con.execute("create or replace table stg_bulk_eerste (filename varchar, eerste bigint)")
    con.execute(
        f"create or replace table stg_exact (levering_id integer, rij integer, {text_columns}, "
        "overig varchar[])"
    )
    con.execute("create or replace table stg_leesproblemen (levering_id integer, rij integer, reden varchar)")
    files: list[DeliveryFile] = []
    exact: dict[str, list] = {c: [] for c in STAGING_COLUMNS}
    problems: list[tuple[int, int, str]] = []
    copies = build.work_dir / "lezen"
    copies.mkdir(mode=0o700, exist_ok=True)
    reader = BulkReader(build)
    settings = build.settings
    with build.progress.step("bestanden lezen"):
        examined_all = _examine_all(found, settings.grenzen, settings.validatie.eerste_jaar)
        for n, (item, examined) in enumerate(examined_all, start=1):
            f = DeliveryFile(n, item, examined)
            files.append(f)
            if item.reden:
                f.refuse(item.reden)
            elif examined.refusal is not None:
                f.refuse(examined.refusal.reason, examined.refusal.kolom)
            elif examined.bulk is not None:
                target = copies / f"{n}.csv"
                target.write_bytes(examined.bulk)
                examined.bulk = None
                f.leespad, f.leesweg = str(target), "bulk"
                reader.add(f)
            else:
                f.leesweg = "exact"
                _append_exact(exact, problems, f, examined.rows or readers.Rows())
                examined.rows = None
            build.progress.count(n, len(found), "bestanden bekeken")
        redo = reader.finish()
    for f in redo:
        # DuckDB could not read every row of this file (ragged rows, a long line, not UTF-8
        # after all): read the same bytes exactly instead
        try:
            data = Path(f.leespad or "").read_bytes()  # the bytes that were hashed (or a UTF-8 copy)
            if f.info.codering in ("utf-8", "utf-8-sig"):
                f.info.codering = readers.decode(data)[1]  # UTF-8 at the top, not further down
            rows = readers.exact_rows(data, f.info)
        except Refused as e:
            f.refuse(e.reason, e.kolom)
            rows = readers.Rows()
        except Exception as e:  # no file may stop a build
            f.refuse(f"het bestand kan niet worden gelezen als tabel ({type(e).__name__})")
            rows = readers.Rows()
        _append_exact(exact, problems, f, rows)
        f.leesweg = "exact"
    shutil.rmtree(copies, ignore_errors=True)
    _insert_exact(build, exact, problems)
    _register_files(build, files)
    con.execute(STAGING_VIEW)
    _count_rows(build, files)
    _register_files(build, files)
    return files


STAGING_VIEW = f"""
create or replace view stg_leveringrijen as
-- every delivered row, whichever way it was read, with its file and its row number as Excel shows it
select b.levering_id, cast(s.rowid - e.eerste + b.kopregel + 1 as integer) as rij,
    {", ".join(f"s.{c}" for c in COLUMNS)}, s.overig
from stg_bulk as s
join stg_bulk_eerste as e using (filename)
join stg_bestanden as b on b.leespad = s.filename
where b.leesweg = 'bulk'
    -- a row with nothing in the known columns carries no figure (trailing ;;; lines)
    and not ({" and ".join(f"nullif(trim(s.{c}), '') is null" for c in COLUMNS)})
union all
select * from stg_exact
"""
READ_AHEAD_FILES = 64  # files read and examined ahead, in parallel threads
READ_AHEAD_BYTES = 256 * 1024 * 1024  # … but no more bytes than this at once
BULK_BATCH = 1000  # files of one dialect that DuckDB reads in one query


def _load(item: Found, grenzen: FileLimits, first_year: int) -> Examined:
    """Read one file's bytes once (bounded) and examine exactly those bytes; never raises."""
    if item.reden:
        return Examined()
    try:
        data = item.data if item.data is not None else limits.read_file(item.path, grenzen)
    except Refused as e:
        return Examined(refusal=e)
    except Exception as e:  # no file may stop a build
        return Examined(refusal=Refused(f"het bestand kan niet worden gelezen ({type(e).__name__})"))
    return examine(item.path.name, data, grenzen, first_year)


def _batches(found: list[Found], max_bytes: int) -> Iterator[list[Found]]:
    """Consecutive files, at most READ_AHEAD_FILES and (by their size on disk) READ_AHEAD_BYTES."""
    batch: list[Found] = []
    size = 0
    for item in found:
        try:
            n = min(item.path.stat().st_size, max_bytes) if not item.reden and item.data is None else 0
        except OSError:
            n = 0
        if batch and (len(batch) >= READ_AHEAD_FILES or size + n > READ_AHEAD_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += n
    if batch:
        yield batch


def _examine_all(
    found: list[Found], grenzen: FileLimits, first_year: int
) -> Iterator[tuple[Found, Examined]]:
    """(entry, what examining it gave) in order, a batch ahead on threads (reading, hashing and
    parsing workbooks release the GIL)."""
    with ThreadPoolExecutor(max_workers=min(4, (os.cpu_count() or 1) + 1)) as pool:
        for batch in _batches(found, grenzen.max_bytes):
            yield from zip(batch, pool.map(lambda item: _load(item, grenzen, first_year), batch), strict=True)


def _append_exact(
    exact: dict[str, list], problems: list[tuple[int, int, str]], f: DeliveryFile, rows: readers.Rows
) -> None:
    n = len(rows.rij)
    exact["levering_id"] += [f.levering_id] * n
    exact["rij"] += rows.rij
    for c in COLUMNS:
        exact[c] += rows.values[c]
    exact["overig"] += rows.overig if rows.overig else [None] * n
    problems += [(f.levering_id, p.rij, p.reden) for p in rows.problems]


def _insert_exact(build: Build, exact: dict[str, list], problems: list[tuple[int, int, str]]) -> None:
    table = pa.table(
        {
            "levering_id": pa.array(exact["levering_id"], pa.int32()),
            "rij": pa.array(exact["rij"], pa.int32()),
            **{c: pa.array(exact[c], pa.string()) for c in COLUMNS},
            "overig": pa.array(exact["overig"], pa.list_(pa.string())),
        }
    )
    build.con.register("_exact", table)
    build.con.execute("insert into stg_exact select * from _exact")
    build.con.unregister("_exact")
    if problems:
        frame = pd.DataFrame(problems, columns=["levering_id", "rij", "reden"])
        build.con.register("_problems", frame)
        build.con.execute("insert into stg_leesproblemen select * from _problems")
        build.con.unregister("_problems")


def _register_files(build: Build, files: list[DeliveryFile]) -> None:
    frame = pd.DataFrame(
        [
            {
                "levering_id": f.levering_id,
                "bestand": f.bestand,
                "map_code": f.found.map_code,
                "leverdatum": f.examined.leverdatum,
                "label": f.examined.label or None,
                "sha256": f.examined.sha256 or None,
                "grootte": f.examined.grootte if f.examined.sha256 else None,
                "formaat": f.info.formaat or None,
                "codering": f.info.codering or None,
                "scheidingsteken": f.info.scheidingsteken or None,
                "kopregel": f.info.kopregel or None,
                "kolommen": list(readers.shown_columns(tuple(f.info.kolommen))),
                "leespad": f.leespad,
                "leesweg": f.leesweg,
                "status": f.status,
                "reden": f.reden,
                "reden_kolom": f.reden_kolom,
                "rijen": f.rijen,
            }
            for f in files
        ],
        columns=[
            "levering_id",
            "bestand",
            "map_code",
            "leverdatum",
            "label",
            "sha256",
            "grootte",
            "formaat",
            "codering",
            "scheidingsteken",
            "kopregel",
            "kolommen",
            "leespad",
            "leesweg",
            "status",
            "reden",
            "reden_kolom",
            "rijen",
        ],
    )
    frame["leverdatum"] = pd.to_datetime(frame["leverdatum"]).dt.date
    build.con.register("_files", frame)
    build.con.execute("""
        create or replace table stg_bestanden as
        select levering_id::integer as levering_id, bestand::varchar as bestand,
            map_code::varchar as map_code, leverdatum::date as leverdatum, label::varchar as label,
            sha256::varchar as sha256, grootte::bigint as grootte, formaat::varchar as formaat,
            codering::varchar as codering, scheidingsteken::varchar as scheidingsteken,
            kopregel::integer as kopregel, kolommen::varchar[] as kolommen,
            leespad::varchar as leespad, leesweg::varchar as leesweg, status::varchar as status,
            reden::varchar as reden, reden_kolom::varchar as reden_kolom, rijen::integer as rijen
        from _files
    """)
    build.con.unregister("_files")


def _column_spec(names: list[str]) -> tuple[str, list[str]]:
    """DuckDB `columns` for a header: known columns by name, the others as x_<position>."""
    physical = [n if n in COLUMNS else f"x_{i}" for i, n in enumerate(names)]
    spec = "{" + ", ".join(f"{literal(p)}: 'VARCHAR'" for p in physical) + "}"
    extras = [p for p in physical if p.startswith("x_")]
    return spec, extras


class BulkReader:
    """Reads the files DuckDB can number exactly, in batches of one dialect, on a background
    thread: while DuckDB reads one batch (in parallel, and in order), Python looks at the next
    files. One batch at a time, so that a batch's rows get consecutive rowids."""

    def __init__(self, build: Build) -> None:
        self.con = build.con.cursor()
        # a longer line is read exactly, where every cell is held to grenzen.max_tekens_cel
        self.max_line = max(build.settings.grenzen.max_tekens_cel, 1 << 12)
        self.pending: dict[tuple, list[DeliveryFile]] = defaultdict(list)
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.jobs: list = []

    def add(self, f: DeliveryFile) -> None:
        key = (f.info.scheidingsteken, f.info.kopregel, tuple(f.info.kolommen), f.examined.bulk_codering)
        self.pending[key].append(f)
        if len(self.pending[key]) >= BULK_BATCH:
            self.jobs.append(self.pool.submit(self._read, key, self.pending.pop(key)))

    def finish(self) -> list[DeliveryFile]:
        """Read what is left, wait for every batch; returns the files to read exactly instead
        (those with rows DuckDB could not read)."""
        for key, members in self.pending.items():
            self.jobs.append(self.pool.submit(self._read, key, members))
        self.pending = defaultdict(list)
        try:
            return [f for job in self.jobs for f in job.result()]
        finally:
            self.pool.shutdown()
            self.con.close()

    def _read(self, key: tuple, members: list[DeliveryFile]) -> list[DeliveryFile]:
        delim, kopregel, names, codering = key
        con = self.con
        spec, extras = _column_spec(list(names))
        select = ", ".join(c if c in names else f"cast(null as varchar) as {c}" for c in COLUMNS)
        overig = f"[{', '.join(ident(x) for x in extras)}]" if extras else "cast(null as varchar[])"
        paths = "[" + ", ".join(literal(f.leespad) for f in members) + "]"
        options = (
            f"delim = {literal(delim)}, quote = '\"', escape = '\"', header = true, "
            f"skip = {kopregel - 1}, auto_detect = false, columns = {spec}, filename = true, "
            f"max_line_size = {self.max_line}"
            + (f", encoding = {literal(codering)}" if codering != "utf-8" else "")
        )
        before = con.execute("select coalesce(max(rowid) + 1, 0) from stg_bulk").fetchall()[0][0]
        skipped: set[str] = set()
        try:
            con.execute(
                f"insert into stg_bulk select filename, {select}, {overig} from read_csv({paths}, {options})"
            )
        except duckdb.Error:
            # a row DuckDB cannot read (ragged, broken quotes): read again, keeping the good
            # rows and learning which files had bad ones; those are read exactly
            con.execute(f"delete from stg_bulk where rowid >= {before}")
            con.execute(
                f"insert into stg_bulk select filename, {select}, {overig} from read_csv("
                f"{paths}, {options}, store_rejects = true, rejects_table = 'rej_fouten', "
                "rejects_scan = 'rej_scans')"
            )
            skipped = {
                p
                for (p,) in con.execute(
                    "select distinct s.file_path from rej_fouten f join rej_scans s using (scan_id, file_id)"
                ).fetchall()
            }
            con.execute("drop table if exists rej_fouten; drop table if exists rej_scans")
        con.execute(f"""insert into stg_bulk_eerste select filename, min(rowid) from stg_bulk
                        where rowid >= {before} group by filename""")
        if skipped:
            con.execute("delete from stg_bulk where list_contains(?, filename)", [sorted(skipped)])
        for f in members:  # the private copies are read: gone (those to read again stay)
            if f.leespad not in skipped:
                Path(f.leespad or "").unlink(missing_ok=True)
        return [f for f in members if f.leespad in skipped]


def _count_rows(build: Build, files: list[DeliveryFile]) -> None:
    counts = dict(
        build.con.execute("""
        select levering_id, count(*) from (
            select levering_id from stg_leveringrijen
            union all select levering_id from stg_leesproblemen
        ) group by levering_id
    """).fetchall()
    )
    for f in files:
        f.rijen = int(counts.get(f.levering_id, 0))
        if f.status == ACCEPTED and f.rijen == 0:
            f.refuse("het bestand bevat geen cijfers: onder de kopregel staan geen rijen")
