"""The `tag-line` kind: the article's last line is a bare label (a category or tag left by the page)."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, quoted
from ..registry import rule_kind
from ..sentences import lines
from ..spec import BaseRuleSpec, Strict


@rule_kind("tag-line")
class TagLineCheck:
    """The last line of an article of several lines is one or two capitalised words and nothing else."""

    class Options(Strict):
        """How many words a label may have, how many lines the article needs, and which scopes count."""

        max_words: int = 2
        min_lines: int = 4
        scopes: list[str] = Field(default_factory=lambda: ["paragraph"])

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        words = rf"\p{{Lu}}\p{{L}}+(?:[ \t]+\p{{Lu}}\p{{L}}+){{0,{spec.options.max_words - 1}}}"
        self.label = regex.compile(words)
        self.min_lines = spec.options.min_lines
        self.scopes = set(spec.options.scopes)

    def find(self, prose: Prose) -> Iterator[Hit]:
        if not prose.segments or prose.segments[-1].scope not in self.scopes:
            return
        spans = list(lines(prose.text))
        if len(spans) < self.min_lines:
            return
        start, end = spans[-1]
        if self.label.fullmatch(prose.text, start, end):
            yield Hit(self.info, start, end, fill(self.spec.message, {"match": quoted(prose.text[start:end])}))
