"""The `leakage` kind: source-language function words left in English, between names or between English words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex
from ..declared import Field

from ...documents.prose import Prose, fold, space_out
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, quoted
from ..phrase_index import PhraseIndex
from ..registry import rule_kind
from ..spec import LANGUAGES, BaseRuleSpec, NoOptions, Strict

_NAME = r"(?:@\w+|\p{Lu}[\p{L}\p{N}]*(?:[-.&'’][\p{L}\p{N}]+)*)"
_LOWER = r"\p{Ll}[\p{Ll}'’-]*"
_LEFT_GAP = frozenset(" \t\n")
_RIGHT_GAP = frozenset(" \t")


class LeakWord(Strict):
    """A source-language word that should have been translated."""

    word: str
    languages: list[str]
    translation: str


@rule_kind("leakage")
class LeakageCheck:
    """Source-language function words left in English, in a context: `between-names` (`Samsung y Google`) or
    `in-english` (lower-case, between lower-case words: `the launch del phone`)."""

    Options = NoOptions  # the words and their context are the rule

    class Spec(BaseRuleSpec):
        """A leakage rule's own fields."""

        words: list[LeakWord] = Field(min_length=1)
        context: Literal["between-names", "in-english"]

    def __init__(self, spec: Spec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        wanted = set(context.source_languages)
        self.words = {w.word.lower(): w for w in spec.words if not wanted or wanted & set(w.languages)}
        # A text's tokens are its runs of letters and digits: a word of several (`por favor`, `d'accord`) is
        # looked for when its first run is a token (a word without letters or digits: always).
        runs = [space_out(fold(word)).split() for word in self.words]
        self.firsts = frozenset(each[0] for each in runs) if all(runs) else None
        # The words are found first, all at once (Aho-Corasick); their context is then checked on a few characters
        # each side.
        self.index: PhraseIndex[str] = PhraseIndex(context.phrases)
        for word in self.words:
            self.index.add(word, word)
        if spec.context == "between-names":
            self.left = regex.compile(rf"(?:^|(?<=[^\p{{L}}\p{{N}}_@#]))(?P<name>{_NAME})[ \t]+$")
            self.right = regex.compile(rf"[ \t]+(?P<name>{_NAME})(?![\p{{L}}\p{{N}}])")
        else:
            self.left = regex.compile(rf"(?:^|(?<=[^\p{{L}}\p{{N}}@#]))(?P<name>{_LOWER})[ \t]+$")
            self.right = regex.compile(r"[ \t]+(?P<name>[\p{L}\p{N}])")

    def in_context(self, text: str, start: int, end: int, word: str) -> bool:
        """Whether the word at [start, end) stands where this rule's context says it is leakage."""
        # Both patterns want a space or tab beside the word (on the left `$` may stand before a last line break):
        # most places without are told at once, the rest by the cheap anchored match first.
        if text[start - 1:start] not in _LEFT_GAP or text[end:end + 1] not in _RIGHT_GAP:
            return False
        right = self.right.match(text, end, end + 60)
        left = self.left.search(text, max(0, start - 60), start) if right is not None else None
        if left is None or right is None:
            return False
        if self.spec.context == "between-names":
            both_handles = left.group("name").startswith("@") and right.group("name").startswith("@")
            return word.islower() or both_handles
        return True

    def find(self, prose: Prose) -> Iterator[Hit]:
        text = prose.text
        # C-speed pre-filter: most articles contain none of these words as a whole token.
        if self.firsts is not None and self.firsts.isdisjoint(prose.tokens):
            return
        for start, end, keys in self.index.find(text, prose.folded, prose.spaced):
            word = text[start:end]
            if start > 0 and text[start - 1] in "@#'’-" or end < len(text) and text[end] in "'’-":
                continue
            if self.spec.context == "in-english" and not word.islower():
                continue
            if not self.in_context(text, start, end, word):
                continue
            leak = self.words[keys[0]]  # the word as listed: the text may hold its words apart by any white space
            shown = quoted(word)
            values = {
                "match": shown, "word": shown, "translation": leak.translation,
                "language": "/".join(LANGUAGES.get(code, code) for code in leak.languages),
            }
            yield Hit(self.info, start, end, fill(self.spec.message, values),
                      (leak.translation,), languages=tuple(leak.languages))
