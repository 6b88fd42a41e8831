"""The `tag-line` kind: the article's last line is a bare label (a category or tag left by the page)."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from ..declared import Field

from ...documents.model import Scope
from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, quoted
from ..registry import rule_kind
from ..sentences import last_line, lines
from ..spec import BaseRuleSpec, Strict


@rule_kind("tag-line")
class TagLineCheck:
    """The last line of an article of several lines is one or two capitalised words and nothing else, or ends
    with them after its last sentence."""

    class Options(Strict):
        """How many words a label may have, how many lines the article needs, and which scopes count."""

        max_words: int = 2
        min_lines: int = 4
        scopes: list[Scope] = Field(default_factory=lambda: ["paragraph"])

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        words = rf"\p{{Lu}}\p{{L}}+(?:[ \t]+\p{{Lu}}\p{{L}}+){{0,{spec.options.max_words - 1}}}"
        self.label = regex.compile(words)
        # The same label glued after the last sentence of the line, where the page set it on a line of its own.
        self.glued = regex.compile(rf"(?<=\p{{Ll}}[.!?…][\"”’)]?[ \t]+){words}$")
        self.min_lines = spec.options.min_lines
        self.scopes = set(spec.options.scopes)

    def find(self, prose: Prose) -> Iterator[Hit]:
        if not prose.segments or prose.segments[-1].scope not in self.scopes:
            return
        span = last_line(prose.text)
        if span is None:
            return
        start, end = span
        # A line of its own is a label only in an article of several lines; one glued after a sentence is one anyway.
        several = sum(1 for _ in lines(prose.text, self.min_lines)) >= self.min_lines
        alone = self.label.fullmatch(prose.text, start, end) if several else None
        label = alone or self.glued.search(prose.text, start, end)
        if label:
            yield Hit(self.info, label.start(), label.end(), fill(self.spec.message, {"match": quoted(label.group())}))
