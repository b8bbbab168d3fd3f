"""How long the dashboard takes in a real browser: first chart after navigation, and a filter change.

    PYTHONPATH=. .venv/bin/python bench/dashboard_timing.py [--db data/processed/monitor.duckdb]

Starts `python -m dashboard` on a free port (cold caches), drives headless Chromium and prints
seconds. A measurement, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from dashboard.screenshot import CHROMIUM, CHROMIUM_ARGS, local_dashboard

FIRST_CHART = "() => { const gd = document.querySelector('.js-plotly-plot'); return gd && gd._fullData; }"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db", type=Path, default=Path("data/processed/monitor.duckdb"))
    args = p.parse_args()
    from playwright.sync_api import sync_playwright

    with local_dashboard(args.db) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        for path in ("/", "/thema/verzuim", "/gemeente/GM0228", "/kaart"):
            start = time.perf_counter()
            page.goto(url + path)
            page.wait_for_function(FIRST_CHART)
            print(f"first chart {path}: {time.perf_counter() - start:.2f} s (cold server cache)")
        page.goto(url + "/thema/arbeid?indicator=arbeidsparticipatie&doelgroep=roma")
        page.wait_for_function(FIRST_CHART)
        for label, rounds in (("cold", 1), ("cached", 3)):
            times = []
            for _ in range(rounds):
                for indicator in (
                    "bijstand",
                    "jongeren_werk_of_school",
                    "werkervaringstrajecten",
                    "arbeidsparticipatie",
                ):
                    page.evaluate(
                        "() => { window.__old = document.querySelector('#grafiek-trend .js-plotly-plot'); }"
                    )
                    start = time.perf_counter()
                    page.select_option("#thema-indicator", indicator)
                    page.wait_for_function(
                        "() => { const gd = document.querySelector('#grafiek-trend .js-plotly-plot');"
                        " return gd && gd !== window.__old && gd._fullData; }"
                    )
                    times.append(time.perf_counter() - start)
            print(
                f"filter change ({label}): median {statistics.median(times):.2f} s, "
                f"max {max(times):.2f} s, n={len(times)}"
            )
        browser.close()


if __name__ == "__main__":
    main()
