"""`/controleren`: a municipal data officer checks a delivery in the browser before sending it.

The officer downloads the template (`pipeline/sjabloon.py`), fills it, and drops one or more
files here. The report is the one of `python -m pipeline check` — the same code,
`pipeline.check.check_deliveries`, on the bytes held in memory — and what the next build would do
with the file against the monitor as it stands (`pipeline.monitorcheck`: superseded figures,
roma above a published totaal), from the publication tables only.

Nothing of an upload is kept: the size limits are enforced before anything is decoded
(`dashboard/upload.py`), the bytes live in memory for the length of the check (whose private
working folder, in RAM where the machine has it, is removed at once and swept on the next
start), the report goes back to the browser and is forgotten here. The report as CSV is made from
the browser's copy. No value of a file reaches the server's log: an unforeseen error is logged by
its kind only.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Sequence
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
import duckdb
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import components, ids, taal, upload, urlstate
from dashboard.attrs import attrs
from dashboard.data import DatabaseMissing, monitor
from pipeline import monitorcheck, sjabloon
from pipeline.build import resolve_reference_dir, sweep_dead
from pipeline.check import FileReport, RowProblem, check_deliveries
from pipeline.config import load_settings
from pipeline.extracts.safety import neutralise
from pipeline.monitorcheck import Comparison
from pipeline.vocabulary import nl_number

PATH = "/controleren"
RAW = Path("data/raw")
SHOWN_ROWS = 500  # problem rows shown per file; the CSV holds them all
REPORT_FILE = "controle-verslag.csv"
ALL = "alle"
log = logging.getLogger(__name__)

# The working folders of checks whose server was killed half-way hold uploaded values: gone on start.
sweep_dead()

dash.register_page(
    __name__, path=PATH, name="Controleren", title="Levering controleren – Monitor Inclusie Roma", order=6
)


def layout(_sync: object = None, **params: object) -> object:
    return taal.checked(params, lambda: urlstate.layout_or_keep(PATH, {}, _sync, page))


def page() -> html.Div:
    max_bytes = load_settings().grenzen.max_bytes
    return html.Div(
        [
            urlstate.page_key(PATH, {}),
            *components.page_header(
                "Levering controleren",
                "Controleer een levering vóór u haar verstuurt: u ziet per bestand en per rij wat er niet "
                "klopt, in welke kolom, en hoe u het oplost — en wat de monitor met de levering zou doen. "
                "Niets van uw bestand wordt bewaard.",
            ),
            template_section(),
            upload_section(max_bytes),
            about_section(max_bytes),
        ]
    )


def template_section() -> html.Section:
    register = sjabloon.municipalities(resolve_reference_dir(RAW))
    options = [{"label": "alle gemeenten", "value": ALL}] + [
        {"label": f"{m.naam} ({m.code})", "value": m.code} for m in register
    ]
    return components.section(
        "1. Begin met het sjabloon",
        [
            html.P(
                "Het sjabloon is een Excel-bestand met het blad levering, klaar om in te vullen: de "
                "indicatoren, doelgroepen, perioden en gemeenten als keuzelijst, teller en noemer alleen als "
                "hele getallen. Het blad uitleg geeft de definitie en eenheid van elke indicator, het blad "
                "voorbeeld een paar goed ingevulde rijen. Sla het ingevulde bestand op als "
                "JJJJ-MM-DD_omschrijving.xlsx, met de leverdatum."
            ),
            html.Div(
                [
                    components.select(ids.SJABLOON_GEMEENTE, "Gemeente", options, ALL),
                    dbc.Button("Download het sjabloon (xlsx)", id=ids.SJABLOON_BUTTON, color="primary"),
                    dcc.Download(id=ids.SJABLOON_DOWNLOAD),
                ],
                className="filters",
            ),
        ],
        section_id="sjabloon",
    )


def upload_section(max_bytes: int) -> html.Section:
    return components.section(
        "2. Controleer uw bestand",
        [
            dcc.Upload(
                html.Div(
                    [
                        html.Span("Sleep uw CSV- of Excel-bestanden hierheen, of "),
                        html.Span("kies bestanden", className="btn btn-outline-primary btn-sm upload-knop"),
                        html.Span(
                            f" (elk hooguit {nl_number(max_bytes / 1e6)} MB; meerdere tegelijk mag)",
                            className="upload-uitleg",
                        ),
                    ]
                ),
                id=ids.CONTROLEREN_UPLOAD,
                multiple=True,
                max_size=max_bytes,
                # no `accept`: a file of another kind (an old .xls) is not dropped silently but gets
                # the check's own reason
                className="upload-zone",
                className_active="upload-zone actief",
                className_reject="upload-zone afgewezen",
            ),
            html.Div(
                id=ids.CONTROLEREN_TOO_LARGE,
                role="alert",
                className="upload-te-groot",
                **attrs({"data-max-bytes": str(max_bytes)}),
            ),
            dcc.Loading(
                html.Div(id=ids.CONTROLEREN_REPORT, className="verslag", **attrs({"aria-live": "polite"})),
                type="default",
            ),
            dbc.Button(
                "Download het verslag (CSV)",
                id=ids.CONTROLEREN_DOWNLOAD_BUTTON,
                color="secondary",
                className="mt-2",
                style={"display": "none"},
            ),
            dcc.Download(id=ids.CONTROLEREN_DOWNLOAD),
            dcc.Store(id=ids.CONTROLEREN_STORE, storage_type="memory"),
        ],
        section_id="controleren",
    )


def about_section(max_bytes: int) -> html.Section:
    return components.section(
        "Wat de controle doet",
        [
            html.Ul(
                [
                    html.Li(
                        "Dezelfde controle als `python -m pipeline check` en als de monitor bij elke build: "
                        "leesbaarheid, kolommen, gegevens over personen, elke rij tegen de regels van het "
                        "leverformaat, roma tegenover totaal."
                    ),
                    html.Li(
                        "Daarna tegen de monitor zoals die nu gepubliceerd is: welke cijfers de levering zou "
                        "vervangen, en of roma binnen het gepubliceerde totaal blijft waar uw bestand "
                        "zelf geen totaal heeft."
                    ),
                    html.Li(
                        "Een bestand met gegevens over personen (een BSN, naam, geboortedatum, adres, "
                        "e-mailadres of telefoonnummer) wordt helemaal geweigerd; de melding noemt alleen "
                        "kolommen en rijen, nooit een waarde."
                    ),
                    html.Li(
                        f"Niets wordt bewaard: uw bestand wordt in het geheugen gecontroleerd en daarna "
                        f"vergeten; het verslag bestaat alleen in uw browser. Een bestand groter dan "
                        f"{nl_number(max_bytes)} bytes wordt niet verstuurd."
                    ),
                ]
            )
        ],
    )


# ----------------------------------------------------------------------------- the check


def check_upload(
    contents: Sequence[object] | str | None, filenames: Sequence[str] | str | None
) -> tuple[list[FileReport], list[Comparison | None]]:
    """The reports of an upload (in the order of its files) and, per report, the comparison with
    the monitor (None where there is no database)."""
    max_bytes = load_settings().grenzen.max_bytes
    up = upload.decode(contents, filenames, max_bytes)
    files = up.files
    checked = iter(check_deliveries(files) if files else [])
    files.clear()
    reports = [
        next(checked) if data is not None else FileReport(upload.shown(name), "geweigerd", reason, 0)
        for name, data, reason in up.items
    ]
    up.items.clear()
    try:
        state = monitor().check_state()
        comparisons: list[Comparison | None] = [monitorcheck.compare(r, state) for r in reports]
    except (DatabaseMissing, duckdb.Error) as e:  # the files are checked all the same
        log.warning("controleren: geen vergelijking met de monitor (%s)", type(e).__name__)
        comparisons = [None] * len(reports)
    return reports, comparisons


def summary(reports: list[FileReport], comparisons: list[Comparison | None]) -> str:
    """'2 bestanden gecontroleerd: 3 rijen gaan in quarantaine, 1 bestand wordt geweigerd.'"""
    refused = sum(r.geweigerd for r in reports)
    rows = sum(len(_bad_rows(r, c)) for r, c in zip(reports, comparisons, strict=True) if not r.geweigerd)
    clean = sum(not r.geweigerd and not _bad_rows(r, c) for r, c in zip(reports, comparisons, strict=True))
    parts = []
    if rows:
        parts.append(f"{nl_number(rows)} {'rij gaat' if rows == 1 else 'rijen gaan'} in quarantaine")
    if refused:
        parts.append(
            f"{nl_number(refused)} {'bestand wordt' if refused == 1 else 'bestanden worden'} geweigerd"
        )
    if clean:
        parts.append(f"{nl_number(clean)} {'bestand is' if clean == 1 else 'bestanden zijn'} in orde")
    n = len(reports)
    return f"{nl_number(n)} {'bestand' if n == 1 else 'bestanden'} gecontroleerd: " + ", ".join(parts) + "."


def _problems(report: FileReport, comparison: Comparison | None) -> list[RowProblem]:
    extra = comparison.problemen if comparison is not None else []
    return sorted([*report.problemen, *extra], key=lambda p: p.rij)


def _bad_rows(report: FileReport, comparison: Comparison | None) -> set[int]:
    return {p.rij for p in _problems(report, comparison)}


def file_view(report: FileReport, comparison: Comparison | None) -> html.Section:
    """One file's part of the report: its verdict, what the monitor would do, its problem rows."""
    r = report
    problems = _problems(r, comparison)
    bad = {p.rij for p in problems}
    if r.geweigerd:
        verdict, cls = "geweigerd", "geweigerd"
        body: list = [
            html.P([html.Strong("Reden: "), r.reden]),
            html.P("Niets uit dit bestand wordt geladen. Los dit op en controleer opnieuw."),
        ]
    elif bad:
        verdict, cls = f"{nl_number(len(bad))} van {nl_number(r.rijen)} rijen in quarantaine", "quarantaine"
        body = [
            html.P(
                f"{nl_number(len(bad))} van de {nl_number(r.rijen)} rijen hebben een probleem; die "
                "rijen worden apart gezet (quarantaine), de rest wordt geladen."
            )
        ]
    else:
        verdict, cls = "in orde", "in-orde"
        body = [
            html.P("De rij is in orde." if r.rijen == 1 else f"Alle {nl_number(r.rijen)} rijen zijn in orde.")
        ]
    if comparison is not None and comparison.sentences():
        body.append(
            html.Div(
                [
                    html.H4("In de monitor", className="h6"),
                    html.Ul([html.Li(s) for s in comparison.sentences()]),
                ]
            )
        )
    if r.genegeerd:
        body.append(html.P(f"Kolom {', '.join(r.genegeerd)} wordt niet gebruikt.", className="text-muted"))
    if problems:
        shown = problems[:SHOWN_ROWS]
        caption = "Rijen in quarantaine (rijnummers zoals Excel ze toont)"
        if len(problems) > SHOWN_ROWS:
            caption += (
                f"; de eerste {nl_number(SHOWN_ROWS)} van {nl_number(len(problems))} meldingen, alle staan "
                "in het verslag (CSV)"
            )
        table = components.table(
            ["Rij", "Kolom", "Wat is er mis, en hoe lost u het op"],
            [[nl_number(p.rij), p.kolom.replace("+", "+\u200b"), _what_and_fix(p)] for p in shown],
            numeric=(0,),
            caption=caption,
        )
        # A table wider than a phone scrolls: components.table's scroll region takes keyboard focus.
        body.append(table)
    return html.Section(
        [
            html.H3(
                [
                    html.Span(r.naam, className="bestandsnaam"),
                    " ",
                    html.Span(verdict, className=f"oordeel oordeel-{cls}"),
                ],
                className="h5",
            ),
            *body,
        ],
        className=f"verslag-bestand verslag-{cls}",
    )


