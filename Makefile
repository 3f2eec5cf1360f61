# mutuals: `make run` serves the demo, `make test` checks everything. Needs only python3 >= 3.11.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
BENCH_STAMP := $(VENV)/.installed-bench
DEMO_DB ?= .data/demo.db
HOST ?= 127.0.0.1
PORT ?= 8000

FUTURE ?= 2031-02-28 12:00:00

.PHONY: run serve test test-quick test-future lint format bench clean

$(STAMP): pyproject.toml
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "mutuals needs Python 3.11 or newer (found: $$($(PY) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

## run: set up, seed the demo community (once) and serve http://127.0.0.1:8000
run: $(STAMP)
	@mkdir -p $(dir $(DEMO_DB))
	$(BIN)/mutuals --db $(DEMO_DB) demo
	$(BIN)/mutuals --db $(DEMO_DB) serve --host $(HOST) --port $(PORT)

# Tests run on every core (pytest-xdist): each test has its own SQLite copy or PostgreSQL schema,
# so workers never share a database.
JOBS ?= auto

## test: lint, type-check and run every test, spread over the cores (JOBS=0: one process, no workers)
test: lint
	$(BIN)/python -m pytest -n $(JOBS)

## test-quick: every test but those marked slow (browser, real processes, data sets), in parallel
test-quick: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) -m "not slow"

# The whole suite again with the calendar years ahead. `faketime -f '@…'` starts the faked clock at
# that moment and lets it run (a stopped clock breaks every timed wait). The monotonic clock stays
# real, so timed waits on locks and thread joins keep their deadlines; tests/faketime/sitecustomize.py
# works around libfaketime's broken absolute sleep in that mode (see its docstring).
## test-future: the whole suite again with the machine's date years ahead (needs faketime)
test-future: $(STAMP)
	@command -v faketime >/dev/null || { echo "test-future needs faketime (apt-get install faketime)"; exit 1; }
	FAKETIME_DONT_FAKE_MONOTONIC=1 PYTHONPATH=$(CURDIR)/tests/faketime \
		faketime -f '@$(FUTURE)' $(BIN)/python -m pytest -q -n $(JOBS)

## lint: ruff (format check and lint) and mypy on src/
lint: $(STAMP)
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $@

## bench: run every benchmark (prints tables; figures are recorded in benchmarks/README.md)
bench: $(BENCH_STAMP)
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .ruff_cache
