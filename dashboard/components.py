"""Building blocks shared by the pages: the app shell, labelled controls, figures with captions,
tables, the status legend, the synthetic-data notice and the "niet gevonden" page."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
import orjson
from dash import dcc, html
from dash.development.base_component import ComponentType
from plotly.io.json import to_json_plotly

from dashboard import fmt, ids, startpagina, taal, theme, urlstate
from dashboard.attrs import attrs
from dashboard.data import DatabaseMissing, monitor
from dashboard.plot import Figure

GRAPH_CONFIG: dcc.Graph.Config = {"displayModeBar": False, "responsive": True, "scrollZoom": False}
DOELGROEP_OPTIONS = [
    {"label": "roma", "value": "roma"},
    {"label": "totaal (hele bevolking)", "value": "totaal"},
]


def doelgroep_options() -> list[dict]:
    """The doelgroep choices in the page's language."""
    if taal.current() == "nl":
        return DOELGROEP_OPTIONS
    return [{"label": taal.word(o["value"]), "value": o["value"]} for o in DOELGROEP_OPTIONS]


DOMEIN_PATHS = ("verzuim", "arbeid", "wonen", "veiligheid")


def synthetic_notice() -> html.Div:
    """The notice that the shown data are the synthetic sample."""
    return html.Div(
        [
            html.Strong(taal.text("ui_synthetisch_kop")),
            taal.text("ui_synthetisch"),
        ],
        className="synthetisch",
        role="note",
        id="synthetisch",
    )


def _nav() -> dbc.Nav:
    try:
        pilots = monitor().gemeenten()
        pilots = pilots.loc[pilots["proeftuin"]]
        first = str(pilots.iloc[0]["gemeente_code"]) if not pilots.empty else "GM0228"
    except DatabaseMissing:
        first = "GM0228"
    links = [
        ("ui_nav_overzicht", "/"),
        *((f"ui_nav_{d}", f"/thema/{d}") for d in DOMEIN_PATHS),
        ("ui_nav_gemeente", f"/gemeente/{first}"),
        ("ui_nav_kaart", "/kaart"),
        ("ui_nav_datakwaliteit", "/datakwaliteit"),
        ("ui_nav_controleren", "/controleren"),
        ("ui_nav_over", "/over"),
    ]
    return dbc.Nav(
        [
            dbc.NavItem(
                dbc.NavLink(
                    taal.text(key),
                    href=href,
                    active="exact" if href == "/" else "partial",
                    id=taal.nav_id(key),
                )
            )
            for key, href in links
        ],
        className="hoofdmenu",
        navbar=True,
    )


def shell() -> html.Div:
    """The frame around every page: header, menu, synthetic notice, page, footer."""
    banner: list = []
    footer_build: list = []
    try:
        build = monitor().build()
        if build.synthetisch:
            banner = [synthetic_notice()]
        footer_build = [f"Build {build.id} van {fmt.date(build.gemaakt)}. "]
    except DatabaseMissing as e:
        banner = [html.Div(str(e), className="alert alert-danger", role="alert")]
    return html.Div(
        [
            html.A(taal.text("ui_skip"), href="#inhoud", className="skiplink"),
            html.Header(
                html.Div(
                    [
                        html.Div(
                            [
                                html.Span("Monitor Inclusie Roma", className="merk-naam"),
                                html.Span(taal.text("ui_merk_sub"), className="merk-sub"),
                            ],
                            className="merk",
                        ),
                        _nav(),
                        *taal.switch(),
                    ],
                    className="container-xxl kop-binnen",
                ),
                className="kop",
            ),
            html.Section(
                [*banner, taal.note()], className="container-xxl", **attrs({"aria-label": "Let op"})
            ),
            html.Main(startpagina.container(), id="inhoud", className="container-xxl", tabIndex="-1"),
            html.Footer(
                html.Div(
                    [
                        *footer_build,
                        taal.text("ui_bron"),
                        dcc.Link(taal.text("ui_over"), href="/over", id=taal.link_id("over")),
                        " · ",
                        dcc.Link(
                            taal.text("ui_nav_datakwaliteit"),
                            href="/datakwaliteit",
                            id=taal.link_id("datakwaliteit"),
                        ),
                    ],
                    className="container-xxl",
                ),
                className="voet",
            ),
            dcc.Store(id=ids.SYNC),
        ]
    )


def not_found(message: str) -> html.Div:
    """A friendly page for an address that names nothing we know (the reason stays Dutch)."""
    return html.Div(
        [
            urlstate.page_key(None),
            html.H1(taal.tr("d_niet_gevonden")),
            html.P(message, lang="nl") if taal.current() == "en" else html.P(message),
            html.P(
                [
                    taal.tr("d_ga_naar"),
                    dcc.Link(taal.tr("d_overzicht_link"), href=taal.href("/")),
                    taal.tr("d_kies_thema"),
                    dcc.Link(taal.tr("d_over_link"), href=taal.href("/over")),
                    ".",
                ]
            ),
        ],
        className="niet-gevonden",
    )


def page_header(title: str, intro: str | Sequence | None = None) -> list:
    """A page's title and its one-paragraph introduction."""
    out: list = [html.H1(title)]
    if intro:
        out.append(html.P(intro, className="lead"))
    return out


def select(component_id: str, label: str, options: list[dict], value: str) -> html.Div:
    """A labelled native select (keyboard usable, read by screen readers)."""
    return html.Div(
        [
            dbc.Label(label, html_for=component_id),
            dbc.Select(id=component_id, options=options, value=value),
        ],
        className="filter",
    )


