"""`/thema/<domein>`: one domain — trends per pilot against baseline and target, pilots as a group
against the other municipalities, the pilots' effect against non-pilots, the roma–totaal gap and
its progress towards halving, a funnel plot and a sortable table.

Sections, top to bottom: indicator, key figures, trends per pilot (`body`); groups, effect (with
the event study), gap (latest, and progress per pilot), funnel (`lower`, by its own callback that
also runs when the page is opened, so that the browser draws the first charts without waiting).
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import components, figures, figures_effecten, fmt, ids, summaries, taal, theme, urlstate
from dashboard.data import Section, monitor
from dashboard.taal import tr, word
from pipeline.extracts import Filters
from pipeline.vocabulary import DOELGROEPEN, DOMEINEN, is_rate

PREFIX = "/thema/"
dash.register_page(
    __name__,
    path_template="/thema/<domein>",
    name="Thema",
    title=lambda domein=None: f"{str(domein).capitalize()} – Monitor Inclusie Roma",
)

# value → (column, descending); the label of each is the catalogue's `d_sorteer_<value>`
SORTS = {
    "gemeente": ("gemeente_naam", False),
    "laatste-hoog": ("laatste_waarde", True),
    "laatste-laag": ("laatste_waarde", False),
    "verschil-hoog": ("verschil", True),
    "verschil-laag": ("verschil", False),
    "status": ("status_rang", False),
}


def sort_label(sorteer: str) -> str:
    """A sort order's label in the page's language."""
    return tr("d_sorteer_" + sorteer.replace("-", "_"))


def indicator_choices(domein: str) -> pd.DataFrame:
    cat = monitor().indicatoren()
    return cat.loc[cat["domein"] == domein]


def default_doelgroep(indicator: pd.Series) -> str:
    """`totaal` for CBS indicators (they have no roma figures), else `roma`."""
    return "totaal" if indicator["bron"] == "cbs" else "roma"


def resolve(domein: object, params: dict) -> dict[str, str]:
    """The view an address asks for, checked against the catalogue (raises NotFound)."""
    if not isinstance(domein, str) or domein not in DOMEINEN:
        raise urlstate.NotFound(
            "Dit thema kennen we niet. De thema's zijn verzuim, arbeid, wonen en veiligheid."
        )
    cat = indicator_choices(domein)
    indicator = urlstate.choice(params, "indicator", list(cat["indicator"]), str(cat["indicator"].iloc[0]))
    ind = cat.loc[cat["indicator"] == indicator].iloc[0]
    doelgroep = urlstate.choice(params, "doelgroep", DOELGROEPEN, default_doelgroep(ind))
    sorteer = urlstate.choice(params, "sorteer", list(SORTS), "gemeente")
    return {"indicator": indicator, "doelgroep": doelgroep, "sorteer": sorteer}


def layout(domein: object = None, _sync: object = None, **params: object) -> object:
    return taal.render(params, lambda: _layout(domein, _sync, params))


def _layout(domein: object, _sync: object, params: dict) -> object:
    try:
        state = resolve(domein, params)
    except urlstate.NotFound as e:
        return components.not_found(str(e))
    path = f"{PREFIX}{domein}"
    return urlstate.layout_or_keep(path, state, _sync, lambda: page(str(domein), state), taal.current())


def page(domein: str, state: dict[str, str]) -> html.Div:
    cat = taal.indicators(indicator_choices(domein))
    return html.Div(
        [
            urlstate.page_key(f"{PREFIX}{domein}", state),
            *components.page_header(str(cat["domein_naam"].iloc[0]), tr("d_thema_intro")),
            html.Div(
                [
                    components.select(
                        ids.THEMA_INDICATOR,
                        tr("k_indicator"),
                        [{"label": r.naam, "value": r.indicator} for r in cat.itertuples()],
                        state["indicator"],
                    ),
                    components.radios(
                        ids.THEMA_DOELGROEP,
                        tr("k_doelgroep"),
                        components.doelgroep_options(),
                        state["doelgroep"],
                    ),
                ],
                className="filters",
            ),
            dcc.Loading(
                html.Div(body(state["indicator"], state["doelgroep"]), id=ids.THEMA_BODY), delay_show=400
            ),
            dcc.Loading(html.Div(id=ids.THEMA_LOWER), delay_show=400),
            components.section(
                tr("d_per_gemeente"),
                [
                    html.Div(
                        [
                            components.select(
                                ids.THEMA_SORTEER,
                                tr("d_sorteer_op"),
                                [{"label": sort_label(k), "value": k} for k in SORTS],
                                state["sorteer"],
                            ),
                            html.Div(
                                [
                                    dbc_button(ids.THEMA_DOWNLOAD_BUTTON, tr("d_download_cijfers")),
                                    dcc.Download(id=ids.THEMA_DOWNLOAD),
                                ]
                            ),
                        ],
                        className="filters",
                    ),
                    html.Div(
                        table(state["indicator"], state["doelgroep"], state["sorteer"]), id=ids.THEMA_TABLE
                    ),
                ],
            ),
        ]
    )


def dbc_button(component_id: str, label: str) -> html.Button:
    return html.Button(label, id=component_id, className="btn btn-primary", type="button")


# ---------------------------------------------------------------------- callbacks (thin)


@callback(
    Output(ids.THEMA_BODY, "children"),
    Input(ids.THEMA_INDICATOR, "value"),
    Input(ids.THEMA_DOELGROEP, "value"),
    State(ids.LOCATION, "search"),
    prevent_initial_call=True,
)
def update_body(indicator: str, doelgroep: str, search: str | None = None) -> object:
    """Indicator or doelgroep changed: new charts (values outside the catalogue are ignored)."""
    if not monitor().known_view(indicator, doelgroep):
        return dash.no_update
    return taal.answer(search, lambda: body(indicator, doelgroep))


@callback(
    Output(ids.THEMA_LOWER, "children"),
    Input(ids.THEMA_INDICATOR, "value"),
    Input(ids.THEMA_DOELGROEP, "value"),
    State(ids.LOCATION, "search"),
)
def update_lower(indicator: str, doelgroep: str, search: str | None = None) -> object:
    """The page was drawn, or indicator or doelgroep changed: the charts further down."""
    if not monitor().known_view(indicator, doelgroep):
        return dash.no_update
    return taal.answer(search, lambda: lower(indicator, doelgroep))


@callback(
    Output(ids.THEMA_TABLE, "children"),
    Input(ids.THEMA_INDICATOR, "value"),
    Input(ids.THEMA_DOELGROEP, "value"),
    Input(ids.THEMA_SORTEER, "value"),
    State(ids.LOCATION, "search"),
    prevent_initial_call=True,
)
def update_table(indicator: str, doelgroep: str, sorteer: str, search: str | None = None) -> object:
    """Any filter changed: the table again."""
    if not monitor().known_view(indicator, doelgroep) or sorteer not in SORTS:
        return dash.no_update
    return taal.answer(search, lambda: table(indicator, doelgroep, sorteer))


@callback(
    Output(ids.THEMA_DOWNLOAD, "data"),
    Input(ids.THEMA_DOWNLOAD_BUTTON, "n_clicks"),
    State(ids.THEMA_INDICATOR, "value"),
    State(ids.THEMA_DOELGROEP, "value"),
    prevent_initial_call=True,
)
def download(n_clicks: int | None, indicator: str, doelgroep: str) -> object:
    """The figures behind the current view as CSV for Dutch Excel."""
    if not n_clicks or not monitor().known_view(indicator, doelgroep):
        return dash.no_update
    content, name = download_content(indicator, doelgroep)
    return dcc.send_bytes(content, name)


urlstate.register_filters(
    {"indicator": ids.THEMA_INDICATOR, "doelgroep": ids.THEMA_DOELGROEP, "sorteer": ids.THEMA_SORTEER}
)


def download_content(indicator: str, doelgroep: str) -> tuple[bytes, str]:
    """(CSV bytes, file name) for one indicator and doelgroep: the extract's csv-nl for it."""
    m = monitor()
    content = m.download(Filters(indicatoren=(indicator,)), doelgroep)
    return content, f"monitor-roma_{indicator}_{doelgroep}_{m.build().id}.csv"


