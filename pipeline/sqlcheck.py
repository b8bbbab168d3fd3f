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

RULE_NAMES = {
    "not_nullable": "ontbreekt",
    "isin": "toegestane_waarde",
    "str_matches": "vorm",
    "greater_than_or_equal_to": "minimum",
    "less_than_or_equal_to": "maximum",
    "multiple_fields_uniqueness": "uniek",
}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


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
            out.append(CompiledCheck(kolom, f"{kolom}.ontbreekt", name, f"{col} is null",
                                     f"{kolom} ontbreekt"))  # fmt: skip
        for check in column.checks:
            rule = RULE_NAMES.get(check.name, check.name)
            out.append(CompiledCheck(
                kolom, f"{kolom}.{rule}", name,
                f"{col} is not null and ({_builtin_sql(check, col)})",
                check.error or f"{kolom}: regel {rule} geschonden",
            ))  # fmt: skip
    for check in schema.checks:
        st = check.statistics or {}
        kolom = st.get("kolom", "")
        out.append(CompiledCheck(kolom, f"{kolom}.{check.name}", None,
                                 f"coalesce(({st['sql']}), false)", check.error or check.name))  # fmt: skip
    if schema.unique:
        keys = list(schema.unique)
        kolom = schema.metadata.get("sleutel_kolom", "+".join(keys)) if schema.metadata else "+".join(keys)
        partition = ", ".join(ident(k) for k in keys)
        out.append(CompiledCheck(
            kolom, "sleutel.uniek", None, f"count(*) over (partition by {partition}) > 1",
            schema.metadata.get("uniek_melding", "dubbele sleutel") if schema.metadata else "dubbele sleutel",
        ))  # fmt: skip
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
        parts.append(f"coalesce(cast({ident(target)} as varchar), '')")
        pos = m.end()
    if pos < len(template):
        parts.append(literal(template[pos:]))
    return "concat(" + ", ".join(parts) + ")" if parts else "''"


def violations_sql(table: str, schema: pa.DataFrameSchema, key: list[str]) -> str:
    """One query listing every violation of `schema` in `table`: key columns, kolom, regel, reden, volgorde.

    The table is scanned once; each row carries a list of the rules it breaks, which is unnested.
    """
    checks = compile_schema(schema)
    keys = ", ".join(ident(k) for k in key)
    flags = ",\n        ".join(
        f"({c.violation}) as {ident(f'_v{n}')}" for n, c in enumerate(checks)
    )
    entries = ",\n            ".join(
        f"case when {ident(f'_v{n}')} then struct_pack(volgorde := {n}, kolom := {literal(c.kolom)}, "
        f"regel := {literal(c.regel)}, reden := "
        f"{message_sql(c.message, value_column(c.bron_kolom, schema) if c.bron_kolom else None)}) end"
        for n, c in enumerate(checks)
    )
    any_flag = " or ".join(ident(f"_v{n}") for n in range(len(checks)))
    return f"""
with gemarkeerd as (
    select *,
        {flags}
    from {table}
),
overtreders as (
    select {keys}, list_filter([
            {entries}
        ], lambda x: x is not null) as meldingen
    from gemarkeerd
    where {any_flag}
),
final as (
    select {keys}, m.volgorde, m.kolom, m.regel, m.reden
    from overtreders, unnest(meldingen) as u(m)
)
select * from final
"""


def sql_violations(con: duckdb.DuckDBPyConnection, table: str, schema: pa.DataFrameSchema,
                   key: list[str]) -> pd.DataFrame:  # fmt: skip
    """Violations of `schema` in a DuckDB table, as a DataFrame (for small tables and tests)."""
    return con.sql(violations_sql(table, schema, key)).df()


def pandas_violations(df: pd.DataFrame, schema: pa.DataFrameSchema, key: list[str]) -> pd.DataFrame:
    """Violations found by pandera itself (lazy validation), in the same shape as the SQL ones."""
    checks = compile_schema(schema)
    by_error = {}
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
            n, c = next((n, c) for n, c in enumerate(checks)
                        if c.bron_kolom == col and c.regel.endswith(".ontbreekt"))  # fmt: skip
        elif f.check == "multiple_fields_uniqueness":
            n, c = next((n, c) for n, c in enumerate(checks) if c.regel == "sleutel.uniek")
        else:
            hit = by_error.get((f.column, f.check)) or by_error.get((None, f.check))
            if hit is None:
                continue
            n, c = hit
        if (idx, n) in seen:
            continue
        seen.add((idx, n))
        row = frame.iloc[idx]
        rows.append({**{k: row[k] for k in key}, "volgorde": n, "kolom": c.kolom, "regel": c.regel,
                     "reden": render(c, row, schema)})  # fmt: skip
    return pd.DataFrame(rows, columns=[*key, "volgorde", "kolom", "regel", "reden"])


def render(check: CompiledCheck, row: pd.Series, schema: pa.DataFrameSchema) -> str:
    """The message of a rule for one row, as the SQL renders it."""

    def value(name: str) -> str:
        if name == "waarde":
            name = value_column(check.bron_kolom, schema) if check.bron_kolom else name
        v = row.get(name)
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(v)  # DuckDB casts 5.0 to '5.0' as well
        return str(v)

    return PLACEHOLDER.sub(lambda m: value(m.group(1)), check.message)
