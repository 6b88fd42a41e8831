"""The `governed-prepositions` kind: a verb or adjective with the preposition its source-language twin governs."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from ..declared import Field, field_validator

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ...languages import CONFIGURABLE_SOURCES
from ..context import BuildContext
from ..messages import fill, quoted
from ..phrase_index import LiteralSearch
from ..prefilter import FOLDS_TO_ASCII
from ..registry import rule_kind
from ..sentences import JOINED_TO_LOWER
from ..spec import BaseRuleSpec, Regex, Strict

# A word's edges: no character that joins words (letter, digit, apostrophe, hyphen) touches them, as in the
# occurrences the check tries the pattern at.
_BEFORE = rf"(?<!{JOINED_TO_LOWER.pattern})"
_AFTER = rf"(?!{JOINED_TO_LOWER.pattern})"
# White space within a paragraph: spaces, tabs and no-break spaces, any number, and at most one line break (a wrapped
# line). Pattern rules and the other kinds take `[ \t]+` between words, phrase lists one white-space character of
# any kind (a line break, a no-break space); this takes both.
_GAP = r"(?:[\t\p{Zs}]+(?:(?:\r\n|\r|\n)[\t\p{Zs}]*)?|(?:\r\n|\r|\n)[\t\p{Zs}]*)"


class Government(Strict):
    """One head (every written form of a verb or adjective), the preposition a source language makes it take,
    what must follow for the phrase to be that calque, and the English phrase."""

    heads: list[str] = Field(min_length=1)
    wrong: str = Field(min_length=1)
    right: str = Field(min_length=1)
    languages: list[str] = Field(min_length=1)
    source: str = Field(min_length=1)  # the source-language construction, for the message
    next: Regex = ""  # a regex the text after the preposition (and the white space after it) must match
    not_after: list[str] = Field(default_factory=list)  # words before the head that make the phrase English

    @field_validator("languages")
    @classmethod
    def _known(cls, languages: list[str]) -> list[str]:
        unknown = sorted(set(languages) - set(CONFIGURABLE_SOURCES))
        if unknown:
            raise ValueError(f"unknown source language(s) {unknown} (known: {', '.join(CONFIGURABLE_SOURCES)})")
        return languages

    def folded_heads(self) -> frozenset[str]:
        """Each head folded, as the folded text holds it (the white space after it may be any of the gap's)."""
        return frozenset(head.casefold() for head in self.heads)

    def pattern(self) -> regex.Pattern:
        """Head, white space, the preposition and what must follow; a listed word before the head fails it."""
        heads = "|".join(regex.escape(h) for h in sorted(self.heads, key=len, reverse=True))
        guard = "".join(rf"(?<!{_BEFORE}{regex.escape(w)}{_GAP})" for w in self.not_after)
        follow = rf"(?={_GAP}(?:{self.next}))" if self.next else ""
        return regex.compile(rf"{_BEFORE}{guard}(?:{heads}){_GAP}{regex.escape(self.wrong)}{_AFTER}{follow}",
                             regex.IGNORECASE)


@rule_kind("governed-prepositions")
class GovernedPrepositionsCheck:
    """Verb and adjective government carried over from the source language (`insist in`, `depend of`,
    `participate of`): the heads are looked for in the run's one literal search, and the pattern is tried only
    where a head stands."""

    class Options(Strict):
        """The governments, each with the source languages it comes from."""

        entries: list[Government] = Field(min_length=1)

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        wanted = context.source_languages
        # Configured source languages keep their own entries; with none configured, every entry runs (each is
        # English in no reading).
        self.entries = [(e.folded_heads(), e.pattern(), e) for e in spec.options.entries
                        if not wanted or wanted & set(e.languages)]
        self.literals = context.literals if context.literals is not None else LiteralSearch()
        for heads, _, _ in self.entries:
            for head in heads:
                self.literals.add(head, folded=True)

    def find(self, prose: Prose) -> Iterator[Hit]:
        if any(letter in prose.text for letter in FOLDS_TO_ASCII):
            # Ignoring case the patterns match `İ` to i and `ſ` to s, which the folded text keeps: searched whole.
            for _, pattern, entry in self.entries:
                yield from (self.hit(match, entry) for match in pattern.finditer(prose.text))
            return
        found = self.literals.found(prose.text, prose.folded)[1]
        if not found:
            return
        for heads, pattern, entry in self.entries:
            present = heads & found
            if not present:
                continue
            for start, _ in prose.occurrences(present, JOINED_TO_LOWER, folded=True):
                match = pattern.match(prose.text, start)
                if match:
                    yield self.hit(match, entry)

    def hit(self, match: regex.Match, entry: Government) -> Hit:
        """The hit of one entry's match."""
        values = {"match": quoted(match.group()), "right": entry.right, "source": entry.source}
        return Hit(self.info, match.start(), match.end(), fill(self.spec.message, values))
