"""Dashboard downloads (issue 4) use the extract's code: same rows, same bytes."""

from __future__ import annotations

import io

import duckdb
import pandas as pd
import pytest

from pipeline.extracts import Filters, csv_nl_bytes, extract, figures_frame
from tests.extracts.conftest import SECRET


@pytest.fixture
def crafted_con(crafted_db):
    con = duckdb.connect(str(crafted_db), read_only=True)
    yield con
    con.close()


def test_a_download_of_a_view_is_the_csv_nl_extract_of_that_view(sample_path, sample_db, tmp_path):
    view = Filters(gemeenten=("GM0228",), indicatoren=("absoluut_verzuim", "bijstand"))
    expected = extract(sample_path, tmp_path, "csv-nl", view).data.read_bytes()
    assert csv_nl_bytes(figures_frame(sample_db, view)) == expected


def _read(data: bytes) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(data),
        sep=";",
        decimal=",",
        encoding="utf-8-sig",
        dtype={"periode": str},
        true_values=["ja"],
        false_values=["nee"],
    )


def test_a_subset_of_the_rows_keeps_its_suppression(crafted_con):
    figures = figures_frame(crafted_con, Filters(gemeenten=("GM0228",)))
    only_totaal = figures[figures["doelgroep"] == "totaal"]  # the roma rows are not in this view
    got = _read(csv_nl_bytes(only_totaal)).set_index(["indicator", "periode"])
    row = got.loc[("meldingen_huwelijksdwang", "2016")]
    assert row["onderdrukt"] and row[["teller", "noemer", "waarde"]].isna().all()
    assert got.loc[("meldingen_huwelijksdwang", "2010"), "teller"] == 14


def test_a_frame_with_extra_columns_loses_them_and_its_text_is_made_safe(crafted_con):
    figures = figures_frame(crafted_con, Filters(gemeenten=("GM0228",), indicatoren=("bijstand",)))
    small = figures.set_index(["doelgroep", "periode"]).loc[("roma", "2010")]
    assert small["onderdrukt"] and small[["teller", "noemer", "waarde"]].isna().all()  # as published
    raw = crafted_con.execute("""
        select periode, doelgroep, opmerking
        from waarnemingen where gemeente_code = 'GM0228' and indicator = 'bijstand'
    """).df()
    extra = figures.merge(raw, on=["periode", "doelgroep"])
    assert extra["opmerking"].eq(SECRET).any()
    text = csv_nl_bytes(extra).decode("utf-8-sig")
    assert SECRET not in text and "opmerking" not in text.splitlines()[0]
    assert all(
        not cell.startswith(("=", "+", "-", "@")) for line in text.splitlines() for cell in line.split(";")
    )


def test_a_frame_without_the_extract_columns_is_refused(crafted_con):
    figures = figures_frame(crafted_con)
    with pytest.raises(ValueError, match="synthetisch"):
        csv_nl_bytes(figures.drop(columns=["synthetisch"]))
