"""Speed work on reading documents and their prose forms must not change output: each fast path gives exactly what
the plain way gives (branch core9b: file formats, the Markdown reader, position maps, joined words, phrase scans)."""

from __future__ import annotations

from pathlib import PurePath

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tqcheck.documents.formats import suffix
from tqcheck.documents.loader import parse
from tqcheck.documents.model import Segment
from tqcheck.documents.prose import WORD, Prose
from tqcheck.rules.glossary import TermEntry
from tqcheck.rules.kinds.gender_reference import _WORD_CHARACTER
from tqcheck.rules.kinds.glued_words import GluedWordsCheck
from tqcheck.rules.kinds.leakage import LeakageCheck
from tqcheck.rules.sentences import JOINED_TO_LOWER
from tqcheck.rules.wordlist import zipf
from tqcheck.rules.terms import _ORDINARY_TERM_ZIPF, TermCheck

PATH_CHARS = st.sampled_from(list("ab.M/D\\ é:") + ["md", "HTML", "..", "//", "/./"])


@settings(max_examples=500, deadline=None)
@given(st.lists(PATH_CHARS, max_size=10).map("".join))
def test_a_path_s_suffix_is_that_of_its_path_object(path: str) -> None:
    assert suffix(path) == PurePath(path).suffix.lower()


# Letters and digits of every kind beside the joiners, white space of every kind, º and ª (letters that are spaces
# in the spaced text), letters that fold to two (İ, ß) and the typographic marks the spaced text blanks.
JOIN_ALPHABET = list("aZ09-'’ .,\n\r\t_") + ["\x0b", "\x0c", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85", "é", "İ",
                                           "ß", "Ⅻ", "ⓐ", "٣", "中", "\U0001d400", "😀", "º", "ª", "°", "µ", "ǅ",
                                           "\u0301"]
_JOINER = regex.compile(r"['’-](?<=[\p{L}\p{N}].)(?=[\p{L}\p{N}])")


def _plain_word_spaced(prose: Prose) -> str | None:
    """The spaced text with WORD's joiners put back, found with the joiner pattern (the way before core9b)."""
    if "º" in prose.text or "ª" in prose.text:
        return None
    spaced, parts, last = prose.spaced, [], 0
    for join in _JOINER.finditer(prose.text):
        parts += (spaced[last:join.start()], prose.folded[join.start()])
        last = join.end()
    return "".join(parts) + spaced[last:] if parts else spaced


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(JOIN_ALPHABET), max_size=40).map("".join))
def test_joined_words_found_with_str_find_are_the_joiner_pattern_s(text: str) -> None:
    prose = Prose([_segment(text)])
    assert prose._word_spaced == _plain_word_spaced(prose)
    assert prose.word_count() == len(list(WORD.finditer(prose.text)))
    assert prose.word_folds == [prose.folded[m.start():m.end()] for m in WORD.finditer(prose.text)]
    assert prose.word_starts == [m.start() for m in WORD.finditer(prose.text)]


def test_a_joiner_joins_exactly_the_letters_and_digits_of_every_code_point() -> None:
    chars = [chr(code) for code in range(0x30000) if not 0xD800 <= code < 0xE000 and chr(code) not in "ºª"]
    for first in range(0, len(chars), 512):  # a join reads its two neighbours only: 512 code points a text
        text = " ".join(f"{char}-a a'{char} {char}’{char}" for char in chars[first:first + 512])
        prose = Prose([_segment(text)])
        assert prose._word_spaced == _plain_word_spaced(prose), hex(ord(chars[first]))


def _segment(text: str) -> Segment:
    segment = Segment("paragraph")
    segment.add(text, 0)
    return segment


_TERMS = [TermEntry(term="OnePlus", forms=["One Plus"], wrong=["one plus", "1plus"]),
          TermEntry(term="Apple", kind="company"), TermEntry(term="Dragon Mouth", literal=["dragon mouth"]),
          TermEntry(term="iPhone"), TermEntry(term="Leica", case_sensitive=False)]
_TERM_WORDS = ["OnePlus", "oneplus", "ONEPLUS", "One", "one", "Plus", "plus", "1plus", "Apple", "apple", "announced",
               "Dragon", "dragon", "Mouth", "mouth", "iPhone", "IPHONE", "iphone", "leica", "LEICA", "Onepluss", "."]


def _judged_one_by_one(check: TermCheck, prose: Prose) -> list:
    """The glossary's hits with every phrase match judged (the way before core9b), then the near-misses."""
    taken, hits = [], []
    for start, end, forms in check.index.find(prose.text, prose.folded, prose.spaced):
        taken.append((start, end))
        entry = forms[0].entry
        common = entry.common_word if entry.common_word is not None else zipf(entry.term.casefold()) >= _ORDINARY_TERM_ZIPF
        assert check.is_common(entry) == common  # remembered per term, as the word table says
        hit = check.judge(prose, start, end, forms[0])
        if hit is not None:
            hits.append(hit)
    return hits + list(check.near_misses(prose, taken))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TERM_WORDS), st.sampled_from([" ", " ", "  ", "\n", "\t", ", "])),
                max_size=30))
