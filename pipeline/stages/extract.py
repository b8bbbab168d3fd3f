"""Stage 1 — extract: every delivery and the CBS tables into staging tables, each row with its lineage.

Deliveries are looked at once in Python (hash, encoding, header, personal-data columns) and read
in bulk by DuckDB, grouped by dialect; files DuckDB cannot number exactly (XLSX, blank lines,
line breaks inside quotes, ragged rows) are read row by row in Python instead. Both paths give
`stg_leveringrijen`: all text, with `levering_id` and `rij` (the row number as Excel shows it).
A file that cannot be read as a table, or that holds data about persons, is refused whole and
none of its values goes further than this stage.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from pipeline import privacy, readers
from pipeline.build import Build
from pipeline.config import (
    BURGLARY_FILE,
    MUNICIPALITY_REGISTER_FILE,
    POPULATION_FILE,
)
from pipeline.readers import COLUMNS, Refused
from pipeline.sqlcheck import ident, literal

ACCEPTED = "geaccepteerd"
REFUSED = "geweigerd"
DOC_SUFFIXES = (".md", ".txt", ".pdf", ".docx")
STAGING_COLUMNS = ("levering_id", "rij", *COLUMNS, "overig")


@dataclass
class DeliveryFile:
    """One delivery file and what the extract stage learned about it."""

    levering_id: int
    path: Path
    bestand: str  # relative to the raw folder, as lineage names it
    map_code: str | None
    leverdatum: date | None = None
    label: str = ""
    info: readers.Inspection = field(default_factory=readers.Inspection)
    status: str = ACCEPTED
    reden: str | None = None
    reden_kolom: str | None = None
    leespad: str | None = None  # what DuckDB reads (a UTF-8 copy for other encodings)
    leesweg: str | None = None  # bulk | exact
    rijen: int = 0

    def refuse(self, reason: str, kolom: str | None = None) -> None:
        self.status, self.reden, self.reden_kolom = REFUSED, reason, kolom


def run(build: Build, files: list[Path] | None = None) -> list[DeliveryFile]:
    """Stage reference tables and deliveries (all under `<raw>/leveringen`, or the given files)."""
    stage_reference(build)
    paths = discover(build.deliveries_dir) if files is None else files
    return stage_deliveries(build, paths)


# --------------------------------------------------------------------------- reference


def stage_reference(build: Build) -> None:
    """The catalogue, the pilot register and the CBS tables as staging tables."""
    ref, rule = build.ref, build.settings.nulmeting
    con = build.con
    indicatoren = pd.DataFrame([{
        "indicator": i.code, "domein": i.domein, "domein_naam": ref.domeinen.get(i.domein, i.domein),
        "naam": i.naam, "definitie": i.definitie, "eenheid": i.eenheid,
        "vermenigvuldiger": i.vermenigvuldiger, "periodetype": i.periodetype,
        "richting": i.richting, "streefwaarde": i.streefwaarde, "bron": i.bron,
        "noemer_omschrijving": i.noemer_omschrijving, "volgorde": i.volgorde,
    } for i in ref.indicatoren])  # fmt: skip
    indicatoren["streefwaarde"] = indicatoren["streefwaarde"].astype("float64")

    def letters(keys: str) -> str:
        return "; ".join(
            f"{ref.brieven[k].kamerstuk} ({ref.brieven[k].datum.strftime('%d-%m-%Y')})"
            for k in (s.strip() for s in keys.split(",")) if k
        )  # fmt: skip

    proeftuinen = pd.DataFrame([{
        "naam": p.naam, "soort": p.soort, "gemeente_code": p.gemeente_code, "fase": p.fase,
        "startjaar": p.startjaar, "startjaar_aanname": p.startjaar_aanname,
        "startjaar_toelichting": p.startjaar_toelichting or None,
        "nulmeting_jaar": rule.year(p.startjaar), "subsidie": p.subsidie,
        "interventies": list(p.interventies),
        **{f"bron_{k}": letters(p.bronnen.get(k, "")) or None
           for k in ("deelname", "startjaar", "subsidie", "interventies")},
    } for p in ref.proeftuinen])  # fmt: skip
    vergelijking = pd.DataFrame(
        [{"naam": v.naam, "gemeente_code": v.gemeente_code, "toelichting": v.toelichting,
          "bron": letters(v.bron)} for v in ref.vergelijking],
        columns=["naam", "gemeente_code", "toelichting", "bron"],
    )
    for name, frame in (("stg_indicatoren", indicatoren), ("stg_proeftuinen", proeftuinen),
                        ("stg_vergelijking", vergelijking)):  # fmt: skip
        con.register("_frame", frame)
        con.execute(f"create or replace table {name} as select * from _frame")
        con.unregister("_frame")
    params = {
        "register_file": str(build.reference_dir / MUNICIPALITY_REGISTER_FILE),
        "population_file": str(build.reference_dir / POPULATION_FILE),
        "burglary_file": str(build.reference_dir / BURGLARY_FILE),
    }
    for model in ("stg_gemeenten", "stg_bevolking", "stg_woninginbraak"):
        build.model(model, params)


# --------------------------------------------------------------------------- deliveries


def discover(deliveries_dir: Path) -> list[Path]:
    """Every delivery under `leveringen/`, in a stable order; documentation files are skipped."""
    if not deliveries_dir.is_dir():
        return []
    out = []
    for path in sorted(deliveries_dir.rglob("*")):
        if not path.is_file() or path.name.startswith((".", "~$")):
            continue
        if path.parent == deliveries_dir and path.suffix.lower() in DOC_SUFFIXES:
            continue
        out.append(path)
    return out


def _relative(path: Path, raw_dir: Path) -> str:
    """The file's name in lineage: its path under the raw folder (`leveringen/GM0228/...`)."""
    try:
        return path.relative_to(raw_dir).as_posix()
    except ValueError:
        return path.name


