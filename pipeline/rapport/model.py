"""What a report says, read from the publication tables only and formatted for one language.

`national(con, taal)` and `pilot(con, code, taal)` return a plain dict for the template: every
figure is already a string made by pipeline/i18n from a published number, every finding a sentence
built from the same numbers. Nothing is recomputed here: a suppressed figure is empty in the tables,
so it cannot reach a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from pipeline import i18n, vocabulary
from pipeline.i18n import catalogue
from pipeline.rapport import charts

ROMA = vocabulary.ROMA


class UnknownGemeente(LookupError):
    """A municipality code that is not in the build."""


@dataclass(frozen=True)
class Indicator:
    code: str
    domein: str
    naam: str
    eenheid: str
    vermenigvuldiger: int
    richting: str


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list | tuple = ()) -> pd.DataFrame:
    return con.execute(sql, list(params)).df()


def _present(x: object) -> bool:
    """A value that is there: text as well as numbers (vocabulary.is_missing is for numbers only)."""
    if isinstance(x, str):
        return True
    return x is not None and not bool(pd.isna(x))


def indicators(con: duckdb.DuckDBPyConnection) -> list[Indicator]:
    """The indicator catalogue in its order."""
    rows = con.execute(
        "select indicator, domein, naam, eenheid, vermenigvuldiger, richting "
        "from indicatoren order by volgorde, indicator"
    ).fetchall()
    return [Indicator(*r) for r in rows]


def release(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """The build: its id, its date (the creation date of the PDF) and whether it is synthetic."""
    build, made, synthetic = con.execute("select id, gemaakt, synthetisch from manifest").fetchall()[0]
    return {"build": build, "gemaakt": made, "datum": str(made)[:10], "synthetisch": bool(synthetic)}


def rules(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The thresholds this build used (publicatie_regels)."""
    return dict(con.execute("select naam, waarde from publicatie_regels").fetchall())


def _name(ind: Indicator, taal: str) -> str:
    return i18n.indicator_name(ind.code, ind.naam, taal)


def _status(word: object, taal: str) -> str:
    return i18n.word(str(word), taal) if _present(word) else vocabulary.MISSING


def _common(con: duckdb.DuckDBPyConnection, taal: str) -> dict[str, Any]:
    """The template context both reports share; its values are of every kind (Any: the reports
    read `ctx["release"]["build"]` back)."""
    rel = release(con)
    r = rules(con)
    return {
        "taal": taal,
        "t": lambda key, **kw: i18n.t(key, taal, **kw),
        "release": rel,
        "monitor": i18n.t("monitor", taal),
        "voet": i18n.t("voet", taal, build=rel["build"], datum=rel["datum"]),
        "synthetisch": i18n.t("synthetisch", taal) if rel["synthetisch"] else "",
        "effecten_uitleg": i18n.t(
            "effecten_uitleg",
            taal,
            gunstig=i18n.word(vocabulary.GUNSTIG, taal),
            ongunstig=i18n.word(vocabulary.ONGUNSTIG, taal),
        ),
        "onderdrukt_uitleg": i18n.t(
            "onderdrukt_uitleg",
            taal,
            min_noemer=r["onthulling.min_noemer"],
            teller_min=r["onthulling.teller_min"],
            teller_max=r["onthulling.teller_max"],
        ),
    }


