"""The Dash app: `create_app(db_path)` for `python -m dashboard` and tests, `server` for gunicorn.

`gunicorn dashboard.app:server` builds the app on first use from the database named by the
environment variable MONITOR_DB (default data/processed/monitor.duckdb).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import dash
from flask import Flask

from dashboard import components, data, rapport, taal, urlstate
from dashboard import warm as warming

HERE = Path(__file__).resolve().parent


def create_app(db_path: Path | str | None = None, warm: bool = True) -> dash.Dash:
    """A dashboard on the database at `db_path` (read-only; a new build is picked up by itself).
    With `warm`, every build is warmed in a background thread (see `dashboard.warm`)."""
    monitor = data.use(Path(db_path) if db_path else Path(os.environ.get("MONITOR_DB", data.DEFAULT_DB)))
    app = dash.Dash(
        "dashboard",  # the package name, so that pages import as dashboard.pages.<page>
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True,  # page components appear only when their page is shown
        title="Monitor Inclusie Roma",
        update_title=None,
        # plotly.js loads with the page instead of after the first graph mounts: its 4,8 MB are
        # parsed while the page's layout is still on its way, not after (~0,15 s to first chart).
        eager_loading=True,
        routing_callback_inputs=urlstate.SYNC_INPUT,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": "Monitor Inclusie Roma: proeftuinen tegen hun nulmeting"},
        ],
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="nl">')
    app.layout = components.shell
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
        cache is warm (503 while there is no database)."""
        try:
            build = monitor.build()
        except data.DatabaseMissing:
            return {"build": None, "warm": False}, 503
        return {"build": build.id, "warm": not monitor.warming}, 200

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
