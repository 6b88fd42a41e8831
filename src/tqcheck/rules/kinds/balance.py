"""The `balance` kind: unbalanced brackets and double quotes, and quotations opened and closed in two styles."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, NoOptions

_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_ENUMERATOR = regex.compile(r"(?:^|[\s(])[\p{L}\p{N}]{1,2}$")
_EMOTICON = regex.compile(r"[:;=8]-?$")
# A closing bracket ending a line, or one of a run, is a smiley of informal posts: `so glad)`, `really)))`.
_SMILEY = regex.compile(r"\)(?=\)|[ \t]*(?:\n|$))|(?<=\))\)")
_MARKS = regex.compile(r"[()\[\]{}“”\"]")
_MARK_CHARACTERS = "()[]{}“”\""  # _MARKS's characters, looked for at C speed first
_MARKS_AND_LINES = regex.compile(r"[()\[\]{}“”\"\n]")
# A quotation mark opening the next paragraph or line: the English multi-paragraph quotation convention.
_OPENS_WITH_QUOTE = regex.compile(r"[ \t]*[“\"]")


@rule_kind("balance")
class BalanceCheck:
    """Unbalanced brackets and double quotes, and a quotation opened in one style and closed in another; a
    quotation may span lines and paragraphs, and a paragraph may leave it open when the next one opens with a
    quote mark."""

    Options = NoOptions

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info

    def hit(self, position: int, what: str) -> Hit:
        return Hit(self.info, position, position + 1, fill(self.spec.message, {"match": what}))

    def find(self, prose: Prose) -> Iterator[Hit]:
        segments = prose.segments
        for index, (base, segment) in enumerate(zip(prose.starts, segments)):
            if any(mark in segment.text for mark in _MARK_CHARACTERS):
                following = segments[index + 1].text if index + 1 < len(segments) else ""
                yield from self.brackets(segment.text, base)
                yield from self.quotes(segment.text, base, bool(_OPENS_WITH_QUOTE.match(following)))

    def brackets(self, text: str, base: int) -> Iterator[Hit]:
        stack: list[tuple[str, int]] = []
        for mark in _MARKS.finditer(text):
            index, char = mark.start(), mark.group()
            if char in _OPENERS:
                # The patterns end at `index` and span a few characters: they are searched only there.
                if not _EMOTICON.search(text, max(0, index - 3), index):
                    stack.append((char, index))
            elif char in _CLOSERS:
                if stack and stack[-1][0] == _CLOSERS[char]:
                    stack.pop()
                elif not (char == ")" and (_ENUMERATOR.search(text, max(0, index - 4), index)
                                           or _EMOTICON.search(text, max(0, index - 3), index)
                                           or _SMILEY.match(text, index))):
                    yield self.hit(base + index, char)
        for char, index in stack:
            yield self.hit(base + index, char)

    def quotes(self, text: str, base: int, continued: bool) -> Iterator[Hit]:
        open_curly: list[int] = []
        straight: list[int] = []
        for mark in _MARKS_AND_LINES.finditer(text):
            index, char = mark.start(), mark.group()
            if char == "\n":
                if open_curly and _OPENS_WITH_QUOTE.match(text, index + 1):
                    open_curly.pop()  # the quotation goes on in the next line, which reopens it
            elif char == "“":
                open_curly.append(index)
            elif char == "”":
                if open_curly:
                    open_curly.pop()
                elif index and text[index - 1].isspace() and text[index + 1:index + 2].isalpha():
                    open_curly.append(index)  # ”word: an opening quote in the closing style, closed later
                    yield self.hit(base + index, char)
                else:
                    yield self.hit(base + index, char)
            elif char == '"':
                if open_curly:
                    # “ ... " : a quotation opened curly and closed straight
                    open_curly.pop()
                    yield self.hit(base + index, '“ … "')
                else:
                    straight.append(index)
        if continued and open_curly:
            open_curly.pop()
        for index in open_curly:
            yield self.hit(base + index, "“")
        if len(straight) % 2 and not continued:
            yield self.hit(base + straight[-1], '"')
