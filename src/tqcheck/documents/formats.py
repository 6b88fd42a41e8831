"""Which reader a file gets, by its extension."""

from __future__ import annotations

from pathlib import PurePath

FORMATS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown", ".mdx": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".text": "text",
}


def format_for(path: str) -> str:
    """The reader to use for a path, by its extension; plain text when unknown."""
    return FORMATS.get(PurePath(path).suffix.lower(), "text")
