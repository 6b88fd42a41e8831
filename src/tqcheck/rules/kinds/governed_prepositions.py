"""The `governed-prepositions` kind: a verb or adjective with the preposition its source-language twin governs."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field, field_validator

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ...languages import CONFIGURABLE_SOURCES
from ..context import BuildContext
from ..messages import fill, quoted
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict

# A word's edges: not inside a word, a number or a hyphenated compound.
_BEFORE = r"(?<![\p{L}\p{N}-])"
_AFTER = r"(?![\p{L}\p{N}-])"


class Government(Strict):
    """One head (every written form of a verb or adjective), the preposition a source language makes it take,
    what must follow for the phrase to be that calque, and the English phrase."""

    heads: list[str] = Field(min_length=1)
    wrong: str = Field(min_length=1)
    right: str = Field(min_length=1)
    languages: list[str] = Field(min_length=1)
    source: str = Field(min_length=1)  # the source-language construction, for the message
    next: str = ""  # a regex the text after the preposition (and one space) must match
    not_after: list[str] = Field(default_factory=list)  # words before the head that make the phrase English

    @field_validator("languages")
    @classmethod
    def _known(cls, languages: list[str]) -> list[str]:
        unknown = sorted(set(languages) - set(CONFIGURABLE_SOURCES))
        if unknown:
            raise ValueError(f"unknown source language(s) {unknown} (known: {', '.join(CONFIGURABLE_SOURCES)})")
        return languages

    def pattern(self) -> regex.Pattern:
        """Head, white space, the preposition and what must follow; a listed word before the head fails it."""
        heads = "|".join(regex.escape(h) for h in sorted(self.heads, key=len, reverse=True))
        guard = "".join(rf"(?<!{_BEFORE}{regex.escape(w)}[ \t]+)" for w in self.not_after)
        follow = rf"(?=[ \t]+(?:{self.next}))" if self.next else ""
        return regex.compile(rf"{_BEFORE}{guard}(?:{heads})[ \t]+{regex.escape(self.wrong)}{_AFTER}{follow}",
                             regex.IGNORECASE)


@rule_kind("governed-prepositions")
class GovernedPrepositionsCheck:
    """Verb and adjective government carried over from the source language (`insist in`, `depend of`,
    `participate of`): each head is looked for only in a text whose tokens hold one of its forms."""

    class Options(Strict):
        """The governments, each with the source languages it comes from."""

        entries: list[Government] = Field(min_length=1)

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        wanted = context.source_languages
        # Configured source languages keep their own entries; with none configured, every entry runs (each is
        # English in no reading).
        self.entries = [(frozenset(h.casefold() for h in e.heads), e.pattern(), e) for e in spec.options.entries
                        if not wanted or wanted & set(e.languages)]
        self.heads = frozenset().union(*(heads for heads, _, _ in self.entries))

    def find(self, prose: Prose) -> Iterator[Hit]:
        tokens = prose.tokens
        if not self.heads & tokens:
            return
        for heads, pattern, entry in self.entries:
            if heads & tokens:
                for match in pattern.finditer(prose.text):
                    values = {"match": quoted(match.group()), "right": entry.right, "source": entry.source}
                    yield Hit(self.info, match.start(), match.end(), fill(self.spec.message, values))
