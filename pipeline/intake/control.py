"""Control characters: removed from delivered text before it reaches any output, escaped in terminal lines.

A delivered text cell keeps its text, but not the characters a person cannot see and a program
may choke on: C0 and C1 control characters (Mac Excel writes a vertical tab for a line break
inside a cell; an xlsx writer refuses them), bidirectional overrides that make a text read
backwards, and zero-width characters. Line breaks and tabs become a space. The same set of
characters is written once here for Python's `re` and for DuckDB's RE2, so that the staging SQL
and Python clean alike.
"""

from __future__ import annotations

import re

# (first, last) code points of every range that is removed; \t \n \r are replaced by a space
RANGES = (
    (0x00, 0x08),
    (0x0E, 0x1F),
    (0x7F, 0x9F),  # C0 (not the line breaks and tabs), DEL, C1
    (0x200B, 0x200F),  # zero-width space, joiners, left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidirectional embeddings and overrides
    (0x2060, 0x2064),
    (0x2066, 0x206F),  # word joiner, invisible operators, isolates
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),  # byte order mark, interlinear annotation
)
SPACES = (0x09, 0x0A, 0x0B, 0x0C, 0x0D)  # tab, line feed, vertical tab, form feed, carriage return


def _class(ranges: tuple[tuple[int, int], ...], fmt: str) -> str:
    return (
        "["
        + "".join(fmt.format(a) if a == b else fmt.format(a) + "-" + fmt.format(b) for a, b in ranges)
        + "]"
    )


_PY = re.compile(_class(RANGES, "\\U{:08x}"))
_PY_SPACE = re.compile("[\t\n\v\f\r]")
SQL_PATTERN = _class(RANGES, "\\x{{{:x}}}")
SQL_SPACES = "[\\t\\n\\v\\f\\r]"


def clean(text: str | None) -> str | None:
    """The text without control characters; tabs and line breaks become a space."""
    if text is None:
        return None
    if text.isascii() and text.isprintable():
        return text
    return _PY.sub("", _PY_SPACE.sub(" ", text))


def sql_clean(expression: str) -> str:
    """A DuckDB expression that cleans a VARCHAR as `clean` does."""
    return f"regexp_replace(regexp_replace({expression}, '{SQL_SPACES}', ' ', 'g'), '{SQL_PATTERN}', '', 'g')"


def terminal(text: str) -> str:
    """A file name or text for a terminal line: every control character shown as an escape (`\\x1b`),
    so that a name cannot move the cursor, clear the screen or hide itself."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
