"""A phrase automaton kept pickled (engine_store) carries its compiled database: loaded, it finds exactly what a
freshly built one finds, without compiling; a damaged database, or phrases added after loading, compile anew."""

from __future__ import annotations

import pickle

import pytest

from test_fast_paths import TEXT, _found, _indexes
from tqcheck.rules import pattern_scan
from tqcheck.rules.phrase_index import PhraseAutomaton, PhraseIndex


@pytest.fixture
def compiles(monkeypatch) -> list[int]:
    """Grows by one at each database compiled (or read from the cache folder) from the phrases."""
    calls: list[int] = []
    real = pattern_scan.compiled
    monkeypatch.setattr(pattern_scan, "compiled", lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    return calls


def _stored() -> tuple[PhraseAutomaton, list[PhraseIndex], list]:
    automaton = PhraseAutomaton()
    indexes = _indexes(automaton)
    return automaton, indexes, [_found(index, TEXT) for index in indexes]


def test_a_loaded_automaton_finds_the_same_without_compiling(compiles) -> None:
    _, indexes, fresh = _stored()
    loaded = pickle.loads(pickle.dumps(indexes))
    compiles.clear()
    assert [_found(index, TEXT) for index in loaded] == fresh and "NYT" in str(fresh)
    assert compiles == []


def test_a_damaged_database_is_compiled_again(compiles) -> None:
    automaton, indexes, fresh = _stored()
    state = automaton.__getstate__()
    state["_stored"] = b"not a database" + state["_stored"][14:]
    automaton.__setstate__(state)
    compiles.clear()
    assert [_found(index, TEXT) for index in indexes] == fresh and compiles == [1]


def test_phrases_added_after_loading_compile_anew(compiles) -> None:
    _, indexes, _ = _stored()
    loaded = pickle.loads(pickle.dumps(indexes))
    loaded[0].add("down", "D")
    fresh = _indexes(None)
    fresh[0].add("down", "D")
    expected = [_found(index, TEXT) for index in fresh]
    compiles.clear()
    assert [_found(index, TEXT) for index in loaded] == expected and "'D'" in str(expected[0])
    assert compiles == [1]


def test_an_empty_automaton_pickles() -> None:
    loaded = pickle.loads(pickle.dumps(PhraseIndex(PhraseAutomaton())))
    assert _found(loaded, TEXT) == []
