"""`/` Overzicht: the four domains at a glance, pilots against their baseline.

Sections, top to bottom: status per domain, the tartan rug (pilots × indicators), the pilots'
effect against non-pilots (a dot with its interval per indicator), the small trend lines of
pilots against the other municipalities. The last two (`lower`) arrive by their own callback, which
also runs when the page is opened: the browser draws the first charts without waiting for them.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboard import components, figures, figures_effecten, fmt, ids, rapport, summaries, theme, urlstate
from dashboard.data import Section, monitor
from pipeline.vocabulary import DOELGROEPEN, DOMEINEN

PATH = "/"
dash.register_page(__name__, path=PATH, name="Overzicht", title="Overzicht – Monitor Inclusie Roma", order=0)


def layout(_sync: object = None, **params: object) -> object:
    try:
        state = {"doelgroep": urlstate.choice(params, "doelgroep", DOELGROEPEN, "roma")}
    except urlstate.NotFound as e:
        return components.not_found(str(e))
    return urlstate.layout_or_keep(PATH, state, _sync, lambda: page(state))


def page(state: dict[str, str]) -> html.Div:
    build = monitor().build()
    return html.Div(
        [
            urlstate.page_key(PATH, state),
            *components.page_header(
                "Hebben de proeftuinen gewerkt?",
                "Per indicator: hoe staat elke proeftuin ervoor ten opzichte van zijn nulmeting (het laatste "
                "jaar vóór de start)? Groen is verbeterd, oranje gelijk gebleven, rood verslechterd, "
                "grijs: te "
                "weinig gegevens om iets te zeggen.",
            ),
            html.P(
                [
                    f"Gegevens van de build van {fmt.date(build.gemaakt)}. ",
                    dcc.Link("Hoe volledig zijn de leveringen?", href="/datakwaliteit"),
                ],
                className="bouwdatum",
            ),
            rapport.links(None),
            html.Div(
                components.radios(
                    ids.OVERZICHT_DOELGROEP, "Doelgroep", components.DOELGROEP_OPTIONS, state["doelgroep"]
                ),
                className="filters",
            ),
            dcc.Loading(html.Div(body(state["doelgroep"]), id=ids.OVERZICHT_BODY), delay_show=400),
            dcc.Loading(html.Div(id=ids.OVERZICHT_LOWER), delay_show=400),
        ]
    )


@callback(
    Output(ids.OVERZICHT_BODY, "children"), Input(ids.OVERZICHT_DOELGROEP, "value"), prevent_initial_call=True
)
def update(doelgroep: str) -> object:
    """A new doelgroep: rebuild the sections (unknown values are ignored)."""
    if doelgroep not in DOELGROEPEN:
        return dash.no_update
    return body(doelgroep)


@callback(Output(ids.OVERZICHT_LOWER, "children"), Input(ids.OVERZICHT_DOELGROEP, "value"))
def update_lower(doelgroep: str) -> object:
    """The page was drawn, or the doelgroep changed: the sections below (unknown values ignored)."""
    if doelgroep not in DOELGROEPEN:
        return dash.no_update
    return lower(doelgroep)


urlstate.register_filters({"doelgroep": ids.OVERZICHT_DOELGROEP})


def body(doelgroep: str) -> Section:
    """The sections right below the filter, for one doelgroep (remembered per build)."""
    return monitor().memo("overzicht", (doelgroep,), lambda: _body(doelgroep))


def lower(doelgroep: str) -> Section:
    """The sections further down: effects and trends (remembered per build)."""
    return monitor().memo("overzicht-onder", (doelgroep,), lambda: _lower(doelgroep))


def _body(doelgroep: str) -> list:
    m = monitor()
    catalogue = m.indicatoren()
    pilots = m.gemeenten().loc[lambda g: g["proeftuin"]]
    v = m.vergelijking()
    v = v.loc[(v["doelgroep"] == doelgroep) & v["proeftuin"]]
    return [
        domains_section(v, catalogue, len(pilots), doelgroep),
        rug_section(v, catalogue, pilots, doelgroep),
    ]


def _lower(doelgroep: str) -> list:
    m = monitor()
    catalogue = m.indicatoren()
    return [
        effects_section(m.effecten(), catalogue, doelgroep),
        trends_section(m.all_groups(doelgroep), catalogue, doelgroep),
    ]


def domains_section(v: pd.DataFrame, catalogue: pd.DataFrame, n_pilots: int, doelgroep: str) -> html.Section:
    cards = []
    for domein in DOMEINEN:
        cat = catalogue.loc[catalogue["domein"] == domein]
        names = dict(zip(cat["indicator"], cat["naam"], strict=True))
        part = v.loc[v["indicator"].isin(cat["indicator"])]
        counts = summaries.status_counts(part, theme.STATUS_ORDER)
        present = [c for c in cat["indicator"] if c in set(counts["indicator"])]
        counts = counts.set_index("indicator").loc[present].reset_index()
        missing = [names[c] for c in cat["indicator"] if c not in present]
        summary = [
            f"{names[r['indicator']]}: "
            + ", ".join(f"{fmt.number(r[s])} {theme.label(s)}" for s in theme.STATUS_ORDER if r.get(s, 0))
            for _, r in counts.iterrows()
        ]
        if missing:
            summary.append("Geen cijfers voor " + doelgroep + ": " + ", ".join(missing) + ".")
        fig = (
            figures.status_bars(counts, names, theme.STATUS_ORDER)
            if not counts.empty
            else figures.empty("Geen cijfers voor deze doelgroep.", 160)
        )
        title = str(cat["domein_naam"].iloc[0])
        cards.append(
            html.Div(
                html.Div(
                    [
                        html.H3(
                            dcc.Link(title, href=f"/thema/{domein}?doelgroep={doelgroep}"), className="h5"
                        ),
                        html.Figure(
                            [
                                dcc.Graph(
                                    id=f"{ids.GRAPH_STATUS}-{domein}",
                                    figure=fig,
                                    config=components.GRAPH_CONFIG,
                                ),
                                html.Figcaption("; ".join(summary) + ".", className="bijschrift"),
                            ],
                            className="grafiek",
                        ),
                    ],
                    className="kaartje",
                ),
                className="col-12 col-lg-6",
            )
        )
    return components.section(
        "De vier domeinen",
        [components.status_legend(), html.Div(cards, className="row g-3")],
        intro=f"Aantal proeftuinen ({fmt.number(n_pilots)} gemeenten) per status, doelgroep {doelgroep}.",
    )


def rug_section(
    v: pd.DataFrame, catalogue: pd.DataFrame, pilots: pd.DataFrame, doelgroep: str
) -> html.Section:
    """The tartan rug: pilots × indicators, each cell coloured by status with the latest value."""
    cat = catalogue.loc[catalogue["indicator"].isin(v["indicator"])]
    by_key = {(r.gemeente_code, r.indicator): r for r in v.itertuples()}
    explanation = fmt.suppression_note()
    domain_row = [html.Th("", scope="col")]
    for domein in DOMEINEN:
        n = int((cat["domein"] == domein).sum())
        if n:
            domain_row.append(
                html.Th(
                    cat.loc[cat["domein"] == domein, "domein_naam"].iloc[0],
                    colSpan=n,
                    scope="colgroup",
                    className="domein",
                )
            )
    header = [html.Th("Proeftuin", scope="col")] + [
        html.Th(
            dcc.Link(r.naam, href=f"/thema/{r.domein}?indicator={r.indicator}&doelgroep={doelgroep}"),
            scope="col",
            className="indicator",
        )
        for r in cat.itertuples()
    ]
    rows = []
    for p in pilots.sort_values("gemeente_naam").itertuples():
        cells = [html.Th(dcc.Link(p.gemeente_naam, href=f"/gemeente/{p.gemeente_code}"), scope="row")]
        for ind in cat.itertuples():
            r = by_key.get((p.gemeente_code, ind.indicator))
            mult = int(ind.vermenigvuldiger)
            if r is None:
                cells.append(
                    html.Td(
                        "–", className="status-geen", title=f"{p.gemeente_naam}, {ind.naam}: geen cijfers"
                    )
                )
                continue
            status = r.status
            if r.laatste_onderdrukt:
                text, title = "onderdrukt", f"{p.gemeente_naam}, {ind.naam}: onderdrukt. {explanation}"
            else:
                text = fmt.value(r.laatste_waarde, mult)
                base = "onderdrukt" if r.nulmeting_onderdrukt else fmt.value(r.nulmeting_waarde, mult)
                title = (
                    f"{p.gemeente_naam}, {ind.naam} ({doelgroep}): nulmeting "
                    f"{fmt.period(r.nulmeting_periode)} "
                    f"{base}; laatste {fmt.period(r.laatste_periode, r.laatste_voorlopig)} {text}; "
                    f"{theme.label(status)}"
                )
            cells.append(
                html.Td(
                    [html.Span(text), html.Span(f" ({theme.label(status)})", className="visually-hidden")],
                    className=f"status-{status.replace(' ', '-')}",
                    title=title,
                )
            )
        rows.append(html.Tr(cells))
    table = html.Div(
        html.Table(
            [
                html.Caption(
                    f"Laatste waarde en status per proeftuin en indicator (doelgroep {doelgroep}); "
                    "wijs een cel aan voor nulmeting en laatste periode."
                ),
                html.Thead([html.Tr(domain_row), html.Tr(header)]),
                html.Tbody(rows),
            ],
            className="tapijt",
            id=ids.TABLE_RUG,
        ),
        className="table-responsive",
    )
    return components.section("Proeftuinen × indicatoren", [components.status_legend(), table])


def effects_section(effecten: pd.DataFrame, catalogue: pd.DataFrame, doelgroep: str) -> html.Section:
    """The pilots' effect against municipalities that were no pilot: per indicator a dot with its
    95% interval (never a bare number), in words in the caption."""
    fig = figures_effecten.effect_figure(effecten, catalogue, doelgroep)
    rows = effecten.loc[effecten["doelgroep"] == doelgroep].merge(
        catalogue[["indicator", "naam", "volgorde", "vermenigvuldiger"]], on="indicator"
    )
    parts = []
    for r in rows.sort_values("volgorde").itertuples():
        if r.te_klein:
            parts.append(f"{r.naam}: onvoldoende gegevens ({r.reden or 'te weinig gemeenten met cijfers'})")
        else:
            label = figures_effecten.EFFECT_LABELS.get(r.status, r.status)
            shown = fmt.estimate(r.effect, r.ci_laag, r.ci_hoog, int(r.vermenigvuldiger))
            parts.append(f"{r.naam}: {shown}, {label}")
    caption = [
        f"Doelgroep {doelgroep}. Per indicator hoeveel meer (of minder) de proeftuinen sinds hun start "
        "veranderden dan gemeenten die geen proeftuin waren (stip), met het 95%-interval (lijn); ligt 0 in "
        "het interval, dan is er geen aantoonbaar effect. Elke indicator heeft zijn eigen schaal. "
        + ("; ".join(parts) + ". " if parts else "")
        + "Op de themapagina's staat het verloop per jaar sinds de start. ",
        dcc.Link("Hoe dit berekend is", href="/over#effecten"),
        ".",
    ]
    return components.section(
        "Effect van de proeftuinen tegenover andere gemeenten",
        [components.figure(ids.GRAPH_EFFECTS, fig, caption)],
    )


def trends_section(groups: pd.DataFrame, catalogue: pd.DataFrame, doelgroep: str) -> html.Section:
    fig = figures.group_trends(groups, catalogue)
    caption = (
        f"Per indicator de proeftuinen samen (blauw) en de andere gemeenten samen (grijs), doelgroep "
        f"{doelgroep}: teller en noemer opgeteld per jaar. Een × onderaan betekent dat het groepstotaal "
        "is onderdrukt. De cijfers per gemeente staan op de themapagina's."
    )
    return components.section("Trends", [components.figure(ids.GRAPH_TRENDS, fig, caption)])
