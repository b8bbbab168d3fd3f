"""Stage 3 — transform: conflicts, quarantine, supersession and values.

Rows that broke no rule get their `waarde` from teller and noemer with the catalogue's
multiplier (school years became `jaar` when typed); rows of same-date deliveries that disagree
are set aside as conflicts; per key, the latest delivery's row is in force, and the earlier ones
stay in the audit trail.
The CBS figures for `totaal` join them here.
"""

from __future__ import annotations

from pipeline import schemas, sqlfiles, tables
from pipeline.build import Build
from pipeline.config import BURGLARY_FILE, REFERENCE_DIR
from pipeline.intake import control
from pipeline.sqlcheck import row_messages_sql, violations_sql
from pipeline.stages.validate import BrokenInvariant

KEY = ["gemeente_code", "periode", "indicator", "doelgroep"]
PARAMS = {
    "whitespace": schemas.WHITESPACE,
    "control_pattern": control.SQL_PATTERN,
    "control_spaces": control.SQL_SPACES,
    "burglary_bestand": f"{REFERENCE_DIR}/{BURGLARY_FILE}",
}
ROMA_MELDINGEN = "int_roma_meldingen"


def run(build: Build) -> dict[str, int]:
    """Make the tables of this stage in the order of `pipeline/tables.py`: the intermediate models
    in the working database (views where they are read once or twice), then the marts of
    CONTRACT §3 in the new database; returns their row counts."""
    counts = {}
    params = {
        **PARAMS,
        "max_ontbrekend_aandeel": build.settings.herindeling.max_ontbrekend_aandeel,
        "nulmeting_zonder_proeftuin": build.settings.nulmeting.year(None),
        "indeling_jaar": build.con.execute("select max(jaar) from stg_gemeenten").fetchall()[0][0],
    }
    for t in tables.of_stage("transform"):
        catalog = t.database if t.database == tables.OUT else None
        if not t.sql:
            counts[t.name] = tables.builder(t)(build)
        elif t.view:
            sqlfiles.define_view(build.con, t.name, params)
        else:
            counts[t.name] = build.model(t.name, params, catalog=catalog)
    broken = violations_sql(f"{tables.OUT}.waarnemingen", schemas.waarnemingen(build.ref), KEY)
    found = build.con.execute(f"select regel, count(*) from ({broken}) group by all").fetchall()
    if found:
        raise BrokenInvariant(f"waarnemingen houdt zich niet aan zijn schema: {found}")
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
