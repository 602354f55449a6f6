# khabar: the two commands a user runs are `make run` and `make test`.
# Everything is installed into .venv from the pinned requirements and the lock.

PYTHON ?= python3.12
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.khabar-installed

# The embedded default: everything lives inside the repository (git-ignored).
export AIRFLOW_HOME                  := $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER    := $(CURDIR)/dags
export AIRFLOW__CORE__PLUGINS_FOLDER := $(CURDIR)/plugins
export AIRFLOW__CORE__LOAD_EXAMPLES  := False
export AIRFLOW__CORE__UNIT_TEST_MODE := False
export GX_ANALYTICS_ENABLED          := False
export KHABAR_LANDING ?= $(CURDIR)/data/landing
export KHABAR_LAKE    ?= $(CURDIR)/data/lake

# The logical date `make run` stages the seed articles under; `make day DATE=...` runs any date.
DEMO_DATE ?= 2025-01-15
DATE      ?= $(DEMO_DATE)

.PHONY: help venv airflow-home airflow stop run day test lint fuzz services bench stage-seeds report sql dictionary lock clean

help:
	@echo "make run    - install, run the khabar_daily DAG over seeds/ for $(DEMO_DATE), print the report"
	@echo "make day DATE=YYYY-MM-DD - run the khabar_daily DAG over data/landing/DATE, print the report"
	@echo "make airflow - start Airflow here (api-server, scheduler, dag-processor, triggerer on 127.0.0.1): prints the URL and the password"
	@echo "make stop   - stop what make airflow started"
	@echo "make test   - install, run the whole test suite"
	@echo "make lint   - ruff: lint and formatting check (the rules are in pyproject.toml; ruff format fixes the layout)"
	@echo "make services - install redis-server, chromium and Noto fonts (Debian) for the integration and browser tests"
	@echo "make fuzz   - the long fuzz run (hypothesis profile 'long', over 100,000 inputs, about 40 minutes): examples and failures per property"
	@echo "make bench  - khabar run vs the naive hazm pipeline (5,000 and 50,000 articles), report queries on a 1,000,000-article lake"
	@echo "make sql    - a SQL prompt over data/lake (khabar sql: .tables, .schema NAME, .help)"
	@echo "make dictionary - write docs/data-dictionary.md (every table, view and column) from schema.py and include/khabar/analytics/sql"
	@echo "make lock   - regenerate constraints.txt from requirements*.txt"
	@echo "make clean  - remove .venv, .airflow and data/"

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "error: $(PYTHON) not found. khabar needs Python 3.12 (hazm 0.12 requires >= 3.12)."; \
	  echo "       Install it (pyenv install 3.12) or pass PYTHON=/path/to/python3.12."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 12) else 1)' || { \
	  echo "error: $(PYTHON) is not Python 3.12 ($$($(PYTHON) --version 2>&1))."; exit 1; }
	@echo ">> creating $(VENV) and installing the pinned dependencies (first time only)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
	    -r requirements.txt -r requirements-dev.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

venv: $(STAMP)

$(AIRFLOW_HOME)/.migrated: $(STAMP)
	@mkdir -p $(AIRFLOW_HOME)
	@echo ">> initialising the local Airflow home in $(AIRFLOW_HOME) (SQLite)"
	@$(BIN)/airflow db migrate > $(AIRFLOW_HOME)/migrate.log 2>&1 || { cat $(AIRFLOW_HOME)/migrate.log; exit 1; }
	@touch $@

airflow-home: $(AIRFLOW_HOME)/.migrated

