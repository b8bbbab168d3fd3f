"""Warm the per-build cache: every page and every view one filter change away, computed before
anyone asks, so that the first user after a (new) build gets answers at cache speed.

`views` lists them, most wanted first; `everything` computes them on a `Monitor` and stops early
when a newer build replaces the one it is warming. `python -m dashboard` warms in a background
thread; gunicorn (`dashboard/gunicorn_conf.py`) warms once before it forks its workers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from functools import partial

from dashboard.data import DatabaseMissing, Monitor
from pipeline.vocabulary import DOELGROEPEN, DOMEINEN

log = logging.getLogger(__name__)


def views(m: Monitor) -> Iterator[tuple[str, Callable[[], object]]]:
    """(address, compute) for every view worth having in the cache, the page defaults first."""
    from dashboard.pages import datakwaliteit, gemeente, kaart, over, overzicht, thema

    cat = m.indicatoren()
    pilots = m.gemeenten().loc[lambda g: g["proeftuin"], "gemeente_code"].tolist()
    yield "/", lambda: overzicht.layout()
    yield "/ (onder)", lambda: overzicht.lower("roma")
    for domein in DOMEINEN:
        first = cat.loc[cat["domein"] == domein].iloc[0]
        doelgroep = thema.default_doelgroep(first)
        yield f"/thema/{domein}", partial(thema.layout, domein)
        yield f"/thema/{domein} (onder)", partial(thema.lower, first.indicator, doelgroep)
    yield "/kaart", lambda: kaart.layout()
    for code in pilots[:1]:
        yield f"/gemeente/{code}", partial(gemeente.layout, code)
    yield "/datakwaliteit", lambda: datakwaliteit.layout()
    yield "/over", lambda: over.layout()
    for doelgroep in DOELGROEPEN:
        yield f"/?doelgroep={doelgroep}", partial(overzicht.layout, doelgroep=doelgroep)
        yield f"/?doelgroep={doelgroep} (onder)", partial(overzicht.lower, doelgroep)
    for r in cat.itertuples():
        for doelgroep in DOELGROEPEN:
            address = f"/thema/{r.domein}?indicator={r.indicator}&doelgroep={doelgroep}"
            yield address, partial(thema.layout, r.domein, indicator=r.indicator, doelgroep=doelgroep)
            yield f"{address} (onder)", partial(thema.lower, r.indicator, doelgroep)
    for r in cat.itertuples():
        for doelgroep in DOELGROEPEN:
            for maat in kaart.MATEN:
                address = f"/kaart?indicator={r.indicator}&doelgroep={doelgroep}&maat={maat}"
                yield (
                    address,
                    partial(kaart.layout, indicator=r.indicator, doelgroep=doelgroep, maat=maat),
                )
    for code in pilots:
        for doelgroep in DOELGROEPEN:
            address = f"/gemeente/{code}?doelgroep={doelgroep}"
            yield address, partial(gemeente.layout, code, doelgroep=doelgroep)


def everything(m: Monitor) -> int:
    """Compute every view of `views` on the build that is open now; the number computed."""
    try:
        key = m.build_key()
        done = 0
        for address, compute in views(m):
            if m.stopping or m.build_key() != key:
                break  # the process is ending, or a newer build arrived (its own warming takes over)
            try:
                compute()
                done += 1
            except Exception:  # a view that fails fails for its user too; warm the others
                log.exception("opwarmen van %s mislukt", address)
            time.sleep(0)  # let a waiting request have the interpreter between views
        return done
    except DatabaseMissing:
        return 0
