"""Speed work on the pattern rules, the findings and the glossary must not change output: each fast path gives
exactly what the plain way gives (the plain versions are written out here)."""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqcheck.rules.phrase_index import LiteralSearch
from tqcheck.rules.prefilter import line_bound
from test_prefilter import ALPHABET as PREFILTER_ALPHABET, _pattern  # random patterns over tricky characters

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


def _pattern_check(pattern: str, ignore_case: bool):
    from tqcheck.findings import RuleInfo, Severity
    from tqcheck.rules.context import BuildContext
    from tqcheck.rules.kinds.pattern import PatternCheck
    from tqcheck.rules.pattern_scan import PatternScan

    spec = PatternCheck.Spec.model_validate({"code": "TQ999", "name": "test", "category": "style/test",
                                             "severity": "minor", "message": "{match}", "pattern": pattern,
                                             "ignore_case": ignore_case, "examples": {"fail": ["x"]}})
    info = RuleInfo("TQ999", "test", "style/test", Severity.MINOR, "")
    return PatternCheck(spec, info, BuildContext(patterns=PatternScan()))


def _plain_spans(pattern: str, ignore_case: bool, text: str) -> list[tuple[int, int]]:
    """What the rule flags when its regex runs over the whole text (it skips empty matches)."""
    compiled = regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))
    return [m.span() for m in compiled.finditer(text) if m.end() > m.start()]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pattern(), st.booleans(), st.lists(st.text(alphabet=PREFILTER_ALPHABET, max_size=12), min_size=1, max_size=6))
def test_a_line_bound_pattern_run_on_the_lines_its_prefilter_finds_flags_what_it_flags_in_the_whole_text(
        pattern: str, ignore_case: bool, lines: list[str]) -> None:
    try:
        regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))
    except regex.error:
        return
    check = _pattern_check(pattern, ignore_case)
    if check.scan_id is None or not check.patterns.usable(check.scan_id):
        return
    for text in ("\n".join(lines), "\n\n".join(lines) + "\n", "\r\n".join(lines)):
        assert [(h.start, h.end) for h in check._hits(text)] == _plain_spans(pattern, ignore_case, text), (
            pattern, text, check.line_bound, check.spans(text))


@pytest.mark.parametrize("pattern, bound", [
    (r"\bmay\b(?=[ \t]+\d)", True), (r"(?<!\S)ab", True), (r"\p{L}+$", True), (r"(?<=\d[ \t]+)\p{L}+", True),
    (r"a\sb", False), (r"a[^x]b", False), (r"(?s)a.b", False), (r"\Aab", False), (r"ab\Z", False),
    (r"(?<![^a])b", False), (r"\P{L}x", False), (r"[\p{Cc}]x", False), (r"x(?=\W)", False), (r"a\nb", False),
    (r"ab(?-m:$)", False), (r"(?-m:^)ab", False), (r"(?-m:ab$)", False), (r"(?-m:(?m:^)ab)", True),
])
def test_a_pattern_is_line_bound_only_when_no_part_of_it_reaches_past_a_line_break(pattern: str, bound: bool) -> None:
    assert line_bound(pattern, False) is bound


def test_a_pattern_that_turns_multi_line_off_flags_only_at_the_text_s_end() -> None:
    text = "a foo\nb foo\nc foo\n"
    check = _pattern_check(r"foo(?-m:$)", False)
    assert [(h.start, h.end) for h in check._hits(text)] == _plain_spans(r"foo(?-m:$)", False, text) == [(14, 17)]


def test_a_line_bound_rule_runs_only_on_the_lines_its_prefilter_finds() -> None:
    check = _pattern_check(r"\bmay\b(?=[ \t]+\d)", False)
    text = "It may 5\nthe may be\nand may 7 x\nnone"
    assert check.spans(text) == [(3, 9), (24, 32)]  # from the first possible match of each line
    assert [text[h.start:h.end] for h in check._hits(text)] == ["may", "may"]
    assert _pattern_check(r"a\sb", False).spans(text) == [(0, len(text))]


def test_a_rule_whose_prefilter_matches_in_very_many_places_runs_over_the_whole_text() -> None:
    from tqcheck.rules.pattern_scan import MAX_PLACES

    check = _pattern_check(r"\bx\b", False)
    text = "x\n" * (MAX_PLACES + 1)
    assert check.spans(text) == [(0, len(text))]
    assert check.spans("x\n" * MAX_PLACES) == [(2 * i, 2 * i + 2) for i in range(MAX_PLACES)]


