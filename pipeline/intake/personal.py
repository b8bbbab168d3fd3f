"""The hard rule of DOMAIN.md: deliveries hold aggregates only. Every rule about personal data lives here.

A delivery is refused whole when a column identifies persons (Dutch or English, also inside a
compound such as `kindnaam` or `geboortedatum_moeder`: BSN, names, birth, address, contact, one
column per pupil or client), or when any value — cell, header, title line, sheet name, in any
sheet, hidden ones too — looks like a BSN (nine digits passing the eleven-test, also written with
spaces, dots or dashes), an e-mail address or a phone number. The same holds for the names of
files and folders, which are then stored redacted.

Everything is judged on normalised text (`normalise`): Unicode NFKC (full-width digits and
letters become ASCII), invisible characters removed (zero-width spaces, soft hyphens, controls),
look-alike letters from other scripts folded to Latin with Unicode's confusables list (the
`confusable-homoglyphs` package), and accents dropped. A Cyrillic `ВSN`, `nаam` or a BSN
written with zero-width spaces is therefore the same as the plain one.

Callers report only kinds, column names (redacted) and row numbers — never a value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from pipeline.intake import control

# --------------------------------------------------------------------------- normalisation


@cache
def _fold_table() -> dict[int, str]:
    """Non-ASCII look-alikes of ASCII letters, digits and '@' (Unicode confusables.txt), to that
    ASCII character."""
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[int, str] = {}
    for char, glyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        for g in glyphs:
            c = g["c"]
            if len(c) == 1 and c.isascii() and (c.isalnum() or c == "@"):
                table[ord(char)] = c
                break
    return table


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Cc", "Mn", "Me")


def normalise(text: str) -> str:
    """The text as the personal-data rules see it: NFKC, without invisible characters and
    accents, look-alike letters folded to Latin, every decimal digit as an ASCII digit."""
    if text.isascii():
        return text if text.isprintable() else "".join(c for c in text if c.isprintable() or c in "\t\n\r")
    t = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
    fold = _fold_table()
    table: dict[int, str | None] = {}
    for c in set(t):  # the distinct characters only: a whole file has few
        if c.isascii() and (c.isprintable() or c in "\t\n\r"):
            continue
        if _invisible(c) and c not in "\t\n\r":
            table[ord(c)] = None
        elif c.isdecimal():
            table[ord(c)] = str(unicodedata.decimal(c))
        elif ord(c) in fold:
            table[ord(c)] = fold[ord(c)]
    return unicodedata.normalize("NFC", t.translate(table))


# --------------------------------------------------------------------------- column names


def _word_block(text: str) -> list[str]:
    """The words of a block of text: the word lists below, kept readable several to a line."""
    return text.split()


# Header tokens (after splitting on anything not a letter or digit) that identify persons.
PERSON_TOKENS = frozenset(
    _word_block(
        """
        bsn burgerservicenummer sofinummer sofinr sofi persoonsnummer anummer ssn citizen passport
        paspoort paspoortnummer dob tel gsm mobiel mail adres address straat street
        """
    )
)
# Parts that identify persons wherever they stand in a header, also inside a compound word
# (`kindnaam`, `datumgeboren`, `leerlingnummer`): matched in the header with its separators removed.
PERSON_PARTS = tuple(
    _word_block(
        """
        bsn burgerservice sofinummer voornaam achternaam roepnaam voorletter tussenvoegsel geslachtsnaam
        meisjesnaam familienaam geboren geboorte gebdat birth firstname lastname surname fullname
        givenname familyname huisnummer huisnr straatnaam woonadres postadres emailadres mailadres email
        telefoon mobielnummer phone passport paspoort
        """
    )
)
# One person per row: a column named after a single person, or that person's number or name.
PERSON_NOUNS = tuple(
    _word_block(
        """
        leerling kind persoon persoons client inwoner bewoner verdachte jongere deelnemer patient
        student pupil child person resident suspect gezinslid
        """
    )
)
PERSON_NOUN_SUFFIXES = ("", "id", "nummer", "nr", "code", "naam", "name", "dossier")
# "naam"/"name" names a person, unless what stands beside it names something else.
NAME_PARTS = ("naam", "namen", "name", "names")
NOT_A_PERSON = frozenset(
    _word_block(
        """
        gemeente gemeentenaam municipality indicator bron organisatie school instelling instellings wijk
        buurt bestand bestands file source team regio provincie project traject doelgroep periode domein
        sheet werkblad tabel table kolom column dataset organisation organization scholen
        """
    )
)


# Letters that Unicode's confusables list itself confuses (I and l, 1 and l, 0 and O): the words are
# compared in this skeleton, on both sides (UTS #39).
_SKELETON = str.maketrans("i10", "llo")


def _skeleton(word: str) -> str:
    return word.translate(_SKELETON)


def _tokens(name: str) -> list[str]:
    return [_skeleton(t) for t in re.split(r"[^0-9a-z]+", normalise(name).lower()) if t]


@cache
def is_person_column(name: str) -> bool:
    """True when a header names data about persons (BSN, name, birth, address, contact, a person).
    Judged as written and in capitals: some look-alikes exist only as capitals (Cyrillic В)."""
    return _is_person_column(name) or _is_person_column(name.upper())


@cache
def _words() -> dict[str, frozenset[str] | tuple[str, ...]]:
    """The word lists in the skeleton the headers are compared in."""
    return {
        "tokens": frozenset(map(_skeleton, PERSON_TOKENS)),
        "parts": tuple(map(_skeleton, PERSON_PARTS)),
        "nouns": tuple(map(_skeleton, PERSON_NOUNS)),
        "suffixes": tuple(map(_skeleton, PERSON_NOUN_SUFFIXES)),
        "names": tuple(map(_skeleton, NAME_PARTS)),
        "not": frozenset(map(_skeleton, NOT_A_PERSON)),
    }


def _is_person_column(name: str) -> bool:
    tokens = _tokens(name)
    if not tokens:
        return False
    w = _words()
    joined = "".join(tokens)
    if any(t in w["tokens"] for t in tokens) or joined in w["tokens"]:
        return True
    if any(p in joined for p in w["parts"]):
        return True
    if any(joined == noun + s for noun in w["nouns"] for s in w["suffixes"]):
        return True
    if any(t == noun for t in tokens for noun in w["nouns"]):
        return True
    for part in w["names"]:
        at = joined.find(part)
        if at >= 0:
            before, after = joined[:at], joined[at + len(part) :]
            if not any(x in w["not"] for x in (before, after, *tokens)):
                return True
    return False


def personal_columns(names: list[str]) -> list[str]:
    """The header names of a delivery that identify persons, in file order."""
    return [n for n in names if n and is_person_column(n)]


# --------------------------------------------------------------------------- values

# Digits, possibly in groups joined by one space, dot, dash or slash (`123 456 782`, `1234.56.782`)
DIGIT_GROUPS = re.compile(r"[0-9]+(?:[ .\-/][0-9]+)*")
GROUP_SPLIT = re.compile(r"[ .\-/]")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(
    r"(?:^|[^0-9+])(?:\+31|0031|0)[ \-]?(?:\([0-9]+\)[ \-]?)?[1-9](?:[ \-]?[0-9]){8}(?:[^0-9]|$)"
)


def passes_eleven_test(digits: str) -> bool:
    """The BSN eleven-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11 (all zeros excluded)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11 == 0


