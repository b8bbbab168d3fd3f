"""Benchmark of `pipeline run` against DuckDB's bare read of the same files (issue 7).

Each measurement runs in a fresh process (as a user runs it), timed on the wall clock, with the
process's peak memory from the kernel (`wait4`). The bare read and the pipeline are measured in
the same round, alternating, so that the ratio compares like with like on a shared machine.

    python bench/bench_pipeline.py [--scales pilot,national,stress,gemengd] [--growth] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "output" / "data"
PY = sys.executable
GROWTH = (5, 10, 20, 40)  # full re-deliveries per municipality: 1×, 2×, 4×, 8× the data


def measure(cmd: list[str]) -> dict:
    """Run a command in a fresh process: wall seconds, CPU seconds (user + system), peak resident
    memory of that process (from the kernel, via wait4), and what it printed. The CPU seconds are
    what other work on a shared machine inflates least."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    # read the pipes on threads so the child never blocks on a full pipe
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        chunks[name] = stream.read()

    threads = [
        threading.Thread(target=drain, args=(n, s))
        for n, s in (("out", process.stdout), ("err", process.stderr))
    ]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    for t in threads:
        t.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{chunks.get('err', b'').decode()[-2000:]}")
    return {
        "seconds": round(seconds, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "stdout": chunks.get("out", b"").decode(),
        "stderr": chunks.get("err", b"").decode(),
    }


# The issue's own shape (every municipality, 24 full re-deliveries of 2000–2024) in the dialects
# of the national sample: Windows-1252 and Excel too, which DuckDB's bare read_csv cannot read
# (bare_read.py counts and skips them), and another seed than the stress set.
MIXED = (
    "import sys; from pathlib import Path; from pipeline.sample import generate; "
    "generate(Path(sys.argv[1]), 'stress', seed=7, redeliveries=24, formats={'utf8-komma': 0.4, "
    "'excel-nl': 0.4, 'ansi': 0.15, 'xlsx': 0.03, 'xlsx-levering': 0.02})"
)


def dataset(scale: str) -> Path:
    """A raw folder for a scale, generated once (seeded) and kept under bench/output/data."""
    if scale == "pilot":
        return ROOT / "data" / "raw"
    target = DATA / scale
    done = target / ".klaar"
    if not done.exists():
        shutil.rmtree(target, ignore_errors=True)
        print(f"  genereer de {scale}-set (eenmalig) …", flush=True)
        if scale == "gemengd":
            measure([PY, "-c", MIXED, str(target)])
        else:
            measure([PY, "-m", "pipeline", "sample", "--scale", scale, "--out", str(target)])
        done.write_text("ok")
    return target


def growth_dataset(redeliveries: int) -> Path:
    """The first `redeliveries` full re-deliveries of every municipality of the stress set
    (hard links, not copies): the same shape of data in growing amounts. Not symbolic links: the
    intake refuses those (issue 12), which left every growth set empty of accepted deliveries."""
    stress = dataset("stress")
    target = DATA / f"groei-{redeliveries:02d}"
    if (target / ".klaar").exists() and (target / ".hardlinks").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(stress / "reference", target / "reference")
    for path in sorted((stress / "leveringen").rglob("*volledige-historie-*.csv")):
        k = int(path.stem.rsplit("-", 1)[1])
        if k <= redeliveries:
            link = target / "leveringen" / path.parent.name / path.name
            link.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, link)
            except OSError:  # another file system: a copy
                shutil.copy2(path, link)
    shutil.copy(stress / "leveringen" / "SYNTHETISCH.md", target / "leveringen" / "SYNTHETISCH.md")
    (target / ".hardlinks").write_text("ok")
    (target / ".klaar").write_text("ok")
    return target


def pair(raw: Path, rounds: int) -> dict:
    """Bare read and pipeline, alternating for `rounds` rounds; the best of each, and the ratio."""
    out = DATA.parent / "uit" / raw.name
    bare_runs, runs = [], []
    load_before = os.getloadavg()[0]
    for _ in range(rounds):
        bare = measure([PY, "bench/bare_read.py", str(raw)])
        took = {"wall": bare["seconds"], "cpu": bare["cpu_s"], "peak_mb": bare["peak_mb"]}
        bare_runs.append({**json.loads(bare["stdout"]), **took})
        run = measure([PY, "-m", "pipeline", "run", "--raw", str(raw), "--out", str(out)])
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        if not manifest["leveringen"]["geaccepteerd"]:  # a build that refused every file measures nothing
            raise RuntimeError(f"{raw}: de pipeline accepteerde geen enkele levering")
        runs.append(
            {"wall": run["seconds"], "cpu": run["cpu_s"], "peak_mb": run["peak_mb"], "log": run["stderr"]}
        )
    best_bare = min(bare_runs, key=lambda r: r["wall"])
    best_run = min(runs, key=lambda r: r["wall"])
    return {
        "files": best_bare["files"] + best_bare["skipped"],
        "rows_read_bare": best_bare["rows"],
        "files_not_readable_bare": best_bare["skipped"],
        "bare_s": best_bare["wall"],
        "bare_read_only_s": round(best_bare["seconds"], 3),
        "bare_peak_mb": best_bare["peak_mb"],
        "pipeline_s": best_run["wall"],
        "pipeline_peak_mb": max(r["peak_mb"] for r in runs),
        "ratio": round(best_run["wall"] / best_bare["wall"], 2),
        # CPU seconds of the same best rounds: their ratio is what a loaded machine distorts least
        "bare_cpu_s": best_bare["cpu"],
        "pipeline_cpu_s": best_run["cpu"],
        "wall_s_all": {"bare": [r["wall"] for r in bare_runs], "pipeline": [r["wall"] for r in runs]},
        "rounds": rounds,
        "steps": _steps(best_run["log"]),
        "database": str(out / "monitor.duckdb"),
        # the machine's 1-minute load average before and after: other work inflates wall clocks
        "load": f"{load_before:.2f} → {os.getloadavg()[0]:.2f}",
    }


def _steps(log: str) -> dict[str, str]:
    """The timed steps the pipeline reported (lines '  · name: 1,2 s' and '  stage klaar in …')."""
    steps = {}
    for line in log.splitlines():
        line = line.strip()
        if line.startswith("· ") and ": " in line:
            name, took = line[2:].rsplit(": ", 1)
            steps[name] = took
        elif " klaar in " in line:
            name, took = line.split(" klaar in ", 1)
            steps[name] = took
    return steps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="pilot,national,stress,gemengd")
    parser.add_argument("--growth", action="store_true")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "output" / "pipeline.json")
    args = parser.parse_args()
    results: dict = {"scales": {}, "growth": []}
    for scale in args.scales.split(","):
        print(f"▸ pipeline, schaal {scale}", flush=True)
        results["scales"][scale] = pair(dataset(scale), args.rounds if scale != "pilot" else 3)
        r = results["scales"][scale]
        print(
            f"  bare {r['bare_s']} s, pipeline {r['pipeline_s']} s, ratio {r['ratio']}×, "
            f"piek {r['pipeline_peak_mb']} MB",
            flush=True,
        )
    if args.growth:
        for k in GROWTH:
            print(f"▸ groei: {k} volledige leveringen per gemeente", flush=True)
            r = pair(growth_dataset(k), 1)
            r["factor"] = k // GROWTH[0]
            results["growth"].append(r)
            print(f"  bare {r['bare_s']} s, pipeline {r['pipeline_s']} s, ratio {r['ratio']}×", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
