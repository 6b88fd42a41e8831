"""Where tqcheck keeps LanguageTool, its state and the result cache."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_VERSION = "6.8"


def cache_dir() -> Path:
    """`$TQCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/tqcheck`, else `~/.cache/tqcheck`."""
    if os.environ.get("TQCHECK_CACHE_DIR"):
        return Path(os.environ["TQCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tqcheck"


def languagetool_root() -> Path:
    """Folder holding `LanguageTool-<version>` installs (language-tool-python's LTP_PATH layout).

    `$TQCHECK_LANGUAGETOOL_HOME` overrides it; by default it lives in the cache folder.
    """
    if os.environ.get("TQCHECK_LANGUAGETOOL_HOME"):
        return Path(os.environ["TQCHECK_LANGUAGETOOL_HOME"])
    return cache_dir() / "languagetool"


def install_dir(version: str) -> Path:
    """The folder of one LanguageTool version."""
    return languagetool_root() / f"LanguageTool-{version}"


def serve_state_file() -> Path:
    """Where `tqcheck languagetool serve` records its URL and process id."""
    return languagetool_root() / "server.json"
