"""Files that cannot be read as a table are refused whole, with a reason naming file and column."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tests.conftest import HEADER, csv_delivery, rows

GOOD_ROW = "GM0228;2016;bijstand;roma;30;120;;;"


def _xlsx(rows_: list[list], sheet: str = "Blad1") -> bytes:
    wb = Workbook()
    wb.active.title = sheet
    for r in rows_:
        wb.active.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


GOOD_XLSX = _xlsx([HEADER.split(";"), GOOD_ROW.split(";")])
CASES = {
    "leeg.csv": (b"", None, "het bestand is leeg"),
    "alleen_witruimte.csv": (b"  \r\n\r\n ", None, "het bestand is leeg"),
    "binair.csv": (b"\x00\x01\x02\x03" * 100, None, "geen tekst"),
    "afgebroken.xlsx": (GOOD_XLSX[: len(GOOD_XLSX) // 2], None, "beschadigd"),
    "oud_excel.xlsx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, None, "oud Excel-bestand"),
    "geen_werkmap.xlsx": (csv_delivery(GOOD_ROW).encode(), None, "geen Excel-werkmap"),
    "geen_kopregel.csv": (b"1;2;3\n4;5;6\n", None, "geen kopregel gevonden"),
    "kolom_ontbreekt.csv": (
        b"gemeente_code;periode;indicator;doelgroep;noemer\nGM0228;2016;bijstand;roma;120\n",
        "teller",
        "verplichte kolom teller ontbreekt",
    ),
    "twee_kolommen_ontbreken.csv": (
        b"gemeente_code;periode;indicator\nGM0228;2016;bijstand\n",
        "doelgroep",
        "verplichte kolommen doelgroep, teller ontbreekt",
    ),
    "dubbele_kolom.csv": ((HEADER + ";teller\n" + GOOD_ROW + ";3\n").encode(), "teller", "meer dan één keer"),
    "alleen_kopregel.csv": ((HEADER + "\n").encode(), None, "geen cijfers"),
    "werkblad_zonder_tabel.xlsx": (_xlsx([["Toelichting"], ["zie bijlage"]]), None, "werkblad 'Blad1'"),
    "werkmap_zonder_rijen.xlsx": (_xlsx([HEADER.split(";")]), None, "geen cijfers"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory, reference_copy):
    import shutil

    import duckdb

    from pipeline.run import run
    from tests.conftest import quiet

    raw = tmp_path_factory.mktemp("bad") / "raw"
    shutil.copytree(reference_copy, raw / "reference")
    folder = raw / "leveringen" / "GM0228"
    folder.mkdir(parents=True)
    for name, (content, _, _) in CASES.items():
        (folder / f"2017-01-01_{name}").write_bytes(content)
    (folder / "2017-02-01_goed.csv").write_text(csv_delivery(GOOD_ROW))
    (folder / "notities.txt").write_text("intern")
    (folder / "levering-zonder-datum.csv").write_text(csv_delivery(GOOD_ROW))
    out = raw.parent / "out"
    run(raw, out, quiet())
    con = duckdb.connect(str(out / "monitor.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("name", sorted(CASES))
def test_unreadable_file_is_refused_whole_with_a_reason(built, name):
    _, kolom, words = CASES[name]
    got = rows(
        built,
        "select status, reden, kolom from leveringen where bestand = ?",
        f"leveringen/GM0228/2017-01-01_{name}",
    )
    assert len(got) == 1
    status, reden, got_kolom = got[0]
    assert status == "geweigerd"
    assert words in reden
    assert got_kolom == kolom


def test_nothing_of_a_refused_file_is_loaded(built):
    assert rows(built, "select distinct bestand from waarnemingen where herkomst = 'levering'") == [
        ("leveringen/GM0228/2017-02-01_goed.csv",)
    ]
    assert rows(built, "select count(*) from quarantaine") == [(0,)]


def test_a_file_without_a_date_in_its_name_is_refused(built):
    got = rows(built, "select status, reden from leveringen where bestand like '%zonder-datum%'")
    assert got[0][0] == "geweigerd" and "leverdatum" in got[0][1]


def test_a_file_that_is_not_csv_or_xlsx_is_refused_not_ignored(built):
    got = rows(built, "select status, reden from leveringen where bestand like '%notities.txt'")
    assert got == [
        (
            "geweigerd",
            "de bestandsnaam moet beginnen met de leverdatum, zoals 2017-04-01_levering.csv "
            "(JJJJ-MM-DD_omschrijving.csv of .xlsx)",
        )
    ]


def test_a_csv_named_file_holding_a_workbook_is_read_as_a_workbook(make_raw, build):
    raw = make_raw({"GM0228/2017-01-01_eigenlijk-excel.csv": GOOD_XLSX})
    _, con = build(raw)
    assert rows(con, "select status, formaat from leveringen") == [("geaccepteerd", "xlsx")]
    assert rows(con, "select count(*) from waarnemingen where herkomst = 'levering'") == [(1,)]


def test_a_truncated_csv_loads_its_whole_rows_and_sets_the_cut_row_aside(make_raw, build):
    text = csv_delivery(GOOD_ROW, "GM0228;2016;arbeidsparticipatie;roma;20;150;;;")
    raw = make_raw({"GM0228/2017-01-01_afgebroken.csv": text[: text.rindex(";20;150")].encode() + b";2"})
    _, con = build(raw)
    assert rows(con, "select count(*) from waarnemingen where herkomst = 'levering'") == [(1,)]
    assert rows(con, "select rij, regel from quarantaine") == [(3, "rij.breedte")]


def test_a_utf8_file_cut_inside_its_last_character_keeps_its_encoding(make_raw, build):
    text = csv_delivery(
        "GM0228;2016;bijstand;roma;30;120;één bron;;", "GM0228;2016;arbeidsparticipatie;roma;2"
    )
    data = text.encode("utf-8").rstrip(b"\n") + "é".encode()[:1]
    raw = make_raw({"GM0228/2017-01-01_afgebroken.csv": data})
    _, con = build(raw)
    assert rows(con, "select codering from leveringen") == [("utf-8",)]
    assert rows(con, "select bron from waarnemingen where herkomst = 'levering'") == [("één bron",)]
