"""The report links in a real browser (issue 17): visible and reachable at phone and desktop width,
without accessibility violations, and the English link downloads the English PDF."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from tests.dashboard.test_browser import Watched

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize("path", ["/", "/gemeente/GM0228"])
def test_report_links_fit_the_screen_and_pass_axe(browser, server, width, path):
    from axe_playwright_python.sync_playwright import Axe

    w = Watched(browser, server)
    try:
        w.page.set_viewport_size({"width": width, "height": 900})
        w.open(path)
        links = w.page.locator(".rapport-links a")
        assert links.count() == 2
        for i in range(2):
            box = links.nth(i).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (i, box)
        result = Axe().run(w.page, context=".rapport-links")
        assert result.violations_count == 0, result.generate_report()
        assert not w.errors
    finally:
        w.context.close()


def test_english_link_downloads_the_english_report(browser, server):
    w = Watched(browser, server)
    try:
        w.open("/gemeente/GM0228")
        with w.page.expect_download() as info:
            w.page.click(".rapport-links a[hreflang=en]")
        pdf = Path(info.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF-")
        assert info.value.suggested_filename == "rapport-GM0228-en.pdf"
        langs = set()
        for chunk in pdf.split(b"stream")[1:]:
            try:
                langs.add(b"/Lang (en)" in zlib.decompressobj().decompress(chunk.lstrip(b"\r\n")))
            except zlib.error:
                continue
        assert True in langs
    finally:
        w.context.close()
