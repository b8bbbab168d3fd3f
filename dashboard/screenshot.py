"""`python -m dashboard.screenshot [--db PATH] [--out-dir DIR]`: every page at a phone's 390 px and a
laptop's 1440 px, as JPEGs in docs/schermafdrukken/ (`make screenshot`); `--path /kaart --out F`
for one page. Taken by headless Chromium (/usr/bin/chromium) through Playwright against a local
dashboard."""

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
from typing import TYPE_CHECKING

from dashboard.data import DEFAULT_DB

if TYPE_CHECKING:  # playwright is a test dependency, imported when a screenshot is taken
    from playwright.sync_api import Page

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


# Every page of CONTRACT §5 (the municipality page: the first pilot), and the "niet gevonden" page.
PAGES = {
    "overzicht": "/",
    "thema-verzuim": "/thema/verzuim",
    "thema-arbeid": "/thema/arbeid",
    "thema-wonen": "/thema/wonen",
    "thema-veiligheid": "/thema/veiligheid",
    "gemeente": "/gemeente/{pilot}",
    "kaart": "/kaart",
    "datakwaliteit": "/datakwaliteit",
    "over": "/over",
    "niet-gevonden": "/bestaat/niet",
}
WIDTHS = {390: 844, 1440: 900}  # a phone and a laptop: viewport width → height
MAX_HEIGHT = 6000  # px: a longer page is cut off there (the file stays modest)


def _first_pilot(db: Path) -> str:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "select gemeente_code from gemeenten where proeftuin order by gemeente_naam limit 1"
        ).fetchone()
    return row[0] if row else "GM0228"


def shoot(page: Page, url: str, out: Path, quality: int = 50) -> Path:
    """One page as a JPEG, from the top down to MAX_HEIGHT, once its charts are drawn."""
    page.goto(url)
    page.wait_for_selector("main h1", timeout=60000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading]')")
    page.wait_for_timeout(400)  # Plotly's responsive relayout
    height = min(MAX_HEIGHT, page.evaluate("() => document.documentElement.scrollHeight"))
    viewport = page.viewport_size
    if viewport is None:  # every page here is opened with a viewport
        raise TypeError("de pagina heeft geen viewport")
    width = viewport["width"]
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(out),
        full_page=True,
        type="jpeg",
        quality=quality,
        clip={"x": 0, "y": 0, "width": width, "height": height},
    )
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m dashboard.screenshot",
        description="Schermafdrukken van het dashboard (headless Chromium): elke pagina op 390 en 1440 "
        "px breed als JPEG in --out-dir, of met --path één pagina naar --out.",
    )
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--out-dir", type=Path, default=Path("docs/schermafdrukken"))
    p.add_argument("--path", help="alleen deze pagina (bijv. /kaart) …")
    p.add_argument("--out", type=Path, default=Path("docs/overzicht.jpg"), help="… naar dit bestand")
    p.add_argument("--width", type=int, default=1440, help="breedte bij --path (standaard: %(default)s)")
    args = p.parse_args(argv)
    if not args.db.exists():
        print(f"fout: de database {args.db} bestaat niet; bouw hem eerst met `make`", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    written: list[Path] = []
    with local_dashboard(args.db) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            if args.path:
                page = browser.new_page(viewport={"width": args.width, "height": 900})
                written.append(shoot(page, url + args.path, args.out))
            else:
                pilot = _first_pilot(args.db)
                for width, height in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    for name, path in PAGES.items():
                        out = args.out_dir / f"{name}-{width}.jpg"
                        written.append(shoot(page, url + path.format(pilot=pilot), out))
                    page.close()
        finally:
            browser.close()
    for shot in written:
        print(f"{shot} geschreven ({shot.stat().st_size // 1024} kB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
