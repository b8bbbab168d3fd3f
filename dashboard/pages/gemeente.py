"""`/gemeente/<code>`: one municipality's profile — pilot facts, every indicator as a small chart,
a spine chart against all municipalities, its comparison with the baseline, its deliveries."""

from __future__ import annotations

import re

import dash
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import components, figures, fmt, ids, rapport, summaries, taal, theme, urlstate
from dashboard.attrs import attrs
from dashboard.data import Section, monitor
from dashboard.taal import tr, word
from pipeline.extracts import Filters
from pipeline.vocabulary import DOELGROEPEN

PREFIX = "/gemeente/"
CODE = re.compile(r"^GM\d{4}$")
dash.register_page(
    __name__,
    path_template="/gemeente/<code>",
    name="Gemeente",
    title=lambda code=None: f"Gemeente {code} – Monitor Inclusie Roma",
)


def resolve(code: object, params: dict) -> tuple[pd.Series, dict[str, str]]:
    """The municipality and view an address asks for (raises NotFound)."""
    gemeente = monitor().gemeente(code) if isinstance(code, str) and CODE.match(code) else None
    if gemeente is None:
        raise urlstate.NotFound(
            "Deze gemeentecode kennen we niet. Een gemeentecode is GM gevolgd door vier cijfers, "
            "zoals GM0228 "
            "(Ede); kies hieronder een gemeente uit de lijst via het overzicht of de kaart."
        )
    return gemeente, {"doelgroep": urlstate.choice(params, "doelgroep", DOELGROEPEN, "roma")}


def layout(code: object = None, _sync: object = None, **params: object) -> object:
    return taal.render(params, lambda: _layout(code, _sync, params))


def _layout(code: object, _sync: object, params: dict) -> object:
    try:
        gemeente, state = resolve(code, params)
    except urlstate.NotFound as e:
        return components.not_found(str(e))
    return urlstate.layout_or_keep(
        f"{PREFIX}{code}", state, _sync, lambda: page(gemeente, state), taal.current()
    )


def page(g: pd.Series, state: dict[str, str]) -> html.Div:
    m = monitor()
    code = str(g["gemeente_code"])
    options = [
        {
            "label": f"{r.gemeente_naam} ({r.gemeente_code}){'' if r.actief else tr('d_opgeheven_optie')}",
            "value": r.gemeente_code,
        }
        for r in m.gemeenten().itertuples()
    ]
    return html.Div(
        [
            urlstate.page_key(f"{PREFIX}{code}", state),
            *components.page_header(f"{g['gemeente_naam']}", None),
            html.Div(
                [
                    components.select(ids.GEMEENTE_KEUZE, tr("d_kies_gemeente"), options, code),
                    html.Div(
                        [
                            html.Button(
                                tr("d_download_gemeente"),
                                id=ids.GEMEENTE_DOWNLOAD_BUTTON,
                                className="btn btn-primary",
                                type="button",
                            ),
                            dcc.Download(id=ids.GEMEENTE_DOWNLOAD),
                        ]
                    ),
                    rapport.links(code, str(g["gemeente_naam"])),
                ],
                className="filters",
            ),
            facts_section(g),
            profile_section(g),
            components.section(
                tr("d_waar_staat"),
                [
                    html.Div(
                        components.radios(
                            ids.GEMEENTE_DOELGROEP,
                            tr("k_doelgroep"),
                            components.doelgroep_options(),
                            state["doelgroep"],
                        ),
                        className="filters",
                    ),
                    html.Div(spine_figure(code, state["doelgroep"]), id=ids.GEMEENTE_SPINE),
                ],
            ),
            comparison_section(g),
            deliveries_section(g),
        ]
    )


# ---------------------------------------------------------------------- callbacks (thin)

clientside_callback(
    """
    function(code) {
        if (!code || window.location.pathname === "/gemeente/" + code) {
            return window.dash_clientside.no_update;
        }
        return "/gemeente/" + code;
    }
    """,
    Output(ids.LOCATION, "pathname", allow_duplicate=True),
    Input(ids.GEMEENTE_KEUZE, "value"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.GEMEENTE_SPINE, "children"),
    Input(ids.GEMEENTE_DOELGROEP, "value"),
    State(ids.GEMEENTE_KEUZE, "value"),
    State(ids.LOCATION, "search"),
    prevent_initial_call=True,
)
def update_spine(doelgroep: str, code: str, search: str | None = None) -> object:
    """A new doelgroep: the spine chart again."""
    if doelgroep not in DOELGROEPEN or monitor().gemeente(code) is None:
        return dash.no_update
    return taal.answer(search, lambda: spine_figure(code, doelgroep))


