# Two commands set up a fresh machine: `make serve` and `make test`.
# Both create .venv when it is missing and install the pinned dependencies.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build packages check lint bench offline clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: the site on http://$(ADDR), rebuilt as sources change (make serve ADDR=127.0.0.1:8001)
ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/properdocs serve --strict --dev-addr $(ADDR)

NODE_STAMP := node_modules/.installed

# axe-core, the Nu HTML checker and Lighthouse, from package-lock.json (used offline by tests and bench)
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

# Tools whose dependencies clash with ours (cffconvert needs jsonschema<4), in a venv of their own.
TOOLS := .venv-tools
TOOLS_STAMP := $(TOOLS)/.installed
$(TOOLS_STAMP): Makefile
	test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet cffconvert==2.0.0
	touch $(TOOLS_STAMP)

## test: the whole test suite (unit, integrity, site, browser)
test: $(STAMP) $(NODE_STAMP) $(TOOLS_STAMP)
	$(BIN)/ruff check macros tests bench
	$(BIN)/python -m pytest

## build: check, then the engine's strict build into site/; one at a time; a failed build leaves site/ as it was
build: $(STAMP)
	$(BIN)/python -m macros build

## packages: the build, plus SCORM 1.2, Common Cartridge and EPUB files in site/downloads/, offered on the pages
packages: $(STAMP)
	$(BIN)/python -m macros build --packages

## offline: a copy that works opened from files (search included), zipped
offline: $(STAMP) $(NODE_STAMP)
	rm -rf .site-offline resonance-offline.zip
	OFFLINE=true $(BIN)/properdocs build --strict --site-dir .site-offline
	cd .site-offline && $(abspath $(BIN))/python -m zipfile -c ../resonance-offline.zip .
	@echo "resonance-offline.zip: unzip it anywhere and open index.html"

## check: validate every source without building
check: $(STAMP)
	$(BIN)/python -m macros check

lint: $(STAMP)
	$(BIN)/ruff check macros tests bench

## bench: build time against plain Material, scaling, page weight, make serve, Lighthouse performance (minutes; not part of test)
## options in BENCH, e.g. make bench BENCH="--build-scales 1,10,100" (see bench/README.md)
BENCH ?=
bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python bench/run.py $(BENCH)

clean:
	rm -rf site site.new site.old site.lock .site-offline resonance-offline.zip .pytest_cache .cache
