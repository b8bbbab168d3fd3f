"""Every format written, read back, judged by frictionless, and the same bytes every time."""

from __future__ import annotations

import contextlib
import json
import warnings
from collections.abc import Iterator

import frictionless
import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline.extracts import FORMATS, extract
from pipeline.extracts.codebook import COLUMNS, NAMES, PRIMARY_KEY
from pipeline.extracts.formats import SHEET_CODEBOOK, SHEET_FIGURES, SHEET_NOTES
from tests.extracts.readback import frame

ALL = list(FORMATS)


def _validate(descriptor):
    with _python_strings():
        report = frictionless.validate(str(descriptor))
    return report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@contextlib.contextmanager
def _python_strings() -> Iterator[None]:
    """frictionless reads a parquet resource into pandas and turns each row into a dict once per
    cell; with pandas 3's Arrow-backed text columns that takes three times as long as with Python
    strings. The file read and every check made on its cells are the same either way. (Where pandas
    no longer has the option, nothing changes.)"""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the option is deprecated in pandas 3
        try:
            pd.get_option("future.infer_string")
            context = pd.option_context("future.infer_string", False)
        except pd.errors.OptionError:
            context = contextlib.nullcontext()
        with context:
            yield


@pytest.mark.parametrize("fmt", ALL)
def test_every_format_reads_back_to_the_same_figures(sample_extracts, fmt):
    reference = frame(sample_extracts["parquet"].data, "parquet")
    got = frame(sample_extracts[fmt].data, fmt)
    assert list(got.columns) == list(NAMES)
    assert len(got) == len(reference) == sample_extracts[fmt].rows > 10_000
    for c in COLUMNS:
        a, b = got[c.name], reference[c.name]
        if c.type == "number":
            assert ((a.astype(float) - b.astype(float)).abs().fillna(0) < 1e-9).all(), c.name
            assert (a.isna() == b.isna()).all(), c.name
        else:
            assert (
                a.astype(object).where(a.notna(), None).tolist()
                == b.astype(object).where(b.notna(), None).tolist()
            ), c.name


@pytest.mark.parametrize("fmt", ALL)
def test_frictionless_validates_the_datapackage(sample_extracts, fmt):
    valid, errors = _validate(sample_extracts[fmt].descriptor)
    assert valid, errors


def test_frictionless_is_a_real_judge(sample_extracts, tmp_path):
    """A number in the wrong notation, or a changed byte, fails validation: the check can fail."""
    import shutil

    for fmt in ("csv", "csv-nl"):
        target = tmp_path / fmt
        shutil.copytree(sample_extracts[fmt].descriptor.parent, target)
        data = target / FORMATS[fmt].filename
        text = data.read_bytes().decode("utf-8")
        wrong = "19,2308" if fmt == "csv" else "19.2308"  # the other dialect's decimal separator
        right = "19.2308" if fmt == "csv" else "19,2308"
        assert right in text
        data.write_bytes(text.replace(right, wrong, 1).encode("utf-8"))
        package = json.loads((target / "datapackage.json").read_text())
        del package["resources"][0]["hash"], package["resources"][0]["bytes"]
        (target / "datapackage.json").write_text(json.dumps(package))
        valid, errors = _validate(target / "datapackage.json")
        assert not valid and any(e[2] in ("type-error", "constraint-error") for e in errors), (fmt, errors)


def test_csv_nl_opens_right_in_dutch_excel(sample_extracts):
    raw = sample_extracts["csv-nl"].data.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a BOM
    header, first = raw[3:].decode("utf-8").splitlines()[:2]
    assert header == ";".join(NAMES)
    assert "," in first.split(";")[NAMES.index("waarde")]
    assert first.split(";")[NAMES.index("synthetisch")] == "ja"
    assert "." not in first.split(";")[NAMES.index("waarde")]


def test_csv_is_plain_utf8_with_comma_and_decimal_point(sample_extracts):
    raw = sample_extracts["csv"].data.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    header, first = raw.decode("utf-8").splitlines()[:2]
    assert header == ",".join(NAMES)
    assert "." in first.split(",")[NAMES.index("waarde")]
    assert first.split(",")[NAMES.index("onderdrukt")] in ("true", "false")


