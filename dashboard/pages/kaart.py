"""`/kaart`: a choropleth of the Netherlands from the shipped CBS/PDOK boundaries (no online tiles):
an indicator's latest value, or its status against the baseline, per municipality; pilots outlined."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import SupportsFloat

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import components, figures, fmt, geo, ids, taal, theme, urlstate
from dashboard.data import Section, monitor
from dashboard.taal import tr, word
from pipeline.vocabulary import DOELGROEPEN

PATH = "/kaart"
dash.register_page(__name__, path=PATH, name="Kaart", title="Kaart – Monitor Inclusie Roma", order=3)

MATEN = ("waarde", "verandering")  # the label of each is the catalogue's `d_maat_<maat>`
BLUES = ("#DEEBF7", "#9ECAE1", "#6BAED6", "#2171B5", "#08306B")
NO_DATA_COLOR = "#F7F7F7"


def resolve(params: dict) -> dict[str, str]:
    cat = monitor().indicatoren()
    # The map opens on the first indicator with roma figures (a CBS indicator has only totaal).
    roma = cat.loc[cat["bron"] != "cbs", "indicator"]
    default = str(roma.iloc[0]) if not roma.empty else str(cat["indicator"].iloc[0])
    indicator = urlstate.choice(params, "indicator", list(cat["indicator"]), default)
    bron = cat.loc[cat["indicator"] == indicator, "bron"].iloc[0]
    doelgroep = urlstate.choice(params, "doelgroep", DOELGROEPEN, "totaal" if bron == "cbs" else "roma")
    maat = urlstate.choice(params, "maat", MATEN, "waarde")
    return {"indicator": indicator, "doelgroep": doelgroep, "maat": maat}


def layout(_sync: object = None, **params: object) -> object:
    return taal.render(params, lambda: _layout(_sync, params))


def _layout(_sync: object, params: dict) -> object:
    try:
        state = resolve(params)
    except urlstate.NotFound as e:
        return components.not_found(str(e))
    return urlstate.layout_or_keep(PATH, state, _sync, lambda: page(state), taal.current())


def page(state: dict[str, str]) -> html.Div:
    cat = taal.indicators(monitor().indicatoren())
    return html.Div(
        [
            urlstate.page_key(PATH, state),
            *components.page_header(tr("d_kaart"), tr("d_kaart_intro")),
            html.Div(
                [
                    components.select(
                        ids.KAART_INDICATOR,
                        tr("k_indicator"),
                        [
                            {"label": f"{r.naam} ({r.domein_naam})", "value": r.indicator}
                            for r in cat.itertuples()
                        ],
                        state["indicator"],
                    ),
                    components.radios(
                        ids.KAART_DOELGROEP,
                        tr("k_doelgroep"),
                        components.doelgroep_options(),
                        state["doelgroep"],
                    ),
                    components.radios(
                        ids.KAART_MAAT,
                        tr("d_toon"),
                        [{"label": tr("d_maat_" + k), "value": k} for k in MATEN],
                        state["maat"],
                    ),
                ],
                className="filters",
            ),
            dcc.Loading(
                html.Div(body(state["indicator"], state["doelgroep"], state["maat"]), id=ids.KAART_BODY),
                delay_show=400,
            ),
        ]
    )


@callback(
    Output(ids.KAART_BODY, "children"),
    Input(ids.KAART_INDICATOR, "value"),
    Input(ids.KAART_DOELGROEP, "value"),
    Input(ids.KAART_MAAT, "value"),
    State(ids.LOCATION, "search"),
    prevent_initial_call=True,
)
def update(indicator: str, doelgroep: str, maat: str, search: str | None = None) -> object:
    """A filter changed: the map again (values outside the catalogue are ignored)."""
    if not monitor().known_view(indicator, doelgroep) or maat not in MATEN:
        return dash.no_update
    return taal.answer(search, lambda: body(indicator, doelgroep, maat))


urlstate.register_filters(
    {"indicator": ids.KAART_INDICATOR, "doelgroep": ids.KAART_DOELGROEP, "maat": ids.KAART_MAAT}
)


def value_labels(breaks: Iterable[SupportsFloat] | None, unit: str) -> list[str]:
    """The label of each class between the build's class breaks (`klassegrenzen`)."""
    edges = [float(x) for x in (breaks if breaks is not None else [])]
    if len(edges) == 1:
        edges = [edges[0], edges[0]]
    return [
        f"{fmt.number(lo, 1)} {tr('tot')} {fmt.number(hi, 1)}{unit}" for lo, hi in itertools.pairwise(edges)
    ]


