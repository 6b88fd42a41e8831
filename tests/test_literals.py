"""The strings a pattern cannot match without (rules/literals.py) gate pattern rules: a wrong string would silently
drop findings, so every text a pattern matches must hold one of them."""

from __future__ import annotations

import random

import pytest
import regex

from tqcheck.rules.literals import required
from tqcheck.rules.packs import builtin_pack_names, load_pack

PATTERNS = [(rule.pattern, rule.ignore_case,
             [e.text for e in rule.examples.fail_examples() + rule.examples.pass_examples()])
            for name in builtin_pack_names() for rule in load_pack(name).spec.rules if rule.kind == "pattern"]

INVENTED = [
    (r"\bcolou?r\b", False, {"colo"}),
    (r"(?:the|a)[ \t]+big dog", True, {"big dog"}),
    (r"Wi-?Fi", False, {"Wi"}),  # the optional hyphen splits the string: the longer side wins
    (r"\b(?:cat|dog)s\b", False, {"cats", "dogs"}),
    (r"(?<=\bsaid )that", False, {"said "}),
]


@pytest.mark.parametrize("pattern, ignore_case, expected", INVENTED)
def test_required_strings_of_invented_patterns(pattern: str, ignore_case: bool, expected: set[str]) -> None:
    found = required(pattern, ignore_case)
    assert found is not None and found[0] == expected and found[1] == ignore_case


@pytest.mark.parametrize("pattern", [r"[[:alpha:]]+ing", r"(?:colour){e<=1}", r"\X\X", r".*b?", r"x?", r"[^ab]c?",
                                     r"(?i)\p{Lu}", r"(?x)a{2 }b", r"(?x)a{2, 3}b"])
def test_unknown_syntax_or_nothing_needed_gives_no_strings(pattern: str) -> None:
    assert required(pattern, False) is None


@pytest.mark.parametrize("pattern, text", [
    (r"(?si:grey area)", "a GREY AREA"),  # a scoped case-insensitive group whose flags do not start with i
    (r"\b(?s-i:he (?mi:said))", "he SAID"),
    (r"\\p{L}etter", r"the \p{L}etter escape"),  # an escaped backslash, then a plain `p{L}`: no property
])
def test_required_strings_occur_in_every_text_an_invented_pattern_matches(pattern: str, text: str) -> None:
    assert regex.search(pattern, text, regex.MULTILINE)
    found = required(pattern, False)
    if found is not None:
        strings, folded = found
        haystack = text.lower() if folded else text
        assert any(s in haystack for s in strings), (text, sorted(strings))


def _texts(examples: list[str]) -> list[str]:
    """The rule's own examples, and each cut and recombined so that matches start and end anywhere."""
    rng = random.Random(12)
    texts = list(examples)
    for text in examples:
        for _ in range(5):
            a, b = sorted(rng.randrange(len(text) + 1) for _ in range(2))
            texts.append(text[a:b])
            texts.append(text[b:] + " " + text[:a])
    return texts


@pytest.mark.parametrize("pattern, ignore_case, examples", PATTERNS, ids=[p[:30] for p, _, _ in PATTERNS])
def test_every_text_a_builtin_pattern_matches_holds_a_required_string(pattern: str, ignore_case: bool,
                                                                     examples: list[str]) -> None:
    found = required(pattern, ignore_case)
    if found is None:
        pytest.skip("no strings known for this pattern: it always runs")
    strings, folded = found
    compiled = regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))
    matched = 0
    for text in _texts(examples):
        if compiled.search(text):
            matched += 1
            haystack = text.lower() if folded else text
            assert any(s in haystack for s in strings), (text, sorted(strings))
    assert matched, "no example matched: the test proves nothing for this pattern"
