"""The command line of CONTRACT §2: exit status and messages."""

from __future__ import annotations

import shutil
import subprocess
import sys

from pipeline.cli import main
from tests.conftest import PROJECT, csv_delivery


def test_run_exits_0_and_says_what_it_set_aside(make_raw, tmp_path, capsys):
    raw = make_raw({"GM0228/2017-01-01_x.csv": csv_delivery("GM0228;2016;bijstand;roma;41;40;;;")})
    assert main(["run", "--raw", str(raw), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "rijen in quarantaine: 1" in err
    assert "teller.teller_boven_noemer" in err


def test_run_strict_exits_1_when_anything_was_quarantined(make_raw, tmp_path):
    raw = make_raw({"GM0228/2017-01-01_x.csv": csv_delivery("GM0228;2016;bijstand;roma;41;40;;;")})
    assert main(["run", "--raw", str(raw), "--out", str(tmp_path / "out"), "--strict", "--stil"]) == 1


def test_run_strict_exits_0_on_clean_deliveries(make_raw, tmp_path):
    raw = make_raw({"GM0228/2017-01-01_x.csv": csv_delivery("GM0228;2016;bijstand;roma;30;40;;;")})
    assert main(["run", "--raw", str(raw), "--out", str(tmp_path / "out"), "--strict", "--stil"]) == 0


def test_wrong_usage_exits_2(tmp_path, capsys):
    try:
        main(["run", "--onbekend"])
    except SystemExit as e:
        assert e.code == 2
    else:
        raise AssertionError("expected exit 2")
    assert main(["run", "--raw", str(tmp_path / "bestaat-niet"), "--stil"]) == 2


def test_python_dash_m_pipeline_runs_as_a_module(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "sample", "--help"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "--scale" in done.stdout


def test_make_clean_never_touches_raw_data(tmp_path):
    project = tmp_path / "project"
    (project / "data" / "processed").mkdir(parents=True)
    shutil.copy(PROJECT / "Makefile", project / "Makefile")
    shutil.copytree(PROJECT / "data" / "raw" / "reference", project / "data" / "raw" / "reference")
    (project / "data" / "processed" / "monitor.duckdb").write_bytes(b"x")
    before = {p: p.read_bytes() for p in (project / "data" / "raw").rglob("*") if p.is_file()}
    subprocess.run(["make", "-s", "clean"], cwd=project, check=True, capture_output=True)
    after = {p: p.read_bytes() for p in (project / "data" / "raw").rglob("*") if p.is_file()}
    assert before == after
    assert not (project / "data" / "processed" / "monitor.duckdb").exists()
