"""Speed work must not change output: each fast path gives exactly what the plain way gives.

The shared phrase automaton (every phrase-like rule of a run found in one scan of each document, each rule getting
exactly the matches it would get alone), the near-miss search, folding and spacing text, the word count, line
starts and finding fingerprints are compared with straightforward reference versions."""

from __future__ import annotations

import hashlib
import random

import pytest
import regex

from tqcheck.documents.loader import parse
from tqcheck.rules.glossary import TermEntry
from tqcheck.rules.phrase_index import PhraseAutomaton, PhraseIndex
from tqcheck.rules.terms import _TOKEN, TermCheck

TEXT = ("New York Times reporters met in New York. The Wi-Fi was down, wifi too; read more: nothing. "
        "Read more... In New-York, the york times are slow. Straße and STRASSE, Wi Fi.")
PHRASE_LISTS = [
    {"new york": "NY", "york": "Y", "wi-fi": "W"},
    {"york times": "YT", "new york times": "NYT", "read more:": "R1", "read more": "R2"},
    {"new york": "other", "straße": "S", "wi fi": "WF", "times": None},
    {"-york": "dash", "york": "plain"},
]


def _found(index: PhraseIndex, text: str) -> list:
    prose = parse(text, "a.txt").prose
    return list(index.find(prose.text, prose.folded, prose.spaced))


def _indexes(automaton: PhraseAutomaton | None) -> list[PhraseIndex]:
    indexes = []
    for phrases in PHRASE_LISTS:
        index = PhraseIndex(automaton)
        for phrase, payload in phrases.items():
            index.add(phrase, payload)
        indexes.append(index)
    return indexes


def test_each_index_on_a_shared_automaton_finds_what_it_finds_alone() -> None:
    alone = [_found(index, TEXT) for index in _indexes(None)]
    shared_automaton = PhraseAutomaton()
    shared = [_found(index, TEXT) for index in _indexes(shared_automaton)]
    assert shared == alone
    assert ("NYT" in str(alone[1])) and alone[0] != alone[2]  # the lists overlap but differ


