"""The word-frequency tables kept as a trie and an array: the same answers as wordfreq's dict, and rebuilt when the
cached file is missing, damaged, of the older layout or of parts that do not fit together."""

from __future__ import annotations

import marshal
import pickle
from collections.abc import Iterator

import pytest

from tqcheck.rules import wordlist
from tqcheck.rules.wordlist import WordTable

SMALL = {"the": 7.73, "house": 5.21, "perturbations": 1.62, "straße": 3.4, "девайса": 2.2, "x-ray": 3.05}


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch) -> Iterator[list[str]]:
    """An empty cache folder, a made-up table instead of wordfreq's, and a list of the languages built."""
    built: list[str] = []

    def frequencies(language: str) -> dict[str, float]:
        built.append(language)
        return dict(SMALL)

    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(wordlist, "_frequencies", frequencies)
    wordlist._table.cache_clear()
    wordlist.known_words.cache_clear()
    yield built
    wordlist._table.cache_clear()  # the other tests read the session's own cache folder again
    wordlist.known_words.cache_clear()


def _reopened() -> WordTable:
    wordlist._table.cache_clear()
    return wordlist.table("xx")


def test_the_english_table_answers_as_wordfreqs_dict() -> None:
    plain = wordlist._frequencies("en")
    fast = wordlist.table("en")
    assert len(fast) == len(plain) > 100_000
    assert all(fast.get(word) == value and fast[word] == value and word in fast for word, value in plain.items())
    assert dict(fast.items()) == plain and sorted(fast) == sorted(plain)
    for absent in ("xqzzyv", "", "Straße".upper(), "the ", "the\0", "\0the", "\udcff", "a\ud800b"):
        assert absent not in fast and fast.get(absent) is None and fast.get(absent, 0.0) == 0.0
        assert wordlist.zipf(absent) == 0.0
        with pytest.raises(KeyError):
            fast[absent]
    assert wordlist.known_words("en") == frozenset(w for w, v in plain.items() if v >= wordlist.KNOWN_WORD_ZIPF)


def test_built_once_then_read_from_the_cache(fresh_cache: list[str]) -> None:
    first = wordlist.table("xx")
    assert dict(first.items()) == SMALL and fresh_cache == ["xx"]
    again = _reopened()
    assert again is not first and dict(again.items()) == SMALL and fresh_cache == ["xx"]
    assert wordlist.zipf("девайса", "xx") == 2.2 and wordlist.zipf("perturbation", "xx") == 0.0


@pytest.mark.parametrize("damage", [
    b"",  # truncated to nothing
    b"not marshal at all",
    marshal.dumps(dict(SMALL)),  # a file of the older layout under this name
    marshal.dumps((b"no trie", b"")),  # unmarshals, but holds no trie
    marshal.dumps((1, 2, 3)),  # a tuple of another shape
])
def test_a_damaged_or_foreign_file_is_built_again(fresh_cache: list[str], damage: bytes) -> None:
    wordlist.table("xx")
    path = wordlist._cache_file("xx")
    path.write_bytes(damage)
    assert dict(_reopened().items()) == SMALL and fresh_cache == ["xx", "xx"]
    assert dict(_reopened().items()) == SMALL and fresh_cache == ["xx", "xx"]  # and the file was replaced


def test_parts_that_do_not_fit_together_are_built_again(fresh_cache: list[str]) -> None:
    wordlist.table("xx")
    path = wordlist._cache_file("xx")
    trie, values = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps((trie, values[:-8])))  # one value short: the array of another build
    assert dict(_reopened().items()) == SMALL and fresh_cache == ["xx", "xx"]


def test_a_pickled_table_is_read_from_the_cache_again(fresh_cache: list[str]) -> None:
    table = wordlist.table("xx")
    assert len(pickle.dumps(table)) < 200  # the language, not the words
    assert pickle.loads(pickle.dumps(table)) is table
    wordlist._table.cache_clear()
    assert dict(pickle.loads(pickle.dumps(table)).items()) == SMALL and fresh_cache == ["xx"]


def test_known_words_from_the_table(fresh_cache: list[str]) -> None:
    assert wordlist.known_words("xx") == frozenset(w for w, v in SMALL.items() if v >= wordlist.KNOWN_WORD_ZIPF)
