"""Every table of a build, in run order, with what makes it: the flow in one list.

A builder is either a SQL model (`sql/<layer>/<name>.sql`, one `select`, see `sqlfiles.py`) or a
Python function (`module:function`) where SQL cannot do it: reading files, an estimator, an exact
interval, the disclosure audit. One function may make several tables (it is then named on each).
The stages read this list: `transform`, `analyse` and `publication` make exactly the tables listed
for them, in this order; `extract` and `validate` make theirs from the files they read.

Where a table lives: `werk` is the build's working database (removed after the build), `uit` the
new `monitor.duckdb` (CONTRACT §3). A `view` is computed when read, never stored.

`python -m pipeline.tables` (or `make dag`) prints the list.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

STAGES = ("extract", "validate", "transform", "analyse", "publication", "publish")
SQL_DIR = Path(__file__).with_name("sql")
WORK, OUT = "werk", "uit"


@dataclass(frozen=True)
class Table:
    name: str
    stage: str
    builder: str  # "sql" (the model of the same name) or "module:function"
    database: str = WORK
    view: bool = False

    @property
    def sql(self) -> bool:
        return self.builder == "sql"

    def source(self) -> str:
        """The builder as a newcomer looks it up: a file path, or module:function."""
        if self.sql:
            return str(model_file(self.name).relative_to(SQL_DIR.parent.parent))
        return self.builder


def _t(name: str, stage: str, builder: str = "sql", database: str = WORK, view: bool = False) -> Table:
    return Table(name, stage, builder, database, view)


_EXTRACT = "pipeline.stages.extract"
_REFERENCE = f"{_EXTRACT}:stage_reference"
_REORG = f"{_EXTRACT}:stage_reorganisations"
_DELIVERIES = f"{_EXTRACT}:stage_deliveries"
_VALIDATE = "pipeline.stages.validate:run"
_ANALYSE = "pipeline.stages.analyse"
_PUBLICATION = "pipeline.stages.publication"
_PUBLISH = "pipeline.stages.publish"

TABLES: tuple[Table, ...] = (
    # extract: the reference data and every delivered row, all text, with its lineage
    _t("stg_indicatoren", "extract", _REFERENCE),
    _t("stg_proeftuinen", "extract", _REFERENCE),
    _t("stg_vergelijking", "extract", _REFERENCE),
    _t("stg_gemeenten", "extract"),
    _t("stg_herindelingen", "extract"),
    _t("stg_bevolking", "extract"),
    _t("stg_woninginbraak", "extract"),
    _t("stg_indeling_laatste", "extract", _REORG),
    _t("stg_gemeente_jaar", "extract", _REORG),
    _t("stg_indeling_gebied", "extract", _REORG),
    _t("stg_bevolking_dichtst", "extract", _REORG),
    _t("stg_bulk", "extract", _DELIVERIES),
    _t("stg_bulk_eerste", "extract", _DELIVERIES),
    _t("stg_exact", "extract", _DELIVERIES),
    _t("stg_leesproblemen", "extract", _DELIVERIES),
    _t("stg_bestanden", "extract", _DELIVERIES),
    _t("stg_leveringrijen", "extract", _DELIVERIES, view=True),
    # validate: typed rows, each with the rules of the delivery format it breaks
    _t("int_leveringrijen_getypeerd", "validate", view=True),
    _t("int_leveringrijen", "validate", _VALIDATE),
    _t("int_meldingen", "validate", _VALIDATE),
    # transform: conflicts, quarantine, supersession, values; then the marts of CONTRACT §3
    _t("int_rijen_geldig", "transform", view=True),
    _t("int_conflicten", "transform"),
    _t("int_cbs_woninginbraak", "transform"),
    _t("int_roma_totaal", "transform", view=True),
    _t("int_roma_meldingen", "transform", "pipeline.stages.transform:roma_messages"),
    _t("int_quarantaine", "transform"),
    _t("int_in_gebruik", "transform"),
    _t("int_leveringtekst", "transform"),
    _t("int_waarnemingen", "transform"),
    _t("gemeenten", "transform", database=OUT),
    _t("indicatoren", "transform", database=OUT),
    _t("proeftuinen", "transform", database=OUT),
    _t("leveringen", "transform", database=OUT),
    _t("waarnemingen", "transform", database=OUT),
    _t("waarnemingen_indeling", "transform", database=OUT),
    _t("waarnemingen_vervangen", "transform", database=OUT),
    _t("quarantaine", "transform", database=OUT),
    _t("herindelingen", "transform", database=OUT),
    # analyse: the estimators, on every figure in force (working data of researchers)
    _t("vergelijking_nulmeting", "analyse", f"{_ANALYSE}:vergelijking_nulmeting", OUT),
    _t("effecten", "analyse", f"{_ANALYSE}:effecten_tables", OUT),
    _t("effecten_gebeurtenis", "analyse", f"{_ANALYSE}:effecten_tables", OUT),
    _t("effecten_gevoeligheid", "analyse", f"{_ANALYSE}:effecten_tables", OUT),
    _t("kloof", "analyse", f"{_ANALYSE}:kloof_table", OUT),
    _t("trechter", "analyse", f"{_ANALYSE}:trechter_table", OUT),
    # publication: disclosure control applied once (pub_cellen), audited; what every output reads
    _t("pub_extra", "publication", f"{_PUBLICATION}:_write_protection"),
    _t("pub_ingehouden", "publication", f"{_PUBLICATION}:_write_protection"),
    _t("pub_cellen", "publication"),
    _t("publicatie_cijfers", "publication", database=OUT),
    _t("pub_groepen", "publication"),
    _t("publicatie_groepen", "publication", f"{_PUBLICATION}:_groepen", OUT),
    _t("publicatie_vergelijking", "publication", database=OUT),
    _t("publicatie_kloof", "publication", database=OUT),
    _t("publicatie_effecten", "publication", database=OUT),
    _t("publicatie_gebeurtenis", "publication", database=OUT),
    _t("publicatie_gevoeligheid", "publication", database=OUT),
    _t("publicatie_kaart", "publication", database=OUT),
    _t("publicatie_trechter", "publication", f"{_PUBLICATION}:_trechter", OUT),
    _t("publicatie_trechter_punten", "publication", f"{_PUBLICATION}:_trechter_punten", OUT),
    _t("publicatie_trechter_grenzen", "publication", f"{_PUBLICATION}:_trechter_grenzen", OUT),
    _t("publicatie_regels", "publication", database=OUT),
    _t("publicatie_teksten", "publication", f"{_PUBLICATION}:_teksten", OUT),
    _t("publicatie_leveringen", "publication", database=OUT),
    _t("publicatie_quarantaine", "publication", database=OUT),
    _t("publicatie_herkomst", "publication", database=OUT),
    _t("publicatie_volledigheid", "publication", database=OUT),
    _t("publicatie_controle", "publication", f"{_PUBLICATION}:run", OUT),
    # publish: only writes the manifest and swaps the new database in
    _t("manifest", "publish", f"{_PUBLISH}:write_manifest_tables", OUT),
    _t("manifest_invoer", "publish", f"{_PUBLISH}:write_manifest_tables", OUT),
    _t("manifest_tabellen", "publish", f"{_PUBLISH}:write_manifest_tables", OUT),
)
BY_NAME = {t.name: t for t in TABLES}


def of_stage(stage: str) -> tuple[Table, ...]:
    """The tables a stage makes, in run order."""
    if stage not in STAGES:
        raise KeyError(f"onbekende fase {stage!r}; de fasen zijn {', '.join(STAGES)}")
    return tuple(t for t in TABLES if t.stage == stage)


def model_file(name: str) -> Path:
    """The SQL file of a model, searched over the layers."""
    hits = sorted(SQL_DIR.glob(f"*/{name}.sql"))
    if len(hits) != 1:
        raise FileNotFoundError(f"geen (of meer dan één) SQL-model {name}.sql in {SQL_DIR}")
    return hits[0]


def builder(table: Table) -> Callable:
    """The Python function that makes a table (imported only when asked)."""
    if table.sql:
        raise ValueError(f"{table.name} wordt gemaakt door een SQL-model, niet door een functie")
    module, _, function = table.builder.partition(":")
    return getattr(importlib.import_module(module), function)


def describe() -> str:
    """The list as text: stage, database, table and its builder, in run order."""
    lines = []
    for stage in STAGES:
        lines.append(f"{stage}")
        for t in of_stage(stage):
            kind = "view" if t.view else "tabel"
            lines.append(f"  {t.name:<30} {t.database:<4} {kind:<5} {t.source()}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(describe())