def test_random_phrase_lists_match_alone_and_shared() -> None:
    rng = random.Random(7)
    words = ["new", "york", "times", "wi", "fi", "read", "more", "the", "in", "slow", "down"]
    text = " ".join(rng.choice(words) + rng.choice(["", "", "-", ":", ","]) for _ in range(400))
    lists = [[" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(12)] for _ in range(6)]
    automaton = PhraseAutomaton()
    for phrases in lists:
        alone, shared = PhraseIndex(), PhraseIndex(automaton)
        for number, phrase in enumerate(phrases):
            alone.add(phrase, number)
            shared.add(phrase, number)
        assert _found(shared, text) == _found(alone, text)


def test_a_document_is_scanned_once_for_every_index(monkeypatch) -> None:
    automaton = PhraseAutomaton()
    indexes = _indexes(automaton)
    scans = []
    original = automaton._scan
    monkeypatch.setattr(automaton, "_scan", lambda *args: scans.append(1) or original(*args))
    prose = parse(TEXT, "a.txt").prose
    for index in indexes:
        list(index.find(prose.text, prose.folded, prose.spaced))
    assert len(scans) == 1
    other = parse(TEXT + " More.", "b.txt").prose
    list(indexes[0].find(other.text, other.folded, other.spaced))
    assert len(scans) == 2  # a new document is scanned anew


def test_adding_a_phrase_after_a_scan_is_found_next_time() -> None:
    automaton = PhraseAutomaton()
    first, second = PhraseIndex(automaton), PhraseIndex(automaton)
    first.add("new york", 1)
    prose = parse(TEXT, "a.txt").prose
    assert [h[:2] for h in first.find(prose.text, prose.folded, prose.spaced)] == [(0, 8), (32, 40)]
    second.add("slow", 2)
    assert [h[2] for h in second.find(prose.text, prose.folded, prose.spaced)] == [[2]]


def test_a_run_builds_one_automaton_for_all_phrase_like_rules() -> None:
    from tqcheck.app import build_checker
    from tqcheck.config import load_config
    from tqcheck.decision import Decision

    checker = build_checker(load_config(None, {"grammar": False}), Decision())
    automata = {id(check.index._automaton) for check in checker.checks if isinstance(getattr(check, "index", None),
                                                                                      PhraseIndex)}
    assert len(automata) == 1
    assert sum(isinstance(getattr(check, "index", None), PhraseIndex) for check in checker.checks) > 5


@pytest.mark.parametrize("text", [
    "The Samsumg phone and the samsumg-case; a Samsumg_x and Samsumgs. SAMSUMG!",
    "Straße Samsumg: the Samsumg ß and İstanbul Samsumg, σαμσυμγ ς Samsumg.",  # letters that fold apart
    "Café Samsumg\u0301 and Samsumg\u00a0phone, Samsumg’s 2Samsumg Samsumg2 Xamsung.",
])
def test_near_miss_places_are_those_of_a_full_word_scan(text) -> None:
    check = TermCheck([TermEntry(term="Samsung")])
    prose = parse(text, "a.txt").prose
    suspects = {t for t in prose.tokens if check.nearest(t) is not None}
    expected = [m.span() for m in _TOKEN.finditer(prose.text) if m.group().casefold() in suspects]
    assert [m.span() for m in check.occurrences(prose, suspects)] == expected
    assert expected  # the texts hold near-misses


def test_near_miss_candidates_keep_the_glossary_order_and_drop_only_unreachable_lengths() -> None:
    check = TermCheck([TermEntry(term=term) for term in ("Qualcomm", "Huawei", "Xiaomi", "Mediatek", "Snapdragon")])
    assert check.candidates(6, 1) == ["huawei", "xiaomi"]
    assert check.candidates(9, 2) == ["qualcomm", "mediatek", "snapdragon"]
    assert check.candidates(12, 1) == []
    assert check.nearest("Huawai") == "Huawei" and check.nearest("Snapdrgon") == "Snapdragon"


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["a", "Bb", "café", "x\u0301", " ", "  ", "\n", "\r\n", "\r", "-", "_", "ß", "1", "!", "’", "'",
              "«", "\u00a0", "\t", "longwordlongwordlongword", "\u200d", "ⅷ", "İ", "ΣΑΣ", "º", "—", "\x1c"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 120))) for _ in range(count)]


def test_fold_and_space_out_keep_their_definition_for_every_code_point() -> None:
    from tqcheck.documents.prose import _NON_ALNUM, _PUNCTUATION, fold, space_out

    fold_table = {"’": "'", "‘": "'", "\u00a0": " ", "\t": " ", "\n": " ", "\r": " "}
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in every)
    assert fold(every) == "".join(fold_table.get(c, c) for c in lowered)
    assert space_out(every) == "".join(" " if c in _PUNCTUATION or _NON_ALNUM.match(c) else c for c in every)
    for text in _random_texts(500, 1) + ["Straße İstanbul ΣΑΣ", "plain ascii, text: here!"]:
        assert fold(text) == "".join(fold_table.get(c, c) for c in text.lower()) or len(text.lower()) != len(text)


