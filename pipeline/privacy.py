"""The hard rule of DOMAIN.md: deliveries hold aggregates only. This module recognises data about persons.

A file with a column that identifies persons (in Dutch or English: BSN, names, birth date,
address, postcode with house number, phone, e-mail) or with any value that looks like a BSN
(nine digits passing the eleven-test), an e-mail address or a phone number is refused whole.
Callers report only file name, column names and row numbers — never a value.

The value patterns are written once, in a syntax that both Python's `re` and DuckDB (RE2) run,
so that the bulk path (SQL over a staging table) and the exact path (Python rows) agree.
"""

from __future__ import annotations

import re
from functools import cache

# Header tokens (after splitting on anything not a letter or digit) that identify persons.
PERSON_TOKENS = frozenset({
    # identifiers
    "bsn", "burgerservicenummer", "sofinummer", "sofinr", "sofi", "persoonsnummer", "anummer",
    "ssn", "citizen", "passport", "paspoort", "paspoortnummer",
    # names
    "voornaam", "voornamen", "achternaam", "roepnaam", "voorletters", "tussenvoegsel",
    "geslachtsnaam", "firstname", "lastname", "surname", "fullname", "givenname",
    # birth
    "geboortedatum", "geboortedag", "geboorteplaats", "gebdatum", "birthdate", "birthday", "dob",
    # address
    "adres", "woonadres", "straat", "straatnaam", "huisnummer", "huisnr", "huisletter",
    "address", "street", "housenumber",
    # contact
    "telefoon", "telefoonnummer", "telnr", "tel", "mobiel", "gsm", "phone", "mobile",
    "email", "mail", "emailadres", "mailadres",
})  # fmt: skip
# Multi-token names that identify persons only together.
PERSON_PHRASES = (
    ("first", "name"), ("last", "name"), ("full", "name"), ("given", "name"), ("family", "name"),
    ("date", "of", "birth"), ("birth", "date"), ("geb", "datum"), ("house", "number"),
    ("huis", "nummer"), ("e", "mail"), ("phone", "number"), ("postcode", "huisnummer"),
    ("sofi", "nummer"), ("burger", "service", "nummer"),
)  # fmt: skip
# "naam"/"name" alone names a person, unless it names something else.
NAME_TOKENS = frozenset({"naam", "name", "namen", "names"})
NOT_A_PERSON = frozenset({
    "gemeente", "gemeentenaam", "municipality", "indicator", "bron", "organisatie", "school",
    "instelling", "wijk", "buurt", "bestand", "file", "source", "team", "regio", "provincie",
    "project", "traject", "doelgroep", "periode", "bronnaam",
})  # fmt: skip

BSN_DOTTED = r"[0-9]{4}\.[0-9]{2}\.[0-9]{3}"
DIGIT_RUN = r"[0-9]+"
EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
PHONE = r"(?:^|[^0-9+])(?:\+31|0031|0)[ \-]?(?:\([0-9]+\)[ \-]?)?[1-9](?:[ \-]?[0-9]){8}(?:[^0-9]|$)"

_EMAIL = re.compile(EMAIL)
_PHONE = re.compile(PHONE)
_DIGITS = re.compile(DIGIT_RUN)
_BSN_DOTTED = re.compile(BSN_DOTTED)


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[^0-9a-z]+", name.lower()) if t]


@cache
def is_person_column(name: str) -> bool:
    """True when a header names data about persons (BSN, name, birth date, address, contact)."""
    tokens = _tokens(name)
    if not tokens:
        return False
    joined = "".join(tokens)
    if any(t in PERSON_TOKENS for t in tokens) or joined in PERSON_TOKENS:
        return True
    if any(
        all(p in tokens for p in phrase) and _in_order(tokens, phrase) for phrase in PERSON_PHRASES
    ):
        return True
    return any(t in NAME_TOKENS for t in tokens) and not any(t in NOT_A_PERSON for t in tokens)


def _in_order(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1))


def personal_columns(names: list[str]) -> list[str]:
    """The header names of a delivery that identify persons, in file order."""
    return [n for n in names if n and is_person_column(n)]


def passes_eleven_test(digits: str) -> bool:
    """The BSN eleven-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11 (all zeros excluded)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11 == 0


def value_kind(value: str | None) -> str | None:
    """'BSN', 'e-mailadres' or 'telefoonnummer' when a value looks like one, else None."""
    if not value:
        return None
    if len(value) >= 9:
        runs = _DIGITS.findall(value) + [m.replace(".", "") for m in _BSN_DOTTED.findall(value)]
        if any(passes_eleven_test(r) for r in runs):
            return "BSN"
    if "@" in value and _EMAIL.search(value):
        return "e-mailadres"
    if len(value) >= 10 and _PHONE.search(value):
        return "telefoonnummer"
    return None


# Every digit becomes 9 and the separators a BSN or phone number may contain disappear: nine 9s
# in a row remain wherever value_kind could find a BSN or a phone number.
_DIGITS_AS_NINE = bytes.maketrans(b"0123456789", b"9999999999")
_NUMBER_SEPARATORS = b" .-()+"


def may_hold_personal_data(data: bytes) -> bool:
    """False only when no value in a single-byte or UTF-8 text can be a BSN, e-mail address or
    phone number: a test at C speed (no regex) that lets most files skip `value_kind`'s search."""
    if b"@" in data:
        return True
    return b"999999999" in data.translate(_DIGITS_AS_NINE, _NUMBER_SEPARATORS)


def sql_value_kind(column: str) -> str:
    """A DuckDB expression with the same verdict as `value_kind` for a VARCHAR column."""
    c = column
    digits = f"""list_concat(regexp_extract_all({c}, '{DIGIT_RUN}'),
        list_transform(regexp_extract_all({c}, '{BSN_DOTTED}'), lambda x: replace(x, '.', '')))"""
    nine = f"list_filter({digits}, lambda x: len(x) = 9 and x <> '000000000')"
    eleven = (
        "("
        + " + ".join(
            f"{w} * (ascii(x[{i}]) - 48)" for i, w in enumerate((9, 8, 7, 6, 5, 4, 3, 2, -1), 1)
        )
        + ") % 11 = 0"
    )
    return f"""case
        when {c} is null then null
        when length({c}) >= 9 and len(list_filter({nine}, lambda x: {eleven})) > 0 then 'BSN'
        when contains({c}, '@') and regexp_matches({c}, '{EMAIL}') then 'e-mailadres'
        when length({c}) >= 10 and regexp_matches({c}, '{PHONE}') then 'telefoonnummer'
    end"""
