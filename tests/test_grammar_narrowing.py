"""LanguageTool matches narrowed to the words their suggestions rewrite (invented sentences only)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tqcheck.grammar.mapping import to_hit
from tqcheck.grammar.narrowing import narrowed


@pytest.mark.parametrize("text,suggestions,kept", [
    ("there's many reasons", ["there are many reasons"], "there's"),  # the unchanged words after are context
    ("at the far side", ["on the far side"], "at"),
    ("sort of a", ["sort of"], "of a"),                              # a deletion marks the word before it too
    ("those water", ["that water"], "those"),
    ("Those water", ["That water", "Those waters"], "Those water"),  # the suggestions rewrite different words
    ("snow fall", ["snowfall"], "snow fall"),                          # joining words: both are the error
    ("It", [" It"], "It"),                                             # only white space added
    ("cat  dog", ["cat dog"], "cat  dog"),                             # only white space removed mid-match
    ("teh", ["the", "tech"], "teh"),                                  # one word stays whole
    ("in an moment", ["in a moment"], "an"),                          # a word is never cut in half
    ("word", [], "word"),
])
def test_the_span_keeps_only_the_rewritten_words(text: str, suggestions: list[str], kept: str) -> None:
    head, end, cut = narrowed(text, suggestions)
    assert text[head:end] == kept
    assert [text[:head] + s + text[end:] for s in cut] == suggestions


@given(st.text(alphabet="ab ,'", max_size=12), st.lists(st.text(alphabet="ab ,'", max_size=12), max_size=3))
def test_applying_a_cut_suggestion_to_the_cut_span_gives_the_suggestion(text: str, suggestions: list[str]) -> None:
    head, end, cut = narrowed(text, suggestions)
    assert 0 <= head <= end <= len(text)
    assert [text[:head] + s + text[end:] for s in cut] == suggestions
    assert (head, end) == (0, len(text)) or (head == 0 or text[head - 1].isspace()) and (
        end == len(text) or text[end].isspace())


def test_a_hit_carries_the_narrowed_span_and_suggestion() -> None:
    text = "We saw there's many birds here."
    match = SimpleNamespace(offset=7, error_length=len("there's many birds"), message="Did you mean?",
                            rule_id="THERE_S_MANY", category="GRAMMAR", replacements=["there are many birds"],
                            rule_issue_type="grammar")
    hit = to_hit(match, text)
    assert text[hit.start:hit.end] == "there's" and hit.suggestions == ("there are",)


def test_a_capitalised_word_spelled_the_other_variant_s_way_is_a_variant_hint_not_a_name() -> None:
    text = "Colour samples came in."
    match = SimpleNamespace(offset=0, error_length=6, message="Possible spelling mistake. ‘Colour’ is British English.",
                            rule_id="MORFOLOGIK_RULE_EN_US", category="TYPOS", replacements=["Color"],
                            rule_issue_type="misspelling")
    assert to_hit(match, text, hints=True).rule.code == "TQ831"
    match.message = "Possible spelling mistake found."
    assert to_hit(match, text, hints=True).rule.code == "TQ830"  # an unknown capitalised word stays a name hint
