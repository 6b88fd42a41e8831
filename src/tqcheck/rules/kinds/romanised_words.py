"""The `romanised-words` kind: Russian words left in Latin letters (`devaysa`, `4.7-dyuymovym`), unknown in English."""

from __future__ import annotations

from collections.abc import Iterator
import regex

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ...languages import SOURCE_LANGUAGES
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict
from ..transliteration import russian_shape, russian_zipf
from ..verdicts import Verdicts
from ..wordlist import known_words, table

_BEFORE = regex.compile(r"[\p{L}\p{N}_'’@#/.-]")
_AFTER = regex.compile(r"[\p{L}\p{N}_'’@-]|\.[\p{L}\p{N}]")
_NUMBER_HYPHEN = regex.compile(r"\d-$")


@rule_kind("romanised-words")
class RomanisedWordsCheck:
    """A lower-case word unknown to English and to the source-language lists that reads as romanised Russian: by
    its letters alone when they are unmistakable, or by its letters and a Russian word it spells."""

    class Options(Strict):
        """How long the word must be, and how Russian its letters (mean trigram log-odds) must look."""

        min_length: int = 6
        min_shape: float = 0.5  # with a Russian word of Zipf `min_source_zipf` that it spells
        min_source_zipf: float = 2.0
        shape_alone: float = 1.5  # letters unmistakably Russian: human English romanises names, not words, this way

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.options = spec.options
        self.verdicts: Verdicts[bool] = Verdicts(self.suspect)

    def russian(self, word: str) -> bool:
        """Whether an unknown lower-case word reads as romanised Russian."""
        shape = russian_shape(word)
        if shape >= self.options.shape_alone:
            return True
        return shape >= self.options.min_shape and russian_zipf(word) >= self.options.min_source_zipf

    def suspect(self, token: str) -> bool | None:
        """A token long enough, in plain Latin letters, unknown to English, to the glossary and to the source lists,
        that reads as romanised Russian."""
        if (len(token) < self.options.min_length or not token.isascii() or not token.isalpha()
                or token in table(self.context.language) or token in self.context.words
                or any(token in table(code) for code in SOURCE_LANGUAGES)):
            return None
        return True if self.russian(token) else None

    def suspects(self, prose: Prose) -> list[str]:
        """The prose's tokens that read as romanised Russian."""
        return list(self.verdicts.of(prose.unknown(known_words(self.context.language))))

    def find(self, prose: Prose) -> Iterator[Hit]:
        text = prose.text
        for word in self.suspects(prose):
            start = text.find(word)  # in lower case only: a capitalised name (`Nizhny`) is left alone
            while start >= 0:
                end = start + len(word)
                # Alone or after a number and a hyphen (`4.7-dyuymovym`), not inside a longer word, name or handle.
                attached = start > 0 and _BEFORE.match(text, start - 1) and not _NUMBER_HYPHEN.search(text, start - 2, start)
                if not attached and not _AFTER.match(text, end):
                    yield Hit(self.info, start, end, fill(self.spec.message, {"match": word}))
                start = text.find(word, end)
