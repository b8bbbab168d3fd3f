"""Fixtures for the dashboard tests: a database built by the tests themselves, once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.progress import Progress
from pipeline.run import run

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample, built into a temporary folder (never data/processed)."""
    out = tmp_path_factory.mktemp("processed")
    result = run(raw_dir=ROOT / "data" / "raw", out_dir=out, progress=Progress(quiet=True))
    return result.database


@pytest.fixture(scope="session")
def app(sample_db: Path):
    """The Dash app on the sample database (one per session: pages register themselves once)."""
    from dashboard.app import create_app

    return create_app(sample_db, warm=False)
