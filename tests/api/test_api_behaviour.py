"""What clients rely on: ETag and 304, Cache-Control, problem+json in Dutch naming the field, 404,
405, cost limits (413, 429), and never a 5xx or a traceback on any input."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import api
from tests.api.conftest import serve

PROBLEM = "application/problem+json"


def problem(client: FlaskClient, url: str, status: int, method: str = "GET") -> dict:
    r = client.open(url, method=method)
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.mimetype == PROBLEM
    body = r.get_json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    assert "Traceback" not in r.get_data(as_text=True)
    return body


def test_etag_is_the_build_id_and_if_none_match_gives_304(client: FlaskClient) -> None:
    build = client.get("/api/v1/build").get_json()
    r = client.get("/api/v1/cijfers?gemeente=GM0363")
    assert r.headers["ETag"] == f'"{build["id"]}"'
    assert "max-age" in r.headers["Cache-Control"]
    again = client.get("/api/v1/cijfers?gemeente=GM0363", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == r.headers["ETag"]
    other = client.get("/api/v1/cijfers?gemeente=GM0363", headers={"If-None-Match": '"een-andere-build"'})
    assert other.status_code == 200


def test_build_says_which_build_is_served(client: FlaskClient, db: object) -> None:
    body = client.get("/api/v1/build").get_json()
    (mid, synthetic) = db.execute("select id, synthetisch from manifest").fetchone()
    assert body["id"] == mid and body["synthetisch"] is synthetic
    assert len(body["invoer_sha256"]) == 64 and body["invoer_bestanden"] > 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("gemeente=GM9998", "gemeente"),
        ("indicator=bestaat_niet", "indicator"),
        ("domein=onderwijs", "domein"),
        ("doelgroep=kinderen", "doelgroep"),
        ("van=1999", "van"),
        ("van=twintig", "van"),
        ("tot=3000", "tot"),
        ("van=2020&tot=2018", "van"),
        ("limit=0", "limit"),
        ("limit=100000", "limit"),
        ("offset=-1", "offset"),
        ("format=xml", "format"),
        ("gemeenten=GM0363", "gemeenten"),
        ("van=2019&van=2020", "van"),
    ],
)
def test_a_wrong_parameter_is_a_400_naming_it(client: FlaskClient, query: str, field: str) -> None:
    body = problem(client, f"/api/v1/cijfers?{query}", 400)
    assert body["veld"] == field
    assert field in body["detail"]
    assert body["instance"] == "/api/v1/cijfers"


def test_an_unknown_code_gets_a_hint(client: FlaskClient) -> None:
    body = problem(client, "/api/v1/cijfers?indicator=absoluut_verzium", 400)
    assert "absoluut_verzuim" in body["detail"]  # "bedoelt u …?", from the extract's own check


def test_a_filter_the_resource_lacks_is_a_400(client: FlaskClient) -> None:
    body = problem(client, "/api/v1/effecten?gemeente=GM0363", 400)
    assert body["veld"] == "gemeente"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/bestaat-niet",
        "/api/v1/cijfers/extra",
        "/api/v1/cijfers/datapackage.xml",
        "/api/v1/build/x",
        "/api/v1/../../etc/passwd",
        "/api/v1/%00",
    ],
)
def test_an_unknown_path_is_a_404(client: FlaskClient, path: str) -> None:
    problem(client, path, 404)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "TRACE"])
@pytest.mark.parametrize("path", ["/api/v1/cijfers", "/api/v1/build", "/api/v1/", "/api/v1/onbekend"])
def test_a_write_method_is_a_405(client: FlaskClient, method: str, path: str) -> None:
    r = client.open(path, method=method, data=b"x=1")
    assert r.status_code == 405 and r.mimetype == PROBLEM
    assert r.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_head_and_options(client: FlaskClient) -> None:
    head = client.head("/api/v1/indicatoren")
    assert head.status_code == 200 and head.data == b"" and head.headers["ETag"]
    options = client.options("/api/v1/indicatoren")
    assert options.status_code == 204 and "GET" in options.headers["Allow"]


def test_accept_header_chooses_the_format(client: FlaskClient) -> None:
    r = client.get("/api/v1/indicatoren", headers={"Accept": "text/csv"})
    assert r.mimetype == "text/csv" and r.data.startswith(b"indicator,")
    r = client.get("/api/v1/indicatoren", headers={"Accept": "application/vnd.apache.parquet"})
    assert r.mimetype == "application/vnd.apache.parquet" and r.data[:4] == b"PAR1"
    r = client.get("/api/v1/indicatoren?format=json", headers={"Accept": "text/csv"})
    assert r.mimetype == "application/json"


def test_too_many_rows_for_a_file_is_a_413(api_db: Path) -> None:
    client = serve(api_db, api.Limits(file_rows=10)).test_client()
    body = problem(client, "/api/v1/cijfers?format=csv", 413)
    assert "filter" in body["detail"]
    assert client.get("/api/v1/indicatoren?format=csv&domein=wonen").status_code == 200


def test_a_query_past_its_time_is_interrupted_with_a_413(api_db: Path) -> None:
    client = serve(api_db, api.Limits(query_seconds=0.0)).test_client()
    r = client.get("/api/v1/cijfers?format=csv")
    assert r.status_code == 413 and r.mimetype == PROBLEM


def test_a_busy_server_answers_429_instead_of_stalling(api_db: Path) -> None:
    server = serve(api_db, api.Limits(concurrent=1, wait_seconds=0.05))
    database = server.blueprints["api"].database
    assert database._gate.acquire()  # another question holds the only slot
    try:
        r = server.test_client().get("/api/v1/cijfers?gemeente=GM0363")
    finally:
        database._gate.release()
    assert r.status_code == 429 and r.mimetype == PROBLEM and r.headers["Retry-After"]
    assert server.test_client().get("/api/v1/cijfers?gemeente=GM0363").status_code == 200


def test_no_database_is_a_503_not_a_traceback(tmp_path: Path) -> None:
    client = serve(tmp_path / "nog-niet-gebouwd.duckdb").test_client()
    body = problem(client, "/api/v1/cijfers", 503)
    assert "make" in body["detail"]


TEXT = st.text(st.characters(codec="utf-8"), max_size=80)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "gemeente",
                    "indicator",
                    "domein",
                    "doelgroep",
                    "van",
                    "tot",
                    "limit",
                    "offset",
                    "format",
                    "groep",
                ]
            )
            | TEXT,
            TEXT,
        ),
        max_size=5,
    ),
    resource=st.sampled_from(["cijfers", "groepen", "gemeenten", "kloof", "cijfers/datapackage.json"]),
)
def test_no_input_gives_a_server_error(
    client: FlaskClient, params: list[tuple[str, str]], resource: str
) -> None:
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params)
    r = client.get(f"/api/v1/{resource}?{query}")
    assert r.status_code in (200, 400, 413), r.get_data(as_text=True)
    if r.status_code != 200:
        assert r.mimetype == PROBLEM and "Traceback" not in r.get_data(as_text=True)


def test_a_long_value_is_not_echoed(client: FlaskClient) -> None:
    secret = "123456782" * 20  # long, BSN-like: refused without being repeated whole
    body = problem(client, f"/api/v1/cijfers?gemeente={secret}", 400)
    assert secret not in str(body)


def test_a_new_build_is_picked_up_and_changes_the_etag(api_db: Path, tmp_path: Path) -> None:
    import os
    import shutil

    import duckdb

    live = tmp_path / "monitor.duckdb"
    shutil.copy(api_db, live)
    client = serve(live).test_client()
    old = client.get("/api/v1/cijfers?gemeente=GM0363&limit=1")
    assert old.status_code == 200
    new = tmp_path / "nieuw.duckdb"
    shutil.copy(api_db, new)
    with duckdb.connect(str(new)) as con:  # a copy made by the test: another build id
        con.execute("update manifest set id = 'een-nieuwe-build'")
    os.replace(new, live)  # as pipeline/stages/publish.py swaps a build in
    again = client.get(
        "/api/v1/cijfers?gemeente=GM0363&limit=1", headers={"If-None-Match": old.headers["ETag"]}
    )
    assert again.status_code == 200
    assert again.headers["ETag"] == '"een-nieuwe-build"' == f'"{again.get_json()["build"]}"'
    assert client.get("/api/v1/build").get_json()["id"] == "een-nieuwe-build"


def test_answers_too_large_to_keep_are_made_again_alike(api_db: Path, client: FlaskClient) -> None:
    forgetful = serve(api_db, api.Limits(cache_bytes=0)).test_client()
    for url in (
        "/api/v1/cijfers?gemeente=GM0363&limit=50",
        "/api/v1/cijfers?domein=wonen&format=csv-nl",
        "/api/v1/groepen?format=parquet",
    ):
        first, second = forgetful.get(url), forgetful.get(url)
        assert first.status_code == second.status_code == 200
        assert first.data == second.data == client.get(url).data
