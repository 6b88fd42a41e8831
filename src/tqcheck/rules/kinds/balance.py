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
_MARKS = regex.compile(r"[()\[\]{}“”\"]")


@rule_kind("balance")
class BalanceCheck:
    """Unbalanced brackets and double quotes, and a quotation opened in one style and closed in another."""

    Options = NoOptions

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info

    def hit(self, position: int, what: str) -> Hit:
        return Hit(self.info, position, position + 1, fill(self.spec.message, {"match": what}))

    def find(self, prose: Prose) -> Iterator[Hit]:
        for base, segment in zip(prose.starts, prose.segments):
            if _MARKS.search(segment.text):
                yield from self.brackets(segment.text, base)
                yield from self.quotes(segment.text, base)

    def brackets(self, text: str, base: int) -> Iterator[Hit]:
        stack: list[tuple[str, int]] = []
        for mark in _MARKS.finditer(text):
            index, char = mark.start(), mark.group()
            if char in _OPENERS:
                if not _EMOTICON.search(text, 0, index):
                    stack.append((char, index))
            elif char in _CLOSERS:
                if stack and stack[-1][0] == _CLOSERS[char]:
                    stack.pop()
                elif not (char == ")" and (_ENUMERATOR.search(text, 0, index) or _EMOTICON.search(text, 0, index))):
                    yield self.hit(base + index, char)
        for char, index in stack:
            yield self.hit(base + index, char)

    def quotes(self, text: str, base: int) -> Iterator[Hit]:
        open_curly: list[int] = []
        straight: list[int] = []
        for mark in _MARKS.finditer(text):
            index, char = mark.start(), mark.group()
            if char == "“":
                open_curly.append(index)
            elif char == "”":
                if open_curly:
                    open_curly.pop()
                else:
                    yield self.hit(base + index, char)
            elif char == '"':
                if open_curly:
                    # “ ... " : a quotation opened curly and closed straight
                    open_curly.pop()
                    yield self.hit(base + index, '“ … "')
                else:
                    straight.append(index)
        for index in open_curly:
            yield self.hit(base + index, "“")
        if len(straight) % 2:
            yield self.hit(base + straight[-1], '"')
