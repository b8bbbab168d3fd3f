"""The dashboard on every screen (issue 14): it fits at phone, tablet, laptop and projector widths,
axe-core finds nothing at 390 and 1440 px, Back takes one press, a keyboard reaches every control,
a first visit is light, a missing or broken database gives a Dutch 503 page, a malformed callback a
400, and the status colours stay distinct for colour-blind readers.

Browser tests run Debian's Chromium through Playwright against `python -m dashboard` on the test
database (the `server` and `browser` fixtures of conftest.py).
"""

from __future__ import annotations

import itertools
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from dashboard import ids, theme
from tests.dashboard.conftest import dashboard_process, settle
from tests.dashboard.test_browser import PAGES

ROOT = Path(__file__).resolve().parents[2]
ALL_PAGES = [*PAGES, "/bestaat/niet"]
WIDTHS = (390, 768, 1440, 1920)
AXE_WIDTHS = (390, 1440)


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("main h1", timeout=30000)
    settle(page)


# ---------------------------------------------------------------------- layout and axe


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_axe_finds_nothing_charts_have_captions(browser, server, width):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 400 else 844})
    page = context.new_page()
    wide, found = {}, {}
    try:
        for path in ALL_PAGES:
            _open(page, server + path)  # settled: every graph drawn at the width of its box
            scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                wide[path] = scroll
            # Every box that scrolls sideways is a labelled region that takes focus.
            unlabelled = page.evaluate("""() => [...document.querySelectorAll('main *')].filter(e => {
                const s = getComputedStyle(e);
                return e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(s.overflowX)
                    && !(e.tabIndex >= 0 && e.getAttribute('role') === 'region' && e.getAttribute('aria-label'));
            }).map(e => e.className)""")
            assert unlabelled == [], (path, unlabelled)
            # Every chart has a caption that states its finding (in words, with a figure).
            missing = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].filter(gd => {
                const fig = gd.closest('figure');
                const cap = fig && fig.querySelector('figcaption');
                return !cap || cap.textContent.trim().length < 40 || !/\\d/.test(cap.textContent);
            }).map(gd => gd.closest('[id]') && gd.closest('[id]').id)""")
            assert missing == [], (path, width, missing)
            if width in AXE_WIDTHS:
                violations = axe.run(page).response["violations"]
                if violations:
                    found[path] = {v["id"]: [n["target"] for n in v["nodes"]] for v in violations}
    finally:
        context.close()
    assert wide == {}, f"wider than {width} px: {wide}"
    assert found == {}, found


@pytest.mark.browser
def test_the_answer_table_is_a_card_per_pilot_on_a_phone_and_a_table_on_a_laptop(browser, server):
    shapes = {}
    context = browser.new_context()
    page = context.new_page()
    try:
        for width in (390, 1440):
            page.set_viewport_size({"width": width, "height": 844 if width < 400 else 900})
            _open(page, server + "/?doelgroep=roma")  # loaded at that width
            table = page.locator("#tabel-antwoord")
            box = table.locator("xpath=..")
            scroll, client = box.evaluate("e => [e.scrollWidth, e.clientWidth]")
            assert scroll <= client + 1, (width, scroll, client)  # nothing to scroll sideways
            first = table.locator("tbody tr").first
            cells = first.locator("td")
            tops = [cells.nth(i).bounding_box()["y"] for i in range(cells.count())]
            shapes[width] = "stacked" if tops == sorted(tops) and len(set(tops)) == len(tops) else "row"
            # Each cell says which column it is, in the language of the page; the table keeps its role.
            heads = table.locator("thead th").all_inner_texts()
            assert [cells.nth(i).get_attribute("data-kop") for i in range(cells.count())] == heads
            assert table.get_attribute("role") == "table"
            if width == 390:
                label = cells.nth(1).evaluate("e => getComputedStyle(e, '::before').content")
                assert heads[1] in label
    finally:
        context.close()
    assert shapes == {390: "stacked", 1440: "row"}


@pytest.mark.browser
def test_a_page_follows_the_window_when_it_narrows_and_widens(browser, server):
    # A phone turned, a laptop window narrowed: the charts drawn at one width follow the new one.
    # (Small multiples reflowed to one column had their width fixed by Plotly and kept the page
    # 1308 px wide at 390; settle also waits until every graph has the width of its box.)
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        for path in ("/", "/thema/verzuim", "/gemeente/GM0228"):
            _open(page, server + path)
            for width in (390, 1440):
                page.set_viewport_size({"width": width, "height": 844 if width < 400 else 900})
                settle(page)
                scroll = page.evaluate("() => document.documentElement.scrollWidth")
                assert scroll <= width, (path, width, scroll)
                widths = page.evaluate(
                    "() => [...document.querySelectorAll('.js-plotly-plot')].map(g => "
                    "[g.clientWidth, g._fullLayout.width])"
                )
                assert widths and all(abs(box - drawn) <= 1 for box, drawn in widths), (path, width, widths)
            page.set_viewport_size({"width": 1440, "height": 900})
    finally:
        context.close()


@pytest.mark.browser
def test_matrix_fits_a_laptop_and_names_every_cell(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        _open(page, server + "/?doelgroep=roma")
        box = page.locator("#tabel-tapijt").locator("xpath=..")
        scroll, client = box.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert scroll <= client + 1
        cells = page.locator("#tabel-tapijt td")
        assert cells.count() > 50
        # Each cell says its status in words (for screen readers) and carries a symbol besides colour.
        for i in range(0, cells.count(), 7):
            text = cells.nth(i).inner_text()
            assert re.search(
                r"\((verbeterd|gelijk gebleven|verslechterd|gestegen|gedaald|onvoldoende "
                r"gegevens|onderdrukt)\)|geen cijfers",
                cells.nth(i).text_content(),
            ), text
    finally:
        context.close()


# ---------------------------------------------------------------------- navigation


ENTRIES = [
    "/",
    "/thema/verzuim",
    "/thema/veiligheid?indicator=woninginbraak",
    "/gemeente/GM0228",
    "/kaart",
    "/datakwaliteit",
]


@pytest.mark.browser
@pytest.mark.slow
def test_one_back_press_from_every_entry_route(browser, server):
    context = browser.new_context()
    page = context.new_page()
    try:
        _open(page, server + "/over")
        for entry in ENTRIES:
            # Entered from the address bar, after another page (/over: opened above, or the page that
            # Back led to at the end of the previous entry).
            _open(page, server + entry)  # settled: the address tidied, every callback done
            page.go_back()
            page.wait_for_url(server + "/over")
            page.wait_for_selector("main h1:has-text('Over')")
            settle(page)
            # Entered by a link in the menu.
            href = entry.split("?")[0]
            link = page.locator(f".hoofdmenu a[href='{href}']")
            if link.count():
                link.click()
                page.wait_for_url(f"**{href}**")
                settle(page)
                page.go_back()
                page.wait_for_url(server + "/over")
                page.wait_for_selector("main h1:has-text('Over')")
    finally:
        context.close()


@pytest.mark.browser
def test_filter_change_then_back_returns_to_the_entry_view_in_one_press(browser, server):
    context = browser.new_context()
    page = context.new_page()
    try:
        _open(page, server + "/over")
        _open(page, server + "/thema/arbeid")
        page.select_option("#thema-indicator", "bijstand")
        page.wait_for_url("**indicator=bijstand**")
        page.go_back()
        page.wait_for_function(
            "() => document.querySelector('#thema-indicator').value === 'arbeidsparticipatie'"
        )
        assert "indicator=bijstand" not in page.url
        page.go_back()
        page.wait_for_url(server + "/over")
    finally:
        context.close()


# ---------------------------------------------------------------------- keyboard and text alternatives


@pytest.mark.browser
@pytest.mark.slow
def test_keyboard_alone_reaches_every_control_and_changes_a_filter(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        for path in ("/", "/thema/verzuim", "/gemeente/GM0228", "/kaart"):
            _open(page, server + path)
            # Number every control a keyboard should reach (of a radio group: the checked one).
            controls = page.evaluate("""() => [...document.querySelectorAll(
                'main a[href], main button, main select, main input, main summary, main [tabindex="0"]')]
                .filter(e => e.checkVisibility() && !e.disabled
                             && !(e.type === 'radio' && e.name && !e.checked))
                .map((e, i) => { e.dataset.kb = i; return i; }).length""")
            page.keyboard.press("Tab")
            assert page.evaluate("() => document.activeElement.textContent") == "Direct naar de inhoud"
            reached: set[str] = set()
            for _ in range(controls + 40):
                page.keyboard.press("Tab")
                key, visible = page.evaluate("""() => { const e = document.activeElement;
                    const s = getComputedStyle(e);
                    return [e.dataset.kb || null, s.outlineStyle !== 'none' || s.boxShadow !== 'none']; }""")
                if key is not None:
                    reached.add(key)
                    assert visible, f"{path}: focus not visible on control {key}"
                    if len(reached) == controls:
                        break  # every control reached, each with visible focus
            assert len(reached) == controls, (path, len(reached), controls)
        # A filter changed with the keyboard alone.
        _open(page, server + "/thema/verzuim")
        page.focus("#thema-indicator")
        page.keyboard.press("ArrowDown")
        page.wait_for_url("**indicator=relatief_verzuim**")
    finally:
        context.close()


# ---------------------------------------------------------------------- light and fast


@pytest.mark.browser
def test_first_visit_is_light_compressed_and_uses_only_what_the_pages_need(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    received: dict[str, float] = {}
    encodings: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]))
    failed: set[str] = set()
    cdp.on("Network.loadingFailed", lambda e: failed.add(e["requestId"]))
    cdp.on(
        "Network.responseReceived",
        lambda e: encodings.__setitem__(
            e["requestId"],
            {k.lower(): v for k, v in e["response"]["headers"].items()}.get("content-encoding", ""),
        ),
    )
    try:
        _open(page, server + "/")
        page.wait_for_function(
            "() => document.querySelector('.js-plotly-plot') && "
            "document.querySelector('.js-plotly-plot')._fullData"
        )
        # The page is at rest; every request it made has finished, so that all its bytes are counted.
        for _ in range(1500):
            if not set(urls) - set(received) - failed:
                break
            page.wait_for_timeout(20)  # lets Playwright hand over the network events meanwhile
        assert not set(urls) - set(received) - failed, [urls[k] for k in set(urls) - set(received) - failed]
        total = sum(received.values())
        loaded = list(urls.values())
        assert not [u for u in loaded if "mathjax" in u.lower() or "/dash_table/" in u], loaded
        assert not [u for u in loaded if "package_data/plotly" in u], "the full plotly.js bundle"
        assert total < 2_500_000, f"{total:,} bytes"
        scripts = [k for k, u in urls.items() if u.endswith(".js") and received.get(k, 0) > 5000]
        assert scripts and all(encodings.get(k) in ("br", "gzip") for k in scripts)
    finally:
        context.close()


def test_hashed_scripts_are_cached_for_a_year_and_pages_are_not(app):
    client = app.server.test_client()
    index = client.get("/").get_data(as_text=True)
    srcs = re.findall(r'<script src="([^"]+)"', index)
    assert any("plotly-cartesian" in s for s in srcs)
    assert not any("dash_table" in s or "mathjax" in s for s in srcs)
    for src in srcs:
        r = client.get(src, headers={"Accept-Encoding": "br"})
        assert r.status_code == 200
        assert "immutable" in r.headers["Cache-Control"] and "max-age=31536000" in r.headers["Cache-Control"]
    css = re.findall(r'<link rel="stylesheet" href="([^"]+)"', index)
    assert css and all("max-age=31536000" in client.get(h).headers["Cache-Control"] for h in css)
    assert "max-age=31536000" not in (client.get("/").headers.get("Cache-Control") or "")


# ---------------------------------------------------------------------- faults


def test_unknown_addresses_answer_404_and_known_ones_200(app):
    client = app.server.test_client()
    for path in (
        "/",
        "/thema/verzuim",
        "/thema/veiligheid?indicator=woninginbraak",
        "/gemeente/GM0228",
        "/kaart",
        "/datakwaliteit",
        "/over",
    ):
        assert client.get(path).status_code == 200, path
    for path in (
        "/bestaat/niet",
        "/thema/sport",
        "/gemeente/GM9999",
        "/thema/verzuim?indicator=%3Cscript%3E",
        "/kaart?doelgroep=niemand",
        "/404",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "Monitor Inclusie Roma" in r.get_data(as_text=True)  # the app, which shows "niet gevonden"


def _callback(output: str, inputs: list[dict], state: list[dict] | None = None) -> dict:
    return {
        "output": output,
        "outputs": {"id": output.split(".")[0], "property": output.split(".")[1]},
        "inputs": inputs,
        "state": state or [],
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }


@pytest.mark.parametrize(
    "body",
    [
        _callback(
            "thema-body.children",
            [
                {"id": "thema-indicator", "property": "value", "value": ["x"]},
                {"id": "thema-doelgroep", "property": "value", "value": "roma"},
            ],
        ),
        _callback(
            "thema-body.children",
            [
                {"id": "thema-indicator", "property": "value", "value": {"a": 1}},
                {"id": "thema-doelgroep", "property": "value", "value": "roma"},
            ],
        ),
        _callback(
            "overzicht-body.children", [{"id": "overzicht-doelgroep", "property": "value", "value": 5}]
        ),
        _callback(
            "thema-download.data", [{"id": "thema-download-knop", "property": "n_clicks", "value": "1"}]
        ),
        {"output": "thema-body.children", "inputs": "nee"},
        {"inputs": []},
        ["geen", "object"],
        "geen json",
    ],
)
def test_malformed_callback_input_gets_400_never_500(app, body):
    client = app.server.test_client()
    data = body.encode() if isinstance(body, str) else None
    r = client.post(
        "/_dash-update-component", json=None if data else body, data=data, content_type="application/json"
    )
    assert r.status_code == 400
    assert r.get_json()["fout"]


def test_a_wellformed_callback_still_answers(app):
    client = app.server.test_client()
    r = client.post(
        "/_dash-update-component",
        json=_callback(
            "overzicht-body.children",
            [{"id": "overzicht-doelgroep", "property": "value", "value": "totaal"}],
            # the page's language comes from the address (?taal=, issue 17)
            [{"id": ids.LOCATION, "property": "search", "value": ""}],
        ),
    )
    assert r.status_code == 200


@pytest.fixture
def spare_server(sample_path, tmp_path):
    """`python -m dashboard` on a copy of the test database that the test may break."""
    db = tmp_path / "monitor.duckdb"
    shutil.copy(sample_path, db)
    with dashboard_process(db, tmp_path / "server.log") as url:
        yield url, db


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_missing_or_corrupt_database_gives_a_dutch_503_page_and_status_says_so(spare_server):
    url, db = spare_server
    assert _get(url + "/")[0] == 200
    good = db.read_bytes()
    for breakage in ("corrupt", "missing"):
        if breakage == "corrupt":
            db.write_bytes(b"dit is geen database " * 1000)
        else:
            db.unlink()
        for path in ("/", "/thema/verzuim", "/bestaat/niet"):
            status, body = _get(url + path)
            assert status == 503, (breakage, path)
            assert "niet beschikbaar" in body and "wordt bijgewerkt" in body and 'lang="nl"' in body
            assert "Error loading layout" not in body
        status, body = _get(url + "/_status")
        assert status == 503 and '"fout"' in body, breakage
        assert _get(url + "/_dash-layout")[0] == 503
    db.write_bytes(good)
    assert _get(url + "/")[0] == 200
    assert _get(url + "/_status")[0] == 200


# ---------------------------------------------------------------------- colour


# Machado, Oliveira & Fernandes (2009), severity 1: linear-RGB matrices.
CVD = {
    "deuteranopie": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "protanopie": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
}


def _linear(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    f = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(f > 0.008856, np.cbrt(f), 7.787 * f + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _contrast(a: str, b: str) -> float:
    la, lb = sorted(float(np.dot([0.2126, 0.7152, 0.0722], _linear(c))) for c in (a, b))
    return (lb + 0.05) / (la + 0.05)


def test_status_colours_stay_apart_for_colour_blind_readers_and_keep_a_second_cue():
    fills = {s: theme.STATUS[s][1] for s in theme.STATUS_ORDER if s != theme.ONDERDRUKT}
    for name, m in {"normaal": np.eye(3), **CVD}.items():
        for (s1, c1), (s2, c2) in itertools.combinations(fills.items(), 2):
            d = np.linalg.norm(_lab(np.clip(m @ _linear(c1), 0, 1)) - _lab(np.clip(m @ _linear(c2), 0, 1)))
            assert d >= 20, f"{name}: {s1} and {s2} differ by ΔE {d:.1f}"
    for s in theme.STATUS_ORDER:
        _, fill, ink = theme.STATUS[s]
        assert _contrast(fill, ink) >= 4.5, s
        assert theme.SYMBOL[s] and theme.MARKER[s] and s in theme.PATTERN
    assert len(set(theme.SYMBOL.values())) == len(theme.SYMBOL)
    assert len(set(theme.MARKER.values())) == len(theme.MARKER)


def test_the_stylesheet_uses_the_same_status_colours_as_the_charts():
    css = (ROOT / "dashboard" / "assets" / "10-monitor.css").read_text()
    for s in theme.STATUS_ORDER:
        if s == theme.ONDERDRUKT:
            continue
        _, fill, ink = theme.STATUS[s]
        rule = re.search(rf"\.status-{s.replace(' ', '-')}[ ,{{][^}}]*}}", css)
        assert rule, s
        assert fill.lower() in rule.group(0).lower() and ink.lower() in rule.group(0).lower(), s


def test_the_control_is_able_to_fail():
    """The simulation separates what it should: the old red/green pair of the Fingertips palette
    comes within the threshold under protanopia."""
    m = CVD["protanopie"]
    d = np.linalg.norm(
        _lab(np.clip(m @ _linear("#92D050"), 0, 1)) - _lab(np.clip(m @ _linear("#FFC000"), 0, 1))
    )
    assert d < 20
