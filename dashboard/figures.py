"""Pure functions: published table in, Plotly figure out. No database, no Dash.

Conventions for every figure:
- Dutch number format (`separators`), hover texts formatted in Python with `dashboard.fmt`.
- A suppressed figure is never drawn as a value: its year gets a grey `×` at the foot of the plot
  (an annotation in axis-domain coordinates, so its height carries no information) with the
  explanation of disclosure control on hover; lines break there.
- A provisional CBS figure gets an open marker and an asterisk in its hover text, as StatLine.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import fmt, summaries, theme
from pipeline import disclosure

SUPPRESSED_MARK = "×"
HEIGHT_PANEL = 210


def base_layout(fig: go.Figure, height: int, **extra: object) -> go.Figure:
    """The house style: fonts, Dutch separators, white background, compact margins."""
    settings: dict = {
        "height": height,
        "separators": ",.",
        "font": {"family": theme.FONT, "size": 13, "color": theme.INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 56, "r": 16, "t": 36, "b": 48},
        "hoverlabel": {"font": {"family": theme.FONT}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    }
    fig.update_layout(**{**settings, **extra})
    fig.update_xaxes(showgrid=False, linecolor=theme.LIGHT, ticks="outside", tickcolor=theme.LIGHT)
    fig.update_yaxes(gridcolor="#eeeeee", zerolinecolor=theme.LIGHT)
    return fig


def empty(message: str, height: int = 220) -> go.Figure:
    """A figure that says why there is nothing to show."""
    fig = go.Figure()
    fig.add_annotation(
        text=message,
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 14, "color": theme.TOTAAL},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, height)


def _axis(kind: str, panel: int) -> str:
    return kind if panel == 1 else f"{kind}{panel}"


def suppressed_marks(years: list[int], label: str, panel: int = 1) -> list[dict]:
    """A grey × at the foot of the plot for each suppressed year, the explanation on hover."""
    text = disclosure.explanation()
    return [
        {
            "x": year,
            "y": 0,
            "xref": _axis("x", panel),
            "yref": f"{_axis('y', panel)} domain",
            "yanchor": "bottom",
            "text": SUPPRESSED_MARK,
            "showarrow": False,
            "font": {"size": 15, "color": theme.TOTAAL},
            "hovertext": f"{label} {year}: onderdrukt. {text}",
            "hoverlabel": {"bgcolor": "white"},
        }
        for year in years
    ]


def vline(x: float, panel: int = 1, **line: object) -> dict:
    """A vertical line over the full height of a panel (as a shape dict: adding many is cheap)."""
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": _axis("x", panel),
        "y0": 0,
        "y1": 1,
        "yref": f"{_axis('y', panel)} domain",
        "line": line,
    }


def hline(y: float, panel: int = 1, **line: object) -> dict:
    """A horizontal line over the full width of a panel."""
    return {
        "type": "line",
        "y0": y,
        "y1": y,
        "yref": _axis("y", panel),
        "x0": 0,
        "x1": 1,
        "xref": f"{_axis('x', panel)} domain",
        "line": line,
    }


def add_marks(fig: go.Figure, annotations: list[dict] = (), shapes: list[dict] = ()) -> None:  # type: ignore[assignment]
    """Add annotations and shapes in one step (plotly re-validates the whole list on each add)."""
    fig.update_layout(
        annotations=[*fig.layout.annotations, *annotations], shapes=[*fig.layout.shapes, *shapes]
    )


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
    if vermenigvuldiger != 1 and not fmt.is_missing(noemer):
        text += f"<br>{fmt.number(teller)} van {fmt.number(noemer)}"
    if voorlopig is True or (not fmt.is_missing(voorlopig) and bool(voorlopig)):
        text += "<br>* voorlopig cijfer (CBS)"
    return text


def _line(frame: pd.DataFrame, name: str, mult: int, **style: object) -> go.Scatter:
    """A line over years with gaps where there is no published value; open markers when provisional."""
    f = frame.sort_values("jaar")
    voorlopig = f["voorlopig"].fillna(False).astype(bool).to_numpy()
    symbols = np.where(voorlopig, "circle-open", "circle")
    texts = [
        _hover(name, p, v, w, mult, t, n)
        for p, v, w, t, n in zip(f["periode"], voorlopig, f["waarde"], f["teller"], f["noemer"], strict=True)
    ]
    y = pd.to_numeric(f["waarde"], errors="coerce").astype(float).to_numpy()
    return go.Scatter(
        x=f["jaar"].astype(int).tolist(),
        y=y.tolist(),
        mode="lines+markers",
        name=name,
        marker={"symbol": symbols.tolist(), "size": 6},
        hovertext=texts,
        hoverinfo="text",
        connectgaps=False,
        **style,
    )


def _background(frame: pd.DataFrame) -> tuple[list, list]:
    """All lines of a frame in one trace, separated by gaps (fast for hundreds of municipalities)."""
    xs: list = []
    ys: list = []
    for _, g in frame.sort_values("jaar").groupby("gemeente_code", sort=False):
        xs += [*g["jaar"].astype(int).tolist(), None]
        ys += [*pd.to_numeric(g["waarde"], errors="coerce").astype(float).tolist(), None]
    ys = [None if (y is not None and math.isnan(y)) else y for y in ys]
    return xs, ys


def _year_axis_title(indicator: pd.Series) -> str:
    return "schooljaar (eerste jaar)" if indicator["periodetype"] == "schooljaar" else "jaar"


# ---------------------------------------------------------------------- overview


def status_bars(counts: pd.DataFrame, names: dict[str, str], statuses: tuple[str, ...]) -> go.Figure:
    """Per indicator of a domain: how many pilots improved, stayed level, worsened … (stacked)."""
    fig = go.Figure()
    labels = [names[i] for i in counts["indicator"]]
    for status in statuses:
        if status not in counts.columns or counts[status].sum() == 0:
            continue
        label, fill, _ = theme.STATUS[status]
        pattern = (
            {"shape": "/", "fgcolor": theme.GREY, "solidity": 0.25} if status == theme.ONDERDRUKT else None
        )
        fig.add_bar(
            y=labels,
            x=counts[status].tolist(),
            name=label,
            orientation="h",
            marker={
                "color": fill,
                "line": {"color": theme.GREY, "width": 0.5},
                **({"pattern": pattern} if pattern else {}),
            },
            hovertext=[
                f"{n}: {fmt.number(v)} × {label}" for n, v in zip(labels, counts[status], strict=True)
            ],
            hoverinfo="text",
        )
    fig.update_layout(barmode="stack", showlegend=False)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title="aantal proeftuinen", dtick=1)
    return base_layout(fig, 60 + 34 * len(labels), margin={"l": 8, "r": 8, "t": 8, "b": 40})


def group_trends(groups: pd.DataFrame, catalogue: pd.DataFrame, columns: int = 4) -> go.Figure:
    """Small multiples: per indicator the pilots together against the other municipalities."""
    codes = [c for c in catalogue["indicator"] if c in set(groups["indicator"])]
    if not codes:
        return empty("Geen cijfers voor deze doelgroep.")
    names = dict(zip(catalogue["indicator"], catalogue["naam"], strict=True))
    mults = dict(zip(catalogue["indicator"], catalogue["vermenigvuldiger"], strict=True))
    rows = math.ceil(len(codes) / columns)
    fig = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=[names[c] for c in codes],
        horizontal_spacing=0.06,
        vertical_spacing=0.5 / rows,
    )
    notes: list[dict] = []
    for i, code in enumerate(codes, start=1):
        g = groups.loc[groups["indicator"] == code]
        row, col = (i - 1) // columns + 1, (i - 1) % columns + 1
        for groep, color in ((summaries.OTHERS, theme.GREY), (summaries.PILOTS, theme.BLUE)):
            part = g.loc[g["groep"] == groep]
            fig.add_trace(
                _line(
                    part,
                    groep,
                    int(mults[code]),
                    line={"color": color, "width": 2},
                    legendgroup=groep,
                    showlegend=i == 1,
                ),
                row=row,
                col=col,
            )
            hidden = part.loc[part["onderdrukt"], "jaar"].astype(int).tolist()
            notes += suppressed_marks(hidden, f"{groep}, {names[code]}", panel=i)
    fig.update_annotations(font_size=12)
    add_marks(fig, notes)
    fig.update_xaxes(tickformat="d", nticks=4)
    return base_layout(fig, 170 * rows + 60, margin={"l": 40, "r": 16, "t": 60, "b": 30})


# ---------------------------------------------------------------------- theme page


def trend_panels(
    series: pd.DataFrame,
    vergelijking: pd.DataFrame,
    indicator: pd.Series,
    gemeenten: pd.DataFrame,
    columns: int = 3,
) -> go.Figure:
    """A trend per pilot municipality: its line against all other municipalities (grey), its start
    year (dotted), its baseline (dashed) and the target (orange)."""
    pilots = gemeenten.loc[gemeenten["proeftuin"]].sort_values("gemeente_naam")
    pilots = pilots.loc[pilots["gemeente_code"].isin(series["gemeente_code"])]
    if pilots.empty:
        return empty("Geen cijfers van proeftuinen voor deze keuze.")
    mult = int(indicator["vermenigvuldiger"])
    rows = math.ceil(len(pilots) / columns)
    titles = [f"{p.gemeente_naam} (start {p.startjaar})" for p in pilots.itertuples()]
    fig = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=titles,
        shared_yaxes=True,
        horizontal_spacing=0.04,
        vertical_spacing=0.35 / rows,
    )
    values = pd.to_numeric(series["waarde"], errors="coerce").dropna()
    bx, by = _background(series)
    notes: list[dict] = []
    lines: list[dict] = []
    for i, p in enumerate(pilots.itertuples(), start=1):
        row, col = (i - 1) // columns + 1, (i - 1) % columns + 1
        fig.add_trace(
            go.Scatter(
                x=bx,
                y=by,
                mode="lines",
                name="andere gemeenten",
                hoverinfo="skip",
                line={"color": theme.LIGHT, "width": 1},
                legendgroup="andere",
                showlegend=i == 1,
            ),
            row=row,
            col=col,
        )
        own = series.loc[series["gemeente_code"] == p.gemeente_code]
        fig.add_trace(
            _line(
                own,
                p.gemeente_naam,
                mult,
                line={"color": theme.BLUE, "width": 2.5},
                legendgroup="proeftuin",
                showlegend=False,
            ),
            row=row,
            col=col,
        )
        notes += suppressed_marks(own.loc[own["onderdrukt"], "jaar"].astype(int).tolist(), p.gemeente_naam, i)
        lines.append(vline(int(p.startjaar), i, dash="dot", color=theme.INK, width=1))
        base = vergelijking.loc[vergelijking["gemeente_code"] == p.gemeente_code]
        if not base.empty and not fmt.is_missing(base.iloc[0]["nulmeting_waarde"]):
            b = base.iloc[0]
            end = int(series["jaar"].max())
            fig.add_trace(
                go.Scatter(
                    x=[int(b["nulmeting_jaar"]), end],
                    y=[float(b["nulmeting_waarde"])] * 2,
                    mode="lines",
                    line={"dash": "dash", "color": theme.SKY, "width": 1.5},
                    name="nulmeting",
                    legendgroup="nulmeting",
                    showlegend=False,
                    hoverinfo="text",
                    hovertext=f"Nulmeting {p.gemeente_naam} ({b['nulmeting_periode']}): "
                    f"{fmt.value(b['nulmeting_waarde'], mult)}",
                ),
                row=row,
                col=col,
            )
        if not fmt.is_missing(indicator["streefwaarde"]):
            lines.append(hline(float(indicator["streefwaarde"]), i, color=theme.ORANGE, width=1.5))
    # Legend entries for the line styles that are drawn per panel.
    for name, style in (
        ("proeftuin", {"color": theme.BLUE, "width": 2.5}),
        ("nulmeting", {"color": theme.SKY, "dash": "dash"}),
        ("startjaar", {"color": theme.INK, "dash": "dot", "width": 1}),
        *(
            (("streefwaarde", {"color": theme.ORANGE}),)
            if not fmt.is_missing(indicator["streefwaarde"])
            else ()
        ),
    ):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=style, name=name, hoverinfo="skip"))
    fig.update_annotations(font_size=12)
    add_marks(fig, notes, lines)
    fig.update_xaxes(tickformat="d", nticks=6)
    if not values.empty:
        top = max(
            float(values.max()),
            float(indicator["streefwaarde"] or 0) if not fmt.is_missing(indicator["streefwaarde"]) else 0.0,
        )
        fig.update_yaxes(range=[0, top * 1.08 or 1])
    return base_layout(fig, HEIGHT_PANEL * rows + 90, margin={"l": 48, "r": 16, "t": 80, "b": 36})


def group_chart(groups: pd.DataFrame, indicator: pd.Series) -> go.Figure:
    """Pilots as a group against the other municipalities per year, with a 95% interval band."""
    if groups.empty:
        return empty("Geen cijfers voor deze keuze.")
    mult = int(indicator["vermenigvuldiger"])
    fig = go.Figure()
    notes: list[dict] = []
    for groep, color, fill in (
        (summaries.OTHERS, theme.GREY, "rgba(140,140,140,0.18)"),
        (summaries.PILOTS, theme.BLUE, "rgba(21,66,115,0.18)"),
    ):
        g = groups.loc[groups["groep"] == groep].sort_values("jaar")
        if g.empty:
            continue
        x = g["jaar"].astype(int).tolist()
        hi = pd.to_numeric(g["hoog"], errors="coerce").astype(float).tolist()
        lo = pd.to_numeric(g["laag"], errors="coerce").astype(float).tolist()
        fig.add_trace(
            go.Scatter(
                x=x + x[::-1],
                y=hi + lo[::-1],
                fill="toself",
                fillcolor=fill,
                line={"width": 0},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        texts = [
            f"<b>{groep}</b> ({fmt.number(n)} gemeenten)<br>{fmt.period(p, v)}: {fmt.value(w, mult)}"
            f"<br>95%-interval: {fmt.interval(a, b, mult)}"
            for p, v, w, a, b, n in zip(
                g["periode"], g["voorlopig"], g["waarde"], g["laag"], g["hoog"], g["n_gemeenten"], strict=True
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=pd.to_numeric(g["waarde"], errors="coerce").astype(float).tolist(),
                mode="lines+markers",
                name=groep,
                line={"color": color, "width": 2.5},
                hovertext=texts,
                hoverinfo="text",
            )
        )
        notes += suppressed_marks(g.loc[g["onderdrukt"], "jaar"].astype(int).tolist(), groep)
    add_marks(fig, notes)
    if not fmt.is_missing(indicator["streefwaarde"]):
        fig.add_hline(
            y=float(indicator["streefwaarde"]), line={"color": theme.ORANGE}, annotation_text="streefwaarde"
        )
    fig.update_xaxes(tickformat="d", title=_year_axis_title(indicator))
    fig.update_yaxes(title=indicator["eenheid"], rangemode="tozero")
    return base_layout(fig, 340)


def gap_chart(latest_gap: pd.DataFrame, indicator: pd.Series) -> go.Figure:
    """Dumbbell: per municipality the latest roma value beside the totaal value."""
    if latest_gap.empty:
        return empty("Geen cijfers voor roma én totaal bij deze indicator.")
    mult = int(indicator["vermenigvuldiger"])
    g = latest_gap.sort_values(["proeftuin", "gemeente_naam"], ascending=[False, True])
    names = [f"{n}{' ●' if p else ''}" for n, p in zip(g["gemeente_naam"], g["proeftuin"], strict=True)]
    fig = go.Figure()
    xs, ys = [], []
    for name, r, t in zip(names, g["waarde_roma"], g["waarde_totaal"], strict=True):
        if not fmt.is_missing(r) and not fmt.is_missing(t):
            xs += [float(t), float(r), None]
            ys += [name, name, None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": theme.LIGHT, "width": 3},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=pd.to_numeric(g["waarde_totaal"], errors="coerce").astype(float).tolist(),
            y=names,
            mode="markers",
            name="totaal",
            marker={"color": theme.TOTAAL, "size": 10, "symbol": "square"},
            hoverinfo="text",
            hovertext=[
                f"<b>{n}</b> totaal {fmt.period(p)}: {fmt.value(v, mult)}"
                for n, p, v in zip(g["gemeente_naam"], g["periode"], g["waarde_totaal"], strict=True)
            ],
        )
    )
    shown = g.loc[~g["onderdrukt"]]
    shown_names = [n for n, o in zip(names, g["onderdrukt"], strict=True) if not o]
    fig.add_trace(
        go.Scatter(
            x=pd.to_numeric(shown["waarde_roma"], errors="coerce").astype(float).tolist(),
            y=shown_names,
            mode="markers",
            name="roma",
            marker={"color": theme.BLUE, "size": 11},
            hoverinfo="text",
            hovertext=[
                f"<b>{n}</b> roma {fmt.period(p)}: {fmt.value(v, mult)}<br>kloof: {fmt.points(k, mult)}"
                for n, p, v, k in zip(
                    shown["gemeente_naam"],
                    shown["periode"],
                    shown["waarde_roma"],
                    shown["kloof"],
                    strict=True,
                )
            ],
        )
    )
    explanation = disclosure.explanation()
    add_marks(
        fig,
        [
            {
                "x": 1,
                "xref": "paper",
                "xanchor": "right",
                "y": name,
                "yref": "y",
                "showarrow": False,
                "text": "roma onderdrukt",
                "font": {"color": theme.TOTAAL, "size": 11},
                "hovertext": f"{name} roma {periode}: onderdrukt. {explanation}",
            }
            for name, hidden, periode in zip(names, g["onderdrukt"], g["periode"], strict=True)
            if hidden
        ],
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title=indicator["eenheid"], rangemode="tozero")
    return base_layout(fig, 70 + 26 * len(g))


def funnel_chart(
    points: pd.DataFrame, limits: pd.DataFrame, centre: float, indicator: pd.Series
) -> go.Figure:
    """Each municipality's value against its noemer, with 95% and 99,8% control limits."""
    if points.empty or limits.empty:
        return empty("Geen gepubliceerde cijfers met een noemer voor dit jaar.")
    mult = int(indicator["vermenigvuldiger"])
    fig = go.Figure()
    n = limits["noemer"].tolist()
    for cov, dash, label in ((0.998, "dash", "99,8%-grenzen"), (0.95, "dot", "95%-grenzen")):
        for side in ("laag", "hoog"):
            fig.add_trace(
                go.Scatter(
                    x=n,
                    y=limits[f"{side}_{cov}"].tolist(),
                    mode="lines",
                    name=label,
                    line={"color": theme.TOTAAL, "dash": dash, "width": 1.2},
                    legendgroup=label,
                    showlegend=side == "laag",
                    hoverinfo="skip",
                )
            )
    fig.add_hline(
        y=centre,
        line={"color": theme.INK, "width": 1},
        annotation_text=f"alle gemeenten samen: {fmt.value(centre, mult)}",
    )
    for is_pilot, color, name, size in (
        (False, theme.GREY, "andere gemeenten", 8),
        (True, theme.BLUE, "proeftuinen", 11),
    ):
        p = points.loc[points["proeftuin"] == is_pilot]
        if p.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=p["noemer"].astype(float).tolist(),
                y=pd.to_numeric(p["waarde"], errors="coerce").astype(float).tolist(),
                mode="markers",
                name=name,
                marker={"color": color, "size": size, "line": {"color": "white", "width": 1}},
                hoverinfo="text",
                hovertext=[
                    f"<b>{g}</b> {fmt.period(per, v)}: {fmt.value(w, mult)}<br>{fmt.number(t)} van "
                    f"{fmt.number(nn)}<br>{lig}"
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
            )
        )
    fig.update_xaxes(title=f"noemer ({indicator['noemer_omschrijving']})", type="log")
    fig.update_yaxes(title=indicator["eenheid"], rangemode="tozero")
    return base_layout(fig, 380)