def _folder_code(path: Path, deliveries_dir: Path) -> str | None:
    """The municipality whose folder holds the file (`leveringen/GM0228/...`), if it is one."""
    try:
        parts = path.relative_to(deliveries_dir).parts
    except ValueError:
        parts = (path.parent.name, path.name)
    if len(parts) < 2:
        return None
    return normalise_code(parts[0])


def normalise_code(text: str) -> str | None:
    """`GM0228`, `gm228`, `0228` and `228` → `GM0228`; anything else → None."""
    t = text.strip().upper().removeprefix("GM").strip()
    return f"GM{int(t):04d}" if t.isdigit() and len(t) <= 4 else None


def stage_deliveries(build: Build, paths: list[Path]) -> list[DeliveryFile]:
    """Inspect and read every file; `stg_leveringrijen` (a view) then holds every row with its
    file and row number, and `stg_bestanden` every file with what became of it."""
    con = build.con
    text_columns = ", ".join(f"{c} varchar" for c in COLUMNS)
    # bulk rows keep the order DuckDB read them in: rowid − the file's first rowid is the row
    con.execute(f"create or replace table stg_bulk (filename varchar, {text_columns}, overig varchar[])")
    con.execute("create or replace table stg_bulk_eerste (filename varchar, eerste bigint)")
    con.execute(f"create or replace table stg_exact (levering_id integer, rij integer, {text_columns}, "
                "overig varchar[])")  # fmt: skip
    con.execute("create or replace table stg_leesproblemen (levering_id integer, rij integer, reden varchar)")
    files: list[DeliveryFile] = []
    exact: dict[str, list] = {c: [] for c in STAGING_COLUMNS}
    problems: list[tuple[int, int, str]] = []
    transcoded = build.work_dir / "utf8"
    raw_dir, deliveries_dir = build.raw_dir.resolve(), build.deliveries_dir.resolve()
    reader = BulkReader(build)
    with build.progress.step("bestanden lezen"):
        for n, (given, data) in enumerate(_read_all(paths), start=1):
            path = given.absolute()
            if not path.is_relative_to(raw_dir):
                path = path.resolve()  # a symlink or '..' that leads into the raw folder after all
            f = DeliveryFile(n, path, _relative(path, raw_dir), _folder_code(path, deliveries_dir))
            files.append(f)
            _inspect(f, data, transcoded, exact, problems)
            if f.leesweg == "bulk":
                reader.add(f)
            build.progress.count(n, len(paths), "bestanden bekeken")
        redo = reader.finish()
    for f in redo:
        # DuckDB could not read every row of this file (ragged rows, or not UTF-8 after all):
        # read it exactly instead
        data = f.path.read_bytes()
        f.info.codering = readers.decode(data)[1]
        rows = readers.exact_rows(data, f.info)
        _append_exact(exact, problems, f, rows)
        f.leesweg = "exact"
    _insert_exact(build, exact, problems)
    _register_files(build, files)
    con.execute(STAGING_VIEW)
    _count_rows(build, files)
    with build.progress.step("persoonsgegevens zoeken"):
        _refuse_personal_values(build, files)
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
READ_BATCH = 64  # files read and hashed ahead, in parallel threads
BULK_BATCH = 1000  # files of one dialect that DuckDB reads in one query


