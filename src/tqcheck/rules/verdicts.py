"""Per-word verdicts remembered across the documents of a run, so each document pays only for its new words."""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Generic, TypeVar

from .wordlist import WORD_MEMO

Verdict = TypeVar("Verdict")


class Verdicts(Generic[Verdict]):
    """A pure per-word judgement (None: nothing to report) remembered across documents.

    Words judged harmless are kept in a set, so a document's words are filtered by one set difference at C speed
    and only the words not seen before (and the few suspects) reach Python. Bounded: a long run keeps meeting new
    words, so the memory starts over when it grows past `limit`.
    """

    def __init__(self, judge: Callable[[str], Verdict | None], limit: int = WORD_MEMO):
        self.judge = judge
        self.limit = limit
        self.harmless: set[str] = set()
        self.suspect: dict[str, Verdict] = {}

    def of(self, words: Set[str]) -> dict[str, Verdict]:
        """The suspect words among `words`, with their verdicts."""
        found: dict[str, Verdict] = {}
        harmless, suspect = self.harmless, self.suspect
        for word in words - harmless if harmless else words:
            verdict = suspect.get(word)
            if verdict is None:
                verdict = self.judge(word)
                if verdict is None:
                    harmless.add(word)
                    continue
                suspect[word] = verdict
            found[word] = verdict
        if len(harmless) + len(suspect) > self.limit:
            harmless.clear()
            suspect.clear()
        return found
