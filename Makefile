# TrollTracker reproduction. Every target sets itself up first; `make` alone lists them.
#   make reproduce                 run every notebook on the synthetic sample release
#   make reproduce DATA_DIR=path   the same on a real release folder
#   make test                      the test suite (with the offline browser test in Chromium)
#   make screenshots               check reports/ in Chromium and save screenshots for a person to look at
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

# Python 3.11 or newer: python3.11 when it is installed (the version the pins were first made with), else
# python3. A `python3.11` that cannot run (a pyenv shim of a version not selected) is skipped.
PYTHON   ?= $(shell { python3.11 -c '' 2>/dev/null && command -v python3.11; } || command -v python3)
VENV     := .venv
BIN      := $(VENV)/bin
KERNEL   := trolltracker
READY    := $(VENV)/.ready
PARAMS   ?= params/default.yaml
DATA_DIR ?=
SCALE    ?= 0.01
SEED     ?= 20181017
# `make sample ARCHIVE=1`: the synthetic archive of all 48 datasets in data/archive (its own scale default)
ARCHIVE  ?=
ARCHIVE_DIR ?= data/archive
ARCHIVE_SCALE = $(if $(filter command line,$(origin SCALE)),$(SCALE),0.0005)

.PHONY: help setup sample reproduce test test-browser browser screenshots lab nbsync clean lock mutate lint format

help: ## list the targets
	@echo "Targets (each one sets up the environment it needs first):"
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo "Variables: DATA_DIR=<release folder> (default: the synthetic sample), PARAMS=<yaml>, SCALE=<sample scale>, LAB_ARGS=<jupyter lab options>"
	@echo "           ARCHIVE=1 (make sample, make bench: the synthetic archive of all 48 datasets), ARCHIVE_TWEETS=, ARCHIVE_ALSO= (make bench ARCHIVE=1: sizes)"

# The virtual environment is rebuilt from scratch whenever the pins or the package metadata change.
$(READY): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11 or newer is required, found " + sys.version.split()[0] + " (" + sys.executable + "): install Python 3.11, 3.12 or 3.13 and set PYTHON=/path/to/python3")' \
	  || { echo "make: '$(PYTHON)' cannot be used to create .venv (see above)"; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python 3 (trolltracker)" >/dev/null
	@# the kernel listens on localhost only: silence its TCP-transport warning in every run's output
	$(BIN)/python -c 'import json,sys,pathlib; p=pathlib.Path(sys.prefix,"share/jupyter/kernels/$(KERNEL)/kernel.json"); k=json.loads(p.read_text()); k["argv"]+=["--IPKernelApp.log_level=ERROR"]; p.write_text(json.dumps(k, indent=1))'
	touch $@

setup: $(READY) ## create .venv from requirements.txt and register the 'trolltracker' kernel

sample: $(READY) ## write the synthetic sample release to data/sample (SCALE=0.01, SEED=...); ARCHIVE=1: all 48 datasets to data/archive (SCALE=0.0005)
ifneq ($(ARCHIVE),)
	$(BIN)/python -m helpers.synthetic.archive --out $(ARCHIVE_DIR) --ops all --scale $(ARCHIVE_SCALE) --seed $(SEED)
	@echo "Synthetic archive in $(ARCHIVE_DIR): run it with  make reproduce DATA_DIR=$(ARCHIVE_DIR)"
else
	$(BIN)/python -m helpers.synthetic.sample --out data/sample --scale $(SCALE) --seed $(SEED)
endif

reproduce: $(READY) ## run the whole notebook sequence; figures/ and reports/index.html
	$(BIN)/python -m helpers.run.pipeline --params $(PARAMS) $(if $(DATA_DIR),--data-dir "$(DATA_DIR)")

# Under CI (CI=true) the browser tests must run: a missing Chromium fails them instead of skipping them.
# So must the tests that read ../shared (real rows, reference notes): CI has it beside the clone.
BROWSER_ENV := TROLLTRACKER_REQUIRE_BROWSER=$(if $(CI),1,0) TROLLTRACKER_REQUIRE_SHARED=$(if $(CI),1,0)

test: $(READY) lint browser ## lint, then the tests (unit, end-to-end notebook run, reports checked in Chromium)
	$(BROWSER_ENV) $(BIN)/python -m pytest

# ruff (rules and line length in pyproject.toml) on the code, mypy on helpers/data and helpers/metrics,
# and the notebooks output-free with their parameters cells in sync (`nbsync --check`).
lint: $(READY) ## ruff, mypy (helpers/data, helpers/metrics) and the notebooks' sync check
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m helpers.run.nbsync --check

