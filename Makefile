# TrollTracker reproduction. Every target sets itself up first; `make` alone lists them.
#   make reproduce                 run every notebook on the synthetic sample release
#   make reproduce DATA_DIR=path   the same on a real release folder
#   make test                      the test suite
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON   ?= $(shell command -v python3.11 || command -v python3)
VENV     := .venv
BIN      := $(VENV)/bin
KERNEL   := trolltracker
READY    := $(VENV)/.ready
PARAMS   ?= params/default.yaml
DATA_DIR ?=
SCALE    ?= 0.01
SEED     ?= 20181017

.PHONY: help setup sample reproduce test lab nbsync clean lock

help: ## list the targets
	@echo "Targets (each one sets up the environment it needs first):"
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo "Variables: DATA_DIR=<release folder> (default: the synthetic sample), PARAMS=<yaml>, SCALE=<sample scale>"

# The virtual environment is rebuilt from scratch whenever the pins or the package metadata change.
$(READY): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required, found " + sys.version.split()[0] + ": set PYTHON=/path/to/python3.11")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python 3.11 (trolltracker)" >/dev/null
	@# the kernel listens on localhost only: silence its TCP-transport warning in every run's output
	$(BIN)/python -c 'import json,sys,pathlib; p=pathlib.Path(sys.prefix,"share/jupyter/kernels/$(KERNEL)/kernel.json"); k=json.loads(p.read_text()); k["argv"]+=["--IPKernelApp.log_level=ERROR"]; p.write_text(json.dumps(k, indent=1))'
	touch $@

setup: $(READY) ## create .venv from requirements.txt and register the 'trolltracker' kernel

sample: $(READY) ## write the synthetic sample release to data/sample (SCALE=0.01, SEED=...)
	$(BIN)/python -m helpers.sample --out data/sample --scale $(SCALE) --seed $(SEED)

reproduce: $(READY) ## run the whole notebook sequence; figures/ and reports/index.html
	$(BIN)/python -m helpers.pipeline --params $(PARAMS) $(if $(DATA_DIR),--data-dir "$(DATA_DIR)")

test: $(READY) ## run the tests (unit, end-to-end notebook run)
	$(BIN)/python -m pytest

lab: $(READY) ## open JupyterLab on notebooks/ with the project kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks --MappingKernelManager.default_kernel_name=$(KERNEL)

nbsync: $(READY) ## strip outputs from notebooks and rewrite their parameters cells from params/default.yaml
	$(BIN)/python -m helpers.nbsync

lock: ## re-pin requirements.txt from requirements.in (needs the network to PyPI)
	rm -rf build/lock && $(PYTHON) -m venv build/lock
	build/lock/bin/pip install --quiet -r requirements.in
	{ sed -n '1,3p' requirements.txt; build/lock/bin/pip freeze --exclude-editable; } > requirements.txt.new
	mv requirements.txt.new requirements.txt

# `make bench`: the full-scale benchmark (scale 1.0 unless SCALE= is given on the command line; SCALE's
# default above is the sample's). Generated data stays in bench/; results in BENCHMARKS.md.
BENCH_SCALE = $(if $(filter command line,$(origin SCALE)),$(SCALE),1.0)
.PHONY: bench
bench: $(READY) ## benchmark ingest and the sequence on a full-scale release (SCALE=0.1: quick look) -> BENCHMARKS.md
	$(BIN)/python -m benchmarks.run --scale $(BENCH_SCALE)

clean: ## remove generated data, cache and reports (keeps .venv and the committed figures)
	rm -rf data cache reports build bench
