"""The download of a page's figures as CSV that opens right in Dutch Excel.

UTF-8 with BOM, `;` between fields, decimal comma, `true`/`false` for `onderdrukt`, and no text
cell that Excel would read as a formula. One function, frame in and bytes out, so that the
extract module of issue 5 can take its place without the pages noticing.
"""

from __future__ import annotations

import io
import math

import pandas as pd

SYNTHETIC_NOTE = "SYNTHETISCHE GEGEVENS: geen echte cijfers"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_nl(frame: pd.DataFrame, synthetic: bool) -> bytes:
    """`frame` as CSV for Dutch Excel; with a `let_op` column on every row when the data are synthetic."""
    out = frame.copy()
    if synthetic:
        out["let_op"] = SYNTHETIC_NOTE
    cells = pd.DataFrame(
        {
            c: [_cell(v.item() if hasattr(v, "item") else v) for v in out[c].astype(object)]
            for c in out.columns
        },
        columns=out.columns,
    )
    buffer = io.StringIO()
    cells.to_csv(buffer, sep=";", index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")
