"""The extract's codebook in English (`extract --taal en`): the titles and descriptions that
datapackage.json gives each column, the package and its sources. The Dutch texts live beside the
columns in pipeline/extracts/codebook.py and notes.py; column names, codes and values never change
with the language. A test holds every column of the codebook to an English text here.
"""

from __future__ import annotations

# column → (title, description, unit)
COLUMNS: dict[str, tuple[str, str, str]] = {
    "synthetisch": (
        "Synthetic",
        "True when the figures come from the synthetic sample (made by the monitor's generator, "
        "not measured) and so are not about real families. Only the CBS figures (target group "
        "totaal, indicator woninginbraak) are then real.",
        "true/false",
    ),
    "gemeente_code": (
        "Municipality code",
        "CBS code of the municipality: GM followed by four digits.",
        "code",
    ),
    "gemeente_naam": (
        "Municipality",
        "Name of the municipality, the latest in the CBS municipal classification.",
        "name",
    ),
    "periode": (
        "Period",
        "Calendar year (2016) or school year (2016-2017) the figure is about.",
        "year or school year",
    ),
    "jaar": (
        "Year",
        "The calendar year, or the first year of the school year. The filters --van and --tot "
        "apply to this column.",
        "year",
    ),
    "domein": (
        "Domain",
        "Domain of the indicator: verzuim (education, school absenteeism), arbeid (work), "
        "wonen (housing) or veiligheid (safety).",
        "code",
    ),
    "indicator": (
        "Indicator",
        "Code of the indicator in the indicator catalogue (table indicatoren); fixed.",
        "code",
    ),
    "indicator_naam": ("Indicator name", "Name of the indicator (in Dutch, as in the catalogue).", "name"),
    "eenheid": (
        "Unit",
        "How to read waarde: 'per 100 leerplichtigen' (per 100 children of compulsory school "
        "age: teller / noemer × 100), 'per 1.000 inwoners' (per 1,000 residents: × 1,000), or a count "
        "('aantal meldingen': waarde is the teller).",
        "text",
    ),
    "doelgroep": (
        "Target group",
        "roma: the target group as the municipality knows it from its case files; "
        "totaal: the whole population of the same age group in the municipality (Roma included).",
        "code",
    ),
    "teller": (
        "Numerator",
        "The number (of persons, households, reports) the figure is about; for a count this "
        "is the figure itself. Empty when the figure is suppressed.",
        "count",
    ),
    "noemer": (
        "Denominator",
        "The number the numerator relates to (for instance all children of compulsory "
        "school age). Empty for counts and when the figure is suppressed.",
        "count",
    ),
    "waarde": (
        "Value",
        "teller / noemer × the indicator's multiplier (see eenheid), or the teller for a count; "
        "rounded to 4 decimals. Empty when the figure is suppressed.",
        "see column eenheid",
    ),
    "onderdrukt": (
        "Suppressed",
        "True when the figure is suppressed (disclosure control): for the Roma target "
        "group a figure is not published when the denominator is small, or the numerator or the "
        "denominator minus the numerator is small; a whole-population figure beside a suppressed Roma "
        "figure, and whatever else would give a suppressed figure away (a total over "
        "municipalities, a status, a difference), is left out as well. See reden_onderdrukt and the "
        "package property onthulling for the thresholds of this build.",
        "true/false",
    ),
    "voorlopig": (
        "Provisional",
        "True when CBS calls this figure provisional (only CBS figures can be).",
        "true/false",
    ),
    "nulmeting_periode": (
        "Baseline period",
        "The baseline period of this municipality, indicator and target group: the last year "
        "before the municipality became a pilot (2010 for other municipalities), or the "
        "nearest earlier year with a figure. Empty when there is no baseline.",
        "year or school year",
    ),
    "nulmeting_waarde": (
        "Value at baseline",
        "The baseline value (same unit as waarde), rounded to 4 decimals. "
        "Empty when there is no baseline or the baseline figure is suppressed.",
        "see column eenheid",
    ),
    "nulmeting_onderdrukt": (
        "Baseline suppressed",
        "True when the baseline figure is suppressed (see onderdrukt). Empty when there is no baseline.",
        "true/false",
    ),
    "laatste_periode": (
        "Latest period",
        "The period of the latest figure after the baseline, which status compares with the baseline.",
        "year or school year",
    ),
    "status": (
        "Status against the baseline",
        "The latest figure against the baseline, taking the direction of the indicator and the size of the "
        "numbers into account: verbeterd (improved), gelijk gebleven (unchanged), verslechterd (worsened) "
        "or onvoldoende gegevens (insufficient data); for neutral indicators gestegen (risen), gelijk "
        "gebleven or gedaald (fallen); onderdrukt (suppressed) when the baseline or the latest figure is "
        "suppressed. The same on every row of one municipality, indicator and target group.",
        "category",
    ),
    "bron": (
        "Source",
        "Where the figure comes from: the CBS table, or the source the municipality named in its "
        "delivery (free text). A text that starts with =, +, - or @ gets a ' in front, so that a "
        "spreadsheet does not run it as a formula.",
        "text",
    ),
    "reden_onderdrukt": (
        "Reason for suppression",
        "Why the figure is suppressed: kleine aantallen (small numbers: the rule itself), "
        "beschermt een ander onderdrukt cijfer (protects another suppressed figure, so that a "
        "total over municipalities does not give a small figure away), or totaal naast een "
        "onderdrukt roma-cijfer (whole-population figure beside a suppressed Roma figure: Roma "
        "are part of the whole). Empty when the figure is published.",
        "text",
    ),
}

