"""Spans of prose that are not prose: URLs, e-mail addresses, @handles and #hashtags."""

from __future__ import annotations

import regex

_URL = regex.compile(r"(?:https?://|www\.)[^\s<>\"'\]\[)(]+[^\s<>\"'\]\[)(.,;:!?]")
_EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = regex.compile(r"@\w{1,40}")
_HASHTAG = regex.compile(r"#[\p{L}_][\p{L}\p{N}_]*")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def find_non_prose(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, kind) for every URL, e-mail address, handle and hashtag in `text`.

    Each kind is looked for only where its marker character occurs (found at C speed), so prose without any
    costs almost nothing.
    """
    spans: list[tuple[int, int, str]] = []
    for marker in ("http", "www."):
        position = text.find(marker)
        while position >= 0:
            match = _URL.match(text, position)
            if match and not any(start <= position < end for start, end, _ in spans):
                spans.append((match.start(), match.end(), "url"))
                position = match.end()
            position = text.find(marker, position + 1)
    taken = sorted(spans)
    position = text.find("@")
    while position >= 0:
        if not any(start <= position < end for start, end, _ in taken):
            left = position
            while left > 0 and (_is_word_char(text[left - 1]) or text[left - 1] in ".+-"):
                left -= 1
            email = _EMAIL.match(text, left) if left < position else None
            if email and email.end() > position:
                spans.append((email.start(), email.end(), "email"))
            elif left == position and (position == 0 or text[position - 1] not in "@."):
                handle = _HANDLE.match(text, position)
                if handle:
                    spans.append((handle.start(), handle.end(), "handle"))
        position = text.find("@", position + 1)
    position = text.find("#")
    while position >= 0:
        before = text[position - 1] if position else " "
        if not (_is_word_char(before) or before in "#&/") and not any(s <= position < e for s, e, _ in taken):
            tag = _HASHTAG.match(text, position)
            if tag:
                spans.append((tag.start(), tag.end(), "hashtag"))
        position = text.find("#", position + 1)
    return sorted(spans)
