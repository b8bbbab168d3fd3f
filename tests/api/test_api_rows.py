"""The API serves the publication tables as they are: the same rows for any filters, in pages."""

from __future__ import annotations

import duckdb
import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.api.resources import RESOURCES
from tests.api.conftest import all_pages

DUCKDB_TYPES = {
    "s": {"VARCHAR"},
    "i": {"BIGINT", "INTEGER", "HUGEINT"},
    "n": {"DOUBLE"},
    "b": {"BOOLEAN"},
    "d": {"DATE"},
    "s[]": {"VARCHAR[]"},
    "n[]": {"DOUBLE[]"},
}


@pytest.mark.parametrize("resource", [r for r in RESOURCES if not r.figures], ids=lambda r: r.name)
def test_every_listed_column_is_in_the_build_with_its_type(
    db: duckdb.DuckDBPyConnection, resource: object
) -> None:
    types = dict(db.execute(f"select column_name, column_type from (describe {resource.table})").fetchall())
    for c in resource.columns:
        assert c.name in types, f"{resource.table} heeft geen kolom {c.name}"
        assert types[c.name] in DUCKDB_TYPES[c.type], (resource.table, c.name, types[c.name])


def test_every_publication_table_is_served(db: duckdb.DuckDBPyConnection) -> None:
    tables = {
        t
        for (t,) in db.execute(
            "select table_name from information_schema.tables where table_name like 'publicatie_%'"
        ).fetchall()
    }
    served = {r.table for r in RESOURCES}
    assert tables <= served, f"niet geserveerd: {sorted(tables - served)}"


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.name)
def test_every_resource_answers_with_all_its_rows(
    client: FlaskClient, db: duckdb.DuckDBPyConnection, resource: object
) -> None:
    body = client.get(f"/api/v1/{resource.name}?limit=5").get_json()
    (n,) = db.execute(f"select count(*) from {resource.table}").fetchone()
    assert body["total"] == n
    assert len(body["data"]) == min(5, n)
    assert all(list(row) == list(resource.names) for row in body["data"])


def _pick(db: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    return [v for (v,) in db.execute(sql).fetchall()]


@pytest.fixture(scope="module")
def choices(api_db: object) -> dict[str, list]:
    with duckdb.connect(str(api_db), read_only=True) as con:
        return {
            "gemeente": _pick(con, "select distinct gemeente_code from publicatie_cijfers order by 1"),
            "indicator": _pick(con, "select indicator from indicatoren order by 1"),
            "domein": _pick(con, "select distinct domein from indicatoren order by 1"),
        }


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_figures_equal_the_publication_table_for_random_filters(
    client: FlaskClient, db: duckdb.DuckDBPyConnection, choices: dict, data: st.DataObject
) -> None:
    gemeenten = data.draw(st.lists(st.sampled_from(choices["gemeente"]), min_size=1, max_size=3, unique=True))
    indicator = data.draw(st.none() | st.sampled_from(choices["indicator"]))
    doelgroep = data.draw(st.none() | st.sampled_from(["roma", "totaal"]))
    van = data.draw(st.none() | st.integers(2010, 2024))
    query = [f"gemeente={','.join(gemeenten)}", "limit=97"]
    where = ["list_contains($g, gemeente_code)"]
    params: dict[str, object] = {"g": gemeenten}
    if indicator:
        query.append(f"indicator={indicator}")
        where.append("indicator = $i")
        params["i"] = indicator
    if doelgroep:
        query.append(f"doelgroep={doelgroep}")
        where.append("doelgroep = $d")
        params["d"] = doelgroep
    if van:
        query.append(f"van={van}")
        where.append("jaar >= $v")
        params["v"] = van
    rows = all_pages(client, "/api/v1/cijfers?" + "&".join(query))
    got = sorted(
        (
            r["gemeente_code"],
            r["periode"],
            r["indicator"],
            r["doelgroep"],
            r["teller"],
            r["noemer"],
            r["onderdrukt"],
        )
        for r in rows
    )
    want = db.execute(
        f"""select gemeente_code, periode, indicator, doelgroep, teller::bigint, noemer::bigint, onderdrukt
                          from publicatie_cijfers where {" and ".join(where)}""",
        params,
    ).fetchall()
    assert got == sorted(want)
    assert len({(r["gemeente_code"], r["periode"], r["indicator"], r["doelgroep"]) for r in rows}) == len(
        rows
    )


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_other_tables_equal_their_publication_table_for_random_filters(
    client: FlaskClient, db: duckdb.DuckDBPyConnection, choices: dict, data: st.DataObject
) -> None:
    resource = data.draw(
        st.sampled_from(
            [r for r in RESOURCES if r.name in ("vergelijking", "kloof", "groepen", "effecten", "kaart")]
        )
    )
    indicator = data.draw(st.sampled_from(choices["indicator"]))
    rows = all_pages(client, f"/api/v1/{resource.name}?indicator={indicator}&limit=50")
    key = [c for c in resource.order]
    got = sorted(tuple(r[k] for k in key) for r in rows)
    want = db.execute(
        f"select {', '.join(key)} from {resource.table} where indicator = ?", [indicator]
    ).fetchall()
    assert got == sorted(want)
    numbers = [c.name for c in resource.columns if c.type in ("i", "n")]
    got_numbers = sorted(tuple(r[k] for k in key + numbers) for r in rows)
    want_numbers = db.execute(
        f"select {', '.join(key + numbers)} from {resource.table} where indicator = ?", [indicator]
    ).fetchall()
    assert got_numbers == sorted(tuple(_json_number(v) for v in row) for row in want_numbers)


def _json_number(v: object) -> object:
    return None if isinstance(v, float) and v != v else v  # NaN travels as null


def test_pages_follow_each_other_without_gaps_or_repeats(
    client: FlaskClient, db: duckdb.DuckDBPyConnection
) -> None:
    rows = all_pages(client, "/api/v1/cijfers?gemeente=GM0363&limit=33")
    (n,) = db.execute("select count(*) from publicatie_cijfers where gemeente_code = 'GM0363'").fetchone()
    assert len(rows) == n > 33
    one_page = client.get(f"/api/v1/cijfers?gemeente=GM0363&limit={min(n, 1000)}").get_json()["data"]
    assert rows == one_page


def test_last_page_has_no_next(client: FlaskClient) -> None:
    body = client.get("/api/v1/indicatoren?limit=1000").get_json()
    assert body["next"] is None and body["total"] == len(body["data"])
