"""Digests of tqcheck's own code and of the files a run reads, for the keys of what it keeps on disk."""

from __future__ import annotations

import hashlib
import os
import sys
import unicodedata
from functools import cache
from pathlib import Path


@cache
def code_digest() -> str:
    """A digest of tqcheck's own source, so an edited checkout (same version number) never reuses old results."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py"), key=str):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def environment() -> list[str]:
    """Python's version, its Unicode data's, and every distribution where Python imports from, as its metadata
    folder's name (project and version): what tqcheck's stored checks and verdicts are made of besides its own code.
    Listing folders is cheap; asking importlib.metadata costs ~0.1 s at each run."""
    names = [sys.version, f"unicode {unicodedata.unidata_version}"]
    for entry in sys.path:
        try:
            names += sorted(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:  # a zip file or a folder that went away
            continue
    return names


def key_of(*parts: str) -> str:
    """The full digest of several texts, each ended by a NUL (a lone surrogate counts as '?')."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "replace"))
        digest.update(b"\0")
    return digest.hexdigest()


def file_text(path: str) -> str:
    """A file's text for a digest; a file that cannot be read counts as `missing:PATH`."""
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"missing:{path}"
