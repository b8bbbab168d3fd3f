"""The dashboard offers the progress reports (issue 17): `/rapport/<code>.pdf?taal=` and links to it
on the overview and on a municipality's page."""

from __future__ import annotations

import pytest

from dashboard import rapport
from pipeline.rapport import render


def _hrefs(component) -> list[str]:
    out = []
    stack = [component]
    while stack:
        c = stack.pop()
        if isinstance(c, list | tuple):
            stack.extend(c)
            continue
        href = getattr(c, "href", None)
        if isinstance(href, str):
            out.append(href)
        children = getattr(c, "children", None)
        if children is not None:
            stack.append(children)
    return out


@pytest.mark.slow
def test_the_download_is_the_report_of_the_open_build(app, sample_path):
    client = app.server.test_client()
    got = client.get("/rapport/GM0228.pdf?taal=en")
    assert got.status_code == 200 and got.mimetype == "application/pdf"
    assert got.data == render(sample_path, "GM0228", "en")
    national = client.get("/rapport/nederland.pdf")
    assert national.status_code == 200 and national.data == render(sample_path, None, "nl")


@pytest.mark.parametrize(
    "address",
    [
        "/rapport/GM9999.pdf",
        "/rapport/GM0228.pdf?taal=fr",
        "/rapport/ede.pdf",
        "/rapport/GM0228%27.pdf",
        "/rapport/GM02280.pdf",
    ],
)
def test_an_address_that_is_not_a_report_is_not_found(app, address):
    assert app.server.test_client().get(address).status_code == 404


def test_overview_and_municipality_pages_link_to_both_languages(app):
    from dashboard.pages import gemeente, overzicht

    overview = _hrefs(overzicht.page({"doelgroep": "roma"}))
    assert rapport.href(None, "nl") in overview and rapport.href(None, "en") in overview
    g, state = gemeente.resolve("GM0228", {})
    page = _hrefs(gemeente.page(g, state))
    assert rapport.href("GM0228", "nl") in page and rapport.href("GM0228", "en") in page
