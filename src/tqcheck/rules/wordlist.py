"""How common a word is in the target language (wordfreq), kept in a small per-user cache file.

Importing wordfreq and loading its tables costs ~0.2 s, a large share of a short run; the words that matter
here (Zipf frequency 2.5 and up, ~55,000 for English) are written once to the cache (marshal, which only
tqcheck itself writes there) and read back in a few ms.
"""

from __future__ import annotations

import marshal
import math
import os
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

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


def _cache_file(language: str) -> Path:
    return cache_path(f"{language}-zipf{_minimum(language)}")


def _minimum(language: str) -> float:
    return LANGUAGE_MIN_ZIPF.get(language, MIN_ZIPF)


def _build(language: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    table = {}
    for word, frequency in get_frequency_dict(language).items():
        value = math.log10(frequency) + 9
        if value >= _minimum(language):
            table[word] = round(value, 2)
    return table


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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            handle.write(marshal.dumps(value))
        os.replace(handle.name, path)
    except OSError:
        pass


def cache_path(name: str) -> Path:
    """Where a word-statistics file of this name is cached (per Python version: marshal's format follows it)."""
    from ..defaults import cache_dir

    return cache_dir() / "wordfreq" / f"{name}-{_FORMAT}.marshal"


@lru_cache(maxsize=8)
def _table(language: str) -> dict[str, float]:
    return cached(_cache_file(language), lambda: _build(language))


def table(language: str = "en") -> dict[str, float]:
    """Word -> Zipf frequency for words at or above MIN_ZIPF (for hot loops: one dict lookup per word)."""
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
