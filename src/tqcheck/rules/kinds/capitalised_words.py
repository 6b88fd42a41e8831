"""The `capitalised-words` kind: words English always capitalises, written in lower case (`english`, `spanish`)."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict


# Part of a longer word, a handle, a hashtag, a file or host name: english.example.com, @french_news.
_BEFORE = regex.compile(r"[\p{L}\p{N}@#/._-]")
_AFTER = regex.compile(r"[\p{L}\p{N}@_-]|\.[\p{L}\p{N}]")


@rule_kind("capitalised-words")
class CapitalisedWordsCheck:
    """Listed words (nationalities, languages) in lower case, outside handles, hashtags, file names and URLs."""

    class Options(Strict):
        """The words, in lower case."""

        words: list[str] = Field(default_factory=list)

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        self.words = frozenset(w.casefold() for w in spec.options.words)

    def find(self, prose: Prose) -> Iterator[Hit]:
        text = prose.text
        # Set intersection at C speed first; then str.find for the lower-case spelling, where it may be.
        for word in self.words & prose.tokens:
            start = text.find(word)
            while start >= 0:
                end = start + len(word)
                if not (_BEFORE.match(text, start - 1) if start else False) and not _AFTER.match(text, end):
                    fixed = word[:1].upper() + word[1:]
                    values = {"match": word, "replacement": fixed}
                    yield Hit(self.info, start, end, fill(self.spec.message, values), (fixed,))
                start = text.find(word, end)