# Safe fixes only (import order, newer syntax). `ruff format` is not applied: it would re-lay every file.
format: $(READY) ## apply ruff's safe fixes (import order, newer syntax), then `make nbsync`
	$(BIN)/ruff check --fix .
	$(BIN)/python -m helpers.run.nbsync

test-browser: $(READY) browser ## only the tests of the reports in a browser and of hostile content
	$(BROWSER_ENV) $(BIN)/python -m pytest tests/integration/test_browser.py tests/integration/test_hostile_content.py tests/unit/present/test_reports.py

# Debian's Chromium for the browser tests (Playwright drives it; `playwright install` is never used).
# Installed when missing if we are root or have passwordless sudo; otherwise says how, and the browser
# tests are skipped (outside CI) with that reason.
browser: ## install Debian's chromium for the browser tests where missing (root or passwordless sudo)
	@if [ -n "$$CHROMIUM" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then \
	  exit 0; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "make browser: no apt-get on this machine: install Chromium and set CHROMIUM=/path/to/chromium (browser tests are skipped until then)"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "make browser: installing Debian's chromium for the browser tests ..."; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	    || echo "make browser: installing chromium failed (see above); browser tests cannot run"; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  echo "make browser: installing Debian's chromium with sudo ..."; \
	  { sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	    || echo "make browser: installing chromium failed (see above); browser tests cannot run"; \
	else \
	  echo "make browser: Chromium is missing and installing it needs root: run 'sudo apt-get install chromium' (browser tests are skipped until then)"; \
	fi

screenshots: $(READY) browser ## after `make reproduce`: open reports/ offline in Chromium, check it, save reports/screenshots/
	$(BIN)/python -m helpers.present.browser reports

lab: $(READY) ## open JupyterLab on notebooks/ with the project kernel (makes the sample first if missing)
	$(BIN)/python -c 'from helpers import paths, pipeline; pipeline.ensure_sample(paths.SAMPLE_DIR)'
	$(BIN)/jupyter lab --notebook-dir=notebooks --MappingKernelManager.default_kernel_name=$(KERNEL) \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

nbsync: $(READY) ## strip outputs from notebooks and rewrite their parameters cells from params/default.yaml
	$(BIN)/python -m helpers.run.nbsync

lock: ## re-pin requirements.txt from requirements.in (needs the network to PyPI)
	rm -rf build/lock && $(PYTHON) -m venv build/lock
	build/lock/bin/pip install --quiet -r requirements.in
	{ sed -n '1,3p' requirements.txt; build/lock/bin/pip freeze --exclude-editable; } > requirements.txt.new
	mv requirements.txt.new requirements.txt

# `make mutate`: mutation testing (mutmut) of the modules that make published numbers or let markup
# through, one at a time against their fast tests (slow; not part of `make test`). MODULES="prose fields"
# measures only those. Writes docs/mutation-testing.md and docs/mutation-results.json.
MODULES ?=
mutate: $(READY) ## mutation testing of the number-making modules (slow) -> docs/mutation-testing.md
	$(BIN)/python tools/mutate.py $(MODULES)

# `make bench`: the full-scale benchmark (scale 1.0 unless SCALE= is given on the command line; SCALE's
# default above is the sample's). Generated data stays in bench/; results in BENCHMARKS.md.
# `make bench ARCHIVE=1`: instead, the synthetic archive of all 48 datasets (issue 16): ARCHIVE_TWEETS (50
# million) and ARCHIVE_ALSO (10 million) tweets, parse limit, ingest, DuckDB, the sequence. It checks the
# disk first (about 45 GB for both sizes) and takes about an hour -> the archive section of BENCHMARKS.md.
BENCH_SCALE = $(if $(filter command line,$(origin SCALE)),$(SCALE),1.0)
ARCHIVE_TWEETS ?= 50e6
ARCHIVE_ALSO ?= 10e6
.PHONY: bench
bench: $(READY) ## benchmark ingest and the sequence on a full-scale release (SCALE=0.1: quick look) -> BENCHMARKS.md; ARCHIVE=1: the 50-million-tweet synthetic archive (~45 GB disk, ~1 h)
ifneq ($(ARCHIVE),)
	$(BIN)/python -m benchmarks.archive --tweets $(ARCHIVE_TWEETS) --also $(ARCHIVE_ALSO)
else
	$(BIN)/python -m benchmarks.run --scale $(BENCH_SCALE)
	$(BIN)/python -m benchmarks.coordination --scale $(BENCH_SCALE)
endif

clean: ## remove generated data, cache and reports (keeps .venv and the committed figures)
	rm -rf data cache reports build bench
