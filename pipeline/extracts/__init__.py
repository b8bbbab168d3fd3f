"""Extracts for ministries (CONTRACT §4): `python -m pipeline extract`, and downloads for the dashboard.

- `extract(db, out, fmt, filters)` writes the data file and `datapackage.json` (`run.py`);
- `figures_frame(con, filters)` gives the published figures of a view (suppressed, typed), and
  `csv_nl_bytes(frame)` turns such a frame into the bytes of a csv-nl download.

The modules: `query` (filters and the set-based query), `codebook` (the columns), `formats`
(the writers), `safety` (formula neutralising), `datapackage` (the descriptor), `notes` (texts).
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

from pipeline.extracts.codebook import NAMES, arrow_schema
from pipeline.extracts.formats import FORMATS, csv_bytes
from pipeline.extracts.query import Filters, UsageError, figures, resolve
from pipeline.extracts.run import ExtractResult, extract

__all__ = ["FORMATS", "ExtractResult", "Filters", "UsageError", "csv_nl_bytes", "extract", "figures_frame"]

_NULLABLE = {
    pa.int64(): pd.Int64Dtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
    pa.string(): pd.StringDtype(),
}


def figures_frame(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """The published figures of a view — the rows `extract` would write, with nullable dtypes.

    Raises UsageError for codes the database does not know.
    """
    table = figures(con, resolve(con, filters or Filters()))
    return table.to_pandas(types_mapper=_NULLABLE.get)


def csv_nl_bytes(frame: pd.DataFrame) -> bytes:
    """The csv-nl bytes of a figures frame: the rows of `figures_frame`, any subset of them.

    The extract's columns in their order (others, such as `opmerking`, never leave) and every text
    cell neutralised. The figures are the publication tables' (`figures_frame`): nothing here
    decides again what is suppressed.
    """
    missing = [n for n in NAMES if n not in frame.columns]
    if missing:
        raise ValueError(f"het frame mist de kolommen {', '.join(missing)}; gebruik figures_frame()")
    out = frame.loc[:, list(NAMES)].reset_index(drop=True)
    table = pa.Table.from_pandas(out, schema=arrow_schema(), preserve_index=False)
    return csv_bytes(table, FORMATS["csv-nl"])
