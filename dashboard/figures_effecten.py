"""Pure figure functions for the effects against non-pilots and the roma–totaal gap: table in,
Plotly figure out (a plain dict, see `dashboard.plot`). No database, no Dash.

- `forest_figure`: one forest plot of every indicator's effect (the overview), indicators sharing
  a unit on one axis (percentage points for every rate per 100).
- `effect_figure`: per indicator a dot with its 95% interval as a line, on the indicator's own
  axis (units differ: per 100, per 1.000, counts), never a bare number; an estimate that is too
  small to say anything shows its reason instead of a dot.
- `event_study_figure`: the effect by years since the start, years before the start in grey
  (pre-trends), the reference year (nulmeting) as an open dot, the start marked.
- `gap_progress_figure`: per pilot the progress towards halving the gap, 100% = target reached;
  takes only a gap table that went through `pipeline.kloof.for_publication`.

Colours come from `dashboard/theme.py` (Okabe–Ito status colours, Rijkshuisstijl blues).
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard import fmt, plot, theme
from dashboard.plot import Figure
from dashboard.taal import current, tr, word
from dashboard.theme import BLUE, FONT, GREEN, GREY, INK, LIGHT, ORANGE
from pipeline.i18n.catalogue import UNITS
from pipeline.vocabulary import (
    ENGLISH,
    GEDAALD,
    GEEN_ACHTERSTAND,
    GEHALVEERD,
    GELIJK,
    GESTEGEN,
    GROTER,
    KLEINER,
    ONDERDRUKT,
    ONVOLDOENDE,
    VERBETERD,
    VERSLECHTERD,
    is_rate,
    nl_number,
)

# The status colours (Okabe–Ito, each at least 3:1 against white as a dot with a dark outline).
EFFECT_COLOURS = {ONVOLDOENDE: GREY} | {
    s: theme.STATUS[s][1] for s in (VERBETERD, GESTEGEN, GELIJK, VERSLECHTERD, GEDAALD)
}
EFFECT_LABELS = {
    VERBETERD: "gunstig effect",
    GELIJK: "geen aantoonbaar effect",
    VERSLECHTERD: "ongunstig effect",
    GESTEGEN: "gestegen t.o.v. vergelijking",
    GEDAALD: "gedaald t.o.v. vergelijking",
    ONVOLDOENDE: "onvoldoende gegevens",
}
GAP_COLOURS = {
    GEHALVEERD: GREEN,
    KLEINER: theme.STATUS[VERBETERD][1],
    GELIJK: theme.STATUS[GELIJK][1],
    GROTER: theme.STATUS[VERSLECHTERD][1],
}
GAP_LABELS = {
    GEHALVEERD: "kloof gehalveerd",
    KLEINER: "kloof kleiner",
    GELIJK: "geen aantoonbare verandering",
    GROTER: "kloof groter",
    GEEN_ACHTERSTAND: "geen achterstand bij de nulmeting",
    ONVOLDOENDE: "onvoldoende gegevens",
    ONDERDRUKT: "onderdrukt (kleine aantallen)",
}
ROW_HEIGHT = 100  # px per indicator: its title, the dot and line, the ticks
GAP_HEIGHT = 62  # px between indicators
PROGRESS_AXIS = "voortgang naar het doel (0% = als bij de nulmeting)"
PROGRESS_SHOWN = (-100.0, 200.0)  # bars are drawn within this range (%); hover gives the true value
# The labels above that are no word of the vocabulary: their key in the message catalogue.
LABEL_KEYS = {
    "gestegen t.o.v. vergelijking": "d_label_gestegen",
    "gedaald t.o.v. vergelijking": "d_label_gedaald",
    "kloof gehalveerd": "d_label_gehalveerd",
    "kloof kleiner": "d_label_kleiner",
    "geen aantoonbare verandering": "d_label_geen_verandering",
    "kloof groter": "d_label_groter",
    "geen achterstand bij de nulmeting": "d_label_geen_achterstand",
    "onderdrukt (kleine aantallen)": "d_label_onderdrukt",
}


def _label(dutch: str) -> str:
    if current() == "nl":
        return dutch
    if dutch in ENGLISH:
        return word(dutch)
    return tr(LABEL_KEYS[dutch]) if dutch in LABEL_KEYS else dutch


def effect_label(status: str) -> str:
    """A status of an effect against non-pilots in words, in the page's language."""
    return _label(EFFECT_LABELS.get(status, status))


