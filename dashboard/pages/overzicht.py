"""`/` Overzicht: the four domains at a glance, pilots against their baseline.

Sections, top to bottom: status per domain, the tartan rug (pilots × indicators), the pilots'
effect against non-pilots (a dot with its interval per indicator), the small trend lines of
pilots against the other municipalities. The last two (`lower`) arrive by their own callback, which
also runs when the page is opened: the browser draws the first charts without waiting for them.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import (
    components,
    figures,
    figures_effecten,
    fmt,
    ids,
    rapport,
    summaries,
    taal,
    theme,
    urlstate,
)
from dashboard.attrs import attrs
from dashboard.data import Section, monitor
from dashboard.taal import tr, word
from pipeline.vocabulary import DOELGROEPEN, DOMEINEN, ONVOLDOENDE, VERBETERD, VERDICTS, VERSLECHTERD

PATH = "/"
dash.register_page(__name__, path=PATH, name="Overzicht", title="Overzicht – Monitor Inclusie Roma", order=0)


def layout(_sync: object = None, **params: object) -> object:
    return taal.render(params, lambda: _layout(_sync, params))


def _layout(_sync: object, params: dict) -> object:
    try:
        state = {"doelgroep": urlstate.choice(params, "doelgroep", DOELGROEPEN, "roma")}
    except urlstate.NotFound as e:
        return components.not_found(str(e))
    return urlstate.layout_or_keep(PATH, state, _sync, lambda: page(state), taal.current())


def page(state: dict[str, str]) -> html.Div:
    build = monitor().build()
    return html.Div(
        [
            urlstate.page_key(PATH, state),
            *components.page_header(tr("d_overzicht_titel"), tr("d_overzicht_uitleg")),
            html.P(
                [
                    tr("d_build_van", datum=fmt.date(build.gemaakt)),
                    dcc.Link(tr("d_hoe_volledig"), href=taal.href("/datakwaliteit")),
                ],
                className="bouwdatum",
            ),
            rapport.links(None),
            html.Div(
                components.radios(
                    ids.OVERZICHT_DOELGROEP,
                    tr("k_doelgroep"),
                    components.doelgroep_options(),
                    state["doelgroep"],
                ),
                className="filters",
            ),
            dcc.Loading(html.Div(body(state["doelgroep"]), id=ids.OVERZICHT_BODY), delay_show=400),
            dcc.Loading(html.Div(id=ids.OVERZICHT_LOWER), delay_show=400),
        ]
    )


@callback(
    Output(ids.OVERZICHT_BODY, "children"),
    Input(ids.OVERZICHT_DOELGROEP, "value"),
    State(ids.LOCATION, "search"),
    prevent_initial_call=True,
)
def update(doelgroep: str, search: str | None = None) -> object:
    """A new doelgroep: rebuild the sections (unknown values are ignored)."""
    if doelgroep not in DOELGROEPEN:
        return dash.no_update
    return taal.answer(search, lambda: body(doelgroep))


@callback(
    Output(ids.OVERZICHT_LOWER, "children"),
    Input(ids.OVERZICHT_DOELGROEP, "value"),
    State(ids.LOCATION, "search"),
)
def update_lower(doelgroep: str, search: str | None = None) -> object:
    """The page was drawn, or the doelgroep changed: the sections below (unknown values ignored)."""
    if doelgroep not in DOELGROEPEN:
        return dash.no_update
    return taal.answer(search, lambda: lower(doelgroep))


urlstate.register_filters({"doelgroep": ids.OVERZICHT_DOELGROEP})


def body(doelgroep: str) -> Section:
    """The sections right below the filter, for one doelgroep (remembered per build)."""
    return monitor().memo("overzicht", taal.memo_key(doelgroep), lambda: _body(doelgroep))


def lower(doelgroep: str) -> Section:
    """The sections further down: effects and trends (remembered per build)."""
    return monitor().memo("overzicht-onder", taal.memo_key(doelgroep), lambda: _lower(doelgroep))


def _body(doelgroep: str) -> list:
    m = monitor()
    catalogue = taal.indicators(m.indicatoren())
    pilots = m.gemeenten().loc[lambda g: g["proeftuin"]]
    v = m.vergelijking()
    v = v.loc[(v["doelgroep"] == doelgroep) & v["proeftuin"]]
    return [
        answer_section(v, m.effecten(), catalogue, pilots, doelgroep),
        domains_section(v, catalogue, len(pilots), doelgroep),
        rug_section(v, catalogue, pilots, doelgroep),
    ]


def _names(codes: list[str], names: dict[str, str]) -> str:
    return ", ".join(names[c].lower() if i else names[c] for i, c in enumerate(codes))


def answer_section(
    v: pd.DataFrame, effecten: pd.DataFrame, catalogue: pd.DataFrame, pilots: pd.DataFrame, doelgroep: str
) -> html.Section:
    """The answer first, from the publication tables only: per pilot on which indicators it improved
    or worsened against its baseline (publicatie_vergelijking's status), and for the pilots
    together against municipalities that were no pilot (publicatie_effecten's verdict)."""
    names = dict(zip(catalogue["indicator"], catalogue["naam"], strict=True))
    order = {c: i for i, c in enumerate(catalogue["indicator"])}
    eff = effecten.loc[effecten["doelgroep"] == doelgroep]
    verdicts: dict[str, list[str]] = {}
    for r in eff.itertuples():
        verdicts.setdefault(str(r.oordeel), []).append(str(r.indicator))
    effect_items = [
        html.Li(
            [
                html.Strong(f"{word(verdict)} ({fmt.number(len(codes))}): "),
                _names(sorted(codes, key=order.__getitem__), names) + ".",
            ]
        )
        for verdict in (*VERDICTS, *sorted(set(verdicts) - set(VERDICTS)))
        if (codes := verdicts.get(verdict))
    ]
    rows = []
    for p in pilots.sort_values("gemeente_naam").itertuples():
        mine = v.loc[v["gemeente_code"] == p.gemeente_code].assign(rang=lambda d: d["indicator"].map(order))
        mine = mine.sort_values("rang")
        better = list(mine.loc[mine["status"] == VERBETERD, "indicator"])
        worse = list(mine.loc[mine["status"] == VERSLECHTERD, "indicator"])
        rest = len(mine) - len(better) - len(worse)
        rows.append(
            [
                dcc.Link(
                    p.gemeente_naam, href=taal.href(f"/gemeente/{p.gemeente_code}?doelgroep={doelgroep}")
                ),
                _names(better, names) or tr("geen"),
                _names(worse, names) or tr("geen"),
                fmt.number(rest),
            ]
        )
    jump = html.P(
        [
            tr("d_verder"),
            html.A(tr("d_vier_domeinen_link"), href="#domeinen"),
            " · ",
            html.A(tr("d_matrix_link"), href="#matrix"),
            " · ",
            html.A(tr("d_effect_link"), href="#effecten"),
            " · ",
            html.A(tr("d_trends_link"), href="#trends"),
            ".",
        ],
        className="sprong",
    )
    return html.Section(
        [
            html.H2(tr("d_antwoord"), className="eerste"),
            html.P(
                [
                    html.Strong(tr("d_samen_tegenover")),
                    tr("d_samen_tegenover_doelgroep", doelgroep=word(doelgroep)),
                ]
            ),
            html.Ul(effect_items or [html.Li(tr("d_geen_schattingen"))], className="oordelen"),
            html.P(
                [
                    html.Strong(tr("d_elke_proeftuin")),
                    tr("d_elke_proeftuin_vraag", doelgroep=word(doelgroep)),
                ]
            ),
            components.table(
                [tr("d_k_proeftuin"), tr("d_k_verbeterd_op"), tr("d_k_verslechterd_op"), tr("d_k_overige")],
                rows,
                table_id="tabel-antwoord",
                numeric=(3,),
                stack=True,
                label=tr(
                    "d_tabel_antwoord",
                    beter=theme.label(VERBETERD),
                    slechter=theme.label(VERSLECHTERD),
                ),
            ),
            html.P(tr("d_overige_uitleg"), className="bijschrift"),
            jump,
        ],
        className="deel antwoord",
        id="antwoord",
    )


def _lower(doelgroep: str) -> list:
    m = monitor()
    catalogue = taal.indicators(m.indicatoren())
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
            summary.append(tr("d_geen_cijfers_voor", doelgroep=word(doelgroep), lijst=", ".join(missing)))
        fig = (
            figures.status_bars(counts, names, theme.STATUS_ORDER)
            if not counts.empty
            else figures.empty(tr("d_geen_cijfers_doelgroep"), 160)
        )
        title = str(cat["domein_naam"].iloc[0])
        cards.append(
            html.Div(
                html.Div(
                    [
                        html.H3(
                            dcc.Link(title, href=taal.href(f"/thema/{domein}?doelgroep={doelgroep}")),
                            className="h5",
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
        tr("d_vier_domeinen"),
        [components.status_legend(), html.Div(cards, className="row g-3")],
        section_id="domeinen",
        intro=tr("d_vier_domeinen_intro", n=fmt.number(n_pilots), doelgroep=word(doelgroep)),
    )


def rug_section(
    v: pd.DataFrame, catalogue: pd.DataFrame, pilots: pd.DataFrame, doelgroep: str
) -> html.Section:
    """The tartan rug: indicators (rows, grouped by domain) × pilots (columns), each cell coloured
    by status with the latest value and the status in words. Indicators as rows keep the table
    narrow enough for a laptop (17 indicators, a dozen pilots); on a phone it scrolls in its box."""
    cat = catalogue.loc[catalogue["indicator"].isin(v["indicator"])]
    by_key = {(r.gemeente_code, r.indicator): r for r in v.itertuples()}
    explanation = fmt.suppression_note()
    pilots = pilots.sort_values("gemeente_naam")
    header = [html.Th(tr("k_indicator"), scope="col")] + [
        html.Th(
            dcc.Link(p.gemeente_naam, href=taal.href(f"/gemeente/{p.gemeente_code}")),
            scope="col",
            className="gemeente",
        )
        for p in pilots.itertuples()
    ]
    body = []
    for domein in DOMEINEN:
        part = cat.loc[cat["domein"] == domein]
        if part.empty:
            continue
        body.append(
            html.Tr(
                html.Th(
                    dcc.Link(
                        str(part["domein_naam"].iloc[0]),
                        href=taal.href(f"/thema/{domein}?doelgroep={doelgroep}"),
                    ),
                    colSpan=len(pilots) + 1,
                    scope="colgroup",
                    className="domein",
                )
            )
        )
        for ind in part.itertuples():
            mult = int(ind.vermenigvuldiger)
            cells: list[html.Th | html.Td] = [
                html.Th(
                    [
                        dcc.Link(
                            ind.naam,
                            href=taal.href(
                                f"/thema/{ind.domein}?indicator={ind.indicator}&doelgroep={doelgroep}"
                            ),
                        ),
                        html.Span(f" ({ind.eenheid})", className="eenheid"),
                    ],
                    scope="row",
                    className="indicator",
                )
            ]
            for p in pilots.itertuples():
                r = by_key.get((p.gemeente_code, ind.indicator))
                if r is None:
                    cells.append(
                        html.Td(
                            ["–", html.Span(" " + tr("d_geen_cijfers"), className="visually-hidden")],
                            className="status-geen",
                            title=f"{p.gemeente_naam}, {ind.naam}: {tr('d_geen_cijfers')}",
                        )
                    )
                    continue
                status = r.status
                if r.laatste_onderdrukt:
                    text = fmt.suppressed_word()
                    title = f"{p.gemeente_naam}, {ind.naam}: {text}. {explanation}"
                else:
                    text = fmt.value(r.laatste_waarde, mult)
                    base = (
                        fmt.suppressed_word()
                        if r.nulmeting_onderdrukt
                        else fmt.value(r.nulmeting_waarde, mult)
                    )
                    title = tr(
                        "d_tapijt_cel",
                        gemeente=p.gemeente_naam,
                        indicator=ind.naam,
                        doelgroep=word(doelgroep),
                        nulmeting_periode=fmt.period(r.nulmeting_periode),
                        nulmeting=base,
                        laatste_periode=fmt.period(r.laatste_periode, r.laatste_voorlopig),
                        laatste=text,
                        status=theme.label(status),
                    )
                cells.append(
                    html.Td(
                        [
                            html.Span(
                                theme.SYMBOL.get(status, ""),
                                className="teken",
                                **attrs({"aria-hidden": "true"}),
                            ),
                            html.Span(text),
                            html.Span(f" ({theme.label(status)})", className="visually-hidden"),
                        ],
                        className=f"status-{status.replace(' ', '-')}",
                        title=title,
                    )
                )
            body.append(html.Tr(cells))
    table = components.scroll_region(
        html.Table(
            [
                html.Caption(tr("d_tapijt_bijschrift", doelgroep=word(doelgroep))),
                html.Thead(html.Tr(header)),
                html.Tbody(body),
            ],
            className="tapijt",
            id=ids.TABLE_RUG,
        ),
        tr("d_tapijt_label"),
    )
    return components.section(tr("d_tapijt"), [components.status_legend(), table], section_id="matrix")


def effects_section(effecten: pd.DataFrame, catalogue: pd.DataFrame, doelgroep: str) -> html.Section:
    """The pilots' effect against municipalities that were no pilot: per indicator a dot with its
    95% interval (never a bare number), in words in the caption."""
    fig = figures_effecten.forest_figure(effecten, catalogue, doelgroep)
    rows = effecten.loc[effecten["doelgroep"] == doelgroep].merge(
        catalogue[["indicator", "naam", "volgorde", "vermenigvuldiger"]], on="indicator"
    )
    parts = []
    for r in rows.sort_values("volgorde").itertuples():
        if r.te_klein:
            parts.append(f"{r.naam}: {word(ONVOLDOENDE)} ({r.reden or tr('d_te_weinig_gemeenten_cijfers')})")
        else:
            label = figures_effecten.effect_label(r.status)
            shown = fmt.estimate(r.effect, r.ci_laag, r.ci_hoog, int(r.vermenigvuldiger))
            parts.append(f"{r.naam}: {shown}, {label}")
    caption = [
        tr("d_effecten_bijschrift", doelgroep=word(doelgroep))
        + ("; ".join(parts) + ". " if parts else "")
        + tr("d_effecten_verloop"),
        dcc.Link(tr("d_hoe_berekend"), href=taal.href("/over#effecten")),
        ".",
    ]
    return components.section(
        tr("d_effecten_overzicht"),
        [components.figure(ids.GRAPH_EFFECTS, fig, caption)],
        section_id="effecten",
    )


def trends_section(groups: pd.DataFrame, catalogue: pd.DataFrame, doelgroep: str) -> html.Section:
    fig = figures.group_trends(groups, catalogue)
    findings = []
    for ind in catalogue.itertuples():
        shown = ~groups["onderdrukt"] & groups["waarde"].notna()
        g = groups.loc[(groups["indicator"] == ind.indicator) & shown]
        both = g.groupby("jaar")["groep"].nunique()
        years = both[both == 2].index
        if len(years) == 0:
            continue
        last = g.loc[g["jaar"] == years.max()].set_index("groep")
        mult = int(ind.vermenigvuldiger)
        findings.append(
            tr(
                "d_trend_bevinding",
                indicator=ind.naam,
                periode=fmt.period(last["periode"].iloc[0]),
                proeftuinen=fmt.value(last.loc[summaries.PILOTS, "waarde"], mult),
                andere=fmt.value(last.loc[summaries.OTHERS, "waarde"], mult),
            )
        )
    caption = (
        tr("d_trends_bijschrift", doelgroep=word(doelgroep))
        + ("; ".join(findings) + "." if findings else tr("geen") + ".")
        + tr("d_trends_slot")
    )
    return components.section(
        tr("d_trends"), [components.figure(ids.GRAPH_TRENDS, fig, caption)], section_id="trends"
    )