Loaded = tuple[bytes, str, "readers.Sheet | Refused | None"]  # bytes, sha256, a workbook's sheet


def _read_all(paths: list[Path]) -> Iterator[tuple[Path, Loaded | OSError]]:
    """(path, (bytes, sha256, sheet)) in order, read, hashed and (workbooks) parsed a batch ahead
    by threads (all three release the GIL)."""
    def load(path: Path) -> Loaded | OSError:
        try:
            data = path.read_bytes()
        except OSError as e:
            return e
        sheet: readers.Sheet | Refused | None = None
        if data.startswith(readers.ZIP_MAGIC):
            try:
                sheet = readers.read_xlsx(data)
            except Refused as e:
                sheet = e
        return data, hashlib.sha256(data).hexdigest(), sheet

    with ThreadPoolExecutor(max_workers=min(4, (os.cpu_count() or 1) + 1)) as pool:
        for start in range(0, len(paths), READ_BATCH):
            batch = paths[start : start + READ_BATCH]
            yield from zip(batch, pool.map(load, batch), strict=True)


def _inspect(f: DeliveryFile, loaded: Loaded | OSError, transcoded: Path,
             exact: dict[str, list], problems: list[tuple[int, int, str]]) -> None:  # fmt: skip
    try:
        f.leverdatum, f.label = readers.parse_file_name(f.path.name)
        if f.path.suffix.lower() not in (".csv", ".xlsx"):
            raise Refused("het bestand is geen CSV of XLSX")
        if isinstance(loaded, OSError):
            raise loaded
        data, sha, sheet = loaded
        if isinstance(sheet, Refused):
            raise sheet
        f.info = readers.inspect(f.path, data, sha, sheet)
        _refuse_personal_title_lines(f.info)
        if f.info.fast and f.info.codering not in ("utf-8", "utf-8-sig") and _may_hold_personal_data(data):
            # DuckDB reads UTF-8 only, so such a file would be copied to disk as UTF-8 first;
            # a file that might hold personal data is read in memory instead, and never copied
            f.info.fast = False
        if f.info.fast:
            f.leesweg = "bulk"
            if f.info.codering in ("utf-8", "utf-8-sig"):
                f.leespad = str(f.path)
            else:
                transcoded.mkdir(parents=True, exist_ok=True)
                target = transcoded / f"{f.levering_id}.csv"
                text, _ = readers.decode(data)
                target.write_bytes(text.encode("utf-8"))
                f.leespad = str(target)
        else:
            f.leesweg = "exact"
            _append_exact(exact, problems, f, readers.exact_rows(data, f.info))
            f.info.records = None
    except Refused as e:
        f.refuse(e.reason, e.kolom)
    except OSError as e:
        f.refuse(f"het bestand kan niet worden gelezen ({e.strerror or type(e).__name__})")
    except Exception as e:
        # only the kind of error: its message could quote a value from the file
        f.refuse(f"het bestand kan niet worden gelezen als tabel ({type(e).__name__})")


def _may_hold_personal_data(data: bytes) -> bool:
    """Could any value be a BSN, e-mail address or phone number? (The whole text at once: a
    separator between cells breaks every pattern, so this finds at least what a per-cell scan finds.)"""
    return privacy.may_hold_personal_data(data) and privacy.value_kind(readers.decode(data)[0]) is not None


def _refuse_personal_title_lines(info: readers.Inspection) -> None:
    """Title lines above the header are not loaded, but a BSN or e-mail there still refuses the file."""
    for n, line in enumerate(info.titelregels, start=1):
        kind = privacy.value_kind(line)
        if kind:
            raise Refused(
                f"het bestand bevat gegevens over personen: een {kind} in rij {n} (boven de kopregel); "
                "lever alleen geaggregeerde cijfers", privacy=True,
            )  # fmt: skip


