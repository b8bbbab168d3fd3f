"""The SQL models in `pipeline/sql/`: one `select` per file, named after the table it makes.

`{{ name }}` in a model is replaced by a SQL literal of a configuration value or a path, never by
data; the model is then materialised as a table of that name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import duckdb

from pipeline.sqlcheck import literal

SQL_DIR = Path(__file__).with_name("sql")
TEMPLATE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def model_path(name: str) -> Path:
    """The file of a model, searched over the layers (1_staging, 2_intermediate, 3_marts)."""
    hits = sorted(SQL_DIR.glob(f"*/{name}.sql"))
    if len(hits) != 1:
        raise FileNotFoundError(f"geen (of meer dan één) SQL-model {name}.sql in {SQL_DIR}")
    return hits[0]


def render(name: str, params: Mapping[str, object]) -> str:
    """The model's select with its `{{ placeholders }}` filled in."""
    text = model_path(name).read_text(encoding="utf-8")

    def fill(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in params:
            raise KeyError(f"{name}.sql vraagt {{{{ {key} }}}}, maar die waarde is niet gegeven")
        return literal(params[key])

    return TEMPLATE.sub(fill, text)


def define_view(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object]) -> None:
    """Create (or replace) the view `name` from its model: computed when read, never stored."""
    con.execute(f'create or replace view "{name}" as\n{render(name, params)}')


def materialise(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object], catalog: str | None = None
) -> int:
    """Create (or replace) the table `name` from its model; returns its row count.

    With `catalog`, the table is made in that attached database (the models still read the
    build's own tables).
    """
    target = f'"{catalog}"."{name}"' if catalog else f'"{name}"'
    con.execute(f"create or replace table {target} as\n{render(name, params)}")
    return con.execute(f"select count(*) from {target}").fetchall()[0][0]
