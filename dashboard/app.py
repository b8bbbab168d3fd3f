"""The Dash app: `create_app(db_path)` for `python -m dashboard` and tests, `server` for gunicorn.

`gunicorn dashboard.app:server` builds the app on first use from the database named by the
environment variable MONITOR_DB (default data/processed/monitor.duckdb).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import brotli
import dash
from dash import dcc
from flask import Flask, Response, request
from flask_compress import Compress

from dashboard import api, components, data, guard, rapport, startpagina, taal, upload, urlstate
from dashboard import warm as warming
from pipeline.config import load_settings

HERE = Path(__file__).resolve().parent
# plotly.js 4.1.1 as its "cartesian" partial bundle (1,5 MB, not the full 4,8 MB): see vendor/README.md.
PLOTLY_BUNDLE = "vendor/plotly-cartesian-4.1.1.min.js"
GRAPH_CHUNK = "dcc/async-graph.js"
POLYFILL = "polyfill@"  # Dash's deps/polyfill@7.12.1.min.js (core-js 2 and regenerator-runtime)
REGENERATOR = "vendor/regenerator-runtime-0.13.min.js"
YEAR = 31536000
PRELOADS = "\n".join(
    f'<link rel="preload" href="{path}" as="fetch" crossorigin="anonymous">'
    for path in ("/_dash-layout", "/_dash-dependencies")
)
STATIC_TYPES = frozenset({"text/javascript", "application/javascript", "text/css"})


class MonitorDash(dash.Dash):
    """Dash, serving only what the pages use, and answering with the right HTTP status."""

    def _generate_scripts_html(self) -> str:
        # dash_table's scripts are always listed by Dash; no page has a DataTable.
        return "\n".join(
            line
            for line in super()._generate_scripts_html().split("\n")
            if "/_dash-component-suites/dash/dash_table/" not in line
        )

    def index(self, *args: object, **kwargs: object) -> object:
        """The page for every address: 404 when it names nothing (the browser still shows the
        friendly "niet gevonden" page), 503 with a plain Dutch page while there is no database."""
        problem = guard.database_problem()
        if problem:
            return Response(guard.unavailable_page(problem), 503, {"Retry-After": "60"}, mimetype="text/html")
        status = guard.address_status(request.path, request.query_string.decode("utf-8", "replace"))
        return super().index(*args, **kwargs), status


def _use_partial_plotly() -> None:
    """Serve the partial plotly.js bundle with the page (fingerprinted) instead of the full one,
    and dcc's Graph (`async-graph.js`, 4 kB) with the other scripts: lazily loaded, it was fetched
    only once the first chart was in the page, a round trip before the chart could be drawn.
    (Every `dash.Dash()` adds the full bundle to dcc's list of scripts again: all are replaced.)"""
    ours: dict[str, object] = {"relative_package_path": PLOTLY_BUNDLE, "namespace": "dashboard"}
    kept = [r for r in dcc._js_dist if r.get("namespace") not in ("plotly", "dashboard")]
    dcc._js_dist[:] = [
        {k: v for k, v in r.items() if k != "async"} if r.get("relative_package_path") == GRAPH_CHUNK else r
        for r in kept
    ] + [ours]


def _without_polyfill() -> None:
    """Leave out the @babel/polyfill that Dash puts before React (core-js 2, written for Internet
    Explorer: 0,1–0,3 s of the browser's time before anything is drawn, and its slower `trim`
    replaces the browser's own). Every browser the dashboard supports has what core-js adds; what
    Dash's bundles still need of it, the global `regeneratorRuntime`, is served on its own."""
    from dash import _dash_renderer

    deps = _dash_renderer._js_dist_dependencies
    if any(d.get("namespace") == "dashboard" for d in deps):
        return  # done already (a second app in the same process)
    for dep in deps:
        for key in ("relative_package_path", "external_url"):
            value = dep.get(key)
            if isinstance(value, dict):
                dep[key] = {mode: [p for p in paths if POLYFILL not in p] for mode, paths in value.items()}
    deps.insert(0, {"relative_package_path": REGENERATOR, "namespace": "dashboard"})


def _serve_lightly(app: dash.Dash) -> None:
    """Compression (brotli/gzip/zstd) and a year of caching for addresses that change with their
    content (Dash's fingerprinted scripts, assets with their `?m=` stamp)."""
    server = app.server
    server.config.update(COMPRESS_ALGORITHM=["br", "gzip"], COMPRESS_MIN_SIZE=500)
    Compress(server)  # its after_request runs last: it leaves responses compressed below alone
    packed: dict[str, bytes] = {}  # hashed address → its brotli bytes (they never change)

    @server.after_request
    def cache_headers(response: Response) -> Response:
        path = request.path
        if path == startpagina.LAYOUT_PATH:
            # The layout holds the page that asked for it (see dashboard.startpagina): never reuse it.
            response.cache_control.no_store = True
            response.vary.add("Referer")
        hashed = path.startswith("/_dash-component-suites/") and response.cache_control.max_age
        if response.status_code == 200 and (hashed or (path.startswith("/assets/") and "m" in request.args)):
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
            if "br" in request.headers.get("Accept-Encoding", "") and response.mimetype in STATIC_TYPES:
                # Compressed harder than flask-compress does per response (10 % smaller), once.
                if path not in packed:
                    response.direct_passthrough = False
                    packed[path] = brotli.compress(response.get_data(), quality=9)
                response.direct_passthrough = False
                response.set_data(packed[path])
                response.headers["Content-Encoding"] = "br"
                response.vary.add("Accept-Encoding")
        return response

    @server.before_request
    def guard_requests() -> object:
        path = request.path
        if path in ("/_dash-layout", "/_dash-update-component", "/_dash-dependencies"):
            problem = guard.database_problem()
            if problem:
                return {"fout": problem}, 503, {"Retry-After": "60"}
        if path == "/_dash-update-component" and request.method == "POST":
            problem = guard.callback_problem(request.get_data(cache=True))
            if problem:
                return {"fout": problem}, 400
        return None


def create_app(db_path: Path | str | None = None, warm: bool = True) -> dash.Dash:
    """A dashboard on the database at `db_path` (read-only; a new build is picked up by itself).
    With `warm`, every build is warmed in a background thread (see `dashboard.warm`)."""
    monitor = data.use(Path(db_path) if db_path else Path(os.environ.get("MONITOR_DB", data.DEFAULT_DB)))
    app = MonitorDash(
        "dashboard",  # the package name, so that pages import as dashboard.pages.<page>
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True,  # page components appear only when their page is shown
        title="Monitor Inclusie Roma",
        # Dash documents None ("don't change the document.title"), but annotates the argument as str.
        update_title=None,  # type: ignore[arg-type]
        # Only the scripts a page uses; the rest (MathJax, the date picker, …) load when needed.
        # plotly.js is not among the lazy ones: it comes with the page (`_use_partial_plotly`).
        eager_loading=False,
        routing_callback_inputs=urlstate.SYNC_INPUT,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": "Monitor Inclusie Roma: proeftuinen tegen hun nulmeting"},
            # The layout request names the page it is for (dashboard.startpagina); other sites
            # learn nothing of the address.
            {"name": "referrer", "content": "same-origin"},
        ],
    )
    # Dash wraps its scripts in a <footer>: a second "contentinfo" landmark next to ours.
    app.index_string = (
        app.index_string.replace("<html>", '<html lang="nl">')
        .replace("<footer>", '<div class="dash-scripts">')
        .replace("</footer>", "</div>")
        # The layout (with the opened page, see dashboard.startpagina) and the callbacks: asked for
        # while the browser still runs the scripts, instead of once it has run them all.
        .replace("{%css%}", "{%css%}\n" + PRELOADS)
    )
    # /controleren: a request body larger than one upload may be is refused unread (HTTP 413)
    app.server.config["MAX_CONTENT_LENGTH"] = upload.request_limit(load_settings().grenzen.max_bytes)
    app.layout = components.shell
    api.register(app.server, lambda: monitor.path)  # /api/v1: read-only, on the publication tables
    _use_partial_plotly()
    _without_polyfill()
    _serve_lightly(app)
    urlstate.register_shell()
    taal.register()
    # Dash registers its callbacks on the first request, and a second request that arrives
    # meanwhile on another thread finds none ("Callback function not found"): do it now.
    with app.server.test_request_context("/"):
        app.server.preprocess_request()
    if warm:
        monitor.keep_warm(warming.everything)
    rapport.register(app.server)

    @app.server.route("/_status")
    def status() -> tuple[dict, int]:
        """Readiness, for a load balancer or the benchmark: the build on screen, and whether its
        cache is warm (503, with the reason, while there is no readable database)."""
        problem = guard.database_problem()
        if problem:
            return {"build": None, "warm": False, "fout": problem}, 503
        return {"build": monitor.build().id, "warm": not monitor.warming}, 200

    return app


@cache
def _default_app() -> dash.Dash:
    return create_app()


def __getattr__(name: str) -> Flask:
    # `server` is made on first use, so that importing this module (tests, `python -m dashboard`)
    # does not build an app on the default database.
    if name == "server":
        return _default_app().server
    raise AttributeError(name)
