"""The row rules run two ways — pandera on a DataFrame, and compiled to SQL for DuckDB at scale —
and must reach the same verdict on every row (property-based)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import schemas, sqlfiles
from pipeline.build import open_build
from pipeline.intake.readers import COLUMNS
from pipeline.sqlcheck import pandas_violations, sql_violations
from pipeline.stages import extract
from pipeline.stages.validate import TYPING_PARAMS, typed_rows_sql
from tests.conftest import SHIPPED_RAW, quiet

KEY = ["levering_id", "rij"]
TEXT = {
    "gemeente_code": st.sampled_from(["GM0228", "0228", "228", "gm 363", "GM9999", "Ede", "", None, "12345"]),
    "periode": st.sampled_from(
        ["2016", "2016-2017", "2016/17", "2016-2018", "1999", "2099", "zestien", " 2016 ", "2016\n", None]
    ),
    "indicator": st.sampled_from(
        [
            "bijstand",
            "BIJSTAND",
            "relatief_verzuim",
            "werkervaringstrajecten",
            "woninginbraak",
            "armoede",
            None,
        ]
    ),
    "doelgroep": st.sampled_from(["roma", "Totaal", "sinti", None]),
    "teller": st.sampled_from(["0", "3", "41", "2,5", "-1", "12,0", "drie", "1.234", "99000000", None]),
    "noemer": st.sampled_from(["40", "0", "3", "", "7,5", "x", None]),
    "bron": st.sampled_from(["CBS", None]),
    "peildatum": st.sampled_from(["2016-10-01", "01-10-2016", "31-02-2016", "morgen", "1/2/2016", None]),
    "opmerking": st.none(),
}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    with open_build(SHIPPED_RAW, tmp_path_factory.mktemp("parity"), quiet()) as b:
        extract.stage_reference(b)
        extract.stage_deliveries(b, [])
        b.con.execute("""insert into stg_bestanden (levering_id, bestand, map_code, status, leverdatum)
                         values (1, 'x.csv', 'GM0228', 'geaccepteerd', date '2017-01-01')""")
        codes = [c for (c,) in b.con.execute("select distinct gemeente_code from stg_gemeenten").fetchall()]
        yield b, schemas.delivery_rows(b.ref, b.settings, codes)


def _typed(con):
    """The typed rows as the validate stage sees them, as a table and as a DataFrame."""
    sqlfiles.define_view(con, "int_leveringrijen_getypeerd", TYPING_PARAMS)
    con.execute(f"create or replace table getypeerd as {typed_rows_sql()}")
    return con.execute("select * from getypeerd").df()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries(TEXT), min_size=1, max_size=12))
def test_pandera_and_sql_find_the_same_broken_rules(build, records):
    b, schema = build
    con = b.con
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    frame.insert(0, "rij", range(2, len(frame) + 2))
    frame.insert(0, "levering_id", 1)
    frame["overig"] = None
    con.execute("delete from stg_exact")
    con.register("_rows", frame)
    con.execute(
        "insert into stg_exact select levering_id, rij, "
        + ", ".join(COLUMNS)
        + ", cast(null as varchar[]) from _rows"
    )
    con.unregister("_rows")
    typed = _typed(con)
    by_sql = sql_violations(con, "getypeerd", schema, KEY)
    by_pandera = pandas_violations(typed, schema, KEY)

    def verdicts(v: pd.DataFrame) -> set[tuple]:
        return {(int(r.rij), r.regel, r.reden) for r in v.itertuples()}

    assert verdicts(by_pandera) == verdicts(by_sql)


def test_the_two_executions_report_a_known_bad_row_identically(build):
    b, schema = build
    con = b.con
    con.execute("delete from stg_exact")
    con.execute("""insert into stg_exact values
        (1, 2, 'GM0228', '2016', 'bijstand', 'roma', '41', '40', null, null, null, null)""")
    typed = _typed(con)
    expected = [(2, "teller.teller_boven_noemer", "teller 41 is groter dan noemer 40")]
    for found in (sql_violations(con, "getypeerd", schema, KEY), pandas_violations(typed, schema, KEY)):
        assert [(int(r.rij), r.regel, r.reden) for r in found.itertuples()] == expected
