"""A read-only HTTP API over the publication tables, at /api/v1 on the dashboard's server.

    GET /api/v1/cijfers?gemeente=GM0363&indicator=absoluut_verzuim&format=csv-nl

- `resources.py`: what is served (one definition per table: columns, filters, order);
- `params.py`: the checked question (parameters, page, format) and `Limits`;
- `query.py`: the database (read-only, per build, bounded in cost) and the rows of a question;
- `render.py`: JSON pages and whole files, `cijfers` through the extract's own writers;
- `openapi.py`: the OpenAPI 3.1 document, made from the same definitions;
- `problems.py`: errors as application/problem+json (RFC 9457), in Dutch;
- `routes.py`: the Flask blueprint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask

from dashboard.api.params import Limits
from dashboard.api.routes import PREFIX, blueprint

__all__ = ["PREFIX", "Limits", "blueprint", "register"]


def register(server: Flask, path_of: Callable[[], Path], limits: Limits | None = None) -> None:
    """Serve the API on `server` for the database at `path_of()`."""
    server.register_blueprint(blueprint(path_of, limits))
