"""The `echoed-word` kind: a content word said twice within a few words (`release a new album release`)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from operator import eq

import regex
from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict
from ..wordlist import zipf

# Only spaces between the words of a run: punctuation, a dash or a line break starts a list, an aside or a clause.
_SPACES = regex.compile(r" +")


@rule_kind("echoed-word")
class EchoedWordCheck:
    """A lower-case content word that comes back after one to `gap` words in one clause: MT that renders a
    source word twice (a verb and its noun, a reporting verb doubled). Coordination (`clear rules and clear
    limits`), comparison and ranges (`from one account to a current account`) and definitions (`city bikes are light
    bikes`) repeat on purpose: a separator word between the two leaves them alone."""

    class Options(Strict):
        """How far apart, which words count, and the words between that make a repetition deliberate."""

        gap: int = Field(3, ge=1, le=6)
        min_length: int = Field(4, ge=2)
        max_zipf: float = 5.5  # more common words (have, said, about) are grammar, not content
        # Words with these endings are not echoes: a sentence adverb said twice is speech (`basically ... basically`).
        ignore_endings: list[str] = Field(default_factory=list)
        separators: list[str] = Field(default_factory=list)
        # A separator that stops separating before these words (`quoted to have quoted`).
        unless_before: dict[str, list[str]] = Field(default_factory=dict)

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        options = spec.options
        self.separators = {w.casefold() for w in options.separators}
        self.unless_before = {k.casefold(): {w.casefold() for w in v} for k, v in options.unless_before.items()}

    def find(self, prose: Prose) -> Iterator[Hit]:
        # The folded words are quick to make and compare: an echo is among their repeats, as its own word (a word with
        # a frequency is a lower-case word of the table, folding leaves it as it is).
        folds = prose.word_folds
        repeats = list(_repeat_ends(folds, range(2, self.spec.options.gap + 2)))  # echoes reads them again
        if any(self.may_echo(folds, end - distance, end) for distance, end in repeats):
            yield from self.echoes(prose, repeats)

    def echoes(self, prose: Prose, repeats: list[tuple[int, int]] | None = None) -> Iterator[Hit]:
        """Every echo, found word by word (the words cut from the text where the folded words say they stand);
        `repeats`: the words' `_repeat_ends`, when made already."""
        gap, shortest = self.spec.options.gap, self.spec.options.min_length
        text, folds, starts = prose.text, prose.word_folds, prose.word_starts
        if repeats is None:
            repeats = list(_repeat_ends(folds, range(2, gap + 2)))

        def word(index: int) -> str:
            return text[starts[index]:starts[index] + len(folds[index])]

        # Only a word that comes back after one to `gap` words can be an echo (its folded word comes back too): the
        # words are looked at only there.
        candidates = sorted({index for distance, index in repeats
                             if len(folds[index]) >= shortest and word(index)[0].islower()
                             and word(index - distance) == word(index)})
        for index in candidates:
            current = word(index)
            for earlier in range(max(0, index - gap - 1), index - 1):
                if word(earlier) == current and self._echo(text, current, [(starts[k], starts[k] + len(folds[k]))
                                                                           for k in range(earlier, index + 1)]):
                    values = {"match": text[starts[earlier]:starts[index] + len(current)], "w": current}
                    yield Hit(self.info, starts[earlier], starts[index] + len(current), fill(self.spec.message, values))
                    break

    def may_echo(self, folds: list[str], first: int, last: int) -> bool:
        """Whether the words `first` and `last` (equal folded words) may be an echo, as far as the folded words tell.

        A folded word tells a separator only when it is the word case-folded: plain ASCII without an apostrophe
        (which may stand for ’)."""
        options, word, between = self.spec.options, folds[last], folds[first + 1:last]
        if (len(word) < options.min_length or not 0 < zipf(word) < options.max_zipf
                or word.endswith(tuple(options.ignore_endings)) or all(w == word for w in between)):
            return False
        for index, separator in enumerate(between):
            if separator in self.separators and _plain(separator):
                following = between[index + 1] if index + 1 < len(between) else None
                unless = self.unless_before.get(separator, ())
                if following is None or (_plain(following) and following not in unless):
                    return False
        return True

    def _echo(self, text: str, word: str, run: list[tuple[int, int]]) -> bool:
        """Whether `run` (spans of the word, of what lies between, of the word again) is an unintended echo."""
        options = self.spec.options
        between = [text[start:end].casefold() for start, end in run[1:-1]]
        if (len(word) < options.min_length or not word[0].islower() or not 0 < zipf(word) < options.max_zipf
                or word.endswith(tuple(options.ignore_endings))
                or not all(_SPACES.fullmatch(text, a[1], b[0]) for a, b in zip(run, run[1:]))
                or all(w == word for w in between)):
            return False
        return not any(w in self.separators and not (i + 1 < len(between) and between[i + 1]
                                                     in self.unless_before.get(w, ()))
                       for i, w in enumerate(between))


def _repeat_ends(words: list[str], distances: range) -> Iterator[tuple[int, int]]:
    """(distance, index) of the words equal to the word `distance` places before them, for each distance (at C speed
    but for the repeats themselves)."""
    for distance in distances:
        for index in compress(range(distance, len(words)), map(eq, words, words[distance:])):
            yield distance, index


def _plain(word: str) -> bool:
    """Whether a folded word is its word case-folded: ASCII, no apostrophe."""
    return word.isascii() and "'" not in word
