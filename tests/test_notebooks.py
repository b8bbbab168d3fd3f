"""The notebooks run from top to bottom on a fresh build, write nothing into data/, and are
committed without outputs (so no figure about a handful of families lands in the repository)."""

from __future__ import annotations

import json
import sysconfig
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import PROJECT

NOTEBOOKS = sorted((PROJECT / "notebooks").glob("*.ipynb"))


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_the_two_notebooks_of_the_analysis_are_there():
    assert [p.name for p in NOTEBOOKS] == ["1.0-verkenning.ipynb", "2.0-effecten.ipynb"]


def test_the_package_is_installed_editable_so_the_notebooks_import_it_without_path_tricks():
    site = [sysconfig.get_paths()["purelib"]]  # the virtualenv's own, not an egg-info lying in the project
    (dist,) = metadata.distributions(name="monitor-inclusie-roma", path=site)
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    assert direct.get("dir_info", {}).get("editable") is True, "make venv installs the package editable"
    for path in NOTEBOOKS:
        assert "sys.path" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    book = nbformat.read(path, as_version=4)
    code = [c for c in book.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_on_a_fresh_build_and_writes_nothing_into_data(path, sample_build, monkeypatch):
    monkeypatch.setenv("MONITOR_DB", str(sample_build[1]))
    before = _snapshot(PROJECT / "data")
    book = nbformat.read(path, as_version=4)
    NotebookClient(
        book, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    assert _snapshot(PROJECT / "data") == before
    printed = "".join(o.get("text", "") for c in book.cells if c.cell_type == "code" for o in c.outputs)
    assert str(sample_build[1]) in printed  # it read the build it was given, not data/processed
