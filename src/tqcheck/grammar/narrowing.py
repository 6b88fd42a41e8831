"""A LanguageTool match narrowed to the words its suggestions rewrite.

LanguageTool often marks a whole phrase where one word is wrong (*there's some beetles* for *there's*, *at the
left side* for *at*); the words every suggestion keeps unchanged at either end are context, not the error. A
narrower span points an editor (and a span comparison) at the error itself."""

from __future__ import annotations

from collections.abc import Sequence
from os.path import commonprefix


def narrowed(text: str, suggestions: Sequence[str]) -> tuple[int, int, tuple[str, ...]]:
    """Start and end inside `text` (a match's span) of the words the suggestions rewrite, and the suggestions cut
    to them; `text` whole when no suggestion keeps a word at either end (or the rewrite only adds or removes
    white space)."""
    whole = 0, len(text), tuple(suggestions)
    if not suggestions:
        return whole
    shortest = min(len(text), *map(len, suggestions))
    head = min(shortest, *(len(commonprefix([text, s])) for s in suggestions))
    tail = min(shortest - head, *(len(commonprefix([text[::-1], s[::-1]])) for s in suggestions))
    # Cut at word boundaries only: a kept word is kept whole, a rewritten one is marked whole.
    while head and not text[head - 1].isspace():
        head -= 1
    end = len(text) - tail
    while end < len(text) and not text[end].isspace():
        end += 1
    span = text[head:end]
    if span != span.strip() or not span or (head, end) == (0, len(text)):  # a white-space-only rewrite
        return whole
    tail = len(text) - end
    return head, end, tuple(s[head:len(s) - tail] for s in suggestions)