def test_space_out_of_mostly_ascii_text_is_the_plain_definition() -> None:
    """A few non-ASCII characters are put back into the ASCII translation, many go through the regex: both as
    defined, with `?` in the text (the byte the others stand in for), a surrogate, letters and symbols."""
    from tqcheck.documents.prose import _FEW_OTHERS, _NON_ALNUM, _PUNCTUATION, space_out

    rng = random.Random(5)
    pieces = ["ab", " ", "?", "??", "é", "中", "😂", "©", "°", "\ud800", "’", "ª", "\u2003", "!", "ⅷ", "\u0301", "x"]
    for size in (1, 5, 20, _FEW_OTHERS // 2, _FEW_OTHERS, 2 * _FEW_OTHERS, 400):
        for _ in range(60):
            text = "".join(rng.choice(pieces) for _ in range(size))
            assert space_out(text) == "".join(" " if c in _PUNCTUATION or _NON_ALNUM.match(c) else c for c in text)


def test_unknown_tokens_are_the_tokens_less_the_known_words_whatever_was_met_before(monkeypatch) -> None:
    """Prose.unknown asks the large known set only about tokens its run has not met: the answer is the plain set
    difference, document after document, across the met set's clearing, and for two sets met in turn."""
    from tqcheck.documents import prose as prose_module

    monkeypatch.setattr(prose_module._Met, "LIMIT", 3)
    rng = random.Random(11)
    vocabulary = ["the", "a", "phone", "samsumg", "xq", "straße", "new", "york", "ab", "zz", "1", "ß"]
    sets = [frozenset(rng.sample(vocabulary, 6)) for _ in range(2)]
    for _ in range(300):
        prose = parse(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 12))), "a.txt").prose
        for known in rng.sample(sets, 2):
            assert prose.unknown(known) == prose.tokens - known
    # A set made where a dropped one lived (the same id) does not inherit the words met in the old one.
    known, stale = frozenset({"the"}), prose_module._Met(frozenset({"phone"}))
    stale.words.add("phone")
    monkeypatch.setitem(prose_module._MET, id(known), stale)
    assert parse("the phone", "a.txt").prose.unknown(known) == {"phone"}
    # Rules built again and again (new sets each time) keep a bounded number of met sets.
    prose = parse("the phone and a york", "a.txt").prose
    for number in range(3 * prose_module._MET_SETS):
        known = frozenset(rng.sample(vocabulary, 4)) | {f"w{number}"}
        assert prose.unknown(known) == prose.tokens - known
    assert len(prose_module._MET) <= prose_module._MET_SETS


def test_word_count_is_the_number_of_word_matches() -> None:
    from tqcheck.documents.prose import WORD as _WORD

    edges = ["don't Wi-Fi x-y-z a--b 1-2 ’tis l’été -a- b'", "-a", "a-", "'", "a'-b", "a-\x1cb", "a\u2003-b c'\u3000d",
             "a\x1fb c\x0bd\x0ce f\x1dg", " a  b\t\tc "]
    for text in _random_texts(2000, 2) + edges:
        prose = parse(text, "a.txt").prose
        if not any(span.kind == "code" for span in prose.protected):
            words = len(_WORD.findall(prose.text))
            assert prose.word_count() == words, repr(prose.text)  # from the runs and joiners
            assert len(prose.word_folds) == words and prose.word_count() == words, repr(prose.text)


def test_line_starts_are_those_of_every_line_break() -> None:
    from tqcheck.positions import LineIndex

    for text in _random_texts(2000, 3) + ["", "\n", "a\nb", "a\r\nb\rc\n"]:
        assert LineIndex(text).starts == [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", text)]


def test_fingerprints_read_the_same_context_words_as_a_full_window_scan() -> None:
    from tqcheck.baseline import CONTEXT_WORDS, _WINDOW, _fold, fingerprint

    word, line_break = regex.compile(r"\w+"), regex.compile(r"[\r\n]")

    def reference(code: str, text: str, start: int, end: int) -> str:
        before = word.findall(line_break.split(text[max(0, start - _WINDOW):start])[-1])[-CONTEXT_WORDS:]
        after = word.findall(line_break.split(text[end:end + _WINDOW])[0])[:CONTEXT_WORDS]
        parts = [code, _fold(text[start:end]), _fold(" ".join(before)), _fold(" ".join(after))]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]

    rng = random.Random(4)
    for text in _random_texts(1500, 5) + [TEXT * 3]:
        for _ in range(10):
            start = rng.randint(0, len(text))
            end = rng.randint(start, min(len(text), start + 12))
            assert fingerprint("TQ101", text, start, end) == reference("TQ101", text, start, end)


GLUED = ["The Galaxywhich sold well, and the 15Pro too.", "Reportthe news: Straße and STRASSE in BerlinThe city.",
         "Nº 5 and the iPhone7; yesterdayApple said USAthe, ﬁnewhich and ΣΑΣ Galaxywhich.",
         "A glued_Galaxywhich, #Galaxywhich and Galaxywhich-like stay; galaxywhich too."]