# ---------------------------------------------------------------------- municipality page


def profile_panels(
    profile: pd.DataFrame,
    catalogue: pd.DataFrame,
    vergelijking: pd.DataFrame,
    gemeente: pd.Series,
    columns: int = 3,
) -> go.Figure:
    """Every indicator of one municipality as a small chart: roma and totaal over the years."""
    codes = [c for c in catalogue["indicator"] if c in set(profile["indicator"])]
    if not codes:
        return empty("Deze gemeente heeft (nog) geen cijfers in de monitor.")
    cat = catalogue.set_index("indicator")
    titles = []
    for code in codes:
        v = vergelijking.loc[(vergelijking["indicator"] == code) & (vergelijking["doelgroep"] == "roma")]
        if v.empty:
            v = vergelijking.loc[vergelijking["indicator"] == code]
        status = theme.label(v.iloc[0]["status"]) if not v.empty else "geen vergelijking"
        doelgroep = v.iloc[0]["doelgroep"] if not v.empty else ""
        titles.append(f"{cat.loc[code, 'naam']}<br><span style='font-size:11px'>{doelgroep}: {status}</span>")
    rows = math.ceil(len(codes) / columns)
    fig = make_subplots(
        rows=rows, cols=columns, subplot_titles=titles, horizontal_spacing=0.07, vertical_spacing=0.55 / rows
    )
    notes: list[dict] = []
    lines: list[dict] = []
    for i, code in enumerate(codes, start=1):
        row, col = (i - 1) // columns + 1, (i - 1) % columns + 1
        mult = int(cat.loc[code, "vermenigvuldiger"])
        for doelgroep, color in (("totaal", theme.TOTAAL), ("roma", theme.BLUE)):
            part = profile.loc[(profile["indicator"] == code) & (profile["doelgroep"] == doelgroep)]
            if part.empty:
                continue
            fig.add_trace(
                _line(
                    part,
                    doelgroep,
                    mult,
                    line={"color": color, "width": 2},
                    legendgroup=doelgroep,
                    showlegend=i == 1,
                ),
                row=row,
                col=col,
            )
            notes += suppressed_marks(
                part.loc[part["onderdrukt"], "jaar"].astype(int).tolist(),
                f"{cat.loc[code, 'naam']}, {doelgroep}",
                i,
            )
        if not fmt.is_missing(gemeente["nulmeting_jaar"]):
            lines.append(vline(int(gemeente["nulmeting_jaar"]), i, dash="dash", color=theme.SKY, width=1))
        if not fmt.is_missing(gemeente["startjaar"]):
            lines.append(vline(int(gemeente["startjaar"]), i, dash="dot", color=theme.INK, width=1))
    fig.update_annotations(font_size=12)
    add_marks(fig, notes, lines)
    fig.update_xaxes(tickformat="d", nticks=5)
    fig.update_yaxes(rangemode="tozero")
    return base_layout(fig, 230 * rows + 80, margin={"l": 44, "r": 12, "t": 90, "b": 30})