def _what_and_fix(p: RowProblem) -> list:
    """The reason, and the fix on its own line (one column: the table fits a phone)."""
    if not p.oplossing:
        return [p.reden]
    return [p.reden, html.Br(), html.Span(f"→ {p.oplossing}", className="oplossing")]


def report_csv(reports: list[FileReport], comparisons: list[Comparison | None]) -> str:
    """The report as CSV for Dutch Excel (UTF-8 with BOM, `;`); no text cell starts a formula."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["bestand", "oordeel", "rij", "kolom", "regel", "melding", "oplossing"])
    for r, c in zip(reports, comparisons, strict=True):
        problems = _problems(r, c)
        verdict = "geweigerd" if r.geweigerd else "rijen in quarantaine" if problems else "in orde"
        if r.geweigerd:
            w.writerow(
                _safe(
                    [
                        r.naam,
                        verdict,
                        "",
                        r.kolom or "",
                        "",
                        r.reden,
                        "niets uit dit bestand wordt geladen; los dit op en controleer opnieuw",
                    ]
                )
            )
        elif not problems:
            w.writerow(_safe([r.naam, verdict, "", "", "", f"alle {r.rijen} rijen in orde", ""]))
        for p in problems:
            w.writerow(_safe([r.naam, verdict, p.rij, p.kolom, p.regel, p.reden, p.oplossing or ""]))
        for s in c.sentences() if c is not None else []:
            w.writerow(_safe([r.naam, verdict, "", "", "monitor", s, ""]))
    return "\ufeff" + out.getvalue()


def _safe(cells: list) -> list:
    return [neutralise(c) if isinstance(c, str) else c for c in cells]


@callback(
    Output(ids.CONTROLEREN_REPORT, "children"),
    Output(ids.CONTROLEREN_STORE, "data"),
    Output(ids.CONTROLEREN_DOWNLOAD_BUTTON, "style"),
    Output(ids.CONTROLEREN_UPLOAD, "contents"),
    Input(ids.CONTROLEREN_UPLOAD, "contents"),
    State(ids.CONTROLEREN_UPLOAD, "filename"),
    prevent_initial_call=True,
)
def checked(contents: Sequence[object] | str | None, filenames: Sequence[str] | str | None) -> tuple:
    """Check an upload and show the report; the upload itself is cleared from the page."""
    if not contents:
        return dash.no_update, dash.no_update, dash.no_update, None
    try:
        reports, comparisons = check_upload(contents, filenames)
    except Exception as e:  # never a traceback (its text could quote a value) in the log or on screen
        log.error("controleren: de controle faalde (%s)", type(e).__name__)
        message = html.Div(
            "De controle is onverwacht misgegaan. Probeer het opnieuw; lukt het niet, controleer het bestand "
            "dan met python -m pipeline check.",
            className="alert alert-danger",
            role="alert",
        )
        return message, None, {"display": "none"}, None
    head = html.P(
        summary(reports, comparisons), className="verslag-samenvatting lead", id="verslag-samenvatting"
    )
    views: list[html.Section | html.P] = [file_view(r, c) for r, c in zip(reports, comparisons, strict=True)]
    if reports and all(c is None for c in comparisons):
        views.insert(
            0,
            html.P(
                "De monitor zelf is nu niet te lezen: alleen de bestanden zijn gecontroleerd, niet "
                "wat de volgende build ermee zou doen.",
                className="text-muted",
            ),
        )
    return [head, *views], report_csv(reports, comparisons), {}, None


clientside_callback(
    f"""
    function(n, text) {{
        if (!n || !text) {{ return window.dash_clientside.no_update; }}
        return {{content: text, filename: "{REPORT_FILE}", type: "text/csv;charset=utf-8", base64: false}};
    }}
    """,
    Output(ids.CONTROLEREN_DOWNLOAD, "data"),
    Input(ids.CONTROLEREN_DOWNLOAD_BUTTON, "n_clicks"),
    State(ids.CONTROLEREN_STORE, "data"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.SJABLOON_DOWNLOAD, "data"),
    Input(ids.SJABLOON_BUTTON, "n_clicks"),
    State(ids.SJABLOON_GEMEENTE, "value"),
    prevent_initial_call=True,
)
def template_download(n_clicks: object, gemeente: object) -> object:
    """The delivery template, for one municipality or for all."""
    reference = resolve_reference_dir(RAW)
    code = gemeente if isinstance(gemeente, str) and gemeente != ALL else None
    try:
        own = sjabloon.known_code(code, reference).code if code else None
    except sjabloon.UnknownMunicipality:
        own = None
    return dcc.send_bytes(sjabloon.template(reference, own), sjabloon.default_name(own))
