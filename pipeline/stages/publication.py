"""Stage 5 — publication: the only tables any output reads, disclosure applied once, audited.

The models of `pipeline/sql/4_publicatie/` (in the order of `pipeline/tables.py`) turn the marts
and analyses into the publication tables of CONTRACT §3 in the new database; a few are Python
functions where SQL cannot do it (exact Poisson intervals, binomial funnel limits). The
disclosure rule is applied in one place (`pub_cellen`); then the audit (`pipeline/audit.py`)
computes what can still be learnt about every suppressed roma count from everything published.
Where a published total narrows one, `pipeline.disclosure.protect` suppresses more — one extra
cell or the total — and the models are made again, until the audit is clean. If it cannot be
made clean the build fails and the previous database stays: nothing is published (fail closed).

The dashboard, its downloads, the extracts, the API and the reports read these tables and the
reference tables (`gemeenten`, `indicatoren`, `proeftuinen`, `manifest`), nothing else.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pandas as pd

from pipeline import audit, disclosure, effecten, tables, trechter
from pipeline.build import Build
from pipeline.statistics import poisson_interval, wilson, z_for
from pipeline.vocabulary import FUNNEL, PROEFTUINEN, nl_number, percent

OUT = tables.OUT
MAX_ROUNDS = 8
OUTSIDE = "buiten {}%-grenzen"
FUNNEL_MIN_POINTS = 3
FUNNEL_GRID = 120


def _groepen(build: Build) -> pd.DataFrame:
    """`publicatie_groepen`: the totals of `pub_groepen` with an interval at the level of the
    settings (`[status] alpha`; Wilson for rates, exact Poisson for counts), every figure empty
    where the total is suppressed."""
    alpha = build.settings.status.alpha
    g = build.con.execute("select * from pub_groepen order by indicator, doelgroep, groep, jaar").df()
    teller = g["teller"].to_numpy(float)
    noemer = g["noemer"].to_numpy(float)
    mult = g["vermenigvuldiger"].to_numpy(float)
    rate = g["is_verhouding"].to_numpy(bool)
    lo_w, hi_w = wilson(teller, noemer, z_for(alpha))
    lo_p, hi_p = poisson_interval(teller, alpha)
    with np.errstate(divide="ignore", invalid="ignore"):
        waarde = np.where(rate, teller / noemer * mult, teller)
    out = pd.DataFrame(
        {
            "groep": g["groep"],
            "indicator": g["indicator"],
            "doelgroep": g["doelgroep"],
            "jaar": g["jaar"].astype(int),
            "periode": g["periode"],
            "voorlopig": g["voorlopig"].astype(bool),
            "n_gemeenten": g["n_gemeenten"].astype(int),
            "gemeenten": g["gemeenten"],
            "teller": g["teller"].astype("Int64"),
            "noemer": g["noemer"].astype("Int64"),
            "waarde": waarde,
            "laag": np.where(rate, lo_w * mult, lo_p),
            "hoog": np.where(rate, hi_w * mult, hi_p),
            "onderdrukt": g["onderdrukt"].astype(bool),
            "reden_onderdrukt": g["reden_onderdrukt"],
        }
    )
    hidden = out["onderdrukt"].to_numpy(bool)
    for c in ("teller", "noemer"):
        out.loc[hidden, c] = pd.NA
    for c in ("waarde", "laag", "hoog"):
        out[c] = out[c].astype("Float64")
        out.loc[hidden, c] = pd.NA
    return out


def _trechter(build: Build) -> pd.DataFrame:
    """`publicatie_trechter`: per rate indicator and doelgroep, the funnel of the latest year with at
    least three published figures and a centre the audit left standing: the centre of *all*
    figures (`trechter`, suppressed ones included), rounded to two significant digits (at least
    one decimal), the spread between municipalities τ likewise, and the members it is taken over.
    The limits and where each point lies are computed from these rounded values only."""
    withheld = {
        (i, d, int(j))
        for g, i, d, j in build.con.execute("select * from pub_ingehouden").fetchall()
        if g == FUNNEL
    }
    frame = build.con.execute(f"""
        with punten as (
            select indicator, doelgroep, jaar, count(*) as gepubliceerd
            from {OUT}.publicatie_cijfers
            where not onderdrukt and noemer > 0 and in_totalen
            group by all
        ),
        leden as (
            select indicator, doelgroep, jaar, list(gemeente_code order by gemeente_code) as gemeenten
            from {OUT}.publicatie_cijfers where in_totalen group by all
        )
        select t.*, p.gepubliceerd, l.gemeenten, i.vermenigvuldiger, i.eenheid
        from {OUT}.trechter as t
        join punten as p using (indicator, doelgroep, jaar)
        join leden as l using (indicator, doelgroep, jaar)
        join {OUT}.indicatoren as i using (indicator)
        where p.gepubliceerd >= {FUNNEL_MIN_POINTS}
        order by indicator, doelgroep, jaar desc
    """).df()
    keep = [r for r in frame.itertuples() if (r.indicator, r.doelgroep, int(r.jaar)) not in withheld]
    rows: dict[tuple[str, str], Any] = {}  # a pandas row per indicator and doelgroep
    for r in keep:
        rows.setdefault((r.indicator, r.doelgroep), r)  # the latest year of each
    out = []
    for r in rows.values():
        mult = float(r.vermenigvuldiger)
        decimals = _significant(float(r.centrum_waarde), build.settings.onthulling.decimalen_schattingen)
        tau = round(float(r.tau_waarde), decimals) if r.overspreiding else 0.0
        method = r.methode
        if r.overspreiding:  # the text with the published (rounded) figures, not the exact ones
            method = trechter.RANDOM_EFFECTS.format(
                phi=nl_number(float(r.phi), 1), tau=nl_number(tau, decimals), eenheid=r.eenheid
            )
        out.append(
            {
                "indicator": r.indicator,
                "doelgroep": r.doelgroep,
                "jaar": int(r.jaar),
                "centrum": round(float(r.centrum_waarde), decimals),
                "decimalen": decimals,
                "overspreiding": bool(r.overspreiding),
                "tau_waarde": tau,
                "methode": method,
                "n_gemeenten": int(r.n_gemeenten),
                "gemeenten": list(r.gemeenten),
                "vermenigvuldiger": mult,
            }
        )
    columns = [
        "indicator",
        "doelgroep",
        "jaar",
        "centrum",
        "decimalen",
        "overspreiding",
        "tau_waarde",
        "methode",
        "n_gemeenten",
        "gemeenten",
        "vermenigvuldiger",
    ]
    return pd.DataFrame(out, columns=columns).drop(columns="vermenigvuldiger")


def _significant(value: float, least: int) -> int:
    """Decimals for two significant digits of `value`, at least `least`, at most 4."""
    if not np.isfinite(value) or value == 0:
        return least
    return int(min(4, max(least, 1 - np.floor(np.log10(abs(value))))))


def _centre(build: Build) -> pd.DataFrame:
    return build.con.execute(f"""
        select t.*, i.vermenigvuldiger from {OUT}.publicatie_trechter as t
        join {OUT}.indicatoren as i using (indicator)
    """).df()


def _trechter_punten(build: Build) -> pd.DataFrame:
    """`publicatie_trechter_punten`: every published figure of each funnel, with where it lies
    against the limits (exact binomial tails, or random-effects limits under overdispersion)."""
    # every funnel's points in one query, then each funnel's rows (in gemeente_code order)
    points = build.con.execute(f"""
        select c.gemeente_code, c.gemeente_naam, c.groep = '{PROEFTUINEN}' as proeftuin, c.indicator,
               c.doelgroep, c.jaar, c.periode, c.voorlopig, c.teller, c.noemer, c.waarde
        from {OUT}.publicatie_cijfers as c
        semi join {OUT}.publicatie_trechter as t using (indicator, doelgroep, jaar)
        where not c.onderdrukt and c.noemer > 0 and c.in_totalen
        order by c.indicator, c.doelgroep, c.jaar, c.gemeente_code
    """).df()
    rows_of = points.groupby(["indicator", "doelgroep", "jaar"], sort=False).indices
    frames = []
    for c in _centre(build).itertuples():
        rows = rows_of.get((c.indicator, c.doelgroep, c.jaar), np.zeros(0, dtype=int))
        p = points.iloc[rows].reset_index(drop=True)
        mult = float(c.vermenigvuldiger)
        centre, tau2 = c.centrum / mult, (c.tau_waarde / mult) ** 2
        t, n = p["teller"].to_numpy(float), p["noemer"].to_numpy(float)
        low, high = _coverages(build)
        wide = trechter.ligging(t, n, centre, high, tau2)
        narrow = trechter.ligging(t, n, centre, low, tau2)
        p["ligging"] = np.select(
            [wide != 0, narrow != 0],
            [OUTSIDE.format(percent(high)), OUTSIDE.format(percent(low))],
            default="binnen de grenzen",
        )
        frames.append(p.assign(centrum=c.centrum))
    columns = [
        "gemeente_code",
        "gemeente_naam",
        "proeftuin",
        "indicator",
        "doelgroep",
        "jaar",
        "periode",
        "voorlopig",
        "teller",
        "noemer",
        "waarde",
        "ligging",
        "centrum",
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def _trechter_grenzen(build: Build) -> pd.DataFrame:
    """`publicatie_trechter_grenzen`: the limits along the noemer for each funnel, for the chart."""
    points = (
        build.con.execute(f"""
        select indicator, doelgroep, min(noemer) as laag, max(noemer) as hoog
        from {OUT}.publicatie_trechter_punten group by all
    """)
        .df()
        .set_index(["indicator", "doelgroep"])
    )
    rows = []
    for c in _centre(build).itertuples():
        if (c.indicator, c.doelgroep) not in points.index:
            continue
        lo_n, hi_n = points.loc[(c.indicator, c.doelgroep)]
        grid = np.unique(np.round(np.geomspace(max(1.0, float(lo_n) / 2), float(hi_n) * 1.1, FUNNEL_GRID)))
        mult = float(c.vermenigvuldiger)
        frame = pd.DataFrame(
            {
                "indicator": c.indicator,
                "doelgroep": c.doelgroep,
                "jaar": int(c.jaar),
                "noemer": grid,
                "centrum": c.centrum,
            }
        )
        for cov in _coverages(build):
            lo, hi = trechter.grenzen(c.centrum / mult, grid, cov, (c.tau_waarde / mult) ** 2)
            tag = _tag(cov)
            frame[f"laag_{tag}"] = lo * mult
            frame[f"hoog_{tag}"] = hi * mult
        rows.append(frame)
    columns = [
        "indicator",
        "doelgroep",
        "jaar",
        "noemer",
        "centrum",
        *(f"{side}_{_tag(cov)}" for cov in _coverages(build) for side in ("laag", "hoog")),
    ]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns)


def _coverages(build: Build) -> tuple[float, float]:
    """The funnel's two pairs of limits (`[trechter] dekkingen`), narrow then wide."""
    low, high = sorted(build.settings.trechter.dekkingen)
    return low, high


