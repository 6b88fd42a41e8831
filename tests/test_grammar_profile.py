"""The mt-review profile's measured rule lists, and LanguageTool matches that are page layout rather than prose."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tqcheck.findings import Severity
from tqcheck.grammar.mapping import KNOWN_WORD_MIN_ZIPF, is_indentation, is_known_word, to_hit
from tqcheck.rules.wordlist import zipf
from tqcheck.grammar.profiles import DISABLED_CATEGORY_LISTS, DISABLED_RULE_LISTS, profile
from tqcheck.resources import data_dir


def test_mt_review_switches_off_every_measured_list_and_strict_nothing() -> None:
    chosen = json.loads((data_dir() / "grammar" / "mt-review.json").read_text(encoding="utf-8"))
    listed = {rule for key in DISABLED_RULE_LISTS for rule in chosen.get(key, ())}
    assert set(profile("mt-review").disabled_rules) == listed
    assert "EN_DATE_WEEKDAY_CURRENTYEAR" in listed  # a verdict that changes with the day of the check
    categories = {category for key in DISABLED_CATEGORY_LISTS for category in chosen.get(key, ())}
    assert set(profile("mt-review").disabled_categories) == categories
    assert {"STYLE", "REDUNDANCY"} <= categories  # LanguageTool types every rule of theirs as style
    assert profile("strict").disabled_rules == () and profile("strict").disabled_categories == ()


def _whitespace(offset: int, length: int) -> SimpleNamespace:
    return SimpleNamespace(offset=offset, error_length=length)


@pytest.mark.parametrize("text,offset,length,layout", [
    ("First line.\n   • A bullet", 12, 3, True),   # indentation that opens a line
    ("   Indented first line", 0, 3, True),
    ("Two  spaces inside a sentence.", 3, 2, False),  # a doubled space in running text is a real slip
    ("Read more:\n  x", 10, 1, False),            # the line break itself is not indentation
    ("A word.\nWrod here", 8, 4, False),           # a word at a line start is not white space
])
def test_indentation_is_layout_not_an_error(text: str, offset: int, length: int, layout: bool) -> None:
    assert is_indentation(_whitespace(offset, length), text) is layout


def _spelling(word: str, message: str) -> SimpleNamespace:
    return SimpleNamespace(offset=4, error_length=len(word), message=message, rule_id="MORFOLOGIK_RULE_EN_US",
                           category="TYPOS", replacements=["x"], rule_issue_type="misspelling")


@pytest.mark.parametrize("word,message,hints,code", [
    ("colour", "Possible spelling mistake. ‘colour’ is British English.", True, "TQ831"),
    ("colour", "Possible spelling mistake. ‘colour’ is British English.", False, "TQ801"),  # strict keeps it
    ("colr", "Possible spelling mistake found.", True, "TQ801"),  # a plain misspelling stays an error
])
def test_a_spelling_of_another_english_variant_is_a_hint_in_mt_review(word, message, hints, code) -> None:
    hit = to_hit(_spelling(word, message), f"The {word} here.", hints)
    assert hit.rule.code == code
    assert (hit.rule.severity is Severity.NEUTRAL) == (code == "TQ831")


# Misspellings common enough for English word statistics to count them; wordfreq knows the commonest near Zipf 3.
COMMON_MISSPELLINGS = ("alot", "teh", "thier", "untill", "definately", "seperate", "occured", "wich", "recieve", "recieved",
                       "truely", "goverment", "wierd", "begining", "beleive", "accomodate", "existance")


@pytest.mark.parametrize("word", COMMON_MISSPELLINGS)
def test_the_known_word_threshold_stays_above_common_misspellings(word: str) -> None:
    assert 2.0 < zipf(word) < KNOWN_WORD_MIN_ZIPF  # counted by wordfreq, yet below the threshold
    assert not is_known_word(word)


@pytest.mark.parametrize("word,rule_id,hints,code", [
    ("pr", "MORFOLOGIK_RULE_EN_US", True, "TQ832"),          # a right word the dictionary lacks
    ("pr", "MORFOLOGIK_RULE_EN_US", False, "TQ801"),         # strict keeps it
    ("shopfront", "MORFOLOGIK_RULE_EN_US", True, "TQ801"),   # a right word too rare to tell from a misspelling
    ("seperate", "MORFOLOGIK_RULE_EN_US", True, "TQ801"),    # a misspelling wordfreq counts stays an error
    ("iphone", "EN_SPECIFIC_CASE", True, "TQ801"),           # not the speller: a casing rule's misspelling type
])
def test_a_word_english_word_statistics_know_is_a_hint_in_mt_review(word, rule_id, hints, code) -> None:
    match = SimpleNamespace(offset=4, error_length=len(word), message="Possible spelling mistake found.",
                            rule_id=rule_id, category="TYPOS", replacements=["x"], rule_issue_type="misspelling")
    hit = to_hit(match, f"The {word} here.", hints)
    assert hit.rule.code == code
    assert (hit.rule.severity is Severity.NEUTRAL) == (code == "TQ832")
