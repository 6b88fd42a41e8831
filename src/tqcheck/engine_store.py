"""A run's rule checks kept pickled on disk, keyed by everything they are built from, so that a run does not parse,
validate and index the same packs and glossaries again (~0.15-0.4 CPU-s of a one-file run)."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .defaults import cache_dir
from .digests import code_digest, environment, key_of
from .files import keep
from .resources import builtin_pack_names, data_texts

if TYPE_CHECKING:
    from .config import Config
    from .rules.check import Check

# What is stored: this tag, the key, then the checks (a file under another key's name, or written by another
# layout, is never used). 2: rule specs and glossary entries are plain declared instances (rules/declared.py), no
# longer pydantic models.
_FORMAT = "tqcheck-checks-2"
# Engines kept (the most recently stored): each is ~0.5-1 MB, and every edit of a pack or upgrade makes a new one.
KEPT = 16


def _file(path: str) -> str:
    """A file's bytes as a digest; a file that cannot be read makes the run build (and report it)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def inputs(config: Config) -> list[str]:
    """Everything a run's checks are built from besides tqcheck's code and data: packs and glossaries (by name
    and contents), the languages, Python and the installed libraries (digests.environment). Raises OSError when a file cannot be read."""
    packs = [f"pack {name}\0" + ("builtin" if name in builtin_pack_names() else _file(name))
             for name in config.packs + config.extra_packs]
    glossaries = [f"glossary {path}\0{_file(path)}" for path in config.glossaries]
    return [*packs, *glossaries, f"default glossary {config.default_glossary}", f"language {config.language}",
            f"source languages {sorted(config.source_languages)}", *environment()]


def store_path(config: Config) -> Path | None:
    """Where the checks of this run's configuration are kept; None when an input cannot be read."""
    try:
        key = key_of(_FORMAT, __version__, code_digest(), *data_texts(), *inputs(config))
    except OSError:
        return None
    return cache_dir() / "checks" / f"{key}.pickle"


def stored_checks(config: Config, build: Callable[[], list[Check]]) -> list[Check]:
    """The checks stored for this configuration, or `build()` (stored when it succeeds). A file that cannot be read
    or unpickled, or that holds anything but these checks, is built again and replaced."""
    path = store_path(config)
    if path is not None:
        try:
            tag, key, checks = pickle.loads(path.read_bytes())
            if tag == _FORMAT and key == path.stem and isinstance(checks, list):
                return checks
        except Exception:  # noqa: BLE001 - damaged, truncated or from other code: rebuilt below
            pass
    checks = build()
    # Kept only if no input changed while it was built (the build reads the files again).
    if path is not None and store_path(config) == path:
        _store(path, checks)
    return checks


def _store(path: Path, checks: list[Check]) -> None:
    """Pickle the checks before any document is checked (their memos empty, their cached properties worked out),
    best effort."""
    _work_out(checks)
    try:
        data = pickle.dumps((_FORMAT, path.stem, checks), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - a check holding something pickle cannot write is simply built each run
        return
    keep(path, data)
    _prune(path)


def _prune(newest: Path) -> None:
    """Remove all but `newest` and the other most recently stored engines, KEPT in all, best effort (another run
    may be pruning too)."""
    try:
        others = sorted((p for p in newest.parent.glob("*.pickle") if p != newest),
                        key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in others[KEPT - 1:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _work_out(checks: list[Check]) -> None:
    """Work out every cached property of the checks, so that they are stored with them: a pattern rule's compiled
    regex is pickled as its compiled code (loading 75 takes ~3 ms; compiling them from their source at each run
    took ~0.1 s). Such a property depends only on what its check was built from (rules/check.py); one that raises
    is left to raise where it is used."""
    for check in checks:
        for cls in type(check).__mro__:
            for name, value in vars(cls).items():
                if isinstance(value, cached_property) and name not in getattr(check, "__dict__", {}):
                    try:
                        getattr(check, name)
                    except Exception:  # noqa: BLE001 - the run that uses it reports it as before
                        pass
