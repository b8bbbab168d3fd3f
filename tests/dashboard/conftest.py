"""Fixtures for the dashboard tests: a database built by the tests themselves, once per session;
the dashboard served on it and a headless Chromium, each started once per session (per xdist
worker) and shared by every browser test."""

from __future__ import annotations

import itertools
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
import pytest

from tests.conftest import small_sql

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def dashboard_process(db: Path, log: Path, probe: str = "/_status", env: dict | None = None) -> Iterator[str]:
    """`python -m dashboard` on a free localhost port against `db`, its output in `log` (a pipe
    nobody reads fills up and blocks the server); its address once `probe` answers. Stopped after."""
    port = free_port()
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "--db", str(db), "--port", str(port)],
            cwd=ROOT,
            stdout=sink,
            stderr=sink,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url + probe, timeout=2)
                break
            except urllib.error.HTTPError:
                break  # it answers (a test may have given it a broken database)
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(log.read_text(errors="replace")) from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# When a page is at rest, judged from Dash's and Plotly's own state (not from the network being idle
# for 500 ms, nor from a fixed wait):
# - Dash's store is hydrated (the layout is in and the initial callbacks are requested) and no
#   callback is pending: requested, prioritized, blocked, executing, watched or executed (the lists
#   dash.testing's `redux_state_rqs` reads; `stored` and `completed` are done);
# - no component says it is loading ([data-dash-is-loading]);
# - every dcc.Graph is drawn (a Plotly plot with its .main-svg) and none is being drawn or resized
#   (dcc.Graph marks its box .dash-graph--pending from Plotly.react or Plots.resize until done);
# - every visible graph is drawn at the width of its box: its ResizeObserver waits 50 ms before it
#   marks the box pending, so a box that changed width is caught by its width, not by the mark (a
#   graph in a hidden box has no width and is only required to be drawn). A graph that stays at
#   another width than its box makes settle time out ("breedte wacht op resize"): seen when a
#   loaded page is narrowed (set_viewport_size), where the dashboard does not redraw its graphs;
#   the tests load every page afresh at each width.
# That has to hold in SETTLED_FRAMES animation frames in a row, so that what a frame starts (a
# ResizeObserver callback, a relayout of assets/20-raster.js after plotly_afterplot, a callback
# requested by a render) shows before the page counts as settled.
SETTLED_FRAMES = 3
_BUSY = """() => {
    const state = window.store && window.store.getState();
    if (!state || state.appLifecycle !== 'HYDRATED') return 'Dash start nog';
    for (const [list, pending] of Object.entries(state.callbacks || {})) {
        if (list !== 'stored' && list !== 'completed' && pending.length) {
            return 'callbacks ' + list + ': ' + pending.map(c => c.callback.output).join(', ');
        }
    }
    if (state.isLoading) return 'Dash laadt nog';
    const loading = document.querySelector('[data-dash-is-loading], .dash-graph--pending');
    if (loading) return 'laadt: ' + (loading.id || loading.className);
    for (const box of document.querySelectorAll('.dash-graph')) {
        const gd = box.querySelector('.js-plotly-plot');
        if (!gd || !gd._fullLayout || !gd.querySelector('.main-svg')) return 'niet getekend: ' + box.id;
        if (gd.getClientRects().length && Math.abs(gd._fullLayout.width - gd.clientWidth) > 1) {
            return 'breedte wacht op resize: ' + box.id;
        }
    }
    return null;
}"""
_AT_REST = f"""([token, frames]) => {{
    const busy = ({_BUSY})();
    if (window.__settleToken !== token) {{ window.__settleToken = token; window.__settledFrames = 0; }}
    window.__settledFrames = busy ? 0 : window.__settledFrames + 1;
    return window.__settledFrames >= frames;
}}"""
_settles = itertools.count()


def settle(page: Page, timeout: float = 30000) -> None:
    """Wait until the page is at rest (see above): no Dash callback pending, nothing loading, every
    graph drawn at the width of its box, SETTLED_FRAMES frames in a row. On a time-out the error
    says what was still busy."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            _AT_REST, arg=[f"{id(page)}-{next(_settles)}", SETTLED_FRAMES], polling="raf", timeout=timeout
        )
    except PlaywrightTimeout as e:
        raise AssertionError(f"pagina niet in rust na {timeout / 1000:.0f} s: {page.evaluate(_BUSY)}") from e


@pytest.fixture(scope="session")
def server(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python -m dashboard` on a free localhost port against the shared sample build; its address.
    The tests only read through it (a test that breaks its database has its own server)."""
    with dashboard_process(
        sample_path, tmp_path_factory.mktemp("server") / "dashboard.log", probe="/"
    ) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, through Playwright: one per session; each test opens its own
    context (cookies, storage and viewport of its own) and closes it."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium ontbreekt op /usr/bin/chromium (.ci/run installeert het)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def app(sample_path: Path):
    """The Dash app on the sample database (one per session: pages register themselves once)."""
    from dashboard.app import create_app

    return create_app(sample_path, warm=False)


@pytest.fixture(scope="session")
def suppressed_pilot_gaps(sample_path: Path) -> pd.DataFrame:
    """Pilots whose gap roma − totaal may not be published: a roma cell at baseline or latest is
    suppressed (decided here from the raw cells, not by the code under test)."""
    hidden = " or ".join(
        small_sql(f"k.{p}_roma_teller", f"k.{p}_roma_noemer") for p in ("nulmeting", "laatste")
    )
    with duckdb.connect(str(sample_path), read_only=True) as con:
        return con.execute(f"""
            select k.indicator, i.domein, g.gemeente_naam, k.voortgang, k.laatste_kloof
            from kloof k join gemeenten g using (gemeente_code) join indicatoren i using (indicator)
            where g.proeftuin and ({hidden}) and k.voortgang is not null
            order by k.indicator, g.gemeente_naam
        """).df()
