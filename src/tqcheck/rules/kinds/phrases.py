"""The `phrases` kind: listed phrases, found all at once; a mapping gives each its replacement (substitution)."""

from __future__ import annotations

from pydantic import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, match_case, quoted
from ..phrase_index import PhraseIndex
from ..registry import rule_kind
from ..spec import BaseRuleSpec, NoOptions


@rule_kind("phrases")
class PhrasesCheck:
    """Listed phrases, whole words, case-insensitive (one Hyperscan pass for every phrase list of a run)."""

    Options = NoOptions  # the phrases are the rule

    class Spec(BaseRuleSpec):
        """A phrases rule's own field: a list (existence) or a mapping phrase -> replacement (substitution)."""

        phrases: dict[str, str | None] | list[str] = Field(min_length=1)

    def __init__(self, spec: Spec, info: RuleInfo, context: BuildContext | None = None):
        phrases = spec.phrases
        mapping = phrases if isinstance(phrases, dict) else dict.fromkeys(phrases)
        self.index: PhraseIndex[str | None] = PhraseIndex(context.phrases if context else None)
        for phrase, replacement in mapping.items():
            self.index.add(phrase, replacement)
        self.spec, self.info = spec, info
        self.allow_in = frozenset(spec.allow_in)

    def find(self, prose: Prose) -> list[Hit]:
        # A list, not a generator: every phrases rule is asked about every document, and most find nothing.
        found = self.index.find(prose.text, prose.folded, prose.spaced)
        return [self.hit(prose.text, start, end, payloads[0]) for start, end, payloads in found] if found else found

    def hit(self, text: str, start: int, end: int, replacement: str | None) -> Hit:
        """The hit for the phrase found at [start, end)."""
        matched = text[start:end]
        suggestions = (match_case(replacement, matched),) if replacement is not None else ()
        values = {"match": quoted(matched), "replacement": replacement or ""}
        return Hit(self.info, start, end, fill(self.spec.message, values), suggestions, self.allow_in)
