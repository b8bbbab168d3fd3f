"""The progress reports as downloads: `/rapport/<GMxxxx|nederland>.pdf?taal=nl|en` and the links to them.

The PDF is the one `python -m pipeline rapport` writes (pipeline/rapport/, on the publication tables
of the build the dashboard has open); a report is rendered once per build, municipality and language
and then served from memory.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

from dash import html
from flask import Flask, Response, abort, request

from dashboard import data

NATIONAL = "nederland"
CODE = re.compile(r"^(GM\d{4}|nederland)$")
TALEN = {"nl": "Nederlands", "en": "English"}
_KEEP = 24  # reports in memory per worker (≈80 kB each)
_cache: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()
_lock = threading.Lock()


def href(code: str | None, taal: str) -> str:
    """The address of a report: the country (code None) or one municipality."""
    return f"/rapport/{code or NATIONAL}.pdf?taal={taal}"


def links(code: str | None, naam: str | None = None) -> html.Div:
    """Two download links (Dutch, English) to the report of a municipality or of the country."""
    subject = naam or "Nederland"
    return html.Div(
        [
            html.A(
                f"Voortgangsrapportage {subject} (PDF)",
                href=href(code, "nl"),
                download=f"rapport-{code or NATIONAL}-nl.pdf",
                className="btn btn-outline-primary",
                hrefLang="nl",
            ),
            html.A(
                f"Progress report {subject} (PDF, English)",
                href=href(code, "en"),
                download=f"rapport-{code or NATIONAL}-en.pdf",
                className="btn btn-outline-primary",
                hrefLang="en",
                lang="en",
            ),
        ],
        className="rapport-links",
    )


def register(server: Flask) -> None:
    """Add the route `/rapport/<code>.pdf` to the dashboard's Flask server."""

    @server.route("/rapport/<code>.pdf")
    def rapport(code: str) -> Response:
        taal = request.args.get("taal", "nl")
        if not CODE.match(code) or taal not in TALEN:
            abort(404)
        return Response(
            pdf(code, taal),
            mimetype="application/pdf",
            headers={
                "Content-Disposition": f'inline; filename="rapport-{code}-{taal}.pdf"',
                "Cache-Control": "no-cache",
            },
        )


def pdf(code: str, taal: str) -> bytes:
    """The report's bytes for the build that is open now (404 for a municipality the build lacks)."""
    from pipeline.rapport import UnknownGemeente, render

    monitor = data.monitor()
    key = (monitor.build_key(), code, taal)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    try:
        content = render(monitor.path, None if code == NATIONAL else code, taal)
    except UnknownGemeente:
        abort(404)
    with _lock:
        _cache[key] = content
        while len(_cache) > _KEEP:
            _cache.popitem(last=False)
    return content
