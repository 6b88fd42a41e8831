"""Which reader a file gets, by its extension."""

from __future__ import annotations

import os
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


def suffix(path: str) -> str:
    """`PurePath(path).suffix`, lower-cased; without making a path object where the last name is a plain one."""
    if os.sep == "/" and os.altsep is None:  # POSIX: the name is what follows the last slash
        name = path.rstrip("/").rpartition("/")[2]
        if name not in ("", "."):
            dot = name.rfind(".")
            return name[dot:].lower() if 0 < dot < len(name) - 1 else ""
    return PurePath(path).suffix.lower()


def format_for(path: str) -> str:
    """The reader to use for a path, by its extension; plain text when unknown."""
    found = suffix(path)
    return FORMATS.get(found) or (LOCALISATION_FORMAT if found in LOCALISATION else "text")


def localisation_kind(path: str) -> str | None:
    """The kind of localisation file a path names (`XLIFF`), by its extension, or None."""
    return LOCALISATION.get(suffix(path))
