"""Fixtures for the dashboard tests: a database built by the tests themselves, once per session."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.conftest import small_sql

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def app(sample_path: Path):
    """The Dash app on the sample database (one per session: pages register themselves once)."""
    from dashboard.app import create_app

    return create_app(sample_path, warm=False)


@pytest.fixture(scope="session")
def suppressed_pilot_gaps(sample_path: Path) -> pd.DataFrame:
    """Pilots whose gap roma − totaal may not be published: a roma cell at baseline or latest is
    suppressed (decided here from the raw cells, not by the code under test)."""
    hidden = " or ".join(
        small_sql(f"k.{p}_roma_teller", f"k.{p}_roma_noemer") for p in ("nulmeting", "laatste")
    )
    with duckdb.connect(str(sample_path), read_only=True) as con:
        return con.execute(f"""
            select k.indicator, i.domein, g.gemeente_naam, k.voortgang, k.laatste_kloof
            from kloof k join gemeenten g using (gemeente_code) join indicatoren i using (indicator)
            where g.proeftuin and ({hidden}) and k.voortgang is not null
            order by k.indicator, g.gemeente_naam
        """).df()
