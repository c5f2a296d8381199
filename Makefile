# Two commands on a fresh machine with python3 and make: `make run`, `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test fuzz lint typecheck unit sdl bench simulators clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) server.py

simulators: $(STAMP)
	$(PY) -m upstreams.simulators

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest -q
	@echo "end-to-end again with the standard executor (PARTNER_GRAPH_PLANNED_EXECUTOR=0):"
	PARTNER_GRAPH_PLANNED_EXECUTOR=0 $(PY) -m pytest -q tests/e2e tests/schema/core/test_execution.py

# The schema fuzz run of tests/e2e/test_fuzz.py, longer: FUZZ_EXAMPLES queries and two fifths
# as many mutations (the test suite runs 150 and 60).
FUZZ_EXAMPLES ?= 2000
fuzz: $(STAMP)
	PARTNER_GRAPH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q tests/e2e/test_fuzz.py

unit: $(STAMP)
	$(PY) -m pytest -q -x

lint: $(STAMP)
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

typecheck: $(STAMP)
	$(PY) -m mypy

sdl: $(STAMP)
	$(PY) -m schema.export > schema.graphql

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) -m bench

bench-attacks: $(STAMP)
	$(PY) -m bench.attacks

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
