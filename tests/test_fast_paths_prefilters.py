"""Prefilters and C-speed paths in the rule kinds and the findings step give exactly what the plain way gives, on
random text full of the characters where the two could part (case folding that changes lengths or leaves ASCII, odd
white space, the ends a key strips, empty texts, one-word texts, very long ones)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.rules.kinds.inconsistency import _LETTER_OR_DIGIT, _NAME_TOKEN, InconsistencyCheck, _letter_or_digit
from tqcheck.rules.kinds.repeated_text import RepeatedTextCheck, _repeats_any
from tqcheck.rules.sentences import coarse_key

# Pieces whose case folding or white space could tell two keys apart where the text does not, or the reverse.
KEY_PIECES = ["a", "A", "word", "Word", "WORD", "ß", "SS", "ss", "ſ", "s", "K", "k", "ﬁ", "fi", "İ", "i̇", "ς", "σ",
              "Σ", "é", "É", "e\u0301", " ", "  ", "\t", "\n", "\x1c", "\x85", "\u00a0", "\u2003", ".", "!", "?",
              "…", "\"", "'", "”", "’", ")", "]", ",", "-", "\ud800", "1"]
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


LINE_PIECES = ["a", "B", "word", "é", " ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u00a0",
               "\u1680", "\u2000", "\u200a", "\u200b", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", ".", "\ud800"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=60).map("".join), st.one_of(st.none(), st.integers(0, 5)))
def test_lines_are_the_line_pattern_s_matches(text: str, limit: int | None) -> None:
    from itertools import islice

    from tqcheck.rules.sentences import _LINE, lines

    assert list(lines(text, limit)) == [m.span() for m in islice(_LINE.finditer(text), limit)], repr(text)


def test_white_space_characters_are_the_white_space_class_and_the_regex_module_s() -> None:
    import re
    import sys

    import regex

    from tqcheck.rules.sentences import WHITE_SPACE, WHITE_SPACE_CHARACTERS

    spelt, module = re.compile(f"[{WHITE_SPACE}]"), regex.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (char in WHITE_SPACE_CHARACTERS) == bool(spelt.match(char)) == bool(module.match(char)), hex(code)


def test_lines_of_a_long_text_with_many_lines() -> None:
    from tqcheck.rules.sentences import _LINE, lines

    text = "\n".join(f" line {n} \t" if n % 3 else "" for n in range(3000)) + "\r last\u2028"
    assert list(lines(text)) == [m.span() for m in _LINE.finditer(text)]
    assert list(lines("word " * 20000, 2)) == [(0, 20000 * 5 - 1)]


SENTENCE_PIECES = ["Word", "word", "a", "ß", "é", " ", "  ", "\t", "\n", "\r", "\x0b", "\x1c", "\x85", "\u00a0", ".",
                   "!", "?", "…", "...", "\"", "'", "”", "’", ")", "]", "(", ",", "1"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=80).map("".join), st.booleans())
def test_sentence_coarse_keys_are_those_of_the_sentence_texts(text: str, ascii_only: bool) -> None:
    from tqcheck.rules.sentences import sentence_coarse_keys, sentence_texts

    if ascii_only:
        text = text.encode("ascii", "ignore").decode()
    assert sentence_coarse_keys(text) == [coarse_key(sentence) for sentence in sentence_texts(text)], repr(text)


# Pieces of model names and what stands between them: digits, letters ASCII and not, one or two separators, marks.
NAME_PIECES = ["S23", "Ultra", "ultra", "X", "9", "Pro", "Gen", "2", "é", "Ω", "٣", "²", "Ⅻ", "e\u0301", " ", "-", "  ",
               " - ", "_", ".", "/", "\n", "\u00a0", "’", "abcdefghijklmnopqrst"]


def _joined_run_plain(text: str, start: int, end: int, limit: int, max_tokens: int) -> list[tuple[int, int]]:
    """The window's tokens around the anchor as the kind found them before: every token of the window, cut to the
    tokens one space or hyphen apart around the anchor within `max_tokens - 1` on each side."""
    context = list(_NAME_TOKEN.finditer(text, max(0, start - 40), limit))
    index = next(i for i, t in enumerate(context) if t.start() == start)
    assert context[index].end() == end
    low, high = max(0, index - max_tokens + 1), min(len(context), index + max_tokens)

    def joined(a: int) -> bool:
        return text[context[a].end():context[a + 1].start()] in (" ", "-")

    first, last = index, index
    while first > low and joined(first - 1):
        first -= 1
    while last + 1 < high and joined(last):
        last += 1
    return [t.span() for t in context[first:last + 1]]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=40).map("".join), st.integers(1, 4), st.integers(0, 60))
def test_inconsistency_joined_run_is_the_window_s_joined_tokens(text: str, max_tokens: int, reach: int) -> None:
    """The joined tokens around each anchor, found outward from it, are the window's tokens one space or hyphen
    apart around it (the only windows the kind keeps), near the window's start and its limit too."""
    check = InconsistencyCheck.__new__(InconsistencyCheck)
    check.max_tokens = max_tokens
    for token in _NAME_TOKEN.finditer(text):
        limit = min(len(text), token.start() + 1 + reach)  # the anchor may be cut at the limit
        anchor = _NAME_TOKEN.match(text, token.start(), limit)
        run, index = check.joined_run(text, anchor.span(), max(0, token.start() - 40), limit)
        assert run == _joined_run_plain(text, *anchor.span(), limit, max_tokens), (text, token.span())
        assert run[index] == anchor.span()


def test_inconsistency_letter_or_digit_is_the_letter_or_number_class() -> None:
    """The ASCII shortcut answers what `[\\p{L}\\p{N}]` answers, on every code point (surrogates included)."""
    differ = [c for c in map(chr, range(0x110000)) if _letter_or_digit(c) != bool(_LETTER_OR_DIGIT.match(c))]
    assert not differ, differ[:10]
