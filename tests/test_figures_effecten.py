"""Figures for effects and the gap: every estimate drawn with its interval, too-small estimates and
suppressed gaps never drawn as a number."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import figures_effecten as figures
from pipeline import kloof
from pipeline.config import load_settings

INDICATOREN = pd.DataFrame(
    {
        "indicator": ["absoluut_verzuim", "bijstand", "werkervaringstrajecten"],
        "naam": ["Absoluut verzuim", "Bijstand", "Werkervaringstrajecten"],
        "domein": ["verzuim", "arbeid", "arbeid"],
        "volgorde": [1, 2, 3],
        "vermenigvuldiger": [100, 100, 1],
    }
)


def _validated(fig: dict) -> go.Figure:
    """The figure dict as plotly.py reads it: this raises on anything that is not valid Plotly."""
    return go.Figure(fig)


def _effecten():
    return pd.DataFrame(
        {
            "indicator": ["absoluut_verzuim", "bijstand", "werkervaringstrajecten"],
            "doelgroep": "roma",
            "effect": [-8.9, -2.5, np.nan],
            "ci_laag": [-12.0, -6.1, np.nan],
            "ci_hoog": [-5.9, 1.2, np.nan],
            "status": ["verbeterd", "gelijk gebleven", "onvoldoende gegevens"],
            "n_proeftuinen": [9, 9, 1],
            "n_vergelijking": [14, 14, 14],
            "te_klein": [False, False, True],
            "reden": [None, None, "1 proeftuin(en) met gegevens; minstens 2 nodig"],
            "voortrend_laag": [-1.0, 0.5, np.nan],
            "voortrend_hoog": [2.0, 3.0, np.nan],
        }
    )


def _dots(fig):
    return [t for t in fig.data if t.type == "scatter" and t.mode == "markers"]


def test_every_effect_is_a_dot_with_its_interval_never_a_bare_number():
    fig = _validated(figures.effect_figure(_effecten(), INDICATOREN))
    dots = _dots(fig)
    assert len(dots) == 2
    for dot, (eff, low, high) in zip(dots, [(-8.9, -12.0, -5.9), (-2.5, -6.1, 1.2)], strict=True):
        assert dot.x[0] == pytest.approx(eff)
        assert dot.error_x.array[0] == pytest.approx(high - eff)
        assert dot.error_x.arrayminus[0] == pytest.approx(eff - low)
        assert "95%-interval" in dot.hovertemplate
    assert len([s for s in fig.layout.shapes if s.x0 == 0]) == 3  # a zero line on every axis


def test_too_small_effect_shows_its_reason_and_no_dot():
    fig = _validated(figures.effect_figure(_effecten(), INDICATOREN))
    texts = [a.text for a in fig.layout.annotations]
    assert any("onvoldoende gegevens" in t and "minstens 2" in t for t in texts)
    assert all("werkervaringstrajecten" not in str(d.customdata) for d in _dots(fig))


def test_effect_hover_warns_when_pilots_and_comparison_did_not_move_in_parallel_before_the_start():
    fig = _validated(figures.effect_figure(_effecten(), INDICATOREN, domein="arbeid"))
    [dot] = _dots(fig)
    assert "vóór de start" in dot.hovertemplate  # bijstand's pre-trend interval 0,5–3,0 excludes 0
    assert "−2,5" in dot.hovertemplate  # Dutch number format with a real minus sign


def _gebeurtenis():
    e = list(range(-3, 4))
    return pd.DataFrame(
        {
            "indicator": "absoluut_verzuim",
            "doelgroep": "roma",
            "jaren_sinds_start": e,
            "periode": ["voor", "voor", "referentie", "na", "na", "na", "na"],
            "effect": [0.4, -0.2, 0.0, -3.0, -5.0, -6.0, -7.0],
            "ci_laag": [-2.0, -2.5, np.nan, -5.0, -7.5, -9.0, -20.0],
            "ci_hoog": [2.8, 2.1, np.nan, -1.0, -2.5, -3.0, 6.0],
            "n_proeftuinen": [5, 5, 9, 9, 9, 9, 1],
            "te_klein": [False] * 6 + [True],
        }
    )


def test_event_study_shows_years_before_the_start_the_reference_and_marks_the_start():
    fig = _validated(figures.event_study_figure(_gebeurtenis(), "absoluut_verzuim"))
    by_name = {t.name: t for t in fig.data}
    assert list(by_name["vóór de start"].x) == [-3, -2]
    assert list(by_name["na de start"].x) == [0, 1, 2]  # year 3 has one pilot: too small, not drawn
    assert list(by_name["nulmeting (referentie)"].x) == [-1]
    assert list(by_name["na de start"].error_y.array) == pytest.approx([2.0, 2.5, 3.0])
    assert any(s.x0 == -0.5 for s in fig.layout.shapes)
    assert any(a.text == "start proeftuin" for a in fig.layout.annotations)


def test_event_study_without_estimates_says_so():
    g = _gebeurtenis().assign(te_klein=True)
    fig = _validated(figures.event_study_figure(g, "absoluut_verzuim"))
    assert not fig.data and "Te weinig" in fig.layout.annotations[0].text


def _kloof():
    s = load_settings()
    gem = pd.DataFrame(
        {
            "gemeente_code": ["P", "Q", "N"],
            "gemeente_naam": ["Pdorp", "Qstad", "Nstad"],
            "proeftuin": [True, True, False],
            "nulmeting_jaar": [2014, 2014, 2010],
        }
    )
    ind = pd.DataFrame(
        {
            "indicator": ["bijstand"],
            "richting": ["lager_beter"],
            "is_aantal": [False],
            "vermenigvuldiger": [100],
        }
    )
    figs = [
        ("P", "roma", 2014, 50, 100),
        ("P", "roma", 2020, 20, 100),
        ("Q", "roma", 2014, 20, 40),
        ("Q", "roma", 2020, 3, 40),
        ("N", "roma", 2010, 50, 100),
        ("N", "roma", 2020, 40, 100),
    ]
    figs += [(g, "totaal", j, 500, 10_000) for g, _, j, _, _ in figs]
    w = pd.DataFrame(
        [
            {
                "gemeente_code": g,
                "indicator": "bijstand",
                "doelgroep": d,
                "jaar": j,
                "periode": str(j),
                "teller": t,
                "noemer": n,
                "waarde": t / n * 100,
            }
            for g, d, j, t, n in figs
        ]
    )
    return kloof.kloof(w, gem, ind, s.nulmeting, s.status, s.kloof), gem


def _published(raw: pd.DataFrame) -> pd.DataFrame:
    """As publicatie_kloof gives it: Qstad's latest roma cell (3/40) suppressed, with all derived."""
    out = raw.copy()
    hit = out["gemeente_code"] == "Q"
    for c in (
        "laatste_roma_teller",
        "laatste_roma_noemer",
        "laatste_roma_waarde",
        "laatste_kloof",
        "kloof_verschil",
        "kloof_verschil_laag",
        "kloof_verschil_hoog",
        "achterstand_laatste",
        "voortgang",
    ):
        out[c] = out[c].astype("Float64").mask(hit)
    out["status"] = out["status"].mask(hit, "onderdrukt")
    out["onderdrukt"] = hit
    return out


