# Two commands work on a fresh machine: `make demo` and `make test`.  Each makes its own virtualenv.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test test-fast bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

## demo: repair the bundled Chinese news page from a web crawl and show what changed
demo: $(VENV)/.installed
	$(BIN)/encfix check samples/seed-zh-news-crawl.txt | head -n 12 || true
	@echo "..."
	$(BIN)/encfix fix samples/seed-zh-news-crawl.txt

## test: the whole suite (conformance, properties, CLI, corpus, Ray in local mode)
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q --durations=10

## bench: regenerate docs/benchmarks.md (a few minutes on 2 cores)
bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks.run_all

## fuzz: fuzz fix_text/fix_bytes for FUZZ_SECONDS (default 600)
fuzz: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.fuzz --seconds $${FUZZ_SECONDS:-600}

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