@callback(
    Output(ids.GEMEENTE_DOWNLOAD, "data"),
    Input(ids.GEMEENTE_DOWNLOAD_BUTTON, "n_clicks"),
    State(ids.GEMEENTE_KEUZE, "value"),
    prevent_initial_call=True,
)
def download(n_clicks: int | None, code: str) -> object:
    """Every figure of this municipality as CSV for Dutch Excel."""
    if not n_clicks or monitor().gemeente(code) is None:
        return dash.no_update
    content, name = download_content(code)
    return dcc.send_bytes(content, name)


urlstate.register_filters({"doelgroep": ids.GEMEENTE_DOELGROEP})


def download_content(code: str) -> tuple[bytes, str]:
    """(CSV bytes, file name) with every published figure of one municipality: the extract's
    csv-nl for it."""
    m = monitor()
    return m.download(Filters(gemeenten=(code,))), f"monitor-roma_{code}_{m.build().id}.csv"


# ---------------------------------------------------------------------- sections


def facts_section(g: pd.Series) -> html.Section:
    groep = tr("d_rol_" + str(g["groep"]))
    facts = [
        (tr("d_gemeentecode"), g["gemeente_code"]),
        (tr("d_provincie"), g["provincie"] or "–"),
        (tr("d_rol"), groep),
        # A year is never written with a thousands separator (it read "2.010").
        (tr("k_nulmeting"), tr("d_nulmeting_feit", jaar=int(g["nulmeting_jaar"]))),
    ]
    if not g["actief"]:
        facts.append((tr("d_let_op"), tr("d_opgeheven_feit", jaar=g["laatste_jaar"])))
    if isinstance(g.get("herindeling"), str) and g["herindeling"]:  # "ontstaan op 1 januari 2019 uit …"
        facts.append((tr("d_herindeling"), dutch(g["herindeling"])))
    items: list = []
    if g["proeftuin"]:
        reg = monitor().proeftuinen()
        p = reg.loc[reg["gemeente_code"] == g["gemeente_code"]]
        if not p.empty:
            r = p.iloc[0]
            start: object = f"{r['startjaar']}"
            if r["startjaar_aanname"]:  # the reason for the assumption exists only in Dutch
                why = r["startjaar_toelichting"]
                start = (
                    [start, tr("d_aanname"), dutch(why), ")"]
                    if taal.current() == "en"
                    else (f"{start}{tr('d_aanname')}{why})")
                )
            facts += [
                (tr("fase"), tr("fase_waarde", fase=r["fase"])),
                (tr("d_start"), start),
                (tr("subsidie"), tr("ja") if r["subsidie"] else tr("nee")),
            ]
            interventies = list(r["interventies"]) if r["interventies"] is not None else []
            items.append(html.H3(tr("interventies"), className="h5"))
            if interventies and taal.current() == "en":
                items.append(html.P(tr("interventies_taal")))
            items.append(
                html.Ul(
                    [html.Li(i) for i in interventies],
                    **attrs({"lang": "nl"} if taal.current() == "en" else {}),
                )
                if interventies
                else html.P(tr("d_interventies_geen"))
            )
            sources = [
                (label, r[col])
                for col, label in (
                    ("bron_deelname", tr("d_bron_deelname")),
                    ("bron_startjaar", tr("d_bron_startjaar")),
                    ("bron_subsidie", tr("d_bron_subsidie")),
                    ("bron_interventies", tr("d_bron_interventies")),
                )
                if col in r and isinstance(r[col], str)
            ]
            items.append(html.H3(tr("d_bronnen"), className="h5"))
            if taal.current() == "nl":
                items.append(html.Ul([html.Li(f"{label}: {text}") for label, text in sources]))
            else:
                items.append(html.Ul([html.Li([f"{label}: ", dutch(text)]) for label, text in sources]))
    dl = html.Dl(
        [
            part
            for k, v in facts
            for part in (html.Dt(k, className="col-sm-3"), html.Dd(v, className="col-sm-9"))
        ],
        className="row",
    )
    return components.section(tr("d_register"), [dl, *items])


def dutch(text: str) -> str | html.Span:
    """A text of the registers, which exist only in Dutch: marked as Dutch on an English page."""
    return text if taal.current() == "nl" else html.Span(text, lang="nl")


def profile_section(g: pd.Series) -> html.Section:
    m = monitor()
    code = str(g["gemeente_code"])
    fig = m.memo(
        "profiel",
        taal.memo_key(code),
        lambda: figures.profile_panels(
            m.profile(code), taal.indicators(m.indicatoren()), m.vergelijking(gemeente_code=code), g
        ),
    )
    profile = m.profile(code)
    hidden = int(profile["onderdrukt"].sum())
    v = m.vergelijking(gemeente_code=code)
    found = []
    for doelgroep in ("roma", "totaal"):
        counts = v.loc[v["doelgroep"] == doelgroep, "status"].value_counts()
        told = [f"{fmt.number(counts[s])} {theme.label(s)}" for s in theme.STATUS_ORDER if counts.get(s, 0)]
        if told:
            found.append(f"{word(doelgroep)}: " + ", ".join(told))
    caption = (
        tr("d_profiel_bijschrift")
        + (tr("d_profiel_startjaar") if g["proeftuin"] else "")
        + tr("d_profiel_status")
        + (tr("d_profiel_per_status", lijst="; ".join(found)) if found else "")
        + tr(
            "d_profiel_van",
            n=fmt.number(profile["indicator"].nunique()),
            totaal=fmt.number(len(m.indicatoren())),
        )
        + (tr("d_n_onderdrukt", n=fmt.number(hidden)) if hidden else "")
        + tr("d_profiel_tabel")
    )
    return components.section(
        tr("d_alle_indicatoren"),
        [components.figure(ids.GRAPH_PROFILE, fig, caption)],
    )


