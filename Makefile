# `make demo` and `make test` set everything up from scratch (virtualenv, package, test tools, LanguageTool)
# and run. LanguageTool goes to ~/.cache/tqcheck/languagetool (Maven keeps its downloads in ~/.m2).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup bytecode languagetool browser demo test screenshot bench bench-vale evaluate clean

setup: $(VENV)/.installed languagetool bytecode

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# An editable install compiles nothing: without .pyc files every run would compile tqcheck's modules again (a third
# of a one-file run's time; more where PYTHONDONTWRITEBYTECODE is set). A wheel install compiles them the same way.
bytecode: $(VENV)/.installed
	$(BIN)/python -m compileall -q src/tqcheck

languagetool: $(VENV)/.installed
	$(BIN)/tqcheck languagetool install --languages en,es,pt

# The samples hold deliberate artifacts, so tqcheck exits 1 on them: that is the expected end of the demo.
demo: setup
	@$(BIN)/tqcheck check samples/; status=$$?; \
	if [ $$status -eq 1 ]; then \
	  echo "demo: the samples fail on purpose (exit 1): each line above is path:line:column: CODE message" \
	       "[suggestion], then a quality score per file; \`tqcheck rule CODE\` explains a code."; \
	else exit $$status; fi

# What the report tests drive: the JUnit schema (from pytest's source distribution) and Debian's Chromium for the
# HTML report (apt-get when missing; CI runs as root). Both are skipped when already there.
JUNIT_XSD := $(VENV)/schemas/junit-10.xsd

$(JUNIT_XSD): | $(VENV)/.installed
	$(BIN)/python tests/support/fetch_junit_schema.py $@

browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: setup $(JUNIT_XSD) browser
	$(BIN)/pytest

# Re-make the README's picture of the HTML report from the samples.
screenshot: setup browser
	$(BIN)/tqcheck check --no-grammar --no-cache samples --output html=build/screenshot/ >/dev/null || true
	$(BIN)/python tests/support/screenshot.py build/screenshot/index.html docs/html-report.png

bench: setup
	$(BIN)/python benchmarks/rules_throughput.py
	$(BIN)/python benchmarks/memory.py
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
