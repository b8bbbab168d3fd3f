"""Plotly figures as plain dicts, `{"data": [...], "layout": {...}}`, which `dcc.Graph` draws as is.

A `plotly.graph_objects.Figure` validates and copies every property on every change: for a chart
with hundreds of municipalities that cost 0,3–1 s of Python per view before anything reached the
browser. The figure modules therefore build dicts, and this module holds the little that
`make_subplots`, `update_xaxes` and plotly.py's default template used to give for free. Whether
the dicts are valid Plotly is checked in the tests (`go.Figure(fig)` validates), not at run time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import plotly.io as pio

Figure = dict  # {"data": list[dict], "layout": dict}


def _house_template() -> dict:
    """The 2-D part of plotly.py's default template, so that dict figures look as before."""
    t = pio.templates["plotly"].to_plotly_json()
    layout_keys = (
        "autotypenumbers",
        "colorway",
        "font",
        "hovermode",
        "hoverlabel",
        "paper_bgcolor",
        "plot_bgcolor",
        "xaxis",
        "yaxis",
        "shapedefaults",
        "annotationdefaults",
        "title",
    )
    return {
        "layout": {k: t["layout"][k] for k in layout_keys if k in t["layout"]},
        "data": {k: t["data"][k] for k in ("scatter", "bar") if k in t["data"]},
    }


TEMPLATE = _house_template()


def figure(data: Iterable[dict] = (), layout: Mapping | None = None) -> Figure:
    """A figure dict with the house template."""
    return {"data": list(data), "layout": merge({"template": TEMPLATE}, layout or {})}


def merge(base: Mapping, extra: Mapping) -> dict:
    """`base` updated with `extra`, nested dicts merged (as plotly's `update_layout` does)."""
    out = dict(base)
    for k, v in extra.items():
        out[k] = merge(out[k], v) if isinstance(v, Mapping) and isinstance(out.get(k), Mapping) else v
    return out


def axis_key(kind: str, panel: int = 1) -> str:
    """The layout key of a panel's axis: `xaxis`, `xaxis2`, …"""
    return f"{kind}axis" if panel == 1 else f"{kind}axis{panel}"


def ref(kind: str, panel: int = 1) -> str:
    """How a trace, shape or annotation names a panel's axis: `x`, `x2`, …"""
    return kind if panel == 1 else f"{kind}{panel}"


def on(trace: dict, panel: int) -> dict:
    """A trace placed on a panel of a subplot grid (panels counted row by row from 1)."""
    return {**trace, "xaxis": ref("x", panel), "yaxis": ref("y", panel)}


def subplots(
    rows: int,
    cols: int,
    titles: Iterable[str] = (),
    horizontal_spacing: float | None = None,
    vertical_spacing: float | None = None,
    shared_yaxes: bool = False,
) -> dict:
    """The layout of a grid of panels, as `plotly.subplots.make_subplots` makes it: axes with their
    domains, and each panel's title as an annotation above it."""
    h = 0.2 / cols if horizontal_spacing is None else horizontal_spacing
    v = 0.3 / rows if vertical_spacing is None else vertical_spacing
    width = (1.0 - h * (cols - 1)) / cols
    height = (1.0 - v * (rows - 1)) / rows
    layout: dict = {}
    for r in range(rows):
        top = 1.0 - r * (height + v)
        y_domain = [max(0.0, top - height), top]
        for c in range(cols):
            panel = r * cols + c + 1
            x0 = c * (width + h)
            layout[axis_key("x", panel)] = {"anchor": ref("y", panel), "domain": [x0, min(1.0, x0 + width)]}
            y: dict[str, object] = {"anchor": ref("x", panel), "domain": y_domain}
            if shared_yaxes and c > 0:
                y |= {"matches": ref("y", r * cols + 1), "showticklabels": False}
            layout[axis_key("y", panel)] = y
    # For the browser (assets/20-raster.js): how many panels in how many columns, so that a narrow
    # screen can lay the same panels out in fewer columns (the first n annotations are their titles).
    titles = list(titles)
    layout["meta"] = {"raster": {"n": len(titles) or rows * cols, "cols": cols}}
    layout["annotations"] = [
        {
            "text": text,
            "showarrow": False,
            "font": {"size": 16},
            "xref": "paper",
            "yref": "paper",
            "x": sum(layout[axis_key("x", i)]["domain"]) / 2,
            "y": layout[axis_key("y", i)]["domain"][1],
            "xanchor": "center",
            "yanchor": "bottom",
        }
        for i, text in enumerate(titles, start=1)
    ]
    return layout


def axes(fig: Figure, kind: str) -> list[dict]:
    """Every axis of one kind (`x` or `y`) in a figure, created when there is none yet."""
    layout = fig["layout"]
    keys = [k for k in layout if k == f"{kind}axis" or (k.startswith(f"{kind}axis") and k[5:].isdigit())]
    if not keys:
        layout[f"{kind}axis"] = {}
        keys = [f"{kind}axis"]
    return [layout[k] for k in keys]


def update_axes(fig: Figure, kind: str, panel: int | None = None, **props: object) -> None:
    """Set properties on every axis of a kind (or on one panel's), nested dicts merged."""
    targets = axes(fig, kind) if panel is None else [fig["layout"].setdefault(axis_key(kind, panel), {})]
    for axis in targets:
        axis.update(merge(axis, props))


def default_axes(fig: Figure, kind: str, **props: object) -> None:
    """Properties for every axis of a kind that the figure did not set itself."""
    for axis in axes(fig, kind):
        axis.update(merge(props, axis))


def label_room(labels: Iterable[object], size: float = 13, pad: int = 12) -> int:
    """Pixels beside an axis for its longest tick label, generously (0,6 em a character: wide
    sans-serif fonts such as DejaVu Sans need 0,55). As the figure's margin it spares the browser a
    second drawing: Plotly's automargin draws the figure, finds the margin too narrow for the labels
    and draws it all again, and it only ever widens a margin, never narrows it."""
    longest = max((len(str(x)) for x in labels), default=0)
    return math.ceil(longest * 0.6 * size) + pad


def vline(x: float, panel: int = 1, **line: object) -> dict:
    """A vertical line over the full height of a panel (a shape)."""
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": ref("x", panel),
        "y0": 0,
        "y1": 1,
        "yref": f"{ref('y', panel)} domain",
        "line": line,
    }


def hline(y: float, panel: int = 1, **line: object) -> dict:
    """A horizontal line over the full width of a panel (a shape)."""
    return {
        "type": "line",
        "y0": y,
        "y1": y,
        "yref": ref("y", panel),
        "x0": 0,
        "x1": 1,
        "xref": f"{ref('x', panel)} domain",
        "line": line,
    }


def add(fig: Figure, annotations: Iterable[dict] = (), shapes: Iterable[dict] = ()) -> Figure:
    """Add annotations and shapes to a figure."""
    layout = fig["layout"]
    layout["annotations"] = [*layout.get("annotations", []), *annotations]
    layout["shapes"] = [*layout.get("shapes", []), *shapes]
    return fig
