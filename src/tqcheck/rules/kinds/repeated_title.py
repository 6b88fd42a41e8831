"""The `repeated-title` kind: a short line near the top that repeats an earlier line (the page template's headline)."""

from __future__ import annotations

from collections.abc import Iterator

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, quoted
from ..registry import rule_kind
from ..sentences import WORD, lines
from ..spec import BaseRuleSpec, Strict


@rule_kind("repeated-title")
class RepeatedTitleCheck:
    """A short line among the article's first lines that repeats an earlier one word for word."""

    class Options(Strict):
        """How far down the article to look, and how long a headline may be."""

        head_lines: int = 6
        max_words: int = 14

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        self.head_lines = spec.options.head_lines
        self.max_words = spec.options.max_words

    def find(self, prose: Prose) -> Iterator[Hit]:
        seen: set[str] = set()
        for start, end in lines(prose.text, self.head_lines):
            words = WORD.findall(prose.text, start, end)
            if not words or len(words) > self.max_words:
                continue
            key = " ".join(words).casefold()
            if key in seen:
                yield Hit(self.info, start, end, fill(self.spec.message, {"match": quoted(prose.text[start:end])}))
            seen.add(key)
