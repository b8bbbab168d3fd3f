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

from dataclasses import dataclass

import pandas as pd

from pipeline import effecten, kloof, nulmeting, schemas, tables, trechter, vocabulary
from pipeline.build import Build

OUT = tables.OUT


@dataclass
class Inputs:
    """What every estimator reads: the figures of the latest classification and the reference."""

    waarnemingen: pd.DataFrame
    gemeenten: pd.DataFrame
    indicatoren: pd.DataFrame


def read_inputs(build: Build) -> Inputs:
    con = build.con
    frames = {t: con.execute(f"select * from {OUT}.{t}").df() for t in ("gemeenten", "indicatoren")}
    # the analyses read one classification, the latest (CONTRACT §1): no area counted twice
    w = con.execute(f"""
        select gemeente_code, indicator, doelgroep, jaar, periode, teller, noemer, waarde
        from {OUT}.waarnemingen_indeling
        where in_analyses
    """).df()
    return Inputs(w, frames["gemeenten"], frames["indicatoren"])


def vergelijking_nulmeting(build: Build, x: Inputs) -> dict[str, pd.DataFrame]:
    s = build.settings
    frame = nulmeting.compare(x.waarnemingen, x.gemeenten, x.indicatoren, s.nulmeting, s.status)
    schemas.vergelijking_nulmeting(vocabulary.STATUSES).validate(frame, lazy=True)
    return {"vergelijking_nulmeting": frame}


def effecten_tables(build: Build, x: Inputs) -> dict[str, pd.DataFrame]:
    bevolking = build.con.execute("select gemeente_code, jaar, bevolking from stg_bevolking").df()
    return effecten.tables(x.waarnemingen, x.gemeenten, x.indicatoren, build.settings.effecten, bevolking)


def kloof_table(build: Build, x: Inputs) -> dict[str, pd.DataFrame]:
    s = build.settings
    return {"kloof": kloof.kloof(x.waarnemingen, x.gemeenten, x.indicatoren, s.nulmeting, s.status, s.kloof)}


def trechter_table(build: Build, x: Inputs) -> dict[str, pd.DataFrame]:
    return {"trechter": trechter.trechter(x.waarnemingen, x.indicatoren, build.settings.trechter)}


def run(build: Build) -> dict[str, int]:
    """Compute the analyses of `pipeline/tables.py`, in its order, from the marts in the new
    database and store them there; returns their row counts."""
    con = build.con
    inputs = read_inputs(build)
    made: dict[str, pd.DataFrame] = {}
    for t in tables.of_stage("analyse"):
        if t.name in made:
            continue  # made by a function that makes several tables
        with build.progress.step(t.name):
            made |= tables.builder(t)(build, inputs)
    counts = {}
    for t in tables.of_stage("analyse"):
        con.register("_analyse", _text_when_empty(made[t.name]))
        con.execute(f"create or replace table {OUT}.{t.name} as select * from _analyse")
        con.unregister("_analyse")
        counts[t.name] = len(made[t.name])
    return counts


def _text_when_empty(frame: pd.DataFrame) -> pd.DataFrame:
    """A text column with no value in this build still becomes VARCHAR, not DuckDB's NULL type
    (which nobody can update or cast into later)."""
    empty = [c for c in frame.columns if frame[c].dtype == object and frame[c].isna().all()]
    return frame.astype(dict.fromkeys(empty, "string")) if empty else frame
