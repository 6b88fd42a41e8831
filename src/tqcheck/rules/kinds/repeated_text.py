"""The `repeated-text` kind: a sentence or a whole paragraph that repeats an earlier one."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, quoted
from ..registry import rule_kind
from ..sentences import sentences
from ..spec import BaseRuleSpec, Strict


@rule_kind("repeated-text")
class RepeatedTextCheck:
    """A sentence or a whole paragraph that repeats an earlier one."""

    class Options(Strict):
        """How long a repeat must be, and in which scopes."""

        min_words: int = 6
        # Titles, headings and alt text repeat each other by design (front-matter title and H1 heading).
        scopes: list[str] = Field(default_factory=lambda: ["paragraph", "list-item", "quote", "table-cell"])

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        self.min_words = spec.options.min_words
        self.scopes = set(spec.options.scopes)

    def key(self, text: str) -> str | None:
        words = text.casefold().split()
        return " ".join(words).rstrip(".!?…\"'”’)") if len(words) >= self.min_words else None

    def find(self, prose: Prose) -> Iterator[Hit]:
        paragraphs: set[str] = set()
        seen_sentences: set[str] = set()
        for base, segment in zip(prose.starts, prose.segments):
            if segment.scope not in self.scopes:
                continue
            key = self.key(segment.text)
            if key is not None and key in paragraphs:
                yield Hit(self.info, base, base + len(segment.text),
                          fill(self.spec.message, {"match": quoted(segment.text), "what": "paragraph"}))
                continue
            if key is not None:
                paragraphs.add(key)
            for start, end in sentences(segment.text):
                sentence_key = self.key(segment.text[start:end])
                if sentence_key is None:
                    continue
                if sentence_key in seen_sentences:
                    yield Hit(self.info, base + start, base + end,
                              fill(self.spec.message, {"match": quoted(segment.text[start:end]), "what": "sentence"}))
                seen_sentences.add(sentence_key)
