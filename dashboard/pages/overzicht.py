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
from pipeline.vocabulary import DOELGROEPEN, DOMEINEN, VERBETERD, VERDICTS, VERSLECHTERD

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
                "Hoe staat elke proeftuin ervoor ten opzichte van zijn nulmeting (het laatste jaar vóór de "
                "start), en veranderden de proeftuinen meer dan gemeenten zonder proeftuin? Elke status "
                "heeft een kleur én een teken: ▲ verbeterd, ● gelijk gebleven, ▼ verslechterd, "
                "? te weinig gegevens.",
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
                html.Strong(f"{verdict} ({fmt.number(len(codes))}): "),
                _names(sorted(codes, key=order.get), names) + ".",
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
                dcc.Link(p.gemeente_naam, href=f"/gemeente/{p.gemeente_code}?doelgroep={doelgroep}"),
                _names(better, names) or "geen",
                _names(worse, names) or "geen",
                fmt.number(rest),
            ]
        )
    jump = html.P(
        [
            "Verder op deze pagina: ",
            html.A("de vier domeinen", href="#domeinen"),
            " · ",
            html.A("alle indicatoren × proeftuinen", href="#matrix"),
            " · ",
            html.A("effect tegenover andere gemeenten", href="#effecten"),
            " · ",
            html.A("trends", href="#trends"),
            ".",
        ],
        className="sprong",
    )
    return html.Section(
        [
            html.H2("Het antwoord in het kort", className="eerste"),
            html.P(
                [
                    html.Strong("Proeftuinen samen tegenover gemeenten zonder proeftuin"),
                    f" (doelgroep {doelgroep}, verandering sinds de start vergeleken):",
                ]
            ),
            html.Ul(
                effect_items or [html.Li("Nog geen schattingen voor deze doelgroep.")], className="oordelen"
            ),
            html.P(
                [
                    html.Strong("Elke proeftuin tegenover zijn eigen nulmeting"),
                    f" (doelgroep {doelgroep}): op welke indicatoren is het laatste cijfer aantoonbaar beter "
                    "of slechter dan bij de nulmeting?",
                ]
            ),
            components.table(
                ["Proeftuin", "▲ Verbeterd op", "▼ Verslechterd op", "Overige indicatoren"],
                rows,
                table_id="tabel-antwoord",
                numeric=(3,),
                label="Tabel: verbeterd en verslechterd per proeftuin",
            ),
            html.P(
                "Overige: gelijk gebleven, gestegen of gedaald (indicatoren zonder goede richting), te "
                "weinig gegevens of onderdrukt (kleine aantallen).",
                className="bijschrift",
            ),
            jump,
        ],
        className="deel antwoord",
        id="antwoord",
    )


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
        section_id="domeinen",
        intro=f"Aantal proeftuinen ({fmt.number(n_pilots)} gemeenten) per status, doelgroep {doelgroep}.",
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
    header = [html.Th("Indicator", scope="col")] + [
        html.Th(
            dcc.Link(p.gemeente_naam, href=f"/gemeente/{p.gemeente_code}"), scope="col", className="gemeente"
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
                    dcc.Link(str(part["domein_naam"].iloc[0]), href=f"/thema/{domein}?doelgroep={doelgroep}"),
                    colSpan=len(pilots) + 1,
                    scope="colgroup",
                    className="domein",
                )
            )
        )
        for ind in part.itertuples():
            mult = int(ind.vermenigvuldiger)
            cells = [
                html.Th(
                    [
                        dcc.Link(
                            ind.naam,
                            href=f"/thema/{ind.domein}?indicator={ind.indicator}&doelgroep={doelgroep}",
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
                            ["–", html.Span(" geen cijfers", className="visually-hidden")],
                            className="status-geen",
                            title=f"{p.gemeente_naam}, {ind.naam}: geen cijfers",
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
                        [
                            html.Span(
                                theme.SYMBOL.get(status, ""), className="teken", **{"aria-hidden": "true"}
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
                html.Caption(
                    f"Laatste waarde en status per indicator en proeftuin (doelgroep {doelgroep}); "
                    "wijs een cel aan voor nulmeting en laatste periode."
                ),
                html.Thead(html.Tr(header)),
                html.Tbody(body),
            ],
            className="tapijt",
            id=ids.TABLE_RUG,
        ),
        "Tabel: indicatoren × proeftuinen",
    )
    return components.section(
        "Indicatoren × proeftuinen", [components.status_legend(), table], section_id="matrix"
    )


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
            parts.append(f"{r.naam}: onvoldoende gegevens ({r.reden or 'te weinig gemeenten met cijfers'})")
        else:
            label = figures_effecten.EFFECT_LABELS.get(r.status, r.status)
            shown = fmt.estimate(r.effect, r.ci_laag, r.ci_hoog, int(r.vermenigvuldiger))
            parts.append(f"{r.naam}: {shown}, {label}")
    caption = [
        f"Doelgroep {doelgroep}. Per indicator hoeveel meer (of minder) de proeftuinen sinds hun start "
        "veranderden dan gemeenten die geen proeftuin waren (stip), met het 95%-interval (lijn); ligt 0 in "
        "het interval, dan is er geen aantoonbaar effect. Cijfers per 100 staan op één as in procentpunten, "
        "cijfers per 1.000 inwoners op een tweede. "
        + ("; ".join(parts) + ". " if parts else "")
        + "Op de themapagina's staat het verloop per jaar sinds de start. ",
        dcc.Link("Hoe dit berekend is", href="/over#effecten"),
        ".",
    ]
    return components.section(
        "Effect van de proeftuinen tegenover andere gemeenten",
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
            f"{ind.naam} {fmt.period(last['periode'].iloc[0])}: proeftuinen "
            f"{fmt.value(last.loc[summaries.PILOTS, 'waarde'], mult)}, andere gemeenten "
            f"{fmt.value(last.loc[summaries.OTHERS, 'waarde'], mult)}"
        )
    caption = (
        f"Per indicator de proeftuinen samen (blauw, ●) en de andere gemeenten samen (grijs), doelgroep "
        f"{doelgroep}: teller en noemer opgeteld per jaar. Een × onderaan betekent dat het groepstotaal "
        "is onderdrukt. Laatste jaar met beide cijfers: "
        + ("; ".join(findings) + "." if findings else "geen.")
        + " De cijfers per gemeente staan op de themapagina's."
    )
    return components.section(
        "Trends", [components.figure(ids.GRAPH_TRENDS, fig, caption)], section_id="trends"
    )