# ---------------------------------------------------------------- effects (both reports)
def effects(con: duckdb.DuckDBPyConnection, inds: list[Indicator], taal: str) -> dict[str, object]:
    """The effect estimates with their verdict; sentences only where the verdict allows an effect."""
    eff = _df(con, "select * from publicatie_effecten")
    by = {(r.indicator, r.doelgroep): r for r in eff.itertuples(index=False)}
    rows, claims = [], []
    for ind in inds:
        for groep in vocabulary.DOELGROEPEN:
            e = by.get((ind.code, groep))
            if e is None:
                continue
            schaal = i18n.unit(e.schaal, taal) if _present(e.schaal) else i18n.unit(ind.eenheid, taal)
            shown = _present(e.effect)
            row = {
                "indicator": _name(ind, taal),
                "doelgroep": i18n.word(groep, taal),
                "effect": (
                    f"{i18n.estimate(e.effect, taal)} ({i18n.estimate(e.ci_laag, taal)} "
                    f"{i18n.t('tot', taal)} {i18n.estimate(e.ci_hoog, taal)})"
                )
                if shown
                else i18n.t("effect_leeg", taal),
                "schaal": schaal,
                "voortrend": i18n.number(e.voortrend_p, 3, taal)
                if _present(e.voortrend_p)
                else vocabulary.MISSING,
                "oordeel": _status(e.oordeel, taal),
                "chart": charts.effect_bar(e.effect, e.ci_laag, e.ci_hoog) if shown else "",
            }
            rows.append(row)
            if shown and e.oordeel in (
                vocabulary.GUNSTIG,
                vocabulary.ONGUNSTIG,
                vocabulary.HOGER,
                vocabulary.LAGER,
            ):
                claims.append(
                    i18n.t(
                        "effect_zin_gunstig",
                        taal,
                        indicator=row["indicator"],
                        doelgroep=row["doelgroep"],
                        oordeel=row["oordeel"],
                        effect=i18n.estimate(e.effect, taal),
                        schaal=schaal,
                        laag=i18n.estimate(e.ci_laag, taal),
                        hoog=i18n.estimate(e.ci_hoog, taal),
                    )
                )
    return {"rows": rows, "claims": claims}


# ---------------------------------------------------------------- one pilot (or any municipality)
def pilot(con: duckdb.DuckDBPyConnection, code: str, taal: str) -> dict[str, object]:
    """Everything the report of one municipality shows."""
    i18n.check_taal(taal)
    g = _df(
        con,
        "select gemeente_code, gemeente_naam, proeftuin, startjaar, startjaar_aanname, fase, "
        "nulmeting_jaar from gemeenten where gemeente_code = ? "
        "order by coalesce(in_laatste_indeling, true) desc limit 1",
        [code],
    )
    if g.empty:
        raise UnknownGemeente(code)
    gem = g.iloc[0]
    naam = str(gem.gemeente_naam)
    inds = indicators(con)
    ctx = _common(con, taal)
    is_pilot = bool(gem.proeftuin)
    ctx["titel"] = i18n.t("titel_gemeente" if is_pilot else "titel_gemeente_geen_proeftuin", taal, naam=naam)
    ctx["inleiding"] = i18n.t("inleiding_gemeente", taal, naam=naam, build=ctx["release"]["build"])
    ctx["gemeente"] = {"code": code, "naam": naam}
    ctx["proeftuin"] = _register(con, code, taal) if is_pilot else None
    if not is_pilot:
        jaar = (
            gem.nulmeting_jaar
            if _present(gem.nulmeting_jaar)
            else rules(con)["nulmeting.jaar_zonder_proeftuin"]
        )
        ctx["geen_proeftuin"] = i18n.t("geen_proeftuin", taal, naam=naam, jaar=jaar)

    verg = _df(
        con, "select * from publicatie_vergelijking where gemeente_code = ? and doelgroep = ?", [code, ROMA]
    )
    groups = _df(
        con,
        "select indicator, jaar, waarde, laag, hoog, onderdrukt from publicatie_groepen "
        "where groep = ? and doelgroep = ?",
        [vocabulary.OVERIGE, ROMA],
    )
    by_group = {(r.indicator, int(r.jaar)): r for r in groups.itertuples(index=False)}
    by_ind = {r.indicator: r for r in verg.itertuples(index=False)}
    domains, findings = [], []
    for domein in vocabulary.DOMEINEN:
        rows, dots = [], []
        for ind in (i for i in inds if i.domein == domein):
            v = by_ind.get(ind.code)
            if v is None:
                continue
            m = ind.vermenigvuldiger
            row = {"indicator": _name(ind, taal), "eenheid": i18n.unit(ind.eenheid, taal)}
            row["nulmeting"] = _cell(v.nulmeting_waarde, v.nulmeting_periode, m, taal)
            row["laatste"] = _cell(v.laatste_waarde, v.laatste_periode, m, taal)
            row["verschil"] = (
                (
                    f"{i18n.difference(v.verschil, m, taal)}"
                    + (
                        f" ({i18n.interval(v.verschil_laag, v.verschil_hoog, m, taal)})"
                        if _present(v.verschil_laag)
                        else ""
                    )
                )
                if _present(v.verschil)
                else ""
            )
            row["status"] = _status(v.status, taal)
            other = by_group.get((ind.code, int(v.laatste_jaar))) if _present(v.laatste_jaar) else None
            if other is not None and _present(other.waarde):
                row["overige"] = (
                    f"{i18n.value(other.waarde, m, taal)} ({i18n.interval(other.laag, other.hoog, m, taal)})"
                )
            elif other is not None:
                row["overige"] = i18n.word(vocabulary.ONDERDRUKT, taal)
            else:
                row["overige"] = vocabulary.MISSING
            rows.append(row)
            if m == 100:
                dots.append(
                    (
                        row["indicator"],
                        v.nulmeting_waarde,
                        v.laatste_waarde,
                        other.laag if other is not None else None,
                        other.hoog if other is not None else None,
                    )
                )
            sentence = _finding(naam, ind, v, taal)
            if sentence:
                findings.append(sentence)
        if rows:
            domains.append(
                {
                    "naam": catalogue.DOMAINS[domein][taal],
                    "rows": rows,
                    "chart": charts.dot_chart(dots) if dots else "",
                }
            )
    ctx["domeinen"] = domains
    ctx["bevindingen"] = findings
    ctx["kloof"] = _gap(con, code, inds, taal)
    ctx["effecten"] = effects(con, inds, taal)
    ctx["onderdrukt"] = _suppressed(con, code, inds, taal)
    return ctx