def test_builtin_line_bound_rules_flag_on_their_lines_what_they_flag_in_the_whole_text() -> None:
    from test_literals import _texts
    from test_prefilter import PATTERNS

    # Every rule's examples, cut and recombined, as lines and paragraphs of one document (and with CRLF).
    lines = [line for _, _, _, examples in PATTERNS for line in _texts(examples)]
    documents = ["\n".join(lines), "\n\n".join(lines[::-1]), "\r\n".join(lines[::2])]
    narrowed = flagged = 0
    for code, pattern, ignore_case, _ in PATTERNS:
        check = _pattern_check(pattern, ignore_case)
        for text in documents:
            spans = check.spans(text)
            narrowed += spans != [(0, len(text))]
            found = [(h.start, h.end) for h in check._hits(text)]
            assert found == _plain_spans(pattern, ignore_case, text), code
            flagged += len(found)
    assert narrowed > 20 and flagged > 200  # the comparison is not empty


def test_a_rule_run_on_several_lines_still_stops_at_its_time_limit() -> None:
    from tqcheck.documents.loader import parse
    from tqcheck.errors import RuleTimeout

    check = _pattern_check(r"(a|a)+\d", False)
    text = "a1 first\naa1 slow " + "a" * 60 + "\nthe a2 last\n"
    assert len(check.spans(text)) == 3
    with pytest.raises(RuleTimeout):
        list(check.find(parse(text, "a.txt").prose))


def _automaton_matches(automaton, text: str, folded: str) -> dict[int, list]:
    """The plain version of a phrase scan: an Aho-Corasick automaton over the same keys (every place of every key,
    in the text itself rather than one byte per character), on the folded text with each run of white space read
    character by character: one space where it holds at most one line break, else a space per character."""
    import ahocorasick

    from tqcheck.documents.prose import space_out

    squeezed, origins, at = [], [], 0
    while at < len(text):
        if not text[at].isspace():
            squeezed.append(folded[at])
            origins.append(at)
            at += 1
            continue
        end = at
        while end < len(text) and text[end].isspace():
            end += 1
        if len((text[at:end] + ".").splitlines()) <= 2:
            squeezed.append(" ")
            origins.append(at)
        else:
            squeezed += " " * (end - at)
            origins += range(at, end)
        at = end
    folded = "".join(squeezed)
    plain = ahocorasick.Automaton()
    for key, owners in automaton._keys.items():
        plain.add_word(key, owners)
    plain.make_automaton()
    found: dict[int, list] = {}
    for last, owners in plain.iter(" " + space_out(folded) + " "):
        for owner, (shift, entries) in owners.items():
            start = last + shift
            matched = [(len(phrase), payload) for phrase, payload in entries
                       if folded[start:start + len(phrase)] == phrase]
            if matched:
                width = max(w for w, _ in matched)
                found.setdefault(owner, []).append((origins[start], origins[start + width - 1] + 1,
                                                    [p for w, p in matched if w == width]))
    return {owner: sorted(places) for owner, places in found.items()}


# Words that share bytes when read one byte per character (ä, ŧ and ɡ are all 0xe5), folding letters.
PHRASE_WORDS = ["new", "york", "wi", "fi", "straße", "strasse", "ä", "ŧ", "ɡ", "xä", "xŧ", "a中", "the", "ſ"]


# What may stand between words: punctuation, white space within a paragraph, paragraph breaks.
SEPARATORS = ["", " ", "-", ": ", "\n", "’", "  ", "\t", " \n ", "\n\n", "\r\n", "\u2003", "\u2029", ", ", "\n \n",
              "\r\n\r\n", "\u00a0 ", "\x1f", "\x0b\x0b", " \x0b"]


def _phrase_lists(words: list[str]):
    return st.lists(st.lists(st.lists(st.sampled_from(words + ["-", ":"]), min_size=1, max_size=3).map(" ".join),
                             min_size=1, max_size=5), min_size=1, max_size=4)


