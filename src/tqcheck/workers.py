"""Worker processes for the rule pass: forked after the rule engine is built, so each inherits it once. This process
is one of the jobs: it keeps every worker a few batches ahead and checks the next file itself meanwhile."""

from __future__ import annotations

import gc
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from .app import App
from .errors import ExitCode, TqcheckError
from .findings import Finding
from .pipeline import Pending, Source, analyse, finish, open_source
from .results import FileResult

if TYPE_CHECKING:  # multiprocessing is imported when a run uses it: one-file runs never do
    from multiprocessing.pool import AsyncResult, Pool

# What each result goes through in the process that made it, with its position among the run's files (a streamed
# report renders the file's parts there, so its findings never travel between processes).
Then = Callable[[FileResult, int], Any]
# A file for a worker, with its position: a Source it reads itself, or a file this process read and looked up.
Task = tuple[int, "Source | tuple[Pending, bytes]"]

# The run's App and `then`, set in the parent just before the fork; workers read their inherited copies.
_APP: App | None = None
_THEN: Then | None = None
# Files per batch at most: beyond this a batch's round trip costs nothing measurable.
MAX_BATCH = 16
# Batches per worker sent and not yet answered: one being checked and two waiting, so a worker does not wait for
# this process while it checks a file of its own (up to two batches' worth of time).
AHEAD = 3
# Results at most held behind a batch not yet answered: beyond this, this process waits for it (memory stays flat
# when a worker falls behind).
HELD = 256
# Seconds between looks at whether the workers are alive while waiting for an answer.
LOOK_EVERY = 0.5
# CPU seconds of checking left (estimated from the files checked so far) that make starting the workers worth it:
# below this, forking, starting the pool and sending results back cost more than the other cores save.
# $TQCHECK_WORTH_FORKING overrides it (tests set 0 to send small runs to the workers).
WORTH_FORKING = 0.3


class WorkerDied(TqcheckError):
    """A worker process ended in the middle of a run (killed, out of memory, a crash): its batch is lost."""

    exit_code = ExitCode.INTERNAL


class WorkerFailed(RuntimeError):
    """A bug in a worker process whose error could not travel to this process as it was: what it was, as text."""


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


class _Batch:
    """A batch sent to a worker, in its place among the results."""

    __slots__ = ("answer",)

    def __init__(self, answer: AsyncResult):
        self.answer = answer


def _quiet() -> None:
    # Ctrl-C reaches the whole process group: the parent reports it and stops the pool, workers stay silent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check(batch: list[Task]) -> list:
    """Each file's result, through `then` (or packed): a Source is read here, a pair was read (and looked up in the
    cache) by the parent."""
    assert _APP is not None
    results = []
    try:
        for index, item in batch:
            pending, data = open_source(_APP, item) if isinstance(item, Source) else item
            if data is not None:
                analyse(_APP, pending, data)
            result = finish(_APP, pending)
            results.append(packed(result) if _THEN is None else _THEN(result, index))
    except Exception as error:
        raise _portable(error) from None
    return results


def _portable(error: Exception) -> Exception:
    """`error`, or where this process's pickle of it cannot be rebuilt in the parent (an error whose constructor
    takes other arguments than its message), a WorkerFailed saying what it was: the pool would otherwise lose the
    answer and the run would wait for it for ever."""
    import pickle
    import traceback

    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        message = f"{type(error).__name__}: {error} (in a worker process of the rule pass)"
        if os.environ.get("TQCHECK_DEBUG"):
            message += "\n" + "".join(traceback.format_exception(error)).rstrip()
        return WorkerFailed(message)


