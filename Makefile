# zwgk-audit: `make test` and `make demo` set themselves up on a machine with only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: test demo lint format samples bench clean help

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' Makefile | sed 's/:.*##/\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP)  ## set up .venv and run the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

demo: $(STAMP)  ## serve the sample sites, crawl them into output/audit.duckdb, print the summary
	$(BIN)/zwgk demo

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)  ## apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

samples: $(STAMP)  ## regenerate the sample sites and their answer key
	$(BIN)/python -m samples.generator

clean:  ## remove the virtualenv and outputs
	rm -rf $(VENV) output .pytest_cache
