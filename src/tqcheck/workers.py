"""Worker processes for the rule pass: forked after the rule engine is built, so each inherits it once."""

from __future__ import annotations

import gc
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING

from .app import App
from .findings import Finding
from .pipeline import Pending, Source, analyse, finish, open_source
from .results import FileResult

if TYPE_CHECKING:  # multiprocessing is imported when a run uses it: one-file runs never do
    from multiprocessing.pool import AsyncResult, Pool

# The run's App, set in the parent just before the fork; workers read their inherited copy.
_APP: App | None = None
# Files per task at most: beyond this a task's round trip costs nothing measurable.
MAX_BATCH = 16
# CPU seconds of checking left (estimated from the files checked so far) that make starting the workers worth it:
# below this, forking, starting the pool and sending results back cost more than the other cores save.
# $TQCHECK_WORTH_FORKING overrides it (tests set 0 to send small runs to the workers).
WORTH_FORKING = 0.3


def worth_forking() -> float:
    """The estimated CPU seconds of work left above which the workers start."""
    return float(os.environ.get("TQCHECK_WORTH_FORKING", WORTH_FORKING))


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


# A finding's fields in order: findings travel back from the workers as tuples of them.
_FIELDS = attrgetter(*(field.name for field in fields(Finding)))


def packed(result: FileResult) -> FileResult:
    """The result with its findings as tuples of their fields, which pickle and unpickle ~3x faster than the
    objects (~9,000 findings per 600 files: ~0.05 CPU-s less, part of it in the parent, which is serial)."""
    result.findings = list(map(_FIELDS, result.findings))
    return result


def unpacked(result: FileResult) -> FileResult:
    """The result `packed` made, with its findings as objects again."""
    result.findings = [Finding(*values) for values in result.findings]
    return result


def _quiet() -> None:
    # Ctrl-C reaches the whole process group: the parent reports it and stops the pool, workers stay silent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check(batch: list[Source | tuple[Pending, bytes]]) -> list[FileResult]:
    """Each file's result: a Source is read here, a pair was read (and looked up in the cache) by the parent."""
    assert _APP is not None
    results = []
    for item in batch:
        pending, data = open_source(_APP, item) if isinstance(item, Source) else item
        if data is not None:
            analyse(_APP, pending, data)
        results.append(packed(finish(_APP, pending)))
    return results


def batch_size(files: int, jobs: int) -> int:
    """Files per task: enough to make each task's round trip cheap, few enough that the workers end together."""
    return max(1, min(MAX_BATCH, files // (jobs * 4)))


def run_parallel(app: App, sources: list[Source], jobs: int) -> Iterator[FileResult]:
    """Results in input order. The parent reads each file and answers it from the cache when it can (with no cache,
    the workers read them); it checks the first files itself until the work left is worth the workers, then sends
    the others in batches to `jobs` worker processes, a few batches per worker in flight, so memory stays flat."""
    global _APP
    import multiprocessing

    size, threshold = batch_size(len(sources), jobs), worth_forking()
    window = jobs * 3  # batches in flight
    pool: Pool | None = None
    # Each slot is a finished result, or a batch: the files gathered for it, then the worker's answer.
    slots: deque[FileResult | list | AsyncResult] = deque()
    in_flight = checked_here = 0
    spent = 0.0  # CPU seconds of the files checked here, the first (which builds what checks build on first use) aside

    def send() -> None:
        nonlocal in_flight
        if slots and isinstance(slots[-1], list):
            assert pool is not None
            slots[-1] = pool.apply_async(_check, (slots[-1],))
            in_flight += 1

    try:
        for index, source in enumerate(sources):
            # With no cache to look up, the workers read the files: their bytes never pass through this process.
            waiting, data = open_source(app, source) if pool is None or app.cache is not None else (None, None)
            if waiting is None:
                _gather(slots, source)
                if len(slots[-1]) >= size:
                    send()
            elif data is None:
                send()  # the open batch holds files before this one
                slots.append(finish(app, waiting))
            elif pool is None:
                started = time.process_time()
                analyse(app, waiting, data)
                slots.append(finish(app, waiting))
                spent += (time.process_time() - started) if checked_here else 0.0
                checked_here += 1
                if checked_here > 1 and spent / (checked_here - 1) * (len(sources) - index - 1) > threshold:
                    # Forked now, the workers inherit the engine and everything built on first use, ready.
                    _APP = app
                    gc.freeze()  # the collector would otherwise write to, and so copy, every inherited object's page
                    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet)
            else:
                _gather(slots, (waiting, data))
                if len(slots[-1]) >= size:
                    send()
            while in_flight > window:
                out: list[FileResult] = []
                in_flight -= _yield_first(slots, out)
                yield from out
        send()
        while slots:
            out = []
            _yield_first(slots, out)
            yield from out
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
            gc.unfreeze()
        _APP = None


def _gather(slots: deque, item: Source | tuple[Pending, bytes]) -> None:
    """Add a file to the batch being gathered (the last slot), opening one when the last slot is not a batch."""
    if not slots or not isinstance(slots[-1], list):
        slots.append([])
    slots[-1].append(item)


def _yield_first(slots: deque, out: list[FileResult]) -> int:
    """Move the first slot's results to `out`; 1 when it was a batch sent to a worker."""
    first = slots.popleft()
    if isinstance(first, FileResult):
        out.append(first)
        return 0
    out.extend(map(unpacked, first.get()))
    return 1
