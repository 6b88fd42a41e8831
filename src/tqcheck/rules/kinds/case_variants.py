"""The `case-variants` kind: one name written in two casings close together (`China Mobile` / `China mobile`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict
from ..wordlist import zipf

# A capitalised word right after another word (same sentence, spaces only between) that ends its run of capitals:
# `Nova Mobile sold`, `the Blues are`, not `Monday Night Football` (a longer name) nor a sentence opener.
_CAPITALISED = regex.compile(
    r"(?P<word>\p{Lu}\p{Ll}{2,})(?<=(?<![\p{L}\p{N}_'’@#/.-])(?P<previous>\p{L}+)[ \t]+\p{Lu}\p{Ll}{2,})"
    r"(?![\p{L}\p{N}_'’@-])(?![ \t]+[\p{Lu}\p{N}])")
_LOWER = regex.compile(r"(?<![\p{L}\p{N}_'’@#/.-])\p{Ll}{3,}(?![\p{L}\p{N}_'’@-])")
_NEXT_CAPITAL = regex.compile(r"[ \t]+[\p{Lu}\p{N}]")
# A short line that ends without a full stop (or with a question mark: `What is Cloud Storage?`) is a headline or
# a subheading: Title Case there says nothing.
_HEADLINE_END = regex.compile(r"[.!…:;,\"”’)\]]$")


@dataclass(frozen=True, slots=True)
class _Use:
    start: int
    end: int
    capitalised: bool


@rule_kind("case-variants")
class CaseVariantsCheck:
    """A word after the same word written capitalised in one place and in lower case in another, close together:
    a name the article keeps capitalising written once in lower case, or a rare word in two casings (the commoner
    stands; on a tie, the first one written)."""

    class Options(Strict):
        """How close together the two casings must be, and how long a headline line may be."""

        window: int = 4000  # characters: about one article, so unrelated stories in one file do not meet
        headline_words: int = 20
        min_name_uses: int = 3  # a name after a name: how often the article writes it capitalised
        max_zipf: float = 3.0  # a word after a plain word: compared only when rarer than this in English

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.window = spec.options.window
        self.headline_words = spec.options.headline_words
        self.min_name_uses = spec.options.min_name_uses
        self.max_zipf = spec.options.max_zipf

    def headline(self, text: str, position: int) -> bool:
        """Whether `position` lies on a short line without sentence punctuation at its end (a headline)."""
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        line = text[start:end if end >= 0 else len(text)].rstrip()
        return not _HEADLINE_END.search(line) and len(line.split()) <= self.headline_words

    def lower_uses(self, text: str, folded: str, key: tuple[str, str]) -> list[_Use]:
        """The uses of a pair with its word in lower case and not followed by a capitalised word."""
        found, pair = [], f"{key[0]} {key[1]}"
        at = folded.find(pair)
        while at >= 0:
            start = at + len(key[0]) + 1
            end = start + len(key[1])
            word = _LOWER.match(text, start)
            if (word and word.end() == end and (at == 0 or not text[at - 1].isalnum())
                    and not _NEXT_CAPITAL.match(text, end)):
                found.append(_Use(start, end, False))
            at = folded.find(pair, at + 1)
        return found

    def uses(self, prose: Prose) -> dict[tuple[str, str], list[_Use]]:
        """The uses of `previous word` pairs written both capitalised (outside headlines) and in lower case."""
        text, folded = prose.text, prose.folded
        capitalised: dict[tuple[str, str], list[_Use]] = {}
        for match in _CAPITALISED.finditer(text):
            key = (match.group("previous").casefold(), match.group("word").casefold())
            if key[1] not in self.context.words:
                capitalised.setdefault(key, []).append(_Use(match.start("word"), match.end("word"), True))
        found: dict[tuple[str, str], list[_Use]] = {}
        for key, uses in capitalised.items():
            # A word never written in lower case has no lower-case use (a quick test at C speed; `lower_uses` tells).
            # Only a name written capitalised often enough, or a rare word, can conflict (see `flagged`).
            if key[1] not in text or (len(uses) < self.min_name_uses
                                            and zipf(key[1], self.context.language) >= self.max_zipf):
                continue
            lower = self.lower_uses(text, folded, key)
            uses = [u for u in uses if not self.headline(text, u.start)] if lower else []
            if uses:
                found[key] = uses + lower
        return found

    def flagged(self, key: tuple[str, str], uses: list[_Use], text: str) -> tuple[list[_Use], list[_Use]]:
        """The uses to flag and the uses that stand, for one pair (none to flag when the casings do not conflict)."""
        capitalised = [u for u in uses if u.capitalised]
        lower = [u for u in uses if not u.capitalised]
        if not capitalised or not lower:
            return [], []
        # After a name (`China Mobile` / `China mobile`): a name the article writes capitalised again and again,
        # written once in lower case. Human English writes institutions both ways (`the Ministry` / `the ministry`),
        # so a lower-case word after a plain word is compared only when it is rare (a coined name: `Ultrabook`).
        after_name = all(text[u.start - len(key[0]) - 1].isupper() for u in lower)
        if after_name:
            if len(capitalised) >= self.min_name_uses and len(capitalised) > len(lower):
                return lower, capitalised
            return [], []
        if zipf(key[1], self.context.language) >= self.max_zipf:
            return [], []
        first_capitalised = capitalised[0].start < lower[0].start
        # The commoner casing stands; on a tie, the one written first.
        if (len(capitalised), first_capitalised) > (len(lower), not first_capitalised):
            return lower, capitalised
        return capitalised, lower

    def find(self, prose: Prose) -> Iterator[Hit]:
        text = prose.text
        for key, uses in self.uses(prose).items():
            flagged, standing = self.flagged(key, sorted(uses, key=lambda u: u.start), text)
            for use in flagged:
                other = min(standing, key=lambda u: abs(u.start - use.start))
                if abs(other.start - use.start) > self.window:
                    continue
                values = {"match": text[use.start:use.end], "replacement": text[other.start:other.end]}
                yield Hit(self.info, use.start, use.end, fill(self.spec.message, values), (values["replacement"],))
