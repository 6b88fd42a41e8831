"""Where tqcheck keeps LanguageTool and the state of `tqcheck languagetool serve`."""

from __future__ import annotations

import os
from pathlib import Path

from ..defaults import cache_dir


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
