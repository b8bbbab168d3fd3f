"""Number and date format for everything the dashboard shows, in the page's language: `12,5%`,
`1.234`, `3,4 per 1.000` in Dutch (pipeline.vocabulary.nl_number), `12.5%`, `1,234` in English
(pipeline.i18n.number)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import SupportsFloat, SupportsIndex, SupportsInt, cast

from dashboard import taal
from pipeline import i18n
from pipeline.vocabulary import OVERIGE, PROEFTUINEN, is_rate, nl_number

MISSING = "–"
SUPPRESSED = "onderdrukt"
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def to_float(x: object) -> float:
    """`float(x)` of a value of any kind (a pandas or numpy scalar, a Decimal, a text): raises
    TypeError or ValueError where float() does, so that a caller checks `is_missing` first."""
    return float(cast("SupportsFloat | SupportsIndex | str", x))


def is_missing(x: object) -> bool:
    """None, NaN and pandas' NA all count as missing."""
    if x is None:
        return True
    try:
        return bool(math.isnan(to_float(x)))
    except (TypeError, ValueError):
        return True


def number(x: object, decimals: int = 0) -> str:
    """1234.5 → '1.234,5'; missing → '–'."""
    if is_missing(x):
        return MISSING
    if taal.current() == "en":
        return i18n.number(to_float(x), decimals, "en")
    text = nl_number(to_float(x), decimals)
    return "0" if text in ("-0", "-0,0", "-0,00") and decimals == 0 else text.replace("-", "−")


def value(x: object, vermenigvuldiger: int, signed: bool = False) -> str:
    """A value in the indicator's unit: per 100 as a percentage, per 1.000 spelled out, counts whole."""
    if is_missing(x):
        return MISSING
    v = to_float(x)
    if taal.current() == "en":
        return i18n.value(v, vermenigvuldiger, "en", signed)
    sign = "+" if signed and v > 0 else ""
    if vermenigvuldiger == 100:
        return f"{sign}{number(v, 1)}%"
    if vermenigvuldiger == 1000:
        return f"{sign}{number(v, 1)} per 1.000"
    if not is_rate(vermenigvuldiger):
        return f"{sign}{number(v, 0)}"
    return f"{sign}{number(v, 1)} per {number(vermenigvuldiger)}"


def points(x: object, vermenigvuldiger: int) -> str:
    """A difference of two values: percentage points for per-100 rates."""
    if is_missing(x):
        return MISSING
    v = to_float(x)
    if taal.current() == "en":
        return i18n.difference(v, vermenigvuldiger, "en")
    sign = "+" if v > 0 else ""
    if vermenigvuldiger == 100:
        return f"{sign}{number(v, 1)} procentpunt"
    return value(v, vermenigvuldiger, signed=True)


def interval(low: object, high: object, vermenigvuldiger: int) -> str:
    """'10,1–15,2%' (a 95% interval in the indicator's unit)."""
    if is_missing(low) or is_missing(high):
        return MISSING
    lo = value(low, vermenigvuldiger)
    hi = value(high, vermenigvuldiger)
    suffix = "%" if vermenigvuldiger == 100 else ""
    return f"{lo.removesuffix(suffix)} {taal.tr('tot')} {hi}"


def estimate(effect: object, low: object, high: object, vermenigvuldiger: int) -> str:
    """An effect with its interval, never without: '−8,9 procentpunt (95%-interval −12,0 tot −5,9)'."""
    if is_missing(effect) or is_missing(low) or is_missing(high):
        return MISSING
    if taal.current() == "en":
        unit = {100: " " + taal.tr("procentpunt"), 1: ""}.get(
            vermenigvuldiger, f" per {number(vermenigvuldiger)}"
        )
        sign = "+" if to_float(effect) > 0 else ""
        return taal.tr(
            "d_schatting",
            effect=f"{sign}{number(effect, 1)}{unit}",
            laag=number(low, 1),
            hoog=number(high, 1),
        )
    unit = {100: " procentpunt", 1: ""}.get(vermenigvuldiger, f" per {number(vermenigvuldiger)}")
    sign = "+" if to_float(effect) > 0 else ""
    return f"{sign}{number(effect, 1)}{unit} (95%-interval {number(low, 1)} tot {number(high, 1)})"


def period(periode: object, voorlopig: object = False) -> str:
    """A period as StatLine shows it: a provisional figure gets an asterisk (2024*)."""
    if is_missing(periode) and not isinstance(periode, str):
        return MISSING
    text = str(periode)
    return f"{text}*" if voorlopig is True or (not is_missing(voorlopig) and bool(voorlopig)) else text


def date(moment: datetime) -> str:
    """23 november 2026, 12:16 (23 November 2026, 12:16 in English)."""
    if taal.current() == "en":
        month = taal.tr("d_maanden").split()[moment.month - 1]
        return f"{moment.day} {month} {moment.year}, {moment:%H:%M}"
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"


def share(part: object, whole: object) -> str:
    """'3 van 9'."""
    return f"{number(part)} {taal.tr('van')} {number(whole)}"


def suppression_note() -> str:
    """Why a figure is suppressed, with the thresholds of the build on screen (`publicatie_regels`);
    without a database (a figure drawn in a test) only the first sentence."""
    from dashboard.data import DatabaseMissing, monitor

    if taal.current() == "en":
        try:
            m = monitor()
            return taal.tr(
                "onderdrukt_uitleg",
                min_noemer=int(m.regel("onthulling.min_noemer")),
                teller_min=int(m.regel("onthulling.teller_min")),
                teller_max=int(m.regel("onthulling.teller_max")),
            )
        except (DatabaseMissing, KeyError):
            return taal.tr("d_onderdrukt_kort")
    try:
        return monitor().explanation()
    except (DatabaseMissing, KeyError):
        return "Onderdrukt: te klein om te publiceren."


def count(n: int, singular: str, plural: str) -> str:
    """A number with its noun in the right form: "1 proeftuin", "3 proeftuinen"."""
    return f"{number(n)} {singular if n == 1 else plural}"


def pilots(n: SupportsInt) -> str:
    """ "1 proeftuin", "9 proeftuinen"."""
    return count(int(n), taal.word("proeftuin"), taal.word(PROEFTUINEN))


def municipalities(n: SupportsInt) -> str:
    """ "1 gemeente", "12 gemeenten"."""
    return count(int(n), taal.word("gemeente"), taal.tr("d_gemeenten"))


def suppressed_word() -> str:
    """The word for a suppressed figure in a cell or a hover text."""
    return taal.word(SUPPRESSED)


def group(groep: str) -> str:
    """proeftuinen / overige gemeenten (the groups of the pooled figures) in the page's language."""
    return taal.word(groep) if groep in (PROEFTUINEN, OVERIGE) else groep
