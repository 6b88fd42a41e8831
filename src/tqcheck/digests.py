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
    # os.walk and open, not Path.rglob and read_bytes: every run pays this (~3 ms less of ~6).
    paths = [os.path.join(folder, name) for folder, _, names in os.walk(Path(__file__).parent)
             for name in names if name.endswith(".py")]
    digest = hashlib.sha256()
    for path in sorted(paths):
        with open(path, "rb") as source:
            digest.update(source.read())
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
