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