def classify(frame: pd.DataFrame, maat: str, mult: int) -> tuple[pd.DataFrame, list[tuple[str, str, bool]]]:
    """gemeente_code → klasse, and the legend (klasse, colour, striped) in order. The classes are
    the build's (`publicatie_kaart.klasse`): five groups of municipalities of about equal size."""
    if maat == "verandering":
        klasse = frame["status"].map(lambda s: theme.label(s) if isinstance(s, str) else no_data())
        legend = [(theme.label(s), theme.STATUS[s][1], s == theme.ONDERDRUKT) for s in theme.STATUS_ORDER]
        return pd.DataFrame({"gemeente_code": frame["gemeente_code"], "klasse": klasse}), legend
    unit = "%" if mult == 100 else ""
    known = frame["klassegrenzen"].dropna()
    labels = value_labels(known.iloc[0] if not known.empty else None, unit)
    klasse = pd.Series(no_data(), index=frame.index, dtype=object)
    has = frame["klasse"].notna().to_numpy() & bool(labels)
    klasse[has] = [labels[int(k) - 1] for k in frame.loc[has, "klasse"]]
    klasse[frame["onderdrukt"].to_numpy(bool)] = fmt.suppressed_word()
    colors = BLUES if len(labels) == len(BLUES) else BLUES[-len(labels) :] if labels else ()
    legend = [(lab, c, False) for lab, c in zip(labels, colors, strict=True)]
    legend += [(fmt.suppressed_word(), "#FFFFFF", True)]
    return pd.DataFrame({"gemeente_code": frame["gemeente_code"], "klasse": klasse}), legend


def map_frame(indicator: str, doelgroep: str) -> pd.DataFrame:
    """Per municipality on the map: the build's latest published value, class and status."""
    k = monitor().kaart(indicator, doelgroep)
    k = k.rename(columns={"laatste_periode": "periode"})
    k["verschil_onderdrukt"] = k["status"].eq(theme.ONDERDRUKT)
    shapes = geo.municipalities()[["gemeente_code", "naam"]]
    out = shapes.merge(k.drop(columns=["gemeente_naam"]), on="gemeente_code", how="left")
    out["onderdrukt"] = out["onderdrukt"].astype("boolean").fillna(False).astype(bool)
    return out


def body(indicator: str, doelgroep: str, maat: str) -> Section:
    """Map, caption and the same figures as a table (remembered per build)."""
    return monitor().memo(
        "kaart", taal.memo_key(indicator, doelgroep, maat), lambda: _body(indicator, doelgroep, maat)
    )


def no_data() -> str:
    """The class of a municipality without a figure."""
    return tr("d_geen_cijfer")


