"""Spreadsheet safety (CONTRACT §4): no text cell of an extract starts a formula.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with `=`, `+`, `-` or `@` (also
after leading spaces), and a leading tab or carriage return hides such a start from some
checks. Text from deliveries (`bron`) is free text a municipality typed, so every text cell of an
extract is neutralised the way OWASP advises: a `'` in front, which spreadsheets show as text and
which a reader can strip. One pattern serves both forms below, so they cannot drift apart.

The same `'` goes in front of a text that starts with `<r>` and ends with `</r>`: xlsxwriter
copies such a text into the sheet's XML unescaped (its mark of a rich string), so a delivered
`bron` of that shape would put its own XML into an xlsx extract. Every format gets the same
text, so the formats never disagree on a cell.
"""

from __future__ import annotations

import re

PREFIX = "'"
# Python `re` and DuckDB's RE2 read this pattern the same way.
FORMULA_START = r"^[ \t\n\r\f]*[=+\-@]|^[\t\r]"
_FORMULA_START = re.compile(FORMULA_START)
RICH_START, RICH_END = "<r>", "</r>"  # xlsxwriter's test for a rich string, as it writes it


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet treat this text as the start of a formula (or an xlsx writer as XML)?"""
    return bool(_FORMULA_START.search(text)) or (text.startswith(RICH_START) and text.endswith(RICH_END))


def neutralise(text: str | None) -> str | None:
    """`'=1+1` for `=1+1`; any other text (and None) unchanged."""
    if text is None or not is_formula_like(text):
        return text
    return PREFIX + text


def sql_neutralised(column: str) -> str:
    """The same as `neutralise`, as a DuckDB expression over a text column."""
    pattern = FORMULA_START.replace("'", "''")
    rich = f"(starts_with({column}, '{RICH_START}') and ends_with({column}, '{RICH_END}'))"
    return (
        f"case when regexp_matches({column}, '{pattern}') or {rich} "
        f"then '{PREFIX * 2}' || {column} else {column} end"
    )
