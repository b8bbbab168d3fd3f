"""Every row rule of CONTRACT §1: the row goes to quarantine with file, row, column and a Dutch
reason, and the rest of the file loads. One delivery per rule, all built once."""

from __future__ import annotations

import pytest

from tests.conftest import csv_delivery, rows

# Two good rows around every bad one, with keys no bad row uses.
GOOD_BEFORE = "GM0228;2016;arbeidsparticipatie;totaal;50000;75000;;;"
GOOD_AFTER = "GM0228;2016;overbewoning;totaal;700;50000;;;"
# (file in GM0228/, bad row, expected kolom, expected regel, words the reason must contain)
CASES = {
    "onbekende_gemeente": (
        "GM9999;2016;bijstand;roma;3;40;;;",
        "gemeente_code",
        "gemeente_code.toegestane_waarde",
        "GM9999 staat niet in de CBS-gemeentelijke indeling",
    ),
    "geen_gemeentecode": (
        "Ede;2016;bijstand;roma;3;40;;;",
        "gemeente_code",
        "gemeente_code.vorm",
        "(niet getoond) is geen gemeentecode",
    ),
    "andere_gemeente": (
        "GM0363;2016;bijstand;roma;3;40;;;",
        "gemeente_code",
        "gemeente_code.andere_gemeente",
        "hoort niet in de map van GM0228",
    ),
    "onbekende_indicator": (
        "GM0228;2016;armoede;roma;3;40;;;",
        "indicator",
        "indicator.toegestane_waarde",
        "onbekende indicator (niet getoond)",
    ),
    "cbs_indicator": (
        "GM0228;2016;woninginbraak;totaal;300;115000;;;",
        "indicator",
        "indicator.cbs_indicator",
        "neemt hem over van het CBS",
    ),
    "doelgroep": (
        "GM0228;2016;bijstand;sinti;3;40;;;",
        "doelgroep",
        "doelgroep.toegestane_waarde",
        "doelgroep (niet getoond) is niet toegestaan",
    ),
    "teller_boven_noemer": (
        "GM0228;2016;bijstand;roma;41;40;;;",
        "teller",
        "teller.teller_boven_noemer",
        "teller 41 is groter dan noemer 40",
    ),
    "negatief": ("GM0228;2016;bijstand;roma;-3;40;;;", "teller", "teller.minimum", "-3 is negatief"),
    "geen_heel_getal": (
        "GM0228;2016;bijstand;roma;2,5;40;;;",
        "teller",
        "teller.heel_getal",
        "2,5 is geen heel getal",
    ),
    "absurd_groot": (
        "GM0228;2016;huurachterstand;totaal;3;99000000;;;",
        "noemer",
        "noemer.maximum",
        "99000000 is onwaarschijnlijk groot",
    ),
    "geen_getal": (
        "GM0228;2016;bijstand;roma;drie;40;;;",
        "teller",
        "teller.vorm",
        "(niet getoond) is geen getal",
    ),
    "toekomst": (
        "GM0228;2099;bijstand;roma;3;40;;;",
        "periode",
        "periode.maximum",
        "periode 2099 ligt in de toekomst",
    ),
    "voor_2000": (
        "GM0228;1999;bijstand;roma;3;40;;;",
        "periode",
        "periode.minimum",
        "periode 1999 ligt vóór 2000",
    ),
    "onmogelijk_schooljaar": (
        "GM0228;2016-2018;relatief_verzuim;roma;3;40;;;",
        "periode",
        "periode.schooljaar",
        "2016-2018 is geen bestaand schooljaar",
    ),
    "periode_onleesbaar": (
        "GM0228;zestien;bijstand;roma;3;40;;;",
        "periode",
        "periode.vorm",
        "(niet getoond) is geen periode",
    ),
    "schooljaar_verwacht": (
        "GM0228;2016;relatief_verzuim;roma;3;40;;;",
        "periode",
        "periode.schooljaar_verwacht",
        "wordt per schooljaar geleverd",
    ),
    "kalenderjaar_verwacht": (
        "GM0228;2016-2017;bijstand;roma;3;40;;;",
        "periode",
        "periode.kalenderjaar_verwacht",
        "wordt per kalenderjaar geleverd",
    ),
    "noemer_ontbreekt": (
        "GM0228;2016;bijstand;roma;3;;;;",
        "noemer",
        "noemer.noemer_ontbreekt",
        "noemer ontbreekt",
    ),
    "noemer_nul": ("GM0228;2016;bijstand;roma;0;0;;;", "noemer", "noemer.noemer_nul", "noemer is 0"),
    "teller_ontbreekt": (
        "GM0228;2016;bijstand;roma;;40;;;",
        "teller",
        "teller.ontbreekt",
        "teller ontbreekt",
    ),
    "datum_onleesbaar": (
        "GM0228;2016;bijstand;roma;3;40;;morgen;",
        "peildatum",
        "peildatum.vorm",
        "(niet getoond) is geen datum",
    ),
    "datum_bestaat_niet": (
        "GM0228;2016;bijstand;roma;3;40;;31-02-2016;",
        "peildatum",
        "peildatum.datum_bestaat_niet",
        "31-02-2016 is geen bestaande datum",
    ),
    "rafelige_rij": (
        "GM0228;2016;bijstand;roma;3",
        "(hele rij)",
        "rij.breedte",
        "de rij heeft 5 waarden, de kopregel 9 kolommen",
    ),
}


def _name(case: str) -> str:
    return f"2017-01-01_{case}.csv"


@pytest.fixture(scope="module")
def built(tmp_path_factory, reference_copy):
    import shutil

    from pipeline.run import run
    from tests.conftest import quiet

    raw = tmp_path_factory.mktemp("rules") / "raw"
    shutil.copytree(reference_copy, raw / "reference")
    folder = raw / "leveringen" / "GM0228"
    folder.mkdir(parents=True)
    for case, (bad, *_rest) in CASES.items():
        # the bad row sits between two good rows of other keys: row 3 of the file
        (folder / _name(case)).write_text(csv_delivery(GOOD_BEFORE, bad, GOOD_AFTER), encoding="utf-8")
    out = raw.parent / "out"
    run(raw, out, quiet())
    import duckdb

    con = duckdb.connect(str(out / "monitor.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("case", sorted(CASES))
def test_row_breaking_a_rule_goes_to_quarantine_with_file_row_column_and_reason(built, case):
    _bad, kolom, regel, words = CASES[case]
    found = rows(
        built,
        "select rij, kolom, regel, reden from quarantaine where bestand = ?",
        f"leveringen/GM0228/{_name(case)}",
    )
    assert len(found) == 1, found
    rij, got_kolom, got_regel, reden = found[0]
    assert (rij, got_kolom, got_regel) == (3, kolom, regel)
    assert words in reden


@pytest.mark.parametrize("case", sorted(CASES))
def test_rest_of_a_file_with_a_bad_row_loads(built, case):
    loaded = rows(
        built,
        "select rij from waarnemingen where bestand = ? order by rij",
        f"leveringen/GM0228/{_name(case)}",
    )
    # rows 2 and 4 are good; several files carry the same good keys, so the one in force is
    # the last file by name, but every file's good rows are either in force or in the audit
    audit = rows(
        built,
        "select rij from waarnemingen_vervangen where bestand = ? order by rij",
        f"leveringen/GM0228/{_name(case)}",
    )
    assert sorted(r for (r,) in loaded + audit) == [2, 4]


def test_every_file_with_a_bad_row_is_still_accepted(built):
    status = rows(built, "select distinct status from leveringen")
    assert status == [("geaccepteerd",)]
