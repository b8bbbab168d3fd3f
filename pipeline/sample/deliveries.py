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


def revise(row: Row, rng: np.random.Generator, opmerking: str) -> Row:
    """A corrected figure: a few cases more or fewer, never breaking the rules or the facts."""
    if is_documented_fact(row.gemeente_code, row.indicator, row.doelgroep):
        return replace(row, opmerking=opmerking)
    teller = max(row.teller + int(rng.integers(-3, 4)), 0)
    if row.noemer is not None:
        teller = min(teller, row.noemer)
    return replace(row, teller=teller, opmerking=opmerking)


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
                for f in previous:
                    r = _row(f, catalogue[f.indicator], prev_peil, "definitief cijfer")
                    rows.append(revise(r, rng, "definitief cijfer") if rng.random() < 0.3 else r)
            delivery = Delivery(gemeente_code, leverdatum, label, tuple(rows))
            out.append(delivery)
            if rng.random() < 0.08:
                out.append(correction(delivery, rng))
    return out


def correction(delivery: Delivery, rng: np.random.Generator) -> Delivery:
    """A correction some weeks after a delivery, re-sending part of it with changed figures."""
    n = max(1, int(len(delivery.rows) * rng.uniform(0.1, 0.4)))
    picked = sorted(rng.choice(len(delivery.rows), size=n, replace=False))
    note = f"correctie op levering van {delivery.leverdatum.strftime('%d-%m-%Y')}"
    rows = tuple(revise(delivery.rows[i], rng, note) for i in picked)
    leverdatum = delivery.leverdatum + timedelta(days=int(rng.integers(20, 91)))
    return Delivery(delivery.gemeente_code, leverdatum, f"correctie-{delivery.label}", rows)


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
            changed = rng.random(len(rows)) < 0.1
            rows = [revise(r, rng, "herziening") if c else r for r, c in zip(rows, changed, strict=True)]
        leverdatum = first + timedelta(days=182 * k + int(rng.integers(0, 28)))
        out.append(Delivery(gemeente_code, leverdatum, f"volledige-historie-{k + 1:02d}", tuple(rows)))
    return out