def spine_figure(code: str, doelgroep: str) -> Section:
    m = monitor()

    def build() -> html.Figure:
        spine = summaries.spine(m.latest(doelgroep), taal.indicators(m.indicatoren()), code)
        v = m.vergelijking(gemeente_code=code)
        v = v.loc[v["doelgroep"] == doelgroep]
        statuses = dict(zip(v["indicator"], v["status"], strict=True))
        fig = figures.spine_chart(spine, statuses)
        placed = spine.loc[spine["bereik"] & spine["waarde"].notna() & ~spine["onderdrukt"]]
        caption = tr(
            "d_spine_bijschrift",
            doelgroep=word(doelgroep),
            n=fmt.number(len(placed)),
            totaal=fmt.number(len(spine)),
        )
        return components.figure(ids.GRAPH_SPINE, fig, caption)

    return m.memo("spine", taal.memo_key(code, doelgroep), build)


def comparison_section(g: pd.Series) -> html.Section:
    m = monitor()
    v = m.vergelijking(gemeente_code=str(g["gemeente_code"]))
    if v.empty:
        return components.section(tr("d_nulmeting_en_laatste"), [html.P(tr("d_geen_cijfers_gemeente"))])
    cat = taal.indicators(m.indicatoren()).set_index("indicator")
    v = v.assign(volgorde=v["indicator"].map(cat["volgorde"])).sort_values(["volgorde", "doelgroep"])
    rows = []
    for r in v.itertuples():
        mult = int(cat.loc[r.indicator, "vermenigvuldiger"])
        rows.append(
            [
                cat.loc[r.indicator, "naam"],
                word(r.doelgroep),
                fmt.period(r.nulmeting_periode),
                components.value_or_suppressed(r.nulmeting_waarde, r.nulmeting_onderdrukt, mult),
                fmt.period(r.laatste_periode, r.laatste_voorlopig),
                components.value_or_suppressed(r.laatste_waarde, r.laatste_onderdrukt, mult),
                components.suppressed() if r.onderdrukt else fmt.points(r.verschil, mult),
                components.status_badge(r.status),
            ]
        )
    return components.section(
        tr("d_nulmeting_en_laatste"),
        [
            components.status_legend(),
            components.table(
                components.comparison_header(tr("k_indicator"), tr("k_doelgroep")),
                rows,
                numeric=(3, 5, 6),
                caption=tr("d_voorlopig_bijschrift"),
            ),
        ],
    )


def deliveries_section(g: pd.Series) -> html.Section:
    lev = monitor().leveringen(str(g["gemeente_code"]))
    if lev.empty:
        return components.section(tr("d_leveringen"), [html.P(tr("d_geen_leveringen"))])
    rows = [
        [
            r.bestand.split("/")[-1],
            r.leverdatum.strftime("%d-%m-%Y") if not pd.isna(r.leverdatum) else "–",
            html.Span(
                tr("d_levering_" + r.status) if r.status in ("geaccepteerd", "geweigerd") else r.status,
                className="status status-verslechterd" if r.status == "geweigerd" else "status",
            ),
            fmt.number(r.rijen),
            fmt.number(r.rijen_in_gebruik),
            fmt.number(r.rijen_vervangen),
            fmt.number(r.rijen_quarantaine),
            r.reden or "",
        ]
        for r in lev.itertuples()
    ]
    refused = int((lev["status"] == "geweigerd").sum())
    return components.section(
        tr("d_leveringen"),
        [
            html.P(tr("d_leveringen_zin", n=fmt.number(len(lev)), geweigerd=fmt.number(refused))),
            html.Details(
                [
                    html.Summary(tr("d_toon_leveringen")),
                    components.table(
                        [
                            tr("d_k_bestand"),
                            tr("d_k_leverdatum"),
                            tr("k_status"),
                            tr("d_k_rijen"),
                            tr("d_k_in_gebruik"),
                            tr("d_k_vervangen"),
                            tr("d_k_quarantaine"),
                            tr("k_reden"),
                        ],
                        rows,
                        numeric=(3, 4, 5, 6),
                    ),
                ]
            ),
        ],
    )