def test_gap_progress_needs_the_published_table():
    raw, gem = _kloof()
    with pytest.raises(ValueError, match="publicatie_kloof"):
        figures.gap_progress_figure(raw, gem, "bijstand", 0.5)


def test_gap_progress_draws_pilots_against_the_halving_target_and_never_a_suppressed_gap():
    raw, gem = _kloof()
    fig = _validated(figures.gap_progress_figure(_published(raw), gem, "bijstand", 0.5))
    bars = [t for t in fig.data if t.type == "bar"]
    assert [list(b.y) for b in bars] == [["Pdorp"]]  # Nstad is no pilot; Qstad's latest roma cell is 3/40
    p = raw.set_index("gemeente_code").loc["P"]
    assert bars[0].x[0] == pytest.approx(p["voortgang"] * 100)
    assert any(s.x0 == 100 for s in fig.layout.shapes)
    texts = [t for t in fig.data if t.type == "scatter"]
    assert [list(t.y) for t in texts] == [["Qstad"]] and "onderdrukt" in texts[0].text[0]
    q = raw.set_index("gemeente_code").loc["Q"]
    dump = fig.to_json()
    for hidden in (q["laatste_kloof"], q["voortgang"] * 100, q["kloof_verschil"]):
        assert f"{hidden:.6g}"[:6] not in dump
