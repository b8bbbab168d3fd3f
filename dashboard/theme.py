"""Colours, symbols and labels of the status of a change against the baseline, and the chart colours.

The status colours are the Okabe–Ito palette (Okabe & Ito, "Color Universal Design"), which readers
with deuteranopia or protanopia can tell apart (tests/dashboard/test_fit.py simulates both and
measures the distance between every pair). Colour is never the only carrier: every status has a
symbol (in tables and legends), a marker shape (dots in charts) and a fill pattern (bars), and its
label in words. A suppressed cell is striped, so that it never looks like a status.
"""

from __future__ import annotations

from pipeline.vocabulary import (
    ENGLISH,
    GEDAALD,
    GELIJK,
    GESTEGEN,
    ONDERDRUKT,
    ONVOLDOENDE,
    VERBETERD,
    VERSLECHTERD,
)

# status → (label, fill, text colour); text colours chosen for a contrast of at least 4.5:1.
STATUS = {
    VERBETERD: ("verbeterd", "#009E73", "#000000"),  # Okabe–Ito bluish green
    GELIJK: (GELIJK, "#F0E442", "#000000"),  # yellow
    VERSLECHTERD: ("verslechterd", "#D55E00", "#000000"),  # vermillion
    GESTEGEN: ("gestegen", "#56B4E9", "#000000"),  # sky blue
    GEDAALD: ("gedaald", "#0072B2", "#ffffff"),  # blue
    ONVOLDOENDE: (ONVOLDOENDE, "#D9D9D9", "#000000"),
    ONDERDRUKT: (ONDERDRUKT, "#FFFFFF", "#1a1a1a"),
}
# The second cue: a symbol in tables and legends, a marker shape in charts, a pattern on bars.
SYMBOL = {
    VERBETERD: "▲",
    GELIJK: "●",
    VERSLECHTERD: "▼",
    GESTEGEN: "↑",
    GEDAALD: "↓",
    ONVOLDOENDE: "?",
    ONDERDRUKT: "×",
}
MARKER = {
    VERBETERD: "triangle-up",
    GELIJK: "circle",
    VERSLECHTERD: "triangle-down",
    GESTEGEN: "square",
    GEDAALD: "diamond",
    ONVOLDOENDE: "circle-open",
    ONDERDRUKT: "x",
}
PATTERN = {
    VERBETERD: "",
    GELIJK: ".",
    VERSLECHTERD: "x",
    GESTEGEN: "/",
    GEDAALD: "\\",
    ONVOLDOENDE: "-",
    ONDERDRUKT: "+",
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
    """The label of a status in the page's language (pipeline/vocabulary.py's fixed English)."""
    from dashboard import taal  # the page's language (taal imports nothing of theme)

    dutch = STATUS.get(status, (status, "", ""))[0]
    return taal.word(dutch) if taal.current() == "en" and dutch in ENGLISH else dutch
