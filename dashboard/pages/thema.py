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

from dashboard import components, figures, figures_effecten, fmt, ids, summaries, theme, urlstate
from dashboard.data import Section, monitor
from pipeline.extracts import Filters
from pipeline.vocabulary import DOELGROEPEN, DOMEINEN

PREFIX = "/thema/"
dash.register_page(
    __name__,
    path_template="/thema/<domein>",
    name="Thema",
    title=lambda domein=None: f"{str(domein).capitalize()} – Monitor Inclusie Roma",
)

# value → (label, column, descending)
SORTS = {
    "gemeente": ("gemeente (A–Z)", "gemeente_naam", False),
    "laatste-hoog": ("laatste waarde, hoog naar laag", "laatste_waarde", True),
    "laatste-laag": ("laatste waarde, laag naar hoog", "laatste_waarde", False),
    "verschil-hoog": ("verschil, hoog naar laag", "verschil", True),
    "verschil-laag": ("verschil, laag naar hoog", "verschil", False),
    "status": ("status", "status_rang", False),
}
RICHTING = {
    "lager_beter": "lager is beter",
    "hoger_beter": "hoger is beter",
    "neutraal": "neutraal: meer kan ook betere signalering betekenen",
}


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
    try:
        state = resolve(domein, params)
    except urlstate.NotFound as e:
        return components.not_found(str(e))
    path = f"{PREFIX}{domein}"
    return urlstate.layout_or_keep(path, state, _sync, lambda: page(str(domein), state))


