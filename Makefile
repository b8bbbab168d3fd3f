# Monitor Inclusie Roma — every target calls the package's CLI; `make help` lists them.
# `make` on its own (CONTRACT §2) lists the targets and builds the database.
.DEFAULT_GOAL := all
SHELL := /bin/bash

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
RAW    := data/raw
OUT    := data/processed
DB     := $(OUT)/monitor.duckdb
EXTRACTS := $(OUT)/extracts
FORMAT ?= csv-nl
INPUTS := $(shell find $(RAW) pipeline -type f \( -name '*.csv' -o -name '*.xlsx' -o -name '*.toml' -o -name '*.py' -o -name '*.sql' \) 2>/dev/null)

.PHONY: help all build sample sjabloon extract test lint format clean lock check-python dashboard serve screenshot bench dag rapport

help: ## list the targets
	@echo "Monitor Inclusie Roma — make <target>:"
	@grep -hE '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'
	@echo

all: help build ## list the targets, then build data/processed/monitor.duckdb from data/raw

build: $(DB) ## build the database from the deliveries and reference data

$(DB): $(STAMP) $(INPUTS)
	$(PY) -m pipeline run --raw $(RAW) --out $(OUT)

$(STAMP): pyproject.toml requirements.lock requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	@touch $(STAMP)

venv: $(STAMP) ## create the virtualenv with the pinned dependencies

extract: $(DB) ## write the extract for ministries to data/processed/extracts (FORMAT=csv-nl|csv|xlsx|parquet)
	$(PY) -m pipeline extract --db $(DB) --out $(EXTRACTS) --format $(FORMAT)

sjabloon: $(STAMP) ## the delivery template for municipalities → data/processed/levering-sjabloon.xlsx (GEMEENTE=GM0228 for one)
	$(PY) -m pipeline sjabloon $(if $(GEMEENTE),--gemeente $(GEMEENTE)) --out $(OUT)/$(if $(GEMEENTE),levering-sjabloon-$(GEMEENTE).xlsx,levering-sjabloon.xlsx)
rapport: $(DB) ## the progress reports (PDF): the country and every pilot, in Dutch and English → data/processed/rapporten
	$(PY) -m pipeline rapport --db $(DB) --alle --out $(OUT)/rapporten

sample: $(STAMP) ## regenerate the synthetic sample deliveries in data/raw/leveringen (seeded)
	$(PY) -m pipeline sample --scale pilot --out $(RAW)

dashboard: $(DB) ## build the database if needed, then serve the dashboard on http://127.0.0.1:8050/
	$(PY) -m dashboard --db $(DB)

serve: $(DB) ## serve the dashboard for many users: gunicorn with several workers on 127.0.0.1:8050
	MONITOR_DB=$(DB) $(VENV)/bin/gunicorn --config dashboard/gunicorn_conf.py dashboard.app:server

screenshot: $(DB) ## docs/schermafdrukken/: every page at 390 and 1440 px (headless Chromium, JPEG)
	$(PY) -m dashboard.screenshot --db $(DB) --out-dir docs/schermafdrukken

test: $(STAMP) ## lint, format check, type check ([tool.mypy]), then the whole suite (on every core: a test file stays on one worker, heaviest first; tests/conftest.py)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) -m pytest -n auto --dist loadfile

bench: $(STAMP) ## benchmarks judged by the targets of issues 7, 14 and 18 (pipeline vs bare DuckDB read, growth, csv-nl and xlsx extract, dashboard) → bench/results.json; the API under 20 clients → bench/output/api.json
	$(PY) bench/run.py
	$(PY) bench/bench_api.py

dag: $(STAMP) ## print every table of a build in run order, with its stage and builder (pipeline/tables.py)
	@$(PY) -m pipeline.tables

lint: $(STAMP) ## ruff lint and format check, mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(STAMP) ## ruff format: rewrite the code in the project's one style
	$(VENV)/bin/ruff format .

clean: ## remove built outputs and caches (never touches data/raw)
	rm -rf $(OUT)/monitor.duckdb $(OUT)/manifest.json $(OUT)/.work* $(OUT)/.monitor*.tmp* $(OUT)/extracts $(OUT)/rapporten
	find . -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true
	rm -rf .pytest_cache .ruff_cache .hypothesis

lock: ## re-resolve the pinned dependency sets: requirements.lock (runtime) and requirements-dev.lock (tests, tools)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check .
	( sed -n '1,2p' requirements.lock; .venv-lock/bin/pip freeze | grep -v '^monitor-inclusie-roma==' ) > .lock.tmp && mv .lock.tmp requirements.lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check '.[dev]'
	( sed -n '1,3p' requirements-dev.lock; .venv-lock/bin/pip freeze --all | grep -v -e '^monitor-inclusie-roma==' -e '^pip==' | grep -vxF -f requirements.lock ) > .lock.tmp && mv .lock.tmp requirements-dev.lock
	rm -rf .venv-lock