# ---------------------------------------------------------------------- sections


def body(indicator: str, doelgroep: str) -> Section:
    """The indicator, its key figures and the trends per pilot (remembered per build)."""
    return monitor().memo("thema", taal.memo_key(indicator, doelgroep), lambda: _body(indicator, doelgroep))


def _body(indicator: str, doelgroep: str) -> list:
    m = monitor()
    ind = taal.indicators(m.indicator(indicator))
    series = m.series(indicator, doelgroep)
    intro = indicator_section(ind)
    if series.empty:
        return [
            intro,
            html.P(
                tr("d_geen_cijfers_indicator", indicator=ind["naam"].lower(), doelgroep=word(doelgroep))
                + (tr("d_cbs_kies_totaal", totaal=word("totaal")) if ind["bron"] == "cbs" else "."),
                className="alert alert-info",
            ),
        ]
    groups = m.groups(indicator, doelgroep)
    return [
        intro,
        key_figures(groups, ind, doelgroep),
        trends_section(series, m.vergelijking(indicator), ind, doelgroep),
    ]


def lower(indicator: str, doelgroep: str) -> Section:
    """The charts below the trends (remembered per build)."""
    return monitor().memo(
        "thema-onder", taal.memo_key(indicator, doelgroep), lambda: _lower(indicator, doelgroep)
    )


