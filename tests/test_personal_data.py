"""The hard rule: a delivery with data about persons is refused whole, and none of its values is
copied anywhere — not into the database, quarantine, manifest, logs or reports."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from pipeline.check import check, write_report
from pipeline.cli import main
from tests.conftest import HEADER, csv_delivery, rows

CANARY = "KANARIE7731"  # a value of every personal file that must never come out again
BSN = "123456782"  # passes the eleven-test


def _row(extra: str = "", bron: str = CANARY, opmerking: str = "") -> str:
    return f"GM0228;2016;bijstand;roma;30;120;{bron};;{opmerking}{extra}"


PERSONAL = {
    "kolom_bsn.csv": csv_delivery(_row(f";{BSN}"), header=HEADER + ";bsn"),
    "kolom_burgerservicenummer.csv": csv_delivery(_row(";x"), header=HEADER + ";Burgerservicenummer"),
    "kolom_naam.csv": csv_delivery(_row(";Jansen"), header=HEADER + ";naam"),
    "kolom_first_name.csv": csv_delivery(_row(";Piet"), header=HEADER + ";First Name"),
    "kolom_geboortedatum.csv": csv_delivery(_row(";01-02-2008"), header=HEADER + ";geboortedatum"),
    "kolom_adres.csv": csv_delivery(_row(";Dorpsstraat 1"), header=HEADER + ";adres"),
    "kolom_postcode_huisnummer.csv": csv_delivery(_row(";6711AB 12"), header=HEADER + ";postcode_huisnummer"),
    "kolom_telefoon.csv": csv_delivery(_row(";0612345678"), header=HEADER + ";telefoon"),
    "kolom_email.csv": csv_delivery(_row(";a@b.nl"), header=HEADER + ";e-mail"),
    "kolom_bsn_zonder_gemeente_code.csv": csv_delivery(
        _row(f";{BSN}").split(";", 1)[1], header=HEADER.split(";", 1)[1] + ";bsn"
    ),
    "bsn_in_opmerking.csv": csv_delivery(_row(opmerking=f"kind met bsn {BSN}")),
    "bsn_met_punten_in_bron.csv": csv_delivery(_row(bron=f"{CANARY} 1234.56.782")),
    "bsn_als_teller.csv": csv_delivery(f"GM0228;2016;arbeidsparticipatie;totaal;{BSN};500000000;{CANARY};;"),
    "email_in_opmerking.csv": csv_delivery(_row(opmerking="mail j.jansen@ede.nl")),
    "telefoon_in_opmerking.csv": csv_delivery(_row(opmerking="bel 06-12345678")),
    "bsn_in_overige_kolom.csv": csv_delivery(_row(f";{BSN}"), header=HEADER + ";notitie"),
    "bsn_in_windows1252.csv": csv_delivery(_row(opmerking=f"één kind {BSN}")).encode("cp1252"),
    "bsn_boven_de_kopregel.csv": "Contactpersoon j.jansen@ede.nl\n" + csv_delivery(_row()),
}


def _xlsx_with_bsn() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([*HEADER.split(";"), "BSN"])
    ws.append([*_row().split(";"), int(BSN)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


PERSONAL["werkmap_met_bsn.xlsx"] = _xlsx_with_bsn()


@pytest.fixture(scope="module")
def refused(tmp_path_factory, reference_copy):
    import shutil

    raw = tmp_path_factory.mktemp("persons") / "raw"
    shutil.copytree(reference_copy, raw / "reference")
    folder = raw / "leveringen" / "GM0228"
    folder.mkdir(parents=True)
    for name, content in PERSONAL.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / f"2017-01-01_{name}").write_bytes(data)
    (folder / "2017-02-01_goed.csv").write_text(
        csv_delivery("GM0228;2016;arbeidsparticipatie;roma;20;150;;;")
    )
    out = raw.parent / "out"
    log = io.StringIO()
    from pipeline.progress import Progress
    from pipeline.run import run

    run(raw, out, Progress(stream=log))
    con = duckdb.connect(str(out / "monitor.duckdb"), read_only=True)
    yield con, out, log.getvalue(), folder
    con.close()


@pytest.mark.parametrize("name", sorted(PERSONAL))
def test_file_with_personal_data_is_refused_whole(refused, name):
    con = refused[0]
    got = rows(
        con, "select status, reden from leveringen where bestand = ?", f"leveringen/GM0228/2017-01-01_{name}"
    )
    assert got[0][0] == "geweigerd"
    assert "gegevens over personen" in got[0][1]
    assert rows(
        con, "select count(*) from waarnemingen where bestand = ?", f"leveringen/GM0228/2017-01-01_{name}"
    ) == [(0,)]


def test_reason_names_columns_and_rows_but_never_a_value(refused):
    con = refused[0]
    reasons = [r for (r,) in rows(con, "select reden from leveringen where status = 'geweigerd'")]
    assert any("kolom opmerking, rij 2" in r for r in reasons)
    assert any("kolom bsn" in r for r in reasons)
    for r in reasons:
        for secret in (BSN, "1234.56.782", "j.jansen@ede.nl", "06-12345678", "Jansen", CANARY):
            assert secret not in r


def test_no_value_of_a_personal_file_is_anywhere_in_the_database(refused):
    con = refused[0]
    for (table,) in rows(con, "select table_name from information_schema.tables"):
        cols = [
            c
            for (c,) in rows(
                con, "select column_name from information_schema.columns where table_name = ?", table
            )
        ]
        text = " || ' ' || ".join(f"coalesce(cast(\"{c}\" as varchar), '')" for c in cols)
        for secret in (BSN, "j.jansen@ede.nl", "12345678", CANARY):
            hit = rows(con, f'select count(*) from "{table}" where contains({text}, ?)', secret)
            assert hit == [(0,)], (table, secret)


def test_no_value_of_a_personal_file_is_in_the_log_manifest_or_output_folder(refused):
    _, out, log, _ = refused
    texts = [log] + [
        p.read_text(encoding="utf-8", errors="replace")
        for p in Path(out).rglob("*")
        if p.is_file() and p.suffix != ".duckdb"
    ]
    manifest = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["leveringen"]["geweigerd"] == len(PERSONAL)
    for text in texts:
        for secret in (BSN, "j.jansen@ede.nl", CANARY):
            assert secret not in text


def test_personal_files_in_another_encoding_are_not_copied_to_disk(refused, tmp_path):
    from pipeline.build import open_build
    from pipeline.progress import Progress
    from pipeline.stages import extract

    folder = refused[3]
    with open_build(folder.parents[1], tmp_path, Progress(quiet=True)) as b:
        extract.stage_reference(b)
        files = extract.stage_deliveries(
            b, extract.given_files([folder / "2017-01-01_bsn_in_windows1252.csv"])
        )
        assert files[0].status == "geweigerd" and files[0].leespad is None
        assert not (b.work_dir / "lezen").exists()


def test_the_rest_of_the_build_goes_on(refused):
    con = refused[0]
    assert rows(con, "select count(*) from waarnemingen where herkomst = 'levering'") == [(1,)]


def test_check_reports_personal_data_without_echoing_it(refused, capsys):
    folder = refused[3]
    paths = [
        folder / f"2017-01-01_{n}"
        for n in ("kolom_bsn.csv", "bsn_in_opmerking.csv", "email_in_opmerking.csv")
    ]
    reports = check(paths)
    assert all(r.status == "geweigerd" for r in reports)
    out = io.StringIO()
    write_report(reports, out)
    assert main(["check", *map(str, paths)]) == 1
    text = out.getvalue() + capsys.readouterr().out
    assert "GEWEIGERD" in text and "kolom bsn" in text
    for secret in (BSN, "j.jansen@ede.nl", CANARY):
        assert secret not in text
