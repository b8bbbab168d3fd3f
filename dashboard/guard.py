"""What the server answers before Dash does: the HTTP status of an address (404 for one that names
nothing, 503 while there is no readable database), the Dutch page shown then, and a check of
callback requests (a malformed one gets 400, never a 500 from deep inside a callback).

Addresses are matched against the registered pages (`dash.page_registry`), so a page another
module registers is known without a change here; whether `/gemeente/GM9999` or
`/thema/verzuim?indicator=x` names something is decided by the page's own layout function (which
answers with the "niet gevonden" page), the same code the browser's router then runs (remembered
per build, so the work is not done twice).
"""

from __future__ import annotations

import html as htmllib
from collections.abc import Mapping

import dash
import duckdb
import orjson
from dash._pages import _parse_path_variables, _parse_query_string

from dashboard.data import DatabaseMissing, monitor

NOT_FOUND_CLASS = "niet-gevonden"
# Properties that our components send as text (or nothing): filters, addresses, the router.
TEXT_PROPS = frozenset({"value", "pathname", "search", "hash", "href"})
NUMBER_PROPS = frozenset({"n_clicks", "n_clicks_timestamp"})


def database_problem() -> str | None:
    """Why the database cannot be read now (None: it can)."""
    try:
        monitor().build()
    except DatabaseMissing as e:
        return str(e)
    except duckdb.Error as e:
        return f"De database {monitor().path} kan niet gelezen worden ({type(e).__name__})."
    return None


def _page_for(path: str) -> tuple[dict, dict] | None:
    """The registered page that `path` names, with its path variables."""
    path = path.rstrip("/") or "/"
    for page in dash.page_registry.values():
        template = page.get("path_template")
        if template:
            found = _parse_path_variables(path, template)
            if found is not None:
                return page, found
        elif page.get("path") == path and not page["module"].endswith("not_found_404"):
            return page, {}
    return None


def _is_not_found(layout: object) -> bool:
    return NOT_FOUND_CLASS in str(getattr(layout, "className", "") or "").split()


def address_status(path: str, query: str) -> int:
    """200 when the address shows a page, 404 when it shows "niet gevonden"."""
    found = _page_for(path)
    if found is None:
        return 404
    page, variables = found
    layout = page["layout"]
    if not callable(layout):
        return 200
    params = {**_parse_query_string("?" + query.lstrip("?")), **variables}
    return 404 if _is_not_found(layout(**params)) else 200


def unavailable_page(reason: str) -> str:
    """The page for every address while the monitor cannot be shown (HTTP 503): plain HTML in
    Dutch, no scripts, so it shows even when the app itself cannot start."""
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Niet beschikbaar – Monitor Inclusie Roma</title>
<style>body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;
background:#f3f3f3;margin:0}}header{{background:#154273;color:#fff;padding:1rem 1.5rem;font-weight:700;
font-size:1.3rem}}main{{background:#fff;max-width:45rem;margin:1.5rem auto;padding:1.5rem}}
h1{{color:#154273;font-size:1.7rem}}</style></head>
<body><header>Monitor Inclusie Roma</header>
<main><h1>De monitor is even niet beschikbaar</h1>
<p>De monitor wordt bijgewerkt of is op dit moment niet beschikbaar. Probeer het over een paar
minuten opnieuw.</p>
<p>Voor de beheerder: {htmllib.escape(reason)}</p></main></body></html>
"""


def _bad_value(prop: str, value: object) -> bool:
    if prop in TEXT_PROPS:
        return value is not None and not isinstance(value, str)
    if prop in NUMBER_PROPS:
        return value is not None and (isinstance(value, bool) or not isinstance(value, int | float))
    return False


def _items(entries: object) -> list[Mapping] | None:
    """The input/state entries of a callback request, wildcard groups flattened (None: malformed)."""
    if not isinstance(entries, list):
        return None
    out: list[Mapping] = []
    for e in entries:
        group = e if isinstance(e, list) else [e]
        for item in group:
            if not isinstance(item, Mapping) or not isinstance(item.get("property"), str):
                return None
            out.append(item)
    return out


def callback_problem(body: bytes) -> str | None:
    """Why a request to `/_dash-update-component` cannot be a request from our pages (None: fine)."""
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        return "Het verzoek is geen geldige JSON."
    if not isinstance(payload, Mapping):
        return "Het verzoek heeft niet de vorm van een Dash-callback."
    if not isinstance(payload.get("output"), str) or not isinstance(payload.get("changedPropIds", []), list):
        return "Het verzoek mist ‘output’ of ‘changedPropIds’."
    for part in ("inputs", "state"):
        items = _items(payload.get(part, []))
        if items is None:
            return f"‘{part}’ in het verzoek heeft niet de vorm van een Dash-callback."
        for item in items:
            if _bad_value(item["property"], item.get("value")):
                return f"De waarde van ‘{item.get('id')}.{item['property']}’ heeft een onverwacht type."
    return None
