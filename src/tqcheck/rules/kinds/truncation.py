"""The `truncation` kind: the article's last paragraph stops mid-sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..declared import Field

from ...documents.model import Scope
from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, quoted
from ..registry import rule_kind
from ..sentences import WORD, sentences
from ..spec import BaseRuleSpec, Strict

_TERMINAL = re.compile(r"[.!?…:;\"”’)»\]*_]$")


@rule_kind("truncation")
class TruncationCheck:
    """The article's last paragraph stops mid-sentence: flagged at the word it stops at."""

    class Options(Strict):
        """How long the cut sentence must be, and which scopes count as paragraphs."""

        min_words: int = 8
        scopes: list[Scope] = Field(default_factory=lambda: ["paragraph", "quote"])

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        self.min_words = spec.options.min_words
        self.scopes = set(spec.options.scopes)

    def find(self, prose: Prose) -> Iterator[Hit]:
        candidates = [(s.pieces[0].file_start, i) for i, s in enumerate(prose.segments)
                      if s.pieces and s.scope in self.scopes]
        if not candidates:
            return
        index = max(candidates)[1]
        text, base = prose.segments[index].text.rstrip(), prose.starts[index]
        if not text or _TERMINAL.search(text) or prose.protected_kinds(base + len(text) - 1, base + len(text)):
            return
        last = list(sentences(text))[-1]
        fragment = text[last[0]:last[1]]
        last_word = fragment.split()[-1] if fragment.split() else ""
        # A cut sentence ends on an ordinary lower-case word; a byline or a credit ends on a name.
        if len(WORD.findall(fragment)) >= self.min_words and fragment[-1:].isalnum() and last_word[:1].islower():
            # The hit is the word the text stops at: one finding per span, and the whole sentence would hide every
            # other finding in it, or be hidden by one that outranks it.
            stop = base + last[0] + list(WORD.finditer(fragment))[-1].start()
            yield Hit(self.info, stop, base + last[1], fill(self.spec.message, {"match": quoted(fragment[-40:])}))
