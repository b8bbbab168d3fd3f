"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright.

The server runs as `python -m dashboard` on a free localhost port against the test database (the
`server` and `browser` fixtures of conftest.py, one each per session); every request the browser
makes is recorded, so that a request leaving localhost fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from dashboard import fmt
from tests.conftest import small_sql
from tests.dashboard.conftest import settle

pytestmark = pytest.mark.browser
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
        self.settle()

    def settle(self) -> None:
        """Wait until the page is at rest: no callback pending (the lower part of a page arrives by
        its own), every graph drawn (conftest.settle)."""
        settle(self.page)

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
                          y: t.y ? Array.from(t.y) : null, text: t.hovertext || null,
                          mode: t.mode || null, type: t.type, labels: t.text || null,
                          error_x: t.error_x && t.error_x.visible ? {array: Array.from(t.error_x.array),
                              arrayminus: Array.from(t.error_x.arrayminus)} : null})) : null; }""",
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
    watched.settle()
    assert watched.graph_data("grafiek-trend") != before
    assert watched.page.inner_text("#tabel-vergelijking") != table_before

    watched.page.go_back()
    watched.page.wait_for_url("**indicator=absoluut_verzuim**")
    watched.page.wait_for_function(
        "() => document.querySelector('#thema-indicator').value === 'absoluut_verzuim'"
    )
    watched.settle()
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
    assert {"indicator", "doelgroep", "waarde", "onderdrukt", "synthetisch"} <= set(header)


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
            where g.proeftuin and i.vermenigvuldiger = 100 and w.doelgroep = 'roma'
              and {small_sql("w.teller", "w.noemer")}
              and w.jaar = (select max(jaar) from waarnemingen x where x.gemeente_code = w.gemeente_code
                            and x.indicator = w.indicator and x.doelgroep = 'roma')
            order by w.gemeente_code, w.indicator limit 1
        """)
            .df()
            .iloc[0]
            .to_dict()
        )


def test_small_roma_cell_is_never_shown_as_a_number(watched, sample_path):
    cell = _latest_suppressed_pilot_cell(sample_path)
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
        response = watched.page.goto(watched.base + path)
        assert response.status == 404, path
        watched.page.wait_for_selector("main h1", timeout=30000)
        watched.settle()
        assert "Niet gevonden" in watched.page.inner_text("main"), path
    # Chromium reports the 404 of the document itself as a console error; nothing else may fail.
    assert [e for e in watched.errors if "status of 404" not in e] == []
    assert len(watched.errors) <= 4


def _estimates(db: Path, doelgroep: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "select indicator, effect from publicatie_effecten where doelgroep = ? and not te_klein "
            "order by indicator",
            [doelgroep],
        ).df()


def _dots(watched, graph_id: str) -> list[dict]:
    return [t for t in watched.graph_data(graph_id) if t["mode"] == "markers"]


def _drawn_error_bars(watched, graph_id: str, kind: str) -> int:
    return watched.page.locator(f"#{graph_id} path.{kind}").count()


def test_overview_shows_every_effect_as_a_dot_with_its_interval_and_follows_the_doelgroep(
    watched, sample_path
):
    for doelgroep in ("roma", "totaal"):
        if doelgroep == "roma":
            watched.open("/?doelgroep=roma")
        else:
            watched.page.check("#overzicht-doelgroep input[value='totaal']")
            watched.page.wait_for_url("**doelgroep=totaal**")
            watched.page.wait_for_function(
                "() => document.querySelector('#grafiek-effecten .gtitle')"
                " && document.querySelector('#grafiek-effecten .gtitle')"
                ".textContent.includes('(totaal)')"
            )
            watched.settle()
        expected = _estimates(sample_path, doelgroep)
        dots = _dots(watched, "grafiek-effecten")
        assert sorted(round(d["x"][0], 9) for d in dots) == sorted(round(e, 9) for e in expected["effect"])
        assert all(d["error_x"]["array"][0] > 0 and d["error_x"]["arrayminus"][0] > 0 for d in dots)
        assert _drawn_error_bars(watched, "grafiek-effecten", "xerror") == len(dots)
    assert watched.errors == []


def test_theme_page_shows_effect_event_study_and_gap_progress_of_the_chosen_indicator(watched, sample_path):
    expected = _estimates(sample_path, "roma").set_index("indicator")["effect"]
    watched.open("/thema/verzuim?indicator=absoluut_verzuim&doelgroep=roma")
    for code in ("absoluut_verzuim", "relatief_verzuim"):
        if code != "absoluut_verzuim":
            watched.page.select_option("#thema-indicator", code)
            watched.page.wait_for_url(f"**indicator={code}**")
            watched.page.wait_for_function(
                "x => { const gd = document.querySelector('#grafiek-effect .js-plotly-plot');"
                " return gd && gd._fullData.some(t => t.mode === 'markers' && Math.abs(t.x[0] - x) < 1e-9); }",
                arg=float(expected[code]),
            )
            watched.settle()
        [dot] = _dots(watched, "grafiek-effect")
        assert abs(dot["x"][0] - expected[code]) < 1e-9
        assert _drawn_error_bars(watched, "grafiek-effect", "xerror") == 1
        names = {t["name"] for t in watched.graph_data("grafiek-gebeurtenis")}
        assert {"vóór de start", "na de start", "nulmeting (referentie)"} <= names
        assert _drawn_error_bars(watched, "grafiek-gebeurtenis", "yerror") > 0
        start = watched.page.evaluate(
            "() => document.querySelector('#grafiek-gebeurtenis .js-plotly-plot')._fullLayout.shapes.map(s => s.x0)"
        )
        assert -0.5 in start
        assert any(t["type"] == "bar" for t in watched.graph_data("grafiek-kloof-voortgang"))
    assert watched.errors == []


def test_gap_progress_never_shows_a_suppressed_roma_gap(watched, suppressed_pilot_gaps):
    assert not suppressed_pilot_gaps.empty, "the sample should hold a suppressed pilot gap"
    code, domein = suppressed_pilot_gaps.iloc[0][["indicator", "domein"]]
    rows = suppressed_pilot_gaps.loc[suppressed_pilot_gaps["indicator"] == code]
    watched.open(f"/thema/{domein}?indicator={code}&doelgroep=roma")
    traces = watched.graph_data("grafiek-kloof-voortgang")
    bars = {name for t in traces if t["type"] == "bar" for name in t["y"]}
    labels = {
        n: lab for t in traces if t["mode"] == "text" for n, lab in zip(t["y"], t["labels"], strict=True)
    }
    hovers = [h for t in traces for h in (t["text"] or [])]
    assert bars, "the published gaps of the other pilots are drawn"
    for name in rows["gemeente_naam"]:
        assert name not in bars and "onderdrukt" in labels[name]
        assert not any(h.startswith(f"<b>{name}</b>") for h in hovers)  # no gap figures on hover
    assert watched.errors == []
