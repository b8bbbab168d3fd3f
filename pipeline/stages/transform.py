"""Stage 3 — transform: conflicts, quarantine, supersession and values.

Rows that broke no rule and are not in conflict are ranked per key by delivery date (the later
delivery supersedes the earlier; the earlier stays in the audit trail), their `waarde` is
computed from teller and noemer with the catalogue's multiplier, and school years become `jaar`.
The CBS figures for `totaal` join them here.
"""

from __future__ import annotations

from pipeline.build import Build

MODELS = ("int_conflicten", "int_quarantaine", "int_rijen_geldig", "int_cbs_woninginbraak")


def run(build: Build) -> dict[str, int]:
    """Materialise the intermediate models in order; returns their row counts."""
    return {m: build.model(m) for m in MODELS}
