"""Multi-pattern phrase search (Aho-Corasick) on folded prose, with word boundaries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

import ahocorasick

from ..documents.prose import fold, space_out

Payload = TypeVar("Payload")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class PhraseIndex(Generic[Payload]):
    """Finds many phrases at once; yields leftmost-longest, non-overlapping, whole-word matches.

    Text and phrases are searched in their "spaced" form (every non-alphanumeric character a space) with a space
    on each side, so the automaton itself only reports whole words; the exact folded text is then compared,
    which tells `Wi-Fi` from `Wi Fi`.
    """

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._ready = False

    def add(self, phrase: str, payload: Payload) -> None:
        """Register a phrase (matched case-insensitively) with its payload; later payloads for a phrase join it."""
        folded = fold(phrase)
        if not folded.strip():
            return
        lead = 1 if _is_word_char(folded[0]) else 0
        key = " " * lead + space_out(folded) + (" " if _is_word_char(folded[-1]) else "")
        existing = self._automaton.get(key, None)
        entries = (existing[2] if existing else []) + [(folded, payload)]
        self._automaton.add_word(key, (len(key), lead, entries))
        self._ready = False

    def __len__(self) -> int:
        return len(self._automaton)

    def find(self, text: str, folded: str, spaced: str | None = None) -> Iterator[tuple[int, int, list[Payload]]]:
        """Yield (start, end, payloads) in `text`, searching its same-length folded and spaced forms."""
        if not len(self._automaton):
            return
        if not self._ready:
            self._automaton.make_automaton()
            self._ready = True
        padded = " " + (spaced if spaced is not None else space_out(folded)) + " "
        hits = []
        for last, (length, lead, entries) in self._automaton.iter(padded):
            # padded offset -> text offset: the leading pad shifts by one
            start = last - length + 1 + lead - 1
            # Phrases of one key differ in punctuation and may differ in length (`Read more` / `Read more:`): each
            # is compared at its own width, and the longest that matches wins. Wi-Fi is not Wi Fi.
            matched = [(len(phrase), payload) for phrase, payload in entries
                       if folded[start:start + len(phrase)] == phrase]
            if matched:
                width = max(w for w, _ in matched)
                hits.append((start, start + width, [payload for w, payload in matched if w == width]))
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        taken_until = -1
        for start, end, payloads in hits:
            if start >= taken_until:
                taken_until = end
                yield start, end, payloads
