"""Shared fixtures: small raw folders made by the tests themselves, and builds of them."""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import duckdb
import pytest
from hypothesis import settings

import pipeline.run as _run_module
from pipeline.config import REFERENCE_DIR, load_settings
from pipeline.progress import Progress
from pipeline.run import RunResult

PROJECT = Path(__file__).resolve().parents[1]
SHIPPED_RAW = PROJECT / "data" / "raw"
T = TypeVar("T")
HEADER = "gemeente_code;periode;indicator;doelgroep;teller;noemer;bron;peildatum;opmerking"


# Every build made by the tests is counted (CLI builds included; subprocesses are not; an xdist
# worker hands its count to the controller), so the terminal summary can say how often the sample
# was built: once per run is the aim.
BUILDS = {"alle": 0, "steekproef": 0}
_real_run = _run_module.run


def run(raw_dir: Path, out_dir: Path, progress: Progress | None = None) -> RunResult:
    """`pipeline.run.run`, counted."""
    BUILDS["alle"] += 1
    if Path(raw_dir).resolve() == SHIPPED_RAW.resolve():
        BUILDS["steekproef"] += 1
    return _real_run(raw_dir, out_dir, progress)


_run_module.run = run  # before the test modules import it


# Where the time goes: seconds (setup + call + teardown) per worker and per test file, summed from
# the reports, so that a run says how its workers were loaded and which files weigh most.
SPENT: dict[str, dict[str, float]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    node = getattr(report, "node", None)  # set by pytest-xdist on the controller
    worker = node.gateway.id if node is not None else "-"
    file = report.nodeid.split("::")[0]
    per_file = SPENT.setdefault(worker, {})
    per_file[file] = per_file.get(file, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    """On an xdist worker: hand its count of builds to the controller (`pytest_testnodedown`)."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["builds"] = dict(BUILDS)


def pytest_testnodedown(node: object, error: object) -> None:
    for key, n in getattr(node, "workeroutput", {}).get("builds", {}).items():
        BUILDS[key] += n


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.write_line(
        f"builds in this run: {BUILDS['alle']}, of the shipped sample: {BUILDS['steekproef']}"
    )
    if not SPENT:
        return
    busy = ", ".join(f"{w} {sum(f.values()):.0f} s ({len(f)} files)" for w, f in sorted(SPENT.items()))
    terminalreporter.write_line(f"time in tests per worker: {busy}")
    files: dict[str, float] = {}
    for per_file in SPENT.values():
        for file, seconds in per_file.items():
            files[file] = files.get(file, 0.0) + seconds
    heaviest = sorted(files.items(), key=lambda kv: -kv[1])[:12]
    terminalreporter.write_line(
        "heaviest files: " + ", ".join(f"{f.removeprefix('tests/')} {s:.0f} s" for f, s in heaviest)
    )


# How `make test` (`-n auto --dist loadfile`) spreads the suite over its workers. A unit of work is
# a test file, kept on one worker (its module fixtures are made once), except the heavy tests of
# OWN_UNITS, each a unit of its own (they share nothing with the rest of their file but the session
# fixtures, which every worker makes anyway). The units are handed out heaviest first, so that no
# long unit starts last while the other worker runs out of work: OWN_UNITS in their order (heaviest
# first), then units with `slow` tests (most first), then those with `browser` tests, then the rest
# by their number of tests. pytest-xdist's own `loadgroup` cannot do this here: with pytest 9 it
# drops the group from the test's id.
OWN_UNITS = (
    "tests/test_publication.py::test_the_national_sample_builds_and_passes_the_audit",
    "tests/dashboard/test_fit.py::test_no_page_scrolls_sideways_axe_finds_nothing_charts_have_captions[",
    "tests/dashboard/test_fit.py::test_one_back_press_from_every_entry_route",
    "tests/dashboard/test_fit.py::test_keyboard_alone_reaches_every_control_and_changes_a_filter",
)


def unit_of(nodeid: str) -> str:
    """The unit of work a test belongs to: its file, or itself when it is one of OWN_UNITS."""
    return nodeid if nodeid.startswith(OWN_UNITS) else nodeid.split("::", 1)[0]


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """`--dist loadfile` with the units of `unit_of`, in the order the workers collected them."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Units(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid)

    config.option.loadscopereorder = False  # keep the heaviest-first order of the collection
    return Units(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On an xdist worker: the units of `unit_of`, heaviest first (within a unit the file's order)."""
    if not hasattr(config, "workerinput"):
        return
    units: dict[str, list[pytest.Item]] = {}
    for item in items:
        units.setdefault(unit_of(item.nodeid), []).append(item)

    def weight(unit: list[pytest.Item]) -> tuple[int, int, int, int]:
        own = next((n for n, prefix in enumerate(OWN_UNITS) if unit[0].nodeid.startswith(prefix)), None)
        slow = sum(1 for i in unit if i.get_closest_marker("slow"))
        browser = sum(1 for i in unit if i.get_closest_marker("browser"))
        return (len(OWN_UNITS) if own is None else own, -slow, -browser, -len(unit))

    items[:] = [item for unit in sorted(units.values(), key=weight) for item in unit]


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


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """`make(folder)` once per test run, its result shared: under pytest-xdist by every worker (the
    first to need it makes it in the run's temporary folder, under a lock; the others wait for it and
    get the same result, pickled), else once in this process's temporary folder."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above every worker's own
    with open(shared / f"{name}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / f"{name}.pickle"
        if not done.exists():
            folder = shared / name
            folder.mkdir()
            done.write_bytes(pickle.dumps(make(folder)))
        return pickle.loads(done.read_bytes())


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunResult, Path]]:
    """The shipped sample built once per session (with pytest-xdist: once for every worker) into a
    temporary folder, shared by every test (the dashboard's and the extracts' too). Read-only: a
    test that changes it must work on a copy (`sample_copy`); the session fails at the end if the
    shared file was changed."""
    result = once_per_run(tmp_path_factory, "sample-build", lambda out: run(SHIPPED_RAW, out, quiet()))
    database = result.database
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