stage-seeds:
	@mkdir -p $(KHABAR_LANDING)/$(DATE)
	@cp seeds/*.txt $(KHABAR_LANDING)/$(DATE)/
	@echo ">> staged $$(ls seeds/*.txt | wc -l) seed articles into $(KHABAR_LANDING)/$(DATE)"

run: airflow-home stage-seeds day

day: airflow-home
	@$(BIN)/python tools/dag_test.py $(DATE) $(AIRFLOW_HOME)/dags-test.log
	@$(BIN)/khabar report --lake $(KHABAR_LAKE)
	@$(BIN)/khabar report --lake $(KHABAR_LAKE) --format html --out $(KHABAR_LAKE)/_reports/latest.html
	@echo ">> DuckDB views: $$($(BIN)/khabar database --lake $(KHABAR_LAKE))   (make sql, or: .venv/bin/khabar sql -c 'SELECT * FROM q_story_clusters')"
	@echo ">> HTML report: $(KHABAR_LAKE)/_reports/latest.html"

airflow: airflow-home
	@$(BIN)/python tools/airflow_local.py start

stop:
	@$(BIN)/python tools/airflow_local.py stop

report: $(STAMP)
	@$(BIN)/khabar report --lake $(KHABAR_LAKE)

test: airflow-home
	$(BIN)/python -m pytest

LINTED := include dags plugins tools tests
lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

# The integration tests (tests/integration) start PostgreSQL and Redis on loopback, the HTML
# report test a headless Chromium; PostgreSQL comes with the machine, Redis, Chromium and the
# Noto fonts (Persian and Arabic glyphs) are installed from Debian's packages when missing.
APT_GET := $(if $(filter 0,$(shell id -u)),,sudo )apt-get
services:
	@command -v redis-server >/dev/null 2>&1 || { \
	  echo ">> installing redis-server (Debian package) for the integration tests"; \
	  DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -q redis-server >/dev/null 2>&1 || { \
	    $(APT_GET) update -q >/dev/null && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -q redis-server >/dev/null; }; }
	@command -v chromium >/dev/null 2>&1 && fc-list | grep -qi "noto sans arabic" || { \
	  echo ">> installing chromium and fonts-noto-core (Debian packages) for the HTML report test"; \
	  DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -q chromium fonts-noto-core >/dev/null 2>&1 || { \
	    $(APT_GET) update -q >/dev/null && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -q chromium fonts-noto-core >/dev/null; }; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo ">> installing postgresql (Debian package) for the integration tests"; \
	  DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -q postgresql >/dev/null; }
	@echo ">> for the integration tests: $$(redis-server --version | cut -d' ' -f1-3), $$(ls -d /usr/lib/postgresql/*/bin | head -1), $$(chromium --version 2>/dev/null)"

# The long fuzz run (not in CI): tests/property with the hypothesis profile `long` (20,000
# examples per fuzz property, 50 whole days; tests/property/conftest.py), in collect mode:
# every distinct failure is recorded with its smallest example and the run goes on. It
# prints the examples run and the failures found per property, writes them to
# data/fuzz-report.json, and fails if any property failed. FUZZ_EXAMPLES=N and FUZZ_DAYS=N
# change the counts; FUZZ_ARGS passes pytest options (e.g. -k archives). The python is the
# venv's, or the one on PATH when there is no .venv (a checkout that shares a venv).
FUZZ_EXAMPLES ?=
FUZZ_DAYS     ?=
FUZZ_ARGS     ?=
FUZZ_REPORT   ?= $(CURDIR)/data/fuzz-report.json
FUZZ_PYTHON    = $(if $(wildcard $(BIN)/python),$(BIN)/python,python)
fuzz: venv
	@mkdir -p data
	KHABAR_FUZZ_PROFILE=long KHABAR_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) KHABAR_FUZZ_DAYS=$(FUZZ_DAYS) \
	KHABAR_FUZZ_REPORT=$(FUZZ_REPORT) \
	    $(FUZZ_PYTHON) -m pytest tests/property -p no:cacheprovider -q -rN --hypothesis-show-statistics \
	    -W ignore::hypothesis.errors.HypothesisWarning $(FUZZ_ARGS)

# Throughput, marginal throughput and peak memory vs the naive hazm pipeline, each layer's
# throughput on the same texts, and report queries on a synthetic 1,000,000-article lake
# (docs/benchmarks.md). About 12 minutes.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/khabar bench --json $(CURDIR)/data/bench.json $(BENCH_ARGS)

sql: $(STAMP)
	$(BIN)/khabar sql --lake $(CURDIR)/data/lake

dictionary: $(STAMP)
	$(BIN)/khabar dictionary --out docs/data-dictionary.md

lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	{ echo "# Full lock of the khabar environment on Python 3.12 (pip freeze of a venv built from"; \
	  echo "# requirements.txt + requirements-dev.txt). Used as pip constraints: -c constraints.txt."; \
	  echo "# Regenerate with \`make lock\` after changing a pin."; \
	  .lockvenv/bin/python -m pip freeze --exclude-editable; } > constraints.txt
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) $(AIRFLOW_HOME) data
