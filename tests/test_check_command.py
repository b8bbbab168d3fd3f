"""`python -m pipeline check FILE...`: a readable report for the municipal officer, exit 0 or 1."""

from __future__ import annotations

import io
import subprocess
import sys

from pipeline.check import check, write_report
from pipeline.cli import main
from tests.conftest import PROJECT, SHIPPED_RAW, csv_delivery


def test_check_of_a_clean_delivery_exits_0(capsys):
    path = next((SHIPPED_RAW / "leveringen" / "GM0228").glob("*.csv"))
    assert main(["check", str(path)]) == 0
    assert "in orde" in capsys.readouterr().out


def test_check_reports_row_column_reason_and_a_fix_and_exits_1(tmp_path, capsys):
    path = tmp_path / "GM0228" / "2017-01-01_x.csv"
    path.parent.mkdir()
    path.write_text(
        csv_delivery("GM0228;2016;bijstand;roma;30;120;;;", "GM0228;2016;arbeidsparticipatie;roma;2,5;150;;;")
    )
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "1 van 2 rijen hebben een probleem" in out
    assert "rij 3, kolom teller: 2,5 is geen heel getal" in out
    assert "→ vul een aantal in" in out


def test_check_writes_nothing(tmp_path):
    path = tmp_path / "2017-01-01_x.csv"
    path.write_text(csv_delivery("GM0228;2016;bijstand;roma;30;120;;;"))
    before = sorted(p for p in tmp_path.rglob("*"))
    check([path])
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_check_reports_every_file_and_a_refused_one_as_refused(tmp_path):
    good = tmp_path / "2017-01-01_goed.csv"
    good.write_text(csv_delivery("GM0228;2016;bijstand;roma;30;120;;;"))
    empty = tmp_path / "2017-01-01_leeg.csv"
    empty.write_text("")
    out = io.StringIO()
    write_report(check([good, empty]), out)
    text = out.getvalue()
    assert "✓" in text and "✗" in text and "het bestand is leeg" in text
    assert "1 van 2 bestanden in orde." in text


def test_check_of_a_missing_file_is_wrong_usage(tmp_path):
    assert main(["check", str(tmp_path / "er-niet.csv")]) == 2


def test_check_runs_from_the_command_line(tmp_path):
    path = tmp_path / "2017-01-01_x.csv"
    path.write_text(csv_delivery("GM0228;2016;bijstand;sinti;30;120;;;"))
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "check", str(path)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert (
        "doelgroep (niet getoond) is niet toegestaan" in done.stdout
    )  # a word could be a name: never echoed