def spine_chart(spine: pd.DataFrame, statuses: dict[str, str]) -> go.Figure:
    """Spine chart: for each indicator the range of all municipalities (grey), the middle half
    (darker), the median (line) and this municipality (dot in its status colour); better is right."""
    s = spine.reset_index(drop=True)
    labels = s["naam"].tolist()
    fig = go.Figure()
    ranged = s.loc[s["bereik"]]
    fig.add_bar(
        y=ranged["naam"],
        x=[1.0] * len(ranged),
        base=0,
        orientation="h",
        marker={"color": "#eeeeee"},
        name="alle gemeenten (laagste tot hoogste)",
        hoverinfo="text",
        hovertext=[
            f"{r.naam}: {fmt.number(r.n)} gemeenten, van {fmt.value(r.min, r.vermenigvuldiger)} "
            f"tot {fmt.value(r.max, r.vermenigvuldiger)}"
            for r in ranged.itertuples()
        ],
    )
    lo = np.minimum(ranged["s_q1"], ranged["s_q3"]) if not ranged.empty else []
    hi = np.maximum(ranged["s_q1"], ranged["s_q3"]) if not ranged.empty else []
    fig.add_bar(
        y=ranged["naam"],
        x=list(np.asarray(hi) - np.asarray(lo)),
        base=list(lo),
        orientation="h",
        marker={"color": "#bfbfbf"},
        name="middelste helft",
        hoverinfo="text",
        hovertext=[
            f"{r.naam}: middelste helft {fmt.value(r.q1, r.vermenigvuldiger)} – "
            f"{fmt.value(r.q3, r.vermenigvuldiger)}"
            for r in ranged.itertuples()
        ],
    )
    fig.add_trace(
        go.Scatter(
            y=ranged["naam"],
            x=ranged.get("s_mediaan", []),
            mode="markers",
            name="mediaan",
            marker={"symbol": "line-ns-open", "size": 16, "color": theme.INK, "line": {"width": 2}},
            hoverinfo="text",
            hovertext=[
                f"{r.naam}: mediaan {fmt.value(r.mediaan, r.vermenigvuldiger)}" for r in ranged.itertuples()
            ],
        )
    )
    own = ranged.loc[ranged["s_waarde"].notna()] if "s_waarde" in ranged else ranged.iloc[0:0]
    colors = [
        theme.STATUS.get(statuses.get(r.indicator, ""), ("", theme.BLUE, ""))[1] or theme.BLUE
        for r in own.itertuples()
    ]
    fig.add_trace(
        go.Scatter(
            y=own["naam"],
            x=own["s_waarde"],
            mode="markers",
            name="deze gemeente",
            marker={"size": 13, "color": colors, "line": {"color": theme.INK, "width": 1.5}},
            hoverinfo="text",
            hovertext=[
                f"<b>{r.naam}</b> {fmt.period(r.periode, r.voorlopig)}: "
                f"{fmt.value(r.waarde, r.vermenigvuldiger)}"
                f"<br>status: {theme.label(statuses.get(r.indicator, ''))}"
                for r in own.itertuples()
            ],
        )
    )
    explanation = disclosure.explanation()
    notes: list[dict] = []
    for r in s.itertuples():
        note = None
        if r.onderdrukt:
            note, hover = "onderdrukt", f"{r.naam}: onderdrukt. {explanation}"
        elif not r.bereik:
            note, hover = (
                "te weinig gemeenten",
                f"{r.naam}: minder dan {summaries.SPINE_MIN_GEMEENTEN} gemeenten met een cijfer",
            )
        elif fmt.is_missing(r.waarde):
            note, hover = "geen cijfer", f"{r.naam}: geen cijfer voor deze gemeente"
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
    add_marks(fig, notes)
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", automargin=True)
    fig.update_xaxes(range=[-0.02, 1.02], tickvals=[0, 1], ticktext=["slechter", "beter"], showgrid=False)
    return base_layout(fig, 80 + 30 * len(labels), margin={"l": 8, "r": 16, "t": 40, "b": 40})


