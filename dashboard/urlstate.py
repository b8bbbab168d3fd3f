"""A page's filters live in its address (`/thema/verzuim?indicator=absoluut_verzuim&doelgroep=roma`).

Addresses are untrusted input: every value is checked against a whitelist (`choice`) and an
unknown one raises `NotFound`, which the page turns into a friendly "niet gevonden".

How the address and the filters stay in step:
- a filter change writes the canonical query string into the router's location (one history
  entry, so the back button works) and records it in the app shell's `SYNC` store;
- Dash's router re-renders the page whenever the address changes; the page's layout compares
  the address with `SYNC` and returns `no_update` when the change came from its own filters, so
  the page is not rebuilt (and keeps focus) while a filter callback updates the charts;
- every rendered page carries a `PAGE_KEY` with its canonical address; the shell copies it into
  `SYNC`, so that the back and forward buttons, which change the address from outside, always
  re-render the page.

The address bar is left as the reader typed or followed it (`/kaart` stays `/kaart`, which opens
the same view as its canonical `/kaart?indicator=…`). Rewriting it from outside (`replaceState`)
put it out of step with the router's `dcc.Location`, which then pushed the old address again: one
extra history entry, and Back had to be pressed twice after entering the site.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlencode

from dash import Input, Output, State, clientside_callback, dcc, no_update

from dashboard import ids
from dashboard.data import monitor


class NotFound(Exception):
    """The address names something the monitor does not know."""


def choice(params: Mapping, name: str, allowed: Sequence[str], default: str) -> str:
    """The value of query parameter `name` if it is one of `allowed`; absent means `default`."""
    value = params.get(name)
    if value is None or value == "":
        return default
    if not isinstance(value, str) or value not in allowed:
        raise NotFound(f"De waarde voor ‘{name}’ in het adres kennen we niet.")
    return value


def search(state: dict[str, str]) -> str:
    """The canonical query string of a view (parameters in the page's order)."""
    q = urlencode([(k, v) for k, v in state.items() if v not in (None, "")])
    return f"?{q}" if q else ""


def key(path: str, state: dict[str, str]) -> str:
    return path + search(state)


def page_key(path: str | None, state: dict[str, str] | None = None) -> dcc.Store:
    """The marker every page layout carries: its canonical address (None on a not-found page)."""
    data = None if path is None else {"path": path, "search": search(state or {})}
    return dcc.Store(id=ids.PAGE_KEY, data=data)


def unchanged(path: str, state: dict[str, str], sync: object) -> bool:
    """Did this address change come from the page's own filters (so the page need not re-render)?"""
    return isinstance(sync, str) and sync == key(path, state)


def layout_or_keep(
    path: str, state: dict[str, str], sync: object, build: Callable[[], object], taal: str = "nl"
) -> object:
    """`no_update` when the page is already showing this view, else the layout from `build()`
    (remembered per build and language: an address always shows the same page until the next build).
    The language (`?taal=`) is not part of `state`: the filters keep it in the address themselves."""
    if unchanged(path, state, sync):
        return no_update
    return monitor().memo("pagina", (key(path, state),) if taal == "nl" else (key(path, state), taal), build)


def register_filters(component_ids: dict[str, str]) -> None:
    """Write these filters (query parameter → component id, each with a `value`) into the address."""
    names = json.dumps(list(component_ids))
    clientside_callback(
        f"""
        function(...args) {{
            const page = args.pop();
            const values = args;
            const names = {names};
            const q = new URLSearchParams();
            names.forEach((n, i) => {{
                const v = values[i];
                if (v !== null && v !== undefined && v !== "") q.set(n, v);
            }});
            const s = q.toString();
            const own = s ? "?" + s : "";
            const taal = new URLSearchParams(window.location.search).get("taal");  // ?taal= stays
            if (taal) {{ q.set("taal", taal); }}
            const search = q.toString() ? "?" + q.toString() : "";
            const skip = [window.dash_clientside.no_update, window.dash_clientside.no_update];
            if (search === window.location.search) {{ return skip; }}
            // The filters announcing the values the page was rendered with (they do when the page
            // mounts): the address already shows that view, even when it is shorter ("/kaart").
            // Only until the reader has moved away from it once on this rendering of the page.
            const moved = window.__mirMoved = window.__mirMoved || new WeakSet();
            if (page && page.path === window.location.pathname && own === page.search
                && !moved.has(page)) {{ return skip; }}
            if (page) {{ moved.add(page); }}
            return [search, window.location.pathname + own];
        }}
        """,
        Output(ids.LOCATION, "search", allow_duplicate=True),
        Output(ids.SYNC, "data", allow_duplicate=True),
        [Input(cid, "value") for cid in component_ids.values()],
        State(ids.PAGE_KEY, "data"),
        prevent_initial_call=True,
    )


def register_shell() -> None:
    """Copy each rendered page's canonical address into SYNC (the address bar is left alone)."""
    clientside_callback(
        """
        function(page) {
            if (!page || !page.path) { return null; }
            return page.path + page.search;
        }
        """,
        Output(ids.SYNC, "data"),
        Input(ids.PAGE_KEY, "data"),
    )


SYNC_INPUT: dict[str, Input | State] = {"_sync": State(ids.SYNC, "data")}
