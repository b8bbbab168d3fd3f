"""One build: its inputs, its scratch space, its connection, and the lock that keeps builds apart.

A build works in a scratch folder and a temporary database beside `monitor.duckdb`; only a
complete build replaces the published database (see `stages/publish.py`). Leftovers of a killed
build are swept by the next one.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline import sqlfiles
from pipeline.config import (
    DELIVERIES_DIR,
    REFERENCE_DIR,
    Reference,
    Settings,
    load_reference,
    load_settings,
)
from pipeline.progress import Progress

DATABASE = "monitor.duckdb"
MANIFEST = "manifest.json"
LOCK = ".monitor.lock"
WORK_PREFIX = ".work-"
JSON_TMP_PREFIX = ".manifest.json.tmp-"
TMP_PREFIX = ".monitor.duckdb.tmp-"
RAM_DISK = "/dev/shm"
MIN_RAM_FREE = 2 * 1024**3  # bytes; with less, work beside the output instead


@dataclass
class Build:
    raw_dir: Path
    out_dir: Path
    reference_dir: Path
    ref: Reference
    settings: Settings
    con: duckdb.DuckDBPyConnection
    work_dir: Path
    progress: Progress
    started: float = field(default_factory=time.time)
    notes: list[str] = field(default_factory=list)

    def model(self, name: str, params: Mapping[str, object] | None = None, catalog: str | None = None) -> int:
        """Materialise a SQL model, timed; returns its row count."""
        with self.progress.step(name):
            return sqlfiles.materialise(self.con, name, params or {}, catalog)

    @property
    def deliveries_dir(self) -> Path:
        return self.raw_dir / DELIVERIES_DIR

    @property
    def database(self) -> Path:
        return self.out_dir / DATABASE

    @property
    def temporary_database(self) -> Path:
        return self.out_dir / f"{TMP_PREFIX}{os.getpid()}"


def resolve_reference_dir(raw_dir: Path) -> Path:
    """`<raw>/reference`, or the project's own reference data when a raw folder has none."""
    own = Path(raw_dir) / REFERENCE_DIR
    if own.is_dir():
        return own
    return Path(__file__).resolve().parents[1] / "data" / "raw" / REFERENCE_DIR


@contextmanager
def exclusive(out_dir: Path, progress: Progress) -> Iterator[None]:
    """Hold the build lock of an output folder; a second build waits until the first is done."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress.say(f"Er loopt al een build in {out_dir}; deze build wacht tot die klaar is …")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            sweep(out_dir)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sweep(out_dir: Path) -> None:
    """Remove the scratch folders and temporary databases of builds that were killed.

    Called while holding the build lock, so nothing of this output folder is in use."""
    for path in out_dir.iterdir():
        if path.name.startswith((WORK_PREFIX, TMP_PREFIX, JSON_TMP_PREFIX)):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
    ram = _ram_root()
    if ram is not None and ram.is_dir():
        for path in ram.glob(f"{_scratch_tag(out_dir)}-*"):
            shutil.rmtree(path, ignore_errors=True)
    sweep_dead()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_dead() -> None:
    """Remove every working folder whose process is gone (killed, even with kill -9), whatever
    output folder it worked for: a build's or a `check`'s in RAM, and a `check`'s temporary
    folder. Working folders hold delivered values, personal data included for a moment; none
    outlives the next run."""
    roots = [
        (r, re.compile(r"^[0-9a-f]{12}-([0-9]+)$")) for r in [_ram_root()] if r is not None and r.is_dir()
    ]
    roots.append((Path(tempfile.gettempdir()), re.compile(r"^monitor-check-([0-9]+)-")))
    for root, pattern in roots:
        try:
            entries = list(root.iterdir())
        except OSError:
            continue
        for path in entries:
            m = pattern.match(path.name)
            if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
                shutil.rmtree(path, ignore_errors=True)


def _ram_root() -> Path | None:
    """A RAM-backed folder (tmpfs), where a build's working data never touches a disk."""
    shm = Path(RAM_DISK)
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm / "monitor-inclusie-roma"
    return None


def _scratch_tag(out_dir: Path) -> str:
    return hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:12]


def scratch_dir(out_dir: Path) -> Path:
    """Where a build works: in RAM (tmpfs) when the machine has it, else beside the output.

    The working database holds every delivered value while the build checks it, including,
    for a moment, the values of a file that turns out to hold personal data; in RAM those never
    reach a disk. Either way the folder is removed when the build ends, or swept by the next one.
    """
    ram = _ram_root()
    if ram is not None:
        try:
            ram.mkdir(mode=0o700, exist_ok=True)
            ram.chmod(0o700)  # private, whoever made it first
            if shutil.disk_usage(ram).free > MIN_RAM_FREE:
                return ram / f"{_scratch_tag(out_dir)}-{os.getpid()}"
        except OSError:
            pass
    return out_dir / f"{WORK_PREFIX}{os.getpid()}"


@contextmanager
def open_build(
    raw_dir: Path, out_dir: Path, progress: Progress, connection: str | None = None
) -> Iterator[Build]:
    """A build with its scratch space and working database (compressed, in RAM where possible);
    the scratch space is removed whatever happens."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    settings = load_settings()
    reference_dir = resolve_reference_dir(raw_dir)
    if reference_dir != raw_dir / REFERENCE_DIR:
        progress.say(f"  {raw_dir} heeft geen map reference/; de referentiedata van het project geldt")
    ref = load_reference(reference_dir.parent)
    out_dir.mkdir(parents=True, exist_ok=True)
    work_dir = scratch_dir(out_dir)
    work_dir.mkdir(mode=0o700)
    con = duckdb.connect(connection or str(work_dir / "werk.duckdb"))
    try:
        con.execute(f"set memory_limit = '{settings.geheugen}'")
        con.execute(f"set temp_directory = '{work_dir / 'duckdb-tmp'}'")
        con.execute("set preserve_insertion_order = true")
        yield Build(raw_dir, out_dir, reference_dir, ref, settings, con, work_dir, progress)
    finally:
        con.close()
        shutil.rmtree(work_dir, ignore_errors=True)