def _tag(coverage: float) -> str:
    """The column suffix of a coverage: 0.95 → '95', 0.998 → '99_8'."""
    return f"{coverage * 100:g}".replace(".", "_")


def _teksten(build: Build) -> pd.DataFrame:
    """`publicatie_teksten`: the texts that explain the published figures, made with this build's
    settings (the pages show them as they are)."""
    s = build.settings
    return pd.DataFrame(
        [
            ("onderdrukt", disclosure.explanation(s.onthulling)),
            ("effecten", effecten.uitleg(s.effecten, s.kloof.doel_fractie)),
        ],
        columns=["naam", "tekst"],
    )


def _audit_tabel(result: audit.AuditResult, state: disclosure.Protection, seconds: float) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                **result.summary(),
                "extra_onderdrukt": len(state.cells),
                "totalen_ingehouden": len(state.totals),
                "rondes": state.rounds + 1,
                "duur_s": round(seconds, 3),
            }
        ]
    )


# The tables of this stage in run order are those of `pipeline/tables.py`; `pub_extra`,
# `pub_ingehouden` (the protection's state) and `publicatie_controle` (the audit) are written by
# `run` itself, the others by `_make`.
BY_RUN = frozenset({"pub_extra", "pub_ingehouden", "publicatie_controle"})


