"""Speed work on the pattern rules, the findings and the glossary must not change output: each fast path gives
exactly what the plain way gives (the plain versions are written out here)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.rules.phrase_index import LiteralSearch

# Letters that fold apart or to several letters, a surrogate, and the characters UTF-8 writes in two to four bytes.
ALPHABET = st.sampled_from(list("abcAB .-(\n") + ["ß", "ſ", "İ", "é", "\u0301", "Σ", "ς", "’", "\u200b", "😀", "\ud800"])


@settings(max_examples=300, deadline=None)
@given(strings=st.lists(st.text(ALPHABET, max_size=4), max_size=12), texts=st.lists(st.text(ALPHABET, max_size=40),
                                                                                 min_size=1, max_size=4))
def test_the_literal_search_finds_the_strings_that_occur(strings: list[str], texts: list[str]) -> None:
    search = LiteralSearch()
    for index, string in enumerate(strings):
        search.add(string, index % 2 == 1)
    for text in texts:
        folded = text.casefold()
        plain = (frozenset(s for i, s in enumerate(strings) if i % 2 == 0 and s in text),
                 frozenset(s for i, s in enumerate(strings) if i % 2 == 1 and s in folded))
        assert search.found(text, folded) == plain


def test_a_string_added_after_a_search_is_found_next_time() -> None:
    search = LiteralSearch()
    search.add("range top", True)
    assert search.found("The Range Top phone", "the range top phone") == (frozenset(), frozenset({"range top"}))
    search.add("Top", False)
    assert search.found("The Range Top phone", "the range top phone") == (frozenset({"Top"}), frozenset({"range top"}))
