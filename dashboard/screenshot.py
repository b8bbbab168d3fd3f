"""`python -m dashboard.screenshot [--db PATH] [--out PNG] [--path /]`: a screenshot of a page,
taken by headless Chromium (/usr/bin/chromium) through Playwright against a local dashboard."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.data import DEFAULT_DB

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@contextmanager
def local_dashboard(db: Path) -> Iterator[str]:
    """`python -m dashboard` on a free localhost port; yields its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dashboard.screenshot")
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--out", type=Path, default=Path("docs/overzicht.png"))
    p.add_argument("--path", default="/")
    p.add_argument("--width", type=int, default=1280)
    args = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with local_dashboard(args.db) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        page.goto(url + args.path)
        page.wait_for_selector(".js-plotly-plot")
        page.wait_for_load_state("networkidle")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    print(f"{args.out} geschreven", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
