"""The `repeated-word` kind: the same common word twice in a row (`the the`)."""

from __future__ import annotations

from collections.abc import Iterator
from operator import eq

from pydantic import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..sentences import WORD
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

    def is_slip(self, word: str, before: str = "") -> bool:
        """Whether a doubled `word` is a slip rather than a name, a reduplication, a number or an idiom such as
        'what it is is'."""
        key = word.casefold()
        if before.casefold() in self.allowed_after.get(key, ()):
            return False
        return (key not in self.allowed and not word.isdigit() and not word.istitle()
                and zipf(key, self.context.language) >= 3.0)

    def find(self, prose: Prose) -> Iterator[Hit]:
        words = prose.folded.split()
        # C-speed split first: most articles have no doubled token at all.
        if not any(map(eq, words, words[1:])):
            return
        previous = before = None
        for match in WORD.finditer(prose.text):
            if previous is not None and match.group().casefold() == previous.group().casefold() \
                    and prose.text[previous.end():match.start()] in (" ", "\t") \
                    and self.is_slip(match.group(), before.group() if before else ""):
                values = {"match": prose.text[previous.start():match.end()], "w": previous.group()}
                yield Hit(self.info, previous.start(), match.end(), fill(self.spec.message, values),
                          (previous.group(),))
            before, previous = previous, match
