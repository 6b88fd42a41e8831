"""Worker processes for the rule pass: forked after the rule engine is built, so each inherits it once."""

from __future__ import annotations

import gc
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .app import App
from .pipeline import Pending, Source, analyse, finish, open_source
from .results import FileResult

if TYPE_CHECKING:  # multiprocessing is imported when a run uses it: one-file runs never do
    from multiprocessing.pool import AsyncResult, Pool

# The run's App, set in the parent just before the fork; workers read their inherited copy.
_APP: App | None = None


def available_cores() -> int:
    """Cores this process may run on (a `taskset` mask counts), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether workers can inherit the built engine; elsewhere the rule pass stays in one process."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _quiet() -> None:
    # Ctrl-C reaches the whole process group: the parent reports it and stops the pool, workers stay silent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check(pending: Pending, data: bytes) -> FileResult:
    assert _APP is not None
    analyse(_APP, pending, data)
    return finish(_APP, pending)


def run_parallel(app: App, sources: Iterable[Source], jobs: int) -> Iterator[FileResult]:
    """Results in input order: the parent reads each file and answers it from the cache when it can; the others
    go to `jobs` worker processes, at most a few per worker in flight, so memory stays flat."""
    global _APP
    import multiprocessing

    window = jobs * 4
    pool: Pool | None = None  # started at the first file the cache cannot answer
    try:
        pending: deque[AsyncResult | FileResult] = deque()
        for source in sources:
            waiting, data = open_source(app, source)
            if data is None:
                pending.append(finish(app, waiting))
                continue
            if pool is None:
                # The first file is checked here: that builds the engine and everything its checks build on first
                # use (automata, word tables), so every worker inherits them ready instead of building its own.
                analyse(app, waiting, data)
                pending.append(finish(app, waiting))
                _APP = app
                gc.freeze()  # the collector would otherwise write to, and so copy, every inherited object's page
                pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet)
                continue
            pending.append(pool.apply_async(_check, (waiting, data)))
            while len(pending) > window:
                yield _ready(pending.popleft())
        while pending:
            yield _ready(pending.popleft())
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
            gc.unfreeze()
        _APP = None


def _ready(item: AsyncResult | FileResult) -> FileResult:
    return item if isinstance(item, FileResult) else item.get()
