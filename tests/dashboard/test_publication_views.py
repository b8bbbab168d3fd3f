"""What the dashboard shows is what the publication tables say: the same cells suppressed, the same
status words, in every view and in its download (CONTRACT §3 "What is published")."""

from __future__ import annotations

import io
import shutil

import duckdb
import pandas as pd
import pytest

from dashboard import data
from dashboard.data import Monitor
from pipeline.extracts import FORMATS, Filters, extract

REFERENCE = ("gemeenten", "indicatoren", "proeftuinen", "manifest", "manifest_invoer", "manifest_tabellen")


@pytest.fixture(scope="module")
def published(sample_path):
    with duckdb.connect(str(sample_path), read_only=True) as con:
        cijfers = con.execute("select * from publicatie_cijfers").df()
        vergelijking = con.execute("select * from publicatie_vergelijking").df()
        catalogue = con.execute("select indicator, domein from indicatoren order by volgorde").df()
    return cijfers, vergelijking, catalogue


def _words(children) -> str:
    """A badge's words as read aloud: the aria-hidden sign (▲ ● ×) is decoration, not text."""
    if isinstance(children, str):
        return children
    parts = children if isinstance(children, list) else [children]
    words = []
    for part in parts:
        if isinstance(part, str):
            words.append(part)
        elif isinstance(part, dict) and part.get("props", {}).get("aria-hidden") != "true":
            words.append(_words(part["props"].get("children", "")))
    return "".join(words)


def _texts(node, out: list) -> list:
    """Every status badge's text in a rendered section, in order."""
    if isinstance(node, dict):
        props = node.get("props", {})
        if node.get("type") == "Span" and str(props.get("className", "")).startswith("status "):
            out.append(_words(props["children"]))
        for v in props.values() if isinstance(props, dict) else ():
            _texts(v, out)
    elif isinstance(node, list):
        for v in node:
            _texts(v, out)
    return out


def test_every_theme_table_shows_the_published_status_words(app, sample_path, published):
    from dashboard.pages import thema

    _, vergelijking, catalogue = published
    m = Monitor(sample_path)
    previous, data._monitor = data._monitor, m
    try:
        for indicator in catalogue["indicator"]:
            for doelgroep in ("roma", "totaal"):
                expected = vergelijking.loc[
                    (vergelijking["indicator"] == indicator) & (vergelijking["doelgroep"] == doelgroep)
                ]
                expected = expected.sort_values("gemeente_naam", kind="stable")["status"].tolist()
                shown = _texts(data.tree(thema.table(indicator, doelgroep, "gemeente")), [])
                assert shown == expected, (indicator, doelgroep)
    finally:
        data._monitor = previous


def test_every_series_and_download_suppresses_exactly_the_published_cells(sample_path, published):
    cijfers, vergelijking, catalogue = published
    m = Monitor(sample_path)
    key = ["gemeente_code", "periode", "indicator", "doelgroep"]
    for indicator in catalogue["indicator"]:
        expected = cijfers.loc[cijfers["indicator"] == indicator].set_index(key).sort_index()
        for doelgroep in ("roma", "totaal"):
            shown = m.series(indicator, doelgroep).set_index(key).sort_index()
            want = expected[expected.index.get_level_values("doelgroep") == doelgroep]
            assert shown["onderdrukt"].tolist() == want["onderdrukt"].tolist()
            assert shown["teller"].astype("Float64").equals(want["teller"].astype("Float64"))
        text = m.download(Filters(indicatoren=(indicator,))).decode("utf-8-sig")
        got = (
            pd.read_csv(
                io.StringIO(text),
                sep=";",
                decimal=",",
                dtype={"periode": str},
                true_values=["ja"],
                false_values=["nee"],
            )
            .set_index(key)
            .sort_index()
        )
        assert got["onderdrukt"].tolist() == expected["onderdrukt"].tolist()
        assert got["teller"].astype("Float64").equals(expected["teller"].astype("Float64"))
        statuses = vergelijking.set_index(["gemeente_code", "indicator", "doelgroep"])["status"]
        for (g, _, ind, dg), status in got["status"].dropna().items():
            assert status == statuses.loc[(g, ind, dg)]


def test_outputs_need_nothing_but_the_publication_and_reference_tables(app, sample_path, tmp_path):
    # take every working table away: the dashboard, its downloads and every extract still work
    db = tmp_path / "monitor.duckdb"
    shutil.copy(sample_path, db)
    with duckdb.connect(str(db)) as con:
        for (t,) in con.execute("select table_name from duckdb_tables()").fetchall():
            if not t.startswith("publicatie_") and t not in REFERENCE:
                con.execute(f'drop table "{t}"')
        left = {t for (t,) in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert "waarnemingen" not in left and "vergelijking_nulmeting" not in left
    from dashboard import warm

    m = Monitor(db)
    previous, data._monitor = data._monitor, m  # the pages read through data.monitor()
    try:
        # Warming computes every page and every view one filter change away before anyone asks
        # (was test_data's own test, on the whole build: one warming of the sample does for both).
        addresses = [address for address, _ in warm.views(m)]
        assert warm.everything(m) == len(addresses)  # every page and view renders
        assert {"/", "/kaart", "/datakwaliteit", "/over"} <= set(addresses)
        assert len({a for a in addresses if a.startswith("/thema/")}) >= 2 * len(m.indicatoren())
        assert m.remembers("pagina", ("/thema/arbeid?indicator=bijstand&doelgroep=totaal&sorteer=gemeente",))
        assert m.remembers("thema-onder", ("bijstand", "totaal"))
    finally:
        data._monitor = previous
    # Every format of the extract (the function the CLI calls; the CLI itself: tests/extracts).
    with duckdb.connect(str(sample_path), read_only=True) as con:
        published = con.execute("select count(*) from publicatie_cijfers").fetchone()[0]
    for fmt in FORMATS:
        done = extract(db, tmp_path / fmt, fmt)
        assert done.rows == published > 0, fmt
        assert done.data.exists() and done.descriptor.exists(), fmt
