"""A phrase's words match across whatever white space separates them within a paragraph (several spaces, a tab, a
line break, CRLF, other Unicode spaces), in every phrase-like rule; never across paragraphs, table cells or list
items."""

from __future__ import annotations

import pytest

from tqcheck.documents.loader import parse
from tqcheck.rules.glossary import TermEntry
from tqcheck.rules.phrase_index import PhraseIndex
from tqcheck.rules.terms import TermCheck


def _found(text: str, phrases: list[str], path: str = "a.md") -> list[str]:
    index: PhraseIndex[str] = PhraseIndex()
    for phrase in phrases:
        index.add(phrase, phrase)
    prose = parse(text, path).prose
    return [prose.text[start:end] for start, end, _ in index.find(prose.text, prose.folded, prose.spaced)]


@pytest.mark.parametrize("gap", ["  ", "   ", "\t\t", " \t", "\n", " \n  ", "\u2003", "\u00a0 ", "\u3000"])
def test_a_phrase_matches_across_any_white_space_within_a_paragraph(gap: str) -> None:
    text = f"A smart{gap}phone and a smart phone."
    assert _found(text, ["smart phone"], "a.txt") == [f"smart{gap}phone", "smart phone"]


def test_a_phrase_matches_across_a_crlf_line_break_in_plain_text() -> None:
    assert _found("A smart\r\nphone here.\r\n", ["smart phone"], "a.txt") == ["smart\r\nphone"]


def test_a_phrase_written_with_a_double_space_matches_a_single_space() -> None:
    assert _found("A smart phone.", ["smart  phone"]) == ["smart phone"]


@pytest.mark.parametrize("text", [
    "A smart\n\nphone in the next paragraph.",
    "A smart\n \nphone after a line of spaces.",
    "| smart | phone |\n|---|---|\n| cell | phone |\n",
    "- smart\n- phone\n",
    "# A smart\n\nphone\n",
    "A smart,  phone; a smart -  phone.",
])
def test_words_in_different_blocks_or_apart_by_punctuation_do_not_join(text: str) -> None:
    assert _found(text, ["smart phone"]) == []
    assert _found(text, ["smart phone"], "a.txt") == []


def test_positions_count_the_whole_gap() -> None:
    text = "One smart   phone, two SMART\tphone."
    index: PhraseIndex[int] = PhraseIndex()
    index.add("smart phone", 1)
    prose = parse(text, "a.txt").prose
    assert [(s, e) for s, e, _ in index.find(prose.text, prose.folded, prose.spaced)] == [(4, 17), (23, 34)]


def test_the_glossary_finds_wrong_forms_across_gaps_and_reads_the_right_spelling_across_a_line_break() -> None:
    check = TermCheck([TermEntry(term="Dragon Mouth", wrong=["Dragonmouth Bridge"], literal=["Mouth of the Dragon"])])
    prose = parse("The Dragon\nMouth opened. The Mouth of  the\nDragon is big. A Dragonmouth   Bridge.", "a.txt").prose
    hits = list(check.find(prose))
    assert [(h.rule.code, prose.text[h.start:h.end]) for h in hits] == [
        ("TQ101", "Mouth of  the\nDragon"), ("TQ102", "Dragonmouth   Bridge")]
    assert all("\n" not in h.message and "  " not in h.message for h in hits)


def test_a_phrases_rule_flags_a_phrase_with_a_double_space_in_a_markdown_file() -> None:
    from tqcheck.app import build_checker
    from tqcheck.config import load_config
    from tqcheck.decision import Decision

    checker = build_checker(load_config(None, {"grammar": False, "packs": ["calques"]}), Decision())
    text = "It is a smartphone of  high range.\n\nA phone of high\n\nrange. A phone of high\nrange.\n"
    found = [(f.code, f.line, f.column, f.text) for f in checker.check(parse(text, "a.md")) if f.code == "TQ502"]
    assert found == [("TQ502", 1, 20, "of  high range"), ("TQ502", 5, 16, "of high\nrange")]


@pytest.mark.parametrize("space", [chr(code) for code in range(0x3001) if chr(code).isspace()])
def test_every_white_space_character_joins_the_words_of_a_phrase(space: str) -> None:
    assert _found(f"A smart{space}phone.", ["smart phone"], "a.txt") == [f"smart{space}phone"]


def _leak_checker(folder):
    """A checker with one leakage rule listing words of one run and of several runs (and a pack file in `folder`)."""
    from tqcheck.app import build_checker
    from tqcheck.config import load_config
    from tqcheck.decision import Decision

    pack = folder / "leaks.yaml"
    pack.write_text("""pack: leaks
description: t
language: en
rules:
  - code: LK001
    name: leak-one
    kind: leakage
    context: in-english
    category: accuracy/untranslated
    severity: major
    message: "'{word}' is {language}; write '{translation}'"
    words:
      - {word: "por favor", languages: [es], translation: please}
      - {word: "d'accord", languages: [fr], translation: agreed}
      - {word: "gracias", languages: [es], translation: thanks}
    examples:
      fail:
        - "we said gracias to them"
      pass:
        - "We said thanks."
""")
    return build_checker(load_config(None, {"grammar": False, "packs": [str(pack)]}), Decision())


def test_a_leakage_rule_with_a_word_of_two_words_finds_it_across_a_gap(tmp_path) -> None:
    checker = _leak_checker(tmp_path)
    text = "we said gracias and por  favor to them, and por\nfavor again.\n"
    found = [(f.text, f.message) for f in checker.check(parse(text, "a.txt")) if f.code == "LK001"]
    assert found == [("gracias", "'gracias' is Spanish; write 'thanks'"),
                     ("por  favor", "'por favor' is Spanish; write 'please'"),
                     ("por\nfavor", "'por favor' is Spanish; write 'please'")]


@pytest.mark.parametrize("term", ["Dragon  Mouth", "Dragon\tMouth", "Dragon\u00a0Mouth"])
def test_a_term_listed_with_other_white_space_between_its_words_is_no_casing_error_where_written_right(
        term: str) -> None:
    # The text's white space between a term's words is read as one space: so is the glossary's.
    check = TermCheck([TermEntry(term=term)])
    for text in [f"The {term} opened.", "The Dragon Mouth opened.", "The Dragon\nMouth opened."]:
        assert list(check.find(parse(text, "a.txt").prose)) == [], text
    hits = list(check.find(parse("The dragon mouth opened.", "a.txt").prose))
    assert [(h.rule.code, h.suggestions) for h in hits] == [("TQ104", (term,))]


@pytest.mark.parametrize("text", ["we said por favor to them.\n", "we said por\nfavor to them.\n",
                                  "we said d'accord to them.\n"])
def test_a_leakage_rule_finds_a_word_of_several_runs_alone_in_a_text(tmp_path, text: str) -> None:
    # No single-word entry of the rule in the text: its pre-filter on whole tokens must not skip the text.
    checker = _leak_checker(tmp_path)
    found = [f.text for f in checker.check(parse(text, "a.txt")) if f.code == "LK001"]
    assert found == [text.split(" ", 2)[2].rsplit(" to", 1)[0]]
