"""The baseline rule and the status against it, on frames the tests make."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.config import BaselineRule, StatusRule, load_settings
from pipeline.nulmeting import compare

RULE = BaselineRule(jaren_voor_start=1, jaar_zonder_proeftuin=2010, max_jaren_terug=2)
STATUS = StatusRule(alpha=0.05, min_noemer=10, min_aantal=5)
INDICATOREN = pd.DataFrame(
    {
        "indicator": ["bijstand", "arbeidsparticipatie", "signalen_uitbuiting", "werkervaringstrajecten"],
        "richting": ["lager_beter", "hoger_beter", "neutraal", "hoger_beter"],
        "streefwaarde": [None, None, None, None],
        "vermenigvuldiger": [100, 100, 1, 1],
    }
)


def _w(*figures):
    """(gemeente, indicator, jaar, teller, noemer) → a waarnemingen frame."""
    rows = []
    for g, ind, jaar, t, n in figures:
        mult = INDICATOREN.set_index("indicator").loc[ind, "vermenigvuldiger"]
        rows.append(
            {
                "gemeente_code": g,
                "indicator": ind,
                "doelgroep": "roma",
                "jaar": jaar,
                "periode": str(jaar),
                "teller": t,
                "noemer": n,
                "waarde": t / n * mult if n else float(t),
            }
        )
    return pd.DataFrame(rows)


GEMEENTEN = pd.DataFrame({"gemeente_code": ["P", "N"], "nulmeting_jaar": [RULE.year(2015), RULE.year(None)]})


def _one(w):
    return compare(w, GEMEENTEN, INDICATOREN, RULE, STATUS).iloc[0]


def test_baseline_of_a_pilot_is_the_year_before_it_joined_and_2010_for_a_non_pilot():
    assert RULE.year(2011) == 2010
    assert RULE.year(2016) == 2015
    assert RULE.year(None) == 2010


def test_settings_hold_the_baseline_rule_of_the_domain():
    s = load_settings().nulmeting
    assert (s.year(2011), s.year(None), s.max_jaren_terug) == (2010, 2010, 2)


def test_baseline_falls_back_to_the_nearest_earlier_year_within_two_years():
    r = _one(
        _w(
            ("P", "bijstand", 2012, 50, 100),
            ("P", "bijstand", 2013, 40, 100),
            ("P", "bijstand", 2020, 10, 100),
        )
    )
    assert (r.nulmeting_jaar, r.nulmeting_teller) == (2013, 40)


def test_no_usable_baseline_within_two_years_means_insufficient_data():
    r = _one(_w(("P", "bijstand", 2011, 50, 100), ("P", "bijstand", 2020, 10, 100)))
    assert pd.isna(r.nulmeting_jaar) and r.status == "onvoldoende gegevens"


def test_a_later_baseline_year_is_never_used():
    r = _one(_w(("P", "bijstand", 2016, 50, 100), ("P", "bijstand", 2020, 10, 100)))
    assert r.status == "onvoldoende gegevens"


def test_clear_fall_of_a_lower_is_better_rate_is_an_improvement():
    r = _one(_w(("P", "bijstand", 2014, 60, 100), ("P", "bijstand", 2020, 30, 100)))
    assert r.status == "verbeterd"
    assert r.verschil == pytest.approx(-30)
    assert r.verschil_laag < r.verschil < r.verschil_hoog < 0


def test_clear_fall_of_a_higher_is_better_rate_is_a_worsening():
    r = _one(_w(("P", "arbeidsparticipatie", 2014, 60, 100), ("P", "arbeidsparticipatie", 2020, 30, 100)))
    assert r.status == "verslechterd"


def test_change_within_sampling_noise_of_small_numbers_is_not_an_improvement():
    # 5/20 → 3/20: the rate fell from 25 to 15 per 100, but 20 children say little
    r = _one(_w(("P", "bijstand", 2014, 5, 20), ("P", "bijstand", 2020, 3, 20)))
    assert r.verschil < 0
    assert r.status == "gelijk gebleven"


def test_a_noemer_below_the_minimum_is_too_few_to_say():
    r = _one(_w(("P", "bijstand", 2014, 5, 8), ("P", "bijstand", 2020, 0, 8)))
    assert r.status == "onvoldoende gegevens"


def test_neutral_indicator_rises_or_falls_but_never_improves():
    r = _one(_w(("P", "signalen_uitbuiting", 2014, 3, None), ("P", "signalen_uitbuiting", 2020, 30, None)))
    assert r.status == "gestegen"


def test_counts_use_an_exact_poisson_test():
    up = _one(
        _w(("P", "werkervaringstrajecten", 2014, 2, None), ("P", "werkervaringstrajecten", 2020, 14, None))
    )
    assert up.status == "verbeterd" and up.p_waarde < 0.05
    few = _one(
        _w(("P", "werkervaringstrajecten", 2014, 0, None), ("P", "werkervaringstrajecten", 2020, 4, None))
    )
    assert few.status == "onvoldoende gegevens"


def test_non_pilot_is_compared_with_2010():
    r = _one(_w(("N", "bijstand", 2010, 60, 100), ("N", "bijstand", 2024, 58, 100)))
    assert (r.nulmeting_jaar, r.laatste_jaar, r.status) == (2010, 2024, "gelijk gebleven")
