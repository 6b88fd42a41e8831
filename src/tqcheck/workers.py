"""Worker processes for the rule pass: forked after the rule engine is built, so each inherits it once. This process
is one of the jobs: it keeps every worker a few batches ahead and checks the next file itself meanwhile, and at the
end it takes back the files the workers have not started."""

from __future__ import annotations

import gc
import os
import select
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import fields
from operator import attrgetter
from typing import Any

from .app import App
from .errors import ExitCode, TqcheckError
from .findings import Finding
from .pipeline import Pending, Source, analyse, finish, open_source
from .results import FileResult

# What each result goes through in the process that made it, with its position among the run's files (a streamed
# report renders the file's parts there, so its findings never travel between processes).
Then = Callable[[FileResult, int], Any]
# A file for a worker, with its position: a Source it reads itself, or a file this process read and looked up.
Task = tuple[int, "Source | tuple[Pending, bytes]"]

# The run's App and `then`, set in the parent just before the fork; workers read their inherited copies.
_APP: App | None = None
_THEN: Then | None = None
# Which files sent to a worker someone has started (a byte per file of the run, in memory the processes share), and
# the lock that makes starting one a single step: at the end of the run this process takes the files its workers
# have not started, instead of waiting for them.
_CLAIMS: Claims | None = None
_PARENT = os.getpid()  # in a worker: the process that forked it (set before the fork)
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
# below this, forking and sending results back cost more than the other cores save.
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


class Claims:
    """Which files of the run have been started, shared by this process and its workers: each sent file is checked
    by the one that claims it first (its worker, or this process once it has nothing else to do)."""

    def __init__(self, context, files: int):
        self.lock = context.Lock()
        self.taken = context.RawArray("b", files)

    def claim(self, index: int, patience: float) -> bool | None:
        """Whether the file at `index` was free: it is now taken by the caller; None when the lock was not had
        within `patience` seconds (a process killed while holding it would otherwise stop this one too)."""
        if not self.lock.acquire(timeout=patience):
            return None
        try:
            if self.taken[index]:
                return False
            self.taken[index] = 1
            return True
        finally:
            self.lock.release()


class _Batch:
    """A batch sent to a worker, in its place among the results: its answer once it is there, and the results of its
    files this process took back (the worker answers None for those)."""

    __slots__ = ("tasks", "answer", "taken", "left")

    def __init__(self, tasks: list[Task]) -> None:
        self.tasks = tasks
        self.answer: tuple[bool, Any] | None = None  # (True, results) or (False, the error to raise)
        self.taken: dict[int, Any] = {}  # by position in the batch
        self.left = len(tasks)  # files before this one may still be taken back (the worker goes in order)

    def results(self, then: Then | None) -> list:
        """The answer's results, those taken back in their places."""
        answered, results = self.answer  # type: ignore[misc]
        if not answered:
            raise results
        return [self.taken[place] if place in self.taken else result if then is not None else unpacked(result)
                for place, result in enumerate(results)]

    def take_back(self, app: App, then: Then | None) -> bool:
        """Check here the last file of the batch its worker has not started, if there is one."""
        assert _CLAIMS is not None
        while self.left:
            self.left -= 1
            index, item = self.tasks[self.left]
            if not _CLAIMS.claim(index, LOOK_EVERY):  # None: the waiting for answers finds out what became of it
                self.left = 0  # the worker has started this file, and so every one before it
                return False
            self.taken[self.left] = _check_here(app, item, index, then)[0]
            return True
        return False


