"""Multi-pattern phrase search (Aho-Corasick) on folded prose, with word boundaries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

import ahocorasick

from ..documents.prose import fold

Payload = TypeVar("Payload")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class PhraseIndex(Generic[Payload]):
    """Finds many phrases at once; yields leftmost-longest, non-overlapping, whole-word matches."""

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._ready = False

    def add(self, phrase: str, payload: Payload) -> None:
        """Register a phrase (matched case-insensitively) with its payload; later payloads for a phrase join it."""
        key = fold(phrase)
        if not key.strip():
            return
        existing = self._automaton.get(key, None)
        payloads = (existing[1] if existing else []) + [payload]
        self._automaton.add_word(key, (key, payloads))
        self._ready = False

    def __len__(self) -> int:
        return len(self._automaton)

    def find(self, text: str, folded: str) -> Iterator[tuple[int, int, list[Payload]]]:
        """Yield (start, end, payloads) in `text`, searching its same-length `folded` form."""
        if not len(self._automaton):
            return
        if not self._ready:
            self._automaton.make_automaton()
            self._ready = True
        hits = []
        for last, (key, payloads) in self._automaton.iter(folded):
            start, end = last - len(key) + 1, last + 1
            if _is_word_char(key[0]) and start > 0 and _is_word_char(text[start - 1]):
                continue
            if _is_word_char(key[-1]) and end < len(text) and _is_word_char(text[end]):
                continue
            hits.append((start, end, payloads))
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        taken_until = -1
        for start, end, payloads in hits:
            if start >= taken_until:
                taken_until = end
                yield start, end, payloads
