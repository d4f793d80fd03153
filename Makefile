# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck pytest bench mutation spark-test java clean system-deps docs-images postgres

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml Makefile | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml Makefile | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,hypothesis,html,pdf,excel,plot,store,examples,columnar,dask,progress,spark]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/tthc demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks examples docs/make_images.py
	$(BIN)/ruff format --check src tests benchmarks examples docs/make_images.py

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict

# WeasyPrint (tthc[pdf]) needs Pango and HarfBuzz from the system, and the slips need a
# font with every Vietnamese diacritic: installed when missing (CI runs as root).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "installing $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi


# The store's tests run a throw-away PostgreSQL cluster: install the server from
# Debian's packages when no pg_ctl is found (the tests find it in /usr/lib/postgresql/*/bin).
PG_CTL_FOUND = $(shell command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | head -n 1)

postgres:
ifeq ($(strip $(PG_CTL_FOUND)),)
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
else
	@echo "PostgreSQL server found: $(PG_CTL_FOUND)"
endif

pytest: $(VENV)/.installed-test system-deps postgres java
	$(BIN)/pytest -q

# The pictures of the docs (docs/images/*.png), checked in.
docs-images: $(VENV)/.installed-test system-deps
	$(BIN)/python docs/make_images.py docs/images

test: lint typecheck pytest

bench: $(VENV)/.installed-test $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_calendar.py
	$(BIN)/python benchmarks/bench_deadlines.py
	$(BIN)/python benchmarks/bench_report.py --profile
	$(BIN)/python benchmarks/bench_store.py
	nice $(BIN)/python benchmarks/bench_scale.py $(if $(ROWS),--rows $(ROWS))

# The Spark recipe's test needs a Java runtime: installed from Debian's packages when missing.
java:
	@command -v java >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless; }

# The Spark recipe's test alone (make test runs it too).
spark-test: $(VENV)/.installed-test java
	TTHC_REQUIRE_SPARK=1 $(BIN)/pytest -q -rs tests/test_columnar.py -k spark

# Mutation testing (not in CI: slow). One module at a time, niced, MUTATION_JOBS workers,
# on the core modules' unit tests (doctests excluded; the list is [tool.mutmut] in
# pyproject.toml); scores in mutants/scores.txt. MODULES=limits to run one.
MODULES ?= calendar limits hours schedule deadline dossier
MUTATION_JOBS ?= 2
mutation: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet 'mutmut>=3.2'
	rm -f mutants/scores.txt
	for module in $(MODULES); do \
		HYPOTHESIS_PROFILE=mutation nice -n 19 $(BIN)/mutmut run --max-children $(MUTATION_JOBS) "tthc.$$module.*" >/dev/null; \
		$(BIN)/python benchmarks/mutation_score.py $$module | tee -a mutants/scores.txt; \
	done

clean:
	rm -rf $(VENV) build dist mutants
