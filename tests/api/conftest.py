"""Fixtures for the API tests: the API blueprint on a bare Flask server over the shipped sample,
built once per session (the dashboard itself is not needed to test the API)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from flask import Flask
from flask.testing import FlaskClient

from dashboard import api
from pipeline.run import RunResult


@pytest.fixture(scope="session")
def api_db(sample_build: tuple[RunResult, Path]) -> Path:
    return sample_build[1]


def serve(db: Path, limits: api.Limits | None = None) -> Flask:
    """A Flask server with only the API on `db`."""
    server = Flask("api-test")
    api.register(server, lambda: db, limits)
    return server


@pytest.fixture(scope="session")
def api_server(api_db: Path) -> Flask:
    return serve(api_db)


@pytest.fixture
def client(api_server: Flask) -> FlaskClient:
    return api_server.test_client()


@pytest.fixture
def db(api_db: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(api_db), read_only=True)
    yield con
    con.close()


def all_pages(client: FlaskClient, url: str) -> list[dict]:
    """Every row of a JSON answer, following `next` to the end."""
    rows: list[dict] = []
    while url:
        r = client.get(url)
        assert r.status_code == 200, r.get_data(as_text=True)
        body = r.get_json()
        rows.extend(body["data"])
        url = body["next"]
        if url:
            url = url.removeprefix("http://localhost")
    return rows
