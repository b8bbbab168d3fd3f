"""A failed or killed build leaves the previous database byte for byte; builds never interleave;
a reader of the old database keeps working while a new build is swapped in."""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.build import LOCK, _ram_root, _scratch_tag
from pipeline.run import run
from tests.conftest import PROJECT, SHIPPED_RAW, csv_delivery, quiet


def _locked(path: Path) -> bool:
    """Does another process hold the build lock?"""
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def previous(make_raw, tmp_path):
    """A finished build of a tiny raw folder, to be protected."""
    raw = make_raw(
        {"GM0228/2017-01-01_x.csv": csv_delivery("GM0228;2016;bijstand;roma;30;120;;;")}, name="oud"
    )
    out = tmp_path / "out"
    run(raw, out, quiet())
    return out


@pytest.fixture
def newer(make_raw):
    """Another tiny raw folder (two deliveries), for a build that replaces `previous`: whether a
    swap is whole or a failure leaves the old database does not depend on the size of the input."""
    return make_raw(
        {
            "GM0228/2018-01-01_x.csv": csv_delivery("GM0228;2017;bijstand;roma;31;120;;;"),
            "GM0995/2018-01-01_x.csv": csv_delivery("GM0995;2017;bijstand;roma;20;110;;;"),
        },
        name="nieuw",
    )


def test_a_build_that_fails_leaves_the_previous_database_untouched(previous, newer, monkeypatch):
    before = _sha(previous / "monitor.duckdb")
    manifest = (previous / "manifest.json").read_bytes()
    from pipeline import nulmeting

    def broken(*_a, **_k):
        raise RuntimeError("stuk halverwege publiceren")

    monkeypatch.setattr(nulmeting, "compare", broken)
    with pytest.raises(RuntimeError):
        run(newer, previous, quiet())
    assert _sha(previous / "monitor.duckdb") == before
    assert (previous / "manifest.json").read_bytes() == manifest
    assert sorted(p.name for p in previous.iterdir()) == [".monitor.lock", "manifest.json", "monitor.duckdb"]


def _start_build(raw: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", "--raw", str(raw), "--out", str(out)],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.4, 0.9, 1.3, 1.7, 2.2])
def test_a_build_killed_half_way_leaves_the_previous_database_byte_for_byte(previous, newer, after):
    before = _sha(previous / "monitor.duckdb")
    process = _start_build(SHIPPED_RAW, previous)
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # killed before the swap: the old database byte for byte; after it: a whole new one, never a mix
    if _sha(previous / "monitor.duckdb") != before:
        assert process.returncode != -signal.SIGKILL or after >= 1.3, "swapped in before publishing"
        con = duckdb.connect(str(previous / "monitor.duckdb"), read_only=True)
        assert con.execute("select count(*) from leveringen").fetchall()[0][0] > 700
        con.close()
    # the next build (of any input) sweeps what the killed one left behind, beside the output and in RAM
    run(newer, previous, quiet())
    assert not [p for p in previous.iterdir() if p.name.startswith((".work-", ".monitor.duckdb.tmp-"))]
    ram = _ram_root()
    assert ram is None or not list(ram.glob(f"{_scratch_tag(previous)}-*"))


def test_two_builds_at_once_do_not_interleave(previous, newer):
    # The first build (the sample: long enough to be caught holding the lock) runs; the second, of
    # two deliveries, starts while it holds the lock, waits for it, and then swaps in its own whole
    # database: its two deliveries and nothing of the sample's.
    first = _start_build(SHIPPED_RAW, previous)
    deadline = time.time() + 20
    while time.time() < deadline and not _locked(previous / LOCK):
        time.sleep(0.02)
    second = _start_build(newer, previous)
    _out1, err1 = first.communicate(timeout=120)
    _out2, err2 = second.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, (err1, err2)
    assert "wacht" in err2.decode()
    con = duckdb.connect(str(previous / "monitor.duckdb"), read_only=True)
    assert con.execute("select gemeente_code from leveringen order by 1").fetchall() == [
        ("GM0228",),
        ("GM0995",),
    ]
    con.close()


def test_a_reader_of_the_old_database_keeps_working_while_a_new_build_is_swapped_in(previous, newer):
    reader = duckdb.connect(str(previous / "monitor.duckdb"), read_only=True)
    old = reader.execute("select count(*) from leveringen").fetchall()
    run(newer, previous, quiet())
    assert reader.execute("select count(*) from leveringen").fetchall() == old == [(1,)]
    reader.close()
    fresh = duckdb.connect(str(previous / "monitor.duckdb"), read_only=True)
    assert fresh.execute("select count(*) from leveringen").fetchall() == [(2,)]
    fresh.close()
