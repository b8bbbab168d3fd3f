"""The language switch of the dashboard (issue 17): `?taal=en` in the address.

The frame of every page (menu, skip link, synthetic notice, footer) carries `data-i18n` keys of the
message catalogue (pipeline/i18n); a clientside callback sets `<html lang>` and those texts from the
address. The choice is remembered for the session, so following a link keeps the language, and it
is put back into the address so that a copied link opens in the same language.

The pages (overzicht, thema, gemeente, kaart, datakwaliteit, over, api; not controleren, which serves
Dutch municipal officers) are rendered in the address's language on the server: a page's layout and its
callbacks set the language of the request (`using`), and what they call below them (number format,
status words, captions, figures) reads it with `current()`.
What is still Dutch is said by ui_alleen_kader.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from dash import ALL, Input, Output, State, clientside_callback, dcc, html
from dash.dependencies import Wildcard

from dashboard import ids, urlstate
from dashboard.attrs import attrs
from pipeline import i18n, vocabulary
from pipeline.i18n import TALEN, t
from pipeline.i18n.catalogue import DOMAINS, INDICATORS, MESSAGES, UNITS

if TYPE_CHECKING:
    import pandas as pd

STORE = "taal"
SWITCH = "taal-wissel"
NOTE = "taal-kader"
NAV = "taal-nav"
LINK = "taal-link"
_KEYS = sorted(k for k in MESSAGES if k.startswith("ui_"))
# The language of the page being built (a page's layout or callback sets it; Dutch by default).
_CURRENT: ContextVar[str] = ContextVar("taal", default="nl")


def of_params(params: Mapping) -> str:
    """The language a page's address asks for (`?taal=en`); an unknown one raises NotFound."""
    return urlstate.choice(params, "taal", TALEN, "nl")


def of_search(search: object) -> str:
    """The language of a query string as a callback sees it (`?indicator=…&taal=en`): Dutch unless en."""
    values = parse_qs(search.lstrip("?")).get("taal", []) if isinstance(search, str) else []
    return "en" if values == ["en"] else "nl"


def current() -> str:
    """The language of the page being built."""
    return _CURRENT.get()


@contextmanager
def using(taal: str) -> Iterator[str]:
    """Build a page (or a callback's answer) in `taal`."""
    token = _CURRENT.set(i18n.check_taal(taal))
    try:
        yield taal
    finally:
        _CURRENT.reset(token)


def tr(key: str, **values: object) -> str:
    """The catalogue's message `key` in the language of the page being built."""
    return t(key, current(), **values)


def word(dutch: str) -> str:
    """A word of the vocabulary (status, verdict, doelgroep, domain word) in the current language; a
    published value without an English rendering stays as it is."""
    return dutch if current() == "nl" or dutch not in vocabulary.ENGLISH else i18n.word(dutch, "en")


def href(address: str) -> str:
    """A link inside the dashboard in the page's language: `/over#effecten` → `/over?taal=en#effecten`."""
    if current() == "nl":
        return address
    path, hash_, fragment = address.partition("#")
    joined = f"{path}{'&' if '?' in path else '?'}taal=en"
    return joined + hash_ + fragment


def render(params: Mapping, make: Callable[[], object]) -> object:
    """A page's `make()` in the language its address asks for; "niet gevonden" for an unknown one."""
    from dashboard import components  # components builds on this module

    try:
        taal = of_params(params)
    except urlstate.NotFound as e:
        return components.not_found(str(e))
    with using(taal):
        return make()


def checked(params: Mapping, make: Callable[[], object]) -> object:
    """`make()` of a page that is only in Dutch, when its address names a known language."""
    from dashboard import components

    try:
        of_params(params)
    except urlstate.NotFound as e:
        return components.not_found(str(e))
    return make()


def answer(search: object, make: Callable[[], object]) -> object:
    """A callback's `make()` in the language of the page's address (`search`)."""
    with using(of_search(search)):
        return make()


def memo_key(*args: object) -> tuple:
    """A memo key for a section built in the current language (Dutch keeps its key as it was)."""
    return args if current() == "nl" else (*args, current())