def _lower(indicator: str, doelgroep: str) -> list:
    m = monitor()
    ind = taal.indicators(m.indicator(indicator))
    series = m.series(indicator, doelgroep)
    if series.empty:
        return []  # `body` says why
    return [
        groups_section(m.groups(indicator, doelgroep), ind, doelgroep),
        effect_section(ind, doelgroep),
        gap_section(ind),
        funnel_section(series, ind, doelgroep),
    ]


def indicator_section(ind: pd.Series) -> html.Div:
    facts = [
        tr("d_feit_eenheid", eenheid=ind["eenheid"]),
        tr("d_feit_richting", richting=tr("d_richting_" + str(ind["richting"]))),
        tr("d_feit_bron", bron="CBS" if ind["bron"] == "cbs" else tr("d_gemeentelijke_leveringen")),
    ]
    if not fmt.is_missing(ind["streefwaarde"]):
        facts.append(
            tr("d_feit_streefwaarde", waarde=fmt.value(ind["streefwaarde"], int(ind["vermenigvuldiger"])))
        )
    # The catalogue's definitions have no English: in English they are marked as Dutch.
    definition = html.P(ind["definitie"]) if taal.current() == "nl" else html.P(ind["definitie"], lang="nl")
    return html.Div([html.H2(ind["naam"]), definition, html.P("; ".join(facts) + ".")])


def key_figures(groups: pd.DataFrame, ind: pd.Series, doelgroep: str) -> html.Div:
    """The two big numbers: pilots together and the others together, latest year, 95% interval."""
    mult = int(ind["vermenigvuldiger"])
    method = tr("d_wilson") if is_rate(mult) else tr("d_poisson")
    cards = []
    for groep, css in ((summaries.PILOTS, "kerncijfer"), (summaries.OTHERS, "kerncijfer anders")):
        g = summaries.latest_group_value(groups, groep)
        if g is None:
            cards.append(
                html.Div(
                    html.Div(
                        [
                            html.Span(fmt.group(groep).capitalize()),
                            html.Span("–", className="getal"),
                            html.Span(tr("d_geen_publiceerbaar")),
                        ],
                        className=css,
                    ),
                    className="col",
                )
            )
            continue
        cards.append(
            html.Div(
                html.Div(
                    [
                        html.Span(
                            tr(
                                "d_groep_samen",
                                groep=fmt.group(groep).capitalize(),
                                periode=fmt.period(g["periode"], g["voorlopig"]),
                                doelgroep=word(doelgroep),
                            )
                        ),
                        html.Span(fmt.value(g["waarde"], mult), className="getal"),
                        html.Span(
                            tr(
                                "d_kerncijfer_interval",
                                methode=method,
                                interval=fmt.interval(g["laag"], g["hoog"], mult),
                                gemeenten=fmt.municipalities(g["n_gemeenten"]),
                            )
                        ),
                    ],
                    className=css,
                ),
                className="col-12 col-md-6",
            )
        )
    return html.Div(cards, className="row g-3 my-2")


