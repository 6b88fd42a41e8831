"""The `foreign-words` kind: lower-case words common in a source language and unknown in English."""

from __future__ import annotations

from collections.abc import Iterator
import regex
from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..sentences import JOINED_TO_LOWER, LOWER_LETTERS, WORD, inside, quoted_spans
from ..spec import LANGUAGES, BaseRuleSpec, Strict
from ..verdicts import Verdicts
from ..wordlist import KNOWN_WORD_ZIPF, known_words, table, zipf

_SHORT_QUOTE = regex.compile(r"[\"“”«»„‘’](?:[ \t]*[\p{L}\p{N}'-]+){1,4}[ \t]*[\"“”«»’]")


@rule_kind("foreign-words")
class ForeignWordsCheck:
    """A lower-case word common in a source language and unknown in English, outside quotations."""

    class Options(Strict):
        """How common in a source language, how rare in English and how long a word must be."""

        min_source_zipf: float = 3.5
        min_length: int = 4
        min_gap: float = 2.0
        ignore: list[str] = Field(default_factory=list)
        # Inflections English words do not end in: a word unknown to English and to every source lexicon (a rare or
        # misspelt source word, `formmalizo`) that ends in one is still a source word.
        endings: dict[str, list[str]] = Field(default_factory=dict)
        min_ending_length: int = 6
        # A quotation of this many words that reads as English was translated: its foreign words are leftovers.
        translated_quote_words: int = 5

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        options = spec.options
        self.min_zipf = options.min_source_zipf
        self.min_length = options.min_length
        self.min_gap = options.min_gap
        self.ignore = {w.casefold() for w in options.ignore}
        self.endings = sorted(((ending, code) for code, endings in options.endings.items() for ending in endings),
                              key=lambda pair: -len(pair[0]))
        self.min_ending_length = options.min_ending_length
        self.quote_words = options.translated_quote_words
        self.verdicts: Verdicts[str] = Verdicts(self.token_language)

    def token_language(self, token: str) -> str | None:
        """The source language of a folded token of the prose, if it is a suspect."""
        return None if table(self.context.language).get(token, 0.0) >= KNOWN_WORD_ZIPF else self.language_of(token)

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
        if source >= self.min_zipf and source - english >= self.min_gap:
            return best
        if source == 0.0 and english == 0.0 and len(key) >= self.min_ending_length and key.isalpha():
            return next((code for ending, code in self.endings
                         if key.endswith(ending) and code in self.context.languages()), None)
        return None

    def translated_quote(self, text: str, span: tuple[int, int]) -> bool:
        """Whether a quotation is long and mostly English words (so it was translated, not quoted as is)."""
        words = [w.casefold() for w in WORD.findall(text, span[0], span[1])]
        known = sum(zipf(w, self.context.language) >= KNOWN_WORD_ZIPF for w in words)
        return len(words) >= self.quote_words and known * 2 > len(words)

    def after_name(self, text: str, position: int) -> bool:
        """Right after a capitalised name: part of a name or a binomial (Calliphora vicina, Lula da Silva)."""
        before = text[max(0, position - 40):position].rstrip()
        previous = WORD.findall(before)[-1:] if before and not before.endswith((".", "!", "?", ",", ";", ":")) else []
        return bool(previous) and previous[0][:1].isupper() and zipf(previous[0].casefold(), self.context.language) < 3.5

    def find(self, prose: Prose) -> Iterator[Hit]:
        quoted = None
        suspects = self.verdicts.of(prose.unknown(known_words(self.context.language)))
        if not suspects:
            return
        text = prose.text
        lower = [word for word in suspects if LOWER_LETTERS.fullmatch(word)]
        for start, word in prose.occurrences(lower, JOINED_TO_LOWER):  # where LOWER_WORD matches one of them
            language = suspects[word]
            if quoted is None:
                quoted = [span for span in quoted_spans(prose) if not self.translated_quote(text, span)]
                # Quote marks pair ambiguously inside a longer quotation: any short run between two marks counts.
                quoted += [m.span() for m in _SHORT_QUOTE.finditer(text, overlapped=True)]
            if inside(start, quoted) or self.after_name(text, start):
                continue
            values = {"match": word, "language": LANGUAGES.get(language, language)}
            yield Hit(self.info, start, start + len(word), fill(self.spec.message, values), languages=(language,))