def _cell(waarde: Any, periode: object, m: int, taal: str) -> str:
    """`waarde` as a pandas row holds it: a number, or NaN/NA where it is suppressed."""
    if _present(waarde):
        return f"{i18n.value(waarde, m, taal)} ({periode})"
    if _present(periode):
        return f"{i18n.word(vocabulary.ONDERDRUKT, taal)} ({periode})"
    return vocabulary.MISSING


def _finding(naam: str, ind: Indicator, v: Any, taal: str) -> str:
    """A sentence that states a change, only where the status says the change is real. `v` is a row
    of publicatie_vergelijking (a pandas itertuples row: untyped)."""
    if v.status not in (
        vocabulary.VERBETERD,
        vocabulary.VERSLECHTERD,
        vocabulary.GESTEGEN,
        vocabulary.GEDAALD,
    ):
        return ""
    if not (_present(v.nulmeting_waarde) and _present(v.laatste_waarde)):
        return ""
    m = ind.vermenigvuldiger
    van, naar = i18n.value(v.nulmeting_waarde, m, taal), i18n.value(v.laatste_waarde, m, taal)
    key = (
        "bevinding_daalde"
        if v.laatste_waarde < v.nulmeting_waarde
        else ("bevinding_steeg" if v.laatste_waarde > v.nulmeting_waarde else "bevinding_bleef")
    )
    return i18n.t(
        key,
        taal,
        gemeente=naam,
        indicator=_name(ind, taal),
        van=van,
        naar=naar,
        p_van=v.nulmeting_periode,
        p_naar=v.laatste_periode,
    ) + i18n.t("bevinding_status", taal, status=_status(v.status, taal))


def _register(con: duckdb.DuckDBPyConnection, code: str, taal: str) -> dict[str, object]:
    p = _df(con, "select * from proeftuinen where gemeente_code = ?", [code])
    if p.empty:
        return {}
    r = p.iloc[0]
    start = str(r.startjaar) + (f" ({i18n.t('aangenomen', taal)})" if bool(r.startjaar_aanname) else "")
    interventies = list(r.interventies) if r.interventies is not None else []
    return {
        "fase": i18n.t("fase_waarde", taal, fase=r.fase),
        "bron_deelname": r.bron_deelname if _present(r.bron_deelname) else "",
        "startjaar": start,
        "startjaar_toelichting": r.startjaar_toelichting
        if _present(r.startjaar_toelichting) and taal == "nl"
        else "",
        "bron_startjaar": r.bron_startjaar if _present(r.bron_startjaar) else "",
        "nulmeting_jaar": str(r.nulmeting_jaar),
        "subsidie": i18n.t("ja" if bool(r.subsidie) else "nee", taal),
        "bron_subsidie": r.bron_subsidie if _present(r.bron_subsidie) else "",
        "interventies": interventies,
        "bron_interventies": r.bron_interventies if _present(r.bron_interventies) else "",
    }


