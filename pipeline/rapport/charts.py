"""The report's static charts: small SVG drawn here, no browser, no fonts beyond the page's own.

The charts carry no numbers of their own (the tables beside them do), so a chart cannot show a figure
the tables do not; every coordinate comes from a published value.
"""

from __future__ import annotations

from html import escape

from pipeline.vocabulary import is_missing

INK, MUTED, ACCENT, GREY = "#1a1a1a", "#6b6b6b", "#00607a", "#c9c9c9"


def _f(x: float) -> str:
    return f"{x:.1f}"


def dot_chart(rows: list[tuple[str, object, object, object, object]], width: int = 460) -> str:
    """Per indicator (per 100): baseline ○, latest ●, the other municipalities' interval as a grey bar."""
    label_w, row_h, top = 190, 18, 8
    plot_w = width - label_w - 10
    height = top + row_h * len(rows) + 6
    x = lambda v: label_w + plot_w * max(0.0, min(100.0, float(v))) / 100  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-hidden="true">'
    ]
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{_f(x(tick))}" y1="{top - 4}" x2="{_f(x(tick))}" y2="{height - 4}" '
            f'stroke="{GREY}" stroke-width="0.5"/>'
        )
    for i, (name, base, last, low, high) in enumerate(rows):
        y = top + row_h * i + row_h / 2
        parts.append(
            f'<text x="{label_w - 6}" y="{_f(y + 3)}" text-anchor="end" font-size="8" '
            f'fill="{INK}">{escape(name)}</text>'
        )
        if not (is_missing(low) or is_missing(high)):
            parts.append(
                f'<rect x="{_f(x(low))}" y="{_f(y - 3)}" width="{_f(max(1.0, x(high) - x(low)))}" '
                f'height="6" fill="{GREY}"/>'
            )
        if not (is_missing(base) or is_missing(last)):
            parts.append(
                f'<line x1="{_f(x(base))}" y1="{_f(y)}" x2="{_f(x(last))}" y2="{_f(y)}" '
                f'stroke="{ACCENT}" stroke-width="1"/>'
            )
        if not is_missing(base):
            parts.append(
                f'<circle cx="{_f(x(base))}" cy="{_f(y)}" r="3.2" fill="white" stroke="{ACCENT}" '
                f'stroke-width="1.2"/>'
            )
        if not is_missing(last):
            parts.append(f'<circle cx="{_f(x(last))}" cy="{_f(y)}" r="3.2" fill="{ACCENT}"/>')
    parts.append("</svg>")
    return "".join(parts)


def effect_bar(effect: float, low: float, high: float, width: int = 90, height: int = 12) -> str:
    """An effect as a dot with its interval, against a zero line (each row on its own scale); a
    missing one (NaN) draws nothing."""
    if any(is_missing(v) for v in (effect, low, high)):
        return ""
    span = max(abs(float(low)), abs(float(high)), 1e-9)
    x = lambda v: width / 2 + (width / 2 - 4) * float(v) / span  # noqa: E731
    y = height / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-hidden="true">'
        f'<line x1="{_f(width / 2)}" y1="0" x2="{_f(width / 2)}" y2="{height}" '
        f'stroke="{MUTED}" stroke-width="0.6"/>'
        f'<line x1="{_f(x(low))}" y1="{_f(y)}" x2="{_f(x(high))}" y2="{_f(y)}" '
        f'stroke="{ACCENT}" stroke-width="1.4"/>'
        f'<circle cx="{_f(x(effect))}" cy="{_f(y)}" r="2.6" fill="{ACCENT}"/></svg>'
    )
