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

# In run order; int_rijen_geldig is a view (read twice, never worth storing).
MODELS = ("int_rijen_geldig", "int_leveringtekst", "int_conflicten", "int_quarantaine", "int_in_gebruik",
          "int_cbs_woninginbraak", "int_waarnemingen")  # fmt: skip
VIEWS = frozenset({"int_rijen_geldig", "int_leveringtekst", "int_waarnemingen"})
PARAMS = {
    "whitespace": schemas.WHITESPACE,
    "control_pattern": control.SQL_PATTERN,
    "control_spaces": control.SQL_SPACES,
    "burglary_bestand": f"{REFERENCE_DIR}/{BURGLARY_FILE}",
}


def run(build: Build) -> dict[str, int]:
    """Materialise the intermediate models in order; returns their row counts."""
    counts = {}
    params = {**PARAMS, "max_ontbrekend_aandeel": build.settings.herindeling.max_ontbrekend_aandeel}
    for m in MODELS:
        if m in VIEWS:
            sqlfiles.define_view(build.con, m, params)
        else:
            counts[m] = build.model(m, params)
    return counts
