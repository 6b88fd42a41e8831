"""Which reader a file gets, by its extension."""

from __future__ import annotations

from pathlib import PurePath

FORMATS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown", ".mdx": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".text": "text",
}

# Localisation files, by extension: each holds keys or source-language text and a syntax of its own beside the
# translation, which read as plain text would be checked and scored as English prose.
LOCALISATION = {
    ".po": "PO (gettext)", ".pot": "PO template (gettext)", ".xlf": "XLIFF", ".xliff": "XLIFF",
    ".sdlxliff": "SDLXLIFF (Trados)", ".mqxliff": "MQXLIFF (memoQ)", ".tmx": "TMX (translation memory)",
    ".strings": "Apple .strings", ".resx": "RESX (.NET resources)",
}
LOCALISATION_FORMAT = "localisation"


def format_for(path: str) -> str:
    """The reader to use for a path, by its extension; plain text when unknown."""
    suffix = PurePath(path).suffix.lower()
    return FORMATS.get(suffix) or (LOCALISATION_FORMAT if suffix in LOCALISATION else "text")


def localisation_kind(path: str) -> str | None:
    """The kind of localisation file a path names (`XLIFF`), by its extension, or None."""
    return LOCALISATION.get(PurePath(path).suffix.lower())