def _gap(con: duckdb.DuckDBPyConnection, code: str, inds: list[Indicator], taal: str) -> list[dict[str, str]]:
    k = _df(con, "select * from publicatie_kloof where gemeente_code = ?", [code])
    by = {r.indicator: r for r in k.itertuples(index=False)}
    out = []
    for ind in inds:
        r = by.get(ind.code)
        if r is None:
            continue
        m = ind.vermenigvuldiger
        out.append(
            {
                "indicator": _name(ind, taal),
                "nulmeting": i18n.difference(r.nulmeting_kloof, m, taal)
                if _present(r.nulmeting_kloof)
                else vocabulary.MISSING,
                "laatste": i18n.difference(r.laatste_kloof, m, taal)
                if _present(r.laatste_kloof)
                else vocabulary.MISSING,
                "voortgang": f"{i18n.number(r.voortgang * 100, 0, taal)}%"
                if _present(r.voortgang)
                else vocabulary.MISSING,
                "status": _status(r.status, taal),
            }
        )
    return out


def _suppressed(
    con: duckdb.DuckDBPyConnection, code: str, inds: list[Indicator], taal: str
) -> dict[str, object]:
    """Per indicator and doelgroep, how many figures of this municipality are suppressed, and why."""
    s = _df(
        con,
        "select indicator, doelgroep, reden_onderdrukt, count(*) as n, min(periode) as van, "
        "max(periode) as tot from publicatie_cijfers where gemeente_code = ? and onderdrukt "
        "group by all order by all",
        [code],
    )
    names = {i.code: _name(i, taal) for i in inds}
    order = {i.code: n for n, i in enumerate(inds)}
    rows = [
        {
            "indicator": names.get(r.indicator, r.indicator),
            "doelgroep": i18n.word(r.doelgroep, taal),
            "reden": i18n.word(r.reden_onderdrukt, taal)
            if _present(r.reden_onderdrukt)
            else vocabulary.MISSING,
            "aantal": i18n.number(r.n, 0, taal),
            "perioden": f"{r.van} … {r.tot}" if r.van != r.tot else r.van,
        }
        for r in sorted(s.itertuples(index=False), key=lambda r: (order.get(r.indicator, 99), r.doelgroep))
    ]
    total = int(s["n"].sum()) if not s.empty else 0
    return {"rows": rows, "totaal": i18n.number(total, 0, taal)}


# ---------------------------------------------------------------- the country
def national(con: duckdb.DuckDBPyConnection, taal: str) -> dict[str, object]:
    """Everything the national report shows."""
    i18n.check_taal(taal)
    inds = indicators(con)
    ctx = _common(con, taal)
    ctx["titel"] = i18n.t("titel_land", taal)
    ctx["inleiding"] = i18n.t("inleiding_land", taal, build=ctx["release"]["build"])
    pilots = con.execute(
        "select naam, gemeente_code, fase, startjaar, startjaar_aanname from proeftuinen "
        "order by fase, startjaar, naam"
    ).fetchall()
    ctx["proeftuinen"] = [
        f"{n} ({i18n.t('fase_waarde', taal, fase=f)}, {s}{'*' if a else ''})" for n, _, f, s, a in pilots
    ]
    groups = _df(con, "select * from publicatie_groepen where doelgroep = ? and not voorlopig", [ROMA])
    latest = groups.dropna(subset=["waarde"]).groupby("indicator")["jaar"].max().to_dict()
    counts = _df(
        con,
        "select v.indicator, v.status, count(*) as n from publicatie_vergelijking v "
        "join gemeenten g using (gemeente_code) where g.proeftuin and v.doelgroep = ? "
        "group by all",
        [ROMA],
    )
    cnt = {(r.indicator, r.status): int(r.n) for r in counts.itertuples(index=False)}
    overview = []
    for domein in vocabulary.DOMEINEN:
        rows = []
        for ind in (i for i in inds if i.domein == domein and i.code in latest):
            jaar = int(latest[ind.code])
            m = ind.vermenigvuldiger
            cells = {}
            for groep in vocabulary.GROEPEN:
                g = groups[(groups.indicator == ind.code) & (groups.groep == groep) & (groups.jaar == jaar)]
                if g.empty:
                    cells[groep] = vocabulary.MISSING
                elif _present(g.iloc[0].waarde):
                    r = g.iloc[0]
                    cells[groep] = f"{i18n.value(r.waarde, m, taal)}" + (
                        f" ({i18n.interval(r.laag, r.hoog, m, taal)})" if _present(r.laag) else ""
                    )
                else:
                    cells[groep] = i18n.word(vocabulary.ONDERDRUKT, taal)
            periode = groups[(groups.indicator == ind.code) & (groups.jaar == jaar)].periode.iloc[0]
            better = cnt.get((ind.code, vocabulary.VERBETERD), 0)
            worse = cnt.get((ind.code, vocabulary.VERSLECHTERD), 0)
            rows.append(
                {
                    "indicator": _name(ind, taal),
                    "eenheid": i18n.unit(ind.eenheid, taal),
                    "periode": periode,
                    "proeftuinen": cells[vocabulary.PROEFTUINEN],
                    "overige": cells[vocabulary.OVERIGE],
                    "verbeterd": i18n.number(better, 0, taal),
                    "verslechterd": i18n.number(worse, 0, taal),
                }
            )
        if rows:
            overview.append({"naam": catalogue.DOMAINS[domein][taal], "rows": rows})
    ctx["overzicht"] = overview
    ctx["kop_verbeterd"], ctx["kop_verslechterd"] = (
        i18n.t("k_proeftuinen_status", taal, status=i18n.word(w, taal))
        for w in (vocabulary.VERBETERD, vocabulary.VERSLECHTERD)
    )
    ctx["effecten"] = effects(con, inds, taal)
    ctx["kloof_land"] = _gap_counts(con, inds, taal)
    ctx["kwaliteit"] = _quality(con, taal)
    return ctx


