"""Stage 6 — publish: write the manifest and put the new database in place of the old one, whole.

The stages before write their tables into a temporary database beside `monitor.duckdb`
(`new_database`); this stage closes it, flushes it to disk, and only then renames it over
`monitor.duckdb` — one atomic step, so that a failed or killed build leaves the previous
database exactly as it was, and a dashboard that has the old file open keeps reading it until it
reopens. A run manifest (input files with sha256, package versions, rows per table, duration,
the disclosure audit) goes into the database and beside it as `manifest.json`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

from pipeline import __version__
from pipeline.build import MANIFEST, Build
from pipeline.config import REFERENCE_DIR, REFERENCE_FILES, SETTINGS_PATH, SYNTHETIC_MARKER

OUT = "uit"
PACKAGES = ("duckdb", "pandas", "pandera", "numpy", "scipy", "pyarrow", "openpyxl", "python-calamine")


@contextmanager
def new_database(build: Build) -> Iterator[None]:
    """Attach a new, empty database beside `monitor.duckdb` as catalog `uit`, for the stages that
    write the published tables; on any failure it is removed, and the old database stays."""
    con = build.con
    tmp = build.temporary_database
    tmp.unlink(missing_ok=True)
    con.execute(f"attach '{tmp}' as {OUT}")
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):  # already detached, or the connection is gone
            con.execute(f"detach {OUT}")
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        raise


def run(build: Build, summary: dict | None = None) -> dict:
    """Write the manifest into the new database, close it and swap it in; returns the manifest.

    `summary` (e.g. the disclosure audit) goes into the manifest as it is."""
    con = build.con
    counts = table_counts(build)
    manifest = make_manifest(build, counts) | (summary or {})
    write_manifest_tables(build, manifest)
    con.execute(f"detach {OUT}")
    _fsync(build.temporary_database)
    os.replace(build.temporary_database, build.database)
    _fsync_dir(build.out_dir)
    _write_json_atomically(build.out_dir / MANIFEST, manifest)
    return manifest


def table_counts(build: Build) -> dict[str, int]:
    """Rows per table of the new database."""
    names = [
        n
        for (n,) in build.con.execute(
            "select table_name from duckdb_tables() where database_name = ? order by table_name", [OUT]
        ).fetchall()
    ]
    return {n: build.con.execute(f'select count(*) from {OUT}."{n}"').fetchall()[0][0] for n in names}


def is_synthetic(build: Build) -> bool:
    """The sample generator leaves a marker beside its deliveries; real deliveries have none."""
    return (build.deliveries_dir / SYNTHETIC_MARKER).exists()


def input_files(build: Build) -> list[dict]:
    rows = build.con.execute("""
        select bestand, sha256, grootte, status from stg_bestanden order by bestand
    """).fetchall()
    out = [
        {"bestand": b, "soort": "levering", "sha256": s, "grootte": g, "status": st} for b, s, g, st in rows
    ]
    for name in REFERENCE_FILES:
        path = build.reference_dir / name
        if path.exists():
            data = path.read_bytes()
            out.append(
                {
                    "bestand": f"{REFERENCE_DIR}/{name}",
                    "soort": "referentie",
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "grootte": len(data),
                    "status": "gebruikt",
                }
            )
    settings = SETTINGS_PATH.read_bytes()
    out.append(
        {
            "bestand": "pipeline/settings.toml",
            "soort": "instellingen",
            "sha256": hashlib.sha256(settings).hexdigest(),
            "grootte": len(settings),
            "status": "gebruikt",
        }
    )
    return out


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    out["monitor-inclusie-roma"] = __version__
    for p in PACKAGES:
        try:
            out[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            out[p] = "onbekend"
    return out


def make_manifest(build: Build, counts: dict[str, int]) -> dict:
    """The run manifest. Its id depends only on inputs and versions, so a rebuild of the same
    inputs with the same software has the same id."""
    files = input_files(build)
    v = versions()
    ident = hashlib.sha256(
        json.dumps(
            {"bestanden": [(f["bestand"], f["sha256"]) for f in files], "versies": v}, sort_keys=True
        ).encode()
    ).hexdigest()[:16]
    status = dict(build.con.execute("select status, count(*) from stg_bestanden group by 1").fetchall())
    quarantined = build.con.execute(f"select count(*) from {OUT}.quarantaine").fetchall()[0][0]
    return {
        "id": ident,
        "gemaakt": datetime.now(UTC).isoformat(timespec="seconds"),
        "duur_s": round(time.time() - build.started, 3),
        "synthetisch": is_synthetic(build),
        "raw": str(build.raw_dir),
        "versies": v,
        "leveringen": {
            "geaccepteerd": status.get("geaccepteerd", 0),
            "geweigerd": status.get("geweigerd", 0),
        },
        "rijen_quarantaine": quarantined,
        "tabellen": counts,
        "stappen_s": {k: round(t, 3) for k, t in build.progress.timings.items()},
        "invoer": files,
    }


def write_manifest_tables(build: Build, manifest: dict) -> None:
    con = build.con
    head = pd.DataFrame(
        [
            {
                "id": manifest["id"],
                "gemaakt": manifest["gemaakt"],
                "duur_s": manifest["duur_s"],
                "synthetisch": manifest["synthetisch"],
                "raw": manifest["raw"],
                "versies": json.dumps(manifest["versies"], sort_keys=True),
                "leveringen_geaccepteerd": manifest["leveringen"]["geaccepteerd"],
                "leveringen_geweigerd": manifest["leveringen"]["geweigerd"],
                "rijen_quarantaine": manifest["rijen_quarantaine"],
                "stappen_s": json.dumps(manifest["stappen_s"], sort_keys=True),
            }
        ]
    )
    files = pd.DataFrame(manifest["invoer"])
    tables = pd.DataFrame(sorted(manifest["tabellen"].items()), columns=["tabel", "rijen"])
    for name, frame in (("manifest", head), ("manifest_invoer", files), ("manifest_tabellen", tables)):
        con.register("_m", frame)
        con.execute(f"create or replace table {OUT}.{name} as select * from _m")
        con.unregister("_m")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json_atomically(path: Path, content: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(content, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)
