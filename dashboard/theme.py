"""Colours and labels of the status of a change against the baseline, and the chart colours.

Status colours follow the English public-health profiles (Fingertips): green better, amber similar,
red worse, blues for neutral indicators, grey for too few to say. A suppressed cell is striped, so
that it never looks like a status. Every colour is paired with text, never the only carrier.
"""

from __future__ import annotations

from pipeline.vocabulary import GEDAALD, GELIJK, GESTEGEN, ONDERDRUKT, ONVOLDOENDE, VERBETERD, VERSLECHTERD

# status → (label, fill, text colour); text colours chosen for a contrast of at least 4.5:1.
STATUS = {
    VERBETERD: ("verbeterd", "#92D050", "#1a1a1a"),
    GELIJK: (GELIJK, "#FFC000", "#1a1a1a"),
    VERSLECHTERD: ("verslechterd", "#C00000", "#ffffff"),
    GESTEGEN: ("gestegen", "#BED2FF", "#1a1a1a"),
    GEDAALD: ("gedaald", "#3F3FBF", "#ffffff"),
    ONVOLDOENDE: (ONVOLDOENDE, "#D9D9D9", "#1a1a1a"),
    ONDERDRUKT: (ONDERDRUKT, "#FFFFFF", "#1a1a1a"),
}
STATUS_ORDER = (VERBETERD, GELIJK, VERSLECHTERD, GESTEGEN, GEDAALD, ONVOLDOENDE, ONDERDRUKT)

# Rijkshuisstijl-like chart colours.
INK = "#1a1a1a"
BLUE = "#154273"  # lintblauw: the pilots
SKY = "#01689B"  # hemelblauw: links, second series
GREY = "#8c8c8c"  # the other municipalities
LIGHT = "#d9d9d9"
ORANGE = "#E17000"  # target lines
GREEN = "#39870C"  # dark green: a dot or bar that must read on white (the status green is light)
TOTAAL = "#6b6b6b"
PILOT_COLORS = (
    "#154273",
    "#01689B",
    "#007BC7",
    GREEN,
    "#673327",
    "#A90061",
    "#E17000",
    "#42145F",
    "#275937",
    "#94710A",
    "#CA005D",
    "#76D2B6",
)
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def label(status: str) -> str:
    """The Dutch label of a status."""
    return STATUS.get(status, (status, "", ""))[0]
