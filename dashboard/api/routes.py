"""The handlers of /api/v1, as a Flask blueprint on the dashboard's server.

Every path under /api/v1 comes here, whatever the method, so that every answer is this API's:
read-only (a write method gets 405 with `Allow`), an unknown path 404, a wrong parameter 400 —
all as `application/problem+json` — and nothing a client sends can make it answer with a
traceback. A success carries the build id as its `ETag` (304 on `If-None-Match`) and a
`Cache-Control`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from dashboard.api import openapi, problems, render
from dashboard.api.params import FORMATS, Ask, Limits, parse
from dashboard.api.problems import Problem
from dashboard.api.query import Database
from dashboard.api.resources import BY_NAME, RESOURCES

PREFIX = "/api/v1"
READ = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(READ)
METHODS = [*READ, "POST", "PUT", "PATCH", "DELETE"]
CACHE_CONTROL = "public, max-age=60, must-revalidate"
ACCEPTED = {"application/json": "json", "text/csv": "csv", "application/vnd.apache.parquet": "parquet"}
log = logging.getLogger(__name__)


class ApiBlueprint(Blueprint):
    """The API's blueprint, with the database it answers from (for tests and the status page)."""

    database: Database


def blueprint(path_of: Callable[[], Path], limits: Limits | None = None) -> ApiBlueprint:
    """The API on the database at `path_of()` (asked on every request: a new build is picked up)."""
    db = Database(path_of, limits or Limits())
    bp = ApiBlueprint("api", __name__)
    document = openapi.document(db.limits)

    def answer(rest: str) -> Response:
        try:
            if request.method == "OPTIONS":
                return _common(Response(status=204, headers={"Allow": ALLOW}))
            if request.method not in READ:
                raise Problem(
                    405,
                    f"De API is alleen-lezen: {request.method} is niet toegestaan; gebruik GET.",
                    headers={"Allow": ALLOW},
                )
            return _route(db, document, rest.strip("/"))
        except Problem as p:
            return problem_response(p)
        except Exception:  # never a traceback to the client; the log has it
            log.exception("API: onverwachte fout bij %s", request.path)
            return problem_response(
                Problem(
                    500,
                    "Er ging iets mis aan onze kant; dat is onze fout, niet de "
                    "uwe. Probeer het later opnieuw.",
                )
            )

    bp.add_url_rule(PREFIX, "index", lambda: answer(""), methods=METHODS, strict_slashes=False)
    bp.add_url_rule(PREFIX + "/", "index_slash", lambda: answer(""), methods=METHODS)
    bp.add_url_rule(PREFIX + "/<path:rest>", "answer", answer, methods=METHODS)

    # Flask passes an HTTPException a handler returns through as the response (its documented
    # "pass through HTTP errors" idiom), but its type of handlers leaves the exception out.
    @bp.app_errorhandler(405)  # type: ignore[type-var]
    def method_not_allowed(e: Exception) -> Response | Exception:
        # a method Flask's routing does not know at all (TRACE, PROPFIND, …) under /api
        if request.path.startswith(PREFIX):
            return problem_response(
                Problem(
                    405,
                    f"De API is alleen-lezen: {request.method} is niet toegestaan; gebruik GET.",
                    headers={"Allow": ALLOW},
                )
            )
        return e

    bp.database = db
    return bp


def problem_response(p: Problem) -> Response:
    body = render.json_bytes(p.body(request.path))
    response = Response(body, status=p.status, mimetype=problems.MEDIA_TYPE, headers=p.headers)
    response.headers["Cache-Control"] = "no-store"
    return _common(response)


