"""The repeated-word kind (TQ410) on words that only look doubled once case is ignored."""

from __future__ import annotations

import pytest

from tqcheck.app import App
from tqcheck.config import load_config
from tqcheck.documents.loader import parse


def _codes(text: str) -> list[tuple[str, str]]:
    checker = App(load_config(None, {"grammar": False, "cache": False})).checker
    return [(f.code, f.text) for f in checker.check(parse(text, "a.txt")) if f.code == "TQ410"]


@pytest.mark.parametrize("text", ["The phone costs $99 at AT&T in Dallas.", "Information technology: most people call it IT.",
                                  "Prices rose for us US buyers."])
def test_a_word_beside_the_same_letters_in_capitals_is_a_name_not_a_slip(text: str) -> None:
    assert _codes(text) == []


@pytest.mark.parametrize("text, flagged", [("The the phone is new.", "The the"), ("He sat at at the table.", "at at"),
                                           ("It was the the.", "the the")])
def test_a_word_written_twice_is_still_a_slip(text: str, flagged: str) -> None:
    assert _codes(text) == [("TQ410", flagged)]
