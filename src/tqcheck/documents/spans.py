"""Spans of prose that are not prose: URLs, e-mail addresses, @handles and #hashtags."""

from __future__ import annotations

import regex

_NON_PROSE = regex.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"'\]\[)(]+[^\s<>\"'\]\[)(.,;:!?])"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<handle>(?<![\w@.])@\w{1,40})"
    r"|(?P<hashtag>(?<![\w#&/])#[\p{L}_][\p{L}\p{N}_]*)"
)


def find_non_prose(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, kind) for every URL, e-mail address, handle and hashtag in `text`."""
    return [(m.start(), m.end(), m.lastgroup) for m in _NON_PROSE.finditer(text)]
