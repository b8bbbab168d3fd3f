"""Fixtures for the extract tests: the shipped sample and a small build of crafted deliveries,
each extracted once per run in every format (shared by the xdist workers)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.config import REFERENCE_DIR
from pipeline.extracts import FORMATS, extract
from pipeline.extracts.run import ExtractResult
from pipeline.run import run
from tests.conftest import csv_delivery, once_per_run, quiet

# Text a municipality might type in `bron`: each would run as a formula in a spreadsheet.
FORMULA_BRON = {
    ("bijstand", "roma", "2010"): '=HYPERLINK("http://voorbeeld.nl";"klik")',
    ("bijstand", "totaal", "2010"): "+ aanvullende bron",
    ("bijstand", "roma", "2016"): "-2+3",
    ("bijstand", "totaal", "2016"): "@SUM(A1:A9)",
    ("arbeidsparticipatie", "roma", "2016"): "=1+1",
    # xlsxwriter writes a text of this shape into the sheet as XML (its rich strings)
    ("arbeidsparticipatie", "totaal", "2016"): "<r><t>x</t></r><r><rPr><b/></rPr><t>eigen XML</t></r>",
}
SECRET = "GEHEIME-OPMERKING-7Q"  # an opmerking that must never leave the database


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def crafted_delivery() -> str:
    """Ede (proeftuin from 2011, nulmeting 2010): small cells, formula text, an opmerking."""
    rows = [
        ("bijstand", "roma", "2010", "3", "100"),  # suppressed, and so is the nulmeting of 2016
        ("bijstand", "totaal", "2010", "3000", "60000"),
        ("bijstand", "roma", "2016", "30", "100"),
        ("bijstand", "totaal", "2016", "2900", "60000"),
        ("meldingen_huwelijksdwang", "roma", "2010", "12", ""),
        ("meldingen_huwelijksdwang", "totaal", "2010", "14", ""),
        ("meldingen_huwelijksdwang", "roma", "2016", "2", ""),  # suppressed
        ("meldingen_huwelijksdwang", "totaal", "2016", "3", ""),  # would give the 2 of roma away
        ("arbeidsparticipatie", "roma", "2016", "40", "100"),
        ("arbeidsparticipatie", "totaal", "2016", "40000", "70000"),
    ]
    lines = []
    for indicator, doelgroep, periode, teller, noemer in rows:
        bron = FORMULA_BRON.get((indicator, doelgroep, periode), "Veiligheidshuis; politie")
        opmerking = SECRET if (indicator, doelgroep, periode) == ("bijstand", "roma", "2016") else ""
        lines.append(
            ";".join(["GM0228", periode, indicator, doelgroep, teller, noemer, _quote(bron), "", opmerking])
        )
    return csv_delivery(*lines)


@pytest.fixture(scope="session")
def crafted_db(tmp_path_factory: pytest.TempPathFactory, reference_copy: Path) -> Path:
    """A build (not synthetic) of one crafted delivery, made by the test itself (once per run)."""

    def make(folder: Path) -> Path:
        raw = folder / "raw"
        shutil.copytree(reference_copy, raw / REFERENCE_DIR)
        delivery = raw / "leveringen" / "GM0228" / "2017-03-01_formules.csv"
        delivery.parent.mkdir(parents=True)
        delivery.write_text(crafted_delivery(), encoding="utf-8")
        result = run(raw, folder / "out", quiet())
        assert result.clean, (result.refused, result.quarantined)
        return result.database

    return once_per_run(tmp_path_factory, "crafted-build", make)


def _all_formats(db: Path, out: Path) -> dict[str, ExtractResult]:
    return {fmt: extract(db, out / fmt, fmt) for fmt in FORMATS}


@pytest.fixture(scope="session")
def sample_extracts(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ExtractResult]:
    """The shared sample build extracted in every format, once per run (read-only)."""
    return once_per_run(tmp_path_factory, "sample-extracts", lambda out: _all_formats(sample_path, out))


@pytest.fixture(scope="session")
def crafted_extracts(crafted_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ExtractResult]:
    """The crafted build extracted in every format, once per run (read-only)."""
    return once_per_run(tmp_path_factory, "crafted-extracts", lambda out: _all_formats(crafted_db, out))
