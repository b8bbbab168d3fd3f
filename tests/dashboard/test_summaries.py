"""Pure computations: group totals, gaps, funnel, spine, sorting."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import summaries
from pipeline.statistics import funnel_limits, z_for


def _cells(tellers, noemers, pilot=True, doelgroep="roma"):
    n = len(tellers)
    return pd.DataFrame(
        {
            "gemeente_code": [f"GM{i:04d}" for i in range(n)],
            "jaar": 2020,
            "periode": "2020",
            "proeftuin": pilot,
            "doelgroep": doelgroep,
            "teller": tellers,
            "noemer": noemers,
            "voorlopig": False,
        }
    )


def test_group_total_is_withheld_when_exactly_one_cell_is_suppressed():
    out = summaries.pooled(_cells([20, 30, 3], [100, 100, 100]), 100)
    assert out["onderdrukt"].iloc[0]
    assert out[["teller", "noemer", "waarde", "laag", "hoog"]].isna().all(axis=None)


def test_group_total_is_shown_with_wilson_interval_when_safe():
    out = summaries.pooled(_cells([20, 30, 40], [100, 100, 100]), 100).iloc[0]
    assert not out["onderdrukt"]
    assert out["waarde"] == 30.0
    assert out["laag"] < 30.0 < out["hoog"]


def test_totaal_group_is_never_suppressed():
    out = summaries.pooled(_cells([2, 30, 40], [100, 100, 100], doelgroep="totaal"), 100)
    assert not out["onderdrukt"].iloc[0]


def test_gap_follows_suppression_of_the_roma_cell():
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
        }
    )
    totaal = pd.DataFrame({"gemeente_code": ["GM0001", "GM0002"], "jaar": [2020, 2020], "waarde": [4.0, 5.0]})
    gap = summaries.gap(roma, totaal).set_index("gemeente_code")
    assert gap.loc["GM0001", "kloof"] == 6.0
    assert pd.isna(gap.loc["GM0002", "kloof"])


def test_funnel_centre_uses_published_cells_only():
    rows = pd.DataFrame(
        {
            "gemeente_code": ["a", "b", "c"],
            "teller": [10, 30, pd.NA],
            "noemer": [100, 100, pd.NA],
            "waarde": [10.0, 30.0, np.nan],
            "onderdrukt": [False, False, True],
        }
    )
    points, limits, centre = summaries.funnel(rows, 100)
    assert centre == 20.0
    assert list(points["gemeente_code"]) == ["a", "b"]
    assert (limits["laag_0.998"] <= limits["laag_0.95"]).all()
    assert (limits["hoog_0.95"] <= limits["hoog_0.998"]).all()


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
