"""Stage 4 — analyse: what the figures say, computed on every figure in force (the working data).

- `vergelijking_nulmeting`: each municipality's latest figure against its baseline (`nulmeting.py`);
- `effecten`, `effecten_gebeurtenis`, `effecten_gevoeligheid`: the pilots against non-pilots
  (`effecten.py`);
- `kloof`: the gap roma − totaal and progress towards halving it (`kloof.py`);
- `trechter`: the funnel plot's centre (from every figure, suppressed ones too) and overdispersion
  per indicator, doelgroep and year (`trechter.py`).

These are estimators, so they are Python functions (frame in, frame out), not SQL models. They are
the working data of researchers; what leaves the database is decided by the next stage
(`stages/publication.py`), which reads these tables and applies disclosure control.
"""

from __future__ import annotations

import pandas as pd

from pipeline import effecten, kloof, nulmeting, schemas, trechter, vocabulary
from pipeline.build import Build

OUT = "uit"


def run(build: Build) -> dict[str, int]:
    """Compute the analyses from the marts in the new database and store them there; row counts."""
    con = build.con
    frames = {t: con.execute(f"select * from {OUT}.{t}").df() for t in ("gemeenten", "indicatoren")}
    # the analyses read one classification, the latest (CONTRACT §1): no area counted twice
    w = con.execute(f"""
        select gemeente_code, indicator, doelgroep, jaar, periode, teller, noemer, waarde
        from {OUT}.waarnemingen_indeling
        where in_analyses
    """).df()
    s = build.settings
    with build.progress.step("vergelijking_nulmeting"):
        analyses = {
            "vergelijking_nulmeting": nulmeting.compare(
                w, frames["gemeenten"], frames["indicatoren"], s.nulmeting, s.status
            )
        }
        schemas.vergelijking_nulmeting(vocabulary.STATUSES).validate(
            analyses["vergelijking_nulmeting"], lazy=True
        )
    with build.progress.step("effecten"):
        bevolking = con.execute("select gemeente_code, jaar, bevolking from stg_bevolking").df()
        analyses |= effecten.tables(w, frames["gemeenten"], frames["indicatoren"], s.effecten, bevolking)
    with build.progress.step("kloof"):
        analyses["kloof"] = kloof.kloof(
            w, frames["gemeenten"], frames["indicatoren"], s.nulmeting, s.status, s.kloof
        )
    with build.progress.step("trechter"):
        analyses["trechter"] = trechter.trechter(w, frames["indicatoren"], s.trechter)
    counts = {}
    for name, frame in analyses.items():
        con.register("_analyse", _text_when_empty(frame))
        con.execute(f"create or replace table {OUT}.{name} as select * from _analyse")
        con.unregister("_analyse")
        counts[name] = len(frame)
    return counts


def _text_when_empty(frame: pd.DataFrame) -> pd.DataFrame:
    """A text column with no value in this build still becomes VARCHAR, not DuckDB's NULL type
    (which nobody can update or cast into later)."""
    empty = [c for c in frame.columns if frame[c].dtype == object and frame[c].isna().all()]
    return frame.astype(dict.fromkeys(empty, "string")) if empty else frame
