"""Stage 3 — transform: conflicts, quarantine, supersession and values.

Rows that broke no rule get their `waarde` from teller and noemer with the catalogue's
multiplier (school years became `jaar` when typed); rows of same-date deliveries that disagree
are set aside as conflicts; per key, the latest delivery's row is in force, and the earlier ones
stay in the audit trail.
The CBS figures for `totaal` join them here.
"""

from __future__ import annotations

from pipeline import schemas, sqlfiles
from pipeline.build import Build
from pipeline.sqlcheck import row_messages_sql

# In run order; the views are read once or twice and never worth storing. `int_roma_meldingen` is
# made here from a schema (the rule roma ≤ totaal), not from a model file.
MODELS = ("int_rijen_geldig", "int_leveringtekst", "int_conflicten", "int_cbs_woninginbraak",
          "int_roma_totaal", "int_roma_meldingen", "int_quarantaine", "int_in_gebruik")  # fmt: skip
VIEWS = frozenset({"int_rijen_geldig", "int_leveringtekst", "int_roma_totaal"})
ROMA_MELDINGEN = "int_roma_meldingen"


def run(build: Build) -> dict[str, int]:
    """Materialise the intermediate models in order; returns their row counts."""
    counts = {}
    for m in MODELS:
        if m == ROMA_MELDINGEN:
            counts[m] = roma_messages(build)
        elif m in VIEWS:
            sqlfiles.define_view(build.con, m, {"whitespace": schemas.WHITESPACE})
        else:
            counts[m] = build.model(m)
    return counts


def roma_messages(build: Build) -> int:
    """`int_roma_meldingen`: a message for every roma row that breaks roma ≤ totaal
    (`schemas.roma_binnen_totaal`), in the shape of `int_meldingen`."""
    with build.progress.step(ROMA_MELDINGEN):
        build.con.execute(f"""
            create or replace table {ROMA_MELDINGEN} as
            select levering_id, rij, 500 + m.volgorde as volgorde, m.kolom, m.regel, m.reden
            from (select levering_id, rij, {row_messages_sql(schemas.roma_binnen_totaal())} as meldingen
                  from int_roma_totaal) as r, unnest(r.meldingen) as u(m)
        """)
        return build.con.execute(f"select count(*) from {ROMA_MELDINGEN}").fetchall()[0][0]
