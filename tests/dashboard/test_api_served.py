"""The dashboard's own server serves the API (/api/v1) and its explanation (/api)."""

from __future__ import annotations

import json

import dash
from dash import dcc


def test_dashboard_server_serves_the_api(app: dash.Dash) -> None:
    client = app.server.test_client()
    build = client.get("/api/v1/build")
    assert build.status_code == 200 and build.headers["ETag"] == f'"{build.get_json()["id"]}"'
    assert client.get("/api/v1/cijfers?limit=1").get_json()["data"]
    assert client.get("/api/v1/openapi.json").get_json()["openapi"].startswith("3.1")
    missing = client.get("/api/v1/bestaat-niet")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert client.post("/api/v1/cijfers").status_code == 405


def test_dashboard_pages_still_answer_beside_the_api(app: dash.Dash) -> None:
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/api").status_code == 200  # the explanation page (Dash)
    assert (
        client.post("/_dash-update-component", json={}).status_code != 405
    )  # Dash's POSTs are not the API's


def test_api_page_shows_curl_and_pandas_and_every_error(app: dash.Dash) -> None:
    from dashboard.api import problems
    from dashboard.api.resources import RESOURCES
    from dashboard.pages import api as page

    with app.server.test_request_context("/api", base_url="http://monitor.example:8050"):
        tree = page.page()
    text = json.dumps(tree.to_plotly_json(), default=lambda o: o.to_plotly_json())
    assert "curl" in text and "pd.read_csv(" in text
    assert "http://monitor.example:8050/api/v1/cijfers?" in text
    assert "{base}" not in text
    for r in RESOURCES:
        assert f"/api/v1/{r.name}" in text
    for slug, _ in problems.TITLES.values():
        assert f"fouten-{slug}" in text
    assert any(isinstance(c, dcc.Markdown) for c in tree.children)
