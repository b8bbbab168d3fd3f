"""One message catalogue for every output that speaks Dutch or English: report, codebook, dashboard.

`t(key, taal, **values)` gives a message; `word(dutch, taal)` a domain word, status or verdict (the
fixed renderings of pipeline/vocabulary.py); `indicator_name` and `unit` the catalogue's names. The
numbers follow the language: 1.234,5 in Dutch, 1,234.5 in English. `tests/test_rapport_i18n.py`
holds every key to both languages. Like vocabulary, this imports nothing else of the project.
"""

from __future__ import annotations

from pipeline import vocabulary
from pipeline.i18n.catalogue import INDICATORS, MESSAGES, UNITS

TALEN = ("nl", "en")
MINUS = "−"  # U+2212: a minus sign that never reads as a hyphen in "2010-2011"


class UnknownLanguage(ValueError):
    """A language that is not in TALEN."""


def check_taal(taal: str) -> str:
    """`taal` when it is one of TALEN; UnknownLanguage otherwise."""
    if taal not in TALEN:
        raise UnknownLanguage(f"onbekende taal {taal!r}; kies uit {', '.join(TALEN)}")
    return taal


def t(key: str, taal: str, **values: object) -> str:
    """The message `key` in `taal`, with `values` filled in."""
    text = MESSAGES[key][check_taal(taal)]
    return text.format(**values) if values else text


def word(dutch: str, taal: str) -> str:
    """A word of pipeline/vocabulary.py (status, verdict, reason, domain word) in `taal`."""
    return dutch if check_taal(taal) == "nl" else vocabulary.in_english(dutch)


def indicator_name(code: str, dutch_name: str, taal: str) -> str:
    """The indicator's name: the catalogue's Dutch name, or its fixed English rendering."""
    return dutch_name if check_taal(taal) == "nl" else INDICATORS[code]


def unit(dutch_unit: str, taal: str) -> str:
    """An indicator's unit ('per 100 leerplichtigen') in `taal`."""
    return dutch_unit if check_taal(taal) == "nl" else UNITS[dutch_unit]


# ---------------------------------------------------------------- numbers
def is_missing(x: object) -> bool:
    """None, NaN and pandas' NA all count as missing."""
    return vocabulary.is_missing(x)


def number(x: float, decimals: int, taal: str) -> str:
    """1234.5 → '1.234,5' (nl) or '1,234.5' (en); negatives with a real minus sign; −0 is 0."""
    dutch = check_taal(taal) == "nl"
    text = vocabulary.nl_number(float(x), decimals) if dutch else f"{float(x):,.{decimals}f}"
    if text.startswith("-"):
        text = text[1:] if set(text[1:]) <= set("0.,") else MINUS + text[1:]
    return text


def value(x: float, vermenigvuldiger: int, taal: str, signed: bool = False) -> str:
    """A value in the indicator's unit: per 100 as a percentage, per 1.000 spelled out, counts whole."""
    v = float(x)
    sign = "+" if signed and number(v, 1, taal)[0] not in (MINUS, "0") else ""
    if not vocabulary.is_rate(vermenigvuldiger):
        return f"{sign}{number(v, 0, taal)}"
    if vermenigvuldiger == 100:
        return f"{sign}{number(v, 1, taal)}%"
    return f"{sign}{number(v, 1, taal)} {t('per', taal)} {number(vermenigvuldiger, 0, taal)}"


def difference(x: float, vermenigvuldiger: int, taal: str) -> str:
    """A difference of two values: percentage points for per-100 rates, signed."""
    v = float(x)
    if vermenigvuldiger == 100:
        sign = "+" if number(v, 1, taal)[0] not in (MINUS, "0") else ""
        return f"{sign}{number(v, 1, taal)} {t('procentpunt', taal)}"
    return value(v, vermenigvuldiger, taal, signed=True)


def interval(low: float, high: float, vermenigvuldiger: int, taal: str) -> str:
    """'10,1 tot 15,2' in the indicator's unit (without the unit: it stands beside the value)."""
    decimals = 1 if vocabulary.is_rate(vermenigvuldiger) else 0
    return f"{number(low, decimals, taal)} {t('tot', taal)} {number(high, decimals, taal)}"


def estimate(x: float, taal: str) -> str:
    """A published estimate (effect, interval bound) with the decimals it was published with (1–3)."""
    v = float(x)
    decimals = next((d for d in (1, 2) if round(v, d) == round(v, 3)), 3)
    return number(v, decimals, taal)
