"""Stage 2 — validate: type the staged rows and hold them to the schemas of `pipeline/schemas.py`.

The staging boundary is checked first (every row has its lineage; a breach is a bug and stops
the build). Then every delivery row is checked against the row rules of CONTRACT §1, set-based
in DuckDB (`pipeline.sqlcheck`); each broken rule becomes a message in `int_meldingen` with the
file, row, column and a reason in Dutch. Rows that could not be read whole are there too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline import numbers, schemas, sqlfiles
from pipeline.build import Build
from pipeline.sqlcheck import row_messages_sql, unique_violations_sql, violations_sql

if TYPE_CHECKING:
    import pandera.pandas as pa

ROW_KEY = ["levering_id", "rij"]


class BrokenInvariant(RuntimeError):
    """A stage broke its own promise: a bug in the pipeline, not a problem in the data."""


def check_invariants(build: Build, table: str, schema: pa.DataFrameSchema) -> None:
    """Fail the build when `table` breaks `schema` (used for promises, not for data rules)."""
    found = build.con.execute(
        f"select kolom, regel, count(*) from ({violations_sql(table, schema, ROW_KEY)}) group by all"
    ).fetchall()
    if found:
        detail = "; ".join(f"{k} {r}: {n} rijen" for k, r, n in found)
        raise BrokenInvariant(f"{table} houdt zich niet aan zijn schema: {detail}")


# What the later stages need of a typed row, kept narrow because it is stored for every row:
# the raw text is only needed for the messages, free text (bron, opmerking) only for the rows in
# force (int_leveringtekst), and the file's date and the catalogue are a join away.
NARROW = (
    "levering_id",
    "rij",
    "gemeente_code",
    "periode",
    "jaar",
    "indicator",
    "doelgroep",
    "teller",
    "noemer",
    "peildatum",
)
TYPING_PARAMS = {
    "code_pattern": schemas.CODE_PATTERN,
    "periode_pattern": schemas.PERIODE_PATTERN,
    "date_pattern": schemas.DATE_PATTERN,
    "whitespace": schemas.WHITESPACE,
}


def typed_rows_sql(source: str = "int_leveringrijen_getypeerd") -> str:
    """The typed rows with `teller` and `noemer` read by the number rule (pipeline/numbers.py):
    the number, the kind of text (`*_soort`) and, where it is not a number, why (`*_uitleg`)."""
    kinds = ", ".join(f"{numbers.sql_kind(f'{c}_ruw')} as {c}_soort" for c in ("teller", "noemer"))
    values = ", ".join(
        f"{numbers.sql_value(f'{c}_ruw', f'{c}_soort')} as {c}, "
        f"{numbers.sql_message(f'{c}_soort')} as {c}_uitleg"
        for c in ("teller", "noemer")
    )
    return f"select *, {values} from (select *, {kinds} from {source})"


def run(build: Build) -> int:
    """Create `int_leveringrijen` (typed rows, each with the rules it breaks) and `int_meldingen`
    (one row per broken rule); returns the number of messages."""
    con = build.con
    with build.progress.step("staging-schema"):
        check_invariants(build, "stg_leveringrijen", schemas.staging_rows())
    sqlfiles.define_view(con, "int_leveringrijen_getypeerd", TYPING_PARAMS)
    codes = [c for (c,) in con.execute("select distinct gemeente_code from stg_gemeenten").fetchall()]
    rules = schemas.delivery_rows(build.ref, build.settings, codes)
    with build.progress.step("int_leveringrijen"):
        # typing and judging in one pass: each row carries the list of rules it breaks
        con.execute(f"""
            create or replace table int_leveringrijen as
            select {", ".join(NARROW)}, case when len(m) > 0 then m end as meldingen
            from (select *, {row_messages_sql(rules)} as m from ({typed_rows_sql()}))
        """)
    unique = unique_violations_sql("int_leveringrijen", rules, ROW_KEY)
    with build.progress.step("int_meldingen"):
        con.execute(f"""
            create or replace table int_meldingen as
            select levering_id, rij, m.volgorde, m.kolom, m.regel, m.reden
            from int_leveringrijen, unnest(meldingen) as u(m)
            where meldingen is not null
            union all
            {unique}
            union all
            select levering_id, rij, -1 as volgorde, '(hele rij)' as kolom, 'rij.breedte' as regel, reden
            from stg_leesproblemen
        """)
    return con.execute("select count(*) from int_meldingen").fetchall()[0][0]
