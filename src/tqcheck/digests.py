"""Digests of tqcheck's own code and of the files a run reads, for the keys of what it keeps on disk."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path


@cache
def code_digest() -> str:
    """A digest of tqcheck's own source, so an edited checkout (same version number) never reuses old results."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py"), key=str):
        digest.update(path.read_bytes())
    return digest.hexdigest()


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