def _gap_counts(con: duckdb.DuckDBPyConnection, inds: list[Indicator], taal: str) -> dict[str, object]:
    k = _df(
        con,
        "select k.indicator, k.status, count(*) as n from publicatie_kloof k join gemeenten g "
        "using (gemeente_code) where g.proeftuin group by all",
    )
    statuses = [s for s in vocabulary.PUBLISHED_GAP_STATUSES if s in set(k.status)]
    cnt = {(r.indicator, r.status): int(r.n) for r in k.itertuples(index=False)}
    rows = []
    for ind in inds:
        if not any((ind.code, s) in cnt for s in statuses):
            continue
        rows.append(
            {
                "indicator": _name(ind, taal),
                "cells": [i18n.number(cnt.get((ind.code, s), 0), 0, taal) for s in statuses],
            }
        )
    return {"statuses": [i18n.word(s, taal) for s in statuses], "rows": rows}


def _quality(con: duckdb.DuckDBPyConnection, taal: str) -> dict[str, str]:
    lev = dict(con.execute("select status, count(*) from publicatie_leveringen group by 1").fetchall())
    q = con.execute("select coalesce(sum(meldingen), 0) from publicatie_quarantaine").fetchall()[0][0]
    c = _df(con, "select * from publicatie_controle").iloc[0]
    n = lambda x: i18n.number(int(x), 0, taal)  # noqa: E731
    vol = con.execute(
        "select v.jaar, count(distinct v.gemeente_code), count(distinct v.gemeente_code) "
        "filter (where g.proeftuin) from publicatie_volledigheid v join gemeenten g "
        "using (gemeente_code) where v.cijfers > 0 group by v.jaar order by v.jaar desc "
        "limit 1"
    ).fetchone()
    out = {
        "leveringen": i18n.t(
            "kwaliteit_leveringen",
            taal,
            geaccepteerd=n(lev.get("geaccepteerd", 0)),
            geweigerd=n(lev.get("geweigerd", 0)),
            quarantaine=n(q),
        ),
        "controle": i18n.t(
            "kwaliteit_controle",
            taal,
            aantallen=n(c.onderdrukte_aantallen),
            min=n(c.min_mogelijke_waarden),
            smalst=n(c.smalste_bereik),
            extra=n(c.extra_onderdrukt),
            totalen=n(c.totalen_ingehouden),
            geslaagd=i18n.t("ja" if c.geslaagd else "nee", taal),
        ),
    }
    if vol:
        out["volledigheid"] = i18n.t(
            "kwaliteit_volledigheid", taal, jaar=vol[0], gemeenten=n(vol[1]), proeftuinen=n(vol[2])
        )
    return out
