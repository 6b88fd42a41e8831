"""A progress bar for long runs on a terminal (files done, words/s, ETA); silent in CI and when piped."""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TextIO

from .results import FileResult

DELAY_SECONDS = 1.0  # short runs finish before the bar would appear


def wanted(stream: TextIO, quiet: bool) -> bool:
    """A bar only for a person watching: on a terminal, not in CI (`CI` set), not with --quiet."""
    return not quiet and not os.environ.get("CI") and stream.isatty()


class Progress:
    """Counts files and words as results arrive and shows them with tqdm."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True,
                 delay: float = DELAY_SECONDS, interval: float = 0.1):
        self.words = 0
        self.started = time.monotonic()
        if not enabled:  # no bar: tqdm is not even imported (~30 ms of every run in CI or through a pipe)
            self.bar = _NoBar()
            return
        from tqdm import tqdm

        # tqdm's default lock imports multiprocessing to guard bars across processes; only this process draws one.
        tqdm.set_lock(threading.RLock())
        self.bar = tqdm(total=total, file=stream or sys.stderr, delay=delay, unit="file",
                        mininterval=interval, miniters=1 if interval == 0 else None,
                        leave=False, dynamic_ncols=True,
                        bar_format="{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} files "
                                   "[{elapsed}<{remaining}{postfix}]")

    def done(self, result: FileResult) -> None:
        """One more file checked."""
        self.words += result.words
        rate = self.words / max(time.monotonic() - self.started, 1e-6)
        self.bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        """Remove the bar."""
        self.bar.close()


class _NoBar:
    """What a disabled tqdm bar does: lines written go straight to their stream, the rest does nothing."""

    @staticmethod
    def write(text: str, file: TextIO | None = None) -> None:
        print(text, file=file or sys.stdout)

    def update(self, count: int) -> None:
        pass

    def set_postfix_str(self, text: str, refresh: bool = True) -> None:
        pass

    def close(self) -> None:
        pass