def trends_section(
    series: pd.DataFrame, vergelijking: pd.DataFrame, ind: pd.Series, doelgroep: str
) -> html.Section:
    v = vergelijking.loc[vergelijking["doelgroep"] == doelgroep]
    fig = figures.trend_panels(series, v, ind, monitor().gemeenten())
    pilots = v.loc[v["proeftuin"]]
    counts = pilots["status"].value_counts()
    summary = ", ".join(
        f"{fmt.number(counts[s])} {theme.label(s)}" for s in theme.STATUS_ORDER if s in counts
    )
    hidden = int(series["onderdrukt"].sum())
    target = tr("d_oranje_streefwaarde") if not fmt.is_missing(ind["streefwaarde"]) else ""
    caption = (
        tr("d_trend_bijschrift", oranje=target, status=summary or tr("geen"))
        + (tr("d_n_onderdrukt", n=fmt.number(hidden)) if hidden else "")
        + (tr("d_open_rondje") if series["voorlopig"].fillna(False).any() else "")
        + tr("d_tabel_onderaan")
    )
    return components.section(tr("d_trend_per_proeftuin"), [components.figure(ids.GRAPH_TREND, fig, caption)])


def groups_section(groups: pd.DataFrame, ind: pd.Series, doelgroep: str) -> html.Section:
    fig = figures.group_chart(groups, ind)
    caption = tr("d_groepen_bijschrift")
    return components.section(tr("d_groepen"), [components.figure(ids.GRAPH_GROUPS, fig, caption)])


def effect_section(ind: pd.Series, doelgroep: str) -> html.Section:
    """The pilots' effect against non-pilots for this indicator (a dot with its interval), and the
    event study: the effect per year since the start, with the years before it (pre-trends)."""
    m = monitor()
    code, mult = str(ind["indicator"]), int(ind["vermenigvuldiger"])
    effecten = m.effecten()
    own = effecten.loc[(effecten["indicator"] == code) & (effecten["doelgroep"] == doelgroep)]
    effect_fig = figures_effecten.effect_figure(own, taal.indicators(m.indicatoren()), doelgroep)
    event_fig = figures_effecten.event_study_figure(
        m.gebeurtenis(code, doelgroep), code, doelgroep, str(ind["naam"]), mult
    )
    if own.empty:
        said = tr("d_geen_effect_geschat")
    elif bool(own["te_klein"].iloc[0]):
        reden = own["reden"].iloc[0] or tr("d_te_weinig_gemeenten_cijfers")
        said = tr("d_te_weinig_om_te_zeggen", reden=reden)
    else:
        r = own.iloc[0]
        label = figures_effecten.effect_label(r["status"])
        said = tr(
            "d_effect_zin",
            effect=fmt.estimate(r["effect"], r["ci_laag"], r["ci_hoog"], mult),
            oordeel=label,
            proeftuinen=fmt.pilots(r["n_proeftuinen"]),
            n=fmt.number(r["n_vergelijking"]),
            cohorten=r["cohorten"],
        )
        if not fmt.is_missing(r["voortrend"]):
            before = fmt.estimate(r["voortrend"], r["voortrend_laag"], r["voortrend_hoog"], mult)
            apart = r["voortrend_laag"] > 0 or r["voortrend_hoog"] < 0
            said += tr("d_voor_de_start", voortrend=before) + (
                tr("d_voortrend_apart") if apart else tr("d_voortrend_gelijk")
            )
    effect_caption = [
        tr("d_effect_bijschrift", doelgroep=word(doelgroep)) + said + " ",
        dcc.Link(tr("d_hoe_berekend"), href=taal.href("/over#effecten")),
        ".",
    ]
    event_caption = tr("d_verloop_bijschrift")
    return components.section(
        tr("d_effect_tegenover"),
        [
            components.figure(ids.GRAPH_EFFECT, effect_fig, effect_caption),
            components.figure(ids.GRAPH_EVENT_STUDY, event_fig, event_caption),
        ],
    )


