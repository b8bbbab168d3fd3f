"""Page callbacks and layouts, called as plain functions."""

from __future__ import annotations

import dash
from plotly.io.json import to_json_plotly


def _json(component) -> str:
    return to_json_plotly(component)


def test_theme_filter_change_gives_other_charts(app):
    from dashboard.pages import thema

    a = _json(thema.update_body("absoluut_verzuim", "roma"))
    b = _json(thema.update_body("relatief_verzuim", "roma"))
    assert a != b and "Relatief verzuim" in b


def test_table_sorting_changes_the_order(app):
    from dashboard.pages import thema

    by_name = _json(thema.update_table("bijstand", "totaal", "gemeente"))
    by_value = _json(thema.update_table("bijstand", "totaal", "laatste-hoog"))
    assert by_name != by_value


def test_values_outside_the_catalogue_are_ignored_by_callbacks(app):
    from dashboard.pages import kaart, overzicht, thema

    assert thema.update_body("drop table waarnemingen", "roma") is dash.no_update
    assert thema.update_table("bijstand", "roma", "'; select 1") is dash.no_update
    assert kaart.update("bijstand", "iedereen", "waarde") is dash.no_update
    assert overzicht.update("<script>") is dash.no_update


def test_crafted_addresses_get_a_friendly_not_found(app):
    from dashboard.pages import gemeente, kaart, overzicht, thema

    pages = [
        thema.layout("verzuim", indicator="x' or '1'='1"),
        thema.layout("../etc/passwd"),
        gemeente.layout("GM0228'; drop table gemeenten; --"),
        gemeente.layout("GM9999"),
        kaart.layout(maat=["waarde", "verandering"]),
        overzicht.layout(doelgroep="<script>alert(1)</script>"),
    ]
    for page in pages:
        text = _json(page)
        assert "Niet gevonden" in text and "Traceback" not in text


def test_page_is_not_rebuilt_when_its_own_filters_changed_the_address(app):
    from dashboard.pages import thema

    state = {"indicator": "bijstand", "doelgroep": "roma"}
    own = "/thema/arbeid?indicator=bijstand&doelgroep=roma&sorteer=gemeente"
    assert thema.layout("arbeid", _sync=own, **state) is dash.no_update
    assert (
        thema.layout("arbeid", _sync="/thema/arbeid?indicator=bijstand&doelgroep=totaal", **state)
        is not dash.no_update
    )


def test_theme_download_is_csv_for_dutch_excel_with_suppression(app):
    import csv
    import io

    from dashboard.pages import thema

    content, name = thema.download_content("absoluut_verzuim", "roma")
    assert content.startswith(b"\xef\xbb\xbf") and name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert {"indicator", "doelgroep", "waarde", "onderdrukt", "synthetisch"} <= set(rows[0])
    assert {r["indicator"] for r in rows} == {"absoluut_verzuim"} and {r["doelgroep"] for r in rows} == {
        "roma"
    }
    hidden = [r for r in rows if r["onderdrukt"] == "ja"]
    assert hidden and all(r["waarde"] == r["teller"] == r["noemer"] == "" for r in hidden)
    assert any("," in r["waarde"] for r in rows if r["onderdrukt"] == "nee")
    assert all(r["synthetisch"] == "ja" for r in rows)


def test_a_download_is_the_extract_of_the_same_view(app, sample_path, tmp_path):
    from dashboard.pages import gemeente
    from pipeline.extracts import Filters, extract

    content, _ = gemeente.download_content("GM0228")
    extract(sample_path, tmp_path, "csv-nl", Filters(gemeenten=("GM0228",)))
    assert content == next(tmp_path.glob("*.csv")).read_bytes()


def test_municipality_download_has_every_indicator(app):
    from dashboard.pages import gemeente

    content, _ = gemeente.download_content("GM0228")
    text = content.decode("utf-8-sig")
    assert "absoluut_verzuim" in text and "woninginbraak" in text


def _figures(component) -> list[dict]:
    found = []
    if isinstance(component, (list, tuple)):
        for c in component:
            found += _figures(c)
        return found
    if getattr(component, "figure", None) is not None:
        found.append(component.figure)
    children = getattr(component, "children", None)
    if children is not None and not isinstance(children, str):
        found += _figures(children)
    return found


def test_the_status_map_tells_statuses_apart_by_sign_not_by_colour_alone(app):
    from dashboard import theme
    from dashboard.pages import kaart

    (fig,) = _figures(kaart._body("absoluut_verzuim", "roma", "verandering"))  # not the remembered JSON
    areas = {t["name"] for t in fig["data"] if t.get("fill") == "toself" and t.get("showlegend", True)}
    signs = {t["name"]: set(t["text"]) for t in fig["data"] if t.get("mode") == "text" and "text" in t}
    assert signs, "no status sign on the map"
    for klasse, sign in signs.items():
        status = next(s for s in theme.STATUS_ORDER if theme.label(s) == klasse)
        assert sign == {theme.SYMBOL[status]}
        assert f"{theme.SYMBOL[status]} {klasse}" in areas  # the legend shows the sign too
    # The value map has ordered classes (lightness) and no signs.
    (values,) = _figures(kaart._body("absoluut_verzuim", "roma", "waarde"))
    assert not [t for t in values["data"] if t.get("mode") == "text" and t.get("hoverinfo") == "skip"]
