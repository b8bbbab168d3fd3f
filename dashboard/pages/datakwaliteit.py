"""`/datakwaliteit`: deliveries per municipality and year, refused files and quarantined rows with
their rule, and the run manifest of the build on screen.

Quarantined rows are shown by file, row, column and rule, never with their reason text: a reason
quotes the delivered values of its row (teller, noemer), and a quarantined `roma` row can be a
small cell that disclosure control would have suppressed. Refused files show only the refusal
reason, which by CONTRACT §1 names file, columns and rows but never values.
"""

from __future__ import annotations

import dash
from dash import html

from dashboard import components, figures, fmt, ids, taal, urlstate
from dashboard.data import monitor
from dashboard.taal import tr
from pipeline.i18n.catalogue import MESSAGES
from pipeline.vocabulary import DOELGROEPEN

PATH = "/datakwaliteit"
dash.register_page(
    __name__, path=PATH, name="Datakwaliteit", title="Datakwaliteit – Monitor Inclusie Roma", order=4
)


def layout(_sync: object = None, **params: object) -> object:
    return taal.render(params, lambda: urlstate.layout_or_keep(PATH, {}, _sync, page, taal.current()))


def page() -> html.Div:
    return html.Div(
        [
            urlstate.page_key(PATH, {}),
            *components.page_header(tr("d_dk_titel"), tr("d_dk_intro")),
            completeness_section(),
            refused_section(),
            quarantine_section(),
            audit_section(),
            manifest_section(),
        ]
    )


def completeness_section() -> html.Section:
    m = monitor()
    grid = m.completeness()
    delivered = int((m.indicatoren()["bron"] == "gemeente").sum())
    expected = delivered * len(DOELGROEPEN)
    fig = figures.completeness_chart(grid, expected)
    per_year = grid.groupby("jaar")["gemeente_code"].nunique()
    caption = tr(
        "d_volledigheid_bijschrift",
        verwacht=fmt.number(expected),
        indicatoren=fmt.number(delivered),
        doelgroepen=len(DOELGROEPEN),
        per_jaar=", ".join(f"{y}: {fmt.number(n)}" for y, n in per_year.items()),
    )
    return components.section(tr("d_volledigheid"), [components.figure(ids.GRAPH_COMPLETENESS, fig, caption)])


def refused_section() -> html.Section:
    lev = monitor().leveringen()
    refused = lev.loc[lev["status"] == "geweigerd"]
    intro = tr("d_geweigerd_intro", n=fmt.number(len(lev)), geweigerd=fmt.number(len(refused)))
    if refused.empty:
        return components.section(tr("d_geweigerde_bestanden"), [html.P(intro)])
    rows = [
        [
            r.gemeente_naam or r.gemeente_code or "–",
            r.bestand,
            fmt.period(str(r.leverdatum)[:10]),
            _dutch(r.reden) if r.reden else "–",
        ]
        for r in refused.itertuples()
    ]
    return components.section(
        tr("d_geweigerde_bestanden"),
        [
            html.P(intro),
            components.table(
                [tr("d_k_gemeente"), tr("d_k_bestand"), tr("d_k_leverdatum"), tr("k_reden")],
                rows,
                table_id="tabel-geweigerd",
            ),
        ],
    )


def _dutch(text: str) -> str | html.Span:
    """A reason the pipeline wrote for a municipal officer, in Dutch: marked so on an English page."""
    return text if taal.current() == "nl" else html.Span(text, lang="nl")


def quarantine_section() -> html.Section:
    q = monitor().quarantaine()
    intro = tr("d_quarantaine_intro", n=fmt.number(len(q)))
    if q.empty:
        return components.section(tr("d_k_quarantaine"), [html.P(intro)])
    per_rule = (
        q.groupby(["regel", "kolom"]).size().reset_index(name="rijen").sort_values("rijen", ascending=False)
    )
    rows = [
        [
            r.gemeente_naam or r.gemeente_code or "–",
            r.bestand,
            fmt.number(r.rij),
            r.kolom,
            r.regel,
            fmt.number(r.meldingen),
        ]
        for r in q.itertuples()
    ]
    return components.section(
        tr("d_k_quarantaine"),
        [
            html.P(intro),
            components.table(
                [tr("d_k_regel"), tr("d_k_kolom"), tr("d_k_rijen")],
                [[r.regel, r.kolom, fmt.number(r.rijen)] for r in per_rule.itertuples()],
                numeric=(2,),
                caption=tr("d_per_regel"),
            ),
            html.Details(
                [
                    html.Summary(tr("d_toon_quarantaine")),
                    components.table(
                        [
                            tr("d_k_gemeente"),
                            tr("d_k_bestand"),
                            tr("d_k_rij"),
                            tr("d_k_kolom"),
                            tr("d_k_regel"),
                            tr("d_k_meldingen"),
                        ],
                        rows,
                        table_id="tabel-quarantaine",
                        numeric=(2, 5),
                    ),
                ]
            ),
        ],
    )


