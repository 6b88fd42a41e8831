"""Every built-in rule's and glossary entry's pass/fail examples, collected automatically."""

from __future__ import annotations

import pytest

from tqcheck.rules.examples import run_glossary_examples, run_pack_examples
from tqcheck.rules.glossary import DEFAULT_GLOSSARY, load_glossary
from tqcheck.rules.packs import Pack, builtin_pack_names, load_pack
from tqcheck.rules.kinds import KINDS
from tqcheck.rules.spec import Examples

PACKS = [load_pack(name) for name in builtin_pack_names()]
RULES = [(pack, index) for pack in PACKS for index in range(len(pack.spec.rules))]


def _single_rule_pack(pack: Pack, index: int) -> Pack:
    spec = pack.spec.model_copy(update={"rules": [pack.spec.rules[index]]})
    lines = {("rules", 0) + key[2:]: line for key, line in pack.lines.items() if key[:2] == ("rules", index)}
    return Pack(spec, pack.file, lines)


@pytest.mark.parametrize("pack,index", RULES, ids=[p.spec.rules[i].code for p, i in RULES])
def test_pack_rule_examples(pack: Pack, index: int) -> None:
    assert run_pack_examples(_single_rule_pack(pack, index)) == []


def test_default_glossary_examples() -> None:
    glossary = load_glossary(DEFAULT_GLOSSARY)
    assert len(glossary.spec.terms) >= 250
    assert run_glossary_examples(glossary) == []


def test_sample_glossary_examples() -> None:
    from pathlib import Path

    glossary = load_glossary(str(Path(__file__).parent.parent / "samples" / "glossary.yaml"))
    assert run_glossary_examples(glossary) == []


def test_a_failing_example_is_reported_with_file_and_line() -> None:
    pack = PACKS[0]
    rule = pack.spec.rules[0]
    broken = rule.model_copy(update={"examples": Examples.model_validate({"fail": ["nothing to see here"]})})
    spec = pack.spec.model_copy(update={"rules": [broken]})
    failures = run_pack_examples(Pack(spec, "house.yaml", {("rules", 0): 7, ("rules", 0, "examples", "fail", 0): 9}))
    assert len(failures) == 1
    assert str(failures[0]).startswith(f"house.yaml:9: {rule.code}: fail example 'nothing to see here': not flagged")


def test_codes_are_unique() -> None:
    codes = [rule.code for pack in PACKS for rule in pack.spec.rules]
    assert len(codes) == len(set(codes))
    # The union dispatches on `kind`: each rule is validated by the model its kind registered.
    assert all(type(rule) is KINDS[rule.kind].spec for pack in PACKS for rule in pack.spec.rules)