def radios(component_id: str, label: str, options: list[dict], value: str) -> html.Fieldset:
    """A labelled group of radio buttons."""
    return html.Fieldset(
        [
            html.Legend(label, className="form-label"),
            dbc.RadioItems(id=component_id, options=options, value=value, inline=True),
        ],
        className="filter",
    )


def figure(
    graph_id: str, fig: Figure | orjson.Fragment, caption: str | list, title: str | None = None
) -> html.Figure:
    """A chart with its text alternative: a caption that says what it shows in words. The figure
    is a dict, or its JSON as a remembered section (`Monitor.memo`)."""
    return html.Figure(
        [
            *([html.H3(title, className="h5")] if title else []),
            dcc.Graph(id=graph_id, figure=fig, config=GRAPH_CONFIG),
            html.Figcaption(caption, className="bijschrift"),
        ],
        className="grafiek",
    )


def section(
    title: str, children: list, section_id: str | None = None, intro: str | None = None
) -> html.Section:
    """A titled part of a page."""
    extra = attrs({"id": section_id} if section_id else {})
    return html.Section(
        [html.H2(title), *([html.P(intro)] if intro else []), *children], className="deel", **extra
    )


def suppressed() -> html.Span:
    """The word 'onderdrukt' in a cell, with the rule on hover (and for screen readers)."""
    return html.Span(fmt.suppressed_word(), title=fmt.suppression_note(), className="onderdrukt")


def status_badge(status: str) -> html.Span:
    """A status as coloured text (colour never the only carrier)."""
    label = theme.label(status)
    extra = attrs({"title": fmt.suppression_note()} if status == theme.ONDERDRUKT else {})
    symbol = theme.SYMBOL.get(status)
    mark = [html.Span(symbol + " ", className="teken", **attrs({"aria-hidden": "true"}))] if symbol else []
    content: ComponentType = [*mark, label] if mark else label
    return html.Span(content, className=f"status status-{status.replace(' ', '-')}", **extra)


def status_legend(statuses: Sequence[str] = theme.STATUS_ORDER) -> html.Ul:
    """The legend of status colours."""
    return html.Ul(
        [html.Li(status_badge(s)) for s in statuses],
        className="legenda",
        **attrs({"aria-label": taal.tr("d_legenda")}),
    )


def comparison_header(first: str, second: str) -> list[str]:
    """The columns of a table of baseline against latest figure, after the two that name the row."""
    return [
        first,
        second,
        *(
            taal.tr(k)
            for k in ("k_nulmeting", "d_k_waarde", "k_laatste", "d_k_waarde", "d_k_verschil", "k_status")
        ),
    ]


def table_row(cells: Sequence, numeric: Sequence[int] = ()) -> orjson.Fragment:
    """One table row, rendered to its JSON once (a row of `table`; reorder rows without rebuilding)."""
    tr = html.Tr([html.Td(c, className="num" if i in numeric else None) for i, c in enumerate(cells)])
    return orjson.Fragment(to_json_plotly(tr).encode())


def scroll_region(child: ComponentType, label: str) -> html.Div:
    """A box that scrolls sideways when its content is wider than the screen (a table on a phone):
    a labelled region that takes keyboard focus, so that it can be scrolled without a mouse."""
    return html.Div(
        child, className="table-responsive", role="region", tabIndex="0", **attrs({"aria-label": label})
    )


def table(
    header: Sequence[str],
    rows: Sequence[Sequence | orjson.Fragment],
    table_id: str | None = None,
    numeric: Sequence[int] = (),
    caption: str | None = None,
    label: str | None = None,
    stack: bool = False,
) -> html.Div:
    """A plain, accessible HTML table in a scroll region named `label` (or its caption); `numeric`
    columns are right-aligned. A row is its cells, or a row made by `table_row`. With `stack`, each
    row becomes a card of "header: cell" lines on a phone instead of scrolling sideways (CSS
    `.stapel`; the cells carry their header in `data-kop`, the table keeps its roles)."""
    extra = attrs({"id": table_id} if table_id else {})

    def role(name: str) -> dict:
        return attrs({"role": name} if stack else {})

    return scroll_region(
        html.Table(
            [
                *([html.Caption(caption)] if caption else []),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(
                                h,
                                scope="col",
                                className="num" if i in numeric else None,
                                **role("columnheader"),
                            )
                            for i, h in enumerate(header)
                        ],
                        **role("row"),
                    ),
                    **role("rowgroup"),
                ),
                html.Tbody(
                    # Dash's children type has no orjson.Fragment, yet Dash encodes children with
                    # orjson (plotly's to_json_plotly), which writes a Fragment's JSON as it is.
                    [
                        r  # type: ignore[misc]
                        if isinstance(r, orjson.Fragment)
                        else html.Tr(
                            [
                                html.Td(
                                    c,
                                    className="num" if i in numeric else None,
                                    **attrs({"data-kop": str(header[i]), "role": "cell"} if stack else {}),
                                )
                                for i, c in enumerate(r)
                            ],
                            **role("row"),
                        )
                        for r in rows
                    ],
                    **role("rowgroup"),
                ),
            ],
            className="table table-sm tabel" + (" stapel" if stack else ""),
            **extra,
            **role("table"),
        ),
        label or caption or taal.tr("d_tabel") + ", ".join(str(h) for h in header),
    )


def value_or_suppressed(value: object, hidden: bool, vermenigvuldiger: int) -> object:
    """A formatted value, or the suppressed marker."""
    return suppressed() if hidden else fmt.value(value, vermenigvuldiger)
