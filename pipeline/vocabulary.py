"""The monitor's words: one set of statuses, verdicts and number formats for every output.

The pipeline writes these words into the database; the dashboard, extracts, API and reports show
them as they are. Nothing else defines a status word, so a status reads the same on screen, in a
file and in a report. This module imports nothing from the rest of the project, so that any
program (the dashboard, the API) can import it without pulling in the pipeline.
"""

from __future__ import annotations

import math

# ---------------------------------------------------------------- a municipality's code
# How a delivered municipality code may be written (GM0228, gm228, 228): the delivery rules
# (pipeline/schemas.py) and the extracts' filter (pipeline/extracts/query.py) read it.
CODE_PATTERN = r"(?i)^(gm)?\s*[0-9]{1,4}$"

# ---------------------------------------------------------------- status against the baseline
# vergelijking_nulmeting.status, publicatie_vergelijking.status
VERBETERD = "verbeterd"
GELIJK = "gelijk gebleven"
VERSLECHTERD = "verslechterd"
GESTEGEN = "gestegen"  # neutral indicators: no better or worse
GEDAALD = "gedaald"
ONVOLDOENDE = "onvoldoende gegevens"
ONDERDRUKT = "onderdrukt"  # only in publication tables: the status of a suppressed cell
STATUSES = (VERBETERD, GELIJK, VERSLECHTERD, GESTEGEN, GEDAALD, ONVOLDOENDE)
PUBLISHED_STATUSES = (*STATUSES, ONDERDRUKT)

# ---------------------------------------------------------------- the gap roma − totaal (kloof)
GEHALVEERD = "gehalveerd"
KLEINER = "kleiner"
GROTER = "groter"
GEEN_ACHTERSTAND = "geen achterstand"
GAP_STATUSES = (GEHALVEERD, KLEINER, GELIJK, GROTER, GEEN_ACHTERSTAND, ONVOLDOENDE)
PUBLISHED_GAP_STATUSES = (*GAP_STATUSES, ONDERDRUKT)

# ---------------------------------------------------------------- why a figure is not published
# publicatie_cijfers.reden_onderdrukt, publicatie_groepen.reden_onderdrukt. The primary reason never
# says which part of the rule hit (teller, noemer or their difference): that would narrow the cell.
REDEN_KLEIN = "kleine aantallen"
REDEN_TOTAAL = "totaal naast een onderdrukt roma-cijfer"
REDEN_BESCHERMT = "beschermt een ander onderdrukt cijfer"
REDEN_AFGELEID = "afgeleid van een onderdrukt cijfer"

SUPPRESSION_EXPLANATION = (
    "Onderdrukt: te klein om te publiceren. Bij de doelgroep roma wordt een cijfer niet getoond als "
    "de noemer kleiner is dan {min_noemer}, of als de teller of het verschil tussen noemer en teller "
    "{teller_min} tot en met {teller_max} is; zo is niets over een handvol gezinnen af te lezen. "
    "Ook een cijfer dat zo'n onderdrukt cijfer zou verraden (een totaal over gemeenten, het cijfer "
    "voor de hele bevolking ernaast, een status of verschil) wordt niet getoond."
)


def suppression_explanation(min_noemer: int, teller_min: int, teller_max: int) -> str:
    """The Dutch sentence that explains a suppressed cell, with the build's thresholds."""
    return SUPPRESSION_EXPLANATION.format(min_noemer=min_noemer, teller_min=teller_min, teller_max=teller_max)


# ---------------------------------------------------------------- totals over municipalities
# publicatie_groepen.groep
PROEFTUINEN = "proeftuinen"
OVERIGE = "overige gemeenten"
GROEPEN = (PROEFTUINEN, OVERIGE)
FUNNEL = "trechter"  # the centre of a funnel plot: a ratio over all municipalities, withheld like a total

# ---------------------------------------------------------------- the pilots' effect (effecten.oordeel)
# Decided in the build (pipeline/effecten.py, `oordeel`): favourable or unfavourable only when the
# effect is demonstrable (interval, permutation test and multiplicity all agree) AND the pre-trend
# verdict holds. Neutral indicators have no better or worse: higher or lower than the comparison.
GUNSTIG = "gunstig effect"
ONGUNSTIG = "ongunstig effect"
HOGER = "hoger dan vergelijking"
LAGER = "lager dan vergelijking"
GEEN_EFFECT = "geen aantoonbaar effect"
NIET_BEOORDEELBAAR_VOORTREND = "niet te beoordelen: voortrend"
NIET_BEOORDEELBAAR_GEEN_VOORPERIODE = "niet te beoordelen: geen voorperiode"
VERDICTS = (
    GUNSTIG,
    ONGUNSTIG,
    HOGER,
    LAGER,
    GEEN_EFFECT,
    NIET_BEOORDEELBAAR_VOORTREND,
    NIET_BEOORDEELBAAR_GEEN_VOORPERIODE,
    ONVOLDOENDE,
)

