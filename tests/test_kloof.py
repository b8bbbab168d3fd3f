"""The gap between roma and totaal, its change, and progress towards halving it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pipeline import kloof
from pipeline.config import BaselineRule, GapRule, StatusRule, load_settings
from pipeline.statistics import mover_difference, newcombe

RULE = BaselineRule(jaren_voor_start=1, jaar_zonder_proeftuin=2010, max_jaren_terug=2)
STATUS = StatusRule(alpha=0.05, min_noemer=10, min_aantal=5)
HALVE = GapRule(doel_fractie=0.5)
INDICATOREN = pd.DataFrame(
    {
        "indicator": ["bijstand", "arbeidsparticipatie", "werkervaringstrajecten", "signalen_uitbuiting"],
        "richting": ["lager_beter", "hoger_beter", "hoger_beter", "neutraal"],
        "is_aantal": [False, False, True, True],
        "vermenigvuldiger": [100, 100, 1, 1],
    }
)
GEMEENTEN = pd.DataFrame({"gemeente_code": ["P", "N"], "nulmeting_jaar": [2014, 2010]})


def _w(*figures):
    """(gemeente, indicator, doelgroep, jaar, teller, noemer) → a waarnemingen frame."""
    mult = INDICATOREN.set_index("indicator")["vermenigvuldiger"]
    return pd.DataFrame(
        [
            {
                "gemeente_code": g,
                "indicator": i,
                "doelgroep": d,
                "jaar": j,
                "periode": str(j),
                "teller": t,
                "noemer": n,
                "waarde": t / n * mult[i] if n else float(t),
            }
            for g, i, d, j, t, n in figures
        ]
    )


def _gap(w, gap=HALVE):
    return kloof.kloof(w, GEMEENTEN, INDICATOREN, RULE, STATUS, gap).set_index(["gemeente_code", "indicator"])


def test_gap_at_baseline_and_latest_with_progress_towards_halving_by_hand():
    # bijstand (lower is better), pilot P with baseline 2014:
    #   2014 roma 50/100 = 50, totaal 500/10000 = 5  → gap 45
    #   2020 roma 30/100 = 30, totaal 400/10000 = 4  → gap 26
    # target 45 × 0.5 = 22.5; progress (45 − 26) / 22.5 = 0.8444…; narrower, not yet halved
    row = _gap(
        _w(
            ("P", "bijstand", "roma", 2014, 50, 100),
            ("P", "bijstand", "totaal", 2014, 500, 10_000),
            ("P", "bijstand", "roma", 2020, 30, 100),
            ("P", "bijstand", "totaal", 2020, 400, 10_000),
        )
    ).loc[("P", "bijstand")]
    assert (row["nulmeting_jaar"], row["laatste_jaar"]) == (2014, 2020)
    assert (row["nulmeting_kloof"], row["laatste_kloof"]) == pytest.approx((45.0, 26.0))
    assert row["kloof_verschil"] == pytest.approx(-19.0)
    assert (row["achterstand_nulmeting"], row["achterstand_laatste"]) == pytest.approx((45.0, 26.0))
    assert row["doel_achterstand"] == pytest.approx(22.5)
    assert row["voortgang"] == pytest.approx(19 / 22.5)
    assert not row["gehalveerd"]
    assert row["kloof_verschil_hoog"] < 0 and row["status"] == kloof.KLEINER


def test_gap_of_a_higher_is_better_indicator_counts_roma_behind_as_disadvantage():
    # arbeidsparticipatie: roma 20% vs 70% → gap −50, disadvantage 50; later 50% vs 70% → 20 ≤ 25
    row = _gap(
        _w(
            ("P", "arbeidsparticipatie", "roma", 2014, 20, 100),
            ("P", "arbeidsparticipatie", "totaal", 2014, 7000, 10_000),
            ("P", "arbeidsparticipatie", "roma", 2019, 50, 100),
            ("P", "arbeidsparticipatie", "totaal", 2019, 7000, 10_000),
        )
    ).loc[("P", "arbeidsparticipatie")]
    assert row["nulmeting_kloof"] == pytest.approx(-50.0)
    assert row["achterstand_nulmeting"] == pytest.approx(50.0)
    assert row["voortgang"] == pytest.approx(30 / 25)
    assert row["gehalveerd"] and row["status"] == kloof.GEHALVEERD


def test_gap_change_within_noise_is_unchanged_even_when_halved_on_paper():
    row = _gap(
        _w(
            ("P", "bijstand", "roma", 2014, 6, 12),
            ("P", "bijstand", "totaal", 2014, 500, 10_000),
            ("P", "bijstand", "roma", 2020, 3, 11),
            ("P", "bijstand", "totaal", 2020, 500, 10_000),
        )
    ).loc[("P", "bijstand")]
    assert row["gehalveerd"] and row["status"] == kloof.GELIJK


def test_gap_interval_combines_the_newcombe_intervals_of_both_groups():
    row = _gap(
        _w(
            ("P", "bijstand", "roma", 2014, 50, 100),
            ("P", "bijstand", "totaal", 2014, 500, 10_000),
            ("P", "bijstand", "roma", 2020, 30, 100),
            ("P", "bijstand", "totaal", 2020, 400, 10_000),
        )
    ).loc[("P", "bijstand")]
    dr, lr, ur = newcombe(np.array([50]), np.array([100]), np.array([30]), np.array([100]))
    dt, lt, ut = newcombe(np.array([500]), np.array([10_000]), np.array([400]), np.array([10_000]))
    _, low, high = mover_difference(dr * 100, lr * 100, ur * 100, dt * 100, lt * 100, ut * 100)
    assert (row["kloof_verschil_laag"], row["kloof_verschil_hoog"]) == pytest.approx((low[0], high[0]))
    assert high[0] - low[0] > ((ur - lr) * 100)[0]  # wider than the roma interval alone


def test_roma_not_worse_off_at_baseline_has_nothing_to_halve():
    row = _gap(
        _w(
            ("P", "bijstand", "roma", 2014, 4, 100),
            ("P", "bijstand", "totaal", 2014, 500, 10_000),
            ("P", "bijstand", "roma", 2020, 6, 100),
            ("P", "bijstand", "totaal", 2020, 500, 10_000),
        )
    ).loc[("P", "bijstand")]
    assert row["status"] == kloof.GEEN_ACHTERSTAND
    assert np.isnan(row["voortgang"]) and pd.isna(row["gehalveerd"])


def test_small_roma_noemer_or_missing_baseline_is_too_few_to_say():
    w = _w(
        ("P", "bijstand", "roma", 2014, 5, 9),
        ("P", "bijstand", "totaal", 2014, 500, 10_000),
        ("P", "bijstand", "roma", 2020, 1, 20),
        ("P", "bijstand", "totaal", 2020, 500, 10_000),
        ("N", "bijstand", "roma", 2016, 10, 100),
        ("N", "bijstand", "totaal", 2016, 500, 10_000),
        ("N", "bijstand", "roma", 2020, 5, 100),
        ("N", "bijstand", "totaal", 2020, 500, 10_000),
    )
    out = _gap(w)
    assert out.loc[("P", "bijstand"), "status"] == kloof.ONVOLDOENDE
    assert out.loc[("N", "bijstand"), "status"] == kloof.ONVOLDOENDE  # no figure in or just before 2010


def test_counts_and_neutral_indicators_have_no_gap():
    w = _w(
        ("P", "werkervaringstrajecten", "roma", 2014, 1, None),
        ("P", "werkervaringstrajecten", "totaal", 2014, 30, None),
        ("P", "signalen_uitbuiting", "roma", 2014, 1, None),
        ("P", "signalen_uitbuiting", "totaal", 2014, 3, None),
    )
    assert _gap(w).empty


def test_target_fraction_comes_from_the_settings():
    assert load_settings().kloof.doel_fractie == 0.5
    w = _w(
        ("P", "bijstand", "roma", 2014, 50, 100),
        ("P", "bijstand", "totaal", 2014, 500, 10_000),
        ("P", "bijstand", "roma", 2020, 30, 100),
        ("P", "bijstand", "totaal", 2020, 400, 10_000),
    )
    row = _gap(w, GapRule(doel_fractie=0.25)).loc[("P", "bijstand")]
    assert row["doel_achterstand"] == pytest.approx(45 * 0.75)
    assert row["voortgang"] == pytest.approx(19 / (45 * 0.25))
