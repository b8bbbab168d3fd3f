"""The first chart without detours (issue 14, "light and fast"): the page a browser opens is in the
first layout it loads, so the router is not asked for it; no script that no supported browser
needs; and the charts that open a page are drawn once, not a second time for their margins.

What is timed is in bench/bench_dashboard.py; these tests check the mechanisms, never a duration.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise

import pytest

from dashboard import ids, startpagina
from tests.dashboard.conftest import settle


def _layout(app, referer: str | None) -> tuple[dict, object]:
    headers = {"Referer": referer} if referer is not None else {}
    response = app.server.test_client().get(startpagina.LAYOUT_PATH, headers=headers)
    assert response.status_code == 200
    return json.loads(response.data), response


def _find(tree: object, component_id: str) -> dict | None:
    if isinstance(tree, dict):
        if tree.get("props", {}).get("id") == component_id:
            return tree
        for value in tree.get("props", {}).values():
            found = _find(value, component_id)
            if found is not None:
                return found
    elif isinstance(tree, list):
        for child in tree:
            found = _find(child, component_id)
            if found is not None:
                return found
    return None


def _text(tree: object) -> str:
    if isinstance(tree, str):
        return tree
    if isinstance(tree, list):
        return " ".join(_text(c) for c in tree)
    if isinstance(tree, dict):
        return _text(tree.get("props", {}).get("children"))
    return ""


@pytest.mark.parametrize(
    ("path", "graph"),
    [
        ("/", f"{ids.GRAPH_STATUS}-verzuim"),
        ("/thema/arbeid", ids.GRAPH_TREND),
        ("/gemeente/GM0228", ids.GRAPH_PROFILE),
        ("/kaart", ids.GRAPH_MAP),
        ("/datakwaliteit", ids.GRAPH_COMPLETENESS),
    ],
)
def test_the_opened_page_and_its_first_chart_are_in_the_served_layout(app, path, graph):
    tree, response = _layout(app, f"http://localhost{path}")
    content = _find(tree, startpagina.CONTENT)
    assert content is not None and content["props"].get("children"), "de pagina zit niet in de layout"
    assert _find(content, graph) is not None, f"{graph} ontbreekt"
    figure = _find(content, graph)["props"]["figure"]
    assert figure["data"], "de eerste grafiek heeft geen gegevens"
    location = _find(tree, startpagina.LOCATION)["props"]
    # The router's location already holds the address: it has nothing to report when it mounts.
    assert (location["pathname"], location["search"]) == (path, "")
    assert _find(tree, startpagina.STORE)["props"]["data"]["title"].endswith("Monitor Inclusie Roma")
    assert "no-store" in response.headers["Cache-Control"]
    assert "Referer" in response.headers["Vary"]


def test_the_served_page_is_the_view_of_the_address_in_its_language(app):
    tree, _ = _layout(app, "http://localhost/thema/wonen?doelgroep=totaal&taal=en")
    content = _find(tree, startpagina.CONTENT)
    assert _find(content, ids.THEMA_DOELGROEP)["props"]["value"] == "totaal"
    assert _find(tree, startpagina.LOCATION)["props"]["search"] == "?doelgroep=totaal&taal=en"
    assert "Housing" in _text(content)


def test_an_unknown_address_is_served_the_not_found_page(app):
    tree, _ = _layout(app, "http://localhost/bestaat/niet")
    content = _find(tree, startpagina.CONTENT)
    assert "niet-gevonden" in content["props"]["children"]["props"]["className"]


@pytest.mark.parametrize("referer", [None, "http://elders.example/thema/arbeid", "not a url"])
def test_without_the_sites_own_address_the_router_builds_the_page_as_before(app, referer):
    tree, _ = _layout(app, referer)
    assert _find(tree, startpagina.CONTENT)["props"].get("children") is None
    assert "pathname" not in _find(tree, startpagina.LOCATION)["props"]


def test_the_index_asks_for_the_address_and_loads_no_polyfill_and_no_lazy_graph(app):
    html = app.server.test_client().get("/kaart").get_data(as_text=True)
    assert re.search(r'<meta name="referrer" content="same-origin"', html)
    # The layout and the callbacks are asked for while the scripts still run.
    for path in (startpagina.LAYOUT_PATH, "/_dash-dependencies"):
        assert re.search(rf'<link rel="preload" href="{path}" as="fetch" crossorigin="anonymous">', html)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert not [s for s in scripts if "polyfill" in s]
    assert [s for s in scripts if "regenerator-runtime" in s]
    assert [s for s in scripts if "/dcc/async-graph" in s], "dcc's Graph komt pas later"
    # React comes after the runtime the bundles use, the Graph chunk before dcc's own bundle.
    order = [next(i for i, s in enumerate(scripts) if key in s) for key in ("regenerator", "react@")]
    assert order == sorted(order)


@pytest.mark.browser
def test_a_fresh_browser_draws_the_page_without_asking_the_router_and_each_chart_once(server, browser):
    """Each view in a new context (empty cache and storage) of the session's Chromium."""
    for width, path, graph in [
        (1440, "/thema/verzuim", ids.GRAPH_TREND),
        (1440, "/gemeente/GM0228", ids.GRAPH_PROFILE),
        (1440, "/datakwaliteit", ids.GRAPH_COMPLETENESS),
        (390, "/datakwaliteit", ids.GRAPH_COMPLETENESS),
    ]:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        posts: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r, s=posts: s.append(r.post_data or "") if r.method == "POST" else None)
        page.on("pageerror", lambda e, s=errors: s.append(str(e)))
        layouts: list[str] = []
        page.on(
            "request",
            lambda r, s=layouts: s.append(r.url.split(server)[-1]) if "/_dash-layout" in r.url else None,
        )
        page.goto(server + path)
        page.wait_for_function(
            "id => { const gd = document.querySelector('#' + id + ' .js-plotly-plot');"
            " return gd && gd._fullData && gd._fullData.length; }",
            arg=graph,
        )
        settle(page)  # every callback done: a late call to the router would be among them
        assert not errors
        assert not [b for b in posts if startpagina.CONTENT in b], "de router werd gevraagd"
        assert layouts == [startpagina.LAYOUT_PATH], f"layout gevraagd: {layouts}"
        margin, size = page.evaluate(
            """id => { const gd = document.querySelector('#' + id + ' .js-plotly-plot');
                       return [gd.layout.margin, gd._fullLayout._size]; }""",
            graph,
        )
        if width >= 1440:
            # Automargin found the margins wide enough: Plotly did not draw the chart again.
            grown = {k: (margin[k], round(size[k])) for k in "lrtb" if round(size[k]) > margin[k]}
            assert not grown, f"{path}: automargin vergrootte {grown}"
        else:
            # On a phone the heatmap gets its narrow margins back: room left for the cells.
            assert size["w"] >= 64, f"{path}: {size['w']} px voor de cellen"
            # and its year labels do not run into each other (fewer of them on a phone)
            boxes = page.evaluate(
                """id => [...document.querySelectorAll('#' + id + ' .xtick text')]
                       .map(t => t.getBoundingClientRect()).map(r => [r.left, r.right])""",
                graph,
            )
            boxes.sort()
            assert len(boxes) >= 2, boxes
            assert all(a[1] <= b[0] for a, b in pairwise(boxes)), boxes
        context.close()
