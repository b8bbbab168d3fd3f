"""The language switch lives in the address (issue 17): `?taal=en` puts the dashboard into English
(the frame, and the analyst pages built on the server) and sets the page's language, survives
navigation and the tidying of the address."""

from __future__ import annotations

import pytest

from pipeline.i18n.catalogue import MESSAGES
from tests.dashboard.test_browser import Watched

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _lang(w: Watched) -> str:
    return w.page.evaluate("document.documentElement.lang")


def test_taal_en_in_the_address_switches_the_frame_and_stays_when_navigating(browser, server):
    w = Watched(browser, server)
    try:
        w.open("/gemeente/GM0228?taal=en")
        w.page.wait_for_function("document.documentElement.lang === 'en'")
        assert w.page.locator(".hoofdmenu").inner_text().count("Overview") == 1
        assert "taal=en" in w.page.url
        assert (
            w.page.locator("#taal-kader").inner_text() == MESSAGES["ui_alleen_kader"]["en"]
        )  # what is still Dutch
        # in English the menu's links carry the language, so that the next page is built in English
        w.page.click(".hoofdmenu a[href='/kaart?taal=en']")
        w.page.wait_for_url("**/kaart**")
        w.settle()
        w.page.wait_for_function("location.search.includes('taal=en')")
        assert _lang(w) == "en" and "Map" in w.page.locator(".hoofdmenu").inner_text()
        w.page.click("#taal-wissel")  # back to Dutch: a full load with ?taal=nl
        w.page.wait_for_function("document.documentElement.lang === 'nl'")
        w.settle()
        assert "Overzicht" in w.page.locator(".hoofdmenu").inner_text()
        assert not w.page.locator("#taal-kader").inner_text()
        assert not w.errors
    finally:
        w.context.close()


def test_a_filter_change_keeps_the_language_in_the_address(browser, server):
    w = Watched(browser, server)
    try:
        w.open("/thema/verzuim?indicator=absoluut_verzuim&doelgroep=roma&taal=en")
        w.page.wait_for_function("document.documentElement.lang === 'en'")
        w.page.select_option("#thema-indicator", "relatief_verzuim")
        w.page.wait_for_function("location.search.includes('indicator=relatief_verzuim')")
        w.settle()
        assert "taal=en" in w.page.url and _lang(w) == "en"
    finally:
        w.context.close()


def test_an_english_page_stays_english_through_filters_and_the_menu_and_passes_axe(browser, server):
    from axe_playwright_python.sync_playwright import Axe

    w = Watched(browser, server)
    try:
        w.open("/thema/verzuim?taal=en")
        assert w.page.locator("main h1").inner_text() == "Education (school absenteeism)"
        assert "Target group" in w.page.locator("main").inner_text()
        w.page.select_option("#thema-indicator", "relatief_verzuim")
        w.page.wait_for_function("location.search.includes('indicator=relatief_verzuim')")
        w.settle()
        body = w.page.locator("#thema-body").inner_text()
        assert (
            "Relative absenteeism (unauthorised absence)" in body and "Trend per pilot municipality" in body
        )
        layout = w.page.evaluate("document.querySelector('#grafiek-trend .js-plotly-plot').layout")
        assert layout["separators"] == ".,"
        result = Axe().run(w.page, context=["main"], options={"resultTypes": ["violations"]})
        assert result.violations_count == 0, result.generate_report()
        w.page.click(".hoofdmenu a[href='/kaart?taal=en']")
        w.page.wait_for_url("**/kaart?taal=en")
        w.settle()
        assert w.page.locator("main h1").inner_text() == "Map" and _lang(w) == "en"
        assert "Show the figures as a table" in w.page.locator("main").inner_text()
        assert not w.errors
    finally:
        w.context.close()


@pytest.mark.parametrize("width", [390, 1440])
def test_the_english_frame_passes_axe(browser, server, width):
    from axe_playwright_python.sync_playwright import Axe

    w = Watched(browser, server)
    try:
        w.page.set_viewport_size({"width": width, "height": 900})
        w.open("/?taal=en")
        w.page.wait_for_function("document.documentElement.lang === 'en'")
        # Dash's own index page puts its scripts in a second <footer>: two contentinfo landmarks on every
        # page of the dashboard, not of this switch (left to the dashboard's rework, issue 14)
        skip = {
            "landmark-no-duplicate-contentinfo": {"enabled": False},
            "landmark-unique": {"enabled": False},
        }
        result = Axe().run(
            w.page,
            context=["header", "footer.voet", "#taal-kader"],
            options={"rules": skip, "resultTypes": ["violations"]},
        )
        assert result.violations_count == 0, result.generate_report()
        box = w.page.locator("#taal-wissel").bounding_box()
        assert box and box["x"] + box["width"] <= width
    finally:
        w.context.close()