FORMATS: dict[str, str] = {
    "csv": "UTF-8, comma as separator, decimal point, true/false: for software.",
    "csv-nl": "UTF-8 with BOM, semicolon as separator, decimal comma, ja/nee (yes/no): opens right in Dutch "
    "Excel with a double click.",
    "xlsx": "Excel workbook: sheets cijfers (figures), codeboek (codebook, in Dutch) and bronnen en "
    "toelichting (sources and notes, in Dutch).",
    "parquet": "Parquet, typed per the codebook, with the (Dutch) descriptions in the schema.",
}

TITLE = "Roma Inclusion Monitor (Monitor Inclusie Roma) — figures per municipality"
SYNTHETIC_TITLE = " — SYNTHETIC DATA"
SYNTHETIC_WARNING = (
    "SYNTHETIC DATA: the figures for the Roma target group and the municipal figures for totaal in this "
    "extract were made by the monitor's generator, not measured. They are not about real families and belong "
    "in no report. Only the CBS figures are real."
)
MEASURED = (
    "Measured figures: municipal deliveries to the monitor and open data of CBS (Statistics Netherlands)."
)
DESCRIPTION = (
    "One row per municipality, period, indicator and target group, with the baseline and the status of the "
    "latest figure against the baseline. Small numbers for the Roma target group are suppressed (column "
    "onderdrukt). CBS figures: Creative Commons Attribution 4.0 International (CC BY 4.0); credit "
    "'Bron: CBS / PDOK' (Source: CBS / PDOK). The manifest id names the build this extract comes from; the "
    "same id and the same filters give byte-for-byte the same files."
)
SOURCES: tuple[tuple[str, str], ...] = (  # (title, description), in the order of notes.sources
    (
        "Municipal deliveries to the Roma Inclusion Monitor",
        "Anonymised, aggregated figures per municipality, period, indicator and target group; the only "
        "source for the Roma target group.",
    ),
    ("CBS — Municipal classification per year (2016–2025)", "Municipality codes, names and provinces."),
    (
        "CBS — Regional key figures of the Netherlands (70072ned)",
        "Average population per municipality: the denominator of residential burglary.",
    ),
    (
        "CBS/Police — Registered crimes (47018NED)",
        "Residential burglaries per municipality (target group totaal), with the CBS provisional flag.",
    ),
)
SYNTHETIC_SOURCE = (" (synthetic sample)", " In this build made by the monitor's generator, not measured.")
