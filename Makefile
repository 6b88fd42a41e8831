# `make demo` and `make test` set everything up from scratch (virtualenv, package, test tools, LanguageTool)
# and run. LanguageTool goes to ~/.cache/tqcheck/languagetool (Maven keeps its downloads in ~/.m2).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup languagetool demo test bench bench-vale evaluate clean

setup: $(VENV)/.installed languagetool

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

languagetool: $(VENV)/.installed
	$(BIN)/tqcheck languagetool install --languages en,es,pt

# The samples hold deliberate artifacts, so tqcheck exits 1 here; make reports it and carries on.
demo: setup
	-$(BIN)/tqcheck check samples/

test: setup
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/rules_throughput.py
	$(BIN)/python benchmarks/grammar_speed.py 200

# Builds Vale with Go into the cache folder on its first run; several minutes (Vale is slow on a big glossary).
bench-vale: setup
	$(BIN)/python benchmarks/vs_vale.py

# Real data is read from ../shared (or $$TQCHECK_SHARED); the grammar run starts LanguageTool.
evaluate: setup
	$(BIN)/python benchmarks/real_mt.py
	$(BIN)/python benchmarks/real_mt.py --grammar
	$(BIN)/python benchmarks/clean_en.py
	$(BIN)/python benchmarks/recall.py 200
	$(BIN)/python benchmarks/false_alarms.py
	$(BIN)/python benchmarks/agreement.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