def indicators(catalogue: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """The indicator catalogue (a frame, or one indicator's row) with its names, units and domain names
    in the current language; the definitions have no English and stay as they are."""
    if current() == "nl":
        return catalogue
    out = catalogue.copy()
    if hasattr(out, "columns"):
        out["naam"] = out["indicator"].map(INDICATORS)
        out["eenheid"] = out["eenheid"].map(UNITS)
        out["domein_naam"] = out["domein"].map(lambda d: DOMAINS[d]["en"])
    else:
        out["naam"] = INDICATORS[out["indicator"]]
        out["eenheid"] = UNITS[out["eenheid"]]
        out["domein_naam"] = DOMAINS[out["domein"]]["en"]
    return out


def text(key: str) -> html.Span:
    """A Dutch text of the frame that the switch can put into English."""
    return html.Span(t(key, "nl"), **attrs({"data-i18n": key}))


def switch() -> list:
    """The switch (a link that reloads the page in the other language), the store and the note."""
    return [
        html.A(
            t("ui_wissel", "nl"),
            href="?taal=en",
            id=SWITCH,
            className="taal-wissel",
            hrefLang="en",
            lang="en",
            **attrs({"data-i18n": "ui_wissel"}),
        ),
        dcc.Store(id=STORE, storage_type="session"),
    ]


def note() -> html.P:
    """A line that says, in English only, what is not yet in English."""
    return html.P("", id=NOTE, className="taal-kader", **attrs({"data-i18n": "ui_alleen_kader"}))


def nav_id(key: str | Wildcard) -> dict:
    """The id of a menu link (its address gets the page's language, see `register`)."""
    return {"type": NAV, "index": key}


def link_id(key: str | Wildcard) -> dict:
    """The id of another link of the frame whose address keeps the page's language."""
    return {"type": LINK, "index": key}


def register() -> None:
    """The clientside callback that applies the language of the address."""
    table = json.dumps({taal: {k: MESSAGES[k][taal] for k in _KEYS} for taal in TALEN}, ensure_ascii=False)
    clientside_callback(
        f"""
        function(search, pathname, stored, navs, links) {{
            const MESSAGES = {table};
            const q = new URLSearchParams(search || "");
            let taal = q.get("taal");
            if (taal !== "nl" && taal !== "en") {{
                taal = stored === "en" ? "en" : "nl";
                if (taal === "en") {{
                    // The pages are built in the address's language on the server: load it again
                    // in English (replacing this address, so that Back does not return to it).
                    q.set("taal", "en");
                    window.location.replace(pathname + "?" + q.toString() + window.location.hash);
                }}
            }}
            document.documentElement.lang = taal;
            const words = MESSAGES[taal];
            document.querySelectorAll("[data-i18n]").forEach(el => {{
                const k = el.getAttribute("data-i18n");
                if (words[k] !== undefined) {{ el.textContent = words[k]; }}
            }});
            const other = taal === "en" ? "nl" : "en";
            const sw = document.getElementById("{SWITCH}");
            if (sw) {{
                const s = new URLSearchParams(search || "");
                s.set("taal", other);
                sw.setAttribute("href", pathname + "?" + s.toString());
                sw.setAttribute("lang", other);
                sw.setAttribute("hreflang", other);
            }}
            if (taal === "nl") {{  // the frame's links as they were rendered
                const skip = window.dash_clientside.no_update;
                return [taal, skip, skip, skip];
            }}
            const keep = href => (href || "").split("?")[0] + "?taal=en";
            const navHrefs = navs.map(keep);
            // A menu item is marked by its path (a link with a query is never "partial" to dbc).
            const active = navHrefs.map(h => {{
                const base = h.split("?")[0];
                return base === "/" ? pathname === "/" : pathname.startsWith(base);
            }});
            return [taal, navHrefs, active, links.map(keep)];
        }}
        """,
        Output(STORE, "data"),
        Output(nav_id(ALL), "href"),
        Output(nav_id(ALL), "active"),
        Output(link_id(ALL), "href"),
        Input(ids.LOCATION, "search"),
        Input(ids.LOCATION, "pathname"),
        State(STORE, "data"),
        State(nav_id(ALL), "href"),
        State(link_id(ALL), "href"),
    )