def test_glossary_matches_spelt_as_allowed_are_skipped_only_where_judging_finds_nothing(words: list) -> None:
    text = "".join(word + gap for word, gap in words)
    check = TermCheck(_TERMS)
    prose = parse(text, "a.txt").prose
    assert list(check.find(prose)) == _judged_one_by_one(check, prose)


MARKDOWN_PARTS = st.sampled_from(["word", "Wörd", " ", "  ", "\n", "\r\n", "\n\n", "\t", "*em*", "**strong**",
                                  "`code`", "&amp;", "&eacute;", "\\*", "[link](https://example.com)", "![alt](a.png)",
                                  "# ", "- ", "> ", "| a | b |\n|---|---|\n| c | d |\n", "<p>html &amp; more</p>\n",
                                  "<!-- tqcheck-disable -->", "😀", "\u00a0", "https://example.com/x", "---\n"])


def _plain_to_file(prose: Prose, start: int, end: int) -> tuple[int, int] | None:
    """A prose span's file span, each end mapped by its segment's pieces (the way before core9b)."""
    index = prose.segment_index(start)
    base, segment = prose.starts[index], prose.segments[index]
    if end - base > len(segment.text):
        return None
    return segment.to_file(start - base), segment.to_file(end - base, is_end=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_PARTS, max_size=14).map("".join), st.sampled_from(["a.md", "a.html", "a.txt"]))
def test_prose_spans_map_to_the_file_as_each_segment_s_pieces_map_them(text: str, path: str) -> None:
    prose = parse(text, path).prose
    for start in range(len(prose.text) + 1 if prose.segments else 0):  # no segment: no span to map
        for end in range(start, min(len(prose.text), start + 40) + 1):
            assert prose.to_file(start, end) == _plain_to_file(prose, start, end), (start, end)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u200b\u3000\ufeffa.")), max_size=8))
def test_a_blank_segment_is_one_that_strips_to_nothing(text: str) -> None:
    segment = Segment("paragraph", text)
    assert segment.is_blank() == (not text.strip())


def _plain_occurrences(text: str, words: list[str], joined: regex.Pattern) -> list[tuple[int, str]]:
    """Every place of each word where `joined` matches at neither side, asked of the pattern each time."""
    found = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if not (start and joined.match(text, start - 1)) and not joined.match(text, end):
                found.append((start, word))
            start = text.find(word, start + 1)
    return sorted(found)


OCCURRENCE_ALPHABET = list("ab A_'’-.1\n") + ["é", "²", "ǅ", "\u0301", "😀", "\u2003"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(OCCURRENCE_ALPHABET), max_size=40).map("".join),
       st.lists(st.sampled_from(["a", "ab", "b a", "é", "a-b", "A"]), min_size=1, max_size=3),
       st.sampled_from([JOINED_TO_LOWER, _WORD_CHARACTER, GluedWordsCheck._JOINED]), st.booleans())
def test_occurrences_told_by_remembered_characters_are_those_the_pattern_tells(text: str, words: list[str],
                                                                               joined: regex.Pattern,
                                                                               folded: bool) -> None:
    prose = Prose([_segment(text)])
    haystack = prose.folded if folded else prose.text
    assert prose.occurrences(words, joined, folded) == _plain_occurrences(haystack, words, joined)


def _plain_in_context(check: LeakageCheck, text: str, start: int, end: int, word: str) -> bool:
    """The leakage context asked of both patterns at every place (the way before core9b)."""
    left = check.left.search(text, max(0, start - 60), start)
    right = check.right.match(text, end, end + 60)
    if left is None or right is None:
        return False
    if check.spec.context == "between-names":
        return word.islower() or left.group("name").startswith("@") and right.group("name").startswith("@")
    return True


_LEAK_CHECKS: list = []


def _leak_checks() -> list:
    """The built-in packs' leakage rules (made once)."""
    if not _LEAK_CHECKS:
        from tqcheck.app import build_checker
        from tqcheck.config import load_config
        from tqcheck.decision import Decision

        checker = build_checker(load_config(None, {"grammar": False}), Decision())
        _LEAK_CHECKS.extend(c for c in checker.checks if isinstance(c, LeakageCheck))
    return _LEAK_CHECKS


LEAK_SIDES = st.lists(st.sampled_from(["Samsung", "google", "@ana", "the", " ", " ", "\t", "\n", "\r\n", ".", "-", "#",
                                       "É", "x2", "\u00a0"]), max_size=5).map("".join)


@settings(max_examples=400, deadline=None)
@given(LEAK_SIDES, LEAK_SIDES, st.data())
@example("the \n", " the", None).via("`$` stands before a last line break")
@example("Samsung \n", " Google", None).via("the same between names")
@example("@ana\t", "\t@ana", None).via("handles")
def test_leakage_context_told_first_by_the_characters_beside_is_the_patterns_answer(left: str, right: str,
                                                                                   data) -> None:
    checks = _leak_checks()
    assert {check.spec.context for check in checks} == {"between-names", "in-english"}
    for check in checks:
        words = sorted(check.words) if data is None else [data.draw(st.sampled_from(sorted(check.words)))]
        for shown in [form for word in words for form in (word, word.capitalize())]:
            text, start = left + shown + right, len(left)
            end = start + len(shown)
            assert check.in_context(text, start, end, shown) == _plain_in_context(check, text, start, end, shown)
