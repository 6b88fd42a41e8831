"""The `coined-words` kind: a word English lacks, built from an English stem and an English suffix."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..sentences import JOINED_TO_LOWER, LOWER_LETTERS
from ..spec import BaseRuleSpec, Strict
from ..verdicts import Verdicts
from ..wordlist import KNOWN_WORD_ZIPF, WORD_MEMO, known_words, table, zipf


@rule_kind("coined-words")
class CoinedWordsCheck:
    """A lower-case word unknown to English that splits into a known English stem and a derivational suffix: MT
    that carries a source word's morphology over (`electoralismos` -> `electoralisms`, `denunciante` -> `denouncer`)
    coins a word no English writer uses, where a human writes the usual one (`electioneering`, `whistle-blower`)."""

    class Options(Strict):
        """Which suffixes, how long a word and how common its stem must be."""

        suffixes: list[str] = Field(min_length=1)
        min_length: int = Field(7, ge=4)
        min_stem_length: int = Field(4, ge=2)
        min_stem_zipf: float = 2.5  # the stem is an ordinary English word
        max_zipf: float = 0.0  # the word itself is below the word table's floor: English writers do not use it

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.suffixes = sorted({s.casefold() for s in spec.options.suffixes}, key=len, reverse=True)
        self.verdicts: Verdicts[tuple[str, str]] = Verdicts(self.coinage)

    def coinage(self, word: str) -> tuple[str, str] | None:
        """The stem and suffix of a token of the prose that is a coined word."""
        if (len(word) < self.spec.options.min_length
                or table(self.context.language).get(word, 0.0) > self.spec.options.max_zipf
                or word in self.context.words or not LOWER_LETTERS.fullmatch(word)):
            return None
        return self.split(word)

    def find(self, prose: Prose) -> Iterator[Hit]:
        ceiling = self.spec.options.max_zipf
        # Words rarer than the ceiling are among the document's words unknown to English (one set difference, shared);
        # each word is judged once per run.
        words = prose.unknown(known_words(self.context.language)) if ceiling < KNOWN_WORD_ZIPF else prose.tokens
        suspects = self.verdicts.of(words)
        # Where LOWER_WORD matches one of them, found with str.find.
        for start, word in prose.occurrences(suspects, JOINED_TO_LOWER):
            parts = suspects[word]
            values = {"match": word, "stem": parts[0], "suffix": parts[1]}
            yield Hit(self.info, start, start + len(word), fill(self.spec.message, values))

    # Memoised per (check, word) and bounded: a long run keeps meeting new words.
    @lru_cache(maxsize=WORD_MEMO)
    def split(self, word: str) -> tuple[str, str] | None:
        """The known English stem and the suffix `word` is built from, if any."""
        if not word.isalpha():
            return None
        options = self.spec.options
        for suffix in self.suffixes:
            base = word[:-len(suffix)]
            if not word.endswith(suffix) or len(base) < options.min_stem_length:
                continue
            if self.has_family(base, suffix):
                return None  # a rarer form of an English word family (`popularizes` beside `popularize`)
            for stem in _stems(base):
                if zipf(stem, self.context.language) >= options.min_stem_zipf:
                    return stem, suffix
        return None

    def has_family(self, base: str, suffix: str) -> bool:
        """Whether English uses `base` with another of the suffixes (the word is then a rare form, not a coinage)."""
        ceiling = self.spec.options.max_zipf
        return any(zipf(base + other, self.context.language) > ceiling for other in self.suffixes if other != suffix)


def _stems(base: str) -> Iterator[str]:
    """The English words a suffix may have been added to: as is, with a dropped `e`, a doubled consonant or `y`."""
    yield base
    yield base + "e"
    if len(base) > 2 and base[-1] == base[-2]:
        yield base[:-1]
    if base.endswith("i"):
        yield base[:-1] + "y"
