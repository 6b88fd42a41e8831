"""The `phrases-in-context` kind: listed phrases flagged only in a paragraph about the domain where they are wrong."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..registry import rule_kind
from ..spec import Regex, Strict
from .phrases import PhrasesCheck


def _words(words: list[str]) -> str:
    """An alternation of whole words, longest first."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def _key(phrase: str) -> str:
    """A phrase as a shape's key: folded, single-spaced."""
    return " ".join(phrase.split()).casefold()


@rule_kind("phrases-in-context")
class PhrasesInContextCheck:
    """A false friend in its domain: a listed phrase in a paragraph (line) holding one of the cue words."""

    class Options(Strict):
        """The cue words of the domain (case-sensitive, whole words; none: every paragraph), words that make
        the phrase idiomatic, and per phrase a shape (regex) its text must match where it starts."""

        cues: list[str] = Field(default_factory=list)
        not_after: list[str] = Field(default_factory=list)
        shapes: dict[str, Regex] = Field(default_factory=dict)

    Spec = PhrasesCheck.Spec

    def __init__(self, spec: PhrasesCheck.Spec, info: RuleInfo, context: BuildContext | None = None):
        self.phrases = PhrasesCheck(spec, info, context)
        listed = spec.phrases if isinstance(spec.phrases, list) else list(spec.phrases)
        # A text without the first word of any phrase is skipped at set speed, before the phrase search.
        self.first_words = frozenset(phrase.split()[0].casefold() for phrase in listed)
        cues = spec.options.cues
        self.cues = regex.compile(rf"(?<![\p{{L}}\p{{N}}-])(?:{_words(cues)})(?![\p{{L}}\p{{N}}-])") if cues else None
        after = spec.options.not_after
        self.after = regex.compile(rf"(?i)(?<![\p{{L}}])(?:{_words(after)})[ \t]+\Z") if after else None
        # Matched at the hit's start, so a shape may look behind (sentence start) and ahead (the next word).
        self.shapes = {_key(k): regex.compile(v, regex.MULTILINE) for k, v in spec.options.shapes.items()}

    def find(self, prose: Prose) -> Iterator[Hit]:
        if self.first_words.isdisjoint(prose.tokens):
            return
        text = prose.text
        for hit in self.phrases.find(prose):
            # The line, not the segment: a plain-text file without blank lines is one segment.
            start = text.rfind("\n", 0, hit.start) + 1
            end = text.find("\n", hit.end)
            end = len(text) if end < 0 else end
            if self.after and self.after.search(text, max(start, hit.start - 40), hit.start):
                continue
            shape = self.shapes.get(_key(text[hit.start : hit.end]))
            if shape and not shape.match(text, hit.start):
                continue
            if self.cues is None or self.cues.search(text, start, end):
                yield hit
