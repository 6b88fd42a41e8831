# `make demo` and `make test` set everything up from scratch (virtualenv, package, test tools, LanguageTool)
# and run. LanguageTool goes to ~/.cache/tqcheck/languagetool (Maven keeps its downloads in ~/.m2).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup languagetool demo test bench evaluate clean

setup: $(VENV)/.installed languagetool

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

languagetool: $(VENV)/.installed
	$(BIN)/tqcheck languagetool install --languages en,es,pt

# The samples hold deliberate artifacts, so tqcheck exits 1 on them: that is the expected end of the demo.
demo: setup
	@$(BIN)/tqcheck check samples/; status=$$?; \
	if [ $$status -eq 1 ]; then \
	  echo "demo: the samples fail on purpose (exit 1): each line above is path:line:column: CODE message" \
	       "[suggestion], then a quality score per file; \`tqcheck rule CODE\` explains a code."; \
	else exit $$status; fi

test: setup
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/rules_throughput.py
	$(BIN)/python benchmarks/grammar_speed.py 200

evaluate: setup
	$(BIN)/python benchmarks/recall.py 200
	$(BIN)/python benchmarks/false_alarms.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