def _body(indicator: str, doelgroep: str, maat: str) -> list:
    m = monitor()
    ind = taal.indicators(m.indicator(indicator))
    mult = int(ind["vermenigvuldiger"])
    frame = map_frame(indicator, doelgroep)
    classes, legend = classify(frame, maat, mult)
    legend.append((no_data(), NO_DATA_COLOR, False))
    pilots = set(m.gemeenten().loc[lambda g: g["proeftuin"], "gemeente_code"])
    explanation = fmt.suppression_note()
    hover = {}
    groep = word(doelgroep)
    for r in frame.itertuples():
        pilot = f" – {word('proeftuin')}" if r.gemeente_code in pilots else ""
        head = f"<b>{r.naam}</b> ({r.gemeente_code}){pilot}"
        if r.onderdrukt:
            line = (
                f"{ind['naam']}, {groep} {fmt.period(r.periode)}: {fmt.suppressed_word()}."
                f"<br>{_wrap(explanation)}"
            )
        elif fmt.is_missing(r.waarde):
            line = f"{ind['naam']}, {groep}: {no_data()}"
        else:
            shown = fmt.value(r.waarde, mult)
            line = f"{ind['naam']}, {groep} {fmt.period(r.periode, r.voorlopig)}: {shown}"
        if r.status == theme.ONVOLDOENDE and not r.onderdrukt:
            line += "<br>" + tr(
                "d_tegenover_nulmeting", status=theme.label(r.status), reden=_reason(r.nulmeting_periode)
            )
        elif isinstance(r.status, str) and not r.onderdrukt:
            change = fmt.suppressed_word() if r.verschil_onderdrukt else fmt.points(r.verschil, mult)
            line += "<br>" + tr(
                "d_tegenover_nulmeting_periode",
                periode=r.nulmeting_periode,
                verschil=change,
                status=theme.label(r.status),
            )
        hover[r.gemeente_code] = f"{head}<br>{line}"
    # The status map: each status's sign on the map and in the legend (colour never the only cue).
    symbols = {theme.label(s): theme.SYMBOL[s] for s in theme.STATUS_ORDER} if maat == "verandering" else None
    fig = figures.choropleth(geo.municipalities(), classes, legend, geo.provinces(), hover, pilots, symbols)
    shown = frame.loc[frame["waarde"].notna()]
    hidden = int(frame["onderdrukt"].sum())
    if maat == "verandering":
        counts = frame["status"].value_counts()
        told = [f"{fmt.number(counts[s])} {theme.label(s)}" for s in theme.STATUS_ORDER if counts.get(s, 0)]
        no_base = int(((frame["status"] == theme.ONVOLDOENDE) & frame["nulmeting_periode"].isna()).sum())
        why = tr("d_geen_nulmetingsjaar", gemeenten=fmt.municipalities(no_base)) if no_base else ""
        status_text = ", ".join(told) if told else tr("geen")
        legend_text = tr("d_kaart_status", status=status_text, waarom=why)
    else:
        legend_text = tr("d_klassen")
    caption = (
        tr(
            "d_kaart_bijschrift",
            indicator=ind["naam"],
            eenheid=ind["eenheid"],
            doelgroep=groep,
            maat=tr("d_maat_" + maat),
            n=fmt.number(len(shown)),
            totaal=fmt.number(len(frame)),
        )
        + (tr("d_kaart_onderdrukt", n=fmt.number(hidden)) if hidden else "")
        + tr("d_kaart_slot", legenda=legend_text)
    )
    missing = set(m.kaart(indicator, doelgroep)["gemeente_code"]) - set(frame["gemeente_code"])
    if missing:
        caption += tr("d_niet_op_kaart", n=fmt.number(len(missing)))
    table_rows = [
        [
            r.naam,
            fmt.period(r.periode, r.voorlopig) if isinstance(r.periode, str) else "–",
            components.value_or_suppressed(r.waarde, r.onderdrukt, mult),
            components.status_badge(r.status) if isinstance(r.status, str) else "–",
        ]
        for r in frame.loc[frame["waarde"].notna() | frame["onderdrukt"]].sort_values("naam").itertuples()
    ]
    return [
        components.figure(ids.GRAPH_MAP, fig, caption),
        html.Details(
            [
                html.Summary(tr("d_toon_tabel")),
                components.table(
                    [tr("d_k_gemeente"), tr("d_k_periode"), tr("d_k_waarde"), tr("k_status")],
                    table_rows,
                    numeric=(2,),
                ),
            ]
        ),
    ]


def _reason(nulmeting_periode: object) -> str:
    """Why a status could not be given, in words, from what the build published."""
    if fmt.is_missing(nulmeting_periode):
        return tr("d_reden_geen_nulmeting")
    return tr("d_reden_te_klein")


def _wrap(text: str, width: int = 60) -> str:
    """Break a long hover text into lines."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "<br>".join([*lines, line])
