"""`python -m pipeline extract` (CONTRACT §2): filters, exit status, messages; `make extract`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.cli import main
from pipeline.extracts import FORMATS
from tests.conftest import PROJECT
from tests.extracts.readback import frame


def _extract(db, out, *args):
    return main(["extract", "--db", str(db), "--out", str(out), "--format", "csv", "--stil", *args])


def test_without_filters_everything(sample_path, sample_db, tmp_path):
    assert _extract(sample_path, tmp_path) == 0
    got = frame(tmp_path / FORMATS["csv"].filename, "csv")
    assert len(got) == sample_db.execute("select count(*) from waarnemingen").fetchall()[0][0]


@pytest.mark.parametrize(
    ("args", "column", "expected"),
    [
        (["--gemeente", "GM0228", "--gemeente", "363"], "gemeente_code", {"GM0228", "GM0363"}),
        (["--indicator", "bijstand"], "indicator", {"bijstand"}),
        (["--domein", "wonen"], "domein", {"wonen"}),
        (["--domein", "Veiligheid", "--indicator", "woninginbraak"], "indicator", {"woninginbraak"}),
    ],
)
def test_filters_keep_exactly_what_they_name(sample_path, tmp_path, args, column, expected):
    assert _extract(sample_path, tmp_path, *args) == 0
    assert set(frame(tmp_path / FORMATS["csv"].filename, "csv")[column]) == expected


def test_van_and_tot_bound_jaar(sample_path, tmp_path):
    assert _extract(sample_path, tmp_path, "--van", "2014", "--tot", "2016") == 0
    jaren = set(frame(tmp_path / FORMATS["csv"].filename, "csv")["jaar"])
    assert jaren == {2014, 2015, 2016}


def test_a_domain_filter_keeps_every_indicator_of_the_domain(sample_path, sample_db, tmp_path):
    assert _extract(sample_path, tmp_path, "--domein", "verzuim") == 0
    expected = {
        i
        for (i,) in sample_db.execute(
            "select distinct indicator from waarnemingen where domein = 'verzuim'"
        ).fetchall()
    }
    assert set(frame(tmp_path / FORMATS["csv"].filename, "csv")["indicator"]) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gemeente", "GM9999"], "gemeente 'GM9999' staat niet in de CBS-indeling"),
        (["--gemeente", "Ede"], "bedoelt u GM0228 (Ede)"),
        (["--indicator", "absolut_verzuim"], "bedoelt u absoluut_verzuim"),
        (["--domein", "onderwijs"], "bedoelt u verzuim (Onderwijs (verzuim))?"),
        (["--van", "1999"], "--van 1999: kies een jaar van 2000"),
        (["--van", "2016", "--tot", "2012"], "--van 2016 ligt na --tot 2012"),
        (["--domein", "wonen", "--indicator", "bijstand"], "hoort bij domein wonen"),
        (["--gemeente", "'; drop table waarnemingen; --"], "staat niet in de CBS-indeling"),
    ],
)
def test_unknown_codes_and_bad_years_exit_2_with_a_dutch_message(
    sample_path, tmp_path, capsys, args, message
):
    assert _extract(sample_path, tmp_path, *args) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / FORMATS["csv"].filename).exists()


@pytest.mark.parametrize("args", [["--van", "twintig"], ["--tot", "20167"], ["--format", "pdf"]])
def test_malformed_arguments_exit_2(sample_path, tmp_path, capsys, args):
    with pytest.raises(SystemExit) as stop:
        main(["extract", "--db", str(sample_path), "--out", str(tmp_path), *args])
    assert stop.value.code == 2
    assert "fout:" in capsys.readouterr().err


def test_a_missing_database_exits_2_and_says_how_to_build_it(tmp_path, capsys):
    assert _extract(tmp_path / "nergens.duckdb", tmp_path / "uit") == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_an_out_folder_that_is_a_file_exits_2(sample_path, tmp_path, capsys):
    (tmp_path / "bestand").write_text("x")
    assert _extract(sample_path, tmp_path / "bestand") == 2
    assert "kan het extract niet schrijven" in capsys.readouterr().err


def test_a_file_that_is_no_monitor_database_exits_2(tmp_path, capsys):
    import duckdb

    duckdb.connect(str(tmp_path / "leeg.duckdb")).close()
    assert _extract(tmp_path / "leeg.duckdb", tmp_path / "uit") == 2
    assert "geen database van de monitor" in capsys.readouterr().err


def test_the_command_says_what_it_wrote_and_that_the_data_are_synthetic(sample_path, tmp_path, capsys):
    assert main(["extract", "--db", str(sample_path), "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "SYNTHETISCHE GEGEVENS" in err and "onderdrukt" in err and "datapackage.json" in err
    assert (tmp_path / "monitor-inclusie-roma.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # csv-nl


def test_python_dash_m_pipeline_extract_is_the_command(sample_path, tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "extract",
            "--db",
            str(sample_path),
            "--out",
            str(tmp_path),
            "--indicator",
            "bijstand",
            "--stil",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "datapackage.json").exists()


def test_make_extract_calls_the_cli():
    done = subprocess.run(
        ["make", "-n", "extract", "FORMAT=xlsx"], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert "-m pipeline extract" in done.stdout and "--format xlsx" in done.stdout


def test_the_extract_starts_without_the_validation_library_or_the_sample_writers():
    # Start-up is most of a small extract's time: `pipeline extract` needs neither pandera (the
    # delivery rules) nor openpyxl and the sample generator (issue 18: the xlsx extract ≤ 5 s).
    code = (
        "import sys, pipeline.extracts, pipeline.cli; "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('pandera', 'openpyxl') "
        "or m.startswith('pipeline.sample'))))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == ""