def models() -> tuple[tables.Table, ...]:
    return tuple(t for t in tables.of_stage("publication") if t.name not in BY_RUN)


# What the audit's linear model reads: made again in every round of protection.
AUDITED = ("pub_cellen", "publicatie_cijfers", "pub_groepen", "publicatie_groepen", "publicatie_trechter")


def _params(build: Build) -> dict[str, object]:
    s = build.settings
    return disclosure.sql_params(s.onthulling) | {
        "alpha": s.status.alpha,
        "status_min_noemer": s.status.min_noemer,
        "status_min_aantal": s.status.min_aantal,
        "jaren_voor_start": s.nulmeting.jaren_voor_start,
        "min_proeftuinen": s.effecten.min_proeftuinen,
        "min_vergelijking": s.effecten.min_vergelijking,
        "betrouwbaarheid": s.effecten.betrouwbaarheid,
        "doel_fractie": s.kloof.doel_fractie,
        "max_jaren_terug": s.nulmeting.max_jaren_terug,
        "jaar_zonder_proeftuin": s.nulmeting.jaar_zonder_proeftuin,
    }


def _make(build: Build, names: tuple[str, ...], params: dict[str, object]) -> dict[str, int]:
    counts = {}
    for t in models():
        name = t.name
        if name not in names:
            continue
        if t.sql:
            counts[name] = build.model(name, params, catalog=t.database if t.database == OUT else None)
            continue
        with build.progress.step(name):
            frame = tables.builder(t)(build)
            build.con.register("_frame", frame)
            build.con.execute(f"create or replace table {OUT}.{name} as select * from _frame")
            build.con.unregister("_frame")
            counts[name] = len(frame)
    return counts


