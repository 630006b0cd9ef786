# zwgk-audit: `make test` and `make demo` set themselves up on a machine with only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# exact versions of every dependency (and of pip): the weekly job does not change under the
# assessor when a library releases; `make lock` re-resolves them on purpose
LOCK   := requirements.lock
# Debian packages the tests need: a real Chromium and its driver, a CJK font, pdftotext (the
# report); redis-server (the broker of the distributed crawl's tests)
SYSTEM_PACKAGES := chromium chromium-driver fonts-noto-cjk poppler-utils redis-server
SYSTEM_STAMP    := $(VENV)/.system

.PHONY: test demo lint format samples bench bench-quick clean help system lock

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' Makefile | sed 's/:.*##/\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[test]'
	touch $(STAMP)

$(SYSTEM_STAMP): Makefile | $(BIN)/python
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	    && command -v pdftotext >/dev/null && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
	    && (command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ]); then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "installing $(SYSTEM_PACKAGES) (Debian packages for the report, the broker and the tests)"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(SYSTEM_PACKAGES); \
	elif command -v sudo >/dev/null; then \
	    sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(SYSTEM_PACKAGES); \
	else \
	    echo "please install the Debian packages $(SYSTEM_PACKAGES) (as root), then run make again"; exit 1; \
	fi
	touch $(SYSTEM_STAMP)

system: $(SYSTEM_STAMP)  ## install the Debian packages the tests need (Chromium, a CJK font, pdftotext, redis-server)

test: $(STAMP) $(SYSTEM_STAMP)  ## set up .venv and the Debian packages, run the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	@# the project's modules compiled once: where PYTHONDONTWRITEBYTECODE is set (as on the CI
	@# machine) nothing else writes them, and each of the suite's several hundred Python processes
	@# compiled those it imports (0.11 s of a crawl's start: its 56 modules)
	$(BIN)/python -m compileall -q -x '/(\.venv|\.git|build)/' .
	$(BIN)/python -m pytest

demo: $(STAMP)  ## serve the sample sites, crawl them into output/audit.duckdb, print the summary
	$(BIN)/zwgk demo

lint: $(STAMP)  ## ruff lint and format check; the import layers (.importlinter)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports --no-cache

format: $(STAMP)  ## apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

samples: $(STAMP)  ## regenerate the sample sites and their answer key
	$(BIN)/python -m samples.generator

bench: $(STAMP) $(SYSTEM_STAMP)  ## run the benchmarks at full size (crawl, 6M-document scoring, 3,000-site report, workers: ~40 min)
	$(BIN)/python -m bench.crawl --repeat 5
	$(BIN)/python -m bench.score
	$(BIN)/python -m bench.report
	$(BIN)/python -m bench.scale
	$(BIN)/python -m bench.registry

bench-quick: $(STAMP) $(SYSTEM_STAMP)  ## every benchmark once at a small size: do they still run?
	$(BIN)/python -m bench.crawl --repeat 1
	$(BIN)/python -m bench.score --sites 20 --docs 200 --increment 200
	$(BIN)/python -m bench.report --sites 20 --docs 200
	$(BIN)/python -m bench.registry --sites 60
	$(BIN)/python -m bench.scale --copies 1 --latency 0 --workers 1 2 --only shiling nhc --into-sites 20

lock:  ## re-resolve every dependency to its newest release into requirements.lock (then run make test, commit)
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[test]'
	.lock-venv/bin/python -m pip freeze --all --exclude-editable > $(LOCK)
	rm -rf .lock-venv
	@echo "$(LOCK) re-resolved: run make test, then commit it"

clean:  ## remove the virtualenv and outputs
	rm -rf $(VENV) output .pytest_cache
