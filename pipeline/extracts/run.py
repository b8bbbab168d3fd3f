"""One extract: read the database once, write the data file and `datapackage.json` beside it.

An extract folder holds one extract: its data file (named per format) and the descriptor that
describes it. Files are written under temporary names and renamed into place, the descriptor
last, so a killed extract never leaves a descriptor that disagrees with its data; a data file
of another format left from an earlier extract in the same folder is removed for the same reason.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.config import load_settings
from pipeline.extracts import datapackage, notes
from pipeline.extracts.formats import (
    FORMATS,
    XLSX_MAX_ROWS,
    write_csv,
    write_parquet,
    write_xlsx,
)
from pipeline.extracts.query import Filters, UsageError, figures, manifest_id, resolve, synthetic
from pipeline.vocabulary import PUBLISHED_STATUSES


@dataclass(frozen=True)
class Release:
    """What the database says about the build an extract comes from."""

    manifest_id: str
    synthetic: bool
    enums: dict[str, list[str]]
    rules: dict[str, object]  # the disclosure thresholds the build used (publicatie_regels)


@dataclass(frozen=True)
class ExtractResult:
    data: Path
    descriptor: Path
    rows: int
    suppressed: int
    release: Release
    filters: Filters
    seconds: float


def read(db: Path, filters: Filters) -> tuple[pa.Table, Release, Filters]:
    """The published figures for `filters`, and the release they belong to; UsageError when the
    database is missing or is no monitor database, or a filter names something it does not know."""
    db = Path(db)
    if not db.is_file():
        raise UsageError(
            f"de database {db} bestaat niet; bouw hem eerst met `make` of `python -m pipeline run`"
        )
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as e:
        raise UsageError(f"{db} is geen DuckDB-database die te openen is ({e})") from e
    try:
        resolved = resolve(con, filters)
        table = figures(con, resolved)
        release = release_of(con)
    except duckdb.CatalogException as e:
        raise UsageError(
            f"{db} is geen database van de monitor, of van een oudere versie; bouw hem "
            f"opnieuw met `make` ({e})"
        ) from e
    finally:
        con.close()
    return table, release, resolved


def release_of(con: duckdb.DuckDBPyConnection) -> Release:
    """What the database on `con` says about its build (also used by the API, dashboard/api)."""
    return Release(manifest_id(con), synthetic(con), _enums(con), _rules(con))


def _rules(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """The disclosure thresholds of the build (`onthulling.*` in publicatie_regels), as numbers
    where they are numbers."""
    out: dict[str, object] = {}
    for naam, waarde in con.execute(
        "select naam, waarde from publicatie_regels where naam like 'onthulling.%' order by naam"
    ).fetchall():
        key = naam.removeprefix("onthulling.")
        out[key] = int(waarde) if waarde.isdigit() else [w.strip() for w in waarde.split(",")]
    return out


def _enums(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The codes a column may hold, from the catalogue in the database and the settings."""
    codes = lambda sql: [c for (c,) in con.execute(sql).fetchall()]  # noqa: E731
    return {
        "domein": codes("select distinct domein from indicatoren order by 1"),
        "indicator": codes("select indicator from indicatoren order by volgorde"),
        "doelgroep": list(load_settings().validatie.doelgroepen),
        "status": list(PUBLISHED_STATUSES),
    }


def write_data(table: pa.Table, path: Path, fmt: str, release: Release, filters: dict[str, object]) -> None:
    """Write the figures `table` as the data file of format `fmt` at `path` (the extract's writers;
    the API serves the same bytes). `filters` as they are described in the notes sheet."""
    spec = FORMATS[fmt]
    if fmt in ("csv", "csv-nl"):
        write_csv(table, path, spec)
    elif fmt == "xlsx":
        suppressed = int(pc.sum(table.column("onderdrukt")).as_py() or 0)
        write_xlsx(
            table,
            path,
            notes.sheet(release.synthetic, release.manifest_id, filters, table.num_rows, suppressed),
            notes.TITLE,
            warn=release.synthetic,
        )
    else:
        write_parquet(
            table,
            path,
            {
                "manifest_id": release.manifest_id,
                "synthetisch": "true" if release.synthetic else "false",
                "titel": notes.TITLE,
                "beschrijving": notes.description(release.synthetic),
            },
        )


def extract(
    db: Path, out: Path, fmt: str = "csv-nl", filters: Filters | None = None, taal: str = "nl"
) -> ExtractResult:
    """Write the extract of `db` in format `fmt` to the folder `out`; `taal="en"`: datapackage.json's
    titles and descriptions in English."""
    started = time.perf_counter()
    if fmt not in FORMATS:
        raise UsageError(f"onbekend formaat {fmt!r}; kies uit {', '.join(FORMATS)}")
    spec = FORMATS[fmt]
    table, release, resolved = read(db, filters or Filters())
    if fmt == "xlsx" and table.num_rows + 1 > XLSX_MAX_ROWS:
        raise UsageError(
            f"{table.num_rows} rijen passen niet in één Excel-blad (hooguit "
            f"{XLSX_MAX_ROWS - 1}); kies csv-nl of parquet, of filter"
        )
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    data, descriptor = out / spec.filename, out / datapackage.FILENAME
    temporary = [out / f".{p.name}.tmp-{os.getpid()}" for p in (data, descriptor)]
    suppressed = int(pc.sum(table.column("onderdrukt")).as_py() or 0)
    try:
        write_data(table, temporary[0], fmt, release, resolved.describe())
        package = datapackage.descriptor(
            spec,
            temporary[0].read_bytes(),
            release.synthetic,
            release.manifest_id,
            resolved.describe(),
            release.enums,
            release.rules,
            taal,
        )
        temporary[1].write_bytes(datapackage.dumps(package))
        os.replace(temporary[0], data)
        os.replace(temporary[1], descriptor)
    finally:
        for t in temporary:
            t.unlink(missing_ok=True)
    for other in {f.filename for f in FORMATS.values()} - {spec.filename}:
        (out / other).unlink(missing_ok=True)
    return ExtractResult(
        data, descriptor, table.num_rows, suppressed, release, resolved, time.perf_counter() - started
    )
