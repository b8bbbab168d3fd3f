"""Turn synthetic figures into the deliveries municipalities would send, with their dates.

A municipality sends its calendar-year figures in spring and its school-year (leerplicht) figures
in autumn; sometimes a delivery also re-sends last year's figures as final, and sometimes a
correction follows a few weeks later. Later deliveries supersede earlier figures for the same key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np

from pipeline.config import Indicator
from pipeline.sample.model import Figure, is_documented_fact
from pipeline.sample.writers import Row

# Real exports carry accents, dashes and the separator itself in free text; so does the sample.
BRON = {
    "verzuim": "Leerplicht – RMC-regio",
    "arbeid": "Sociale Zaken, Werk & Inkomen",
    "wonen": "Wijkteam; woningcorporatie",
    "veiligheid": "Politie (BVH) – Veiligheidshuis, één loket",
}
SYNTHETIC = " (synthetisch)"


@dataclass(frozen=True)
class Delivery:
    gemeente_code: str
    leverdatum: date
    label: str
    rows: tuple[Row, ...]

    @property
    def stem(self) -> str:
        return f"{self.leverdatum.isoformat()}_{self.label}"


def _row(f: Figure, ind: Indicator, peildatum: date | None, opmerking: str = "") -> Row:
    return Row(
        gemeente_code=f.gemeente_code,
        indicator=f.indicator,
        doelgroep=f.doelgroep,
        jaar=f.jaar,
        schooljaar=ind.periodetype == "schooljaar",
        teller=f.teller,
        noemer=f.noemer,
        bron=BRON[ind.domein] + SYNTHETIC,
        peildatum=peildatum,
        opmerking=opmerking,
    )


def revise(rows: list[Row], rng: np.random.Generator, opmerking: str) -> list[Row]:
    """A corrected figure for one key: a few cases more or fewer, never breaking the rules or the
    facts. The roma and totaal rows of the key (`rows`) change by the same number of cases, so the
    target group stays part of the whole population."""
    if any(is_documented_fact(r.gemeente_code, r.indicator, r.doelgroep) for r in rows):
        return [replace(r, opmerking=opmerking) for r in rows]
    lo = max(-r.teller for r in rows)
    hi = min((r.noemer - r.teller for r in rows if r.noemer is not None), default=3)
    delta = int(np.clip(int(rng.integers(-3, 4)), lo, hi))
    return [replace(r, teller=r.teller + delta, opmerking=opmerking) for r in rows]


def revise_some(rows: list[Row], rng: np.random.Generator, opmerking: str, share: float) -> list[Row]:
    """`rows` with about `share` of their keys revised (`revise`), in their original order."""
    keys: dict[tuple[str, int], list[int]] = {}
    for i, r in enumerate(rows):
        keys.setdefault((r.indicator, r.jaar), []).append(i)
    out = list(rows)
    for idx in keys.values():
        if rng.random() < share:
            for i, r in zip(idx, revise([rows[i] for i in idx], rng, opmerking), strict=True):
                out[i] = r
    return out


def _day(rng: np.random.Generator, year: int, months: tuple[int, int]) -> date:
    month = int(rng.integers(months[0], months[1] + 1))
    return date(year, month, int(rng.integers(1, 29)))


def yearly_deliveries(
    figures: dict[tuple[str, int], list[Figure]],
    catalogue: dict[str, Indicator],
    gemeente_code: str,
    years: list[int],
    rng: np.random.Generator,
) -> list[Delivery]:
    """Spring (calendar year) and autumn (school year) deliveries, re-sends and corrections.

    `figures` maps (periodetype, jaar) to that period's figures of one municipality.
    """
    out: list[Delivery] = []
    for jaar in years:
        for periodetype, months, label in (
            ("kalenderjaar", (3, 5), f"sociaal-domein-{jaar}"),
            ("schooljaar", (10, 11), f"leerplicht-{jaar}-{jaar + 1}"),
        ):
            current = figures.get((periodetype, jaar), [])
            if not current:
                continue
            leverdatum = _day(rng, jaar + 1, months)
            peildatum = date(jaar, 12, 31) if periodetype == "kalenderjaar" else date(jaar, 10, 1)
            rows = [_row(f, catalogue[f.indicator], peildatum) for f in current]
            previous = figures.get((periodetype, jaar - 1), [])
            if previous and rng.random() < 0.25:
                # last year's figures re-sent as final; some of them changed
                prev_peil = date(jaar - 1, 12, 31) if periodetype == "kalenderjaar" else date(jaar - 1, 10, 1)
                resent = [_row(f, catalogue[f.indicator], prev_peil, "definitief cijfer") for f in previous]
                rows += revise_some(resent, rng, "definitief cijfer", 0.3)
            delivery = Delivery(gemeente_code, leverdatum, label, tuple(rows))
            out.append(delivery)
            if rng.random() < 0.08:
                out.append(correction(delivery, rng))
    return out


def correction(delivery: Delivery, rng: np.random.Generator) -> Delivery:
    """A correction some weeks after a delivery, re-sending part of it with changed figures."""
    keys = sorted({(r.indicator, r.jaar) for r in delivery.rows})
    n = max(1, int(len(keys) * rng.uniform(0.1, 0.4)))
    picked = {keys[i] for i in rng.choice(len(keys), size=n, replace=False)}
    note = f"correctie op levering van {delivery.leverdatum.strftime('%d-%m-%Y')}"
    rows: list[Row] = []
    for key in sorted(picked):
        rows += revise([r for r in delivery.rows if (r.indicator, r.jaar) == key], rng, note)
    leverdatum = delivery.leverdatum + timedelta(days=int(rng.integers(20, 91)))
    return Delivery(delivery.gemeente_code, leverdatum, f"correctie-{delivery.label}", tuple(rows))


def full_redeliveries(
    figures: list[Figure],
    catalogue: dict[str, Indicator],
    gemeente_code: str,
    n: int,
    first: date,
    rng: np.random.Generator,
) -> list[Delivery]:
    """`n` deliveries of the whole history, each revising a tenth of the figures (stress scale)."""
    rows = [_row(f, catalogue[f.indicator], None) for f in figures]
    out = []
    for k in range(n):
        if k:
            rows = revise_some(rows, rng, "herziening", 0.1)
        leverdatum = first + timedelta(days=182 * k + int(rng.integers(0, 28)))
        out.append(Delivery(gemeente_code, leverdatum, f"volledige-historie-{k + 1:02d}", tuple(rows)))
    return out
