"""Pure functions: published table in, Plotly figure out (a plain dict, see `dashboard.plot`).
No database, no Dash.

Conventions for every figure:
- Dutch number format (`separators`), hover texts formatted in Python with `dashboard.fmt`.
- A suppressed figure is never drawn as a value: its year gets a grey `×` at the foot of the plot
  (an annotation in axis-domain coordinates, so its height carries no information) with the
  explanation of disclosure control on hover; lines break there.
- A provisional CBS figure gets an open marker and an asterisk in its hover text, as StatLine.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard import fmt, plot, summaries, theme
from dashboard.plot import Figure
from dashboard.taal import current, tr, word
from pipeline.i18n.catalogue import UNITS
from pipeline.vocabulary import is_rate

SUPPRESSED_MARK = "×"
HEIGHT_PANEL = 210
# Above this many cells a heatmap shows its numbers on hover only: thousands of cell labels cost
# the browser more than a second and cannot be read at that size anyway.
MAX_CELL_LABELS = 1500
# Above this many other municipalities the grey context of a trend panel is their spread per year
# (a band and the median) instead of one line each: hundreds of lines are one grey mass on screen,
# and each costs the browser time on every panel.
MAX_CONTEXT_LINES = 60
CONTEXT_QUANTILES = (0.1, 0.5, 0.9)


def base_layout(fig: Figure, height: int, **extra: object) -> Figure:
    """The house style: fonts, Dutch separators, white background, compact margins."""
    settings: dict = {
        "height": height,
        "separators": ",." if current() == "nl" else ".,",
        "font": {"family": theme.FONT, "size": 13, "color": theme.INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 56, "r": 16, "t": 36, "b": 48},
        "hoverlabel": {"font": {"family": theme.FONT}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    }
    fig["layout"].update({**settings, **extra})
    # Horizontal tick labels (years stood vertical on a phone), and room for labels and titles.
    plot.default_axes(
        fig,
        "x",
        showgrid=False,
        linecolor=theme.LIGHT,
        ticks="outside",
        tickcolor=theme.LIGHT,
        tickangle=0,
        automargin=True,
    )
    plot.default_axes(fig, "y", gridcolor="#eeeeee", zerolinecolor=theme.LIGHT, automargin=True)
    return fig


def empty(message: str, height: int = 220) -> Figure:
    """A figure that says why there is nothing to show."""
    fig = plot.figure(
        layout={
            "annotations": [
                {
                    "text": message,
                    "showarrow": False,
                    "x": 0.5,
                    "y": 0.5,
                    "xref": "paper",
                    "yref": "paper",
                    "font": {"size": 14, "color": theme.TOTAAL},
                }
            ],
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
        }
    )
    return base_layout(fig, height)


def _short_unit(indicator: pd.Series) -> str:
    """The unit of an indicator for a small axis: "per 100", "per 1.000" or "aantal"."""
    mult = int(indicator["vermenigvuldiger"])
    return f"per {fmt.number(mult)}" if is_rate(mult) else tr("d_aantal")


def _title(text: str) -> dict:
    return {"text": text}


def values(series: pd.Series) -> list:
    """Numbers as a list for a trace, None where missing (a gap in a line, never a zero)."""
    v = pd.to_numeric(series, errors="coerce").astype(float).to_numpy()
    return [None if math.isnan(x) else x for x in v.tolist()]


def suppressed_marks(years: list[int], label: str) -> list[tuple[int, str]]:
    """For each suppressed year: where its × goes and what its hover says."""
    text = fmt.suppression_note()
    return [(year, f"{label} {year}: {fmt.suppressed_word()}. {text}") for year in years]


def suppressed_trace(marks: list[tuple[int, str]], panel: int = 1) -> list[dict]:
    """The grey × of every suppressed year at the foot of a panel whose axis starts at 0, so that
    its height carries no information; the explanation of disclosure control on hover. One text
    trace per panel: hundreds of annotations would cost the browser a millisecond each."""
    if not marks:
        return []
    return [
        plot.on(
            {
                "type": "scatter",
                "mode": "text",
                "x": [year for year, _ in marks],
                "y": [0] * len(marks),
                "text": [SUPPRESSED_MARK] * len(marks),
                "textposition": "top center",
                "textfont": {"size": 15, "color": theme.TOTAAL},
                "hovertext": [hover for _, hover in marks],
                "hoverinfo": "text",
                "hoverlabel": {"bgcolor": "white"},
                "name": fmt.suppressed_word(),
                "showlegend": False,
            },
            panel,
        )
    ]


def _hline_note(y: float, text: str, panel: int = 1) -> dict:
    """The label at the right end of a horizontal line (as plotly's `add_hline(annotation_text=)`)."""
    return {
        "text": text,
        "showarrow": False,
        "x": 1,
        "xanchor": "right",
        "xref": f"{plot.ref('x', panel)} domain",
        "y": y,
        "yanchor": "bottom",
        "yref": plot.ref("y", panel),
    }


def _hover(
    name: str,
    periode: object,
    voorlopig: object,
    waarde: object,
    vermenigvuldiger: int,
    teller: object = None,
    noemer: object = None,
) -> str:
    text = f"<b>{name}</b><br>{fmt.period(periode, voorlopig)}: {fmt.value(waarde, vermenigvuldiger)}"
    if is_rate(vermenigvuldiger) and not fmt.is_missing(noemer):
        text += f"<br>{fmt.share(teller, noemer)}"
    if voorlopig is True or (not fmt.is_missing(voorlopig) and bool(voorlopig)):
        text += "<br>" + tr("d_voorlopig_hover")
    return text


def _line(frame: pd.DataFrame, name: str, mult: int, **style: object) -> dict:
    """A line over years with gaps where there is no published value; open markers when provisional."""
    f = frame.sort_values("jaar")
    voorlopig = f["voorlopig"].fillna(False).astype(bool).to_numpy()
    texts = [
        _hover(name, p, v, w, mult, t, n)
        for p, v, w, t, n in zip(f["periode"], voorlopig, f["waarde"], f["teller"], f["noemer"], strict=True)
    ]
    return {
        "type": "scatter",
        "x": f["jaar"].astype(int).tolist(),
        "y": values(f["waarde"]),
        "mode": "lines+markers",
        "name": name,
        "marker": {"symbol": np.where(voorlopig, "circle-open", "circle").tolist(), "size": 6},
        "hovertext": texts,
        "hoverinfo": "text",
        "connectgaps": False,
        **style,
    }


def _background(frame: pd.DataFrame) -> tuple[list, list]:
    """All lines of a frame as one x and y list, separated by gaps (one trace for hundreds)."""
    f = frame.sort_values(["gemeente_code", "jaar"])
    years = f["jaar"].astype(float).to_numpy()
    vals = pd.to_numeric(f["waarde"], errors="coerce").astype(float).to_numpy()
    # a gap after each municipality's last year
    ends = np.flatnonzero(f["gemeente_code"].to_numpy()[1:] != f["gemeente_code"].to_numpy()[:-1]) + 1
    xs = np.insert(years, np.append(ends, len(years)), np.nan)
    ys = np.insert(vals, np.append(ends, len(vals)), np.nan)
    as_list = lambda a: [None if math.isnan(v) else v for v in a.tolist()]  # noqa: E731
    return [None if x is None else int(x) for x in as_list(xs)], as_list(np.round(ys, 4))


def context_band(frame: pd.DataFrame) -> pd.DataFrame:
    """Per year the spread of the published values of many municipalities: jaar, laag, mediaan,
    hoog (the quantiles of CONTEXT_QUANTILES) and n (municipalities with a value)."""
    f = frame.assign(w=pd.to_numeric(frame["waarde"], errors="coerce")).dropna(subset=["w"])
    if f.empty:
        return pd.DataFrame(columns=["jaar", "laag", "mediaan", "hoog", "n"])
    q = f.groupby("jaar")["w"].quantile(list(CONTEXT_QUANTILES)).unstack()
    q.columns = ["laag", "mediaan", "hoog"]
    q["n"] = f.groupby("jaar")["w"].size()
    return q.reset_index().assign(jaar=lambda d: d["jaar"].astype(int))


def _year_axis_title(indicator: pd.Series) -> str:
    return tr("d_as_schooljaar") if indicator["periodetype"] == "schooljaar" else tr("d_as_jaar")


# ---------------------------------------------------------------------- overview


def status_bars(counts: pd.DataFrame, names: dict[str, str], statuses: tuple[str, ...]) -> Figure:
    """Per indicator of a domain: how many pilots improved, stayed level, worsened … (stacked)."""
    labels = [names[i] for i in counts["indicator"]]
    data = []
    for status in statuses:
        if status not in counts.columns or counts[status].sum() == 0:
            continue
        _, fill, _ = theme.STATUS[status]
        label = theme.label(status)
        pattern = (
            {"shape": "/", "fgcolor": theme.GREY, "solidity": 0.25} if status == theme.ONDERDRUKT else None
        )
        data.append(
            {
                "type": "bar",
                "y": labels,
                "x": counts[status].astype(int).tolist(),
                "name": label,
                "orientation": "h",
                "marker": {
                    "color": fill,
                    "line": {"color": theme.GREY, "width": 0.5},
                    **({"pattern": pattern} if pattern else {}),
                },
                "hovertext": [
                    f"{n}: {fmt.number(v)} × {label}" for n, v in zip(labels, counts[status], strict=True)
                ],
                "hoverinfo": "text",
            }
        )
    fig = plot.figure(
        data,
        {
            "barmode": "stack",
            "showlegend": False,
            "yaxis": {"autorange": "reversed", "automargin": True},
            "xaxis": {"title": _title(tr("d_aantal_proeftuinen")), "dtick": 1},
        },
    )
    return base_layout(fig, 60 + 34 * len(labels), margin={"l": 8, "r": 8, "t": 8, "b": 40})


def group_trends(groups: pd.DataFrame, catalogue: pd.DataFrame, columns: int = 4) -> Figure:
    """Small multiples: per indicator the pilots together against the other municipalities."""
    codes = [c for c in catalogue["indicator"] if c in set(groups["indicator"])]
    if not codes:
        return empty(tr("d_geen_cijfers_doelgroep"))
    names = dict(zip(catalogue["indicator"], catalogue["naam"], strict=True))
    units = dict(zip(catalogue["indicator"], catalogue["eenheid"], strict=True))
    mults = dict(zip(catalogue["indicator"], catalogue["vermenigvuldiger"], strict=True))
    rows = math.ceil(len(codes) / columns)
    # Each panel's title carries its unit (the y-axis of a small panel has no room for a title).
    titles = [f"{names[c]}<br><span style='font-size:11px;color:#4d4d4d'>{units[c]}</span>" for c in codes]
    layout = plot.subplots(rows, columns, titles, horizontal_spacing=0.06, vertical_spacing=0.6 / rows)
    for title in layout["annotations"]:
        title["font"] = {"size": 12}
    fig = plot.figure(layout=layout)
    for i, code in enumerate(codes, start=1):
        g = groups.loc[groups["indicator"] == code]
        marks: list[tuple[int, str]] = []
        for groep, color in ((summaries.OTHERS, theme.GREY), (summaries.PILOTS, theme.BLUE)):
            part = g.loc[g["groep"] == groep]
            line = _line(
                part,
                fmt.group(groep),
                int(mults[code]),
                line={"color": color, "width": 2},
                legendgroup=groep,
                showlegend=i == 1,
            )
            fig["data"].append(plot.on(line, i))
            marks += suppressed_marks(
                part.loc[part["onderdrukt"], "jaar"].astype(int).tolist(),
                f"{fmt.group(groep)}, {names[code]}",
            )
        fig["data"] += suppressed_trace(marks, i)
    plot.update_axes(fig, "x", tickformat="d", nticks=4)
    plot.update_axes(fig, "y", rangemode="tozero")
    return base_layout(fig, 190 * rows + 60, margin={"l": 40, "r": 16, "t": 70, "b": 30})


# ---------------------------------------------------------------------- theme page


def _context_traces(series: pd.DataFrame, panel: int, show_legend: bool) -> list[dict]:
    """The grey context of one trend panel: every other municipality's line, or their spread."""
    style = {"hoverinfo": "skip", "legendgroup": "andere"}
    if series["gemeente_code"].nunique() <= MAX_CONTEXT_LINES:
        bx, by = _background(series)
        return [
            plot.on(
                {
                    "type": "scatter",
                    "x": bx,
                    "y": by,
                    "mode": "lines",
                    "name": tr("d_andere_gemeenten"),
                    "line": {"color": theme.LIGHT, "width": 1},
                    "showlegend": show_legend,
                    **style,
                },
                panel,
            )
        ]
    band = context_band(series)
    x = band["jaar"].tolist()
    low, mid, high = values(band["laag"]), values(band["mediaan"]), values(band["hoog"])
    lo_pct, hi_pct = (round(q * 100) for q in (CONTEXT_QUANTILES[0], CONTEXT_QUANTILES[2]))
    return [
        plot.on(
            {
                "type": "scatter",
                "x": x + x[::-1],
                "y": high + low[::-1],
                "mode": "lines",
                "fill": "toself",
                "fillcolor": "rgba(140,140,140,0.16)",
                "line": {"width": 0},
                "name": tr("d_andere_gemeenten_band", lo=lo_pct, hi=hi_pct),
                "showlegend": show_legend,
                **style,
            },
            panel,
        ),
        plot.on(
            {
                "type": "scatter",
                "x": x,
                "y": mid,
                "mode": "lines",
                "name": tr("d_andere_gemeenten_mediaan"),
                "line": {"color": theme.GREY, "width": 1},
                "showlegend": show_legend,
                **style,
            },
            panel,
        ),
    ]


def trend_panels(
    series: pd.DataFrame,
    vergelijking: pd.DataFrame,
    indicator: pd.Series,
    gemeenten: pd.DataFrame,
    columns: int = 3,
) -> Figure:
    """A trend per pilot municipality: its line against the other municipalities (grey: each one's
    line, or their spread when there are many), its start year (dotted), its baseline (dashed) and
    the target (orange)."""
    pilots = gemeenten.loc[gemeenten["proeftuin"]].sort_values("gemeente_naam")
    pilots = pilots.loc[pilots["gemeente_code"].isin(series["gemeente_code"])]
    if pilots.empty:
        return empty(tr("d_geen_cijfers_proeftuinen"))
    mult = int(indicator["vermenigvuldiger"])
    rows = math.ceil(len(pilots) / columns)
    titles = [f"{p.gemeente_naam} (start {p.startjaar})" for p in pilots.itertuples()]
    layout = plot.subplots(
        rows, columns, titles, horizontal_spacing=0.04, vertical_spacing=0.35 / rows, shared_yaxes=True
    )
    for title in layout["annotations"]:
        title["font"] = {"size": 12}
    fig = plot.figure(layout=layout)
    # Every panel says its unit (on a phone each panel stands alone, see assets/20-raster.js).
    plot.update_axes(fig, "y", title={"text": _short_unit(indicator), "font": {"size": 10}, "standoff": 4})
    vals = pd.to_numeric(series["waarde"], errors="coerce").dropna()
    end = int(series["jaar"].max())
    others = series.loc[~series["gemeente_code"].isin(pilots["gemeente_code"])]
    context = others if not others.empty else series
    lines: list[dict] = []
    for i, p in enumerate(pilots.itertuples(), start=1):
        fig["data"] += _context_traces(context, i, i == 1)
        own = series.loc[series["gemeente_code"] == p.gemeente_code]
        fig["data"].append(
            plot.on(
                _line(
                    own,
                    p.gemeente_naam,
                    mult,
                    line={"color": theme.BLUE, "width": 2.5},
                    legendgroup="proeftuin",
                    showlegend=False,
                ),
                i,
            )
        )
        hidden = own.loc[own["onderdrukt"], "jaar"].astype(int).tolist()
        fig["data"] += suppressed_trace(suppressed_marks(hidden, p.gemeente_naam), i)
        lines.append(plot.vline(int(p.startjaar), i, dash="dot", color=theme.INK, width=1))
        base = vergelijking.loc[vergelijking["gemeente_code"] == p.gemeente_code]
        if not base.empty and not fmt.is_missing(base.iloc[0]["nulmeting_waarde"]):
            b = base.iloc[0]
            fig["data"].append(
                plot.on(
                    {
                        "type": "scatter",
                        "x": [int(b["nulmeting_jaar"]), end],
                        "y": [float(b["nulmeting_waarde"])] * 2,
                        "mode": "lines",
                        "line": {"dash": "dash", "color": theme.SKY, "width": 1.5},
                        "name": word("nulmeting"),
                        "legendgroup": "nulmeting",
                        "showlegend": False,
                        "hoverinfo": "text",
                        "hovertext": tr(
                            "d_nulmeting_hover",
                            naam=p.gemeente_naam,
                            periode=b["nulmeting_periode"],
                            waarde=fmt.value(b["nulmeting_waarde"], mult),
                        ),
                    },
                    i,
                )
            )
        if not fmt.is_missing(indicator["streefwaarde"]):
            lines.append(plot.hline(float(indicator["streefwaarde"]), i, color=theme.ORANGE, width=1.5))
    # Legend entries for the line styles that are drawn per panel.
    for name, style in (
        (word("proeftuin"), {"color": theme.BLUE, "width": 2.5}),
        (word("nulmeting"), {"color": theme.SKY, "dash": "dash"}),
        (tr("d_startjaar"), {"color": theme.INK, "dash": "dot", "width": 1}),
        *(
            ((tr("d_streefwaarde"), {"color": theme.ORANGE}),)
            if not fmt.is_missing(indicator["streefwaarde"])
            else ()
        ),
    ):
        fig["data"].append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "lines",
                "line": style,
                "name": name,
                "hoverinfo": "skip",
            }
        )
    plot.add(fig, shapes=lines)
    plot.update_axes(fig, "x", tickformat="d", nticks=6)
    plot.update_axes(fig, "y", rangemode="tozero")
    if not vals.empty:
        top = max(
            float(vals.max()),
            float(indicator["streefwaarde"] or 0) if not fmt.is_missing(indicator["streefwaarde"]) else 0.0,
        )
        plot.update_axes(fig, "y", range=[0, top * 1.08 or 1])
    # b: the years below the panels (automargin would find 37 px and draw the figure twice)
    return base_layout(fig, HEIGHT_PANEL * rows + 90, margin={"l": 48, "r": 16, "t": 80, "b": 38})


