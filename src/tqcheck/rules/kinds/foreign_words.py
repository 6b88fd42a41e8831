"""The `foreign-words` kind: lower-case words common in a source language and unknown in English."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from pydantic import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..sentences import LOWER_WORD, WORD, inside, quoted_spans
from ..spec import LANGUAGES, BaseRuleSpec, Strict
from ..wordlist import KNOWN_WORD_ZIPF, WORD_MEMO, table, zipf


@rule_kind("foreign-words")
class ForeignWordsCheck:
    """A lower-case word common in a source language and unknown in English, outside quotations."""

    class Options(Strict):
        """How common in a source language, how rare in English and how long a word must be."""

        min_source_zipf: float = 3.5
        min_length: int = 4
        min_gap: float = 2.0
        ignore: list[str] = Field(default_factory=list)

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        options = spec.options
        self.min_zipf = options.min_source_zipf
        self.min_length = options.min_length
        self.min_gap = options.min_gap
        self.ignore = {w.casefold() for w in options.ignore}

    # Memoised per (check, word) and bounded: a long run keeps meeting new words.
    @lru_cache(maxsize=WORD_MEMO)
    def language_of(self, word: str) -> str | None:
        """The source language in which `word` is common and English lacks it, if any."""
        key = word.casefold()
        if len(key) < self.min_length or key in self.ignore or key in self.context.words:
            return None
        english = zipf(key, self.context.language)
        if english >= KNOWN_WORD_ZIPF:
            return None
        best = max(self.context.languages(), key=lambda code: zipf(key, code))
        source = zipf(key, best)
        return best if source >= self.min_zipf and source - english >= self.min_gap else None

    def after_name(self, text: str, position: int) -> bool:
        """Right after a capitalised name: part of a name or a binomial (Calliphora vicina, Lula da Silva)."""
        before = text[max(0, position - 40):position].rstrip()
        previous = WORD.findall(before)[-1:] if before and not before.endswith((".", "!", "?", ",", ";", ":")) else []
        return bool(previous) and previous[0][:1].isupper() and zipf(previous[0].casefold(), self.context.language) < 3.5

    def find(self, prose: Prose) -> Iterator[Hit]:
        quoted = None
        english, language_of = table(self.context.language), self.language_of
        suspects = {}
        for word in prose.tokens:
            if english.get(word, 0.0) >= KNOWN_WORD_ZIPF:
                continue
            language = language_of(word)
            if language:
                suspects[word] = language
        if not suspects:
            return
        for match in LOWER_WORD.finditer(prose.text):
            language = suspects.get(match.group())
            if language is None:
                continue
            quoted = quoted_spans(prose) if quoted is None else quoted
            if inside(match.start(), quoted) or self.after_name(prose.text, match.start()):
                continue
            values = {"match": match.group(), "language": LANGUAGES.get(language, language)}
            yield Hit(self.info, match.start(), match.end(), fill(self.spec.message, values), languages=(language,))
