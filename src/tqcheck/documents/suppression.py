"""Inline suppression comments (`<!-- tqcheck: disable TQ104 -->` and friends) read as directives; the
decision applies them."""

from __future__ import annotations

import re

from .model import Directive

_DIRECTIVE = re.compile(
    r"^\s*tqcheck:\s*(?P<action>disable-next-line|disable|enable)\b(?P<codes>[\sA-Za-z0-9_,]*)$"
)
_COMMENT = re.compile(r"<!--(?P<body>.*?)-->", re.S)


def parse_directive(comment: str, line: int) -> Directive | None:
    """A directive from the body of one comment found at 1-based `line`, or None."""
    match = _DIRECTIVE.match(comment.strip())
    if match is None:
        return None
    codes = tuple(c.upper() for c in re.split(r"[\s,]+", match.group("codes")) if c)
    return Directive(match.group("action"), codes, line)


def find_directives(text: str, line_of, skip_lines: list[tuple[int, int]] = ()) -> list[Directive]:
    """Directives in every HTML comment of `text`, except comments on lines inside `skip_lines` ranges."""
    directives = []
    for comment in _COMMENT.finditer(text):
        line = line_of(comment.start())
        if any(first <= line <= last for first, last in skip_lines):
            continue
        directive = parse_directive(comment.group("body"), line)
        if directive:
            directives.append(directive)
    return directives