class _Worker:
    """A forked worker process, the pipes to it and the batches it has not answered yet (oldest first). This process
    reads its answers between files of its own, so no thread competes with the checks for the interpreter lock."""

    __slots__ = ("process", "tasks", "answers", "given", "waiting", "closed", "arrived")

    def __init__(self, context, others: list[_Worker]):
        from multiprocessing import Pipe

        tasks_in, tasks = Pipe(duplex=False)
        answers, answers_out = Pipe(duplex=False)
        for end in (tasks, answers_out):
            _widen(end.fileno())
        self.tasks, self.answers, self.waiting, self.closed = tasks, answers, deque(), False
        self.given = (tasks_in, answers_out)  # the worker's ends
        # Whether an answer has arrived, in one system call: Connection.poll builds a selector at every call.
        self.arrived = select.poll()
        self.arrived.register(answers.fileno(), select.POLLIN)
        # The worker closes this process's ends of every worker's pipes (a worker forked later inherits those of
        # the earlier ones), so that it sees the end of its batches if this process dies.
        ends = [end for worker in [*others, self] for end in (worker.tasks, worker.answers)]
        self.process = context.Process(target=_serve, args=(tasks_in, answers_out, ends), name="tqcheck-worker")

    def start(self) -> None:
        """Fork the worker. Ctrl-C reaches the whole process group: this process reports it and stops the workers,
        which ignore it; held back during the fork, it reaches this process once the worker is in the run's list."""
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            for end in self.given:
                end.close()

    def send(self, batch: list[Task]) -> _Batch:
        """Send a batch; its place among the results."""
        sent = _Batch(batch)
        try:
            self._put(batch)
        except OSError:  # the worker has ended
            self.ended()
        self.waiting.append(sent)
        return sent

    def _put(self, message: Any) -> None:
        """Write a message to the worker as `Connection.send` does; while the pipe is full, read the worker's
        answers: it may be waiting for this process to read one before it reads on (each would wait for the other)."""
        import struct
        from multiprocessing.reduction import ForkingPickler

        payload = ForkingPickler.dumps(message)
        size = len(payload)
        header = struct.pack("!i", size) if size <= 0x7FFFFFFF else struct.pack("!iQ", -1, size)
        descriptor = self.tasks.fileno()
        os.set_blocking(descriptor, False)
        try:
            for data in (memoryview(header), memoryview(payload)):
                while data:
                    try:
                        data = data[os.write(descriptor, data):]
                    except BlockingIOError:
                        select.select([self.answers], [descriptor], [], LOOK_EVERY)
                        self.collect()
        finally:
            os.set_blocking(descriptor, True)

    def collect(self) -> None:
        """Take every answer that has arrived; raise WorkerDied if the worker ended with batches unanswered."""
        try:
            while self.waiting and self.arrived.poll(0):
                self.waiting.popleft().answer = self.answers.recv()
        except EOFError:  # only the worker writes to its pipe
            self.ended()

    def ended(self) -> None:
        """Raise WorkerDied for the worker, which has ended (or is ending) in the middle of the run."""
        self.process.join(LOOK_EVERY)
        _died(self.process.exitcode)

    def close(self) -> None:
        """Tell the worker that no batch follows: it ends once it has answered those it has (its exit, which
        unmaps a copy of the heap, then overlaps this process's last files)."""
        if not self.closed:
            self.closed = True
            try:
                self._put(None)
            except OSError:  # it has ended already: its answers or its exit code say how
                pass

    def stop(self, done: bool) -> None:
        """End the worker: after the run (`done`) once it has answered everything, otherwise (an error, Ctrl-C) at
        once."""
        if self.process.pid is not None:  # started
            if done:
                self.close()
            else:
                self.process.terminate()
            self.process.join()
        for end in (self.tasks, self.answers, *self.given):
            end.close()


