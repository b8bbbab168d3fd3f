"""The page a browser opens, already in the first layout it loads (issue 14: first chart sooner).

Dash's pages router fills the page in a callback: the browser loads the scripts, asks for the
layout (the app shell, with an empty page), and only then asks the router for the page, a second
round trip before the first chart can be drawn. `container()` is `dash.page_container` with the
page for the address already in it: the browser asks for the layout (`GET /_dash-layout`) from
the page it opened, and says which in its `Referer` (the index page asks for that with
`<meta name="referrer" content="same-origin">`: the full address to this site, nothing to others).

The router's location starts with the address's path and query, so it has nothing to report when
it mounts and the router is not asked again; a click in the menu, Back and Forward go through the
router as before. The page is built by the same layout function, with the same arguments, as the
router would call (remembered per build), and its title goes into the router's store, which sets
the document's title. Without a usable Referer (another site's, or none) or when building the page
fails, the container is Dash's own, empty, and the router fills it as before.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import dash
from dash import dcc, html
from dash._pages import _parse_query_string, _path_to_page
from flask import has_request_context, request

log = logging.getLogger(__name__)

LOCATION = "_pages_location"
CONTENT = "_pages_content"
STORE = "_pages_store"
DUMMY = "_pages_dummy"
LAYOUT_PATH = "/_dash-layout"


def opened_address() -> tuple[str, str] | None:
    """(path, query string with its "?") of the page that asks for the layout, from its Referer;
    None outside a layout request or when the Referer is missing or names another site."""
    if not has_request_context() or request.path != LAYOUT_PATH:
        return None
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != request.host or not parts.path.startswith("/"):
        return None
    return parts.path, f"?{parts.query}" if parts.query else ""


def page_for(path: str, search: str) -> tuple[Any, str]:
    """The layout and title the router would give for this address (its `update` callback)."""
    app = dash.get_app()
    page, variables = _path_to_page(app.strip_relative_path(path))
    if page == {}:
        page = next(p for m, p in dash.page_registry.items() if m.split(".")[-1] == "not_found_404")
        variables = None
    layout, title = page.get("layout", ""), page["title"]
    if callable(layout):
        layout = layout(**{**(variables or {}), **_parse_query_string(search), "_sync": None})
    if callable(title):
        title = title(**(variables or {}))
    return layout, str(title)


def container() -> html.Div:
    """`dash.page_container`, with the opened page in it when the request says which it is."""
    address = opened_address()
    if address is not None:
        path, search = address
        try:
            layout, title = page_for(path, search)
        except Exception:  # the router will build it (and show the failure) as before
            log.exception("startpagina %s%s niet gebouwd", path, search)
        else:
            return html.Div(
                [
                    dcc.Location(id=LOCATION, refresh="callback-nav", pathname=path, search=search),
                    html.Div(layout, id=CONTENT, disable_n_clicks=True),
                    dcc.Store(id=STORE, data={"title": title}),
                    html.Div(id=DUMMY, disable_n_clicks=True),
                ]
            )
    return dash.page_container
