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
from pipeline.vocabulary import DOELGROEPEN

PATH = "/datakwaliteit"
dash.register_page(
    __name__, path=PATH, name="Datakwaliteit", title="Datakwaliteit – Monitor Inclusie Roma", order=4
)


def layout(_sync: object = None, **params: object) -> object:
    return taal.checked(params, lambda: urlstate.layout_or_keep(PATH, {}, _sync, page))


def page() -> html.Div:
    return html.Div(
        [
            urlstate.page_key(PATH, {}),
            *components.page_header(
                "Datakwaliteit",
                "Wat is er geleverd, wat is geweigerd of in quarantaine gezet, en van welke build "
                "komen de cijfers?",
            ),
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
    caption = (
        f"Aantal geldige cijfers per gemeente en jaar; verwacht worden er {fmt.number(expected)} "
        f"({fmt.number(delivered)} indicatoren × {len(DOELGROEPEN)} doelgroepen). Gemeenten met "
        "leveringen per jaar: " + ", ".join(f"{y}: {fmt.number(n)}" for y, n in per_year.items()) + "."
    )
    return components.section("Volledigheid", [components.figure(ids.GRAPH_COMPLETENESS, fig, caption)])


def refused_section() -> html.Section:
    lev = monitor().leveringen()
    refused = lev.loc[lev["status"] == "geweigerd"]
    intro = (
        f"{fmt.number(len(lev))} leveringen, waarvan {fmt.number(len(refused))} geweigerd. Een "
        "geweigerd bestand "
        "wordt helemaal niet gebruikt; van een bestand met gegevens over personen wordt geen enkele "
        "waarde bewaard."
    )
    if refused.empty:
        return components.section("Geweigerde bestanden", [html.P(intro)])
    rows = [
        [
            r.gemeente_naam or r.gemeente_code or "–",
            r.bestand,
            fmt.period(str(r.leverdatum)[:10]),
            r.reden or "–",
        ]
        for r in refused.itertuples()
    ]
    return components.section(
        "Geweigerde bestanden",
        [
            html.P(intro),
            components.table(
                ["Gemeente", "Bestand", "Leverdatum", "Reden"], rows, table_id="tabel-geweigerd"
            ),
        ],
    )


def quarantine_section() -> html.Section:
    q = monitor().quarantaine()
    intro = (
        f"{fmt.number(len(q))} rijen in quarantaine. Per rij staan hier bestand, rijnummer, kolom en "
        "de regel die "
        "niet klopte; de waarden zelf tonen we niet, omdat een reden de geleverde aantallen noemt en "
        "kleine aantallen "
        "van de doelgroep roma niet gepubliceerd mogen worden. De gemeente ziet de volledige reden met "
        "`python -m pipeline check` op haar eigen bestand."
    )
    if q.empty:
        return components.section("Quarantaine", [html.P(intro)])
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
        "Quarantaine",
        [
            html.P(intro),
            components.table(
                ["Regel", "Kolom", "Rijen"],
                [[r.regel, r.kolom, fmt.number(r.rijen)] for r in per_rule.itertuples()],
                numeric=(2,),
                caption="Per regel",
            ),
            html.Details(
                [
                    html.Summary("Toon alle rijen in quarantaine"),
                    components.table(
                        ["Gemeente", "Bestand", "Rij", "Kolom", "Regel", "Meldingen"],
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
        return components.section("Controle op onthulling", [html.P("Deze build heeft geen controle.")])
    narrowest = "–" if fmt.is_missing(c["smalste_bereik"]) else fmt.number(c["smalste_bereik"])
    least = fmt.number(c["min_mogelijke_waarden"])
    facts = [
        ("Uitkomst", "geslaagd" if c["geslaagd"] else "niet geslaagd: er is niets gepubliceerd"),
        ("Onderdrukte roma-aantallen gecontroleerd", fmt.number(c["onderdrukte_aantallen"])),
        ("Kleinste aantal mogelijke waarden", f"{narrowest} (minstens {least})"),
        ("Extra onderdrukt (secundair)", fmt.number(c["extra_onderdrukt"])),
        ("Totalen over gemeenten niet getoond", fmt.number(c["totalen_ingehouden"])),
        ("Rondes", fmt.number(c["rondes"])),
    ]
    return components.section(
        "Controle op onthulling",
        [
            html.P(
                "Bij elke build rekent de monitor uit wat iemand met alles wat gepubliceerd is — cijfers "
                "per gemeente, totalen over gemeenten, totaal naast roma, complementen, de reden van "
                "onderdrukking — nog kan afleiden over elk onderdrukt roma-aantal (lineaire programmering, "
                "zoals τ-ARGUS). Elk aantal moet op genoeg waarden kunnen uitkomen; waar dat niet zo is, "
                "wordt extra onderdrukt."
            ),
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
        ("Build", b.id),
        ("Gemaakt", fmt.date(b.gemaakt)),
        ("Gegevens", "synthetische steekproef" if b.synthetisch else "echte leveringen"),
        (
            "Leveringen",
            f"{fmt.number(b.leveringen_geaccepteerd)} geaccepteerd, "
            f"{fmt.number(b.leveringen_geweigerd)} geweigerd",
        ),
        ("Rijen in quarantaine", fmt.number(b.rijen_quarantaine)),
        ("Versies", ", ".join(f"{k} {v}" for k, v in sorted(b.versies.items()))),
    ]
    tables = m.manifest_tables()
    inputs = m.manifest_inputs()
    return components.section(
        "De build",
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
                ["Tabel", "Rijen"],
                [[r.tabel, fmt.number(r.rijen)] for r in tables.itertuples()],
                numeric=(1,),
                caption="Rijen per tabel",
            ),
            components.table(
                ["Soort", "Status", "Bestanden", "Bytes"],
                [
                    [r.soort, r.status, fmt.number(r.bestanden), fmt.number(r.grootte)]
                    for r in inputs.itertuples()
                ],
                numeric=(2, 3),
                caption="Invoer (elk bestand met zijn sha256: manifest.json en de tabel manifest_invoer)",
            ),
        ],
    )
