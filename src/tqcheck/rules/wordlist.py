"""How common a word is in the target language (wordfreq), cached."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def zipf(word: str, language: str = "en") -> float:
    """Zipf frequency of a word (0 unknown, about 3 common, 7 'the')."""
    from wordfreq import zipf_frequency  # imported late: it costs ~90 ms and only the glossary needs it

    return zipf_frequency(word, language)
