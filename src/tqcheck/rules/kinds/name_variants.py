"""The `name-variants` kind: one person's or place's name spelt two ways close together in an article."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from itertools import compress, repeat
from operator import ge
from typing import NamedTuple

import regex
from rapidfuzz.distance import Levenshtein

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict
from ..wordlist import table, zipf

# A run of capitalised words (a name), hyphenated parts kept apart so `Jong-un` and `Jung Un` compare word by word.
_NAME_RUN = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Lu}\p{Ll}+(?:[ \t-]+\p{Lu}\p{Ll}+)*(?![\p{L}\p{N}])")
_PART = regex.compile(r"\p{Lu}\p{Ll}+")
# The one character besides ASCII that folds to an ASCII letter or digit (the Kelvin sign).
_FOLDS_TO_ASCII = "\u212a"


def plain(word: str) -> str:
    """`word` without its diacritics (Sánchez -> Sanchez)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def ascii_letters(prose: Prose) -> bool:
    """Whether every letter and digit of the text is ASCII (its tokens are, and no Kelvin sign folded into one)."""
    return prose.tokens_ascii and _FOLDS_TO_ASCII not in prose.text


def _one_letter_apart(words: list[str]) -> bool:
    """Whether two of `words` (distinct) are at most one letter apart (one substituted, added or dropped): two such
    words share a form with one letter deleted, or one is such a form of the other."""
    seen: set[str] = set(words)
    deleted: set[str] = set()
    for word in words:
        forms = {word[:index] + word[index + 1:] for index in range(len(word))}
        if not forms.isdisjoint(deleted) or not forms.isdisjoint(seen):
            return True
        deleted |= forms
    return False


class _Name(NamedTuple):  # a tuple: a document has thousands, made faster than a frozen dataclass
    start: int
    end: int
    words: tuple[str, ...]


@rule_kind("name-variants")
class NameVariantsCheck:
    """A name whose diacritics were dropped where the article also has them (Sanchez / Sánchez), or a two-word
    name that shares one word with another and differs by one letter in the other (Maria Lopes / Maria Lopez)."""

    class Options(Strict):
        """How close together the two spellings must be, and how rare the differing words."""

        window: int = 6000  # characters: about one article, so unrelated stories in one file do not meet
        min_length: int = 4
        max_zipf: float = 3.0  # a differing word this common is an ordinary name of its own (Mario / Maria)

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.window = spec.options.window
        self.min_length = spec.options.min_length
        self.max_zipf = spec.options.max_zipf
        self._common: frozenset[str] | None = None  # the words at or above max_zipf, made on first need

    def names(self, text: str) -> list[_Name]:
        """Every word of every capitalised run, and every pair of adjacent words in a run, with its span."""
        found = []
        for run in _NAME_RUN.finditer(text):
            word = run.group()
            if " " not in word and "\t" not in word and "-" not in word:  # one word, its own only part
                found.append(_Name(run.start(), run.end(), (word,)))
                continue
            parts = list(_PART.finditer(text, run.start(), run.end()))
            for index, part in enumerate(parts):
                found.append(_Name(part.start(), part.end(), (part.group(),)))
                if index + 1 < len(parts):
                    found.append(_Name(part.start(), parts[index + 1].end(), (part.group(), parts[index + 1].group())))
        return found

    def rare(self, word: str) -> bool:
        key = word.casefold()
        return zipf(key, self.context.language) < self.max_zipf and key not in self.context.words

    def close(self, word: str, better: str) -> bool:
        """Whether two different rare words are one letter apart, and not a plural or an accent apart."""
        if min(len(word), len(better)) < self.min_length or plain(word) == plain(better):
            return False
        shorter, longer = sorted((word, better), key=len)
        if longer == shorter + "s":
            return False
        return Levenshtein.distance(word, better) == 1 and self.rare(word) and self.rare(better)

    def pairs(self, names: list[_Name]) -> Iterator[tuple[_Name, _Name]]:
        """(variant, better) candidates: an accent dropped from one word, or one word of a two-word name off by a
        letter while the other word is the same."""
        accented: dict[str, list[_Name]] = {}
        for name in names:
            if len(name.words) == 1 and not name.words[0].isascii():
                accented.setdefault(plain(name.words[0]), []).append(name)
        groups: dict[tuple[int, str], dict[str, list[_Name]]] = {}
        for name in names:
            if len(name.words) == 1:
                word = name.words[0]
                for better in accented.get(word, ()) if word.isascii() and len(word) >= self.min_length else ():
                    yield name, better
            else:
                for index in (0, 1):
                    group = groups.setdefault((index, name.words[index]), {})
                    group.setdefault(name.words[1 - index], []).append(name)
        for (index, _), group in groups.items():
            words = list(group)
            for word in words:
                for better in words:
                    if word != better and self.close(word, better):
                        for name in group[word]:
                            for other in group[better]:
                                yield name, other

    def find(self, prose: Prose) -> Iterator[Hit]:
        if not ascii_letters(prose) or self.may_have_close_names(prose):
            yield from self.variants(prose)

    def may_have_close_names(self, prose: Prose) -> bool:
        """Whether two rare words of the text are one letter apart: in a text of ASCII letters only (no accent to
        drop), a two-word name spelt two ways needs two such words, and their parts are its tokens."""
        if self._common is None:
            frequencies = table(self.context.language)  # filtered at C speed: the table has some 170,000 words
            self._common = frozenset(compress(frequencies, map(ge, frequencies.values(), repeat(self.max_zipf))))
        rare = [token for token in prose.unknown(self._common)
                if len(token) >= self.min_length and token.isalpha() and token not in self.context.words]
        return _one_letter_apart(rare)

    def variants(self, prose: Prose) -> Iterator[Hit]:
        """Every variant, found name by name."""
        text = prose.text
        names = self.names(text)
        counts = Counter(name.words for name in names)
        reported: set[tuple[int, int]] = set()
        for name, other in self.pairs(names):
            if abs(other.start - name.start) > self.window or (name.start, name.end) in reported:
                continue
            # Of two variants the commoner in the article stands; on a tie, the earlier one.
            if len(name.words) == 2 and (counts[name.words], other.start) > (counts[other.words], name.start):
                continue
            reported.add((name.start, name.end))
            replacement = " ".join(other.words)
            values = {"match": text[name.start:name.end], "replacement": replacement}
            yield Hit(self.info, name.start, name.end, fill(self.spec.message, values), (replacement,))