# ---------------------------------------------------------------- doelgroepen, domeinen
ROMA, TOTAAL = "roma", "totaal"
DOELGROEPEN = (ROMA, TOTAAL)
DOMEINEN = ("verzuim", "arbeid", "wonen", "veiligheid")
RICHTINGEN = ("lager_beter", "hoger_beter", "neutraal")


# ---------------------------------------------------------------- rates and counts
def is_rate(vermenigvuldiger: float) -> bool:
    """Is an indicator a rate (teller/noemer × multiplier) rather than a count (teller only)? The
    catalogue's multiplier decides: 1 for a count. The SQL models read this answer, never the
    multiplier: the column `is_verhouding` of `stg_indicatoren` (`stages/extract.py`) and, in the
    database, its negation `indicatoren.is_aantal`."""
    return vermenigvuldiger != 1


# ---------------------------------------------------------------- Dutch number format
MISSING = "–"


def nl_number(n: float, decimals: int = 0) -> str:
    """1234567.5 → '1.234.567,5' (Dutch number format)."""
    text = f"{n:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def nl_or_missing(x: float | None, decimals: int = 0) -> str:
    """`nl_number`, or the dash for a missing or infinite value (in a sentence)."""
    return MISSING if x is None or not math.isfinite(x) else nl_number(float(x), decimals)


def percent(level: float) -> str:
    """A level or coverage as a Dutch percentage without a sign: 0.95 → '95', 0.998 → '99,8'."""
    return f"{level * 100:g}".replace(".", ",")


def is_missing(x: object) -> bool:
    """None, NaN and pandas' NA all count as missing."""
    if x is None:
        return True
    try:
        # any object is tried: what float() refuses (TypeError, ValueError) is caught below
        return bool(math.isnan(float(x)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


# ---------------------------------------------------------------- fixed English renderings
# The domain words and the words above, each with the one English rendering every English output
# uses (report, codebook, dashboard with ?taal=en). Listed once, here, beside the Dutch words.
ENGLISH: dict[str, str] = {
    # domain words
    "verzuim": "school absenteeism",
    "absoluut verzuim": "absolute absenteeism (not enrolled at any school)",
    "relatief verzuim": "relative absenteeism (unauthorised absence)",
    "arbeid": "work",
    "wonen": "housing",
    "veiligheid": "safety",
    "proeftuin": "pilot municipality",
    PROEFTUINEN: "pilot municipalities",
    OVERIGE: "other municipalities",
    "nulmeting": "baseline",
    "gemeente": "municipality",
    "doelgroep": "target group",
    ROMA: "Roma",
    TOTAAL: "whole population",
    "teller": "numerator",
    "noemer": "denominator",
    "kloof": "gap",
    "voortrend": "pre-trend",
    "oordeel": "verdict",
    "levering": "delivery",
    "quarantaine": "quarantine",
    "onderdrukt": "suppressed",
    # statuses against the baseline
    VERBETERD: "improved",
    GELIJK: "unchanged",
    VERSLECHTERD: "worsened",
    GESTEGEN: "risen",
    GEDAALD: "fallen",
    ONVOLDOENDE: "insufficient data",
    # the gap
    GEHALVEERD: "halved",
    KLEINER: "smaller",
    GROTER: "larger",
    GEEN_ACHTERSTAND: "no disadvantage",
    # reasons for suppression
    REDEN_KLEIN: "small numbers",
    REDEN_TOTAAL: "whole-population figure beside a suppressed Roma figure",
    REDEN_BESCHERMT: "protects another suppressed figure",
    REDEN_AFGELEID: "derived from a suppressed figure",
    # verdicts on the pilots' effect
    GUNSTIG: "favourable effect",
    ONGUNSTIG: "unfavourable effect",
    HOGER: "higher than comparison",
    LAGER: "lower than comparison",
    GEEN_EFFECT: "no demonstrable effect",
    NIET_BEOORDEELBAAR_VOORTREND: "cannot be judged: pre-trend",
    NIET_BEOORDEELBAAR_GEEN_VOORPERIODE: "cannot be judged: no pre-period",
}


def in_english(word: str) -> str:
    """The fixed English rendering of a Dutch word of this module; KeyError when there is none."""
    return ENGLISH[word]