def page(domein: str, state: dict[str, str]) -> html.Div:
    cat = indicator_choices(domein)
    return html.Div(
        [
            urlstate.page_key(f"{PREFIX}{domein}", state),
            *components.page_header(
                str(cat["domein_naam"].iloc[0]),
                "Kies een indicator en een doelgroep. De grafieken tonen elke proeftuin tegen zijn "
                "nulmeting, de proeftuinen samen tegen de andere gemeenten, en de kloof tussen roma "
                "en de hele bevolking.",
            ),
            html.Div(
                [
                    components.select(
                        ids.THEMA_INDICATOR,
                        "Indicator",
                        [{"label": r.naam, "value": r.indicator} for r in cat.itertuples()],
                        state["indicator"],
                    ),
                    components.radios(
                        ids.THEMA_DOELGROEP, "Doelgroep", components.DOELGROEP_OPTIONS, state["doelgroep"]
                    ),
                ],
                className="filters",
            ),
            dcc.Loading(
                html.Div(body(state["indicator"], state["doelgroep"]), id=ids.THEMA_BODY), delay_show=400
            ),
            dcc.Loading(html.Div(id=ids.THEMA_LOWER), delay_show=400),
            components.section(
                "Per gemeente",
                [
                    html.Div(
                        [
                            components.select(
                                ids.THEMA_SORTEER,
                                "Sorteer de tabel op",
                                [{"label": label, "value": k} for k, (label, _, _) in SORTS.items()],
                                state["sorteer"],
                            ),
                            html.Div(
                                [
                                    dbc_button(ids.THEMA_DOWNLOAD_BUTTON, "Download de cijfers (CSV)"),
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
    prevent_initial_call=True,
)
def update_body(indicator: str, doelgroep: str) -> object:
    """Indicator or doelgroep changed: new charts (values outside the catalogue are ignored)."""
    if not monitor().known_view(indicator, doelgroep):
        return dash.no_update
    return body(indicator, doelgroep)


@callback(
    Output(ids.THEMA_LOWER, "children"),
    Input(ids.THEMA_INDICATOR, "value"),
    Input(ids.THEMA_DOELGROEP, "value"),
)
def update_lower(indicator: str, doelgroep: str) -> object:
    """The page was drawn, or indicator or doelgroep changed: the charts further down."""
    if not monitor().known_view(indicator, doelgroep):
        return dash.no_update
    return lower(indicator, doelgroep)


@callback(
    Output(ids.THEMA_TABLE, "children"),
    Input(ids.THEMA_INDICATOR, "value"),
    Input(ids.THEMA_DOELGROEP, "value"),
    Input(ids.THEMA_SORTEER, "value"),
    prevent_initial_call=True,
)
def update_table(indicator: str, doelgroep: str, sorteer: str) -> object:
    """Any filter changed: the table again."""
    if not monitor().known_view(indicator, doelgroep) or sorteer not in SORTS:
        return dash.no_update
    return table(indicator, doelgroep, sorteer)


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
    return monitor().memo("thema", (indicator, doelgroep), lambda: _body(indicator, doelgroep))


def _body(indicator: str, doelgroep: str) -> list:
    m = monitor()
    ind = m.indicator(indicator)
    series = m.series(indicator, doelgroep)
    intro = indicator_section(ind)
    if series.empty:
        return [
            intro,
            html.P(
                f"Voor {ind['naam'].lower()} zijn er geen cijfers voor de doelgroep {doelgroep}"
                + (
                    " (dit is een CBS-cijfer over de hele bevolking; kies ‘totaal’)."
                    if ind["bron"] == "cbs"
                    else "."
                ),
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
    return monitor().memo("thema-onder", (indicator, doelgroep), lambda: _lower(indicator, doelgroep))


def _lower(indicator: str, doelgroep: str) -> list:
    m = monitor()
    ind = m.indicator(indicator)
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
        f"Eenheid: {ind['eenheid']}",
        f"richting: {RICHTING[ind['richting']]}",
        f"bron: {'CBS' if ind['bron'] == 'cbs' else 'gemeentelijke leveringen'}",
    ]
    if not fmt.is_missing(ind["streefwaarde"]):
        facts.append(f"streefwaarde: {fmt.value(ind['streefwaarde'], int(ind['vermenigvuldiger']))}")
    return html.Div([html.H2(ind["naam"]), html.P(ind["definitie"]), html.P("; ".join(facts) + ".")])


def key_figures(groups: pd.DataFrame, ind: pd.Series, doelgroep: str) -> html.Div:
    """The two big numbers: pilots together and the others together, latest year, 95% interval."""
    mult = int(ind["vermenigvuldiger"])
    method = "exact Poisson-interval" if mult == 1 else "Wilson-interval"
    cards = []
    for groep, css in ((summaries.PILOTS, "kerncijfer"), (summaries.OTHERS, "kerncijfer anders")):
        g = summaries.latest_group_value(groups, groep)
        if g is None:
            cards.append(
                html.Div(
                    html.Div(
                        [
                            html.Span(groep.capitalize()),
                            html.Span("–", className="getal"),
                            html.Span("geen publiceerbaar cijfer"),
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
                            f"{groep.capitalize()} samen, {fmt.period(g['periode'], g['voorlopig'])} "
                            f"({doelgroep})"
                        ),
                        html.Span(fmt.value(g["waarde"], mult), className="getal"),
                        html.Span(
                            f"95%-{method}: {fmt.interval(g['laag'], g['hoog'], mult)}; "
                            f"{fmt.municipalities(g['n_gemeenten'])}"
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
    caption = (
        f"Elke proeftuin (blauw) tegen alle andere gemeenten met cijfers (grijs). Gestippeld: het startjaar; "
        "gestreept: de "
        f"nulmeting{'; oranje: de streefwaarde' if not fmt.is_missing(ind['streefwaarde']) else ''}. "
        f"Status van de proeftuinen ten opzichte van hun nulmeting: {summary or 'geen'}. "
        + (f"{fmt.number(hidden)} cijfers zijn onderdrukt (× onderaan). " if hidden else "")
        + (
            "Een open rondje is een voorlopig CBS-cijfer (*). "
            if series["voorlopig"].fillna(False).any()
            else ""
        )
        + "De tabel onderaan de pagina geeft dezelfde cijfers per gemeente."
    )
    return components.section("Trend per proeftuin", [components.figure(ids.GRAPH_TREND, fig, caption)])


def groups_section(groups: pd.DataFrame, ind: pd.Series, doelgroep: str) -> html.Section:
    fig = figures.group_chart(groups, ind)
    caption = (
        "Teller en noemer van alle proeftuinen samen tegen die van alle andere gemeenten samen, per "
        "jaar, met "
        "een 95%-interval (band). Een groepstotaal waaruit een onderdrukt cijfer terug te rekenen zou zijn, "
        "wordt niet getoond (× onderaan). Welke groep in welk jaar begon, verschilt: dit is een "
        "beschrijving, "
        "geen effectmeting."
    )
    return components.section(
        "Proeftuinen samen tegen de andere gemeenten", [components.figure(ids.GRAPH_GROUPS, fig, caption)]
    )


def effect_section(ind: pd.Series, doelgroep: str) -> html.Section:
    """The pilots' effect against non-pilots for this indicator (a dot with its interval), and the
    event study: the effect per year since the start, with the years before it (pre-trends)."""
    m = monitor()
    code, mult = str(ind["indicator"]), int(ind["vermenigvuldiger"])
    effecten = m.effecten()
    own = effecten.loc[(effecten["indicator"] == code) & (effecten["doelgroep"] == doelgroep)]
    effect_fig = figures_effecten.effect_figure(own, m.indicatoren(), doelgroep)
    event_fig = figures_effecten.event_study_figure(m.gebeurtenis(code, doelgroep), code, doelgroep,
                                                    str(ind["naam"]), mult)  # fmt: skip
    if own.empty:
        said = "Voor deze indicator en doelgroep is geen effect geschat."
    elif bool(own["te_klein"].iloc[0]):
        reden = own["reden"].iloc[0] or "te weinig gemeenten met cijfers"
        said = f"Te weinig gegevens om iets te zeggen: {reden}."
    else:
        r = own.iloc[0]
        label = figures_effecten.EFFECT_LABELS.get(r["status"], r["status"])
        said = (f"Effect: {fmt.estimate(r['effect'], r['ci_laag'], r['ci_hoog'], mult)}, {label}; "
                f"{fmt.pilots(r['n_proeftuinen'])} tegen {fmt.number(r['n_vergelijking'])} "
                f"gemeenten die geen proeftuin waren (startjaren: {r['cohorten']}; "
                "* = aangenomen).")  # fmt: skip
        if not fmt.is_missing(r["voortrend"]):
            before = fmt.estimate(r["voortrend"], r["voortrend_laag"], r["voortrend_hoog"], mult)
            apart = r["voortrend_laag"] > 0 or r["voortrend_hoog"] < 0
            said += f" Vóór de start: gemiddeld {before}; " + (
                "let op, proeftuinen en vergelijking bewogen toen niet gelijk op: lees het effect met zorg."
                if apart
                else "proeftuinen en vergelijking bewogen toen gelijk op."
            )
    effect_caption = [
        f"Doelgroep {doelgroep}: hoeveel meer (of minder) de proeftuinen sinds hun start veranderden dan "
        "gemeenten die geen proeftuin waren (stip), met het 95%-interval (lijn). " + said + " ",
        dcc.Link("Hoe dit berekend is", href="/over#effecten"),
        ".",
    ]
    event_caption = (
        "Het effect per jaar sinds de start, elk jaar tegen de nulmeting (open rondje, 0 per definitie). "
        "Grijs: de jaren vóór de start; liggen die rond 0, dan gingen proeftuinen en vergelijking gelijk op "
        "en is de vergelijking geloofwaardig. Oranje gestreept: de start. Jaren met te weinig proeftuinen "
        "ontbreken."
    )
    return components.section(
        "Effect tegenover gemeenten die geen proeftuin waren",
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
    caption = (
        "Laatste cijfer van roma (blauw rondje) naast dat van de hele bevolking (grijs vierkantje) "
        "per gemeente; "
        f"● = proeftuin. Kloof roma − totaal: {text or 'geen'}."
        + (
            f" Bij {fmt.municipalities(gaps['onderdrukt'].sum())} is het roma-cijfer "
            "onderdrukt."
            if gaps["onderdrukt"].any()
            else ""
        )
    )
    return components.section(
        "Kloof tussen roma en de hele bevolking",
        [components.figure(ids.GRAPH_GAP, fig, caption), gap_progress(ind)],
    )


def gap_progress(ind: pd.Series) -> html.Figure | html.P:
    """Per pilot how far the gap has come towards the EU target (halved), from the published gap."""
    m = monitor()
    published = m.kloof(str(ind["indicator"]))
    pilots = m.gemeenten().loc[lambda g: g["proeftuin"], "gemeente_code"]
    k = published.loc[published["gemeente_code"].isin(pilots)]
    if k.empty:
        return html.P(
            "Voor aantallen en neutrale indicatoren houdt de monitor geen kloof bij die te halveren is.",
            className="bijschrift",
        )
    doel = m.regel("kloof.doel_fractie")
    fig = figures_effecten.gap_progress_figure(published, m.gemeenten(), str(ind["indicator"]), doel,
                                               str(ind["naam"]))  # fmt: skip
    counts = k.loc[~k["onderdrukt"], "status"].value_counts()
    said = ", ".join(f"{fmt.number(n)} {figures_effecten.GAP_LABELS.get(s, s)}" for s, n in counts.items())
    hidden = int(k["onderdrukt"].sum())
    caption = (
        "Per proeftuin hoe ver de kloof tussen roma en de hele bevolking sinds de nulmeting op weg is naar "
        f"het doel van het EU-kader voor Roma 2020–2030: een kloof die {fmt.number(doel * 100)}% kleiner is "
        "(100% = doel bereikt, 0% = als bij de nulmeting, negatief = groter geworden). "
        + (f"{said}. " if said else "")
        + (f"Bij {fmt.pilots(hidden)} is een roma-cijfer onderdrukt; "
           f"{'zijn' if hidden == 1 else 'hun'} kloof wordt niet getoond." if hidden else "")
    )  # fmt: skip
    return components.figure(ids.GRAPH_GAP_PROGRESS, fig, caption)


def funnel_section(series: pd.DataFrame, ind: pd.Series, doelgroep: str) -> html.Section:
    mult = int(ind["vermenigvuldiger"])
    if mult == 1:
        return components.section(
            "Trechterplot",
            [
                html.P(
                    "Een trechterplot zet een cijfer af tegen zijn noemer; deze indicator is een "
                    "aantal zonder noemer."
                )
            ],
        )
    funnel, points, limits = monitor().trechter(str(ind["indicator"]), doelgroep)
    if funnel is None or points.empty:
        return components.section(
            "Trechterplot", [html.P("Te weinig gepubliceerde cijfers voor een trechterplot.")]
        )
    year = int(funnel["jaar"])
    centre = float(funnel["centrum"])
    fig = figures.funnel_chart(points, limits, centre, ind)
    outside = points.loc[points["ligging"] != "binnen de grenzen"]
    rows = series.loc[series["jaar"] == year]
    hidden = rows.loc[rows["onderdrukt"], "gemeente_naam"].tolist()
    caption = (
        f"{fmt.period(points['periode'].iloc[0])}, doelgroep {doelgroep}: elke gemeente (proeftuinen "
        "blauw) tegen "
        "de grootte van haar noemer. Binnen de trechter (95% gestippeld, 99,8% gestreept) rond het "
        "cijfer van "
        f"alle gemeenten samen ({fmt.value(centre, mult)}, onderdrukte cijfers inbegrepen) is een verschil "
        "goed te verklaren door toeval; "
        f"een kleine gemeente is dus niet snel een uitschieter. Grenzen: {funnel['methode']}. "
        + (
            "Buiten de grenzen: "
            f"{', '.join(f'{r.gemeente_naam} ({r.ligging})' for r in outside.itertuples())}. "
            if not outside.empty
            else "Geen gemeente ligt buiten de grenzen. "
        )
        + (f"Niet getoond omdat het cijfer is onderdrukt: {', '.join(hidden)}." if hidden else "")
    )
    return components.section("Trechterplot", [components.figure(ids.GRAPH_FUNNEL, fig, caption)])


# ---------------------------------------------------------------------- table


def table(indicator: str, doelgroep: str, sorteer: str) -> Section:
    """Baseline, latest, difference and status per municipality, sorted (remembered per build)."""
    return monitor().memo(
        "thema-tabel",
        (indicator, doelgroep, sorteer),
        lambda: _table(indicator, doelgroep, sorteer),
    )


def _table(indicator: str, doelgroep: str, sorteer: str) -> html.Div:
    ind = monitor().indicator(indicator)
    v, rows = table_rows(indicator, doelgroep)
    if v.empty:
        return html.P("Geen cijfers voor deze keuze.")
    _, column, descending = SORTS[sorteer]
    order = summaries.sort_rows(v, column, descending).index
    mult = int(ind["vermenigvuldiger"])
    note = (
        "Verschil: laatste min nulmeting"
        + (" in procentpunten, met 95%-interval (Newcombe)" if mult == 100 else "")
        + ". * = voorlopig cijfer (CBS). "
        + ("Onderdrukt: " + fmt.suppression_note() if v["onderdrukt"].any() else "")
    )
    return html.Div(
        [
            components.table(
                ["Gemeente", "Groep", "Nulmeting", "Waarde", "Laatste", "Waarde", "Verschil", "Status"],
                [rows[i] for i in order],
                table_id=ids.TABLE_COMPARISON,
                caption=f"{ind['naam']}, doelgroep {doelgroep}: nulmeting en laatste cijfer per gemeente, "
                f"gesorteerd op {SORTS[sorteer][0]}.",
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
        mult = int(m.indicator(indicator)["vermenigvuldiger"])
        return v, tuple(components.table_row(cells, TABLE_NUMERIC) for cells in _cells(v, mult))

    v, rows = m.keep("thema-rijen", (indicator, doelgroep), compute)  # type: ignore[misc]
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
                diff = f"{diff} (95%: {fmt.number(r.verschil_laag, 1)} tot {fmt.number(r.verschil_hoog, 1)})"
        rows.append(
            [
                dcc.Link(r.gemeente_naam, href=f"/gemeente/{r.gemeente_code}"),
                "proeftuin"
                if r.proeftuin
                else ("genoemd in de brieven" if r.groep == "genoemd" else "overig"),
                fmt.period(r.nulmeting_periode),
                components.value_or_suppressed(r.nulmeting_waarde, r.nulmeting_onderdrukt, mult),
                fmt.period(r.laatste_periode, r.laatste_voorlopig),
                components.value_or_suppressed(r.laatste_waarde, r.laatste_onderdrukt, mult),
                diff,
                components.status_badge(r.status),
            ]
        )
    return rows
