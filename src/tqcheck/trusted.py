"""User packs and glossaries whose examples passed, remembered on disk by their texts and tqcheck's code, data and
libraries, so that a run does not check the same examples again (a pack's examples are checked before it is
trusted)."""

from __future__ import annotations

from collections.abc import Callable

from . import __version__
from .defaults import cache_dir
from .digests import code_digest, environment, key_of
from .files import keep
from .resources import data_texts

def examples_checked(files: list[tuple[str, str]], check: Callable[[], None]) -> None:
    """Run `check` (which raises at a failing example) unless the examples of exactly these files (name, text as
    parsed) passed before."""
    if not files:
        return
    try:
        stored = cache_dir() / "trusted" / key_of(__version__, code_digest(), *environment(), *data_texts(),
                                                   *(f"{name}\0{text}" for name, text in files))
    except OSError:
        stored = None
    if stored is not None and stored.exists():
        return
    check()
    if stored is not None:
        keep(stored, "passed\n")
