"""Effects against non-pilots and the roma–totaal gap in the dashboard (issue 6): the overview and
theme sections render, follow the filters, draw every estimate as a dot with its interval, and
never show a suppressed roma figure; the method is on /over."""

from __future__ import annotations

import json
import shutil

import duckdb
import plotly.graph_objects as go
import pytest

from dashboard import data
from dashboard.data import Monitor
from pipeline.config import load_settings


def _graphs(tree) -> dict[str, go.Figure]:
    """Every dcc.Graph in a layout, by id, as plotly.py reads its figure (which validates it)."""
    found: dict[str, go.Figure] = {}

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "Graph":
                found[node["props"]["id"]] = go.Figure(node["props"]["figure"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data.tree(tree))
    return found


def _dots(fig: go.Figure) -> list:
    return [t for t in fig.data if t.type == "scatter" and t.mode == "markers"]


def _estimates(sample_path, doelgroep: str):
    with duckdb.connect(str(sample_path), read_only=True) as con:
        return con.execute(
            "select indicator, effect, ci_laag, ci_hoog from publicatie_effecten "
            "where doelgroep = ? and not te_klein",
            [doelgroep],
        ).df()


def test_overview_draws_every_estimate_as_a_dot_with_its_interval(app, sample_path):
    from dashboard.pages import overzicht

    fig = _graphs(overzicht.update_lower("roma"))["grafiek-effecten"]
    expected = _estimates(sample_path, "roma")
    dots = _dots(fig)
    assert len(dots) == len(expected) > 0
    for dot in dots:
        [code] = dot.customdata[0]
        row = expected.set_index("indicator").loc[code]
        assert dot.x[0] == pytest.approx(row["effect"])
        assert dot.error_x.array[0] == pytest.approx(row["ci_hoog"] - row["effect"])
        assert dot.error_x.arrayminus[0] == pytest.approx(row["effect"] - row["ci_laag"])


def test_overview_effects_follow_the_doelgroep(app):
    from dashboard.pages import overzicht

    roma = _graphs(overzicht.update_lower("roma"))["grafiek-effecten"]
    totaal = _graphs(overzicht.update_lower("totaal"))["grafiek-effecten"]
    assert [d.x[0] for d in _dots(roma)] != [d.x[0] for d in _dots(totaal)]
    assert "(totaal)" in totaal.layout.title.text


def test_overview_caption_gives_each_effect_with_its_interval_never_bare(app, sample_path):
    from dashboard.pages import overzicht

    text = json.dumps(data.tree(overzicht.update_lower("roma")), ensure_ascii=False)
    caption = text[text.index("cijfers per 1.000 inwoners op een tweede. ") :]
    parts = caption[: caption.index(". Op de themapagina")].split("; ")
    named = [p for p in parts if ": " in p]
    assert len(named) == len(_estimates(sample_path, "roma"))
    assert all("(95%-interval " in p or "onvoldoende gegevens" in p for p in named)


def test_theme_effect_and_event_study_follow_the_indicator(app, sample_path):
    from dashboard.pages import thema

    expected = _estimates(sample_path, "roma").set_index("indicator")
    for code in ("absoluut_verzuim", "relatief_verzuim"):
        graphs = _graphs(thema.update_lower(code, "roma"))
        [dot] = _dots(graphs["grafiek-effect"])
        assert dot.x[0] == pytest.approx(expected.loc[code, "effect"])
        assert dot.error_x.array[0] > 0 and dot.error_x.arrayminus[0] > 0
        event = graphs["grafiek-gebeurtenis"]
        names = {t.name for t in event.data}
        assert {"vóór de start", "na de start", "nulmeting (referentie)"} <= names
        assert any(s.x0 == -0.5 for s in event.layout.shapes)  # the start
        before = next(t for t in event.data if t.name == "vóór de start")
        assert all(x < -1 for x in before.x) and before.error_y.array is not None


def test_gap_progress_never_shows_a_suppressed_roma_gap(app, suppressed_pilot_gaps):
    from dashboard.pages import thema

    hidden = suppressed_pilot_gaps
    assert not hidden.empty, "the sample should hold a suppressed pilot gap, or this test proves nothing"
    for code, rows in hidden.groupby("indicator"):
        fig = _graphs(thema.update_lower(code, "roma"))["grafiek-kloof-voortgang"]
        bars = {name for t in fig.data if t.type == "bar" for name in t.y}
        labels = {
            n: text for t in fig.data if t.type == "scatter" for n, text in zip(t.y, t.text, strict=True)
        }
        dump = fig.to_json()
        for r in rows.itertuples():
            assert r.gemeente_naam not in bars
            assert "onderdrukt" in labels[r.gemeente_naam]
            for figure in (r.voortgang * 100, r.laatste_kloof):
                assert f"{figure:.6g}"[:6] not in dump
        assert bars, "published gaps of other pilots are still drawn"


def test_too_small_estimates_lose_their_numbers_and_show_their_reason(sample_path, tmp_path):
    db = tmp_path / "monitor.duckdb"
    shutil.copy(sample_path, db)
    with duckdb.connect(str(db)) as con:
        # as the build publishes an estimate that is too small: its reason, no numbers
        con.execute(
            "create or replace table publicatie_effecten as "
            "select * replace (cast(reden as varchar) as reden) from publicatie_effecten"
        )
        con.execute(
            "update publicatie_effecten set te_klein = true, reden = 'te weinig proeftuinen (test)', "
            "effect = null, ci_laag = null, ci_hoog = null where indicator = 'bijstand'"
        )
    m = Monitor(db)
    small = m.effecten().set_index(["indicator", "doelgroep"]).loc[("bijstand", "roma")]
    assert small[["effect", "ci_laag", "ci_hoog"]].isna().all()

    from dashboard import figures_effecten

    fig = go.Figure(figures_effecten.effect_figure(m.effecten(), m.indicatoren(), "roma"))
    assert all(d.customdata[0][0] != "bijstand" for d in _dots(fig))
    assert any("te weinig proeftuinen (test)" in a.text for a in fig.layout.annotations)


def test_a_build_without_effect_tables_still_renders_the_pages(sample_path, tmp_path):
    db = tmp_path / "monitor.duckdb"
    shutil.copy(sample_path, db)
    with duckdb.connect(str(db)) as con:
        for table in ("publicatie_effecten", "publicatie_gebeurtenis", "publicatie_kloof"):
            con.execute(f"drop table {table}")
    m = Monitor(db)
    assert m.effecten().empty and m.gebeurtenis("bijstand", "roma").empty and m.kloof("bijstand").empty
    from dashboard import figures_effecten

    fig = go.Figure(figures_effecten.effect_figure(m.effecten(), m.indicatoren(), "roma"))
    assert "Geen effecten" in fig.layout.annotations[0].text


def test_about_page_explains_the_method_with_the_thresholds_from_settings(app):
    from dashboard.pages import over

    text = json.dumps(data.tree(over.page()))
    rule = load_settings().effecten
    assert "Callaway en Sant'Anna" in text and '"id": "effecten"' in text
    assert f"Minder dan {rule.min_proeftuinen} proeftuinen" in text
    assert "volgt in een volgende versie" not in text