def gap_section(ind: pd.Series) -> html.Section | html.Div:
    """The gap roma − totaal: the latest figures side by side per municipality, and each pilot's
    progress towards halving it since its baseline."""
    m = monitor()
    roma = m.series(ind["indicator"], "roma")
    if roma.empty:
        return html.Div()
    gaps = summaries.latest_gap(summaries.gap(roma, m.series(ind["indicator"], "totaal")))
    fig = figures.gap_chart(gaps, ind)
    mult = int(ind["vermenigvuldiger"])
    shown = gaps.loc[gaps["kloof"].notna()]
    text = "; ".join(
        f"{r.gemeente_naam} {fmt.points(r.kloof, mult)}"
        for r in shown.sort_values("gemeente_naam").itertuples()
    )
    caption = tr("d_kloof_bijschrift", kloof=text or tr("geen")) + (
        tr("d_kloof_onderdrukt", gemeenten=fmt.municipalities(gaps["onderdrukt"].sum()))
        if gaps["onderdrukt"].any()
        else ""
    )
    return components.section(
        tr("d_kloof_titel"),
        [components.figure(ids.GRAPH_GAP, fig, caption), gap_progress(ind)],
    )


def gap_progress(ind: pd.Series) -> html.Figure | html.P:
    """Per pilot how far the gap has come towards the EU target (halved), from the published gap."""
    m = monitor()
    published = m.kloof(str(ind["indicator"]))
    pilots = m.gemeenten().loc[lambda g: g["proeftuin"], "gemeente_code"]
    k = published.loc[published["gemeente_code"].isin(pilots)]
    if k.empty:
        return html.P(tr("d_geen_kloof_bij"), className="bijschrift")
    doel = m.regel("kloof.doel_fractie")
    fig = figures_effecten.gap_progress_figure(
        published, m.gemeenten(), str(ind["indicator"]), doel, str(ind["naam"])
    )
    counts = k.loc[~k["onderdrukt"], "status"].value_counts()
    said = ", ".join(f"{fmt.number(n)} {figures_effecten.gap_label(s)}" for s, n in counts.items())
    hidden = int(k["onderdrukt"].sum())
    caption = (
        tr("d_voortgang_bijschrift", procent=fmt.number(doel * 100))
        + (f"{said}. " if said else "")
        + (
            tr(
                "d_voortgang_onderdrukt_een" if hidden == 1 else "d_voortgang_onderdrukt",
                proeftuinen=fmt.pilots(hidden),
            )
            if hidden
            else ""
        )
    )
    return components.figure(ids.GRAPH_GAP_PROGRESS, fig, caption)


def funnel_section(series: pd.DataFrame, ind: pd.Series, doelgroep: str) -> html.Section:
    mult = int(ind["vermenigvuldiger"])
    if not is_rate(mult):
        return components.section(tr("d_trechterplot"), [html.P(tr("d_trechter_aantal"))])
    funnel, points, limits = monitor().trechter(str(ind["indicator"]), doelgroep)
    if funnel is None or points.empty:
        return components.section(tr("d_trechterplot"), [html.P(tr("d_trechter_te_weinig"))])
    year = int(funnel["jaar"])
    centre = float(funnel["centrum"])
    fig = figures.funnel_chart(points, limits, centre, ind)
    outside = points.loc[points["ligging"] != "binnen de grenzen"]
    rows = series.loc[series["jaar"] == year]
    hidden = rows.loc[rows["onderdrukt"], "gemeente_naam"].tolist()
    caption = (
        tr(
            "d_trechter_bijschrift",
            periode=fmt.period(points["periode"].iloc[0]),
            doelgroep=word(doelgroep),
            centrum=fmt.value(centre, mult),
        )
        + tr("d_trechter_methode", methode=figures.method(funnel["methode"]))
        + (
            tr(
                "d_buiten_de_grenzen",
                lijst=", ".join(
                    f"{r.gemeente_naam} ({figures.ligging(r.ligging)})" for r in outside.itertuples()
                ),
            )
            if not outside.empty
            else tr("d_geen_buiten")
        )
        + (tr("d_niet_getoond_onderdrukt", lijst=", ".join(hidden)) if hidden else "")
    )
    return components.section(tr("d_trechterplot"), [components.figure(ids.GRAPH_FUNNEL, fig, caption)])


