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
from pipeline.config import BURGLARY_FILE, REFERENCE_DIR
from pipeline.intake import control
from pipeline.sqlcheck import row_messages_sql, violations_sql
from pipeline.stages.validate import BrokenInvariant

# In run order; the views are read once or twice and never worth storing. `int_roma_meldingen` is
# made here from a schema (the rule roma ≤ totaal), not from a model file. `int_waarnemingen` (a
# view) is every figure in force as delivered: the marts `waarnemingen` and `waarnemingen_indeling`
# (on the latest CBS classification) read it.
MODELS = ("int_rijen_geldig", "int_leveringtekst", "int_conflicten", "int_cbs_woninginbraak",
          "int_roma_totaal", "int_roma_meldingen", "int_quarantaine", "int_in_gebruik",
          "int_waarnemingen")  # fmt: skip
VIEWS = frozenset({"int_rijen_geldig", "int_leveringtekst", "int_roma_totaal", "int_waarnemingen"})
ROMA_MELDINGEN = "int_roma_meldingen"
KEY = ["gemeente_code", "periode", "indicator", "doelgroep"]
PARAMS = {
    "whitespace": schemas.WHITESPACE,
    "control_pattern": control.SQL_PATTERN,
    "control_spaces": control.SQL_SPACES,
    "burglary_bestand": f"{REFERENCE_DIR}/{BURGLARY_FILE}",
}


OUT = "uit"
# The marts of CONTRACT §3, made in the new database (`publish.new_database`).
MARTS = ("gemeenten", "indicatoren", "proeftuinen", "leveringen", "waarnemingen",
         "waarnemingen_indeling", "waarnemingen_vervangen", "quarantaine", "herindelingen")  # fmt: skip


def run(build: Build) -> dict[str, int]:
    """Materialise the intermediate models in order, then the marts in the new database; returns
    their row counts."""
    counts = {}
    params = {**PARAMS, "max_ontbrekend_aandeel": build.settings.herindeling.max_ontbrekend_aandeel}
    for m in MODELS:
        if m == ROMA_MELDINGEN:
            counts[m] = roma_messages(build)
        elif m in VIEWS:
            sqlfiles.define_view(build.con, m, params)
        else:
            counts[m] = build.model(m, params)
    params = {
        "nulmeting_zonder_proeftuin": build.settings.nulmeting.year(None),
        "burglary_bestand": f"{REFERENCE_DIR}/{BURGLARY_FILE}",
        "indeling_jaar": build.con.execute("select max(jaar) from stg_gemeenten").fetchall()[0][0],
        "max_ontbrekend_aandeel": build.settings.herindeling.max_ontbrekend_aandeel,
    }
    for m in MARTS:
        counts[m] = build.model(m, params, catalog=OUT)
    broken = violations_sql(f"{OUT}.waarnemingen", schemas.waarnemingen(build.ref), KEY)
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
