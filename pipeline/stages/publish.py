"""Stage 4 — publish: the marts of CONTRACT §3 into a new database that replaces the old one whole.

The marts are written into a temporary database beside `monitor.duckdb`, checked against their
schemas, closed and flushed to disk, and only then renamed over `monitor.duckdb` — one atomic
step, so that a failed or killed build leaves the previous database exactly as it was, and a
dashboard that has the old file open keeps reading it until it reopens. A run manifest (input
files with sha256, package versions, rows per table, duration) goes into the database and
beside it as `manifest.json`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

from pipeline import __version__, effecten, kloof, nulmeting, schemas
from pipeline.build import MANIFEST, Build
from pipeline.config import BURGLARY_FILE, REFERENCE_DIR, REFERENCE_FILES, SETTINGS_PATH
from pipeline.sample import MARKER
from pipeline.sqlcheck import violations_sql
from pipeline.stages.validate import BrokenInvariant

OUT = "uit"
MARTS = ("gemeenten", "indicatoren", "proeftuinen", "leveringen", "waarnemingen",
         "waarnemingen_indeling", "waarnemingen_vervangen", "quarantaine", "herindelingen")  # fmt: skip
PACKAGES = ("duckdb", "pandas", "pandera", "numpy", "scipy", "pyarrow", "openpyxl", "python-calamine")


def run(build: Build) -> dict:
    """Write the marts and the manifest to a new database and swap it in; returns the manifest."""
    con = build.con
    tmp = build.temporary_database
    tmp.unlink(missing_ok=True)
    con.execute(f"attach '{tmp}' as {OUT}")
    try:
        counts = write_marts(build)
        manifest = make_manifest(build, counts)
        write_manifest_tables(build, manifest)
        con.execute(f"detach {OUT}")
        _fsync(tmp)
        os.replace(tmp, build.database)
        _fsync_dir(build.out_dir)
        _write_json_atomically(build.out_dir / MANIFEST, manifest)
    except BaseException:
        with contextlib.suppress(Exception):  # already detached, or the connection is gone
            con.execute(f"detach {OUT}")
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        raise
    return manifest


def write_marts(build: Build) -> dict[str, int]:
    con = build.con
    params = {
        "nulmeting_zonder_proeftuin": build.settings.nulmeting.year(None),
        "burglary_bestand": f"{REFERENCE_DIR}/{BURGLARY_FILE}",
        "indeling_jaar": con.execute("select max(jaar) from stg_gemeenten").fetchall()[0][0],
        "max_ontbrekend_aandeel": build.settings.herindeling.max_ontbrekend_aandeel,
    }
    counts = {m: build.model(m, params, catalog=OUT) for m in MARTS}
    _check(build, f"{OUT}.waarnemingen", schemas.waarnemingen(build.ref),
           ["gemeente_code", "periode", "indicator", "doelgroep"])  # fmt: skip

    frames = {t: con.execute(f"select * from {OUT}.{t}").df()
              for t in ("gemeenten", "indicatoren")}  # fmt: skip
    # the analyses read one classification, the latest (CONTRACT §1): no area counted twice
    w = con.execute(f"""
        select gemeente_code, indicator, doelgroep, jaar, periode, teller, noemer, waarde
        from {OUT}.waarnemingen_indeling
        where in_analyses
    """).df()  # fmt: skip
    vergelijking = nulmeting.compare(w, frames["gemeenten"], frames["indicatoren"],
                                     build.settings.nulmeting, build.settings.status)  # fmt: skip
    schemas.vergelijking_nulmeting(nulmeting.STATUSES).validate(vergelijking, lazy=True)
    con.register("_vergelijking", vergelijking)
    con.execute(f"create or replace table {OUT}.vergelijking_nulmeting as select * from _vergelijking")
    con.unregister("_vergelijking")
    counts["vergelijking_nulmeting"] = len(vergelijking)

    with build.progress.stage("effecten", "Effecten: proeftuinen tegen niet-proeftuinen, kloof roma–totaal"):
        s = build.settings
        analyses = effecten.tables(w, frames["gemeenten"], frames["indicatoren"], s.effecten)
        analyses["kloof"] = kloof.kloof(w, frames["gemeenten"], frames["indicatoren"],
                                        s.nulmeting, s.status, s.kloof)  # fmt: skip
        for name, frame in analyses.items():
            con.register("_analyse", _text_when_empty(frame))
            con.execute(f"create or replace table {OUT}.{name} as select * from _analyse")
            con.unregister("_analyse")
            counts[name] = len(frame)
    return counts


def _text_when_empty(frame: pd.DataFrame) -> pd.DataFrame:
    """A text column with no value in this build still becomes VARCHAR, not DuckDB's NULL type
    (which nobody can update or cast into later)."""
    empty = [c for c in frame.columns if frame[c].dtype == object and frame[c].isna().all()]
    return frame.astype(dict.fromkeys(empty, "string")) if empty else frame


def _check(build: Build, table: str, schema: object, key: list[str]) -> None:
    found = build.con.execute(
        f"select regel, count(*) from ({violations_sql(table, schema, key)}) group by all"
    ).fetchall()
    if found:
        raise BrokenInvariant(f"{table} houdt zich niet aan zijn schema: {found}")


def is_synthetic(build: Build) -> bool:
    """The sample generator leaves a marker beside its deliveries; real deliveries have none."""
    return (build.deliveries_dir / MARKER).exists()


def input_files(build: Build) -> list[dict]:
    rows = build.con.execute("""
        select bestand, sha256, grootte, status from stg_bestanden order by bestand
    """).fetchall()
    out = [{"bestand": b, "soort": "levering", "sha256": s, "grootte": g, "status": st}
           for b, s, g, st in rows]  # fmt: skip
    for name in REFERENCE_FILES:
        path = build.reference_dir / name
        if path.exists():
            data = path.read_bytes()
            out.append({"bestand": f"{REFERENCE_DIR}/{name}", "soort": "referentie",
                        "sha256": hashlib.sha256(data).hexdigest(), "grootte": len(data),
                        "status": "gebruikt"})  # fmt: skip
    settings = SETTINGS_PATH.read_bytes()
    out.append({"bestand": "pipeline/settings.toml", "soort": "instellingen",
                "sha256": hashlib.sha256(settings).hexdigest(), "grootte": len(settings),
                "status": "gebruikt"})  # fmt: skip
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
    ident = hashlib.sha256(json.dumps(
        {"bestanden": [(f["bestand"], f["sha256"]) for f in files], "versies": v},
        sort_keys=True).encode()).hexdigest()[:16]  # fmt: skip
    status = dict(build.con.execute("select status, count(*) from stg_bestanden group by 1").fetchall())
    quarantined = build.con.execute(f"select count(*) from {OUT}.quarantaine").fetchall()[0][0]
    return {
        "id": ident,
        "gemaakt": datetime.now(UTC).isoformat(timespec="seconds"),
        "duur_s": round(time.time() - build.started, 3),
        "synthetisch": is_synthetic(build),
        "raw": str(build.raw_dir),
        "versies": v,
        "leveringen": {"geaccepteerd": status.get("geaccepteerd", 0),
                       "geweigerd": status.get("geweigerd", 0)},
        "rijen_quarantaine": quarantined,
        "tabellen": counts,
        "stappen_s": {k: round(t, 3) for k, t in build.progress.timings.items()},
        "invoer": files,
    }


def write_manifest_tables(build: Build, manifest: dict) -> None:
    con = build.con
    head = pd.DataFrame([{
        "id": manifest["id"], "gemaakt": manifest["gemaakt"], "duur_s": manifest["duur_s"],
        "synthetisch": manifest["synthetisch"], "raw": manifest["raw"],
        "versies": json.dumps(manifest["versies"], sort_keys=True),
        "leveringen_geaccepteerd": manifest["leveringen"]["geaccepteerd"],
        "leveringen_geweigerd": manifest["leveringen"]["geweigerd"],
        "rijen_quarantaine": manifest["rijen_quarantaine"],
        "stappen_s": json.dumps(manifest["stappen_s"], sort_keys=True),
    }])  # fmt: skip
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
    tmp.write_text(json.dumps(content, indent=2, ensure_ascii=False, default=str) + "\n",
                   encoding="utf-8")  # fmt: skip
    os.replace(tmp, path)
