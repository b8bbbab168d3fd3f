"""Every target of the Makefile is exercised: `make -n` expands it, and each Python command it would
run is handed to that command's own argument parser, which must accept it (a stray word once broke
`make screenshot`). Other commands must exist. `make clean` is run for real in test_cli.py, `make
dag` in test_tables.py, `make test` by CI itself."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT

MAKEFILE = PROJECT / "Makefile"
TARGETS = sorted(set(re.findall(r"^([a-z][a-zA-Z_-]*):.*## ", MAKEFILE.read_text(encoding="utf-8"), re.M)))

# Run inside a fresh interpreter: each command's module runs as __main__ until its parser has read
# the arguments; a parser that refuses them exits 2 as it would for the user.
_CHECK = r"""
import argparse, json, os, runpy, sys

class Accepted(Exception):
    pass

_real = argparse.ArgumentParser.parse_args

def _parse_args(self, args=None, namespace=None):
    _real(self, args, namespace)
    raise Accepted

argparse.ArgumentParser.parse_args = _parse_args
answers = []
for argv in json.loads(sys.argv[1]):
    module = argv[1] if argv[0] == "-m" else None
    sys.argv = [module or argv[0], *argv[2 if module else 1:]]
    try:
        if module:
            runpy.run_module(module, run_name="__main__", alter_sys=True)
        else:
            sys.path.insert(0, os.path.dirname(os.path.abspath(argv[0])))  # as `python script.py` does
            runpy.run_path(argv[0], run_name="__main__")
        answers.append("ran")
    except Accepted:
        answers.append("accepted")
    except SystemExit as stop:
        answers.append(f"exit {stop.code}")
print(json.dumps(answers))
"""


def python_commands(target: str) -> tuple[list[list[str]], list[list[str]]]:
    """The Python commands `make -n -B target` would run (as if nothing were built yet) (arguments after the interpreter), and the rest."""
    dry = subprocess.run(
        ["make", "-n", "-B", target], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert dry.returncode == 0, dry.stderr
    python, other = [], []
    for line in dry.stdout.splitlines():
        if not line.strip() or line.lstrip().startswith(("#", "(")) or "\\" in line:
            continue
        words = shlex.split(line)
        words = [w for w in words if not re.fullmatch(r"[A-Z_]+=.*", w)]  # VAR=value before a command
        if words and words[0].endswith("/bin/python") and words[1:3] != ["-m", "pip"]:
            python.append(words[1:])
        elif words:
            other.append(words)
    return python, other


def parsers_answer(commands: list[list[str]]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _CHECK, json.dumps(commands)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_makefile_documents_the_targets_of_the_contract():
    assert {
        "all",
        "build",
        "dashboard",
        "test",
        "extract",
        "sample",
        "sjabloon",
        "rapport",
        "dag",
        "bench",
        "screenshot",
        "serve",
        "clean",
        "lock",
        "lint",
        "venv",
        "help",
    } <= set(TARGETS)


def test_every_python_command_of_every_target_is_accepted_by_its_own_parser():
    plan: list[tuple[str, list[str]]] = []
    for target in TARGETS:
        python, _ = python_commands(target)
        plan += [(target, argv) for argv in python if argv[:2] != ["-m", "pytest"]]
    assert {t for t, _ in plan} >= {
        "build",
        "extract",
        "sjabloon",
        "rapport",
        "sample",
        "dashboard",
        "screenshot",
        "bench",
        "dag",
    }
    answers = parsers_answer([argv for _, argv in plan])
    refused = [
        (t, " ".join(a), answer)
        for (t, a), answer in zip(plan, answers, strict=True)
        if answer not in ("accepted", "ran", "exit 0")
    ]
    assert refused == []


def test_the_other_commands_exist():
    venv_bin = Path(sys.executable).parent
    for target in TARGETS:
        python, other = python_commands(target)
        for argv in python:
            if argv[:2] == ["-m", "pytest"]:
                assert importlib.util.find_spec("xdist"), "`-n auto` needs pytest-xdist"
        for words in other:
            program = words[0]
            if program.startswith(".venv/bin/"):
                assert (venv_bin / Path(program).name).exists(), f"{target}: {program}"
            if Path(program).name == "gunicorn":
                config = words[words.index("--config") + 1]
                assert (PROJECT / config).is_file(), config
                assert importlib.util.find_spec(words[-1].split(":")[0]), words[-1]


def test_the_check_refuses_a_command_with_a_stray_argument():
    # The check itself can fail: the bug of old, `make screenshot` passing a stray word.
    answers = parsers_answer(
        [
            ["-m", "pipeline", "sample", "--scale", "pilot", "bench"],
            ["-m", "dashboard.screenshot", "--db", "x.duckdb", "bench"],
        ]
    )
    assert answers == ["exit 2", "exit 2"]


def test_the_virtualenv_installs_both_locks_and_the_package_editable():
    dry = subprocess.run(
        ["make", "-n", "-B", "venv"], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    assert "-r requirements-dev.lock" in dry.stdout
    assert "--editable ." in dry.stdout
    dev = (PROJECT / "requirements-dev.lock").read_text(encoding="utf-8").splitlines()
    assert "-r requirements.lock" in dev
    runtime = {
        line.split("==")[0].lower()
        for line in (PROJECT / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    # Tools of the tests are not in the runtime lock.
    assert not runtime & {
        "pytest",
        "playwright",
        "frictionless",
        "ipykernel",
        "debugpy",
        "jupyter-client",
        "mypy",
    }


def test_make_test_runs_lint_format_and_type_checks_before_the_suite():
    dry = subprocess.run(
        ["make", "-n", "test"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout
    steps = [s.split() for s in dry.splitlines() if s.startswith(".venv/bin/") and " -m pip " not in s]
    assert [s[:3] for s in steps] == [
        [".venv/bin/ruff", "check", "."],
        [".venv/bin/ruff", "format", "--check"],
        [".venv/bin/mypy"],
        [".venv/bin/python", "-m", "pytest"],
    ]
