# The project's commands. CI runs exactly these (see .ci/run); so should you.
#   make serve   set up, build and serve the site on http://127.0.0.1:8000
#   make test    set up and run every test (engine, Pyodide parity, built site, browser)
#   make build   build the site into site/ (GENERATOR=mkdocs, properdocs or zensical; default mkdocs)
#   make bench   print the speed and size figures (not a test)
#   make mutate  mutation testing of the engine: score per module and surviving mutants (slow)
#   make mutate-sample  the same on a random sample of the mutants not run yet (SAMPLE=1500)
#   make mutate-survivors  after new tests, run again only the surviving mutants (MODULES=...)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# The site generator `make build` runs: mkdocs (the owner's choice), properdocs or zensical.
GENERATOR ?= mkdocs

# Python >= 3.12 is needed by pyodide-build and pyodide-lock. Take the first that exists:
# an explicit PYTHON=..., python3.13/3.12 on PATH, then pyenv's installs (the bare pyenv shims
# only run with PYENV_VERSION set, so the real binaries are used).
PYTHON ?= $(shell for c in python3.14 python3.13 python3.12 \
	$$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 python3; do \
	  p=$$(command -v $$c 2>/dev/null) || continue; \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; \
	done)

.PHONY: help setup python-deps node-deps browser build serve test bench mutate mutate-sample mutate-survivors lock clean

help:
	@sed -n 's/^#   make /  make /p' $(firstword $(MAKEFILE_LIST))

setup: python-deps node-deps browser

# The build tools (build/, the package outside_help_build) are installed editable after the
# pinned dependencies: the one way anything imports them (see build/pyproject.toml). No download:
# hatchling, their build backend, is in requirements.lock.
python-deps: $(STAMP)
$(STAMP): requirements.lock pyproject.toml build/pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: no Python >= 3.12 found (tried python3.14, python3.13, python3.12, ~/.pyenv/versions/3.1[23]*). Install one or run: make PYTHON=/path/to/python3.12" >&2; exit 1; }
	@test -x $(PY) || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e build
	@touch $@

node-deps: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "warning: chromium is not installed and this is not root; run: sudo apt-get install chromium" >&2; \
	  fi; \
	fi

# Checks the inputs, runs the generator (strict), publishes the calculator's runtime into site/
# and verifies the pages load it (build/outside_help_build/cli.py).
build: python-deps node-deps
	$(PY) -m outside_help_build build --generator $(GENERATOR) --site-dir site

serve: setup
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

test: setup
	$(VENV)/bin/pytest

bench: setup build
	$(PY) -m bench.run

# Mutation testing (not part of `make test`: it runs the engine tests once per mutant). mutmut
# (pinned in requirements.lock, configured in pyproject.toml [tool.mutmut]) mutates
# calculator/*.py into mutants/ and runs the fast engine tests against each mutant; it resumes
# where it stopped and re-tests only what changed. MUTANTS narrows it, e.g.
# `make mutate MUTANTS='calculator.decide*'`, and re-runs every mutant it names, even those with
# a result (mutmut 3.8.1); JOBS sets the parallel children (default 2).
# bench/mutation_report.py then prints killed/total and the score per module and lists every
# surviving mutant not judged equivalent in bench/mutants_equivalent.md.
MUTANTS ?=
JOBS ?= 2
mutate: python-deps
	nice -n 10 $(VENV)/bin/mutmut run --max-children $(JOBS) $(MUTANTS)
	$(PY) -m bench.mutation_report

# The engine-wide score in less time: SAMPLE mutants drawn at random (seeded) from those not run
# yet (bench/mutation_sample.py; mutmut must have written the mutants once, e.g. by a `make
# mutate MUTANTS=...`), then the report, which estimates each partly run module from its sample
# and the engine from every module, with a 95% interval. SEED draws another sample (a sample drawn
# after tests were written for the last one's survivors measures them without that bias).
SAMPLE ?= 1500
SEED ?= 18
mutate-sample: python-deps
	names="$$($(PY) -m bench.mutation_sample --size $(SAMPLE) --seed $(SEED))" && \
	  nice -n 10 $(VENV)/bin/mutmut run --max-children $(JOBS) $$names
	$(PY) -m bench.mutation_report

# After new tests: run again only the mutants that survived (a killed mutant stays killed), then
# the report. mutmut maps each function to the tests that reach it once, and afterwards only
# re-maps the tests that changed: an old test that reaches a new function is missing from the
# map, so that function's mutants can survive tests that would kill them. The map is made afresh
# here (a few minutes) so that no survivor is false.
mutate-survivors: python-deps
	rm -f mutants/mutmut-stats.json
	names="$$($(PY) -m bench.mutation_sample --survivors $(if $(MODULES),--modules $(MODULES)))" && \
	  nice -n 10 $(VENV)/bin/mutmut run --max-children $(JOBS) $$names
	$(PY) -m bench.mutation_report

# Re-pin every Python dependency from requirements.in (needs the registry).
lock:
	@test -n "$(PYTHON)" || { echo "error: no Python >= 3.12 found" >&2; exit 1; }
	rm -rf .cache/lock-venv && $(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Exact versions of every Python dependency (generated from requirements.in by 'make lock')."; \
	  .cache/lock-venv/bin/pip freeze --exclude-editable | sort; } > requirements.lock

clean:
	rm -rf site dist .cache .pytest_cache .hypothesis mutants