def _append_exact(exact: dict[str, list], problems: list[tuple[int, int, str]],
                  f: DeliveryFile, rows: readers.Rows) -> None:  # fmt: skip
    n = len(rows.rij)
    exact["levering_id"] += [f.levering_id] * n
    exact["rij"] += rows.rij
    for c in COLUMNS:
        exact[c] += rows.values[c]
    exact["overig"] += rows.overig if rows.overig else [None] * n
    problems += [(f.levering_id, p.rij, p.reden) for p in rows.problems]


def _insert_exact(build: Build, exact: dict[str, list], problems: list[tuple[int, int, str]]) -> None:
    table = pa.table({
        "levering_id": pa.array(exact["levering_id"], pa.int32()),
        "rij": pa.array(exact["rij"], pa.int32()),
        **{c: pa.array(exact[c], pa.string()) for c in COLUMNS},
        "overig": pa.array(exact["overig"], pa.list_(pa.string())),
    })  # fmt: skip
    build.con.register("_exact", table)
    build.con.execute("insert into stg_exact select * from _exact")
    build.con.unregister("_exact")
    if problems:
        frame = pd.DataFrame(problems, columns=["levering_id", "rij", "reden"])
        build.con.register("_problems", frame)
        build.con.execute("insert into stg_leesproblemen select * from _problems")
        build.con.unregister("_problems")


def _register_files(build: Build, files: list[DeliveryFile]) -> None:
    frame = pd.DataFrame([{
        "levering_id": f.levering_id, "bestand": f.bestand, "map_code": f.map_code,
        "leverdatum": f.leverdatum, "label": f.label or None, "sha256": f.info.sha256 or None,
        "grootte": f.info.grootte, "formaat": f.info.formaat or None,
        "codering": f.info.codering or None, "scheidingsteken": f.info.scheidingsteken or None,
        "kopregel": f.info.kopregel or None, "kolommen": f.info.kolommen,
        "leespad": f.leespad, "leesweg": f.leesweg, "status": f.status, "reden": f.reden,
        "reden_kolom": f.reden_kolom, "rijen": f.rijen,
    } for f in files], columns=[
        "levering_id", "bestand", "map_code", "leverdatum", "label", "sha256", "grootte", "formaat",
        "codering", "scheidingsteken", "kopregel", "kolommen", "leespad", "leesweg", "status",
        "reden", "reden_kolom", "rijen",
    ])  # fmt: skip
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
        self.pending: dict[tuple, list[DeliveryFile]] = defaultdict(list)
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.jobs: list = []

    def add(self, f: DeliveryFile) -> None:
        key = (f.info.scheidingsteken, f.info.kopregel, tuple(f.info.kolommen))
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
        delim, kopregel, names = key
        con = self.con
        spec, extras = _column_spec(list(names))
        select = ", ".join(c if c in names else f"cast(null as varchar) as {c}" for c in COLUMNS)
        overig = f"[{', '.join(ident(x) for x in extras)}]" if extras else "cast(null as varchar[])"
        paths = "[" + ", ".join(literal(f.leespad) for f in members) + "]"
        options = (f"delim = {literal(delim)}, quote = '\"', escape = '\"', header = true, "
                   f"skip = {kopregel - 1}, auto_detect = false, columns = {spec}, filename = true")
        before = con.execute("select coalesce(max(rowid) + 1, 0) from stg_bulk").fetchall()[0][0]
        skipped: set[str] = set()
        try:
            con.execute(f"insert into stg_bulk select filename, {select}, {overig} "
                        f"from read_csv({paths}, {options})")  # fmt: skip
        except duckdb.Error:
            # a row DuckDB cannot read (ragged, broken quotes): read again, keeping the good
            # rows and learning which files had bad ones; those are read exactly
            con.execute(f"delete from stg_bulk where rowid >= {before}")
            con.execute(f"insert into stg_bulk select filename, {select}, {overig} from read_csv("
                        f"{paths}, {options}, store_rejects = true, rejects_table = 'rej_fouten', "
                        "rejects_scan = 'rej_scans')")  # fmt: skip
            skipped = {p for (p,) in con.execute(
                "select distinct s.file_path from rej_fouten f join rej_scans s using (scan_id, file_id)"
            ).fetchall()}  # fmt: skip
            con.execute("drop table if exists rej_fouten; drop table if exists rej_scans")
        con.execute(f"""insert into stg_bulk_eerste select filename, min(rowid) from stg_bulk
                        where rowid >= {before} group by filename""")
        if skipped:
            con.execute("delete from stg_bulk where list_contains(?, filename)", [sorted(skipped)])
        return [f for f in members if f.leespad in skipped]


