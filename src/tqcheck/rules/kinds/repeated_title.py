"""The `repeated-title` kind: a short line near the top that repeats an earlier line (the page template's headline)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from ..declared import Field
from regex import Match

from ...documents.model import Scope
from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, quoted
from ..registry import rule_kind
from ..sentences import WORD, coarse_key, lines
from ..spec import BaseRuleSpec, Strict


@rule_kind("repeated-title")
class RepeatedTitleCheck:
    """A short line among the article's first lines that repeats an earlier one word for word."""

    class Options(Strict):
        """How far down the article to look, and how long a headline may be."""

        head_lines: int = 6
        max_words: int = 14
        # Markdown and HTML titles and headings repeat each other by design (front-matter title and H1 heading).
        scopes: list[Scope] = Field(default_factory=lambda: ["paragraph"])

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        self.head_lines = spec.options.head_lines
        self.max_words = spec.options.max_words
        self.scopes = set(spec.options.scopes)

    def find(self, prose: Prose) -> Iterator[Hit]:
        head = list(self.head(prose))
        # Two lines with one key have the same runs of letters and digits, case-folded, so the same coarse key of
        # those runs: most heads have no two such lines, and their keys are made from the spaced text at C speed.
        runs = [coarse_key(prose.spaced[start:end]) for start, end in head]
        if len(set(runs)) < len(runs):
            yield from self.repeats(prose, head)

    def repeats(self, prose: Prose, head: list[tuple[int, int]]) -> Iterator[Hit]:
        """The lines of `head` that repeat an earlier one word for word."""
        seen: set[str] = set()
        for start, end in head:
            # One word more than a headline may have is enough to tell: a long line is not read to its end.
            words = list(map(Match.group, islice(WORD.finditer(prose.text, start, end), self.max_words + 1)))
            if not words or len(words) > self.max_words:
                continue
            key = " ".join(words).casefold()
            if key in seen:
                yield Hit(self.info, start, end, fill(self.spec.message, {"match": quoted(prose.text[start:end])}))
            seen.add(key)

    def head(self, prose: Prose) -> Iterator[tuple[int, int]]:
        """The first `head_lines` lines of the segments in the rule's scopes."""
        count = 0
        for base, segment in zip(prose.starts, prose.segments):
            if segment.scope not in self.scopes:
                continue
            for start, end in lines(segment.text, self.head_lines - count):
                count += 1
                yield base + start, base + end
            if count >= self.head_lines:
                return