def test_xlsx_has_figures_codebook_and_notes_with_numbers_as_numbers(sample_extracts):
    wb = load_workbook(sample_extracts["xlsx"].data)
    assert wb.sheetnames == [SHEET_FIGURES, SHEET_CODEBOOK, SHEET_NOTES]
    ws = wb[SHEET_FIGURES]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:V{ws.max_row}"
    assert [c.value for c in ws[1]] == list(NAMES) and all(c.font.b for c in ws[1])
    published = next(r for r in ws.iter_rows(min_row=2) if r[NAMES.index("teller")].value is not None)
    assert isinstance(published[NAMES.index("teller")].value, int)
    assert isinstance(published[NAMES.index("waarde")].value, float)
    assert isinstance(published[NAMES.index("onderdrukt")].value, bool)
    codebook = [r[0] for r in wb[SHEET_CODEBOOK].iter_rows(min_row=2, values_only=True)]
    assert codebook == list(NAMES)


def test_parquet_is_typed_per_the_codebook(sample_extracts):
    import pyarrow.parquet as pq

    schema = pq.read_schema(sample_extracts["parquet"].data)
    assert [(f.name, str(f.type)) for f in schema] == [(c.name, str(c.arrow)) for c in COLUMNS]
    assert schema.metadata[b"synthetisch"] == b"true"
    assert schema.metadata[b"manifest_id"].decode() == sample_extracts["parquet"].release.manifest_id


@pytest.mark.parametrize("fmt", ALL)
def test_two_runs_give_byte_identical_files(sample_path, sample_extracts, tmp_path, fmt):
    again = extract(sample_path, tmp_path / fmt, fmt)
    first = sample_extracts[fmt]
    assert again.data.read_bytes() == first.data.read_bytes()
    assert again.descriptor.read_bytes() == first.descriptor.read_bytes()


def test_a_rebuild_of_the_same_deliveries_gives_the_same_extract(make_raw, tmp_path):
    from pipeline.run import run
    from tests.conftest import csv_delivery, quiet

    raw = make_raw(
        {
            "GM0228/2017-01-01_x.csv": csv_delivery(
                "GM0228;2016;bijstand;roma;30;100;x;;", "GM0228;2010;bijstand;roma;3;100;x;;"
            )
        }
    )
    outputs = []
    for n in (1, 2):
        run(raw, tmp_path / f"build{n}", quiet())
        outputs.append(
            {
                fmt: extract(tmp_path / f"build{n}" / "monitor.duckdb", tmp_path / f"x{n}" / fmt, fmt)
                for fmt in ALL
            }
        )
    for fmt in ALL:
        assert outputs[0][fmt].data.read_bytes() == outputs[1][fmt].data.read_bytes(), fmt
        assert outputs[0][fmt].descriptor.read_bytes() == outputs[1][fmt].descriptor.read_bytes(), fmt


def test_datapackage_describes_every_field_the_key_the_sources_and_the_release(sample_extracts, sample_db):
    package = json.loads(sample_extracts["csv-nl"].descriptor.read_text(encoding="utf-8"))
    resource = package["resources"][0]
    fields = resource["schema"]["fields"]
    assert [f["name"] for f in fields] == list(NAMES)
    assert all(f["type"] and f["description"] and f["unit"] for f in fields)
    assert resource["schema"]["primaryKey"] == list(PRIMARY_KEY)
    assert resource["dialect"]["delimiter"] == ";"
    assert {f["name"]: f.get("decimalChar") for f in fields}["waarde"] == ","
    assert package["manifest_id"] == sample_db.execute("select id from manifest").fetchall()[0][0]
    assert package["synthetisch"] is True and "SYNTHETISCH" in package["title"]
    cbs = [s for s in package["sources"] if s.get("attribution")]
    assert cbs and all(s["attribution"] == "Bron: CBS / PDOK" for s in cbs)
    assert all(s["licenses"][0]["name"] == "CC-BY-4.0" for s in cbs)


def test_an_extract_folder_holds_one_extract(sample_path, tmp_path):
    extract(sample_path, tmp_path, "parquet")
    extract(sample_path, tmp_path, "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datapackage.json", "monitor-inclusie-roma.csv"]
