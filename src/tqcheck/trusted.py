"""User packs and glossaries whose examples passed, remembered on disk by their texts and tqcheck's code and data, so
that a run does not check the same examples again (a pack's examples are checked before it is trusted)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import __version__
from .defaults import cache_dir
from .digests import code_digest, file_text, key_of
from .files import atomic_write


def _data_texts() -> list[str]:
    """tqcheck's data files (word lists, built-in packs and glossaries): the examples' verdicts depend on them."""
    folder = Path(__file__).parent / "data"
    return [f"{path.relative_to(folder)}\0{path.read_text(encoding='utf-8', errors='replace')}"
            for path in sorted(folder.rglob("*"), key=str) if path.is_file()]


def examples_checked(files: list[str], check: Callable[[], None]) -> None:
    """Run `check` (which raises at a failing example) unless the examples of exactly these files passed before."""
    if not files:
        return
    try:
        stored = cache_dir() / "trusted" / key_of(__version__, code_digest(), *_data_texts(), *files,
                                                   *(file_text(f) for f in files))
    except OSError:
        stored = None
    if stored is not None and stored.exists():
        return
    check()
    if stored is not None:
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(stored, "passed\n")
        except OSError:
            pass  # a cache folder that cannot be written costs time, never the run
