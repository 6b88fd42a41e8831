"""`tqcheck rule CODE` explains one rule, like `ruff rule`."""

from __future__ import annotations

import pytest

from tqcheck.rules.catalog import all_rules
from tqcheck.rules.packs import builtin_pack_names, load_packs

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_is_explained(cli, rule) -> None:
    result = cli("rule", rule.code.lower())
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{rule.code} {rule.name}" and rule.description in lines
    assert f"category: {rule.category}" in lines and f"severity: {rule.severity.value} (default)" in lines
    assert f"  command line: tqcheck check --ignore {rule.code} ..." in lines


def test_pack_rules_show_their_own_examples(cli) -> None:
    for pack in load_packs(builtin_pack_names()):
        for spec in pack.spec.rules:
            shown = cli("rule", spec.code).stdout
            assert all(f"  {e.text}" in shown for e in spec.examples.fail_examples() + spec.examples.pass_examples())


def test_glossary_rules_show_examples_from_the_glossary(cli) -> None:
    assert "'Dragon mouth' is a literal translation of 'Snapdragon'" in cli("rule", "TQ101").stdout


def test_unknown_rule_names_the_closest(cli) -> None:
    result = cli("rule", "TQ1O4")
    assert result.exit_code == 2
    assert "unknown rule code or prefix 'TQ1O4' (did you mean 'TQ104'?" in result.stderr
