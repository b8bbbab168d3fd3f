"""Run a pandera schema set-based in DuckDB: every check becomes a SQL predicate.

Pandera is the schema language of the stages (`pipeline/schemas.py`); at tens of millions of rows
its pandas execution is too slow and too hungry, so the same schema is compiled here into one
query over the table. Built-in checks compile from their statistics; custom checks carry their
SQL in `statistics["sql"]` beside the pandas function, so each rule is written in one place.
`pandas_violations` runs pandera itself; the tests hold the two executions to the same verdict.

A violation is (row key, kolom, regel, reden): which row, which delivered column, which rule, and
the rule's message with the row's values filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pandas as pd
import pandera.pandas as pa

from pipeline.intake import personal

RULE_NAMES = {
    "not_nullable": "ontbreekt",
    "isin": "toegestane_waarde",
    "str_matches": "vorm",
    "greater_than_or_equal_to": "minimum",
    "less_than_or_equal_to": "maximum",
    "multiple_fields_uniqueness": "uniek",
}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
UNIQUE = "sleutel.uniek"


@dataclass(frozen=True)
class CompiledCheck:
    kolom: str  # the column a person reads in the report
    regel: str  # rule code
    bron_kolom: str | None  # the table column checked (None: a check across columns)
    violation: str  # SQL predicate, true when the row breaks the rule
    message: str  # the rule's message template ({waarde} and {column} placeholders)


def literal(value: object) -> str:
    """A SQL literal for a Python value (only for values from configuration, never from data)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def reported_column(column: str, schema: pa.DataFrameSchema) -> str:
    """The column a municipality knows: `teller_ruw` and `teller` are both `teller`."""
    kolom = schema.metadata.get("kolommen", {}).get(column) if schema.metadata else None
    return kolom or column.removesuffix("_ruw")


def value_column(column: str, schema: pa.DataFrameSchema) -> str:
    """The column whose text `{waarde}` shows: the raw text as delivered where there is one."""
    raw = f"{column}_ruw"
    return raw if raw in schema.columns else column


def _builtin_sql(check: pa.Check, col: str) -> str:
    st = check.statistics or {}
    name = check.name
    if name == "isin":
        return f"{col} not in ({', '.join(literal(v) for v in st['allowed_values'])})"
    if name == "str_matches":
        pattern = st["pattern"]
        pattern = getattr(pattern, "pattern", pattern)
        return f"not regexp_matches({col}, {literal(pattern)})"
    if name == "greater_than_or_equal_to":
        return f"{col} < {literal(st['min_value'])}"
    if name == "less_than_or_equal_to":
        return f"{col} > {literal(st['max_value'])}"
    if "sql" in st:
        return st["sql"].format(col=col)
    raise NotImplementedError(f"check {name!r} has no SQL form; give it statistics['sql']")


def compile_schema(schema: pa.DataFrameSchema) -> list[CompiledCheck]:
    """Every rule of a schema as a SQL predicate with its message, in schema order."""
    out = []
    for name, column in schema.columns.items():
        col = ident(name)
        kolom = reported_column(name, schema)
        if not column.nullable:
            out.append(
                CompiledCheck(kolom, f"{kolom}.ontbreekt", name, f"{col} is null", f"{kolom} ontbreekt")
            )
        for check in column.checks:
            rule = RULE_NAMES.get(check.name, check.name)
            out.append(
                CompiledCheck(
                    kolom,
                    f"{kolom}.{rule}",
                    name,
                    f"{col} is not null and ({_builtin_sql(check, col)})",
                    check.error or f"{kolom}: regel {rule} geschonden",
                )
            )
    for check in schema.checks:
        st = check.statistics or {}
        kolom = st.get("kolom", "")
        out.append(
            CompiledCheck(
                kolom,
                f"{kolom}.{check.name}",
                None,
                f"coalesce(({st['sql']}), false)",
                check.error or check.name,
            )
        )
    if schema.unique:
        keys = list(schema.unique)
        kolom = schema.metadata.get("sleutel_kolom", "+".join(keys)) if schema.metadata else "+".join(keys)
        # across rows: run by unique_violations_sql, not as a row predicate
        out.append(
            CompiledCheck(
                kolom,
                UNIQUE,
                None,
                "",
                schema.metadata.get("uniek_melding", "dubbele sleutel")
                if schema.metadata
                else "dubbele sleutel",
            )
        )
    return out


def message_sql(template: str, value_col: str | None) -> str:
    """A SQL expression that renders a message template with the row's values."""
    parts = []
    pos = 0
    for m in PLACEHOLDER.finditer(template):
        if m.start() > pos:
            parts.append(literal(template[pos : m.start()]))
        name = m.group(1)
        target = value_col if name == "waarde" and value_col else name
        value = f"cast({ident(target)} as varchar)"
        parts.append(personal.sql_shown_value(value) if delivered(name) else f"coalesce({value}, '')")
        pos = m.end()
    if pos < len(template):
        parts.append(literal(template[pos:]))
    return "concat(" + ", ".join(parts) + ")" if parts else "''"


def delivered(placeholder: str) -> bool:
    """Does a message placeholder show a value as delivered? Those are shown only when they
    cannot be personal data (pipeline/intake/personal.py: shown_value). The typed columns a
    message names (`indicator`, `gemeente_code`) hold a known code wherever a rule uses them."""
    return placeholder == "waarde" or placeholder.endswith("_ruw")


def _is_table_check(check: CompiledCheck) -> bool:
    return check.regel == UNIQUE


