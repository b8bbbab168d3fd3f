"""What an extract may not show: small roma cells, totals that give them back, formulas, opmerkingen."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline.config import load_settings
from pipeline.extracts import FORMATS
from pipeline.extracts.formats import SHEET_NOTES
from tests.extracts.conftest import FORMULA_BRON, SECRET
from tests.extracts.readback import frame, text_cells

ALL = list(FORMATS)


def _fails_contract_rule(teller: pd.Series, noemer: pd.Series) -> pd.Series:
    """CONTRACT §4 written out here, independently of pipeline/disclosure.py."""
    r = load_settings().onthulling
    t, n = teller.astype(float), noemer.astype(float)
    small = lambda x: (x >= r.teller_min) & (x <= r.teller_max)  # noqa: E731
    return small(t) | (n.notna() & (n < r.min_noemer)) | (n.notna() & small(n - t))


@pytest.fixture(scope="module")
def sample_cells(sample_path) -> pd.DataFrame:
    import duckdb

    with duckdb.connect(str(sample_path), read_only=True) as con:
        return con.execute(
            "select gemeente_code, periode, indicator, doelgroep, teller, noemer from waarnemingen"
        ).df()


@pytest.mark.parametrize("fmt", ALL)
def test_every_small_roma_cell_of_the_sample_is_suppressed(sample_extracts, sample_cells, fmt):
    key = ["gemeente_code", "periode", "indicator", "doelgroep"]
    roma = sample_cells[sample_cells["doelgroep"] == "roma"]
    small = roma[_fails_contract_rule(roma["teller"], roma["noemer"]).to_numpy()]
    assert len(small) > 100  # the sample has small cells, so this test can fail
    got = frame(sample_extracts[fmt].data, fmt).merge(small[key], on=key, how="inner")
    assert len(got) == len(small)
    assert got["onderdrukt"].astype(bool).all()
    assert got[["teller", "noemer", "waarde"]].isna().all().all()


@pytest.mark.parametrize("fmt", ALL)
def test_no_published_roma_figure_breaks_the_rule(sample_extracts, fmt):
    got = frame(sample_extracts[fmt].data, fmt)
    shown = got[(got["doelgroep"] == "roma") & ~got["onderdrukt"].astype(bool)]
    assert len(shown) > 1000
    assert not _fails_contract_rule(shown["teller"], shown["noemer"]).any()


def test_a_totaal_that_would_give_back_a_suppressed_roma_count_is_suppressed(crafted_extracts):
    got = frame(crafted_extracts["csv"].data, "csv").set_index(["indicator", "doelgroep", "periode"])
    assert got.loc[("meldingen_huwelijksdwang", "roma", "2016"), "onderdrukt"]
    totaal = got.loc[("meldingen_huwelijksdwang", "totaal", "2016")]
    assert totaal["onderdrukt"] and pd.isna(totaal["teller"]) and pd.isna(totaal["waarde"])
    assert not got.loc[("meldingen_huwelijksdwang", "totaal", "2010"), "onderdrukt"]
    assert not got.loc[("bijstand", "totaal", "2010"), "onderdrukt"]  # large totaal beside small roma


def test_the_nulmeting_of_a_suppressed_baseline_cell_is_empty_on_every_row(crafted_db, tmp_path):
    from pipeline.extracts import Filters, extract

    for filters in (Filters(), Filters(van=2015)):  # also when the baseline row is not in the extract
        result = extract(crafted_db, tmp_path / str(filters.van), "csv", filters)
        got = frame(result.data, "csv").set_index(["indicator", "doelgroep", "periode"])
        row = got.loc[("bijstand", "roma", "2016")]
        assert row["nulmeting_periode"] == "2010" and row["nulmeting_onderdrukt"]
        assert pd.isna(row["nulmeting_waarde"]) and row["waarde"] == 30.0
        assert got.loc[("bijstand", "totaal", "2016"), "nulmeting_waarde"] == 5.0


def test_suppression_does_not_depend_on_the_filters(sample_path, sample_extracts, tmp_path):
    from pipeline.extracts import Filters, extract

    full = frame(sample_extracts["parquet"].data, "parquet")
    part = frame(
        extract(
            sample_path,
            tmp_path,
            "parquet",
            Filters(gemeenten=("GM0228",), domeinen=("veiligheid",), van=2016),
        ).data,
        "parquet",
    )
    key = ["gemeente_code", "periode", "indicator", "doelgroep"]
    same = full.merge(part[key], on=key).sort_values(key).reset_index(drop=True)
    assert len(same) == len(part) > 0
    pd.testing.assert_frame_equal(part.sort_values(key).reset_index(drop=True), same)


@pytest.mark.parametrize("fmt", ALL)
def test_formula_text_from_a_delivery_is_neutralised_in_every_format(crafted_extracts, fmt):
    cells = text_cells(crafted_extracts[fmt].data, fmt)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for bron in FORMULA_BRON.values():
        assert "'" + bron in cells, bron  # kept, readable, and harmless
    assert "Veiligheidshuis; politie" in cells  # a separator inside text survives the round trip


@pytest.mark.parametrize("fmt", ALL)
def test_opmerking_never_leaves_the_database(crafted_db, crafted_extracts, fmt):
    import duckdb

    con = duckdb.connect(str(crafted_db), read_only=True)
    assert con.execute("select count(*) from waarnemingen where opmerking = ?", [SECRET]).fetchall() == [(1,)]
    con.close()
    folder = crafted_extracts[fmt].data.parent
    for path in folder.iterdir():
        assert SECRET.encode() not in path.read_bytes(), path.name
    assert "opmerking" not in frame(crafted_extracts[fmt].data, fmt).columns


@pytest.mark.parametrize("fmt", ALL)
def test_a_synthetic_build_says_so_in_every_extract(sample_extracts, crafted_extracts, fmt):
    synthetic = frame(sample_extracts[fmt].data, fmt)["synthetisch"].astype(bool)
    measured = frame(crafted_extracts[fmt].data, fmt)["synthetisch"].astype(bool)
    assert synthetic.all() and not measured.any()
    for result, expected in ((sample_extracts[fmt], True), (crafted_extracts[fmt], False)):
        package = json.loads(result.descriptor.read_text(encoding="utf-8"))
        assert package["synthetisch"] is expected
        assert ("SYNTHETISCH" in package["title"]) is expected
        assert ("SYNTHETISCHE GEGEVENS" in package["description"]) is expected


def test_the_xlsx_notes_open_with_the_synthetic_warning_in_red(sample_extracts, crafted_extracts):
    first = load_workbook(sample_extracts["xlsx"].data)[SHEET_NOTES]["B1"]
    assert first.value.startswith("SYNTHETISCHE GEGEVENS") and first.font.color.rgb.endswith("C00000")
    assert not load_workbook(crafted_extracts["xlsx"].data)[SHEET_NOTES]["B1"].value.startswith("SYNTH")


def test_numbers_in_the_extract_are_the_database_figures(crafted_db, crafted_extracts):
    import duckdb

    con = duckdb.connect(str(crafted_db), read_only=True)
    db = con.execute("select gemeente_code, indicator, doelgroep, periode, waarde from waarnemingen").df()
    con.close()
    key = ["gemeente_code", "indicator", "doelgroep", "periode"]
    got = frame(crafted_extracts["csv-nl"].data, "csv-nl").merge(db, on=key, suffixes=("", "_db"))
    shown = got[~got["onderdrukt"]]
    assert len(got) == len(db) and len(shown) > 1000
    # rounded to 4 decimals, no other change; empty where the database has no value either
    assert np.allclose(shown["waarde"], shown["waarde_db"], rtol=0, atol=0.50001e-4, equal_nan=True)
