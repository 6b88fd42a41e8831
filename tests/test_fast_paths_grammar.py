"""The grammar client's fast paths give exactly what language-tool-python and urllib gave: the form encoding of a
request's text, and the matches of an answer (offsets in Python characters, NFKC messages), but for the length
of a match over an astral character, which language-tool-python left in UTF-16 units."""

from __future__ import annotations

import copy
import re
import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st
from language_tool_python.match import Match as ReferenceMatch

from tqcheck.grammar.client import check_fields, form_value, language_tag, matches

_ASTRAL_CHAR = re.compile("[\U00010000-\U0010FFFF]")

# Prose with what needs escaping: punctuation, line breaks, accents, CJK, emoji (two UTF-16 units), '+', '&', '%'.
PROSE = st.text(st.sampled_from(list("ab Z09_.-~\n\t+&=%/?#'\"’é中") + ["\U0001F600", "\U00010348", "ﬁ", "①"]),
                max_size=60) | st.text(max_size=40)


@given(PROSE)
def test_form_value_is_quote_plus(text: str) -> None:
    assert form_value(text) == urllib.parse.quote_plus(text).encode()


def _answer(offset: int, length: int, message: str) -> dict:
    return {"message": message, "offset": offset, "length": length,
            "replacements": [{"value": "x"}, {"value": "y", "shortDescription": "z"}],
            "context": {"text": "ctx", "offset": 0, "length": length}, "sentence": "s",
            "rule": {"id": "SOME_RULE", "issueType": "grammar", "category": {"id": "GRAMMAR", "name": "Grammar"}}}


@given(PROSE, st.data())
def test_matches_are_language_tool_python_matches(text: str, data) -> None:
    # LanguageTool's offsets count UTF-16 units: anywhere from 0 to the text's length in them.
    units = len(text.encode("utf-16-le")) // 2
    answers = [_answer(data.draw(st.integers(0, units)), data.draw(st.integers(0, 5)),
                       data.draw(st.sampled_from(["Did you mean ‘ﬁle’?", "Plain.", "Ｆｕｌｌ width ①"])))
               for _ in range(data.draw(st.integers(0, 4)))]
    expected = [ReferenceMatch(answer, text) for answer in copy.deepcopy(answers)]
    found = matches(answers, text)
    # The length too, but where language-tool-python left it in UTF-16 units (a span over an emoji): see below.
    assert [(m.rule_id, m.category, m.rule_issue_type, m.message, m.replacements, m.offset) for m in found] == [
        (m.rule_id, m.category, m.rule_issue_type, m.message, m.replacements, m.offset) for m in expected]
    assert [m.error_length for m in found if not _ASTRAL_CHAR.search(text[m.offset:m.offset + m.error_length])] == [
        r.error_length for m, r in zip(found, expected)
        if not _ASTRAL_CHAR.search(text[m.offset:m.offset + m.error_length])]


def test_language_tags_are_language_tool_python_s() -> None:
    """The server's spelling of a tag, and the tags it refuses, as language-tool-python's LanguageTag has them."""
    from language_tool_python.language_tag import LanguageTag

    languages = {"en", "en-US", "en-GB", "de", "de-DE", "auto"}
    for tag in ("en-US", "en_us", "EN-gb", "en", "de-XX", "de"):
        assert language_tag(tag, languages) == str(LanguageTag(tag, languages))
    for tag in ("", "xx", "not a tag"):
        with pytest.raises(ValueError):
            LanguageTag(tag, languages)
        with pytest.raises(ValueError):
            language_tag(tag, languages)


def test_fields_are_sorted_and_in_language_tool_python_s_order() -> None:
    """The parameters language-tool-python sent for the same settings, in its order, each list sorted."""
    fields = check_fields("en-US", disabled_rules=["B", "A", "B"], disabled_categories={"Y", "X"})
    assert list(fields.items()) == [("language", "en-US"), ("disabledRules", "A,B"), ("disabledCategories", "X,Y")]
    fields = check_fields("en-US", "de", enabled_only=True, enabled_categories=["FALSE_FRIENDS"], picky=True)
    assert list(fields.items()) == [("language", "en-US"), ("motherTongue", "de"), ("enabledOnly", "true"),
                                    ("enabledCategories", "FALSE_FRIENDS"), ("level", "picky")]


@given(PROSE, st.data())
def test_matches_cover_the_characters_of_their_utf16_span(text: str, data) -> None:
    # A match's length counts UTF-16 units too: one over an emoji must not reach into the text after it.
    units = text.encode("utf-16-le")
    bounds = [0]
    for char in text:
        bounds.append(bounds[-1] + (2 if ord(char) > 0xFFFF else 1))
    start = data.draw(st.sampled_from(bounds))
    end = data.draw(st.sampled_from([b for b in bounds if b >= start]))
    [found] = matches([_answer(start, end - start, "Plain.")], text)
    assert text[found.offset:found.offset + found.error_length] == units[2 * start:2 * end].decode("utf-16-le")


def test_a_match_over_an_emoji_ends_where_the_emoji_ends() -> None:
    [found] = matches([_answer(2, 4, "Plain.")], "a \U0001F600\U0001F600 b")
    assert (found.offset, found.error_length) == (2, 2)