# ---------------------------------------------------------------------- map


def choropleth(
    shapes: pd.DataFrame,
    classes: pd.DataFrame,
    legend: list[tuple[str, str, bool]],
    provinces: pd.DataFrame,
    hover: dict[str, str],
    pilots: set[str],
) -> go.Figure:
    """A map drawn as filled polygons on plain axes (no map tiles, nothing fetched).

    `shapes`: gemeente_code, x, y (ring coordinates, rings separated by None) and cx, cy (label
    point); `classes`: gemeente_code → klasse; `legend`: (klasse, colour, striped) in order.
    """
    fig = go.Figure()
    merged = shapes.merge(classes, on="gemeente_code", how="left")
    for klasse, color, striped in legend:
        part = merged.loc[merged["klasse"] == klasse]
        if part.empty:
            continue
        xs = [c for ring in part["x"] for c in ring]
        ys = [c for ring in part["y"] for c in ring]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=color,
                name=klasse,
                hoverinfo="skip",
                line={"color": "white", "width": 0.5},
                **(
                    {"fillpattern": {"shape": "/", "fgcolor": theme.GREY, "bgcolor": color, "solidity": 0.3}}
                    if striped
                    else {}
                ),
            )
        )
    px = [c for ring in provinces["x"] for c in ring]
    py = [c for ring in provinces["y"] for c in ring]
    fig.add_trace(
        go.Scatter(
            x=px,
            y=py,
            mode="lines",
            line={"color": "#6b6b6b", "width": 1},
            hoverinfo="skip",
            name="provinciegrens",
            showlegend=False,
        )
    )
    pil = merged.loc[merged["gemeente_code"].isin(pilots)]
    fig.add_trace(
        go.Scatter(
            x=[c for ring in pil["x"] for c in ring],
            y=[c for ring in pil["y"] for c in ring],
            mode="lines",
            line={"color": theme.INK, "width": 2.5},
            hoverinfo="skip",
            name="proeftuin (omlijnd)",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=merged["cx"].tolist(),
            y=merged["cy"].tolist(),
            mode="markers",
            name="gemeenten",
            showlegend=False,
            marker={"size": 7, "color": "rgba(0,0,0,0)"},
            hoverinfo="text",
            hovertext=[hover.get(c, "") for c in merged["gemeente_code"]],
            customdata=merged["gemeente_code"].tolist(),
        )
    )
    fig.update_xaxes(visible=False, fixedrange=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    fig = base_layout(
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
    return fig


# ---------------------------------------------------------------------- data quality


def completeness_chart(grid: pd.DataFrame, expected: int) -> go.Figure:
    """Delivered figures per municipality and year, as a share of what is expected."""
    if grid.empty:
        return empty("Er zijn nog geen leveringen verwerkt.")
    table = grid.pivot_table(index="gemeente_naam", columns="jaar", values="cijfers", aggfunc="sum")
    share = table / expected
    text = [[fmt.number(v) if not fmt.is_missing(v) else "" for v in row] for row in table.to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            z=share.to_numpy().tolist(),
            x=[int(c) for c in table.columns],
            y=table.index.tolist(),
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#fde0c5"], [0.5, "#9ecae1"], [1, "#154273"]],
            zmin=0,
            zmax=1,
            xgap=2,
            ygap=2,
            colorbar={"title": "deel van<br>verwacht", "tickformat": ".0%"},
            hovertemplate="%{y}, %{x}: %{text} van " + str(expected) + " cijfers<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(tickformat="d", dtick=1, side="top")
    return base_layout(fig, 90 + 24 * len(table), margin={"l": 8, "r": 8, "t": 60, "b": 10})