def gap_label(status: str) -> str:
    """A status of the gap's progress in words, in the page's language."""
    return _label(GAP_LABELS.get(status, status))


def _scale(schaal: str) -> str:
    """An effect's scale as published ("per 1.000 inwoners") in the page's language."""
    return schaal if current() == "nl" else UNITS.get(schaal, schaal)


def _n(x: object, decimals: int = 1) -> str:
    """Dutch number with a real minus sign; '–' when missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x):
        return "–"
    if current() == "en":
        return fmt.number(x, decimals)
    return nl_number(fmt.to_float(x), decimals).replace("-", "−")


def _layout(fig: Figure, height: int, **extra: object) -> Figure:
    """The house style of dashboard/figures.py: Dutch separators, white, compact."""
    settings = {
        "height": height,
        "separators": ",." if current() == "nl" else ".,",
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"family": FONT, "size": 13, "color": INK},
        "showlegend": False,
        "margin": {"l": 16, "r": 16, "t": 40, "b": 40},
    }
    fig["layout"] = plot.merge(fig["layout"], settings | extra)
    # Horizontal ticks that never stand on end, and room for every label and axis title.
    plot.default_axes(fig, "x", tickangle=0, automargin=True)
    plot.default_axes(fig, "y", automargin=True)
    return fig


def _empty(message: str) -> Figure:
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
                    "font": {"size": 14, "color": GREY},
                }
            ],
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
        }
    )
    return _layout(fig, 200)


def _unit(ind: pd.Series) -> str:
    """How the effect is expressed: points on a rate, or a count."""
    mult = int(ind.get("vermenigvuldiger", 1))
    if not is_rate(mult):
        return tr("d_aantal")
    return tr("d_punt_per", per=fmt.number(mult))


def _pretrend_warning(row: pd.Series) -> str:
    low, high = row.get("voortrend_laag"), row.get("voortrend_hoog")
    if pd.notna(low) and pd.notna(high) and (low > 0 or high < 0):
        return "<br>" + tr("d_voortrend_let_op")
    return ""


def effect_figure(
    effecten: pd.DataFrame, indicatoren: pd.DataFrame, doelgroep: str = "roma", domein: str | None = None
) -> Figure:
    """Per indicator the pilots' effect against non-pilots: a dot on a line (its 95% interval)."""
    ind = indicatoren.set_index("indicator")
    rows = effecten[effecten["doelgroep"] == doelgroep].merge(
        indicatoren[["indicator", "naam", "domein", "volgorde", "vermenigvuldiger"]], on="indicator"
    )
    if domein is not None:
        rows = rows[rows["domein"] == domein]
    rows = rows.sort_values("volgorde").reset_index(drop=True)
    if rows.empty:
        return _empty(tr("d_geen_effecten_selectie"))
    height = 90 + ROW_HEIGHT * len(rows)
    units = [_unit(ind.loc[c]) for c in rows["indicator"]]
    if "schaal" in rows.columns:  # counts are estimated per 1.000 inhabitants (pipeline.effecten.op_schaal)
        units = [
            _scale(s) if u == tr("d_aantal") and isinstance(s, str) and s else u
            for u, s in zip(units, rows["schaal"], strict=True)
        ]
    titles = [f"<b>{n}</b> ({u})" for n, u in zip(rows["naam"], units, strict=True)]
    gap = 0 if len(rows) == 1 else GAP_HEIGHT / (height - 90)
    fig = plot.figure(layout=plot.subplots(len(rows), 1, titles, vertical_spacing=gap))
    for title in fig["layout"]["annotations"]:  # indicator names left-aligned above their axis
        title.update(x=0, xanchor="left", font={"size": 13})
    notes, shapes = [], []
    for k, row in rows.iterrows():
        r = k + 1
        shapes.append(plot.vline(0, r, color=GREY, width=1))
        plot.update_axes(fig, "y", r, visible=False, range=[-1, 1])
        if row["te_klein"] or pd.isna(row["ci_laag"]):
            reason = row.get("reden") or word(ONVOLDOENDE)
            notes.append(
                {
                    "text": f"{word(ONVOLDOENDE)}: {reason}",
                    "x": 0,
                    "y": 0,
                    "xref": f"{plot.ref('x', r)} domain",
                    "yref": plot.ref("y", r),
                    "xanchor": "left",
                    "showarrow": False,
                    "font": {"color": GREY, "size": 12},
                }
            )
            plot.update_axes(fig, "x", r, visible=False)
            continue
        unit = units[k]
        status = row["status"]
        hover = tr(
            "d_effect_hover",
            naam=row["naam"],
            effect=_n(row["effect"]),
            eenheid=unit,
            laag=_n(row["ci_laag"]),
            hoog=_n(row["ci_hoog"]),
            oordeel=effect_label(status),
            proeftuinen=fmt.pilots(row["n_proeftuinen"]),
            n=row["n_vergelijking"],
            let_op=_pretrend_warning(row),
        )
        fig["data"].append(
            plot.on(
                {
                    "type": "scatter",
                    "x": [float(row["effect"])],
                    "y": [0],
                    "mode": "markers",
                    "name": row["naam"],
                    "marker": {
                        "size": 12,
                        "color": EFFECT_COLOURS.get(status, BLUE),
                        "line": {"color": INK, "width": 1},
                    },
                    "error_x": {
                        "type": "data",
                        "symmetric": False,
                        "array": [float(row["ci_hoog"] - row["effect"])],
                        "arrayminus": [float(row["effect"] - row["ci_laag"])],
                        "color": INK,
                        "thickness": 2,
                        "width": 6,
                    },
                    "hovertemplate": hover + "<extra></extra>",
                    "customdata": [[row["indicator"]]],
                },
                r,
            )
        )
        span = max(abs(row["ci_laag"]), abs(row["ci_hoog"])) * 1.15 or 1.0
        plot.update_axes(
            fig,
            "x",
            r,
            range=[-float(span), float(span)],
            showgrid=False,
            zeroline=False,
            ticks="outside",
            tickcolor=LIGHT,
        )
    plot.add(fig, notes, shapes)
    title = tr("d_effect_titel", doelgroep=word(doelgroep))
    return _layout(
        fig, height, title={"text": title, "font": {"size": 14}}, margin={"l": 16, "r": 16, "t": 70, "b": 20}
    )


