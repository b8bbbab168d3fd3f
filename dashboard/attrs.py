"""HTML attributes for a Dash component whose names are not Python names (`aria-*`, `data-*`), or
that a component gets only sometimes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def attrs(values: Mapping[str, str]) -> dict[str, Any]:
    """`values` to unpack into a component (`html.Span(…, **attrs({"aria-hidden": "true"}))`).
    Dash takes `aria-*` and `data-*` as untyped keyword arguments; typed as Any, an unpacked
    mapping is not checked by mypy against every named argument (hidden, n_clicks, …) it could fill."""
    return dict(values)
