"""User packs and glossaries whose examples passed, remembered on disk by their texts and tqcheck's code, data and
libraries, so that a run does not check the same examples again (a pack's examples are checked before it is
trusted)."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from importlib import metadata

from . import __version__
from .defaults import cache_dir
from .digests import code_digest, key_of
from .files import keep
from .resources import data_texts

# The libraries that decide an example's verdict: patterns, word frequencies, prefilters, validation.
_LIBRARIES = ("regex", "wordfreq", "hyperscan", "pydantic")


def _versions() -> list[str]:
    """Python's, its Unicode data's and each library's version."""
    versions = [sys.version, unicodedata.unidata_version]
    for name in _LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    return versions


def examples_checked(files: list[tuple[str, str]], check: Callable[[], None]) -> None:
    """Run `check` (which raises at a failing example) unless the examples of exactly these files (name, text as
    parsed) passed before."""
    if not files:
        return
    try:
        stored = cache_dir() / "trusted" / key_of(__version__, code_digest(), *_versions(), *data_texts(),
                                                   *(f"{name}\0{text}" for name, text in files))
    except OSError:
        stored = None
    if stored is not None and stored.exists():
        return
    check()
    if stored is not None:
        keep(stored, "passed\n")
