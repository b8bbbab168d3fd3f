"""The delivery template (`python -m pipeline sjabloon`): ready to fill, and what it lets through passes `check`."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from pipeline import sjabloon
from pipeline.check import check_deliveries
from pipeline.config import load_reference
from pipeline.intake.readers import COLUMNS
from tests.conftest import PROJECT, SHIPPED_RAW

REFERENCE = SHIPPED_RAW / "reference"
NAME = f"{date.today().isoformat()}_levering.xlsx"


@pytest.fixture(scope="module")
def template() -> bytes:
    return sjabloon.template(REFERENCE, "GM0228")


def _validations(ws: Worksheet) -> dict[str, object]:
    """Column letter → its data validation."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    return out


def _list_values(wb, formula: str) -> list[str]:
    """The values a list validation offers (an inline list or a range on another sheet)."""
    formula = formula.lstrip("=")
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, ref = formula.split("!")
    return [str(c.value) for row in wb[sheet][ref.replace("$", "")] for c in row if c.value is not None]


def _lists(template: bytes) -> dict[str, list[str]]:
    wb = load_workbook(io.BytesIO(template))
    header = [c.value for c in wb["levering"][1]]
    letters = {c: chr(65 + k) for k, c in enumerate(header)}
    dv = _validations(wb["levering"])
    return {c: _list_values(wb, dv[letters[c]].formula1) for c in header if dv[letters[c]].type == "list"}


def _filled(template: bytes, rows: list[list[object]]) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    for r in rows:
        wb["levering"].append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _valid_rows(template: bytes) -> list[list[object]]:
    """One roma and one totaal row for every indicator the lists offer, with values from the lists."""
    lists = _lists(template)
    ref = load_reference(SHIPPED_RAW)
    code = lists["gemeente_code"][0]
    rows: list[list[object]] = []
    for ind in lists["indicator"]:
        i = ref.indicator(ind)
        periode = next(
            p
            for p in lists["periode"]
            if ("-" in p) == (i.periodetype == "schooljaar") and p[:4] == str(date.today().year - 2)
        )
        if i.is_rate:
            rows += [[code, periode, ind, "roma", 12, 140], [code, periode, ind, "totaal", 950, 16_000]]
        else:
            rows += [[code, periode, ind, "roma", 7, None], [code, periode, ind, "totaal", 80, None]]
    return rows


def test_template_has_the_sheets_levering_uitleg_and_voorbeeld(template):
    wb = load_workbook(io.BytesIO(template))
    assert wb.sheetnames == ["levering", "uitleg", "voorbeeld"]
    assert [c.value for c in wb["levering"][1]] == list(COLUMNS)
    assert wb["levering"].max_row == 1  # ready to fill: only the header


def test_drop_down_lists_hold_exactly_what_the_monitor_knows(template):
    lists = _lists(template)
    ref = load_reference(SHIPPED_RAW)
    assert sorted(lists["indicator"]) == sorted(i.code for i in ref.indicatoren if i.bron == "gemeente")
    assert "woninginbraak" not in lists["indicator"]  # the monitor takes that one from CBS itself
    assert lists["doelgroep"] == ["roma", "totaal"]
    assert lists["gemeente_code"] == ["GM0228"]
    assert "2016" in lists["periode"] and "2016-2017" in lists["periode"]
    assert str(date.today().year + 1) not in lists["periode"]
    assert "1999" not in lists["periode"]


def test_teller_and_noemer_accept_whole_numbers_only(template):
    wb = load_workbook(io.BytesIO(template))
    dv = _validations(wb["levering"])
    for letter in ("E", "F"):  # teller, noemer
        assert dv[letter].type == "whole"
        assert dv[letter].showErrorMessage
    assert dv["E"].formula1 == "0" and dv["F"].formula1 == "1"


def test_uitleg_gives_each_indicator_its_definition_and_unit(template):
    wb = load_workbook(io.BytesIO(template))
    text = {str(c.value) for row in wb["uitleg"].iter_rows() for c in row if c.value is not None}
    for i in load_reference(SHIPPED_RAW).indicatoren:
        if i.bron == "gemeente":
            assert i.definitie in text and i.eenheid in text


def test_a_correctly_filled_template_passes_check_with_no_remark(template):
    rows = _valid_rows(template)
    assert len(rows) >= 30
    [report] = check_deliveries([(NAME, _filled(template, rows))])
    assert report.status == "geaccepteerd", report.reden
    assert report.problemen == [] and report.genegeerd == []
    assert report.rijen == len(rows)


def test_the_voorbeeld_rows_pass_check(template):
    wb = load_workbook(io.BytesIO(template))
    rows = [list(r) for r in wb["voorbeeld"].iter_rows(min_row=2, values_only=True)]
    [report] = check_deliveries([(NAME, _filled(template, rows))])
    assert report.clean, (report.reden, report.problemen)


@pytest.mark.parametrize(
    ("change", "kolom", "words"),
    [
        ({4: 2.5}, "teller", "geen heel getal"),
        ({2: "onbekend"}, "indicator", "onbekende indicator"),
        ({3: "sinti"}, "doelgroep", "niet toegestaan"),
        ({4: 200, 5: 150}, "teller", "groter dan noemer"),
        ({1: "2099"}, "periode", "in de toekomst"),
    ],
)
def test_a_template_with_an_invalid_value_gets_the_right_remark(template, change, kolom, words):
    rows = _valid_rows(template)
    bad = rows[0]
    for k, v in change.items():
        bad[k] = v
    [report] = check_deliveries([(NAME, _filled(template, rows))])
    assert not report.geweigerd, report.reden
    assert {p.rij for p in report.problemen} == {2}  # the first row under the header, as Excel numbers it
    assert any(p.kolom == kolom and words in p.reden for p in report.problemen), report.problemen


def test_template_for_all_municipalities_offers_the_register(tmp_path):
    lists = _lists(sjabloon.template(REFERENCE))
    assert len(lists["gemeente_code"]) > 300 and "GM0228" in lists["gemeente_code"]


def test_sjabloon_command_writes_the_template_and_refuses_an_unknown_municipality(tmp_path):
    out = tmp_path / "sjabloon.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "sjabloon", "--gemeente", "0228", "--out", str(out)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert load_workbook(out).sheetnames == ["levering", "uitleg", "voorbeeld"]
    assert "Ede (GM0228)" in done.stderr
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "sjabloon",
            "--gemeente",
            "GM9999",
            "--out",
            str(tmp_path / "x.xlsx"),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "geen gemeente" in bad.stderr
    assert not (tmp_path / "x.xlsx").exists()