def _has_bsn(text: str) -> bool:
    for m in DIGIT_GROUPS.finditer(text):
        groups = GROUP_SPLIT.split(m.group())
        for i in range(len(groups)):
            digits = ""
            for g in groups[i:]:
                digits += g
                if len(digits) >= 9:
                    break
            if passes_eleven_test(digits):
                return True
    return False


def value_kind(value: str | None) -> str | None:
    """'BSN', 'e-mailadres' or 'telefoonnummer' when a value looks like one, else None."""
    if not value:
        return None
    text = normalise(value)
    if len(text) >= 9 and _has_bsn(text):
        return "BSN"
    if "@" in text and EMAIL.search(text):
        return "e-mailadres"
    if len(text) >= 10 and PHONE.search(text):
        return "telefoonnummer"
    return None


# Every digit becomes 9 and whatever may stand between the digits of a BSN or phone number
# disappears: nine 9s in a row remain wherever value_kind could find one.
_DIGITS_AS_NINE = bytes.maketrans(b"0123456789", b"9999999999")
_BETWEEN_DIGITS = b" .-()+/" + bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20)) + b"\x7f"


def _changes_digits_or_at(char: str) -> bool:
    """Could normalising this (non-ASCII) character make or join a digit or an @?"""
    return (
        char.isdecimal()
        or unicodedata.category(char) in ("Cf", "Cc", "Mn", "Me", "Zs", "Zl", "Zp")
        or any(c.isdigit() or c == "@" for c in unicodedata.normalize("NFKC", char))
        or _fold_table().get(ord(char), "a") in "0123456789@"
    )


