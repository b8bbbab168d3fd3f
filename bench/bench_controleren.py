"""How long `/controleren` takes for a 10.000-row delivery, in the browser: a measurement, not a test.

    python bench/bench_controleren.py [--db PATH] [--rows N] [--rounds N] [--screenshot PNG]

`python -m dashboard` on a free loopback port (on `--db`, default data/processed/monitor.duckdb),
headless Chromium (Playwright, /usr/bin/chromium). For a clean CSV, a CSV whose every row breaks a
rule, and a clean XLSX, each of `--rows` rows (default 10.000, every current municipality × the
delivered indicators × both doelgroepen over recent years): from choosing the file until the
report's summary is on screen (reading, upload, check, comparison with the monitor, drawing), the
median of `--rounds` (default 3). Besides, the server-side part alone, in this process
(`check_upload`). `--screenshot` writes a picture of a report (for the README). Files are made in
a temporary folder and removed.
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import sjabloon  # noqa: E402
from pipeline.build import resolve_reference_dir  # noqa: E402

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HEADER = [
    "gemeente_code",
    "periode",
    "indicator",
    "doelgroep",
    "teller",
    "noemer",
    "bron",
    "peildatum",
    "opmerking",
]


def rows(n: int, bad: bool = False) -> list[list[object]]:
    """`n` rows with distinct keys: municipalities × indicators × doelgroepen × years."""
    reference = resolve_reference_dir(ROOT / "data" / "raw")
    codes = [m.code for m in sjabloon.municipalities(reference)]
    indicators = sjabloon.delivered(reference)
    out: list[list[object]] = []
    last = date.today().year - 1
    for year in range(last, 2009, -1):
        for code in codes:
            for i in indicators:
                periode = f"{year - 1}-{year}" if i.periodetype == "schooljaar" else str(year)
                for d, t, m in (("roma", 12, 140), ("totaal", 900, 41_000)):
                    teller: object = "2,5" if bad else t
                    out.append(
                        [code, periode, i.code, d, teller, m if i.is_rate else None, "registratie", "", ""]
                    )
                    if len(out) == n:
                        return out
    return out


def csv_bytes(table: list[list[object]]) -> bytes:
    lines = [";".join(HEADER)] + [";".join("" if v is None else str(v) for v in r) for r in table]
    return ("\n".join(lines) + "\n").encode()


def xlsx_bytes(table: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "levering"
    ws.append(HEADER)
    for r in table:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--db", str(db), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/_status", timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("het dashboard start niet")


def upload_seconds(page, url: str, path: Path) -> tuple[float, str]:
    page.goto(url + "/controleren")
    page.wait_for_selector("#controleren-upload input[type=file]", state="attached")
    page.wait_for_load_state("networkidle")
    started = time.perf_counter()
    page.set_input_files("#controleren-upload input[type=file]", str(path))
    page.wait_for_function(
        "() => { const s = document.querySelector('#verslag-samenvatting');"
        " return s && s.innerText && !document.querySelector('[data-dash-is-loading]'); }",
        timeout=300_000,
    )
    return time.perf_counter() - started, page.inner_text("#verslag-samenvatting")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, default=ROOT / "data" / "processed" / "monitor.duckdb")
    p.add_argument("--rows", type=int, default=10_000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--screenshot", type=Path)
    args = p.parse_args()
    from playwright.sync_api import sync_playwright

    today = date.today().isoformat()
    proc, url = serve(args.db)
    try:
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
            files = {
                "csv, in orde": (Path(tmp) / f"{today}_goed.csv", csv_bytes(rows(args.rows))),
                "csv, elke rij fout": (Path(tmp) / f"{today}_fout.csv", csv_bytes(rows(args.rows, bad=True))),
                "xlsx, in orde": (Path(tmp) / f"{today}_goed.xlsx", xlsx_bytes(rows(args.rows))),
            }
            for path, data in files.values():
                path.write_bytes(data)
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            n = f"{args.rows:,}".replace(",", ".")
            print(f"/controleren, {n} rijen, mediaan van {args.rounds} (s):")
            os.environ.setdefault("MONITOR_DB", str(args.db))
            from dashboard.app import create_app

            create_app(args.db, warm=False)
            from dashboard.pages import controleren

            for label, (path, data) in files.items():
                times, summary = [], ""
                for _ in range(args.rounds):
                    seconds, summary = upload_seconds(page, url, path)
                    times.append(seconds)
                server = []
                for _ in range(args.rounds):
                    t0 = time.perf_counter()
                    controleren.check_upload(
                        ["data:;base64," + __import__("base64").b64encode(data).decode()], [path.name]
                    )
                    server.append(time.perf_counter() - t0)
                print(
                    f"  {label:<20} {len(data) / 1e6:5.2f} MB  browser {statistics.median(times):5.2f}  "
                    f"(server {statistics.median(server):5.2f})  — {summary}"
                )
            if args.screenshot:
                demo = Path(tmp) / f"{today}_levering-ede.csv"
                demo.write_bytes(
                    csv_bytes(
                        [
                            ["GM0228", "2024", "bijstand", "roma", 30, 120, "", "", ""],
                            ["GM0228", "2024", "bijstand", "totaal", 900, 41_000, "", "", ""],
                            ["GM0228", "2024", "arbeidsparticipatie", "roma", "2,5", 150, "", "", ""],
                            ["GM0228", "2024", "overbewoning", "roma", "1.000", 2_000, "", "", ""],
                            ["GM0228", "2024-2025", "huurachterstand", "roma", 12, 80, "", "", ""],
                            ["GM0228", "2024", "huurachterstand", "sinti", 12, 80, "", "", ""],
                        ]
                    )
                )
                page.goto(url + "/controleren")
                page.wait_for_load_state("networkidle")
                page.set_input_files("#controleren-upload input[type=file]", str(demo))
                page.wait_for_selector("#verslag-samenvatting")
                page.wait_for_load_state("networkidle")
                page.locator("#controleren").screenshot(path=str(args.screenshot))
                print(f"  schermafdruk: {args.screenshot}")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