def _write_protection(build: Build, state: disclosure.Protection) -> None:
    con = build.con
    cells = pd.DataFrame(sorted(state.cells), columns=["gemeente_code", "periode", "indicator", "doelgroep"])
    totals = pd.DataFrame(sorted(state.totals), columns=["groep", "indicator", "doelgroep", "jaar"])
    for name, frame in (("pub_extra", cells), ("pub_ingehouden", totals)):
        con.register("_frame", frame.astype({"jaar": "int64"}) if "jaar" in frame else frame)
        con.execute(f"create or replace table {name} as select * from _frame")
        con.unregister("_frame")


def run(build: Build) -> dict[str, object]:
    """Make the publication tables and audit them; returns the audit's summary for the manifest.
    Raises `disclosure.DisclosureError` (nothing is published) when the audit cannot be met."""
    con = build.con
    con.execute(f"set search_path = '{_working_catalog(build)},{OUT}'")
    rule = build.settings.onthulling
    params = _params(build)
    state = disclosure.Protection()
    cache: dict = {}  # per block: its audit, kept while the block does not change
    earlier: dict = {}  # per block: its rows as last read
    started = time.perf_counter()
    try:
        while True:
            _write_protection(build, state)
            _make(build, AUDITED, params)
            with build.progress.step("controle"):
                blocks = audit.read_blocks(con, rule, OUT, earlier)
                result = audit.audit_blocks(blocks, rule, cache)
            if not result.narrowed:
                break
            build.progress.say(
                f"  controle ronde {state.rounds + 1}: {len(result.narrowed)} onderdrukte aantallen te smal; "
                "extra onderdrukking"
            )
            if state.rounds >= MAX_ROUNDS or not disclosure.protect(result, blocks, state, rule):
                raise disclosure.DisclosureError(_failure(result))
        _make(build, tuple(t.name for t in models() if t.name not in AUDITED), params)
        result.structural = audit.structural(con, OUT)
        if not result.clean:
            raise disclosure.DisclosureError(_failure(result))
        summary = _audit_tabel(result, state, time.perf_counter() - started)
        con.register("_frame", summary)
        con.execute(f"create or replace table {OUT}.publicatie_controle as select * from _frame")
        con.unregister("_frame")
    finally:
        con.execute("reset search_path")
    return summary.iloc[0].to_dict()


def _working_catalog(build: Build) -> str:
    return build.con.execute("select current_database()").fetchall()[0][0]


def _failure(result: audit.AuditResult) -> str:
    narrowed = result.narrowed[:5]
    parts = [f"{' '.join(r.key)} ({r.what}: {r.values:g} mogelijke waarden)" for r in narrowed]
    return (
        "de controle op onthulling slaagt niet; er wordt niets gepubliceerd. "
        + ("Te smal: " + "; ".join(parts) if parts else "")
        + ("; " if parts and result.structural else "")
        + "; ".join(result.structural[:5])
    )