def _count_rows(build: Build, files: list[DeliveryFile]) -> None:
    counts = dict(build.con.execute("""
        select levering_id, count(*) from (
            select levering_id from stg_leveringrijen
            union all select levering_id from stg_leesproblemen
        ) group by levering_id
    """).fetchall())  # fmt: skip
    for f in files:
        f.rijen = int(counts.get(f.levering_id, 0))
        if f.status == ACCEPTED and f.rijen == 0:
            f.refuse("het bestand bevat geen cijfers: onder de kopregel staan geen rijen")


def _refuse_personal_values(build: Build, files: list[DeliveryFile]) -> None:
    """Refuse files with a value that looks like a BSN, e-mail address or phone number, anywhere.

    The patterns run once per distinct value of a column, not once per row (free text repeats);
    only the rows of a hit are looked up. The reason names kinds, columns and rows, never a value.
    """
    con = build.con
    values = {c: ident(c) for c in COLUMNS} | {"overig": "array_to_string(overig, chr(31))"}
    # one scan per table: the distinct combinations of the values that could be personal data
    # (long enough, or with an @); every other value is blanked, so there are few combinations
    maybe = ", ".join(
        f"case when length({v}) >= 9 or contains({v}, '@') then {v} end as {ident(k)}"
        for k, v in values.items()
    )  # fmt: skip
    con.execute(f"""
        create or replace temp table _persoonswaarden as
        with kandidaten as (
            select distinct {maybe} from stg_bulk
            union
            select distinct {maybe} from stg_exact
        ),
        per_kolom as (
            unpivot kandidaten on {", ".join(ident(k) for k in values)} into name kolom value waarde
        )
        select kolom, waarde, soort from (
            select distinct kolom, waarde, {privacy.sql_value_kind("waarde")} as soort from per_kolom
        ) where soort is not null
    """)
    if not con.execute("select count(*) from _persoonswaarden").fetchall()[0][0]:
        con.execute("drop table _persoonswaarden")
        return
    hits = con.execute(" union all ".join(
        f"select r.levering_id, r.rij, p.kolom, p.soort from stg_leveringrijen r "
        f"join _persoonswaarden p on p.kolom = {literal(k)} and p.waarde = {v.replace('overig', 'r.overig')}"
        for k, v in values.items()
    )).fetchall()  # fmt: skip
    con.execute("drop table _persoonswaarden")
    if not hits:
        return
    by_file: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for levering_id, rij, kolom, soort in hits:
        by_file[levering_id].append((rij, kolom, soort))
    for f in files:
        found = sorted(by_file.get(f.levering_id, []))
        if not found:
            continue
        extras = [n for n in f.info.kolommen if n and n not in COLUMNS]
        described = []
        for rij, kolom, soort in found[:5]:
            where = kolom if kolom != "overig" else ("/".join(extras) or "overige kolommen")
            described.append(f"een {soort} in kolom {where}, rij {rij}")
        more = f" en {len(found) - 5} andere" if len(found) > 5 else ""
        f.refuse(
            "het bestand bevat gegevens over personen: " + "; ".join(described) + more
            + "; lever alleen geaggregeerde cijfers",
            kolom=found[0][1] if found[0][1] != "overig" else None,
        )  # fmt: skip
    refused = [f for f in files if f.levering_id in by_file]
    ids = ", ".join(str(f.levering_id) for f in refused)
    # none of their values stays behind, not even in the build's own memory
    paths = [f.leespad for f in refused if f.leespad]
    con.execute("delete from stg_bulk where list_contains(?, filename)", [paths])
    con.execute(f"delete from stg_exact where levering_id in ({ids})")
    con.execute(f"delete from stg_leesproblemen where levering_id in ({ids})")
