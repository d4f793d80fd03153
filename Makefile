# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck pytest bench spark-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,hypothesis,columnar,dask,progress]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/tthc demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict

pytest: $(VENV)/.installed-test
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(VENV)/.installed-test $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_calendar.py
	$(BIN)/python benchmarks/bench_deadlines.py
	$(BIN)/python benchmarks/bench_report.py --profile
	nice $(BIN)/python benchmarks/bench_scale.py $(if $(ROWS),--rows $(ROWS))

# The Spark recipe's test: a Java runtime (apt, only when missing) and PySpark, then the test.
spark-test: $(VENV)/.installed-test
	command -v java >/dev/null 2>&1 || { apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends default-jre-headless; }
	$(BIN)/python -m pip install --quiet -e '.[spark]'
	TTHC_REQUIRE_SPARK=1 $(BIN)/pytest -q -rs tests/test_columnar.py -k spark

clean:
	rm -rf $(VENV) build dist
