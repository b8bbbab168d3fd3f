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
        yield f"/thema/{domein}", lambda d=domein: thema.layout(d)
        yield f"/thema/{domein} (onder)", lambda r=first, g=doelgroep: thema.lower(r.indicator, g)
    yield "/kaart", lambda: kaart.layout()
    for code in pilots[:1]:
        yield f"/gemeente/{code}", lambda c=code: gemeente.layout(c)
    yield "/datakwaliteit", lambda: datakwaliteit.layout()
    yield "/over", lambda: over.layout()
    for doelgroep in DOELGROEPEN:
        yield f"/?doelgroep={doelgroep}", lambda g=doelgroep: overzicht.layout(doelgroep=g)
        yield f"/?doelgroep={doelgroep} (onder)", lambda g=doelgroep: overzicht.lower(g)
    for r in cat.itertuples():
        for doelgroep in DOELGROEPEN:
            address = f"/thema/{r.domein}?indicator={r.indicator}&doelgroep={doelgroep}"
            yield address, lambda r=r, g=doelgroep: thema.layout(r.domein, indicator=r.indicator, doelgroep=g)
            yield f"{address} (onder)", lambda r=r, g=doelgroep: thema.lower(r.indicator, g)
    for r in cat.itertuples():
        for doelgroep in DOELGROEPEN:
            for maat in kaart.MATEN:
                address = f"/kaart?indicator={r.indicator}&doelgroep={doelgroep}&maat={maat}"
                yield (
                    address,
                    lambda r=r, g=doelgroep, a=maat: kaart.layout(indicator=r.indicator, doelgroep=g, maat=a),
                )
    for code in pilots:
        for doelgroep in DOELGROEPEN:
            address = f"/gemeente/{code}?doelgroep={doelgroep}"
            yield address, lambda c=code, g=doelgroep: gemeente.layout(c, doelgroep=g)


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
