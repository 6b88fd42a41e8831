"""Word-level rule kinds: source-language words, untranslated sentences, words glued together."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..documents.prose import Prose
from ..findings import Hit, RuleInfo
from .context import BuildContext
from .kinds import fill
from .spec import LANGUAGES, RuleSpec
from .text import WORD, inside, quoted_spans, sentences
from .wordlist import KNOWN_WORD_ZIPF, table, zipf

_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}_'’-])\p{Ll}[\p{Ll}]{2,}(?![\p{L}\p{N}_'’-])")


class ForeignWordsRule:
    """A lower-case word common in a source language and unknown in English, outside quotations."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.min_zipf = float(spec.options.get("min_source_zipf", 3.5))
        self.min_length = int(spec.options.get("min_length", 4))
        self.min_gap = float(spec.options.get("min_gap", 2.0))
        self.ignore = {w.casefold() for w in spec.options.get("ignore", [])}
        self._cache: dict[str, str | None] = {}

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
        english, cache = table(self.context.language), self._cache
        suspects = set()
        for word in prose.tokens:
            if english.get(word, 0.0) >= KNOWN_WORD_ZIPF:
                continue
            if word not in cache:
                cache[word] = self.language_of(word)
            if cache[word]:
                suspects.add(word)
        if not suspects:
            return
        for match in _LOWER_WORD.finditer(prose.text):
            word = match.group()
            language = cache.get(word) if word in suspects else None
            if language is None:
                continue
            quoted = quoted_spans(prose) if quoted is None else quoted
            if inside(match.start(), quoted) or self.after_name(prose.text, match.start()):
                continue
            values = {"match": match.group(), "language": LANGUAGES.get(language, language)}
            yield Hit(self.info, match.start(), match.end(), fill(self.spec.message, values), languages=(language,))


class LanguageIdRule:
    """A whole sentence in a source language (lingua), guarded by length, a word-level pre-filter and confidence."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.min_words = int(spec.options.get("min_words", 5))
        self.min_confidence = float(spec.options.get("min_confidence", 0.85))
        self.min_unknown = float(spec.options.get("min_foreign_share", 0.5))
        self._detector = None

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
        english = table(self.context.language)
        words = self.context.words
        if sum(1 for token in prose.tokens if english.get(token, 0.0) < KNOWN_WORD_ZIPF and token not in words) < 2:
            return
        for base, segment in zip(prose.starts, prose.segments):
            unknown = sum(1 for w in _LOWER_WORD.findall(segment.text) if english.get(w, 0.0) < KNOWN_WORD_ZIPF)
            if unknown >= 2:
                yield from self.find_in(prose, base, base + len(segment.text))

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


class GluedWordsRule:
    """A token that is no word but splits into a known term or word and another word (`Galaxywhich`, `15Pro`)."""

    _TOKEN = regex.compile(r"[\p{L}\p{N}]{3,}")

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.function_words = {w.casefold() for w in spec.options.get("function_words", [])}
        self.suffixes = {w.casefold(): w for w in spec.options.get("model_suffixes", [])}
        self.months = {w.casefold() for w in spec.options.get("left_words", [])}
        self._cache: dict[str, tuple[str, str] | None] = {}

    def known(self, word: str, threshold: float = 3.0) -> bool:
        return zipf(word.casefold(), self.context.language) >= threshold

    def split(self, token: str) -> tuple[str, str] | None:
        """Where `token` splits into two parts a reader would have written apart, if anywhere."""
        folded = token.casefold()
        if folded in self.context.words or self.known(folded, KNOWN_WORD_ZIPF):
            return None
        for cut in range(1, len(token)):
            if token[cut - 1].isdigit() and token[cut:].casefold() in self.suffixes:
                return token[:cut], token[cut:]
            if token[cut:].isdigit() and not token[cut - 1].isdigit() and token[:cut].casefold() in self.context.terms:
                return token[:cut], token[cut:]  # iPhone7, Windows11: a name and its number
        if self.is_camel_brand(token):
            return None
        for cut in range(1, len(token)):
            left, right = token[:cut], token[cut:]
            left_key, right_key = left.casefold(), right.casefold()
            if len(left) < 2 or len(right) < 2 or left.isdigit() or right.isdigit():
                continue
            left_named = left_key in self.context.terms or left_key in self.months
            if left_named and ((len(right) >= 3 and self.known(right_key, 3.5)) or right_key in self.function_words):
                return left, right
            if right_key in self.function_words and len(right) >= 3 and self.known(left_key, 3.5) and len(left) >= 3:
                return left, right
        return None

    @staticmethod
    def is_camel_brand(token: str) -> bool:
        """`OnePlus`, `iPhone`, `HarmonyOS`: internal capitals mark a deliberate name, not lost white space."""
        return any(c.isupper() for c in token[1:])

    def find(self, prose: Prose) -> Iterator[Hit]:
        english = table(self.context.language)
        words = self.context.words
        if all(english.get(token, 0.0) >= KNOWN_WORD_ZIPF or token in words or (len(token) < 5 and not token[:1].isdigit())
               for token in prose.tokens):
            return
        suspects = set()
        for token in set(self._TOKEN.findall(prose.text)):
            if len(token) < 5 and not token[0].isdigit():
                continue
            if english.get(token.casefold(), 0.0) < KNOWN_WORD_ZIPF:
                if token not in self._cache:
                    self._cache[token] = self.split(token)
                if self._cache[token]:
                    suspects.add(token)
        if not suspects:
            return
        text = prose.text
        for match in self._TOKEN.finditer(text):
            token = match.group()
            if token not in suspects:
                continue
            start, end = match.span()
            if start and text[start - 1] in "_@#/.-" or end < len(text) and text[end] in "_-":
                continue
            parts = self._cache[token]
            if parts is None:
                continue
            left, right = parts
            right = self.suffixes.get(right.casefold(), right)
            fixed = f"{self.context.terms.get(left.casefold(), left)} {right}"
            values = {"match": match.group(), "replacement": fixed}
            yield Hit(self.info, match.start(), match.end(), fill(self.spec.message, values), (fixed,))
