"""The `tqcheck` executable: `--version` answers at once; everything else goes to the click command line."""

from __future__ import annotations

import sys

from . import __version__

# A check run allocates many small objects that live until the report (findings, prose, positions) and makes
# almost no cycles: with the default thresholds (700, 10, 10) the collector ran ~280 times per 600-file run
# (~0.13 CPU-s, much of it walking the rule engine); with these ~8 times (~0.05 CPU-s).
CHECK_GC_THRESHOLDS = (20_000, 20, 20)
# Commands whose process ends once their output is written: they may skip tearing the interpreter down.
SHORT_LIVED = {"check", "score"}


def main() -> None:
    """Print the version without importing click (most of `--version`'s start-up), or run the command line."""
    if sys.argv[1:] == ["--version"]:
        print(f"tqcheck, version {__version__}")  # what click's version_option prints
        return
    from .cli import main as command_line

    if sys.argv[1:2] and sys.argv[1] in SHORT_LIVED:
        import gc

        gc.set_threshold(*CHECK_GC_THRESHOLDS)
        try:
            command_line()
        except SystemExit as done:
            leave(done.code)
        leave(0)
    command_line()


def leave(code: object) -> None:
    """Exit with `code` without tearing the interpreter down (freeing every module, finding and rule object one
    by one: ~0.1 CPU-s after a large run, for nothing). Output is flushed and exit hooks run first; anything
    unusual (a message as exit code, a pipe closed early, a thread still running) takes the ordinary way out."""
    import atexit
    import os
    import threading

    run_hooks = getattr(atexit, "_run_exitfuncs", None)
    if code is None:
        code = 0
    if not isinstance(code, int) or run_hooks is None or threading.active_count() > 1:
        sys.exit(code)
    run_hooks()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None where the shell closed it (`>&-`)
                stream.flush()
    except Exception:  # noqa: BLE001 - whatever went wrong, Python's own exit reports it as it always does
        sys.exit(code)
    os._exit(code)