def _texts(words: list[str]):
    return st.lists(st.tuples(st.sampled_from(words), st.sampled_from(SEPARATORS)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(lists=_phrase_lists(PHRASE_WORDS), words=_texts(PHRASE_WORDS))
def test_the_phrase_scan_finds_what_an_automaton_over_the_text_finds(lists: list[list[str]], words: list) -> None:
    _same_as_an_automaton(lists, words)


@settings(max_examples=300, deadline=None)
@given(lists=_phrase_lists(["new", "york"]), words=_texts(["new", "york"]))
def test_the_phrase_scan_reads_every_kind_of_gap_as_the_automaton_does(lists: list[list[str]], words: list) -> None:
    _same_as_an_automaton(lists, words)


def _same_as_an_automaton(lists: list[list[str]], words: list) -> None:
    from tqcheck.documents.loader import parse
    from tqcheck.rules.phrase_index import PhraseAutomaton, PhraseIndex

    automaton = PhraseAutomaton()
    indexes = []
    for phrases in lists:
        index = PhraseIndex(automaton)
        for number, phrase in enumerate(phrases):
            index.add(phrase, number)
        indexes.append(index)
    prose = parse("".join(w + sep for w, sep in words) or "x", "a.txt").prose
    expected = _automaton_matches(automaton, prose.text, prose.folded)
    for index in indexes:
        found = sorted(automaton.matches(index._owner, prose.text, prose.folded, prose.spaced))
        assert found == expected.get(index._owner, [])


def test_the_white_space_spelt_out_is_what_the_regex_module_s_s_matches() -> None:
    from tqcheck.rules.sentences import WHITE_SPACE

    spelt = regex.compile(f"[{WHITE_SPACE}]")
    assert all(bool(spelt.match(chr(c))) == bool(regex.match(r"\s", chr(c))) for c in range(0x110000))


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab .!?…\"'”’)]\n\r\t") + ["\x1c", "\x1f", "\x85", "\xa0", "\u2003", "\u3000",
                                                                  "\u200b", "é", "\ud800"]), max_size=80))
def test_sentences_are_those_of_the_regex_module_pattern(text: str) -> None:
    from tqcheck.rules.sentences import sentences

    plain = regex.compile(r"[^\s.!?…][^\n.!?…]*(?:[.!?…]+[\"'”’)\]]*)?")
    assert list(sentences(text)) == [(m.start(), m.start() + len(m.group().rstrip())) for m in plain.finditer(text)]


def test_ascii_words_are_the_regex_module_s_words() -> None:
    from tqcheck.baseline import _words

    ascii_text = "".join(map(chr, range(128))) * 2
    assert _words(ascii_text) == regex.findall(r"\w+", ascii_text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab Z09_-.,'\n\r\t\x1f\x7f")
                                + ["word", "other", "é", "’", "\u0301", "\u2003", "long" * 11]), max_size=150).map("".join),
       st.data())
def test_fingerprints_read_the_regex_module_s_words(text: str, data) -> None:
    import hashlib

    from tqcheck.baseline import CONTEXT_WORDS, _WINDOW, _fold, fingerprint

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    before = regex.findall(r"\w+", regex.split(r"[\r\n]", text[max(0, start - _WINDOW):start])[-1])[-CONTEXT_WORDS:]
    after = regex.findall(r"\w+", regex.split(r"[\r\n]", text[end:end + _WINDOW])[0])[:CONTEXT_WORDS]
    parts = ["TQ101", _fold(text[start:end]), _fold(" ".join(before)), _fold(" ".join(after))]
    assert fingerprint("TQ101", text, start, end) == hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]


def test_a_run_asks_only_the_pattern_rules_its_scan_finds_and_gets_every_rule_s_hits() -> None:
    from test_literals import _texts
    from test_prefilter import PATTERNS

    from tqcheck.app import App
    from tqcheck.config import load_config
    from tqcheck.documents.loader import parse

    checker = App(load_config(None, {"grammar": False, "cache": False})).checker
    lines = [line for _, _, _, examples in PATTERNS for line in _texts(examples)]
    texts = ["\n\n".join(lines), "\n\n".join(lines[::-3]), lines[0], "Nothing to see here.", ""]
    skipped = compared = 0
    for text in texts:
        document = parse(text, "doc.md")
        plain = [hit for check in checker.checks for hit in check.find(document.prose)]
        assert checker.hits(document) == plain
        skipped += len(checker.checks) - len(checker.running(document.prose))
        compared += len(plain)
    assert skipped > 50 and compared > 200  # the comparison is not empty


def test_a_phrases_rule_remembering_its_messages_says_what_a_fresh_rule_says(monkeypatch) -> None:
    """A phrases rule keeps the message and suggestions of each spelling it has matched: the hits are those of a rule
    that never saw a document before, for every casing and gap, across the memo's clearing."""
    import random

    from tqcheck.documents.loader import parse
    from tqcheck.rules import kinds
    from tqcheck.rules.context import context_for
    from tqcheck.rules.packs import load_packs

    spec = next(r for r in load_packs(["calques"])[0].spec.rules if r.code == "TQ502")

    def fresh():
        return kinds.build_check(spec, "calques", context_for([], set()))

    monkeypatch.setattr(kinds.phrases, "_SAID", 2)
    kept, rng = fresh(), random.Random(3)
    spellings = ["of high range", "Of High Range", "OF HIGH RANGE", "of  high range", "of high\nrange", "input range "
                 "smartphone", "Input range smartphone"]
    for _ in range(40):
        prose = parse(". ".join(rng.choice(spellings) for _ in range(rng.randint(0, 5))) + ".", "a.txt").prose
        assert list(kept.find(prose)) == list(fresh().find(prose))
