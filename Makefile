# Two commands set up a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test test-fast import build serve bench eval golden clean audit

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Re-import only when a seed is newer than content/ (or content/ is missing);
# import itself keeps every record a person has edited.
IMPORTED := .khotin-cache/imported
$(IMPORTED): $(STAMP) $(wildcard seeds/*)
	$(BIN)/khotin import --seeds seeds --content content
	mkdir -p .khotin-cache && touch $(IMPORTED)

import: $(STAMP)
	$(BIN)/khotin import --seeds seeds --content content

site: $(IMPORTED)
	$(BIN)/khotin build --content content --templates templates --out site

build: $(STAMP)
	$(BIN)/khotin build

serve: $(STAMP)
	$(BIN)/khotin serve

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# Loader accuracy on real articles (eval/corpus, rebuilt by eval/make_corpus.py) → eval/RESULTS.md
eval: $(STAMP)
	$(BIN)/python eval/run.py

# Lighthouse (npm, pinned; Node 18.16+) on the seed site's home, article, search and
# district pages, with Debian's chromium; fails unless every category scores 100.
LIGHTHOUSE_VERSION := 12.2.3
LIGHTHOUSE := .tools/lighthouse/node_modules/lighthouse/cli/index.js
$(LIGHTHOUSE):
	npm install --no-audit --no-fund --prefix .tools/lighthouse lighthouse@$(LIGHTHOUSE_VERSION)

audit: $(STAMP) $(LIGHTHOUSE)
	CHROME_PATH=/usr/bin/chromium $(BIN)/python tools/audit.py

BENCH_N ?= 10000
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py --count $(BENCH_N)

clean:
	rm -rf site .khotin-cache
