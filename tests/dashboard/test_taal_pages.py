"""The pages in English (issue 17): with `?taal=en` the overview, the theme pages, a municipality's
page, the map, data quality, about and the API page are built in English on the server — headings,
controls, tables, statuses, captions, figures and numbers — and their links keep the language; code and
what exists only in Dutch (marked lang="nl") are not looked at. Called as functions."""

from __future__ import annotations

import json
import re

import pytest
from plotly.io.json import to_json_plotly

# Dutch words that no English text of a page contains. Names of municipalities and texts that exist
# only in Dutch (marked lang="nl") are not looked at.
DUTCH = re.compile(
    r"\b(de|het|een|van|voor|tegen|niet|geen|gemeente|gemeenten|proeftuin|proeftuinen|nulmeting|doelgroep|"
    r"onderdrukt|cijfer|cijfers|laatste|verschil|jaar|kloof|totaal|waarde|leveringen|verbeterd|verslechterd|"
    r"gelijk|onvoldoende|gegevens|procentpunt|grenzen|aantal|Kies|Toon|Sorteer|Tabel|Indicatoren|Trechterplot)\b"
)
TEXT_KEYS = (
    "children",
    "label",
    "title",
    "text",
    "name",
    "hovertext",
    "hovertemplate",
    "ticktext",
    "aria-label",
)
SEARCH = "?taal=en"


def _texts(node: object, out: list[str], hrefs: list[str]) -> None:
    """Every text a reader sees or hears in a rendered component tree (figures included)."""
    if isinstance(node, list):
        for n in node:
            _collect(n, out, hrefs)
    elif isinstance(node, dict):
        props = node.get("props") if "namespace" in node else None
        if props is not None:
            if props.get("lang") == "nl" or node.get("type") == "Store":
                return
            if isinstance(props.get("href"), str):
                hrefs.append(props["href"])
            for key, value in props.items():
                if key in TEXT_KEYS or key in ("figure", "options", "children"):
                    _collect(value, out, hrefs)
            return
        for key, value in node.items():
            if (
                key in TEXT_KEYS
                or key in ("layout", "data", "annotations", "xaxis", "yaxis", "title")
                or re.fullmatch(r"[xy]axis\d*", key)
            ):
                _collect(value, out, hrefs)


