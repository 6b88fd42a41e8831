"""The `echoed-word` kind: a content word said twice within a few words (`release a new album release`)."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..sentences import WORD
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
        if not self._may_echo(prose.folded.split()):
            return
        options = self.spec.options
        window: list[regex.Match] = []
        for match in WORD.finditer(prose.text):
            word = match.group()
            for index, earlier in enumerate(window[:-1]):
                if earlier.group() == word and self._echo(prose.text, word, window[index:] + [match]):
                    values = {"match": prose.text[earlier.start():match.end()], "w": word}
                    yield Hit(self.info, earlier.start(), match.end(), fill(self.spec.message, values))
                    break
            window = (window + [match])[-(options.gap + 1):]

    def _may_echo(self, words: list[str]) -> bool:
        """A fast pass over the folded words: does any long word come back within the gap?"""
        seen: dict[str, int] = {}
        gap, shortest = self.spec.options.gap + 1, self.spec.options.min_length
        for index, word in enumerate(words):
            if index - seen.get(word, -gap - 1) <= gap and len(word) >= shortest:
                return True
            seen[word] = index
        return False

    def _echo(self, text: str, word: str, run: list[regex.Match]) -> bool:
        """Whether `run` (the word, what lies between, the word again) is an unintended echo."""
        options = self.spec.options
        between = [m.group().casefold() for m in run[1:-1]]
        if (len(word) < options.min_length or not word[0].islower() or not 0 < zipf(word) < options.max_zipf
                or word.endswith(tuple(options.ignore_endings))
                or not all(_SPACES.fullmatch(text, a.end(), b.start()) for a, b in zip(run, run[1:]))
                or all(w == word for w in between)):
            return False
        return not any(w in self.separators and not (i + 1 < len(between) and between[i + 1]
                                                     in self.unless_before.get(w, ()))
                       for i, w in enumerate(between))
