"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright.

The server runs as `python -m dashboard` on a free localhost port against the test database;
every request the browser makes is recorded, so that a request leaving localhost fails the test.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from dashboard import fmt
from pipeline import disclosure

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PAGES = [
    "/",
    "/thema/verzuim",
    "/thema/arbeid",
    "/thema/wonen",
    "/thema/veiligheid",
    "/gemeente/GM0228",
    "/gemeente/GM0003",
    "/kaart",
    "/datakwaliteit",
    "/over",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(sample_db):
    port = _free_port()
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--db", str(sample_db), "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()) from None
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium ontbreekt op /usr/bin/chromium (.ci/run installeert het)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


class Watched:
    """A browser page that records console errors and every request it makes."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1300, "height": 900})
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("main h1", timeout=30000)
        self.page.wait_for_load_state("networkidle")

    def graph_data(self, graph_id: str) -> list:
        """Trace data as plotly.js holds it (numbers decoded), via gd._fullData."""
        if self.page.locator(f"#{graph_id}").count():
            self.page.wait_for_function(
                "id => { const gd = document.querySelector('#' + id + ' .js-plotly-plot');"
                " return gd && gd._fullData; }",
                arg=graph_id,
            )
        return self.page.evaluate(
            """id => { const gd = document.querySelector('#' + id + ' .js-plotly-plot');
                      return gd ? gd._fullData.map(t => ({name: t.name, x: t.x ? Array.from(t.x) : null,
                          y: t.y ? Array.from(t.y) : null, text: t.hovertext || null})) : null; }""",
            graph_id,
        )

    def outside(self) -> list[str]:
        return [
            u for u in self.requests if not u.startswith(self.base) and not u.startswith(("data:", "blob:"))
        ]


@pytest.fixture
def watched(browser, server):
    w = Watched(browser, server)
    yield w
    w.context.close()


def test_every_page_renders_with_the_synthetic_notice_no_console_errors_and_no_outside_requests(watched):
    for path in PAGES:
        watched.open(path)
        assert watched.page.locator("#synthetisch").is_visible(), path
        assert "Niet gevonden" not in watched.page.inner_text("main"), path
        if path not in ("/over",):
            assert watched.page.locator(".js-plotly-plot").count() > 0, path
    assert watched.errors == []
    assert watched.outside() == []


def test_map_is_drawn_without_map_tiles_and_outlines_the_pilots(watched):
    watched.open("/kaart?indicator=woninginbraak&doelgroep=totaal")
    layout = watched.page.evaluate(
        "() => Object.keys(document.querySelector('#grafiek-kaart .js-plotly-plot')._fullLayout)"
    )
    assert not any(k.startswith(("geo", "mapbox", "map")) for k in layout)
    names = [t["name"] for t in watched.graph_data("grafiek-kaart")]
    assert "proeftuin (omlijnd)" in names
    assert watched.outside() == []


def test_filter_change_updates_charts_table_and_address_and_back_restores(watched):
    watched.open("/thema/verzuim?indicator=absoluut_verzuim&doelgroep=roma")
    before = watched.graph_data("grafiek-trend")
    table_before = watched.page.inner_text("#tabel-vergelijking")
    watched.page.select_option("#thema-indicator", "relatief_verzuim")
    watched.page.wait_for_url("**indicator=relatief_verzuim**")
    watched.page.wait_for_function(
        "() => document.querySelector('#grafiek-trend') && "
        "document.body.innerText.includes('Ingeschreven leerplichtigen')"
    )
    watched.page.wait_for_load_state("networkidle")
    assert watched.graph_data("grafiek-trend") != before
    assert watched.page.inner_text("#tabel-vergelijking") != table_before

    watched.page.go_back()
    watched.page.wait_for_url("**indicator=absoluut_verzuim**")
    watched.page.wait_for_function(
        "() => document.querySelector('#thema-indicator').value === 'absoluut_verzuim'"
    )
    watched.page.wait_for_load_state("networkidle")
    assert watched.graph_data("grafiek-trend") == before
    assert watched.errors == []


def test_sorting_the_table_changes_its_order_and_lives_in_the_address(watched):
    watched.open("/thema/arbeid?indicator=bijstand&doelgroep=totaal")
    before = watched.page.inner_text("#tabel-vergelijking tbody")
    watched.page.select_option("#thema-sorteer", "laatste-hoog")
    watched.page.wait_for_url("**sorteer=laatste-hoog**")
    watched.page.wait_for_function(
        "b => document.querySelector('#tabel-vergelijking tbody').innerText !== b", arg=before
    )


def test_copied_link_reopens_the_same_view(watched, browser, server):
    watched.open("/kaart")
    watched.page.select_option("#kaart-indicator", "bijstand")
    watched.page.check("#kaart-doelgroep input[value='totaal']")
    watched.page.wait_for_url("**indicator=bijstand**doelgroep=totaal**")
    copied = watched.page.url
    other = Watched(browser, server)
    try:
        other.page.goto(copied)
        other.page.wait_for_selector("#grafiek-kaart .js-plotly-plot")
        assert other.page.input_value("#kaart-indicator") == "bijstand"
        assert other.page.is_checked("#kaart-doelgroep input[value='totaal']")
    finally:
        other.context.close()


def test_download_button_gives_csv_that_opens_in_dutch_excel(watched):
    watched.open("/thema/verzuim?indicator=absoluut_verzuim&doelgroep=roma")
    with watched.page.expect_download() as info:
        watched.page.click("#thema-download-knop")
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    header = content.decode("utf-8-sig").splitlines()[0].split(";")
    assert {"indicator", "doelgroep", "waarde", "onderdrukt", "let_op"} <= set(header)


def test_municipality_choice_navigates_and_download_works(watched):
    watched.open("/gemeente/GM0228")
    watched.page.select_option("#gemeente-keuze", "GM0995")
    watched.page.wait_for_url("**/gemeente/GM0995**")
    watched.page.wait_for_selector("h1:has-text('Lelystad')")
    with watched.page.expect_download() as info:
        watched.page.click("#gemeente-download-knop")
    assert b"GM0995" in Path(info.value.path()).read_bytes()


def _latest_suppressed_pilot_cell(db: Path) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        return (
            con.execute(f"""
            select w.gemeente_code, g.gemeente_naam, w.indicator, i.domein, i.vermenigvuldiger, w.jaar,
                   w.periode, w.waarde, w.teller, w.noemer
            from waarnemingen w join gemeenten g using (gemeente_code) join indicatoren i using (indicator)
            where g.proeftuin and i.vermenigvuldiger = 100 and {
                disclosure.sql_suppressed(doelgroep="w.doelgroep", teller="w.teller", noemer="w.noemer")
            }
              and w.jaar = (select max(jaar) from waarnemingen x where x.gemeente_code = w.gemeente_code
                            and x.indicator = w.indicator and x.doelgroep = 'roma')
            order by w.gemeente_code, w.indicator limit 1
        """)
            .df()
            .iloc[0]
            .to_dict()
        )


def test_small_roma_cell_is_never_shown_as_a_number(watched, sample_db):
    cell = _latest_suppressed_pilot_cell(sample_db)
    shown = fmt.value(cell["waarde"], int(cell["vermenigvuldiger"]))  # what a leak would look like
    watched.open(f"/thema/{cell['domein']}?indicator={cell['indicator']}&doelgroep=roma")
    # Charts: no trace of the municipality has a value in that year, and no hover text quotes it.
    for graph in ("grafiek-trend", "grafiek-groepen", "grafiek-kloof", "grafiek-trechter"):
        for trace in watched.graph_data(graph) or []:
            if trace["name"] == cell["gemeente_naam"] and trace["x"]:
                ys = [y for x, y in zip(trace["x"], trace["y"], strict=True) if x == cell["jaar"]]
                assert all(y is None for y in ys), graph
            assert not any(f"{cell['periode']}: {shown}" in (t or "") for t in (trace["text"] or [])), graph
    # Table: the municipality's latest value reads "onderdrukt".
    row = watched.page.locator("#tabel-vergelijking tr", has_text=cell["gemeente_naam"]).first.inner_text()
    assert "onderdrukt" in row and shown not in row
    # Overview rug and map: the same.
    watched.open("/?doelgroep=roma")
    rug_cell = watched.page.locator(f"#tabel-tapijt td[title^='{cell['gemeente_naam']},']").all_inner_texts()
    assert not any(shown in t for t in rug_cell)
    watched.open(f"/kaart?indicator={cell['indicator']}&doelgroep=roma")
    hover = json.dumps(watched.graph_data("grafiek-kaart"))
    assert f"{cell['periode']}: {shown}" not in hover
    assert watched.errors == []


def test_unknown_addresses_get_a_friendly_not_found_page(watched):
    for path in (
        "/gemeente/GM9999",
        "/thema/sport",
        "/thema/verzuim?indicator=%3Cscript%3E",
        "/bestaat/niet",
    ):
        watched.open(path)
        assert "Niet gevonden" in watched.page.inner_text("main"), path
    assert watched.errors == []
