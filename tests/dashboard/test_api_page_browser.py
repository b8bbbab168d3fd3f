"""The /api page in a real browser (Debian's Chromium, headless): it fits a phone and a desktop,
passes axe, loads nothing from outside, and its curl and pandas examples work as printed."""

from __future__ import annotations

import io
import re
import urllib.request

import pandas as pd
import pytest

from tests.dashboard.conftest import settle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1440])
def test_api_page_fits_passes_axe_and_stays_local(browser: object, server: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(server + "/api")
        page.wait_for_selector("main h1", timeout=30000)
        settle(page)
        assert "API" in page.locator("main h1").inner_text()
        results = Axe().run(page, context={"include": [["main"]]})
        violations = [
            f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]
        ]
        assert violations == [], "\n".join(violations)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px breder dan het scherm bij {width}px"
        assert [
            u for u in requests if not u.startswith(server) and not u.startswith(("data:", "blob:"))
        ] == []
        assert errors == []
    finally:
        context.close()


def test_the_printed_pandas_example_works(browser: object, server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(server + "/api")
        page.wait_for_selector("main pre", timeout=30000)
        code = page.locator("main pre").all_inner_texts()
    finally:
        context.close()
    urls = [u for block in code for u in re.findall(r'pd\.read_csv\("([^"]+)"\)', block)]
    assert urls and all(u.startswith(server) for u in urls)
    frame = pd.read_csv(io.BytesIO(urllib.request.urlopen(urls[0], timeout=30).read()))
    assert len(frame) > 0 and {"gemeente_code", "waarde", "onderdrukt"} <= set(frame.columns)
