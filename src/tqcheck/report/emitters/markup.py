"""Escaping shared by the Markdown-writing emitters."""

from __future__ import annotations

import html

import regex

_LONGEST_TICKS = regex.compile(r"`+")


def code_span(text: str) -> str:
    """`text` as a Markdown code span, fenced with more backticks than it contains."""
    flat = " ".join(text.split())
    ticks = "`" * (max((len(m) for m in _LONGEST_TICKS.findall(flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{ticks}{pad}{flat}{pad}{ticks}"


def inline(text: str) -> str:
    """Prose for a Markdown table cell or list item: HTML escaped, pipes and line breaks neutralised."""
    return html.escape(" ".join(text.split()), quote=False).replace("|", "&#124;").replace("`", "&#96;").replace(
        "*", "&#42;").replace("_", "&#95;").replace("[", "&#91;").replace("]", "&#93;")
