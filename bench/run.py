"""`make bench`: every performance figure of issue 7, as a table and in bench/results.json.

Runs, in this order: the pipeline at pilot, national and stress scale and on a mixed set (the
stress shape with Windows-1252 and Excel deliveries), each paired with DuckDB's bare read of the
same files; the growth series (1×, 2×, 4×, 8× the data); a full csv-nl extract
of the national build; the dashboard (bench/bench_dashboard.py) on the national build. The data
sets are generated once (seeded) under bench/output/ and reused.

    python bench/run.py [--quick]      (--quick: the sample only, for a smoke test)
    python bench/run.py --report       (print the table again from bench/results.json)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from bench_pipeline import ROOT, measure

OUTPUT = ROOT / "bench" / "output"
RESULTS = ROOT / "bench" / "results.json"
PY = sys.executable

TARGETS = {
    "pipeline_ratio": ("pipeline ÷ bare read_csv (stress)", 3.0, "×"),
    "pipeline_peak_mb": ("piekgeheugen pipeline (stress)", 3072.0, "MB"),
    "growth_8x": ("tijd bij 8× de data ÷ tijd bij 1×", 9.0, "×"),
    "sample_s": ("`make` op de steekproef", 5.0, "s"),
    "first_chart_s": ("eerste grafiek, traagste pagina (landelijk)", 1.5, "s"),
    "callback_p95_ms": ("filterwissel p95, 1 gebruiker (landelijk)", 200.0, "ms"),
    "callback_p95_20_ms": ("filterwissel p95, 20 tegelijk (landelijk)", 500.0, "ms"),
    "callback_errors_20": ("fouten bij 20 tegelijk", 0.0, ""),
    "extract_s": ("volledig csv-nl-extract (landelijk)", 10.0, "s"),
    "hostile_s": ("build van de vijandige set (issue 12)", 60.0, "s"),
    "hostile_peak_mb": ("piekgeheugen vijandige set", 3072.0, "MB"),
}


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem_kb = 0
    import duckdb

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024**2, 1),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "platform": platform.platform(),
        "date": dt.date.today().isoformat(),
        "load_before": os.getloadavg()[0],
    }


def run_pipeline(quick: bool) -> dict:
    scales = "pilot" if quick else "pilot,national,stress,gemengd"
    args = [PY, "bench/bench_pipeline.py", "--scales", scales, "--out", str(OUTPUT / "pipeline.json")]
    if not quick:
        args.append("--growth")
    subprocess.run(args, cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads((OUTPUT / "pipeline.json").read_text())


def run_extract(db: Path) -> dict:
    out = OUTPUT / "extract"
    r = measure([PY, "-m", "pipeline", "extract", "--db", str(db), "--format", "csv-nl", "--out", str(out)])
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    return {"seconds": r["seconds"], "peak_mb": r["peak_mb"], "bytes": size, "database": str(db)}


def run_hostile() -> dict:
    """The hostile set (`sample --scale hostile`): a build that refuses or quarantines every file,
    timed, with its peak memory (issue 12)."""
    raw = OUTPUT / "data" / "hostile"
    subprocess.run(
        [PY, "-m", "pipeline", "sample", "--scale", "hostile", "--out", str(raw)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return measure(
        [PY, "-m", "pipeline", "run", "--raw", str(raw), "--out", str(OUTPUT / "uit" / "hostile"), "--stil"]
    )


def run_dashboard(db: Path, quick: bool) -> dict | None:
    script = ROOT / "bench" / "bench_dashboard.py"
    if not script.exists():
        return None
    out = OUTPUT / "dashboard.json"
    args = [PY, str(script), "--out", str(out)] + (["--quick"] if quick else ["--db", str(db)])
    subprocess.run(args, cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.read_text())


def verdicts(results: dict) -> dict:
    p = results["pipeline"]["scales"]
    found: dict[str, float | None] = dict.fromkeys(TARGETS)
    if "stress" in p:
        found["pipeline_ratio"] = p["stress"]["ratio"]
        found["pipeline_peak_mb"] = p["stress"]["pipeline_peak_mb"]
    growth = results["pipeline"].get("growth") or []
    if len(growth) >= 2:
        found["growth_8x"] = round(growth[-1]["pipeline_s"] / growth[0]["pipeline_s"], 2)
    found["sample_s"] = p["pilot"]["pipeline_s"]
    if results.get("extract"):
        found["extract_s"] = results["extract"]["seconds"]
    if results.get("hostile"):
        found["hostile_s"] = results["hostile"]["seconds"]
        found["hostile_peak_mb"] = results["hostile"]["peak_mb"]
    d = results.get("dashboard") or {}
    goals = d.get("doelen", {})
    for key, goal, scale in (
        ("first_chart_s", "eerste_grafiek_adres_en_menu", 1),
        ("callback_p95_ms", "filter_p95_1_gebruiker", 1000),
        ("callback_p95_20_ms", "filter_p95_20_gelijktijdig", 1000),
    ):
        if goal in goals:
            found[key] = round(goals[goal]["gemeten_s"] * scale, 3 if scale == 1 else 1)
    if "gelijktijdig" in d:
        found["callback_errors_20"] = d["gelijktijdig"]["fouten"]
    return {
        k: {
            "what": TARGETS[k][0],
            "target": TARGETS[k][1],
            "unit": TARGETS[k][2],
            "found": v,
            "met": None if v is None else v <= TARGETS[k][1],
        }
        for k, v in found.items()
    }


def table(results: dict) -> str:
    lines = [f"{'doel':48s} {'gemeten':>10s} {'grens':>10s}  gehaald", "-" * 78]
    for v in results["doelen"].values():
        found = "–" if v["found"] is None else f"{v['found']:g} {v['unit']}".strip()
        limit = f"{v['target']:g} {v['unit']}".strip()
        ok = "–" if v["met"] is None else ("ja" if v["met"] else "NEE")
        lines.append(f"{v['what']:48s} {found:>10s} {limit:>10s}  {ok}")
    lines.append("")
    for scale, r in results["pipeline"]["scales"].items():
        skipped = r["files_not_readable_bare"]
        note = f" (bare leest er {skipped} niet: xlsx/cp1252)" if skipped else ""
        lines.append(
            f"pipeline {scale:8s}: {r['files']} bestanden{note}, bare {r['bare_s']} s, pipeline "
            f"{r['pipeline_s']} s ({r['ratio']}×), piek {r['pipeline_peak_mb']} MB"
        )
    for g in results["pipeline"].get("growth", []):
        lines.append(
            f"groei {g['factor']}×: {g['rows_read_bare']} rijen, pipeline {g['pipeline_s']} s, "
            f"bare {g['bare_s']} s ({g['ratio']}×)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="alleen de steekproef: een rooktest")
    parser.add_argument(
        "--report", action="store_true", help="niets meten: de tabel opnieuw afdrukken uit bench/results.json"
    )
    args = parser.parse_args()
    if args.report:
        results = json.loads(RESULTS.read_text(encoding="utf-8"))
        results["doelen"] = verdicts(results)
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
        print(table(results))
        return
    OUTPUT.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": machine()}
    results["pipeline"] = run_pipeline(args.quick)
    national_db = Path(
        results["pipeline"]["scales"].get("national", results["pipeline"]["scales"]["pilot"])["database"]
    )
    print("▸ vijandige set (issue 12)", flush=True)
    results["hostile"] = run_hostile()
    print("▸ extract (csv-nl, volledig)", flush=True)
    results["extract"] = run_extract(national_db)
    print("▸ dashboard", flush=True)
    results["dashboard"] = run_dashboard(national_db, args.quick)
    results["doelen"] = verdicts(results)
    results["machine"]["load_after"] = os.getloadavg()[0]
    target = OUTPUT / "results-quick.json" if args.quick else RESULTS
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(results))
    print(f"\n→ {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
