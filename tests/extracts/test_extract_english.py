"""`extract --taal en` (issue 17): the codebook of datapackage.json in English, from the catalogue;
the data themselves do not change with the language."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.extracts import FORMATS, extract
from pipeline.extracts.codebook import COLUMNS
from pipeline.i18n import codebook as en
from tests.extracts.test_extract_formats import _validate


def test_every_column_and_format_of_the_codebook_has_english():
    assert set(en.COLUMNS) == {c.name for c in COLUMNS}
    assert set(en.FORMATS) == set(FORMATS)
    for name, (title, description, unit) in en.COLUMNS.items():
        dutch = next(c for c in COLUMNS if c.name == name)
        assert title and description and unit, name
        assert title != dutch.title or title in ("Indicator", "Status"), name


@pytest.mark.parametrize("fmt", ["csv-nl", "xlsx"])
def test_english_codebook_same_data_valid_package(sample_build, sample_extracts, tmp_path, fmt):
    result = extract(sample_build[1], tmp_path / fmt, fmt, taal="en")
    nl_package = json.loads(sample_extracts[fmt].descriptor.read_bytes())
    en_package = json.loads(result.descriptor.read_bytes())
    assert result.data.read_bytes() == sample_extracts[fmt].data.read_bytes()
    assert en_package["title"].startswith(en.TITLE)
    assert ("SYNTHETIC DATA" in en_package["title"]) == nl_package["synthetisch"]
    nl_fields = nl_package["resources"][0]["schema"]["fields"]
    en_fields = en_package["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in en_fields] == [f["name"] for f in nl_fields]
    for f_nl, f_en in zip(nl_fields, en_fields, strict=True):
        assert (f_en["title"], f_en["description"], f_en["unit"]) == en.COLUMNS[f_en["name"]]
        assert {k: v for k, v in f_en.items() if k not in ("title", "description", "unit")} == {
            k: v for k, v in f_nl.items() if k not in ("title", "description", "unit")
        }
    valid, errors = _validate(result.descriptor)
    assert valid, errors


def test_extract_cli_takes_a_language(sample_build, tmp_path):
    assert (
        main(["extract", "--db", str(sample_build[1]), "--out", str(tmp_path), "--taal", "en", "--stil"]) == 0
    )
    assert json.loads((tmp_path / "datapackage.json").read_bytes())["title"].startswith(en.TITLE)
    with pytest.raises(SystemExit) as e:
        main(["extract", "--db", str(sample_build[1]), "--out", str(tmp_path), "--taal", "de"])
    assert e.value.code == 2
