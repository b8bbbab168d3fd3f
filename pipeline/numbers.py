"""Reading a delivered number: the one home of the rule that a number is never guessed.

`teller` and `noemer` are counts. A text is read as a number only when it can be read one way:
`1000`, `12,5` or `12.5` (a decimal comma or point, then not a count, which a later rule says).
`1.000` and `1,000` can mean one or a thousand, `1 000` and `1.000.000` use a thousands
separator, `1e3` is scientific notation, `=A1*2` a formula, `WAAR` a yes/no value, `NaN` and
`inf` are no finite number: each of these is not read, and the row goes to quarantine with a
reason that says how to write it instead.

The rules are written once, as patterns that both Python's `re` and DuckDB (RE2) run: the
staging SQL (`sql_problem`, `sql_value`) and `parse` in Python read every text alike (a
property test holds them to it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# In order: the first pattern that matches says what the (trimmed) text is.
RULES: tuple[tuple[str, str], ...] = (
    ("formule", r"^=.*$"),
    ("waar_onwaar", r"^(?i:waar|onwaar|true|false)$"),
    ("niet_eindig", r"^[+-]?(?i:nan|inf|infinity|oneindig)$"),
    ("wetenschappelijk", r"^[+-]?[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+$"),
    ("geheel", r"^[+-]?[0-9]+$"),
    ("dubbelzinnig", r"^[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}$"),
    ("decimaal", r"^[+-]?[0-9]+[.,][0-9]+$"),
    # separators: point, comma, space, apostrophe, underscore, non-breaking space (literally: RE2
    # has no \\u escape)
    ("duizendtallen", "^[+-]?[0-9]{1,3}([., '’_\u00a0][0-9]{3})+([.,][0-9]+)?$"),
)
READABLE = ("geheel", "decimaal")

# What a person reads after the value (or after "(niet getoond)"), and how to write it instead.
MESSAGES = {
    "formule": "is een formule; lever de uitkomst als getal, niet de formule",
    "waar_onwaar": "is een ja/nee-waarde (WAAR/ONWAAR), geen aantal",
    "niet_eindig": "is geen eindig getal (NaN of oneindig); vul een aantal in of laat de rij weg",
    "wetenschappelijk": "staat in wetenschappelijke notatie (met E); schrijf het getal helemaal uit, "
    "zoals 1000",
    "dubbelzinnig": "kan op twee manieren gelezen worden (met een punt of komma voor duizendtallen "
    "of voor decimalen); schrijf een aantal zonder punt of komma, zoals 1000",
    "duizendtallen": "heeft een scheidingsteken voor duizendtallen; schrijf het getal zonder punten, "
    "komma's of spaties, zoals 1000",
    "geen_getal": "is geen getal",
}
_COMPILED = tuple((kind, re.compile(pattern, re.DOTALL)) for kind, pattern in RULES)


@dataclass(frozen=True)
class Parsed:
    """A delivered number: its value, or what is wrong with it (a key of MESSAGES)."""

    value: float | None
    problem: str | None


def kind(text: str) -> str:
    """What a trimmed, non-empty text is: a key of RULES, or 'geen_getal'."""
    for k, pattern in _COMPILED:
        if pattern.match(text):
            return k
    return "geen_getal"


def parse(text: str | None) -> Parsed:
    """Read a delivered number (trimmed text); None or empty is missing, not a problem."""
    if text is None or text == "":
        return Parsed(None, None)
    k = kind(text)
    if k in READABLE:
        return Parsed(float(text.replace(",", ".")), None)
    return Parsed(None, k)


def problem(text: str | None) -> str | None:
    """What is wrong with a delivered number, or None when it reads (or is missing)."""
    return parse(text).problem


def sql_kind(column: str) -> str:
    """A DuckDB expression with `kind`'s verdict for a VARCHAR column (NULL for NULL)."""
    whens = "\n        ".join(
        f"when regexp_matches({column}, '{pattern.replace(chr(39), chr(39) * 2)}', 's') then '{k}'"
        for k, pattern in RULES
    )
    # most delivered numbers are plain integers: a text that a cast to bigint gives back unchanged
    # is one (it matches no earlier pattern and `geheel`'s), found without running the patterns
    fast = f"when cast(try_cast({column} as bigint) as varchar) = {column} then 'geheel'"
    whens = f"{fast}\n        {whens}"
    return f"case when {column} is null then null\n        {whens}\n        else 'geen_getal' end"


def sql_value(column: str, kind_column: str) -> str:
    """A DuckDB expression: the number a readable text holds, else NULL (as `parse`); `kind_column`
    holds `sql_kind` of the same text. Plain integers (most counts) are cast directly."""
    fast = (
        f"case when cast(try_cast({column} as bigint) as varchar) = {column} "
        f"then cast({column} as double) end"
    )
    readable = ", ".join(f"'{k}'" for k in READABLE)
    return (
        f"coalesce({fast}, case when {kind_column} in ({readable}) "
        f"then cast(replace({column}, ',', '.') as double) end)"
    )


def sql_message(kind_column: str) -> str:
    """A DuckDB expression: the message for a problem kind."""
    whens = " ".join(f"when '{k}' then '{m.replace(chr(39), chr(39) * 2)}'" for k, m in MESSAGES.items())
    return f"case {kind_column} {whens} end"
