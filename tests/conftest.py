"""Shared fixtures: small raw folders made by the tests themselves, and builds of them."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import settings

import pipeline.run as _run_module
from pipeline.config import REFERENCE_DIR, load_settings
from pipeline.progress import Progress
from pipeline.run import RunResult

PROJECT = Path(__file__).resolve().parents[1]
SHIPPED_RAW = PROJECT / "data" / "raw"
HEADER = "gemeente_code;periode;indicator;doelgroep;teller;noemer;bron;peildatum;opmerking"


# Every build made in this test process is counted (CLI builds included; subprocesses are not), so
# the terminal summary can say how often the sample was built: once per session is the aim.
BUILDS = {"alle": 0, "steekproef": 0}
_real_run = _run_module.run


def run(raw_dir: Path, out_dir: Path, progress: Progress | None = None) -> RunResult:
    """`pipeline.run.run`, counted."""
    BUILDS["alle"] += 1
    if Path(raw_dir).resolve() == SHIPPED_RAW.resolve():
        BUILDS["steekproef"] += 1
    return _real_run(raw_dir, out_dir, progress)


_run_module.run = run  # before the test modules import it


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.write_line(
        f"builds in this process: {BUILDS['alle']}, of the shipped sample: {BUILDS['steekproef']}"
    )


def quiet() -> Progress:
    return Progress(quiet=True)


@pytest.fixture(scope="session")
def reference_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own reference data (not ../shared), copied once per session."""
    target = tmp_path_factory.mktemp("reference") / REFERENCE_DIR
    shutil.copytree(SHIPPED_RAW / REFERENCE_DIR, target)
    return target


@pytest.fixture
def make_raw(tmp_path: Path, reference_copy: Path) -> Callable[..., Path]:
    """Write a raw folder: reference data plus the given deliveries {relative path: text or bytes}."""

    def _make(deliveries: dict[str, str | bytes], name: str = "raw") -> Path:
        raw = tmp_path / name
        shutil.copytree(reference_copy, raw / REFERENCE_DIR)
        for rel, content in deliveries.items():
            path = raw / "leveringen" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        (raw / "leveringen").mkdir(exist_ok=True)
        return raw

    return _make


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., tuple[RunResult, duckdb.DuckDBPyConnection]]:
    """Run the pipeline on a raw folder into a fresh output folder; returns the result and a
    read-only connection to the new database (closed after the test)."""
    opened: list[duckdb.DuckDBPyConnection] = []

    def _build(raw: Path, out: Path | None = None) -> tuple[RunResult, duckdb.DuckDBPyConnection]:
        out = out or tmp_path / "out"
        result = run(raw, out, quiet())
        con = duckdb.connect(str(out / "monitor.duckdb"), read_only=True)
        opened.append(con)
        return result, con

    yield _build
    for con in opened:
        con.close()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunResult, Path]]:
    """The shipped sample built once per session into a temporary folder, shared by every test
    (the dashboard's and the extracts' too). Read-only: a test that changes it must work on a copy
    (`sample_copy`); the session fails at the end if the shared file was changed."""
    out = tmp_path_factory.mktemp("sample-build")
    result = run(SHIPPED_RAW, out, quiet())
    database = out / "monitor.duckdb"
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    yield result, database
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before, (
        "a test changed the shared sample build"
    )


@pytest.fixture
def sample_copy(sample_build: tuple[RunResult, Path], tmp_path: Path) -> Path:
    """A writable copy of the shared sample build, for a test that changes it."""
    target = tmp_path / "monitor.duckdb"
    shutil.copyfile(sample_build[1], target)
    return target


@pytest.fixture(scope="session")
def sample_path(sample_build: tuple[RunResult, Path]) -> Path:
    """The path of the shared sample build (for what opens the file itself: the dashboard, the CLI)."""
    return sample_build[1]


@pytest.fixture
def sample_db(sample_build: tuple[RunResult, Path]) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the shared sample build (one name, one meaning in every folder)."""
    con = duckdb.connect(str(sample_build[1]), read_only=True)
    yield con
    con.close()


def csv_delivery(*rows: str, header: str = HEADER) -> str:
    """A small semicolon CSV delivery."""
    return "\n".join([header, *rows]) + "\n"


def small_sql(teller: str, noemer: str, low: int = 1) -> str:
    """The primary disclosure rule written out by the tests themselves (their own oracle), with the
    thresholds of settings.toml: teller `low`–max, noemer below the minimum, or noemer − teller
    `low`–max. With `low=0`: the totaal rule beside a suppressed roma cell."""
    r = load_settings().onthulling
    return (
        f"(coalesce({teller} between {low} and {r.teller_max} or {noemer} < {r.min_noemer} "
        f"or {noemer} - {teller} between {low} and {r.teller_max}, false))"
    )


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


# Property tests judge correctness, never speed: no per-example deadline (a cold first call on a
# loaded CI machine is not a failure).
settings.register_profile("monitor", deadline=None)
settings.load_profile("monitor")
