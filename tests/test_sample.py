"""The synthetic sample: seeded, honest about itself, and exactly what is committed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.sample import MARKER, generate, planned_rows, sample_codes
from tests.conftest import SHIPPED_RAW


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_committed_deliveries_equal_the_generators_pilot_output(tmp_path):
    generate(tmp_path / "raw", "pilot")
    made = _tree(tmp_path / "raw" / "leveringen")
    committed = _tree(SHIPPED_RAW / "leveringen")
    assert sorted(made) == sorted(committed)
    different = [name for name in made if made[name] != committed[name]]
    assert different == []


def test_sample_writes_a_complete_raw_folder_with_reference_data(tmp_path):
    generate(tmp_path / "raw", "pilot", seed=7)
    ref = tmp_path / "raw" / "reference"
    assert _tree(ref) == _tree(SHIPPED_RAW / "reference")
    assert (tmp_path / "raw" / "leveringen" / MARKER).read_text(encoding="utf-8").count("synthetisch") >= 1


def test_another_seed_gives_other_figures(tmp_path):
    generate(tmp_path / "a", "pilot", seed=1, codes=["GM0228"])
    generate(tmp_path / "b", "pilot", seed=2, codes=["GM0228"])
    assert _tree(tmp_path / "a" / "leveringen") != _tree(tmp_path / "b" / "leveringen")


def test_pilot_scale_has_pilots_named_non_pilots_and_about_ten_more():
    codes = sample_codes("pilot", SHIPPED_RAW / "reference")
    assert {"GM0861", "GM0356", "GM0228", "GM0995", "GM0502", "GM0153", "GM0784", "GM0855", "GM0796"} <= set(
        codes
    )
    assert {"GM1652", "GM0363", "GM0599", "GM0518"} <= set(codes)
    assert 20 <= len(codes) <= 25


def test_national_scale_covers_every_current_municipality():
    assert len(sample_codes("national", SHIPPED_RAW / "reference")) == 342


def test_stress_scale_plans_at_least_ten_million_rows_and_writes_what_it_plans(tmp_path):
    assert planned_rows("stress") >= 10_000_000
    files = generate(tmp_path / "s", "stress", redeliveries=2, codes=["GM0228", "GM0356"])
    written = sum(
        sum(1 for _ in csv.reader(io.StringIO(f.read_bytes().decode("utf-8-sig", "replace")))) - 1
        for f in files
    )
    per_delivery = planned_rows("stress") // (342 * 40)
    assert written == 2 * 2 * per_delivery


def test_deliveries_are_named_by_date_in_a_folder_per_municipality():
    for path in (SHIPPED_RAW / "leveringen").rglob("*.*"):
        if path.name == MARKER:
            continue
        assert path.parent.name.startswith("GM") and len(path.parent.name) == 6
        assert path.name[:10].count("-") == 2 and path.name[10] == "_"


def test_xlsx_deliveries_have_title_lines_above_the_header():
    xlsx = sorted((SHIPPED_RAW / "leveringen").rglob("*.xlsx"))
    assert xlsx
    wb = load_workbook(xlsx[0], read_only=True)
    ws = wb["levering"] if "levering" in wb.sheetnames else wb.worksheets[0]
    first = [r[0] for r in ws.iter_rows(min_row=1, max_row=4, values_only=True)]
    assert str(first[0]).startswith("Monitor Inclusie Roma")
    assert str(first[3]).lower() == "gemeente_code"


def test_formats_choose_the_export_profiles_of_every_municipality(tmp_path):
    files = generate(
        tmp_path / "x", "stress", redeliveries=1, codes=["GM0228", "GM0356", "GM0995"], formats={"xlsx": 1.0}
    )
    assert {f.suffix for f in files} == {".xlsx"}  # GM0995 (Lelystad) too: the named profiles yield
    with pytest.raises(ValueError, match="onbekend exportprofiel"):
        generate(tmp_path / "y", "stress", redeliveries=1, codes=["GM0228"], formats={"dbase": 1.0})