def _common(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"  # public, read-only figures
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Vary"] = "Accept"
    return response


def _route(db: Database, document: dict, rest: str) -> Response:
    parts = rest.split("/") if rest else []
    if not parts:
        return _json(_index(), etag=None)
    if parts == ["openapi.json"]:
        return _json(document, etag=None)
    if parts == ["build"]:
        build = db.build()
        return _fresh(build["id"]) or _json(build, etag=build["id"])
    resource = BY_NAME.get(parts[0])
    if resource is not None and len(parts) == 1:
        return _table(db, resource.name)
    if resource is not None and parts[1:] == ["datapackage.json"]:
        return _package(db, resource.name)
    known = ", ".join(r.name for r in RESOURCES)
    raise Problem(
        404,
        f"{PREFIX}/{problems.shown(rest, 60)} bestaat niet. De API kent {known}, build, "
        "openapi.json en <bron>/datapackage.json.",
    )


def _index() -> dict:
    base = request.host_url.rstrip("/") + PREFIX
    return {
        "openapi": f"{base}/openapi.json",
        "build": f"{base}/build",
        "uitleg": request.host_url.rstrip("/") + "/api",
        "bronnen": [
            {
                "naam": r.name,
                "titel": r.title,
                "tabel": r.table,
                "url": f"{base}/{r.name}",
                "filters": [f.name for f in r.filters],
            }
            for r in RESOURCES
        ],
    }


def _wanted_format(default: str) -> str | None:
    """The format named by Accept when there is no `format` parameter (None: the default)."""
    if "format" in request.args:
        return None
    best = request.accept_mimetypes.best_match(list(ACCEPTED), default="application/json")
    return ACCEPTED.get(best or "", default)


def _table(db: Database, name: str) -> Response:
    resource = BY_NAME[name]
    args = request.args.copy()
    accepted = _wanted_format("json")
    if accepted:
        args["format"] = accepted
    ask = parse(resource, args, db.limits)
    release = db.release()
    fresh = _fresh(release.manifest_id)
    if fresh:
        return fresh
    if ask.fmt == "json":
        body = db.cached(
            "page",
            (ask.key, ask.limit, ask.offset, request.host_url),
            lambda: _page(db, ask, release.manifest_id, release.synthetic),
        )
        return _with_headers(Response(body, mimetype="application/json"), release.manifest_id)
    body = _file(db, ask)
    response = Response(body, headers={"Content-Type": render.MEDIA_TYPES[ask.fmt]})
    extension = "parquet" if ask.fmt == "parquet" else "csv"
    response.headers["Content-Disposition"] = f'inline; filename="monitor-inclusie-roma-{name}.{extension}"'
    return _with_headers(response, release.manifest_id)


def _page(db: Database, ask: Ask, build: str, synthetic: bool) -> bytes:
    rows = db.rows(ask)
    after = ask.offset + ask.limit
    next_url = None
    if after < rows.num_rows:
        query = [(k, v) for k, vs in ask.filters for v in vs] + [("limit", ask.limit), ("offset", after)]
        next_url = f"{request.host_url.rstrip('/')}{PREFIX}/{ask.resource.name}?{urlencode(query)}"
    return render.page(rows, ask.offset, ask.limit, build, synthetic, next_url)


def _file(db: Database, ask: Ask) -> bytes:
    """The whole answer as a file, within the row limit (413 beyond it)."""

    def make() -> bytes:
        release = db.release()
        if ask.resource.figures:
            table, resolved = db.select(ask)
            _within(db, table.num_rows)
            described = render.filters_described(resolved, ask.values("doelgroep"))
            return render.figures_file(table, ask.fmt, release, described)
        table = db.rows(ask)
        _within(db, table.num_rows)
        return render.table_file(ask.resource, table, ask.fmt, release)

    return db.cached("file", (ask.key, ask.fmt), make)


def _within(db: Database, rows: int) -> None:
    if rows > db.limits.file_rows:
        raise Problem(
            413,
            f"Deze vraag levert {rows} rijen op, meer dan de {db.limits.file_rows} die één "
            "antwoord mag bevatten; filter op gemeente, indicator of jaren.",
        )


def _package(db: Database, name: str) -> Response:
    resource = BY_NAME[name]
    ask = parse(resource, request.args, db.limits, formats=FORMATS[1:], default_format="csv", paged=False)
    release = db.release()
    fresh = _fresh(release.manifest_id)
    if fresh:
        return fresh
    content = _file(db, ask)
    query = [(k, v) for k, vs in ask.filters for v in vs] + [("format", ask.fmt)]
    url = f"{request.host_url.rstrip('/')}{PREFIX}/{name}?{urlencode(query)}"
    if resource.figures:
        _, resolved = db.select(ask)
        filters = render.filters_described(resolved, ask.values("doelgroep"))
        package = render.figures_package(content, ask.fmt, release, filters, url)
    else:
        filters = {k: list(v) for k, v in ask.filters}
        package = render.table_package(resource, content, ask.fmt, release, filters, url)
    return _json(package, etag=release.manifest_id)


def _etag(build: str) -> str:
    return f'"{build}"'


def _fresh(build: str) -> Response | None:
    """304 when the client already holds this build (If-None-Match)."""
    if request.if_none_match and (
        request.if_none_match.contains_weak(build) or request.if_none_match.star_tag
    ):
        return _with_headers(Response(status=304), build)
    return None


def _with_headers(response: Response, build: str) -> Response:
    response.headers["ETag"] = _etag(build)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return _common(response)


def _json(value: object, etag: str | None) -> Response:
    response = Response(render.json_bytes(value), mimetype="application/json")
    if etag:
        return _with_headers(response, etag)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return _common(response)