def audit_section() -> html.Section:
    """What the disclosure audit of this build found (publicatie_controle)."""
    c = monitor().controle()
    if c is None:
        return components.section(tr("d_controle"), [html.P(tr("d_geen_controle"))])
    narrowest = "–" if fmt.is_missing(c["smalste_bereik"]) else fmt.number(c["smalste_bereik"])
    least = fmt.number(c["min_mogelijke_waarden"])
    facts = [
        (tr("d_uitkomst"), tr("d_geslaagd") if c["geslaagd"] else tr("d_niet_geslaagd")),
        (tr("d_gecontroleerd"), fmt.number(c["onderdrukte_aantallen"])),
        (tr("d_kleinste_aantal"), tr("d_minstens", smalst=narrowest, min=least)),
        (tr("d_extra_onderdrukt"), fmt.number(c["extra_onderdrukt"])),
        (tr("d_totalen_niet_getoond"), fmt.number(c["totalen_ingehouden"])),
        (tr("d_rondes"), fmt.number(c["rondes"])),
    ]
    return components.section(
        tr("d_controle"),
        [
            html.P(tr("d_controle_uitleg")),
            html.Dl(
                [
                    p
                    for k, v in facts
                    for p in (html.Dt(k, className="col-sm-5"), html.Dd(v, className="col-sm-7"))
                ],
                className="row",
            ),
        ],
        section_id="controle",
    )


def manifest_section() -> html.Section:
    m = monitor()
    b = m.build()
    facts = [
        (tr("d_build"), b.id),
        (tr("d_gemaakt"), fmt.date(b.gemaakt)),
        (tr("d_gegevens"), tr("d_synthetische_steekproef") if b.synthetisch else tr("d_echte_leveringen")),
        (
            tr("d_leveringen"),
            tr(
                "d_leveringen_telling",
                geaccepteerd=fmt.number(b.leveringen_geaccepteerd),
                geweigerd=fmt.number(b.leveringen_geweigerd),
            ),
        ),
        (tr("d_rijen_quarantaine"), fmt.number(b.rijen_quarantaine)),
        (tr("d_versies"), ", ".join(f"{k} {v}" for k, v in sorted(b.versies.items()))),
    ]
    tables = m.manifest_tables()
    inputs = m.manifest_inputs()
    return components.section(
        tr("d_de_build"),
        [
            html.Dl(
                [
                    p
                    for k, v in facts
                    for p in (html.Dt(k, className="col-sm-3"), html.Dd(v, className="col-sm-9"))
                ],
                className="row",
            ),
            components.table(
                [tr("d_k_tabel"), tr("d_k_rijen")],
                [[_table_name(r.tabel), fmt.number(r.rijen)] for r in tables.itertuples()],
                numeric=(1,),
                caption=tr("d_rijen_per_tabel"),
            ),
            components.table(
                [tr("d_k_soort"), tr("k_status"), tr("d_k_bestanden"), tr("d_k_bytes")],
                [
                    [
                        _known("d_invoer_", r.soort),
                        _known("d_invoer_", r.status),
                        fmt.number(r.bestanden),
                        fmt.number(r.grootte),
                    ]
                    for r in inputs.itertuples()
                ],
                numeric=(2, 3),
                caption=tr("d_invoer"),
            ),
        ],
    )


def _known(prefix: str, value: object) -> object:
    """A word of the manifest (kind or status of an input) in the page's language; an unknown one as it is."""
    return tr(f"{prefix}{value}") if f"{prefix}{value}" in MESSAGES else value


def _table_name(name: str) -> object:
    """A table of the database: its name is an identifier, Dutch in any language."""
    return name if taal.current() == "nl" else html.Code(name, lang="nl")
