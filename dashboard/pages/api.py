"""`/api`: how to call the read-only API (`dashboard/api`) with curl and pandas, what it serves, and
what its errors mean. The prose is `dashboard/api/uitleg.md`; the lists come from the API's own
definitions, so this page cannot name a resource or filter the API lacks."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import dcc, html
from flask import has_request_context, request

from dashboard import components, taal, urlstate
from dashboard.api import Limits, problems
from dashboard.api.resources import RESOURCES

PATH = "/api"
PROSE = Path(__file__).resolve().parents[1] / "api" / "uitleg.md"
dash.register_page(__name__, path=PATH, name="API", title="API – Monitor Inclusie Roma", order=6)

ERRORS = {
    400: "Een parameter klopt niet: een onbekende code, een jaar dat geen jaar is of buiten de reeks "
    "valt, van na tot, een onbekende parameter. `veld` noemt de parameter, `fouten` elke fout.",
    404: "Dit adres bestaat niet onder /api/v1.",
    405: "De API leest alleen: POST, PUT, PATCH en DELETE zijn niet toegestaan.",
    413: "De vraag levert meer rijen op dan één antwoord mag bevatten, of duurt te lang: filter verder.",
    429: "De server is druk: probeer het na `Retry-After` seconden opnieuw.",
    500: "Een fout aan onze kant (hoort niet te gebeuren; meld het ons).",
    503: "Er is nog geen database gebouwd.",
}


def layout(_sync: object = None, **params: object) -> object:
    return taal.checked(params, lambda: urlstate.layout_or_keep(PATH, {}, _sync, page))


def base_url() -> str:
    """The address this server is reached at (for copyable examples)."""
    return request.host_url.rstrip("/") if has_request_context() else "http://127.0.0.1:8050"


def page() -> html.Div:
    limits = Limits()
    prose = PROSE.read_text(encoding="utf-8")
    for name, value in {
        "base": base_url(),
        "page_default": limits.page_default,
        "page_max": limits.page_max,
        "file_rows": f"{limits.file_rows:,}".replace(",", "."),
    }.items():
        prose = prose.replace("{" + name + "}", str(value))
    resources = html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th("adres", scope="col"),
                        html.Th("wat", scope="col"),
                        html.Th("filters", scope="col"),
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(html.Code(f"/api/v1/{r.name}")),
                            html.Td([html.Strong(r.title), " — ", r.description]),
                            html.Td(", ".join(f.name for f in r.filters) or "–"),
                        ]
                    )
                    for r in RESOURCES
                ]
            ),
        ],
        className="table table-sm api-bronnen",
    )
    errors = html.Dl(
        [
            item
            for status, text in ERRORS.items()
            for item in (
                html.Dt(
                    f"{status} — {problems.TITLES[status][1]}", id=f"fouten-{problems.TITLES[status][0]}"
                ),
                html.Dd(dcc.Markdown(text)),
            )
        ]
    )
    return html.Div(
        [
            urlstate.page_key(PATH, {}),
            *components.page_header("API: de cijfers voor software"),
            dcc.Markdown(prose, className="api-uitleg"),
            html.H2("Wat de API serveert"),
            resources,
            html.H2("Fouten", id="fouten"),
            dcc.Markdown(
                "Een fout komt als `application/problem+json` (RFC 9457), in het Nederlands: `title`, "
                "`detail` (wat er mis is en wat u kunt doen), `veld` (de parameter die niet klopte) en "
                "`status`. Nooit een stacktrace."
            ),
            errors,
        ]
    )
