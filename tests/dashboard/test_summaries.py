"""Pure computations on published frames: gaps, spine, sorting."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import summaries
from pipeline.statistics import funnel_limits, z_for


def test_gap_is_the_published_one_and_empty_beside_a_suppressed_roma_cell():
    roma = pd.DataFrame(
        {
            "gemeente_code": ["GM0001", "GM0002"],
            "jaar": [2020, 2020],
            "gemeente_naam": ["A", "B"],
            "groep": "overig",
            "proeftuin": False,
            "periode": "2020",
            "waarde": [10.0, np.nan],
            "onderdrukt": [False, True],
            "kloof": [6.0, np.nan],  # as publicatie_cijfers gives it
        }
    )
    totaal = pd.DataFrame({"gemeente_code": ["GM0001", "GM0002"], "jaar": [2020, 2020], "waarde": [4.0, 5.0]})
    gap = summaries.gap(roma, totaal).set_index("gemeente_code")
    assert gap.loc["GM0001", "kloof"] == 6.0
    assert pd.isna(gap.loc["GM0002", "kloof"])


def test_funnel_limits_narrow_with_the_noemer_and_approach_the_normal_limits():
    n = np.array([20.0, 200.0, 2000.0, 200000.0])
    lo, hi = funnel_limits(0.3, n, 0.95)
    assert np.all(np.diff(hi - lo) < 0)
    half = z_for(0.05) * np.sqrt(0.3 * 0.7 / n[-1])
    assert abs(hi[-1] - (0.3 + half)) < 1e-3 and abs(lo[-1] - (0.3 - half)) < 1e-3
    assert np.isnan(funnel_limits(0.3, np.array([0.0]), 0.95)[0][0])


def test_spine_puts_better_to_the_right():
    latest = pd.DataFrame(
        {
            "indicator": "x",
            "gemeente_code": ["a", "b", "c", "d"],
            "waarde": [1.0, 2.0, 3.0, 4.0],
            "periode": "2020",
            "voorlopig": False,
            "onderdrukt": False,
        }
    )
    cat = pd.DataFrame(
        {"indicator": ["x"], "naam": ["X"], "richting": ["lager_beter"], "vermenigvuldiger": [100]}
    )
    s = summaries.spine(latest, cat, "a").iloc[0]
    assert s["s_waarde"] == 1.0  # the lowest value is the best when lower is better


def test_sorting_puts_missing_values_last():
    frame = pd.DataFrame({"v": [2.0, np.nan, 5.0]})
    assert summaries.sort_rows(frame, "v", descending=True)["v"].tolist()[:2] == [5.0, 2.0]
