"""Plain-text reader: paragraphs separated by blank lines."""

from __future__ import annotations

import re

from .model import Segment

_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=[ \t]*(?:(?>\r\n|\r|\n)[ \t]*){2,}|\s*\Z)", re.S)


def read_text(text: str) -> list[Segment]:
    """Split plain text into paragraph segments that map one-to-one onto the file."""
    segments = []
    for match in _PARAGRAPH.finditer(text):
        segment = Segment("paragraph")
        segment.add(match.group(), match.start())
        segments.append(segment)
    return segments
