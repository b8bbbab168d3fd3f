"""How fast the API answers under load on a national-scale build (issue 16): a measurement, not a test.

    python bench/bench_api.py [--db PATH] [--clients 20] [--seconds 30] [--out PATH] [--quick]

gunicorn as `make serve` runs it (`dashboard/gunicorn_conf.py`, the API on the dashboard's own
server), on a free loopback port; then `--clients` threads, each with its own keep-alive session,
ask filtered questions for `--seconds`: `cijfers` for a random municipality and indicator (JSON,
one page), and one question in ten the same as a whole `csv-nl` file. Municipality × indicator
gives thousands of distinct questions, so most are answered from the database, not the cache.
Every answer other than 200 counts as an error. Latencies p50/p95/max and errors are printed and
written as JSON to `--out` (default bench/output/api.json).

Without `--db` it builds a national-scale database first (as bench_dashboard.py does, ~1 min).
`--quick` uses the shipped sample for 5 s with 4 clients, as a smoke test.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_dashboard import build_database, serve, summary  # noqa: E402

TARGET_P95_S = 0.300


def questions(db: Path) -> tuple[list[str], list[str]]:
    """The municipalities and indicators to ask about (those with figures)."""
    with duckdb.connect(str(db), read_only=True) as con:
        gemeenten = [
            g
            for (g,) in con.execute(
                "select distinct gemeente_code from publicatie_cijfers order by 1"
            ).fetchall()
        ]
        indicatoren = [i for (i,) in con.execute("select indicator from indicatoren order by 1").fetchall()]
    return gemeenten, indicatoren


def server_cpu_seconds(port: str) -> float:
    """CPU time (user + system) of the gunicorn master and workers serving `port`, from /proc: a
    figure the other work on a shared machine does not inflate, unlike the latencies."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"gunicorn" not in cmd or f"127.0.0.1:{port}".encode() not in cmd:
                continue
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            continue
    return total / tick


def load(
    url: str,
    gemeenten: list[str],
    indicatoren: list[str],
    clients: int,
    seconds: float,
    csv_share: float = 0.1,
) -> dict:
    times: dict[str, list[float]] = {"json": [], "csv-nl": []}
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    host, port = url.removeprefix("http://").split(":")

    def client(i: int) -> None:
        rng = random.Random(i)
        # http.client, one keep-alive connection per client: a light client, so that the two cores
        # go to the server, not to the library that measures it
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        while time.monotonic() < stop:
            fmt = "csv-nl" if rng.random() < csv_share else "json"
            q = f"gemeente={rng.choice(gemeenten)}&indicator={rng.choice(indicatoren)}"
            q += "&format=csv-nl" if fmt == "csv-nl" else "&limit=100"
            start = time.perf_counter()
            try:
                conn.request("GET", f"/api/v1/cijfers?{q}")
                r = conn.getresponse()
                r.read()
                ok, what = r.status == 200, str(r.status)
            except (OSError, http.client.HTTPException) as e:
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
                ok, what = False, type(e).__name__
            took = time.perf_counter() - start
            with lock:
                times[fmt].append(took)
                if not ok:
                    errors.append(f"{what} {q}")

    cpu_before = server_cpu_seconds(port)
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = times["json"] + times["csv-nl"]
    cpu = server_cpu_seconds(port) - cpu_before
    return {
        "server_cpu_s": round(cpu, 2),
        "server_cpu_ms_per_question": round(cpu / max(len(every), 1) * 1000, 2),
        "load_average_1m_after": round(os.getloadavg()[0], 2),
        "clients": clients,
        "csv_share": csv_share,
        "seconds": seconds,
        "questions": len(every),
        "per_second": round(len(every) / seconds, 1),
        "all": summary(every),
        "json": summary(times["json"]),
        "csv-nl": summary(times["csv-nl"]),
        "errors": len(errors),
        "error_examples": errors[:5],
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path)
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "output" / "api.json")
    p.add_argument("--csv", type=float, default=0.1, help="share of questions for a whole csv-nl file")
    p.add_argument("--quick", action="store_true")
    args = p.parse_args(argv)
    if args.quick:
        args.clients, args.seconds = 4, 5
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        db = args.db or build_database(Path(tmp), args.quick)
        gemeenten, indicatoren = questions(db)
        with serve(db, gunicorn=True, logs=Path(tmp)) as url:
            for _ in range(600):  # the workers start after the cache is warm (gunicorn_conf.when_ready)
                try:
                    if requests.get(f"{url}/api/v1/build", timeout=5).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                time.sleep(0.2)
            example = requests.get(
                f"{url}/api/v1/cijfers?gemeente={gemeenten[0]}&indicator={indicatoren[0]}&limit=2", timeout=30
            ).json()
            result = load(url, gemeenten, indicatoren, args.clients, args.seconds, args.csv)
    result["database"] = (
        str(args.db) if args.db else ("steekproef" if args.quick else "national (vers gebouwd)")
    )
    result["doel_p95_s"] = TARGET_P95_S
    result["gehaald"] = result["all"].get("p95_s", 1e9) <= TARGET_P95_S and result["errors"] == 0
    result["voorbeeld"] = example
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    a = result["all"]
    clients, seconds = result["clients"], result["seconds"]
    print(f"API onder {clients} gelijktijdige clients, {seconds:g} s ({result['database']}):")
    print(
        f"  vragen: {result['questions']} ({result['per_second']}/s), fouten: {result['errors']}, "
        f"server-CPU {result['server_cpu_ms_per_question']} ms per vraag, "
        f"load na afloop {result['load_average_1m_after']}"
    )
    for k in ("all", "json", "csv-nl"):
        s = result[k]
        if s.get("n"):
            print(
                f"  {k:7s} n={s['n']:5d}  p50 {s['p50_s'] * 1000:7.1f} ms  p95 {s['p95_s'] * 1000:7.1f} ms  "
                f"max {s['max_s'] * 1000:7.1f} ms"
            )
    verdict = "gehaald" if result["gehaald"] else "NIET gehaald"
    print(f"  doel p95 ≤ {TARGET_P95_S * 1000:.0f} ms en 0 fouten: {verdict}")
    print(f"  (p95 {a.get('p95_s', float('nan')) * 1000:.1f} ms) → {args.out}")
    return 0 if result["gehaald"] else 1


if __name__ == "__main__":
    sys.exit(main())
