"""Split long prose for LanguageTool into pieces that end at sentence boundaries, each with its offset."""

from __future__ import annotations

from collections.abc import Iterator

import regex

# Where a piece may end, best first: a paragraph break, a line break, a sentence end, any white space.
_BREAKS = (regex.compile(r"\n\s*\n"), regex.compile(r"\n"),
           regex.compile(r"[.!?…][\"'”’)\]]*\s+"), regex.compile(r"\s+"))


def chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs that join back into `text`, each at most `limit` characters, cut at the best
    boundary in the second half of the window (a hard cut only when there is none)."""
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        yield start, text[start:end]
        start = end
    if start < len(text) or not text:
        yield start, text[start:]


def _cut(text: str, start: int, stop: int) -> int:
    floor = start + (stop - start) // 2
    for boundary in _BREAKS:
        ends = [m.end() for m in boundary.finditer(text, floor, stop)]
        if ends:
            return ends[-1]
    return stop
