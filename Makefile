# kexie — the two README commands are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
AS_OF ?=

.PHONY: run test test-slow test-load test-signals smoke lint fmt docs docs-check bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever the package metadata changes.
$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/kexie check $(if $(AS_OF),--as-of $(AS_OF)) ; status=$$? ; \
	$(BIN)/kexie due-elections $(if $(AS_OF),--as-of $(AS_OF)) ; \
	exit $$status

# Tests run in parallel on every core (pytest-xdist); `.venv/bin/pytest` alone runs them one by one.
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n auto

# Tests marked slow (the full random-edit count and the like); CI runs them after `make test`.
test-slow: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n auto -m slow

# No verdict depends on machine speed (docs/testing.md): `make test` beside LOAD busy loops (default 4),
# and the tests that send signals or count kills (marker `signals`) beside LOAD busy loops (default 16).
# scripts/under_load.py stops the loops when the run ends, fails or is interrupted.
LOAD ?=
test-load: $(VENV)/.installed-dev
	$(BIN)/python -m scripts.under_load --loops $(or $(LOAD),4) -- $(MAKE) --no-print-directory test

test-signals: $(VENV)/.installed-dev
	$(BIN)/python -m scripts.under_load --loops $(or $(LOAD),16) -- $(BIN)/python -m pytest -m signals

# The package as pip users get it: build the wheel, install it (not editable)
# into a fresh venv outside the checkout, run every command on a copy of the
# sample registry (tests/smoke_installed.py).
smoke: $(BIN)/python
	rm -rf dist build
	$(BIN)/python -m pip wheel --quiet --no-deps -w dist .
	set -e; tmp=$$(mktemp -d -t kexie-wheel-XXXXXX); \
	$(PYTHON) -m venv $$tmp/venv; \
	$$tmp/venv/bin/python -m pip install --quiet dist/kexie-*.whl; \
	cd $$tmp && $$tmp/venv/bin/python $(CURDIR)/tests/smoke_installed.py --kexie $$tmp/venv/bin/kexie; \
	rm -rf $$tmp

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check kexie_cli tests scripts $(wildcard bench)
	$(BIN)/ruff format --check kexie_cli tests scripts $(wildcard bench)
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture

fmt: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix kexie_cli tests scripts $(wildcard bench)
	$(BIN)/ruff format kexie_cli tests scripts $(wildcard bench)

docs: $(VENV)/.installed
	$(BIN)/python -m scripts.docgen write

docs-check: $(VENV)/.installed
	$(BIN)/python -m scripts.docgen check

# make bench [BENCH_SIZES=1000,10000,50000]: corpora go to bench/out/ (git-ignored)
BENCH_SIZES ?= 1000,10000
bench: $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py --sizes $(BENCH_SIZES)

# make fuzz [FUZZ_EXAMPLES=100000]: the Hypothesis fuzz targets of tests/robustness with many examples
# (loader, check, fmt, edits); not part of make test, which runs a few hundred of them
FUZZ_EXAMPLES ?= 100000
fuzz: $(VENV)/.installed-dev
	KEXIE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/robustness/test_fuzz_targets.py tests/robustness/test_fuzz_xlsx.py -p no:randomly -s -q

clean:
	rm -rf $(VENV) build dist *.egg-info .kexie