# ---------------------------------------------------------------------- table


def table(indicator: str, doelgroep: str, sorteer: str) -> Section:
    """Baseline, latest, difference and status per municipality, sorted (remembered per build)."""
    return monitor().memo(
        "thema-tabel",
        taal.memo_key(indicator, doelgroep, sorteer),
        lambda: _table(indicator, doelgroep, sorteer),
    )


def _table(indicator: str, doelgroep: str, sorteer: str) -> html.Div | html.P:
    ind = taal.indicators(monitor().indicator(indicator))
    v, rows = table_rows(indicator, doelgroep)
    if v.empty:
        return html.P(tr("d_geen_cijfers_keuze"))
    column, descending = SORTS[sorteer]
    order = summaries.sort_rows(v, column, descending).index
    mult = int(ind["vermenigvuldiger"])
    note = (
        tr("d_verschil_uitleg")
        + (tr("d_verschil_pp") if mult == 100 else "")
        + tr("d_voorlopig_noot")
        + (tr("d_onderdrukt_kop") + fmt.suppression_note() if v["onderdrukt"].any() else "")
    )
    return html.Div(
        [
            components.table(
                components.comparison_header(tr("d_k_gemeente"), tr("d_k_groep")),
                [rows[i] for i in order],
                table_id=ids.TABLE_COMPARISON,
                caption=tr(
                    "d_tabel_bijschrift",
                    indicator=ind["naam"],
                    doelgroep=word(doelgroep),
                    sortering=sort_label(sorteer),
                ),
                numeric=TABLE_NUMERIC,
            ),
            html.P(note, className="bijschrift"),
        ]
    )


TABLE_NUMERIC = (3, 5, 6)


def table_rows(indicator: str, doelgroep: str) -> tuple[pd.DataFrame, tuple]:
    """The comparison table's rows, each rendered once per build (as JSON), and the columns to sort
    them on: another sort order only reorders them."""
    m = monitor()

    def compute() -> tuple[pd.DataFrame, tuple]:
        v = m.vergelijking(indicator)
        v = v.loc[v["doelgroep"] == doelgroep].reset_index(drop=True)
        v["status_rang"] = v["status"].map({s: i for i, s in enumerate(theme.STATUS_ORDER)})
        ind = m.indicator(indicator)
        if ind is None:  # the callers have checked the indicator (`known_view`, `resolve`)
            raise KeyError(indicator)
        mult = int(ind["vermenigvuldiger"])
        return v, tuple(components.table_row(cells, TABLE_NUMERIC) for cells in _cells(v, mult))

    v, rows = m.keep("thema-rijen", taal.memo_key(indicator, doelgroep), compute)
    return v.copy(), rows


def _cells(v: pd.DataFrame, mult: int) -> list[list]:
    rows = []
    for r in v.itertuples():
        diff: object
        if r.onderdrukt:
            diff = components.suppressed()
        else:
            diff = fmt.points(r.verschil, mult)
            if not fmt.is_missing(r.verschil_laag):
                low, high = fmt.number(r.verschil_laag, 1), fmt.number(r.verschil_hoog, 1)
                diff = f"{diff} (95%: {low} {tr('tot')} {high})"
        rows.append(
            [
                dcc.Link(r.gemeente_naam, href=taal.href(f"/gemeente/{r.gemeente_code}")),
                word("proeftuin")
                if r.proeftuin
                else (tr("d_genoemd") if r.groep == "genoemd" else tr("d_overig")),
                fmt.period(r.nulmeting_periode),
                components.value_or_suppressed(r.nulmeting_waarde, r.nulmeting_onderdrukt, mult),
                fmt.period(r.laatste_periode, r.laatste_voorlopig),
                components.value_or_suppressed(r.laatste_waarde, r.laatste_onderdrukt, mult),
                diff,
                components.status_badge(r.status),
            ]
        )
    return rows
