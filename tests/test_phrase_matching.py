"""The shared phrase automaton: every phrase-like rule of a run is found in one scan of each document, and each
rule gets exactly the matches it would get alone; the near-miss search finds the same words as a full scan."""

from __future__ import annotations

import random

import pytest

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