def _scale_group(unit: str) -> str:
    """The common axis an effect is drawn on: rates per 100 in percentage points, else its unit."""
    if unit == tr("d_punt_per", per=fmt.number(100)):
        return tr("d_effect_pp")
    points = tr("d_punt_per", per="")
    if unit.startswith(points):
        return tr("d_effect_punten", per=unit.removeprefix(points))
    return tr("d_effect_aantal", eenheid=unit)


def forest_figure(effecten: pd.DataFrame, indicatoren: pd.DataFrame, doelgroep: str = "roma") -> Figure:
    """One forest plot of every indicator's effect against non-pilots: a row per indicator, its dot
    (colour and shape by verdict) and 95% interval on a shared axis. Indicators whose effects share
    a unit share an axis (percentage points for every rate per 100; per 1.000 inhabitants for the
    rest), so at most a few panels, one under the other, each with its unit as axis title."""
    ind = indicatoren.set_index("indicator")
    rows = effecten[effecten["doelgroep"] == doelgroep].merge(
        indicatoren[["indicator", "naam", "volgorde"]], on="indicator"
    )
    rows = rows.sort_values("volgorde").reset_index(drop=True)
    if rows.empty:
        return _empty(tr("d_geen_effecten_doelgroep"))
    units = [_unit(ind.loc[c]) for c in rows["indicator"]]
    scales = rows["schaal"] if "schaal" in rows.columns else pd.Series([None] * len(rows))
    units = [
        _scale(s) if u == tr("d_aantal") and isinstance(s, str) and s else u
        for u, s in zip(units, scales, strict=True)
    ]
    rows["groep"] = [_scale_group(u) for u in units]
    rows["eenheid"] = units
    groups = list(dict.fromkeys(rows["groep"]))
    row_px, gap_px = 30, 70
    plot_px = row_px * len(rows) + gap_px * (len(groups) - 1)
    layout: dict = {}
    top = 1.0
    for g, group in enumerate(groups, start=1):
        n = int((rows["groep"] == group).sum())
        h = row_px * n / plot_px
        axis_title = {"text": group, "font": {"size": 12}}
        layout[plot.axis_key("x", g)] = {"anchor": plot.ref("y", g), "domain": [0, 1], "title": axis_title}
        layout[plot.axis_key("y", g)] = {"anchor": plot.ref("x", g), "domain": [max(0.0, top - h), top]}
        top -= h + gap_px / plot_px
    fig = plot.figure(layout=layout)
    notes, shapes = [], []
    for g, group in enumerate(groups, start=1):
        part = rows.loc[rows["groep"] == group]
        names = part["naam"].tolist()
        shapes.append(plot.vline(0, g, color=GREY, width=1))
        spans = []
        for _, row in part.iterrows():
            if row["te_klein"] or pd.isna(row["ci_laag"]):
                reason = row.get("reden") or tr("d_te_weinig_gemeenten_cijfers")
                notes.append(
                    {
                        "text": f"{word(ONVOLDOENDE)}: {reason}",
                        "x": 0,
                        "y": row["naam"],
                        "xref": plot.ref("x", g),
                        "yref": plot.ref("y", g),
                        "xanchor": "left",
                        "showarrow": False,
                        "font": {"color": INK, "size": 12},
                    }
                )
                continue
            status = row["status"]
            verdict = _label(row["oordeel"]) if row.get("oordeel") else effect_label(status)
            hover = tr(
                "d_effect_hover",
                naam=row["naam"],
                effect=_n(row["effect"]),
                eenheid=row["eenheid"],
                laag=_n(row["ci_laag"]),
                hoog=_n(row["ci_hoog"]),
                oordeel=verdict,
                proeftuinen=fmt.pilots(row["n_proeftuinen"]),
                n=row["n_vergelijking"],
                let_op=_pretrend_warning(row),
            )
            fig["data"].append(
                plot.on(
                    {
                        "type": "scatter",
                        "x": [float(row["effect"])],
                        "y": [row["naam"]],
                        "mode": "markers",
                        "name": row["naam"],
                        "marker": {
                            "size": 11,
                            "color": EFFECT_COLOURS.get(status, BLUE),
                            "symbol": theme.MARKER.get(status, "circle"),
                            "line": {"color": INK, "width": 1},
                        },
                        "error_x": {
                            "type": "data",
                            "symmetric": False,
                            "color": INK,
                            "thickness": 2,
                            "width": 5,
                            "array": [float(row["ci_hoog"] - row["effect"])],
                            "arrayminus": [float(row["effect"] - row["ci_laag"])],
                        },
                        "hovertemplate": hover + "<extra></extra>",
                        "customdata": [[row["indicator"]]],
                    },
                    g,
                )
            )
            spans.append(max(abs(row["ci_laag"]), abs(row["ci_hoog"])))
        span = (max(spans) if spans else 1.0) * 1.1 or 1.0
        plot.update_axes(
            fig,
            "x",
            g,
            range=[-float(span), float(span)],
            showgrid=True,
            gridcolor="#eeeeee",
            zeroline=False,
            ticks="outside",
            tickcolor=LIGHT,
            automargin=True,
        )
        plot.update_axes(
            fig,
            "y",
            g,
            type="category",
            categoryorder="array",
            categoryarray=names[::-1],
            range=[-0.6, len(names) - 0.4],
            automargin=True,
            ticks="",
        )
    plot.add(fig, notes, shapes)
    title = tr("d_effect_titel", doelgroep=word(doelgroep))
    return _layout(
        fig,
        plot_px + 120,
        title={"text": title, "font": {"size": 14}},
        margin={"l": 16, "r": 24, "t": 50, "b": 50},
    )


