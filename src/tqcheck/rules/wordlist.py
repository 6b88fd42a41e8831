"""How common a word is in the target language (wordfreq), kept in a small per-user cache file.

Importing wordfreq and loading its tables costs ~0.2 s, a large share of a short run. The words that matter here
(Zipf frequency 2.5 and up, ~55,000 for English; English and Russian go lower) are written once to the cache as a
MARISA trie (word -> index) and an array of Zipf values, which load in under a millisecond: the dict they were
kept as took ~0.07-0.13 s to unmarshal for English alone, ~0.05 s for each source language, at every run that asked
about one word.
"""

from __future__ import annotations

import marshal
import math
import sys
from array import array
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from functools import lru_cache
from pathlib import Path
from typing import Any

import marisa_trie

MIN_ZIPF = 2.5
# A word at least this common in the target language is a known word of it (not a foreign word, not a misspelling).
KNOWN_WORD_ZIPF = 2.5
# How many per-word answers a check remembers: a long run keeps meeting new words, so the memo is bounded.
WORD_MEMO = 1 << 16
# English keeps its rarer words too: telling a rare English word ("perturbations") from a common Spanish one
# needs both frequencies. Russian keeps inflected loanwords (`девайса`, of the device, Zipf 2.2) that MT leaves
# romanised.
LANGUAGE_MIN_ZIPF = {"en": 1.5, "ru": 2.0}
_FORMAT = f"v2-py{sys.version_info[0]}{sys.version_info[1]}"  # marshal's format follows the Python version
# The tables' own layout (a trie and an array of doubles in this machine's byte order); v2 kept a marshalled dict.
_LAYOUT = "trie1"


class WordTable(Mapping[str, float]):
    """Word -> Zipf frequency, looked up in the trie without making a dict (about a dict's speed per word); the
    dict is made only for a walk over every word (`items`, `values`, iteration)."""

    __slots__ = ("language", "_ids", "_values", "_whole")

    def __init__(self, language: str, ids: marisa_trie.Trie, values: array):
        self.language, self._ids, self._values = language, ids, values
        self._whole: dict[str, float] | None = None

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        """The word's Zipf frequency, or `default`."""
        index = self._index(word)
        return default if index is None else self._values[index]

    def __getitem__(self, word: str) -> float:
        index = self._index(word)
        if index is None:
            raise KeyError(word)
        return self._values[index]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._index(word) is not None

    def _index(self, word: str) -> int | None:
        """The word's id in the trie, or None: as a dict answers, for any string."""
        try:
            index = self._ids.get(word)
        except UnicodeEncodeError:  # a lone surrogate, which UTF-8 (the trie's keys) cannot hold
            return None
        # The trie reads a key up to its first NUL: `the\0` would be found as `the`.
        return None if index is None or "\0" in word else index

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def keys(self) -> KeysView[str]:
        return self.whole().keys()

    def values(self) -> ValuesView[float]:
        return self.whole().values()

    def items(self) -> ItemsView[str, float]:
        return self.whole().items()

    def whole(self) -> dict[str, float]:
        """Every word and its frequency as a dict, made once."""
        if self._whole is None:
            values = self._values
            self._whole = {word: values[index] for word, index in self._ids.items()}
        return self._whole

    def __reduce__(self) -> tuple[Callable[[str], WordTable], tuple[str]]:
        return table, (self.language,)  # a pickled check holding a table reads it from the cache again


def _cache_file(language: str) -> Path:
    return cache_path(f"{language}-zipf{_minimum(language)}-{_LAYOUT}")


def _minimum(language: str) -> float:
    return LANGUAGE_MIN_ZIPF.get(language, MIN_ZIPF)


def _frequencies(language: str) -> dict[str, float]:
    """Word -> Zipf frequency (two decimals) from wordfreq, down to the language's floor."""
    from wordfreq import get_frequency_dict

    table = {}
    for word, frequency in get_frequency_dict(language).items():
        value = math.log10(frequency) + 9
        if value >= _minimum(language):
            table[word] = round(value, 2)
    return table


def _build(language: str) -> tuple[bytes, bytes]:
    """The language's trie and its array of values (indexed by the trie's word ids), as bytes."""
    frequencies = _frequencies(language)
    ids = marisa_trie.Trie(frequencies)
    values = array("d", bytes(8 * len(ids)))
    for word, value in frequencies.items():
        values[ids[word]] = value
    return ids.tobytes(), values.tobytes()


def _opened(language: str, stored: tuple[bytes, bytes]) -> WordTable:
    """The table held by `stored`; ValueError when its parts do not fit together."""
    trie_bytes, value_bytes = stored
    ids = marisa_trie.Trie()
    ids.frombytes(trie_bytes)
    values = array("d")
    values.frombytes(value_bytes)
    if len(values) != len(ids):
        raise ValueError("word table: trie and values differ in length")
    return WordTable(language, ids, values)


def cached(path: Path, build: Callable[[], Any], kind: type = dict) -> Any:
    """The value marshalled at `path`, or `build()` written there (best effort) when it is missing or unreadable."""
    try:
        value = marshal.loads(path.read_bytes())
        if isinstance(value, kind):
            return value
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    store(path, value)
    return value


def store(path: Path, value: Any) -> None:
    """Marshal `value` to `path`, best effort (a read-only cache folder just keeps nothing)."""
    from ..files import keep

    keep(path, marshal.dumps(value))


def cache_path(name: str) -> Path:
    """Where a word-statistics file of this name is cached (per Python version: marshal's format follows it)."""
    from ..defaults import cache_dir

    return cache_dir() / "wordfreq" / f"{name}-{_FORMAT}.marshal"


@lru_cache(maxsize=8)
def _table(language: str) -> WordTable:
    path = _cache_file(language)
    stored = cached(path, lambda: _build(language), tuple)
    try:
        return _opened(language, stored)
    except Exception:  # noqa: BLE001 - a damaged file that still unmarshals (whatever the trie raises): built again
        stored = _build(language)
        store(path, stored)
        return _opened(language, stored)


def table(language: str = "en") -> WordTable:
    """Word -> Zipf frequency for words at or above MIN_ZIPF (lookups at about a dict's speed; `items()` and
    iteration make the whole dict once)."""
    return _table(language)


def zipf(word: str, language: str = "en") -> float:
    """Zipf frequency of a lower-case word (0 when below the table's floor, about 3 common, 7 'the')."""
    return _table(language).get(word, 0.0)


@lru_cache(maxsize=8)
def known_words(language: str = "en") -> frozenset[str]:
    """The words of the target language at or above KNOWN_WORD_ZIPF (for set operations on a document's tokens)."""
    return cached(cache_path(f"{language}-known{KNOWN_WORD_ZIPF}"),
                  lambda: frozenset(word for word, value in _table(language).items() if value >= KNOWN_WORD_ZIPF),
                  frozenset)
