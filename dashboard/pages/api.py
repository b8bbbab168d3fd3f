"""`/api`: how to call the read-only API (`dashboard/api`) with curl and pandas, what it serves, and
what its errors mean. The prose is `dashboard/api/uitleg.md` (English: `uitleg.en.md`, the same code
examples); the lists come from the API's own definitions, so this page cannot name a resource or filter
the API lacks. In English (`?taal=en`) the API's own Dutch names (addresses, filters, the error titles
it sends) are marked lang="nl"."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import dcc, html
from flask import has_request_context, request

from dashboard import components, fmt, taal, urlstate
from dashboard.api import Limits, problems
from dashboard.api.resources import RESOURCES, Resource
from dashboard.taal import tr

PATH = "/api"
PROSE = {
    "nl": Path(__file__).resolve().parents[1] / "api" / "uitleg.md",
    "en": Path(__file__).resolve().parents[1] / "api" / "uitleg.en.md",
}
dash.register_page(__name__, path=PATH, name="API", title="API – Monitor Inclusie Roma", order=6)


def layout(_sync: object = None, **params: object) -> object:
    return taal.render(params, lambda: urlstate.layout_or_keep(PATH, {}, _sync, page, taal.current()))


def base_url() -> str:
    """The address this server is reached at (for copyable examples)."""
    return request.host_url.rstrip("/") if has_request_context() else "http://127.0.0.1:8050"


def _named(text: str) -> str | html.Span:
    """A name of the API (an address, a filter, an error title it sends): Dutch in any language."""
    return text if taal.current() == "nl" else html.Span(text, lang="nl")


def _resource(r: Resource) -> list:
    """A resource's title and description: the API's own Dutch, or their English from the catalogue."""
    if taal.current() == "nl":
        return [html.Strong(r.title), " — ", r.description]
    key = f"a_bron_{r.name}"
    return [html.Strong(tr(key)), " — ", dcc.Markdown(tr(key + "_uitleg"), className="api-wat")]


def page() -> html.Div:
    limits = Limits()
    prose = PROSE[taal.current()].read_text(encoding="utf-8")
    for name, value in {
        "base": base_url(),
        "page_default": limits.page_default,
        "page_max": limits.page_max,
        "file_rows": fmt.number(limits.file_rows),
    }.items():
        prose = prose.replace("{" + name + "}", str(value))
    resources = html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(tr("a_k_adres"), scope="col"),
                        html.Th(tr("a_k_wat"), scope="col"),
                        html.Th(tr("a_k_filters"), scope="col"),
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(html.Code(_named(f"/api/v1/{r.name}"))),
                            html.Td(_resource(r)),
                            html.Td(_named(", ".join(f.name for f in r.filters) or "–")),
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
            for status, (slug, title) in problems.TITLES.items()
            for item in (
                html.Dt(
                    f"{status} — {title}"
                    if taal.current() == "nl"
                    else [f"{status} — ", html.Span(title, lang="nl")],
                    id=f"fouten-{slug}",
                ),
                html.Dd(dcc.Markdown(tr(f"a_fout_{status}"))),
            )
        ]
    )
    return html.Div(
        [
            urlstate.page_key(PATH, {}),
            *components.page_header(tr("a_titel")),
            dcc.Markdown(prose, className="api-uitleg"),
            html.H2(tr("a_serveert")),
            resources,
            html.H2(tr("a_fouten"), id="fouten"),
            dcc.Markdown(tr("a_fouten_uitleg")),
            errors,
        ]
    )
