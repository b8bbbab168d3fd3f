"""`/over`: what the monitor measures, the definitions, the rules, the sources and the credit.

In English with `?taal=en`, except what exists only in Dutch (marked lang="nl"): the indicators'
definitions, the method text the build wrote (`publicatie_teksten`, pipeline/docs/effecten.md; an
English summary stands above it) and the titles of the letters to parliament."""

from __future__ import annotations

import dash
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import components, fmt, taal, urlstate
from dashboard.data import monitor
from dashboard.taal import tr
from pipeline import vocabulary
from pipeline.i18n.catalogue import MESSAGES

PATH = "/over"
dash.register_page(
    __name__, path=PATH, name="Over", title="Over deze monitor – Monitor Inclusie Roma", order=5
)


def layout(_sync: object = None, **params: object) -> object:
    return taal.render(params, lambda: urlstate.layout_or_keep(PATH, {}, _sync, page, taal.current()))


def _richting(richting: str) -> str:
    key = f"d_richting_{richting}"
    return tr(key) if richting != "neutraal" and key in MESSAGES else tr("o_richting_neutraal")


def _dutch(component: Component) -> Component:
    """A text that exists only in Dutch: marked so on an English page."""
    return component if taal.current() == "nl" else html.Div(component, lang="nl")


def _code(code: str) -> html.Code:
    """An indicator's code: an identifier, Dutch in any language."""
    return html.Code(code) if taal.current() == "nl" else html.Code(code, lang="nl")


def page() -> html.Div:
    m = monitor()
    r = m.regel
    build = m.build()
    cat = taal.indicators(m.indicatoren())
    w = taal.word
    rows = [
        [
            r.naam,
            r.domein_naam,
            r.definitie if taal.current() == "nl" else html.Span(r.definitie, lang="nl"),
            r.eenheid,
            _richting(r.richting),
            fmt.value(r.streefwaarde, int(r.vermenigvuldiger)) if not fmt.is_missing(r.streefwaarde) else "–",
            "CBS" if r.bron == "cbs" else w("gemeente"),
            _code(r.indicator),
        ]
        for r in cat.itertuples()
    ]
    reg = m.proeftuinen()
    letters = sorted({src for col in reg.columns if col.startswith("bron_") for src in reg[col].dropna()})
    statuses = {
        "verbeterd": w(vocabulary.VERBETERD),
        "Verbeterd": w(vocabulary.VERBETERD).capitalize(),
        "verslechterd": w(vocabulary.VERSLECHTERD),
        "gestegen": w(vocabulary.GESTEGEN),
        "gedaald": w(vocabulary.GEDAALD),
        "onvoldoende": w(vocabulary.ONVOLDOENDE),
    }
    effects: Component = dcc.Markdown(m.tekst("effecten"), className="uitleg")
    if taal.current() != "nl":
        summary = tr("effecten_uitleg", gunstig=w(vocabulary.GUNSTIG), ongunstig=w(vocabulary.ONGUNSTIG))
        effects = html.Div([html.P(tr("o_effecten_nl") + summary), _dutch(effects)])
    return html.Div(
        [
            urlstate.page_key(PATH, {}),
            *components.page_header(tr("o_titel"), tr("o_intro")),
            html.P(
                [
                    html.Strong(tr("o_synthetisch_kop")),
                    tr("o_synthetisch") + (tr("o_synthetisch_build") if build.synthetisch else ""),
                ],
                className="synthetisch",
            ),
            components.section(
                tr("o_gemeten"),
                [
                    html.P(
                        tr(
                            "o_gemeten_uitleg",
                            teller=w("teller"),
                            noemer=w("noemer"),
                            roma=w(vocabulary.ROMA),
                            totaal=w(vocabulary.TOTAAL),
                        )
                    ),
                    components.table(
                        [
                            tr("k_indicator"),
                            tr("o_k_domein"),
                            tr("o_k_definitie"),
                            tr("k_eenheid"),
                            tr("o_k_richting"),
                            tr("o_k_streefwaarde"),
                            tr("o_k_bron"),
                            tr("o_k_code"),
                        ],
                        rows,
                        caption=tr("o_catalogus"),
                    ),
                ],
            ),
            components.section(
                tr("o_nulmeting"),
                [
                    html.P(
                        tr(
                            "o_nulmeting_uitleg",
                            voor=fmt.number(r("nulmeting.jaren_voor_start")),
                            jaar=int(r("nulmeting.jaar_zonder_proeftuin")),
                            terug=fmt.number(r("nulmeting.max_jaren_terug")),
                            onvoldoende=statuses["onvoldoende"],
                        )
                    )
                ],
            ),
            components.section(
                tr("o_status"),
                [
                    html.P(
                        tr(
                            "o_status_uitleg",
                            alpha=fmt.number(r("status.alpha"), 2),
                            min_noemer=fmt.number(r("status.min_noemer")),
                            min_aantal=fmt.number(r("status.min_aantal")),
                            **statuses,
                        )
                    ),
                    html.P(tr("o_interval_uitleg")),
                    components.status_legend(),
                ],
            ),
            components.section(tr("o_effecten"), [effects], section_id="effecten"),
            components.section(
                tr("o_onthulling"),
                [
                    html.P(fmt.suppression_note()),
                    html.P(
                        tr(
                            "o_onthulling_overal",
                            beter=statuses["verbeterd"],
                            te_weinig=statuses["onvoldoende"],
                            onderdrukt=w(vocabulary.ONDERDRUKT),
                        )
                    ),
                    html.P(tr("o_onthulling_audit", min=fmt.number(r("onthulling.min_mogelijke_waarden")))),
                ],
            ),
            components.section(tr("o_voorlopig"), [html.P(tr("o_voorlopig_uitleg"))]),
            components.section(
                tr("o_bronnen"),
                [
                    html.P([html.Strong(tr("o_bron_cbs")), tr("o_bron_cbs_uitleg")]),
                    html.P(tr("o_kamerbrieven")),
                    _dutch(html.Ul([html.Li(letter) for letter in letters])),
                    html.P(
                        [
                            tr("o_zie_ook"),
                            dcc.Link(tr("o_datakwaliteit_link"), href=taal.href("/datakwaliteit")),
                            tr("o_zie_ook_na"),
                        ]
                    ),
                ],
            ),
        ]
    )
