"""The data door: read-only, picks up a new build, and lets no small roma cell through."""

from __future__ import annotations

import os
import shutil

import duckdb
import numpy as np
import pytest

from dashboard import data
from dashboard.data import DatabaseMissing, Monitor
from tests.conftest import small_sql


def test_database_is_opened_read_only(sample_path):
    m = Monitor(sample_path)
    con, _ = m._connection()
    with pytest.raises(duckdb.Error):
        con.execute("create table poging (a integer)")


def test_missing_database_says_how_to_build_it(tmp_path):
    with pytest.raises(DatabaseMissing, match="make"):
        Monitor(tmp_path / "monitor.duckdb").build()


def test_new_build_is_picked_up_without_restart(sample_path, tmp_path):
    live = tmp_path / "monitor.duckdb"
    shutil.copy(sample_path, live)
    m = Monitor(live)
    before = m.build()
    assert not m.series("bijstand", "totaal").empty

    staged = tmp_path / "nieuw.duckdb"
    shutil.copy(sample_path, staged)
    with duckdb.connect(str(staged)) as con:
        con.execute("update manifest set id = 'nieuwe-build'")
        con.execute("delete from publicatie_cijfers where indicator = 'bijstand'")
    os.replace(staged, live)  # as publish does

    after = m.build()
    assert after.id == "nieuwe-build" != before.id
    assert m.series("bijstand", "totaal").empty  # the cache of the old build is not reused


def _raw(sample_path, sql):
    with duckdb.connect(str(sample_path), read_only=True) as con:
        return con.execute(sql).df()


def test_suppressed_roma_cells_leave_the_data_module_empty(sample_path):
    m = Monitor(sample_path)
    hidden = _raw(
        sample_path,
        f"select gemeente_code, indicator, jaar from waarnemingen where doelgroep = 'roma' and {small_sql('teller', 'noemer')}",
    )
    assert len(hidden) > 0, "the sample should hold small roma cells, or this test proves nothing"
    for indicator, cells in hidden.groupby("indicator"):
        published = m.series(indicator, "roma").merge(cells, on=["gemeente_code", "indicator", "jaar"])
        assert len(published) == len(cells)
        assert published["onderdrukt"].all()
        assert published[["teller", "noemer", "waarde", "kloof"]].isna().all().all()


def test_comparison_withholds_everything_derived_from_a_suppressed_cell(sample_path):
    v = Monitor(sample_path).vergelijking()
    hit = v.loc[v["onderdrukt"]]
    assert not hit.empty
    assert hit[["verschil", "verschil_laag", "verschil_hoog", "relatief_verschil"]].isna().all().all()
    assert (hit["status"] == "onderdrukt").all()
    assert v.loc[v["laatste_onderdrukt"], "laatste_waarde"].isna().all()
    # a totaal cell is only ever withheld beside a withheld roma cell (the totaal rule)
    totaal = v.loc[(v["doelgroep"] == "totaal") & v["onderdrukt"], ["gemeente_code", "indicator"]]
    roma = v.loc[(v["doelgroep"] == "roma") & v["onderdrukt"], ["gemeente_code", "indicator"]]
    assert len(totaal.merge(roma)) == len(totaal)


def test_a_small_totaal_cell_beside_a_suppressed_roma_cell_is_suppressed_too(sample_path):
    both = _raw(
        sample_path,
        f"""
        select t.gemeente_code, t.indicator, t.jaar
        from waarnemingen t join waarnemingen r using (gemeente_code, indicator, periode)
        where t.doelgroep = 'totaal' and r.doelgroep = 'roma'
          and {small_sql("r.teller", "r.noemer")} and {small_sql("t.teller", "t.noemer", low=0)}""",
    )
    assert len(both) > 0, "the sample should hold such cells, or this test proves nothing"
    m = Monitor(sample_path)
    for indicator, cells in both.groupby("indicator"):
        published = m.series(indicator, "totaal").merge(cells, on=["gemeente_code", "indicator", "jaar"])
        assert len(published) == len(cells) and published["onderdrukt"].all()
        assert published[["teller", "noemer", "waarde"]].isna().all().all()


def test_group_totals_are_the_published_ones_and_never_have_one_hidden_cell(sample_path):
    m = Monitor(sample_path)
    published = _raw(
        sample_path,
        """
        select g.*, (select count(*) from publicatie_cijfers c
                     where list_contains(g.gemeenten, c.gemeente_code) and c.indicator = g.indicator
                       and c.doelgroep = g.doelgroep and c.jaar = g.jaar and c.onderdrukt) as verborgen
        from publicatie_groepen g where indicator = 'absoluut_verzuim' and doelgroep = 'roma'""",
    )
    groups = m.groups("absoluut_verzuim", "roma")
    merged = groups.merge(published, on=["groep", "jaar"], suffixes=("", "_pub"))
    assert len(merged) == len(groups) == len(published)
    assert (merged["onderdrukt"] == merged["onderdrukt_pub"]).all()
    assert merged["waarde"].equals(merged["waarde_pub"])
    assert not ((merged["verborgen"] == 1) & ~merged["onderdrukt"]).any()


def test_results_are_cached_per_build(sample_path):
    m = Monitor(sample_path)
    first = m.series("bijstand", "roma")
    first.loc[:, "waarde"] = np.nan  # a caller changing its copy does not change the cache
    assert m.series("bijstand", "roma")["waarde"].notna().any()


def test_a_remembered_section_is_handed_out_fresh_each_time(sample_path):
    m = Monitor(sample_path)
    calls = []

    def compute():
        calls.append(1)
        return {"data": [{"x": [1, 2]}], "layout": {}}

    first = data.tree(m.memo("proef", ("a",), compute))
    first["data"][0]["x"].append(3)  # a caller changing what it got does not change the cache
    assert data.tree(m.memo("proef", ("a",), compute)) == {"data": [{"x": [1, 2]}], "layout": {}}
    assert len(calls) == 1


# Warming every page and view of a build: tests/dashboard/test_publication_views.py, on the build
# with nothing but the publication tables (one warming of the sample does for both promises).


def test_new_build_is_warmed_in_the_background(sample_path, tmp_path):
    live = tmp_path / "monitor.duckdb"
    shutil.copy(sample_path, live)
    m = Monitor(live)
    warmed = []
    m.keep_warm(lambda mon: warmed.append(mon.build().id))
    m.wait_warm(30)
    staged = tmp_path / "nieuw.duckdb"
    shutil.copy(sample_path, staged)
    with duckdb.connect(str(staged)) as con:
        con.execute("update manifest set id = 'nieuwe-build'")
    os.replace(staged, live)
    m.build()  # the first call after the swap opens the new build
    m.wait_warm(30)
    assert warmed[0] != "nieuwe-build" and warmed[-1] == "nieuwe-build"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_a_forked_worker_reads_with_its_own_connection_and_keeps_the_cache(sample_path):
    # gunicorn --preload: the master warms, closes its connection and forks the workers.
    m = Monitor(sample_path)
    before = m.series("bijstand", "totaal")
    m.close()
    pid = os.fork()
    if pid == 0:  # the worker
        ok = m.series("bijstand", "totaal").equals(before) and not m.series("bijstand", "roma").empty
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert m.series("bijstand", "totaal").equals(before)  # and the master can read again


def test_app_has_its_callbacks_before_its_first_request(app):
    # Dash registers callbacks on the first request; two first requests at once on a fresh gunicorn
    # worker used to get "Callback function not found" (HTTP 500).
    assert {"thema-body.children", "thema-onder.children", "overzicht-onder.children"} <= set(
        app.callback_map
    )
