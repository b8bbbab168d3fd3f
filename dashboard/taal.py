"""The language switch of the dashboard (issue 17): `?taal=en` in the address.

The frame of every page (menu, skip link, synthetic notice, footer) carries `data-i18n` keys of the
message catalogue (pipeline/i18n); a clientside callback sets `<html lang>` and those texts from the
address. The choice is remembered for the session, so following a link keeps the language, and it
is put back into the address so that a copied link opens in the same language. The pages' own text
is still Dutch (see ui_alleen_kader); the reports are offered in both languages.
"""

from __future__ import annotations

import json

from dash import Input, Output, State, clientside_callback, dcc, html

from dashboard import ids
from pipeline.i18n import TALEN, t
from pipeline.i18n.catalogue import MESSAGES

STORE = "taal"
SWITCH = "taal-wissel"
NOTE = "taal-kader"
_KEYS = sorted(k for k in MESSAGES if k.startswith("ui_"))


def text(key: str) -> html.Span:
    """A Dutch text of the frame that the switch can put into English."""
    return html.Span(t(key, "nl"), **{"data-i18n": key})


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
            **{"data-i18n": "ui_wissel"},
        ),
        dcc.Store(id=STORE, storage_type="session"),
    ]


def note() -> html.P:
    """A line that says, in English only, what is not yet in English."""
    return html.P("", id=NOTE, className="taal-kader", **{"data-i18n": "ui_alleen_kader"})


def register() -> None:
    """The clientside callback that applies the language of the address."""
    table = json.dumps({taal: {k: MESSAGES[k][taal] for k in _KEYS} for taal in TALEN}, ensure_ascii=False)
    clientside_callback(
        f"""
        function(search, pathname, stored) {{
            const MESSAGES = {table};
            const q = new URLSearchParams(search || "");
            let taal = q.get("taal");
            if (taal !== "nl" && taal !== "en") {{
                taal = stored === "en" ? "en" : "nl";
                if (taal === "en") {{
                    q.set("taal", "en");
                    window.history.replaceState(window.history.state, "", pathname + "?" + q.toString());
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
            return taal;
        }}
        """,
        Output(STORE, "data"),
        Input(ids.LOCATION, "search"),
        Input(ids.LOCATION, "pathname"),
        State(STORE, "data"),
    )