@pytest.mark.parametrize("text", GLUED)
def test_glued_words_found_from_the_unknown_tokens_are_those_of_a_full_token_scan(text: str) -> None:
    from tqcheck.config import load_config
    from tqcheck.app import App

    check = next(c for c in App(load_config(None, {"grammar": False, "cache": False})).checker.checks
                 if type(c).__name__ == "GluedWordsCheck")
    fast, full = parse(text, "a.txt").prose, parse(text, "a.txt").prose
    full.__dict__["tokens_fold_simply"] = False  # the full _TOKEN scan
    def hits(prose):
        return [(h.start, h.end, h.message) for h in check.find(prose)]

    assert hits(fast) == hits(full)
    assert fast.tokens_fold_simply or "ß" in text or "Σ" in text or "º" in text


def _plain_to_file(segment, offset: int, is_end: bool = False) -> int:
    """Segment.to_file as first written: a list of piece starts built at every call."""
    from bisect import bisect_right

    if not segment.pieces:
        return 0
    probe = offset - 1 if is_end and offset > 0 else offset
    starts = [p.seg_start for p in segment.pieces]
    piece = segment.pieces[max(0, bisect_right(starts, probe) - 1)]
    inside = probe - piece.seg_start
    if piece.seg_len == piece.file_len:
        inside = min(max(inside, 0), piece.seg_len)
        return piece.file_start + inside + (1 if is_end and offset > 0 else 0)
    return piece.file_start + (piece.file_len if is_end else 0)


@pytest.mark.parametrize("text", ["Plain words only.\n", "An &amp; entity, *emphasis*, `code` and \\*escapes\\* "
                                  "in [a link](https://example.com) &eacute;t&eacute;.\n\n# A title &mdash; here\n"])
def test_segment_positions_bisect_the_pieces_as_the_plain_version_does(text: str) -> None:
    segments = parse(text, "a.md").segments
    assert any(len(s.pieces) > 1 for s in segments) or "&" not in text
    for segment in segments:
        for offset in range(len(segment.text) + 1):
            for is_end in (False, True):
                assert segment.to_file(offset, is_end=is_end) == _plain_to_file(segment, offset, is_end)


def _rare_near_pair() -> tuple[str, str]:
    """An English word too rare to be known (Zipf 1.5 to 1.9, so `nearest` takes it) and a made-up term one letter
    from it."""
    from tqcheck.rules.wordlist import table

    for word, value in sorted(table("en").items()):
        if 1.5 <= value < 1.9 and word.isascii() and word.isalpha() and 5 <= len(word) <= 7:
            term = word[:-1] + ("x" if word[-1] != "x" else "q")
            if table("en").get(term, 0.0) == 0.0:
                return word, term.capitalize()
    raise AssertionError("no rare word in the table")


def test_near_misses_from_the_unknown_tokens_are_those_from_every_token() -> None:
    from tqcheck.rules.terms import _ATTESTED_ZIPF
    from tqcheck.rules.wordlist import KNOWN_WORD_ZIPF

    assert _ATTESTED_ZIPF < KNOWN_WORD_ZIPF  # a known word is never a near-miss
    rare, term = _rare_near_pair()
    check = TermCheck([TermEntry(term=term), TermEntry(term="Samsung"), TermEntry(term="Qualcomm")])
    pieces = [rare, rare.capitalize(), "Samsumg", "samsng", "Qualcom", "the", "phone", "house", "Straße", "ς", "Σ",
              "ſamsung", "İ", "’", "-", " ", " ", ". ", "\n"]
    rng = random.Random(5)
    compared = 0
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        fast, plain = parse(text, "a.txt").prose, parse(text, "a.txt").prose
        plain.__dict__["tokens_fold_simply"] = False  # every token asked, as without the shared set
        hits = [(h.start, h.end, h.message) for h in check.near_misses(fast, [])]
        assert hits == [(h.start, h.end, h.message) for h in check.near_misses(plain, [])], text
        compared += len(hits)
        check._clean.clear()
    assert compared > 100  # the texts hold near-misses