def _widen(descriptor: int) -> None:
    """Let a pipe hold 1 MiB, so a worker never waits for this process to read its answers (which it does between
    its own files) and a batch is sent in one write; the default 64 KiB holds one answer or two."""
    import fcntl

    try:
        fcntl.fcntl(descriptor, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (AttributeError, OSError):  # not Linux, or above the system's limit: the default size works, waiting
        pass


def _serve(tasks, answers, inherited: list) -> None:
    """A worker's life: answer each batch until told to stop (or this process's end of the pipe closes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for end in inherited:
        end.close()
    while True:
        try:
            batch = tasks.recv()
        except EOFError:  # the parent died
            return
        if batch is None:
            return
        try:
            answer: tuple[bool, Any] = (True, _check(batch))
        except Exception as error:
            answer = (False, error)
        try:
            answers.send(answer)
        except OSError:  # the parent died
            return
        except Exception as error:  # an answer that cannot be pickled (pickled whole before it is written)
            answers.send((False, _portable(error)))


def _check(batch: list[Task]) -> list:
    """Each file's result, through `then` (or packed), None for a file this process took back: a Source is read
    here, a pair was read (and looked up in the cache) by the parent."""
    assert _APP is not None and _CLAIMS is not None
    results = []
    try:
        for index, item in batch:
            claimed = _CLAIMS.claim(index, LOOK_EVERY)
            while claimed is None:
                if os.getppid() != _PARENT:  # the parent died holding the lock
                    os._exit(1)
                claimed = _CLAIMS.claim(index, LOOK_EVERY)
            if not claimed:
                results.append(None)
                continue
            result = _checked(_APP, item)[0]
            results.append(packed(result) if _THEN is None else _THEN(result, index))
    except Exception as error:
        raise _portable(error) from None
    return results


def _checked(app: App, item: Source | tuple[Pending, bytes]) -> tuple[FileResult, bool]:
    """The result of a Source (read here; answered from the cache where it can be) or of a file read and looked
    up in the cache already; whether its rules ran."""
    pending, data = open_source(app, item) if isinstance(item, Source) else item
    if data is not None:
        analyse(app, pending, data)
    return finish(app, pending), data is not None


def _portable(error: Exception) -> Exception:
    """`error`, or where this process's pickle of it cannot be rebuilt in the parent (an error whose constructor
    takes other arguments than its message), a WorkerFailed saying what it was: the parent could not raise it."""
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
    workers read their files: the bytes never pass through this process). Once every file is sent or checked, it
    checks the last files sent that no worker has started, so all end within a file of each other. Memory stays
    flat: a few batches per worker are in flight, and at most `HELD` results wait behind one."""
    global _APP, _THEN, _CLAIMS, _PARENT
    import multiprocessing

    threshold = worth_forking()
    workers: list[_Worker] = []
    slots: deque = deque()  # in input order: a finished result, or a batch sent to a worker
    checked_here = 0
    spent = 0.0  # CPU seconds of the files checked here, the first (which builds what checks build on first use) aside
    position = 0
    done = False
    try:
        while position < len(sources):
            for worker in workers:
                worker.collect()
            idle = min(workers, key=lambda worker: len(worker.waiting)) if workers else None
            if idle is not None and len(idle.waiting) < AHEAD:
                size = batch_size(len(sources) - position, jobs)
                position = _send(app, idle, sources, position, size, slots, then)
            else:
                started = time.process_time()
                result, checked = _check_here(app, sources[position], position, then)
                slots.append(result)
                position += 1
                if not workers and checked:
                    spent += (time.process_time() - started) if checked_here else 0.0
                    checked_here += 1
                    if checked_here > 1 and spent / (checked_here - 1) * (len(sources) - position) > threshold:
                        # Forked now, the workers inherit the engine and everything built on first use, ready.
                        context = multiprocessing.get_context("fork")
                        _APP, _THEN, _CLAIMS, _PARENT = app, then, Claims(context, len(sources)), os.getpid()
                        gc.freeze()  # the collector would otherwise write to, and so copy, every inherited object's page
                        for _ in range(jobs - 1):
                            workers.append(_Worker(context, workers))
                            workers[-1].start()
            yield from _ready(slots, then, workers if len(slots) > HELD else None)
        for worker in workers:
            worker.close()
        while slots:
            for worker in workers:
                worker.collect()
            # Nothing left to send: rather than wait for the workers, take back the last file not started.
            took = any(batch.take_back(app, then) for batch in reversed(slots)
                       if isinstance(batch, _Batch) and batch.answer is None)
            yield from _ready(slots, then, None if took else workers)
        done = True
    finally:
        for worker in workers:
            worker.stop(done)
        if workers:
            gc.unfreeze()
        _APP = _THEN = _CLAIMS = None


def _check_here(app: App, item: Source | tuple[Pending, bytes], index: int, then: Then | None) -> tuple[Any, bool]:
    """A file checked (or answered from the cache) in this process, through `then`; whether it was checked."""
    result, checked = _checked(app, item)
    return (result if then is None else then(result, index)), checked


def _send(app: App, worker: _Worker, sources: list[Source], position: int, size: int, slots: deque,
          then: Then | None) -> int:
    """Send the files from `position` to a worker, up to `size` of them not answered from the cache (those are
    answered here, in place); the position after them."""
    batch: list[Task] = []

    def close() -> None:
        if batch:
            slots.append(worker.send(batch[:]))
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


def _ready(slots: deque, then: Then | None, waiting: list[_Worker] | None) -> Iterator:
    """The leading results that are there; while `waiting` (the workers), waiting for the first batch if it is not
    answered yet."""
    while slots:
        first = slots[0]
        if not isinstance(first, _Batch):
            yield slots.popleft()
            continue
        if first.answer is None:
            if waiting is None:
                return
            _await(first, waiting)
        slots.popleft()
        yield from first.results(then)
        waiting = None


def _await(batch: _Batch, workers: list[_Worker]) -> None:
    """Wait until `batch` is answered; raise WorkerDied if a worker ends first."""
    from multiprocessing.connection import wait

    while batch.answer is None:
        wait([worker.answers for worker in workers if worker.waiting], LOOK_EVERY)
        for worker in workers:
            worker.collect()
        if batch.answer is None:
            _alive(workers)


def _alive(workers: list[_Worker]) -> None:
    """Raise WorkerDied when a worker has ended before it was told to, or with batches it never answered."""
    for worker in workers:
        if worker.process.exitcode is not None:
            worker.collect()  # what it answered before it ended
            if worker.waiting or not worker.closed:
                _died(worker.process.exitcode)


def _died(code: int | None) -> None:
    """Raise WorkerDied for a worker that ended with exit code `code`."""
    how = "" if code is None else f" (exit code {code}{', killed by a signal' if code < 0 else ''})"
    raise WorkerDied(f"a worker process of the rule pass ended in the middle of the run{how}; "
                     "rerun with --jobs 1 to check in one process")