def event_study_figure(
    gebeurtenis: pd.DataFrame,
    indicator: str,
    doelgroep: str = "roma",
    naam: str | None = None,
    vermenigvuldiger: int = 100,
) -> Figure:
    """The effect by years since the start: pre-trends in grey, the start marked, the reference open."""
    g = gebeurtenis[(gebeurtenis["indicator"] == indicator) & (gebeurtenis["doelgroep"] == doelgroep)]
    g = g.sort_values("jaren_sinds_start")
    shown = g[~g["te_klein"].astype(bool) & (g["periode"] != "referentie") & g["ci_laag"].notna()]
    if shown.empty:
        return _empty(tr("d_geen_verloop"))
    unit = _unit(pd.Series({"vermenigvuldiger": vermenigvuldiger}))
    fig = plot.figure()
    for periode, colour, label in (("voor", GREY, tr("d_voor_start")), ("na", BLUE, tr("d_na_start"))):
        part = shown[shown["periode"] == periode]
        if part.empty:
            continue
        hover = [
            tr(
                "d_verloop_hover",
                jaren=_years(e),
                effect=_n(v),
                eenheid=unit,
                laag=_n(lo),
                hoog=_n(hi),
                proeftuinen=fmt.pilots(n),
            )
            for e, v, lo, hi, n in zip(
                part["jaren_sinds_start"],
                part["effect"],
                part["ci_laag"],
                part["ci_hoog"],
                part["n_proeftuinen"],
                strict=True,
            )
        ]
        fig["data"].append(
            {
                "type": "scatter",
                "x": part["jaren_sinds_start"].astype(int).tolist(),
                "y": part["effect"].astype(float).tolist(),
                "mode": "markers",
                "name": label,
                "marker": {"size": 9, "color": colour},
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": (part["ci_hoog"] - part["effect"]).astype(float).tolist(),
                    "arrayminus": (part["effect"] - part["ci_laag"]).astype(float).tolist(),
                    "color": colour,
                    "thickness": 1.5,
                },
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    if not g[g["periode"] == "referentie"].empty:
        fig["data"].append(
            {
                "type": "scatter",
                "x": [-1],
                "y": [0],
                "mode": "markers",
                "name": tr("d_nulmeting_referentie"),
                "marker": {"size": 9, "color": "white", "line": {"color": INK, "width": 1.5}},
                "hovertext": [tr("d_nulmeting_referentie_hover")],
                "hoverinfo": "text",
            }
        )
    plot.add(
        fig,
        [
            {
                "x": -0.5,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "text": tr("d_start_proeftuin"),
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
                "font": {"color": ORANGE, "size": 12},
            }
        ],
        [plot.hline(0, color=GREY, width=1), plot.vline(-0.5, color=ORANGE, width=2, dash="dash")],
    )
    fig["layout"]["xaxis"] = {
        "title": {"text": tr("d_jaren_sinds_start")},
        "dtick": 2,
        "showgrid": False,
        "ticks": "outside",
        "tickcolor": LIGHT,
    }
    fig["layout"]["yaxis"] = {
        "title": {"text": tr("d_effect_as", eenheid=unit)},
        "gridcolor": "#eeeeee",
        "zeroline": False,
    }
    title = tr("d_verloop_titel", naam=naam or indicator, doelgroep=word(doelgroep))
    return _layout(
        fig,
        400,
        showlegend=True,
        title={"text": title, "font": {"size": 14}},
        margin={"l": 16, "r": 16, "t": 64, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.32, "x": 0},
    )


def _years(e: int) -> str:
    e = int(e)
    if e < 0:
        return tr("d_jaar_voor", n=-e)
    return tr("d_startjaar_klein") if e == 0 else tr("d_jaar_na", n=e)


def gap_progress_figure(
    kloof_published: pd.DataFrame,
    gemeenten: pd.DataFrame,
    indicator: str,
    doel_fractie: float,
    naam: str | None = None,
) -> Figure:
    """Per pilot the progress towards the target for the gap (100% = reached), after disclosure."""
    if "onderdrukt" not in kloof_published.columns:
        raise ValueError("alleen de gepubliceerde kloof (publicatie_kloof) kan getoond worden")
    names = gemeenten.loc[gemeenten["proeftuin"].astype(bool), ["gemeente_code", "gemeente_naam"]]
    k = kloof_published[kloof_published["indicator"] == indicator]
    k = k.drop(columns="gemeente_naam", errors="ignore").merge(names, on="gemeente_code")
    if k.empty:
        return _empty(tr("d_geen_kloof"))
    k = k.sort_values("gemeente_naam", ascending=False).reset_index(drop=True)
    target = (
        word(GEHALVEERD)
        if doel_fractie == 0.5
        else tr("d_procent_kleiner", procent=_n(doel_fractie * 100, 0))
    )
    fig = plot.figure()
    drawn = k[~k["onderdrukt"] & k["voortgang"].notna()]
    for status, part in drawn.groupby("status", sort=False):
        pct = part["voortgang"].astype(float) * 100
        label = gap_label(status)
        hover = [
            tr(
                "d_voortgang_hover",
                naam=n,
                van=_n(a),
                naar=_n(b),
                jaar_van=int(j0),
                jaar_naar=int(j1),
                procent=_n(p, 0),
                doel=target,
                status=label,
            )
            for n, a, b, j0, j1, p in zip(
                part["gemeente_naam"],
                part["nulmeting_kloof"],
                part["laatste_kloof"],
                part["nulmeting_jaar"],
                part["laatste_jaar"],
                pct,
                strict=True,
            )
        ]
        fig["data"].append(
            {
                "type": "bar",
                "x": pct.clip(*PROGRESS_SHOWN).tolist(),
                "y": part["gemeente_naam"].tolist(),
                "orientation": "h",
                "name": label,
                "marker": {"color": GAP_COLOURS.get(status, GREY)},
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    for _, row in k[k["onderdrukt"] | k["voortgang"].isna()].iterrows():
        status = ONDERDRUKT if row["onderdrukt"] else row["status"]
        why = fmt.suppression_note() if row["onderdrukt"] else gap_label(status)
        fig["data"].append(
            {
                "type": "scatter",
                "x": [0],
                "y": [row["gemeente_naam"]],
                "mode": "text",
                "text": [gap_label(status)],
                "textposition": "middle right",
                "textfont": {"color": GREY, "size": 12},
                "hovertext": [why],
                "hoverinfo": "text",
                "showlegend": False,
            }
        )
    plot.add(
        fig,
        [
            {
                "x": 100,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "text": tr("d_doel_kloof", doel=target),
                "showarrow": False,
                "xanchor": "center",
                "yanchor": "bottom",
                "font": {"color": ORANGE, "size": 12},
            }
        ],
        [plot.vline(0, color=GREY, width=1), plot.vline(100, color=ORANGE, width=2, dash="dash")],
    )
    fig["layout"]["xaxis"] = {
        "range": [PROGRESS_SHOWN[0] - 5, PROGRESS_SHOWN[1] + 5],
        "ticksuffix": "%",
        "showgrid": False,
        "title": {"text": tr("d_voortgang_as")},
    }
    fig["layout"]["yaxis"] = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": k["gemeente_naam"].tolist(),
    }
    title = tr("d_voortgang_titel", naam=naam or indicator, doel=target)
    return _layout(
        fig,
        100 + 34 * len(k),
        showlegend=True,
        barmode="overlay",
        title={"text": title, "font": {"size": 14}},
        margin={"l": 16, "r": 24, "t": 64, "b": 56},
        legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0},
    )