def row_messages_sql(schema: pa.DataFrameSchema) -> str:
    """A SQL expression over one row: the list of the rules it breaks (an empty list if none),
    each as struct(volgorde, kolom, regel, reden). Checks across rows (uniqueness) are not in it."""
    entries = ",\n        ".join(
        f"case when {c.violation} then struct_pack(volgorde := {n}, kolom := {literal(c.kolom)}, "
        f"regel := {literal(c.regel)}, reden := "
        f"{message_sql(c.message, value_column(c.bron_kolom, schema) if c.bron_kolom else None)}) end"
        for n, c in enumerate(compile_schema(schema))
        if not _is_table_check(c)
    )
    return f"list_filter([\n        {entries}\n    ], lambda x: x is not null)"


def unique_violations_sql(table: str, schema: pa.DataFrameSchema, key: list[str]) -> str | None:
    """Rows whose unique key occurs more than once (missing values count as equal, as pandera
    counts them): an aggregation on the key's hash finds the few candidates, the key itself
    confirms them (a hash can collide), and a semi join fetches their rows. No window, no sort."""
    found = [(n, c) for n, c in enumerate(compile_schema(schema)) if _is_table_check(c)]
    if not found:
        return None
    n, c = found[0]
    ukeys = list(schema.unique)
    on = " and ".join(f"t.{ident(k)} is not distinct from d.{ident(k)}" for k in ukeys)
    keys = ", ".join(f"t.{ident(k)}" for k in key)
    hashed = f"hash({', '.join(ident(k) for k in ukeys)})"
    return f"""
select {keys}, {n} as volgorde, {literal(c.kolom)} as kolom, {literal(c.regel)} as regel,
    {literal(c.message)} as reden
from {table} as t
semi join (
    select {", ".join(ident(k) for k in ukeys)} from {table}
    where {hashed} in (select {hashed} from {table} group by all having count(*) > 1)
    group by all having count(*) > 1
) as d on {on}
"""


def violations_sql(table: str, schema: pa.DataFrameSchema, key: list[str]) -> str:
    """One query listing every violation of `schema` in `table`: key columns, volgorde, kolom,
    regel, reden. Row rules in one scan (each row's list of broken rules, unnested), then
    uniqueness."""
    keys = ", ".join(ident(k) for k in key)
    row = f"""
select {keys}, m.volgorde, m.kolom, m.regel, m.reden
from (select {keys}, {row_messages_sql(schema)} as meldingen from {table}) as r, unnest(r.meldingen) as u(m)
"""
    unique = unique_violations_sql(table, schema, key)
    return row + (f"union all\n{unique}" if unique else "")


def sql_violations(
    con: duckdb.DuckDBPyConnection, table: str, schema: pa.DataFrameSchema, key: list[str]
) -> pd.DataFrame:
    """Violations of `schema` in a DuckDB table, as a DataFrame (for small tables and tests)."""
    return con.sql(violations_sql(table, schema, key)).df()


def pandas_violations(df: pd.DataFrame, schema: pa.DataFrameSchema, key: list[str]) -> pd.DataFrame:
    """Violations found by pandera itself (lazy validation), in the same shape as the SQL ones."""
    checks = compile_schema(schema)
    by_error: dict[tuple[str | None, str], tuple[int, CompiledCheck]] = {}
    for n, c in enumerate(checks):
        by_error.setdefault((c.bron_kolom, c.message), (n, c))
        by_error.setdefault((None, c.message), (n, c))
    frame = df.reset_index(drop=True)
    try:
        schema.validate(frame, lazy=True)
        failures = pd.DataFrame(columns=["column", "check", "index"])
    except pa.errors.SchemaErrors as e:
        failures = e.failure_cases
    rows = []
    seen = set()
    for f in failures.itertuples(index=False):
        if f.index is None or pd.isna(f.index):
            continue  # dtype or column-presence problems are not row rules
        idx = int(f.index)
        if f.check == "not_nullable":
            col = f.column
            n, c = next(
                (n, c) for n, c in enumerate(checks) if c.bron_kolom == col and c.regel.endswith(".ontbreekt")
            )
        elif f.check == "multiple_fields_uniqueness":
            n, c = next((n, c) for n, c in enumerate(checks) if c.regel == UNIQUE)
        else:
            hit = by_error.get((f.column, f.check)) or by_error.get((None, f.check))
            if hit is None:
                continue
            n, c = hit
        if (idx, n) in seen:
            continue
        seen.add((idx, n))
        row = frame.iloc[idx]
        rows.append(
            {
                **{k: row[k] for k in key},
                "volgorde": n,
                "kolom": c.kolom,
                "regel": c.regel,
                "reden": render(c, row, schema),
            }
        )
    return pd.DataFrame(rows, columns=[*key, "volgorde", "kolom", "regel", "reden"])


def render(check: CompiledCheck, row: pd.Series, schema: pa.DataFrameSchema) -> str:
    """The message of a rule for one row, as the SQL renders it."""

    def value(placeholder: str) -> str:
        name = placeholder
        if name == "waarde":
            name = value_column(check.bron_kolom, schema) if check.bron_kolom else name
        v = row.get(name)
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        if delivered(placeholder):
            return personal.shown_value(v)
        if isinstance(v, float) and v.is_integer():
            return str(v)  # DuckDB casts 5.0 to '5.0' as well
        return str(v)

    return PLACEHOLDER.sub(lambda m: value(m.group(1)), check.message)