def _collect(value: object, out: list[str], hrefs: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    else:
        _texts(value, out, hrefs)


def _rendered(component: object) -> tuple[list[str], list[str]]:
    out: list[str] = []
    hrefs: list[str] = []
    _texts(json.loads(to_json_plotly(component)), out, hrefs)
    return out, hrefs


def _assert_english(component: object, where: str, names: set[str]) -> list[str]:
    texts, hrefs = _rendered(component)
    for text in texts:
        # code (Markdown's fenced blocks and `spans`) is the same in any language
        cleaned = re.sub(r"```.*?```|`[^`]*`", "", text, flags=re.S)
        # names are names in any language; the longest first ("Land van Cuijk" before "Cuijk")
        for name in sorted(names, key=len, reverse=True):
            cleaned = cleaned.replace(name, "")
        found = DUTCH.search(cleaned)
        assert found is None, f"{where}: Dutch word {found.group(0)!r} in {text!r}"
        assert not re.search(r"\d,\d%|\d,\d \w", cleaned), f"{where}: Dutch number in {text!r}"
    for href in hrefs:
        if href.startswith("/"):
            assert "taal=" in href, f"{where}: link {href} loses the language"
    return texts


@pytest.fixture(scope="module")
def names(app) -> set[str]:
    from dashboard import geo
    from dashboard.data import monitor

    return (
        set(monitor().gemeenten()["gemeente_naam"])
        | set(geo.municipalities()["naam"])
        | {"Monitor Inclusie Roma", "Aanpak uitbuiting Roma kinderen"}
    )


def test_the_overview_is_english(app, names):
    from dashboard.pages import overzicht

    page = overzicht.layout(taal="en")
    texts = _assert_english(page, "/", names)
    assert len(texts) > 100
    assert "Did the pilot municipalities work?" in texts
    for doelgroep in ("roma", "totaal"):
        _assert_english(overzicht.update_lower(doelgroep, SEARCH), f"/ lower {doelgroep}", names)
        _assert_english(overzicht.update(doelgroep, SEARCH), f"/ {doelgroep}", names)


def test_every_theme_page_is_english(app, names):
    from dashboard.data import monitor
    from dashboard.pages import thema

    for r in monitor().indicatoren().itertuples():
        for doelgroep in ("roma", "totaal"):
            where = f"/thema/{r.domein}?indicator={r.indicator}&doelgroep={doelgroep}"
            _assert_english(
                thema.layout(r.domein, indicator=r.indicator, doelgroep=doelgroep, taal="en"), where, names
            )
            _assert_english(thema.update_lower(r.indicator, doelgroep, SEARCH), where + " lower", names)
    for sorteer in thema.SORTS:
        _assert_english(thema.update_table("absoluut_verzuim", "roma", sorteer, SEARCH), sorteer, names)


def test_municipality_pages_are_english(app, names):
    from dashboard.data import monitor
    from dashboard.pages import gemeente

    g = monitor().gemeenten()
    codes = [*g.loc[g["proeftuin"], "gemeente_code"][:3], *g.loc[~g["proeftuin"], "gemeente_code"][:3]]
    for code in codes:
        _assert_english(gemeente.layout(code, taal="en"), f"/gemeente/{code}", names)
        _assert_english(gemeente.update_spine("totaal", code, SEARCH), f"/gemeente/{code} spine", names)


def test_the_map_is_english(app, names):
    from dashboard.pages import kaart

    _assert_english(kaart.layout(taal="en"), "/kaart", names)
    for maat in kaart.MATEN:
        for indicator, doelgroep in (
            ("absoluut_verzuim", "roma"),
            ("bijstand", "totaal"),
            ("woninginbraak", "totaal"),
        ):
            _assert_english(
                kaart.update(indicator, doelgroep, maat, SEARCH), f"/kaart {indicator} {maat}", names
            )


def test_data_quality_is_english(app, names):
    from dashboard.pages import datakwaliteit

    texts = _assert_english(datakwaliteit.layout(taal="en"), "/datakwaliteit", names)
    assert "Data quality" in texts and "Disclosure audit" in texts


def test_the_about_page_is_english(app, names):
    from dashboard.pages import over

    texts = _assert_english(over.layout(taal="en"), "/over", names)
    assert "About this monitor" in texts and "Disclosure control" in texts
    assert "Over deze monitor" in to_json_plotly(over.layout())


def test_the_api_page_is_english_but_its_code_and_names(app, names):
    from dashboard.api.resources import RESOURCES
    from dashboard.pages import api
    from pipeline.i18n import t

    texts = _assert_english(api.layout(taal="en"), "/api", names)
    assert "API: the figures for software" in texts and "Errors" in texts
    prose = next(text for text in texts if "read-only API" in text)
    assert 'pd.read_csv("http://127.0.0.1:8050/api/v1/cijfers?domein=arbeid&van=2015&format=csv")' in prose
    assert "API: de cijfers voor software" in to_json_plotly(api.layout())
    for r in RESOURCES:  # the catalogue's Dutch is the API's own
        assert t(f"a_bron_{r.name}", "nl") == r.title and t(f"a_bron_{r.name}_uitleg", "nl") == r.description


def test_figures_have_english_titles_and_number_format(app):
    from dashboard.pages import thema

    layout = json.loads(to_json_plotly(thema.update_lower("absoluut_verzuim", "roma", SEARCH)))
    figures = []

    def find(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Graph":
                figures.append(node["props"]["figure"])
            for v in node.values():
                find(v)
        elif isinstance(node, list):
            for v in node:
                find(v)

    find(layout)
    assert figures
    assert all(f["layout"]["separators"] == ".," for f in figures)
    titles = [f["layout"].get("title", {}).get("text", "") for f in figures]
    assert any(t.startswith("Effect against other municipalities") for t in titles), titles


def test_dutch_stays_the_default_and_unknown_languages_are_not_found(app):
    from dashboard import guard
    from dashboard.pages import kaart, overzicht

    assert "Hebben de proeftuinen gewerkt?" in to_json_plotly(overzicht.layout())
    assert "Hebben de proeftuinen gewerkt?" in to_json_plotly(overzicht.layout(taal="nl"))
    assert "Niet gevonden" in to_json_plotly(kaart.layout(taal="fr"))
    for path in (
        "/",
        "/kaart",
        "/thema/verzuim",
        "/gemeente/GM0228",
        "/over",
        "/api",
        "/datakwaliteit",
        "/controleren",
    ):
        assert guard.address_status(path, "taal=en") == 200, path
        assert guard.address_status(path, "taal=nl") == 200, path
        assert guard.address_status(path, "taal=fr") == 404, path


def test_a_callback_without_the_language_in_the_address_answers_in_dutch(app):
    from dashboard.pages import kaart

    dutch = to_json_plotly(kaart.update("bijstand", "totaal", "waarde"))
    assert to_json_plotly(kaart.update("bijstand", "totaal", "waarde", "?maat=waarde")) == dutch
    assert "Toon de cijfers als tabel" in dutch
    assert "Show the figures as a table" in to_json_plotly(
        kaart.update("bijstand", "totaal", "waarde", SEARCH)
    )