def batch_size(files: int, jobs: int) -> int:
    """Files per batch when `files` are left: enough to make each batch's round trip cheap, fewer as the run nears
    its end, so the last batches are small and every job ends at about the same time."""
    return max(1, min(MAX_BATCH, files // (jobs * 4)))


def run_parallel(app: App, sources: list[Source], jobs: int, then: Then | None = None) -> Iterator:
    """Results (through `then`, where given) in input order. This process checks the first files itself until the
    work left is worth the workers, then forks `jobs - 1` of them and keeps each `AHEAD` batches ahead, checking the
    next file itself whenever they are; files answered from the result cache are answered here (with no cache, the
    workers read their files: the bytes never pass through this process). Memory stays flat: a few batches per
    worker are in flight, and at most `HELD` results wait behind one."""
    global _APP, _THEN
    import multiprocessing

    threshold = worth_forking()
    pool: Pool | None = None
    workers: list = []  # the pool's processes
    slots: deque = deque()  # in input order: a finished result, or a batch sent to a worker
    sent: list[AsyncResult] = []  # answers not there yet
    checked_here = 0
    spent = 0.0  # CPU seconds of the files checked here, the first (which builds what checks build on first use) aside
    position = 0
    try:
        while position < len(sources):
            sent = [batch for batch in sent if not batch.ready()]
            if pool is not None and len(sent) < AHEAD * (jobs - 1):
                size = batch_size(len(sources) - position, jobs)
                position = _send(app, pool, sources, position, size, slots, sent, then)
            else:
                started = time.process_time()
                result, checked = _check_here(app, sources[position], position, then)
                slots.append(result)
                position += 1
                if pool is None and checked:
                    spent += (time.process_time() - started) if checked_here else 0.0
                    checked_here += 1
                    if checked_here > 1 and spent / (checked_here - 1) * (len(sources) - position) > threshold:
                        # Forked now, the workers inherit the engine and everything built on first use, ready.
                        _APP, _THEN = app, then
                        gc.freeze()  # the collector would otherwise write to, and so copy, every inherited object's page
                        others = set(multiprocessing.active_children())
                        pool = multiprocessing.get_context("fork").Pool(jobs - 1, initializer=_quiet)
                        workers = [p for p in multiprocessing.active_children() if p not in others]
            yield from _ready(slots, then, workers if len(slots) > HELD else None)
        while slots:
            yield from _ready(slots, then, workers)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
            gc.unfreeze()
        _APP = _THEN = None


def _check_here(app: App, source: Source, index: int, then: Then | None) -> tuple[Any, bool]:
    """A file checked (or answered from the cache) in this process, through `then`; whether it was checked."""
    pending, data = open_source(app, source)
    if data is not None:
        analyse(app, pending, data)
    result = finish(app, pending)
    return (result if then is None else then(result, index)), data is not None


def _send(app: App, pool: Pool, sources: list[Source], position: int, size: int, slots: deque,
          sent: list[AsyncResult], then: Then | None) -> int:
    """Send the files from `position` to a worker, up to `size` of them not answered from the cache (those are
    answered here, in place); the position after them."""
    batch: list[Task] = []

    def close() -> None:
        if batch:
            answer = pool.apply_async(_check, (batch[:],))
            slots.append(_Batch(answer))
            sent.append(answer)
            batch.clear()

    while position < len(sources) and len(batch) < size:
        source = sources[position]
        if app.cache is None:
            batch.append((position, source))
        else:
            pending, data = open_source(app, source)
            if data is None:
                close()  # the batch holds files before this one
                result = finish(app, pending)
                slots.append(result if then is None else then(result, position))
            else:
                batch.append((position, (pending, data)))
        position += 1
    close()
    return position


def _ready(slots: deque, then: Then | None, waiting: list | None) -> Iterator:
    """The leading results that are there; while `waiting` (the workers, whose deaths end the wait), waiting for
    the first batch if it is not answered yet."""
    while slots:
        first = slots[0]
        if not isinstance(first, _Batch):
            yield slots.popleft()
            continue
        if waiting is None and not first.answer.ready():
            return
        first.answer.wait(LOOK_EVERY)
        while not first.answer.ready():
            _alive(waiting or [])
            first.answer.wait(LOOK_EVERY)
        slots.popleft()
        answered = first.answer.get()
        yield from answered if then is not None else map(unpacked, answered)
        waiting = None


def _alive(workers: list) -> None:
    """Raise WorkerDied when a worker has ended: the pool starts another, but the batch it held is never answered."""
    for worker in workers:
        if worker.exitcode is not None:
            raise WorkerDied(f"a worker process of the rule pass ended in the middle of the run (exit code "
                             f"{worker.exitcode}{', killed by a signal' if worker.exitcode < 0 else ''}); "
                             "rerun with --jobs 1 to check in one process")
