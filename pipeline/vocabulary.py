"""The monitor's words: one set of statuses, verdicts and number formats for every output.

The pipeline writes these words into the database; the dashboard, extracts, API and reports show
them as they are. Nothing else defines a status word, so a status reads the same on screen, in a
file and in a report. This module imports nothing from the rest of the project, so that any
program (the dashboard, the API) can import it without pulling in the pipeline.
"""

from __future__ import annotations

import math

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
VERDICTS = (GUNSTIG, ONGUNSTIG, HOGER, LAGER, GEEN_EFFECT, NIET_BEOORDEELBAAR_VOORTREND,
            NIET_BEOORDEELBAAR_GEEN_VOORPERIODE, ONVOLDOENDE)  # fmt: skip

# ---------------------------------------------------------------- doelgroepen, domeinen
ROMA, TOTAAL = "roma", "totaal"
DOELGROEPEN = (ROMA, TOTAAL)
DOMEINEN = ("verzuim", "arbeid", "wonen", "veiligheid")
RICHTINGEN = ("lager_beter", "hoger_beter", "neutraal")

# ---------------------------------------------------------------- Dutch number format
MISSING = "–"


def nl_number(n: float, decimals: int = 0) -> str:
    """1234567.5 → '1.234.567,5' (Dutch number format)."""
    text = f"{n:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def is_missing(x: object) -> bool:
    """None, NaN and pandas' NA all count as missing."""
    if x is None:
        return True
    try:
        return bool(math.isnan(float(x)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True
