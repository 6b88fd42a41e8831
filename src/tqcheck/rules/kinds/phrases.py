"""The `phrases` kind: listed phrases, found all at once; a mapping gives each its replacement (substitution)."""

from __future__ import annotations

from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, match_case, quoted
from ..phrase_index import PhraseIndex
from ..registry import rule_kind
from ..spec import BaseRuleSpec, NoOptions

_SAID = 1 << 12  # how many spellings of its phrases a rule keeps the message of (bounded: a long run meets many)


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
        self._said: dict[str, tuple[str, tuple[str, ...]]] = {}  # matched text -> message and suggestions

    def find(self, prose: Prose) -> list[Hit]:
        # A list, not a generator: every phrases rule is asked about every document, and most find nothing.
        found = self.index.find(prose.text, prose.folded, prose.spaced)
        if not found:
            return found
        text, info, allow_in, said = prose.text, self.info, self.allow_in, self._said
        hits = []
        for start, end, payloads in found:
            matched = text[start:end]
            message = said.get(matched)
            if message is None:
                if len(said) > _SAID:
                    said.clear()
                message = said[matched] = self.message(matched, payloads[0])
            hits.append(Hit(info, start, end, *message, allow_in))
        return hits

    def message(self, matched: str, replacement: str | None) -> tuple[str, tuple[str, ...]]:
        """The message and suggestions for the phrase `matched` (the same for every place it is written so)."""
        suggestions = (match_case(replacement, matched),) if replacement is not None else ()
        return fill(self.spec.message, {"match": quoted(matched), "replacement": replacement or ""}), suggestions