_ASCII = bytes(range(0x80))


def _non_ascii(data: bytes, text: str, encoding: str) -> set[str]:
    """The distinct characters of `text` (`data` decoded as `encoding`) outside ASCII. In UTF-8
    and the one-byte encodings those are the bytes from 0x80 on, which are dropped and decoded
    at C speed: a set of every character of a whole file was most of this test's time."""
    if encoding in ("utf-8", "utf-8-sig", "cp1252", "latin-1"):
        rest = data.translate(None, _ASCII)
        if encoding == "utf-8-sig":
            rest = rest[3:]  # the byte-order mark, which `decode` left out of the text
        try:
            return set(rest.decode("utf-8" if encoding == "utf-8-sig" else encoding))
        except UnicodeDecodeError:
            pass  # a UTF-8 file cut off inside its last character: `decode` left that out
    return {c for c in set(text) if not c.isascii()}


def may_hold_personal_data(data: bytes) -> bool:
    """False only when no value in the file can be a BSN, e-mail address or phone number: a test
    at C speed on the bytes; a file with characters that normalising turns into (or joins) digits
    or an @ — full-width digits, invisible characters, a look-alike @ — is normalised first."""
    if not data.isascii():
        from pipeline.intake.readers import decode

        text, encoding = decode(data)
        if any(_changes_digits_or_at(c) for c in _non_ascii(data, text, encoding)):
            data = normalise(text).encode("utf-8", errors="replace")
    if b"@" in data:
        return True
    return b"999999999" in data.translate(_DIGITS_AS_NINE, _BETWEEN_DIGITS)


# --------------------------------------------------------------------------- findings and names


@dataclass(frozen=True)
class Finding:
    """Personal data found: what kind, where (never the value)."""

    soort: str  # BSN | e-mailadres | telefoonnummer | kolom
    kolom: str | None = None  # a column name, redacted
    rij: int | None = None  # the row as Excel numbers it
    werkblad: str | None = None


def describe(findings: list[Finding], limit: int = 5) -> str:
    """The refusal for people: kinds, columns and rows, never a value."""
    parts = []
    for f in findings[:limit]:
        where = []
        if f.werkblad:
            where.append(f"werkblad {f.werkblad}")
        if f.kolom:
            where.append(f"kolom {f.kolom}")
        if f.rij:
            where.append(f"rij {f.rij}")
        what = "een kolom over personen" if f.soort == "kolom" else f"een {f.soort}"
        parts.append(what + (" in " + ", ".join(where) if where else ""))
    more = f" en {len(findings) - limit} andere" if len(findings) > limit else ""
    return (
        "het bestand bevat gegevens over personen: "
        + "; ".join(parts)
        + more
        + "; lever alleen geaggregeerde cijfers"
    )


REDACTED = "[verwijderd]"


def safe_name(text: str) -> str:
    """A name (header, sheet, file or folder) fit for a reason or a table: without control
    characters, and replaced whole when it holds a BSN, e-mail address or phone number."""
    cleaned = control.clean(text) or ""
    return REDACTED if value_kind(cleaned) else cleaned


def name_kind(name: str) -> str | None:
    """What personal data a file or folder name holds, if any."""
    return value_kind(name)


# --------------------------------------------------------------------------- values in reasons

# A delivered value is shown in a reason only when it cannot be personal data: a short number
# (at most eight digits: a BSN has nine, a phone number ten), a period or a municipality code.
# Anything else — a word, which could be a name — is replaced by NOT_SHOWN.
ECHO = re.compile(r"(?:[Gg][Mm])?[0-9 .,/+\-]{1,20}")
MAX_ECHO_DIGITS = 8
NOT_SHOWN = "(niet getoond)"


def shown_value(value: object) -> str:
    """A delivered value as a reason may show it."""
    if value is None:
        return ""
    text = str(value)
    if ECHO.fullmatch(text) and sum(c.isdigit() for c in text) <= MAX_ECHO_DIGITS:
        return text
    return NOT_SHOWN


def sql_shown_value(expression: str) -> str:
    """A DuckDB expression with `shown_value`'s result for a VARCHAR expression."""
    return (
        f"case when {expression} is null then '' "
        f"when regexp_full_match({expression}, '{ECHO.pattern}') "
        f"and length(regexp_replace({expression}, '[^0-9]', '', 'g')) <= {MAX_ECHO_DIGITS} "
        f"then {expression} else '{NOT_SHOWN}' end"
    )
