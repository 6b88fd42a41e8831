"""The `tqcheck` executable: `--version` answers at once; everything else goes to the click command line."""

from __future__ import annotations

import sys

from . import __version__


def main() -> None:
    """Print the version without importing click (most of `--version`'s start-up), or run the command line."""
    if sys.argv[1:] == ["--version"]:
        print(f"tqcheck, version {__version__}")  # what click's version_option prints
        return
    from .cli import main as command_line

    command_line()
