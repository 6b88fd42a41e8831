"""The `language-id` kind: a whole sentence left in a source language (lingua), with guards."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..sentences import JOINED_TO_LOWER, LOWER_LETTERS, WORD, sentences
from ..spec import LANGUAGES, BaseRuleSpec, Strict
from ..verdicts import Verdicts
from ..wordlist import KNOWN_WORD_ZIPF, known_words, table, zipf


@rule_kind("language-id")
class LanguageIdCheck:
    """A whole sentence in a source language (lingua), guarded by length, a word-level pre-filter and confidence."""

    class Options(Strict):
        """How long a sentence, how sure lingua and how foreign its words must be."""

        min_words: int = 5
        min_confidence: float = 0.85
        min_foreign_share: float = 0.5

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.min_words = spec.options.min_words
        self.min_confidence = spec.options.min_confidence
        self.min_unknown = spec.options.min_foreign_share
        self._detector = None
        self.unknown: Verdicts[bool] = Verdicts(self.unknown_word)

    def unknown_word(self, token: str) -> bool | None:
        """Whether a folded token of the prose is rare in English and no glossary word."""
        known = table(self.context.language).get(token, 0.0) >= KNOWN_WORD_ZIPF or token in self.context.words
        return None if known else True

    def detector(self):
        """The lingua detector for English and the source languages, built on first need."""
        if self._detector is None:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            codes = {self.context.language, *self.context.languages()}
            languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in codes]
            self._detector = LanguageDetectorBuilder.from_languages(*languages).build()
        return self._detector

    def looks_foreign(self, words: list[str]) -> bool:
        """Cheap pre-filters before lingua: some lower-case words are rare in English, and most are commoner in a
        source language than in English."""
        english = self.context.language
        lower = [w.casefold() for w in words if w[:1].islower() and w.isalpha()]
        if len(lower) < self.min_words - 1:
            return False
        if sum(1 for w in lower if zipf(w, english) < 3.0) < 0.2 * len(lower):
            return False
        sources = self.context.languages()
        foreign = sum(1 for w in lower if max(zipf(w, code) for code in sources) > zipf(w, english) + 0.5)
        return foreign >= self.min_unknown * len(lower)

    def find(self, prose: Prose) -> Iterator[Hit]:
        rare = prose.unknown(known_words(self.context.language))
        if len(self.unknown.of(rare)) < 2:
            return
        # Segments with two words of LOWER_WORD rare in English, found where those words are.
        lower = [word for word in rare if LOWER_LETTERS.fullmatch(word)]
        found = Counter(prose.segment_index(start) for start, _ in prose.occurrences(lower, JOINED_TO_LOWER))
        for index in sorted(index for index, count in found.items() if count >= 2):
            base = prose.starts[index]
            yield from self.find_in(prose, base, base + len(prose.segments[index].text))

    def find_in(self, prose: Prose, floor: int, ceiling: int) -> Iterator[Hit]:
        for start, end in sentences(prose.text[floor:ceiling]):
            start, end = start + floor, end + floor
            words = WORD.findall(prose.text, start, end)
            if len(words) < self.min_words or not self.looks_foreign(words):
                continue
            sentence = prose.text[start:end]
            values = self.detector().compute_language_confidence_values(sentence)
            best = values[0]
            code = best.language.iso_code_639_1.name.lower()
            english = next((v.value for v in values if v.language.iso_code_639_1.name.lower() == self.context.language),
                           0.0)
            # Confident it is not English counts, even when two close source languages share the rest.
            if code != self.context.language and english <= 1 - self.min_confidence:
                values = {"match": sentence[:60], "language": LANGUAGES.get(code, code)}
                yield Hit(self.info, start, end, fill(self.spec.message, values), languages=(code,))
