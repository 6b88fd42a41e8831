"""Prefilters and C-speed paths in the rule kinds and the findings step give exactly what the plain way gives, on
random text full of the characters where the two could part (case folding that changes lengths or leaves ASCII, odd
white space, the ends a key strips, empty texts, one-word texts, very long ones)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.rules.kinds.repeated_text import RepeatedTextCheck, _repeats_any, coarse_key

# Pieces whose case folding or white space could tell two keys apart where the text does not, or the reverse.
KEY_PIECES = ["a", "A", "word", "Word", "WORD", "ß", "SS", "ss", "ſ", "s", "K", "k", "ﬁ", "fi", "İ", "i̇", "ς", "σ",
              "Σ", "é", "É", "e\u0301", " ", "  ", "\t", "\n", "\x1c", "\x85", "\u00a0", "\u2003", ".", "!", "?", "…",
              "\"", "'", "”", "’", ")", "]", ",", "-", "\ud800", "1"]
_texts = st.lists(st.sampled_from(KEY_PIECES), max_size=40).map("".join)


def _variant(text: str, how: int) -> str:
    """A text with the same key, or nearly: other case, other white space, other ends."""
    return [text, text.upper(), text.casefold(), text.swapcase(), " ".join(text.split()) + " .", "\t" + text + "”",
            text.replace(" ", "\n  "), text.rstrip(".!?…\"'”’)")][how % 8]


def _check(min_words: int) -> RepeatedTextCheck:
    check = RepeatedTextCheck.__new__(RepeatedTextCheck)
    check.min_words = min_words
    return check


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_texts, st.integers(0, 7)), max_size=12), st.sampled_from([1, 2, 3, 6]))
def test_repeated_text_quick_test_is_the_plain_key_comparison(pieces: list[tuple[str, int]], min_words: int) -> None:
    """Texts with equal keys have equal coarse keys, so the quick test answers what comparing keys answers."""
    texts = [text for base, how in pieces for text in (base, _variant(base, how))]
    check = _check(min_words)
    assert check.share_key(texts) == _repeats_any(map(check.key, texts)), texts


@settings(max_examples=400, deadline=None)
@given(_texts, _texts)
def test_equal_keys_have_equal_coarse_keys(first: str, second: str) -> None:
    check = _check(1)
    for a, b in ((first, second), *((first, _variant(first, how)) for how in range(8))):
        if check.key(a) == check.key(b):
            assert coarse_key(a) == coarse_key(b), (a, b)


def test_repeated_text_quick_test_on_long_and_empty_texts() -> None:
    check = _check(6)
    long = " ".join(["Word"] * 5000) + "."
    assert check.share_key([long, long.lower() + " "]) and not check.share_key([long, long + " more"])
    assert not check.share_key([]) and not check.share_key(["", ""]) and not check.share_key(["one.", "One!"])
    assert _check(1).share_key(["one.", "One!"])