def group_chart(groups: pd.DataFrame, indicator: pd.Series) -> Figure:
    """Pilots as a group against the other municipalities per year, with a 95% interval band."""
    if groups.empty:
        return empty(tr("d_geen_cijfers_keuze"))
    mult = int(indicator["vermenigvuldiger"])
    fig = plot.figure()
    notes: list[dict] = []  # only the label of the target line
    for groep, color, fill in (
        (summaries.OTHERS, theme.GREY, "rgba(140,140,140,0.18)"),
        (summaries.PILOTS, theme.BLUE, "rgba(21,66,115,0.18)"),
    ):
        g = groups.loc[groups["groep"] == groep].sort_values("jaar")
        if g.empty:
            continue
        x = g["jaar"].astype(int).tolist()
        hi, lo = values(g["hoog"]), values(g["laag"])
        fig["data"].append(
            {
                "type": "scatter",
                "x": x + x[::-1],
                "y": hi + lo[::-1],
                "fill": "toself",
                "fillcolor": fill,
                "line": {"width": 0},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
        texts = [
            f"<b>{fmt.group(groep)}</b> ({fmt.municipalities(n)})<br>{fmt.period(p, v)}: {fmt.value(w, mult)}"
            f"<br>{tr('d_interval95')}: {fmt.interval(a, b, mult)}"
            for p, v, w, a, b, n in zip(
                g["periode"], g["voorlopig"], g["waarde"], g["laag"], g["hoog"], g["n_gemeenten"], strict=True
            )
        ]
        fig["data"].append(
            {
                "type": "scatter",
                "x": x,
                "y": values(g["waarde"]),
                "mode": "lines+markers",
                "name": fmt.group(groep),
                "line": {"color": color, "width": 2.5},
                "hovertext": texts,
                "hoverinfo": "text",
            }
        )
        hidden = g.loc[g["onderdrukt"], "jaar"].astype(int).tolist()
        fig["data"] += suppressed_trace(suppressed_marks(hidden, fmt.group(groep)))
    shapes = []
    if not fmt.is_missing(indicator["streefwaarde"]):
        target = float(indicator["streefwaarde"])
        shapes.append(plot.hline(target, color=theme.ORANGE))
        notes.append(_hline_note(target, tr("d_streefwaarde")))
    plot.add(fig, notes, shapes)
    fig["layout"]["xaxis"] = {"tickformat": "d", "title": _title(_year_axis_title(indicator))}
    fig["layout"]["yaxis"] = {"title": _title(indicator["eenheid"]), "rangemode": "tozero"}
    return base_layout(fig, 340)


def gap_chart(latest_gap: pd.DataFrame, indicator: pd.Series) -> Figure:
    """Dumbbell: per municipality the latest roma value beside the totaal value."""
    if latest_gap.empty:
        return empty(tr("d_geen_cijfers_kloof"))
    mult = int(indicator["vermenigvuldiger"])
    g = latest_gap.sort_values(["proeftuin", "gemeente_naam"], ascending=[False, True])
    names = [f"{n}{' ●' if p else ''}" for n, p in zip(g["gemeente_naam"], g["proeftuin"], strict=True)]
    xs, ys = [], []
    for name, r, t in zip(names, g["waarde_roma"], g["waarde_totaal"], strict=True):
        if not fmt.is_missing(r) and not fmt.is_missing(t):
            xs += [float(t), float(r), None]
            ys += [name, name, None]
    shown = g.loc[~g["onderdrukt"]]
    shown_names = [n for n, o in zip(names, g["onderdrukt"], strict=True) if not o]
    data: list[dict] = [
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "lines",
            "line": {"color": theme.LIGHT, "width": 3},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "x": values(g["waarde_totaal"]),
            "y": names,
            "mode": "markers",
            "name": word("totaal"),
            "marker": {"color": theme.TOTAAL, "size": 10, "symbol": "square"},
            "hoverinfo": "text",
            "hovertext": [
                f"<b>{n}</b> {word('totaal')} {fmt.period(p)}: {fmt.value(v, mult)}"
                for n, p, v in zip(g["gemeente_naam"], g["periode"], g["waarde_totaal"], strict=True)
            ],
        },
        {
            "type": "scatter",
            "x": values(shown["waarde_roma"]),
            "y": shown_names,
            "mode": "markers",
            "name": word("roma"),
            "marker": {"color": theme.BLUE, "size": 11},
            "hoverinfo": "text",
            "hovertext": [
                f"<b>{n}</b> {word('roma')} {fmt.period(p)}: {fmt.value(v, mult)}"
                f"<br>{word('kloof')}: {fmt.points(k, mult)}"
                for n, p, v, k in zip(
                    shown["gemeente_naam"],
                    shown["periode"],
                    shown["waarde_roma"],
                    shown["kloof"],
                    strict=True,
                )
            ],
        },
    ]
    hidden = g.loc[g["onderdrukt"].to_numpy(bool)]
    if not hidden.empty:
        # On the side of the row away from its totaal marker (beside it, the text ran under the
        # markers); as one text trace (an annotation per row costs the browser more).
        explanation = fmt.suppression_note()
        totals = pd.to_numeric(hidden["waarde_totaal"], errors="coerce").fillna(0.0)
        far = float(
            max(
                pd.to_numeric(g["waarde_totaal"], errors="coerce").max(),
                pd.to_numeric(shown["waarde_roma"], errors="coerce").max(),
                0.0,
            )
            or 1.0
        )
        left = [t > far / 2 for t in totals]  # the marker is on the right half: the text at the left
        data.append(
            {
                "type": "scatter",
                "mode": "text",
                "x": [0.0 if near else far for near in left],
                "y": [n for n, o in zip(names, g["onderdrukt"], strict=True) if o],
                "text": [tr("d_roma_onderdrukt")] * len(hidden),
                "textposition": ["middle right" if near else "middle left" for near in left],
                "textfont": {"color": theme.TOTAAL, "size": 11},
                "name": tr("d_roma_onderdrukt"),
                "showlegend": False,
                "hoverinfo": "text",
                "hoverlabel": {"bgcolor": "white"},
                "hovertext": [
                    f"{n} {word('roma')} {p}: {fmt.suppressed_word()}. {explanation}"
                    for n, p in zip(hidden["gemeente_naam"], hidden["periode"], strict=True)
                ],
            }
        )
    fig = plot.figure(
        data,
        {
            "yaxis": {"autorange": "reversed", "automargin": True},
            "xaxis": {"title": _title(indicator["eenheid"]), "rangemode": "tozero"},
        },
    )
    return base_layout(fig, 70 + 26 * len(g))


def ligging(text: object) -> str:
    """A funnel point's position as the build published it ("buiten 95%-grenzen"), in the page's language."""
    if current() == "nl" or not isinstance(text, str):
        return str(text)
    if text.startswith("buiten ") and text.endswith("%-grenzen"):
        dutch = text.removeprefix("buiten ").removesuffix("%-grenzen")
        return tr(
            "d_buiten_grenzen", procent=fmt.number(float(dutch.replace(",", ".")), dutch.count(",") and 1)
        )
    return tr("d_binnen_grenzen") if text == "binnen de grenzen" else text


# The funnel's method as the build states it (pipeline/trechter.py), read back to say it in English.
_METHODS = (
    (
        re.compile(r"binomiale grenzen rond het gemiddelde van alle gemeenten \(Spiegelhalter 2005\)"),
        "d_methode_binomiaal",
    ),
    (
        re.compile(r"binomiale grenzen: met (?P<n>\d+) gemeenten is overspreiding niet te schatten"),
        "d_methode_te_weinig",
    ),
    (
        re.compile(
            r"grenzen verbreed voor overspreiding: de gemeenten verschillen meer dan toeval toelaat "
            r"\(φ = (?P<phi>[\d.,]+)\); random-effects-grenzen met spreiding tussen gemeenten "
            r"τ = (?P<tau>[\d.,]+) (?P<eenheid>.*) \(Spiegelhalter 2005\)"
        ),
        "d_methode_random",
    ),
    (
        re.compile(
            r"geen grenzen: het gemiddelde van alle gemeenten is (?P<centrum>[\d.,]+), "
            r"elke afwijking valt op"
        ),
        "d_methode_geen",
    ),
)


def _dutch_number(text: str, decimals: int = 1) -> str:
    """A number as the build wrote it in Dutch ("2,7"), in the page's format."""
    return fmt.number(float(text.replace(".", "").replace(",", ".")), decimals)


def method(text: object) -> str:
    """The funnel's method (`publicatie_trechter.methode`) in the page's language; unknown text as it is."""
    if current() == "nl" or not isinstance(text, str):
        return str(text)
    for pattern, key in _METHODS:
        found = pattern.fullmatch(text)
        if found:
            values = found.groupdict()
            for name in ("phi", "centrum"):
                if name in values:
                    values[name] = _dutch_number(values[name], 1)
            if "tau" in values:
                values["tau"] = _dutch_number(values["tau"], 2)
                values["eenheid"] = UNITS.get(values["eenheid"], values["eenheid"])
            return tr(key, **values)
    return text


def _denominator(indicator: pd.Series) -> str:
    """What the denominator counts: the catalogue's description, or in English the unit without "per 100"."""
    if current() == "nl":
        return str(indicator["noemer_omschrijving"])
    return re.sub(r"^per [\d,]+ ", "", str(indicator["eenheid"]))


def log_ticks(low: float, high: float, most: int = 7) -> dict:
    """Ticks for a log axis at 1, 2, 5 × 10ⁿ in Dutch notation (Plotly's own read "…9 100 2 3…"),
    thinned to at most `most` labels."""
    low, high = max(float(low), 1e-9), max(float(high), float(low), 1e-9)
    ticks = [
        m * 10.0**e
        for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
        for m in (1, 2, 5)
    ]
    ticks = [t for t in ticks if low / 1.5 <= t <= high * 1.5]
    if len(ticks) < 3:  # less than a decade: every whole multiple
        ticks = [
            m * 10.0**e
            for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
            for m in range(1, 10)
            if low / 1.2 <= m * 10.0**e <= high * 1.2
        ]
    for keep in ((1, 2, 5), (1, 5), (1,)):
        if len(ticks) <= most:
            break
        ticks = [t for t in ticks if round(t / 10.0 ** math.floor(math.log10(t))) in keep]
    return {"tickvals": ticks, "ticktext": [fmt.number(t, 0 if t >= 1 else 2) for t in ticks]}


def funnel_chart(points: pd.DataFrame, limits: pd.DataFrame, centre: float, indicator: pd.Series) -> Figure:
    """Each municipality's value against its noemer, with 95% and 99,8% control limits."""
    if points.empty or limits.empty:
        return empty(tr("d_geen_cijfers_trechter"))
    mult = int(indicator["vermenigvuldiger"])
    data = []
    n = limits["noemer"].astype(float).tolist()
    for tag, dash, label in (("99_8", "dash", tr("d_grenzen_998")), ("95", "dot", tr("d_grenzen_95"))):
        for side in ("laag", "hoog"):
            data.append(
                {
                    "type": "scatter",
                    "x": n,
                    "y": values(limits[f"{side}_{tag}"]),
                    "mode": "lines",
                    "name": label,
                    "line": {"color": theme.TOTAAL, "dash": dash, "width": 1.2},
                    "legendgroup": label,
                    "showlegend": side == "laag",
                    "hoverinfo": "skip",
                }
            )
    for is_pilot, color, name, size in (
        (False, theme.GREY, tr("d_andere_gemeenten"), 8),
        (True, theme.BLUE, word(summaries.PILOTS), 11),
    ):
        p = points.loc[points["proeftuin"] == is_pilot]
        if p.empty:
            continue
        data.append(
            {
                "type": "scatter",
                "x": p["noemer"].astype(float).tolist(),
                "y": values(p["waarde"]),
                "mode": "markers",
                "name": name,
                "marker": {"color": color, "size": size, "line": {"color": "white", "width": 1}},
                "hoverinfo": "text",
                "hovertext": [
                    f"<b>{g}</b> {fmt.period(per, v)}: {fmt.value(w, mult)}<br>{fmt.share(t, nn)}"
                    f"<br>{ligging(lig)}"
                    for g, per, v, w, t, nn, lig in zip(
                        p["gemeente_naam"],
                        p["periode"],
                        p["voorlopig"],
                        p["waarde"],
                        p["teller"],
                        p["noemer"],
                        p["ligging"],
                        strict=True,
                    )
                ],
            }
        )
    fig = plot.figure(
        data,
        {
            "shapes": [plot.hline(centre, color=theme.INK, width=1)],
            "annotations": [
                _hline_note(centre, tr("d_alle_gemeenten_samen", waarde=fmt.value(centre, mult)))
            ],
            "xaxis": {
                "title": _title(tr("d_noemer_as", omschrijving=_denominator(indicator))),
                "type": "log",
                **log_ticks(min(n), max(n)),
            },
            "yaxis": {"title": _title(indicator["eenheid"]), "rangemode": "tozero"},
        },
    )
    return base_layout(fig, 380)


# ---------------------------------------------------------------------- municipality page


def profile_panels(
    profile: pd.DataFrame,
    catalogue: pd.DataFrame,
    vergelijking: pd.DataFrame,
    gemeente: pd.Series,
    columns: int = 3,
) -> Figure:
    """Every indicator of one municipality as a small chart: roma and totaal over the years."""
    codes = [c for c in catalogue["indicator"] if c in set(profile["indicator"])]
    if not codes:
        return empty(tr("d_gemeente_geen_cijfers"))
    cat = catalogue.set_index("indicator")
    titles = []
    for code in codes:
        v = vergelijking.loc[(vergelijking["indicator"] == code) & (vergelijking["doelgroep"] == "roma")]
        if v.empty:
            v = vergelijking.loc[vergelijking["indicator"] == code]
        status = theme.label(v.iloc[0]["status"]) if not v.empty else tr("d_geen_vergelijking")
        doelgroep = word(v.iloc[0]["doelgroep"]) if not v.empty else ""
        titles.append(f"{cat.loc[code, 'naam']}<br><span style='font-size:11px'>{doelgroep}: {status}</span>")
    rows = math.ceil(len(codes) / columns)
    layout = plot.subplots(rows, columns, titles, horizontal_spacing=0.07, vertical_spacing=0.55 / rows)
    for title in layout["annotations"]:
        title["font"] = {"size": 12}
    fig = plot.figure(layout=layout)
    lines: list[dict] = []
    for i, code in enumerate(codes, start=1):
        mult = int(cat.loc[code, "vermenigvuldiger"])
        marks: list[tuple[int, str]] = []
        for doelgroep, color in (("totaal", theme.TOTAAL), ("roma", theme.BLUE)):
            part = profile.loc[(profile["indicator"] == code) & (profile["doelgroep"] == doelgroep)]
            if part.empty:
                continue
            line = _line(
                part,
                word(doelgroep),
                mult,
                line={"color": color, "width": 2},
                legendgroup=doelgroep,
                showlegend=i == 1,
            )
            fig["data"].append(plot.on(line, i))
            hidden = part.loc[part["onderdrukt"], "jaar"].astype(int).tolist()
            marks += suppressed_marks(hidden, f"{cat.loc[code, 'naam']}, {word(doelgroep)}")
        fig["data"] += suppressed_trace(marks, i)
        if not fmt.is_missing(gemeente["nulmeting_jaar"]):
            baseline = int(gemeente["nulmeting_jaar"])
            lines.append(plot.vline(baseline, i, dash="dash", color=theme.SKY, width=1))
        if not fmt.is_missing(gemeente["startjaar"]):
            lines.append(plot.vline(int(gemeente["startjaar"]), i, dash="dot", color=theme.INK, width=1))
    plot.add(fig, shapes=lines)
    plot.update_axes(fig, "x", tickformat="d", nticks=5)
    plot.update_axes(fig, "y", rangemode="tozero")
    # b: the years below the panels (automargin would find 37 px and draw the figure twice)
    return base_layout(fig, 230 * rows + 80, margin={"l": 44, "r": 12, "t": 90, "b": 38})


def spine_chart(spine: pd.DataFrame, statuses: dict[str, str]) -> Figure:
    """Spine chart: for each indicator the range of all municipalities (grey), the middle half
    (darker), the median (line) and this municipality (dot in its status colour); better is right."""
    s = spine.reset_index(drop=True)
    labels = s["naam"].tolist()
    ranged = s.loc[s["bereik"]]
    names = ranged["naam"].tolist()
    lo = np.minimum(ranged["s_q1"], ranged["s_q3"]).astype(float).tolist() if not ranged.empty else []
    hi = np.maximum(ranged["s_q1"], ranged["s_q3"]).astype(float).tolist() if not ranged.empty else []
    own = ranged.loc[ranged["s_waarde"].notna()] if "s_waarde" in ranged else ranged.iloc[0:0]
    colors = [
        theme.STATUS.get(statuses.get(r.indicator, ""), ("", theme.BLUE, ""))[1] or theme.BLUE
        for r in own.itertuples()
    ]
    data = [
        {
            "type": "bar",
            "y": names,
            "x": [1.0] * len(ranged),
            "base": 0,
            "orientation": "h",
            "marker": {"color": "#eeeeee"},
            "name": tr("d_spine_alle"),
            "hoverinfo": "text",
            "hovertext": [
                tr(
                    "d_spine_bereik",
                    naam=r.naam,
                    n=fmt.municipalities(r.n),
                    laag=fmt.value(r.min, r.vermenigvuldiger),
                    hoog=fmt.value(r.max, r.vermenigvuldiger),
                )
                for r in ranged.itertuples()
            ],
        },
        {
            "type": "bar",
            "y": names,
            "x": [h - low for h, low in zip(hi, lo, strict=True)],
            "base": lo,
            "orientation": "h",
            "marker": {"color": "#bfbfbf"},
            "name": tr("d_spine_helft"),
            "hoverinfo": "text",
            "hovertext": [
                f"{r.naam}: {tr('d_spine_helft')} {fmt.value(r.q1, r.vermenigvuldiger)} – "
                f"{fmt.value(r.q3, r.vermenigvuldiger)}"
                for r in ranged.itertuples()
            ],
        },
        {
            "type": "scatter",
            "y": names,
            "x": values(ranged["s_mediaan"]) if "s_mediaan" in ranged else [],
            "mode": "markers",
            "name": tr("d_mediaan"),
            "marker": {"symbol": "line-ns-open", "size": 16, "color": theme.INK, "line": {"width": 2}},
            "hoverinfo": "text",
            "hovertext": [
                f"{r.naam}: {tr('d_mediaan')} {fmt.value(r.mediaan, r.vermenigvuldiger)}"
                for r in ranged.itertuples()
            ],
        },
        {
            "type": "scatter",
            "y": own["naam"].tolist(),
            "x": values(own["s_waarde"]) if "s_waarde" in own else [],
            "mode": "markers",
            "name": tr("d_deze_gemeente"),
            "marker": {"size": 13, "color": colors, "line": {"color": theme.INK, "width": 1.5}},
            "hoverinfo": "text",
            "hovertext": [
                f"<b>{r.naam}</b> {fmt.period(r.periode, r.voorlopig)}: "
                f"{fmt.value(r.waarde, r.vermenigvuldiger)}"
                f"<br>{tr('d_status_klein')}: {theme.label(statuses.get(r.indicator, ''))}"
                for r in own.itertuples()
            ],
        },
    ]
    explanation = fmt.suppression_note()
    notes: list[dict] = []
    for r in s.itertuples():
        note = None
        if r.onderdrukt:
            note = fmt.suppressed_word()
            hover = f"{r.naam}: {note}. {explanation}"
        elif not r.bereik:
            note, hover = (
                tr("d_te_weinig_gemeenten"),
                tr("d_minder_dan_gemeenten", naam=r.naam, n=summaries.SPINE_MIN_GEMEENTEN),
            )
        elif fmt.is_missing(r.waarde):
            note, hover = tr("d_geen_cijfer"), tr("d_geen_cijfer_gemeente", naam=r.naam)
        if note:
            notes.append(
                {
                    "x": 0.5,
                    "y": r.naam,
                    "xref": "x",
                    "yref": "y",
                    "text": note,
                    "showarrow": False,
                    "hovertext": hover,
                    "font": {"size": 11, "color": theme.TOTAAL},
                }
            )
    fig = plot.figure(
        data,
        {
            "barmode": "overlay",
            "annotations": notes,
            "yaxis": {
                "categoryorder": "array",
                "categoryarray": labels,
                "autorange": "reversed",
                "automargin": True,
            },
            "xaxis": {
                "range": [-0.02, 1.02],
                "tickvals": [0, 1],
                "ticktext": [tr("d_slechter"), tr("d_beter")],
                "showgrid": False,
            },
        },
    )
    return base_layout(fig, 80 + 30 * len(labels), margin={"l": 8, "r": 16, "t": 40, "b": 40})


# ---------------------------------------------------------------------- map


def choropleth(
    shapes: pd.DataFrame,
    classes: pd.DataFrame,
    legend: list[tuple[str, str, bool]],
    provinces: pd.DataFrame,
    hover: dict[str, str],
    pilots: set[str],
    symbols: Mapping[str, str] | None = None,
) -> Figure:
    """A map drawn as filled polygons on plain axes (no map tiles, nothing fetched).
    `symbols` (klasse → sign, for the status map) puts each class's sign on its municipalities and
    in the legend, so colour is never the only thing that tells two statuses apart.

    `shapes`: gemeente_code, x, y (ring coordinates, rings separated by None) and cx, cy (label
    point); `classes`: gemeente_code → klasse; `legend`: (klasse, colour, striped) in order.
    """
    data: list[dict] = []
    merged = shapes.merge(classes, on="gemeente_code", how="left")
    for klasse, color, striped in legend:
        part = merged.loc[merged["klasse"] == klasse]
        if part.empty:
            continue
        pattern = {"fillpattern": {"shape": "/", "fgcolor": theme.GREY, "bgcolor": color, "solidity": 0.3}}
        data.append(
            {
                "type": "scatter",
                "x": [c for ring in part["x"] for c in ring],
                "y": [c for ring in part["y"] for c in ring],
                "mode": "lines",
                "fill": "toself",
                "fillcolor": color,
                "name": f"{symbols[klasse]} {klasse}" if symbols and klasse in symbols else klasse,
                "hoverinfo": "skip",
                "line": {"color": "white", "width": 0.5},
                **(pattern if striped else {}),
            }
        )
    for klasse, sign in (symbols or {}).items():
        part = merged.loc[merged["klasse"] == klasse]
        if part.empty:
            continue
        data.append(
            {
                "type": "scatter",
                "x": part["cx"].tolist(),
                "y": part["cy"].tolist(),
                "mode": "text",
                "text": [sign] * len(part),
                "textfont": {"color": theme.INK, "size": 13},
                "name": klasse,
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
    pil = merged.loc[merged["gemeente_code"].isin(pilots)]
    data += [
        {
            "type": "scatter",
            "x": [c for ring in provinces["x"] for c in ring],
            "y": [c for ring in provinces["y"] for c in ring],
            "mode": "lines",
            "line": {"color": "#6b6b6b", "width": 1},
            "hoverinfo": "skip",
            "name": tr("d_provinciegrens"),
            "showlegend": False,
        },
        {
            "type": "scatter",
            "x": [c for ring in pil["x"] for c in ring],
            "y": [c for ring in pil["y"] for c in ring],
            "mode": "lines",
            "line": {"color": theme.INK, "width": 2.5},
            "hoverinfo": "skip",
            "name": tr("d_proeftuin_omlijnd"),
        },
        {
            "type": "scatter",
            "x": merged["cx"].tolist(),
            "y": merged["cy"].tolist(),
            "mode": "markers",
            "name": tr("d_gemeenten"),
            "showlegend": False,
            "marker": {"size": 7, "color": "rgba(0,0,0,0)"},
            "hoverinfo": "text",
            "hovertext": [hover.get(c, "") for c in merged["gemeente_code"]],
            "customdata": merged["gemeente_code"].tolist(),
        },
    ]
    fig = plot.figure(
        data,
        {
            "xaxis": {"visible": False, "fixedrange": False},
            "yaxis": {"visible": False, "scaleanchor": "x", "scaleratio": 1},
        },
    )
    return base_layout(
        fig,
        720,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        legend={
            "orientation": "v",
            "x": 0.0,
            "y": 1.0,
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.85)",
        },
        dragmode="pan",
    )


# ---------------------------------------------------------------------- data quality


def completeness_chart(grid: pd.DataFrame, expected: int) -> Figure:
    """Delivered figures per municipality and year, as a share of what is expected (the number in
    each cell while there are not too many cells, on hover always)."""
    if grid.empty:
        return empty(tr("d_geen_leveringen_verwerkt"))
    table = grid.pivot_table(index="gemeente_naam", columns="jaar", values="cijfers", aggfunc="sum")
    share = table / expected
    text = [[fmt.number(v) if not fmt.is_missing(v) else "" for v in row] for row in table.to_numpy()]
    heatmap = {
        "type": "heatmap",
        "z": [[None if math.isnan(v) else v for v in row] for row in share.to_numpy(float).tolist()],
        "x": [int(c) for c in table.columns],
        "y": table.index.tolist(),
        "text": text,
        **({"texttemplate": "%{text}"} if table.size <= MAX_CELL_LABELS else {}),
        "colorscale": [[0, "#fde0c5"], [0.5, "#9ecae1"], [1, "#154273"]],
        "zmin": 0,
        "zmax": 1,
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": _title(tr("d_deel_verwacht")), "tickformat": ".0%"},
        "hovertemplate": tr("d_volledigheid_hover", verwacht=expected) + "<extra></extra>",
    }
    fig = plot.figure(
        [heatmap],
        {
            "yaxis": {"autorange": "reversed", "automargin": True},
            "xaxis": {"tickformat": "d", "dtick": 1, "side": "top"},
        },
    )
    # Room for the names and the colour bar (121 px), so that automargin need not draw it twice;
    # on a screen too narrow for that, assets/20-raster.js sets `marge` (automargin does the rest)
    # and `smal`: a year label every fifth year, where fifteen side by side would run together.
    narrow = {"l": 8, "r": 8}
    margin = {"l": plot.label_room(table.index), "r": 124, "t": 60, "b": 10}
    meta = {"marge": narrow, "smal": {"xaxis.dtick": 5}}
    return base_layout(fig, 90 + 24 * len(table), margin=margin, meta=meta)
