"""`pipeline/tables.py`: one ordered list of every table with its builder, read by the build."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from pipeline import tables
from tests.conftest import PROJECT, rows

READS = re.compile(r"\b(?:from|join)\s+(?:[a-z_]+\.)?\"?([a-z_]+)\"?", re.IGNORECASE)


def test_the_list_covers_every_table_of_a_built_database_and_nothing_more(sample_db):
    built = {t for (t,) in rows(sample_db, "select table_name from duckdb_tables()")}
    listed = {t.name for t in tables.TABLES if t.database == tables.OUT}
    assert built == listed


def test_every_sql_model_is_listed_once_as_the_builder_of_its_table():
    files = sorted(p.stem for p in tables.SQL_DIR.glob("*/*.sql"))
    assert files == sorted(t.name for t in tables.TABLES if t.sql)
    assert len({t.name for t in tables.TABLES}) == len(tables.TABLES)


@pytest.mark.parametrize("table", [t for t in tables.TABLES if not t.sql], ids=lambda t: t.name)
def test_every_python_builder_exists(table):
    assert callable(tables.builder(table))


def test_stages_run_in_order_and_publish_only_writes_the_manifest():
    order = [t.stage for t in tables.TABLES]
    assert order == sorted(order, key=tables.STAGES.index)
    assert (
        tables.STAGES.index("analyse") < tables.STAGES.index("publication") < tables.STAGES.index("publish")
    )
    assert {t.name for t in tables.of_stage("publish")} == {
        "manifest",
        "manifest_invoer",
        "manifest_tabellen",
    }


def test_every_sql_model_reads_only_tables_made_before_it():
    position = {t.name: i for i, t in enumerate(tables.TABLES)}
    late = []
    for i, t in enumerate(tables.TABLES):
        if not t.sql:
            continue
        for name in READS.findall(tables.model_file(t.name).read_text(encoding="utf-8")):
            if name in position and position[name] >= i:
                late.append((t.name, name))
    assert late == []


def test_an_unknown_stage_is_refused():
    with pytest.raises(KeyError, match="onbekende fase"):
        tables.of_stage("publiceren")


def test_make_dag_prints_the_list_in_run_order():
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.tables"], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    names = [line.split()[0] for line in done.stdout.splitlines() if line.startswith("  ")]
    assert names == [t.name for t in tables.TABLES]
    assert "pipeline/sql/4_publicatie/pub_cellen.sql" in done.stdout
    dry = subprocess.run(["make", "-n", "dag"], cwd=PROJECT, capture_output=True, text=True, check=True)
    assert "-m pipeline.tables" in dry.stdout
