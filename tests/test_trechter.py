"""The funnel plot's rules (pipeline/trechter.py): limits at the edges, the centre from every cell,
overdispersion only when the data show it, and 'outside 95%' no more often than 5%."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from pipeline import trechter
from pipeline.config import load_settings
from pipeline.statistics import funnel_limits

RULE = load_settings().trechter


@pytest.mark.parametrize("centre", [0.0, 1.0])
def test_limits_at_a_centre_of_zero_or_one_are_the_centre_and_any_other_point_is_outside(centre):
    n = np.array([5, 10, 1000])
    for low, high in (funnel_limits(centre, n, 0.95), trechter.grenzen(centre, n, 0.998)):
        assert (low == centre).all() and (high == centre).all()
    at_centre = n * centre
    assert (trechter.ligging(at_centre, n, centre, 0.95) == 0).all()
    off = np.where(centre == 0, 1, n - 1)
    assert (trechter.ligging(off, n, centre, 0.95) == (1 if centre == 0 else -1)).all()


@pytest.mark.parametrize("noemer", [10, 25, 100])
@pytest.mark.parametrize("centre", [0.05, 0.3, 0.5])
def test_a_municipality_at_the_centre_is_called_outside_95_percent_at_most_5_percent_of_the_time(
    noemer, centre
):
    t = np.arange(noemer + 1)
    prob = stats.binom.pmf(t, noemer, centre)
    outside = trechter.ligging(t, np.full(len(t), noemer), centre, 0.95) != 0
    assert prob[outside].sum() <= 0.05


def _funnel(rng: np.random.Generator, tau: float, units: int = 60) -> tuple[np.ndarray, np.ndarray]:
    n = rng.integers(20, 5000, units)
    p = np.clip(0.2 + rng.normal(0, tau, units), 0.001, 0.999)
    return rng.binomial(n, p), n


def test_overdispersion_is_found_when_municipalities_differ_and_not_when_only_chance_does():
    rng = np.random.default_rng(2)
    plain = [trechter.overdispersion(*_funnel(rng, 0.0), 0.2, RULE)[2] for _ in range(200)]
    spread = [trechter.overdispersion(*_funnel(rng, 0.05), 0.2, RULE) for _ in range(50)]
    assert np.mean(plain) <= 0.1
    assert all(s[2] for s in spread)
    assert np.median([np.sqrt(s[3]) for s in spread]) == pytest.approx(0.05, rel=0.3)


def test_random_effects_limits_keep_big_municipalities_inside_where_binomial_ones_do_not():
    rng = np.random.default_rng(9)
    t, n = _funnel(rng, 0.05, 200)
    centre = t.sum() / n.sum()
    _, _, over, tau2 = trechter.overdispersion(t, n, centre, RULE)
    binomial = np.mean(trechter.ligging(t, n, centre, 0.998) != 0)
    widened = np.mean(trechter.ligging(t, n, centre, 0.998, tau2) != 0)
    assert over and binomial > 0.5 and widened < 0.05


def test_funnel_table_takes_its_centre_from_every_cell_and_states_its_method():
    w = pd.DataFrame(
        {
            "gemeente_code": ["A", "B", "C", "D", "E", "F"],
            "indicator": "r",
            "doelgroep": "roma",
            "jaar": 2016,
            "periode": "2016",
            "teller": [2, 1, 30, 25, 40, 3],
            "noemer": [8, 9, 100, 90, 120, 11],
        }
    )
    w["waarde"] = 100 * w["teller"] / w["noemer"]
    ind = pd.DataFrame(
        {"indicator": ["r", "c"], "vermenigvuldiger": [100, 1], "eenheid": ["per 100", "aantal"]}
    )
    out = trechter.trechter(w, ind, RULE)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["centrum"] == pytest.approx(101 / 338) and row["centrum_waarde"] == pytest.approx(10100 / 338)
    assert row["n_gemeenten"] == 6 and row["methode"]
