# Teilhabe: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export TEILHABE_DATA_DIR ?= $(CURDIR)/var
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# make run serves the demo city on the local machine over plain HTTP.
RUN_ENV := TEILHABE_DEMO_MODE=1 TEILHABE_HTTPS=0

.PHONY: run test bench setup setup-dev assets lint typecheck checks audit pytest pytest-sqlite pytest-postgres messages clean

run: setup
	@$(RUN_ENV) $(BIN)/teilhabe migrate --noinput -v 0
	@$(RUN_ENV) $(BIN)/teilhabe demo --if-empty
	@$(RUN_ENV) $(BIN)/teilhabe up --host 127.0.0.1 --port 8000

test: setup-dev checks audit pytest

# Benchmarks on the generated big-city data set (BENCH_SCALE=1: 60,000 clients), on
# SQLite and on a throw-away PostgreSQL cluster, each with a load test of `teilhabe serve`
# (locust; BENCH_LOAD_USERS, BENCH_LOAD_SECONDS); figures in docs/performance.md.
bench: setup-dev
	env -u DATABASE_URL $(BIN)/python -m teilhabe.bench
	$(BIN)/python scripts/with_postgres.py $(BIN)/python -m teilhabe.bench

# --- set-up ---------------------------------------------------------------

setup: $(VENV)/.installed assets
	@$(BIN)/teilhabe compilemessages -v 0 --ignore '.venv/*' --ignore 'node_modules/*'
	@$(BIN)/teilhabe collectstatic --noinput -v 0

setup-dev: setup $(VENV)/.installed-dev
	@scripts/system-packages.sh test

$(VENV)/bin/python:
	@scripts/system-packages.sh run
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip>=24"

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml requirements.lock
	$(BIN)/pip install -q -c requirements.lock -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -c requirements.lock -e '.[dev]'
	@touch $@

assets: teilhabe/static/vendor/.built

teilhabe/static/vendor/.built: package.json package-lock.json scripts/build_assets.py
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python scripts/build_assets.py
	@touch $@

# --- checks -----------------------------------------------------------------

checks: lint typecheck
	$(BIN)/teilhabe makemigrations --check --dry-run
	$(BIN)/python scripts/check_translations.py

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --lint teilhabe --extension html --quiet

typecheck:
	$(BIN)/mypy teilhabe scripts

# Known vulnerabilities in requirements.lock (pip-audit) and package-lock.json (npm audit);
# accepted ones are listed with a reason in security/accepted-vulnerabilities.toml.
# A known vulnerability always fails. Advisory services that cannot be reached (the build
# machines reach the package registries but not PyPI's per-version JSON, npm's audit
# endpoint or OSV) are a loud warning by default; AUDIT_FLAGS= makes that fail too, for
# machines that do reach them (docs/security.md).
AUDIT_FLAGS ?= --allow-unaudited
audit:
	$(BIN)/python scripts/supply_chain_audit.py $(AUDIT_FLAGS)

pytest: pytest-sqlite pytest-postgres

# Two processes (pytest-xdist) by default: the build machines have two cores, and the
# suite takes half as long; PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -q -n $(PYTEST_WORKERS) --durations=20

# The browser flows run once, on PostgreSQL (the production engine): they test pages
# and clicks, which do not change with the engine; every view, query and service test
# runs on both.
pytest-sqlite:
	$(PYTEST) -m "not browser"

# A throw-away PostgreSQL cluster: initdb into a temporary folder, a free port.
pytest-postgres:
	$(BIN)/python scripts/with_postgres.py $(PYTEST)

# Regenerates the German catalogue from the sources (then translate what is new).
messages:
	$(BIN)/teilhabe makemessages -l de --no-location --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*'

clean:
	rm -rf $(VENV) node_modules teilhabe/static/vendor var/static
