"""The `boilerplate` kind: scraped page furniture, a short line that starts with a known phrase."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, quoted
from ..phrase_index import PhraseIndex
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict


@rule_kind("boilerplate")
class BoilerplateCheck:
    """A short line that starts with a known phrase; adjacent lines merge.

    `edge_phrases` are weaker signals (`Source:`, `Tags:`), counted only in the first or last paragraphs.
    """

    class Options(Strict):
        """How many paragraphs at each end of the article count as its edge."""

        edge_paragraphs: int = 2

    class Spec(BaseRuleSpec):
        """A boilerplate rule's own fields."""

        phrases: list[str] = Field(min_length=1)
        edge_phrases: list[str] = Field(default_factory=list)
        max_words: int = 12

    _LEAD = regex.compile(r"[\s\W_]*")
    _WORD = regex.compile(r"\w+")

    def __init__(self, spec: Spec, info: RuleInfo, context: BuildContext | None = None):
        self.index: PhraseIndex[bool] = PhraseIndex(context.phrases if context else None)
        for phrase in spec.phrases:
            self.index.add(phrase, False)
        for phrase in spec.edge_phrases:
            self.index.add(phrase, True)
        self.spec, self.info = spec, info
        self.edge = spec.options.edge_paragraphs

    def at_edge(self, prose: Prose, offset: int) -> bool:
        """Whether `offset` lies in one of the first or last paragraphs of the article."""
        index = prose.segment_index(offset)
        return index < self.edge or index >= len(prose.segments) - self.edge

    def lines(self, prose: Prose) -> Iterator[tuple[int, int]]:
        text = prose.text
        for start, _end, edge_only in self.index.find(text, prose.folded, prose.spaced):
            if all(edge_only) and not self.at_edge(prose, start):
                continue
            line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
            if self._LEAD.fullmatch(text, line_start, start) is None:
                continue
            line_end = len(text)
            for breaker in ("\n", "\r"):
                found = text.find(breaker, start)
                if found >= 0:
                    line_end = min(line_end, found)
            line = text[line_start:line_end].rstrip()
            if len(self._WORD.findall(line)) <= self.spec.max_words:
                yield line_start, line_start + len(line)

    def find(self, prose: Prose) -> Iterator[Hit]:
        runs: list[list[int]] = []
        for start, end in self.lines(prose):
            between = prose.text[runs[-1][1]:start] if runs else None
            if runs and between is not None and between.strip(" \t") in ("\n", "\r\n", "\r"):
                runs[-1][1] = end
            elif not runs or start >= runs[-1][1]:
                runs.append([start, end])
        for start, end in runs:
            end = self.absorb_buttons(prose.text, end)
            # Deleting is the fix only where the furniture is a whole paragraph: a part of one may carry prose.
            deletion = ("",) if self.whole_segment(prose, start, end) else ()
            yield Hit(self.info, start, end, fill(self.spec.message, {"match": quoted(prose.text[start:end])}),
                      deletion)

    @staticmethod
    def whole_segment(prose: Prose, start: int, end: int) -> bool:
        """Whether [start, end) is all the text of its segment but white space."""
        index = prose.segment_index(start)
        base = prose.starts[index]
        text = prose.segments[index].text
        return not text[:start - base].strip() and not text[end - base:].strip()

    _BUTTON_LINE = regex.compile(r"(?:\r?\n|\r)[ \t]*[\w&+.'’-]+(?:[ \t]+[\w&+.'’-]+){0,2}[ \t]*(?=\r?\n|\r|$)")

    def absorb_buttons(self, text: str, end: int) -> int:
        """Extend a run over the one- to three-word lines right after it (Facebook / Twitter / WhatsApp)."""
        while (button := self._BUTTON_LINE.match(text, end)) is not None:
            end = button.end()
        return end
