"""The `repeated-word` kind: the same common word twice in a row (`the the`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import compress
from operator import eq

from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict
from ..wordlist import zipf


@rule_kind("repeated-word")
class RepeatedWordCheck:
    """The same common word twice in a row (`the the`), except pairs English repeats on purpose; names and rare
    words (Bora Bora, ylang ylang, japonicus japonicus) repeat legitimately."""

    class Options(Strict):
        """Words English doubles on purpose, always (`allowed`) or after given words (`allowed_after`)."""

        allowed: list[str] = Field(default_factory=list)
        allowed_after: dict[str, list[str]] = Field(default_factory=dict)

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.allowed = {w.casefold() for w in spec.options.allowed}
        self.allowed_after = {k.casefold(): {w.casefold() for w in v}
                              for k, v in spec.options.allowed_after.items()}

    def is_slip(self, word: str, before: str = "", previous: str | None = None) -> bool:
        """Whether a doubled `word` (after `previous`, the same word up to case) is a slip rather than a name, a
        reduplication, a number or an idiom such as 'what it is is'."""
        key = word.casefold()
        if previous is not None and len(word) > 1 and word.isupper() != previous.isupper():
            return False  # a word beside an acronym of the same letters: 'at AT&T', 'call it IT', 'us US buyers'
        if before.casefold() in self.allowed_after.get(key, ()):
            return False
        return (key not in self.allowed and not word.isdigit() and not word.istitle()
                and zipf(key, self.context.language) >= 3.0)

    def find(self, prose: Prose) -> Iterator[Hit]:
        # The folded words first (made and compared at C speed): most articles have no word twice in a row. Case
        # folding a folded word gives what case folding the word gives (but for ’, folded to '); most texts are
        # folded as far as case folding goes already.
        folded = prose.word_folds
        if not prose.tokens_fold_simply:
            folded = "\n".join(folded).casefold().split("\n")
        pairs = list(compress(range(1, len(folded)), map(eq, folded[1:], folded)))
        if pairs:
            yield from self.doubled(prose, pairs)

    def doubled(self, prose: Prose, pairs: Iterable[int]) -> Iterator[Hit]:
        """Every doubled word among `pairs` (the indexes of words that may double the word before), the words cut from
        the text where the folded words say they stand."""
        text, folds, starts = prose.text, prose.word_folds, prose.word_starts

        def word(index: int) -> str:
            return text[starts[index]:starts[index] + len(folds[index])]

        for index in pairs:
            previous, current = word(index - 1), word(index)
            if current.casefold() != previous.casefold():
                continue
            before_end, start = starts[index - 1] + len(previous), starts[index]
            before = word(index - 2) if index > 1 else ""
            if text[before_end:start] in (" ", "\t") and self.is_slip(current, before, previous):
                values = {"match": text[starts[index - 1]:start + len(current)], "w": previous}
                yield Hit(self.info, starts[index - 1], start + len(current), fill(self.spec.message, values),
                          (previous,))
