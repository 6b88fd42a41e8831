"""Schedule the files of a run: rules on this thread, grammar requests overlapping on a pool, results in order."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from .app import App
from .pipeline import Source, begin, finish, run_rules
from .results import FileResult
from .workers import Then, can_fork, run_parallel

# With fewer files than this the rule pass stays in this process.
MIN_PARALLEL_FILES = 8
# Files parsed and sent to LanguageTool ahead of the rule pass: enough LanguageTool work (~1.5 s of its two threads
# on articles of ~300 words) to keep the server busy while the first rule pass builds the engine (~0.5 CPU-s).
AHEAD = 32


class Runner:
    """Runs `begin` on each file as it comes and `finish` in input order, a window of files behind."""

    def __init__(self, app: App, workers: int | None = None, jobs: int = 1):
        self.app = app
        # One more worker than LanguageTool has check threads, so a thread never idles while Python reads a reply.
        self.workers = workers or (os.cpu_count() or 2) + 1
        self.window = max(AHEAD, self.workers * 2)
        self.jobs = jobs

    def run(self, sources: Iterable[Source], then: Then | None = None) -> Iterator[Any]:
        """Results in input order, each through `then` (with its position) in the process that made it when given;
        grammar requests overlap with reading and rule checks of later files."""
        app = self.app
        if app.grammar is None and self.jobs > 1:
            sources = list(sources)
            # Forking and sending results back cost more than checking a handful of files in this process.
            if len(sources) >= MIN_PARALLEL_FILES and can_fork():
                yield from run_parallel(app, sources, self.jobs, then)
                return
        results = self._in_order(sources)
        yield from results if then is None else (then(result, index) for index, result in enumerate(results))

    def _in_order(self, sources: Iterable[Source]) -> Iterator[FileResult]:
        """Every result in input order, in this process."""
        app = self.app
        if app.grammar is None:
            for source in sources:  # rules only: nothing to overlap, no threads
                yield finish(app, begin(app, source))
            return
        from concurrent.futures import ThreadPoolExecutor

        window = self.window
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="tqcheck-grammar")
        pending: deque = deque()
        try:
            for source in sources:
                # Each file goes to LanguageTool as soon as it is parsed, and its rules run once the window is
                # full: the first files keep LanguageTool busy while the rule engine is built, later ones while
                # the rules of earlier files run.
                pending.append(begin(app, source, pool.submit, rules=False))
                while len(pending) > window:
                    yield finish(app, run_rules(app, pending.popleft()))
            while pending:
                yield finish(app, run_rules(app, pending.popleft()))
        except BaseException:
            # A broken pack (found when the engine is built) or Ctrl-C: neither the queued requests nor the running
            # ones are waited for (a long file's may take minutes); the run then stops LanguageTool, and the
            # closed grammar service makes the running ones fail at once instead of starting it again.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()

    def check_path(self, path: str) -> FileResult:
        """Check one file from disk; used by benchmarks and simple callers."""
        return next(self.run([Source(path)]))

    def check_bytes(self, data: bytes, path: str) -> FileResult:
        """Check contents already in memory."""
        return next(self.run([Source(path, data)]))
