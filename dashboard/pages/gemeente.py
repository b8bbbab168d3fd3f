"""`/gemeente/<code>`: one municipality's profile — pilot facts, every indicator as a small chart,
a spine chart against all municipalities, its comparison with the baseline, its deliveries."""

from __future__ import annotations

import re

import dash
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import components, figures, fmt, ids, rapport, summaries, theme, urlstate
from dashboard.data import Section, monitor
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
    try:
        gemeente, state = resolve(code, params)
    except urlstate.NotFound as e:
        return components.not_found(str(e))
    return urlstate.layout_or_keep(f"{PREFIX}{code}", state, _sync, lambda: page(gemeente, state))


def page(g: pd.Series, state: dict[str, str]) -> html.Div:
    m = monitor()
    code = str(g["gemeente_code"])
    options = [
        {
            "label": f"{r.gemeente_naam} ({r.gemeente_code}){'' if r.actief else ' – opgeheven'}",
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
                    components.select(ids.GEMEENTE_KEUZE, "Kies een gemeente", options, code),
                    html.Div(
                        [
                            html.Button(
                                "Download de cijfers van deze gemeente (CSV)",
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
                "Waar staat de gemeente?",
                [
                    html.Div(
                        components.radios(
                            ids.GEMEENTE_DOELGROEP,
                            "Doelgroep",
                            components.DOELGROEP_OPTIONS,
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
    prevent_initial_call=True,
)
def update_spine(doelgroep: str, code: str) -> object:
    """A new doelgroep: the spine chart again."""
    if doelgroep not in DOELGROEPEN or monitor().gemeente(code) is None:
        return dash.no_update
    return spine_figure(code, doelgroep)


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
    groep = {
        "proeftuin": "proeftuin van het programma Aanpak uitbuiting Roma kinderen",
        "genoemd": "genoemd in de Kamerbrieven, geen proeftuin (vergelijkingsgemeente)",
        "overig": "geen proeftuin",
    }[g["groep"]]
    facts = [
        ("Gemeentecode", g["gemeente_code"]),
        ("Provincie", g["provincie"] or "–"),
        ("Rol", groep),
        # A year is never written with a thousands separator (it read "2.010").
        ("Nulmeting", f"{int(g['nulmeting_jaar'])} (het jaar vóór de start; anders 2010)"),
    ]
    if not g["actief"]:
        facts.append(("Let op", f"opgeheven; laatste jaar in de gemeentelijke indeling: {g['laatste_jaar']}"))
    if isinstance(g.get("herindeling"), str) and g["herindeling"]:  # "ontstaan op 1 januari 2019 uit …"
        facts.append(("Herindeling", g["herindeling"]))
    items: list = []
    if g["proeftuin"]:
        reg = monitor().proeftuinen()
        p = reg.loc[reg["gemeente_code"] == g["gemeente_code"]]
        if not p.empty:
            r = p.iloc[0]
            start = f"{r['startjaar']}" + (
                f" (aanname: {r['startjaar_toelichting']})" if r["startjaar_aanname"] else ""
            )
            facts += [
                ("Fase", f"fase {r['fase']}"),
                ("Start", start),
                ("Subsidie", "ja" if r["subsidie"] else "nee"),
            ]
            interventies = list(r["interventies"]) if r["interventies"] is not None else []
            items.append(html.H3("Interventies", className="h5"))
            items.append(
                html.Ul([html.Li(i) for i in interventies])
                if interventies
                else html.P("De brieven noemen geen interventies voor deze proeftuin.")
            )
            sources = [
                (label, r[col])
                for col, label in (
                    ("bron_deelname", "deelname"),
                    ("bron_startjaar", "startjaar"),
                    ("bron_subsidie", "subsidie"),
                    ("bron_interventies", "interventies"),
                )
                if col in r and isinstance(r[col], str)
            ]
            items.append(html.H3("Bronnen", className="h5"))
            items.append(html.Ul([html.Li(f"{label}: {text}") for label, text in sources]))
    dl = html.Dl(
        [
            part
            for k, v in facts
            for part in (html.Dt(k, className="col-sm-3"), html.Dd(v, className="col-sm-9"))
        ],
        className="row",
    )
    return components.section("Gegevens uit het register", [dl, *items])


def profile_section(g: pd.Series) -> html.Section:
    m = monitor()
    code = str(g["gemeente_code"])
    fig = m.memo(
        "profiel",
        (code,),
        lambda: figures.profile_panels(
            m.profile(code), m.indicatoren(), m.vergelijking(gemeente_code=code), g
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
            found.append(f"{doelgroep}: " + ", ".join(told))
    caption = (
        "Per indicator roma (blauw) en de hele bevolking (grijs) door de jaren; gestreept: het nulmetingsjaar"
        + ("; gestippeld: het startjaar" if g["proeftuin"] else "")
        + ". Boven elke grafiek de status tegenover de nulmeting. "
        + ("Aantal indicatoren per status: " + "; ".join(found) + ". " if found else "")
        + (f"Van {fmt.number(profile['indicator'].nunique())} van de {fmt.number(len(m.indicatoren()))} "
           "indicatoren zijn er cijfers. ")
        + (f"{fmt.number(hidden)} cijfers zijn onderdrukt (× onderaan). " if hidden else "")
        + "De tabel hieronder geeft nulmeting en laatste cijfer."
    )
    return components.section(
        "Alle indicatoren",
        [components.figure(ids.GRAPH_PROFILE, fig, caption)],  # type: ignore[arg-type]
    )


def spine_figure(code: str, doelgroep: str) -> Section:
    m = monitor()

    def build() -> html.Figure:
        spine = summaries.spine(m.latest(doelgroep), m.indicatoren(), code)
        v = m.vergelijking(gemeente_code=code)
        v = v.loc[v["doelgroep"] == doelgroep]
        statuses = dict(zip(v["indicator"], v["status"], strict=True))
        fig = figures.spine_chart(spine, statuses)
        placed = spine.loc[spine["bereik"] & spine["waarde"].notna() & ~spine["onderdrukt"]]
        caption = (
            f"Doelgroep {doelgroep}: per indicator het laatste cijfer van alle gemeenten (lichtgrijs "
            "van slechtste "
            "tot beste, donkerder de middelste helft, streepje de mediaan) en deze gemeente (rondje "
            "in de kleur van "
            f"haar status). Rechts is beter. Geplaatst: {fmt.number(len(placed))} van "
            f"{fmt.number(len(spine))} "
            "indicatoren."
        )
        return components.figure(ids.GRAPH_SPINE, fig, caption)

    return m.memo("spine", (code, doelgroep), build)


def comparison_section(g: pd.Series) -> html.Section:
    m = monitor()
    v = m.vergelijking(gemeente_code=str(g["gemeente_code"]))
    if v.empty:
        return components.section("Nulmeting en laatste cijfer", [html.P("Geen cijfers voor deze gemeente.")])
    cat = m.indicatoren().set_index("indicator")
    v = v.assign(volgorde=v["indicator"].map(cat["volgorde"])).sort_values(["volgorde", "doelgroep"])
    rows = []
    for r in v.itertuples():
        mult = int(cat.loc[r.indicator, "vermenigvuldiger"])
        rows.append(
            [
                cat.loc[r.indicator, "naam"],
                r.doelgroep,
                fmt.period(r.nulmeting_periode),
                components.value_or_suppressed(r.nulmeting_waarde, r.nulmeting_onderdrukt, mult),
                fmt.period(r.laatste_periode, r.laatste_voorlopig),
                components.value_or_suppressed(r.laatste_waarde, r.laatste_onderdrukt, mult),
                components.suppressed() if r.onderdrukt else fmt.points(r.verschil, mult),
                components.status_badge(r.status),
            ]
        )
    return components.section(
        "Nulmeting en laatste cijfer",
        [
            components.status_legend(),
            components.table(
                ["Indicator", "Doelgroep", "Nulmeting", "Waarde", "Laatste", "Waarde", "Verschil", "Status"],
                rows,
                numeric=(3, 5, 6),
                caption="* = voorlopig cijfer (CBS).",
            ),
        ],
    )


def deliveries_section(g: pd.Series) -> html.Section:
    lev = monitor().leveringen(str(g["gemeente_code"]))
    if lev.empty:
        return components.section(
            "Leveringen", [html.P("Deze gemeente heeft geen leveringen gestuurd (of alleen CBS-cijfers).")]
        )
    rows = [
        [
            r.bestand.split("/")[-1],
            r.leverdatum.strftime("%d-%m-%Y") if not pd.isna(r.leverdatum) else "–",
            html.Span(
                r.status, className="status status-verslechterd" if r.status == "geweigerd" else "status"
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
        "Leveringen",
        [
            html.P(
                f"{fmt.number(len(lev))} bestanden, waarvan {fmt.number(refused)} geweigerd. Een "
                "latere levering "
                "vervangt een eerdere voor hetzelfde cijfer; de vervangen rijen blijven bewaard."
            ),
            html.Details(
                [
                    html.Summary("Toon alle leveringen"),
                    components.table(
                        [
                            "Bestand",
                            "Leverdatum",
                            "Status",
                            "Rijen",
                            "In gebruik",
                            "Vervangen",
                            "Quarantaine",
                            "Reden",
                        ],
                        rows,
                        numeric=(3, 4, 5, 6),
                    ),
                ]
            ),
        ],
    )
