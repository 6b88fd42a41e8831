"""The parallel rule pass: worker processes give byte-identical reports, in input order, and stay out of small runs."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, run_process
from tqcheck.app import App
from tqcheck.cache import ResultCache
from tqcheck.config import load_config
from tqcheck.pipeline import Source
from tqcheck.runner import MIN_PARALLEL_FILES, Runner
from tqcheck.workers import MAX_BATCH, batch_size, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes need fork; the pass stays in-process")


@pytest.fixture
def eager_workers(monkeypatch) -> None:
    """Workers start after the second file, however little work is left (in this process and in `tqcheck` runs)."""
    monkeypatch.setenv("TQCHECK_WORTH_FORKING", "0")


def _corpus(folder: Path, copies: int) -> Path:
    """`copies` of each sample under distinct names, so the run has more files than workers."""
    for index in range(copies):
        for sample in sorted((ROOT / "samples").iterdir()):
            if sample.suffix in (".md", ".txt", ".html"):
                shutil.copy(sample, folder / f"{index:02d}-{sample.name}")
    return folder


def _report(target: Path, output_format: str, jobs: int) -> tuple[int, bytes]:
    """Exit code and report (the samples score below the threshold: exit 1)."""
    result = run_process("check", "--isolated", "--no-grammar", "--no-cache", "--no-color", "--fail-on", "none",
                         "--format", output_format, "--jobs", str(jobs), str(target))
    assert result.returncode in (0, 1), result.stderr.decode()
    return result.returncode, result.stdout


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_reports_are_byte_identical_for_one_and_two_jobs(tmp_path: Path, output_format: str, eager_workers) -> None:
    folder = _corpus(tmp_path, 4)
    assert len(list(folder.iterdir())) >= MIN_PARALLEL_FILES
    one = _report(folder, output_format, 1)
    assert b"00-" in one[1] and b"03-" in one[1]
    assert _report(folder, output_format, 2) == one


@pytest.mark.slow
def test_real_mt_corpus_is_byte_identical_for_one_and_two_jobs(eager_workers) -> None:
    corpus = SHARED / "corpus" / "real-mt" / "articles"
    if not corpus.is_dir():
        pytest.skip(f"SKIPPED LOUDLY: {corpus} is not there; the parallel pass is not compared on real MT output")
    assert _report(corpus, "json", 2) == _report(corpus, "json", 1)


def _app(cache_folder: Path | None = None) -> App:
    config = load_config(None, {"grammar": "off", "cache": cache_folder is not None})
    return App(config, cache=ResultCache.for_config(config, cache_folder) if cache_folder else None)


def test_many_files_go_to_workers_in_input_order(tmp_path: Path, eager_workers) -> None:
    files = sorted(str(p) for p in _corpus(tmp_path, 3).iterdir())
    paths, started = [], False
    for result in Runner(_app(), jobs=2).run(Source(path) for path in files):
        started = started or bool(multiprocessing.active_children())  # results come before the fork too
        paths.append(result.path)
    assert started, "no worker process was started"
    assert paths == files
    assert not multiprocessing.active_children(), "workers outlived the run"


def test_batches_keep_input_order_around_cached_files(tmp_path: Path, eager_workers) -> None:
    (tmp_path / "in").mkdir()
    files = [str(p) for p in sorted(_corpus(tmp_path / "in", 8).iterdir())]
    plain = _app()
    plain.fingerprinted = True  # as a run with the cache: its findings, cached or not, carry their fingerprints
    alone = [r.findings for r in Runner(plain, jobs=1).run(Source(path) for path in files)]
    list(Runner(_app(tmp_path / "cache"), jobs=1).run(Source(path) for path in files[::3]))  # every third cached
    mixed = list(Runner(_app(tmp_path / "cache"), jobs=2).run(Source(path) for path in files))
    assert [r.path for r in mixed] == files
    assert [r.cached for r in mixed] == [i % 3 == 0 for i in range(len(files))]
    assert [r.findings for r in mixed] == alone


def test_workers_read_the_files_themselves_and_report_unreadable_ones_in_place(tmp_path: Path,
                                                                             eager_workers) -> None:
    # Without a result cache the parent sends paths, not bytes: a file a worker cannot read is reported in its place.
    files = [str(p) for p in sorted(_corpus(tmp_path, 4).iterdir())]
    files[len(files) // 2: len(files) // 2] = [str(tmp_path / "vanished.md")]
    files.append(str(tmp_path / "also-vanished.txt"))
    alone = [(r.path, r.findings, [e.message for e in r.errors], r.words)
             for r in Runner(_app(), jobs=1).run(Source(path) for path in files)]
    parallel = [(r.path, r.findings, [e.message for e in r.errors], r.words)
                for r in Runner(_app(), jobs=2).run(Source(path) for path in files)]
    assert parallel == alone
    assert [bool(errors) for _, _, errors, _ in parallel].count(True) == 2


def test_a_run_with_little_work_left_starts_no_workers(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("tqcheck.workers.WORTH_FORKING", 1e6)  # more than these files could ever take
    monkeypatch.delenv("TQCHECK_WORTH_FORKING", raising=False)
    files = sorted(str(p) for p in _corpus(tmp_path, 3).iterdir())
    for _ in Runner(_app(), jobs=2).run(Source(path) for path in files):
        assert not multiprocessing.active_children()


def test_batches_are_small_enough_to_end_together() -> None:
    assert batch_size(600, 2) == MAX_BATCH and batch_size(20, 2) == 2 and batch_size(5, 4) == 1


def test_one_file_stays_in_process() -> None:
    result = Runner(_app(), jobs=2).check_path(str(ROOT / "samples" / "motorola-launch.md"))
    assert result.findings and not multiprocessing.active_children()


def test_a_run_served_from_the_cache_builds_no_engine(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    files = [str(p) for p in sorted(_corpus(tmp_path / "in", 3).iterdir())]
    first = list(Runner(_app(tmp_path / "cache"), jobs=2).run(Source(path) for path in files))
    app = _app(tmp_path / "cache")
    second = list(Runner(app, jobs=2).run(Source(path) for path in files))
    assert all(result.cached for result in second)
    assert "checker" not in app.__dict__
    assert [r.findings for r in second] == [r.findings for r in first]


def test_jobs_must_be_positive() -> None:
    result = run_process("check", "--no-grammar", "--jobs", "0", str(ROOT / "samples"))
    assert result.returncode == 2 and b"--jobs" in result.stderr


class _RecordingGrammar:
    """A stand-in for the LanguageTool service that records each text sent (in the order the run sends them) and
    finds nothing."""

    def __init__(self, events: list[str]):
        self.events = events

    def start(self) -> None:
        self.events.append("sent")  # called by the run's thread just before it sends a file's text

    def hits(self, prose) -> list:
        return []

    def close(self) -> None:
        pass


def test_with_grammar_on_the_first_files_go_to_languagetool_before_the_rule_engine_is_built(tmp_path: Path,
                                                                                          monkeypatch) -> None:
    # LanguageTool works while the engine is built, instead of waiting for it; the results are those of a run
    # that built the engine first.
    import tqcheck.app

    events: list[str] = []
    build = tqcheck.app.build_checker
    monkeypatch.setattr(tqcheck.app, "build_checker", lambda *args: events.append("engine") or build(*args))
    app = _app()
    app.grammar = app._service = _RecordingGrammar(events)
    runner = Runner(app, workers=2)
    window = runner.window
    files = [str(p) for p in sorted(_corpus(tmp_path, window // 4 + 1).iterdir())]
    results = [(r.path, r.findings, r.words) for r in runner.run(Source(path) for path in files)]
    assert events.count("sent") == len(files) > window + 1
    assert events[:window + 2] == ["sent"] * (window + 1) + ["engine"]
    plain = [(r.path, r.findings, r.words) for r in Runner(_app(), jobs=1).run(Source(path) for path in files)]
    assert results == plain


def test_findings_travel_back_from_the_workers_whole() -> None:
    """Workers send findings as tuples of their fields (faster to pickle): every field comes back as it was."""
    import pickle

    from tqcheck.findings import Finding, Severity
    from tqcheck.results import FileResult
    from tqcheck.workers import packed, unpacked

    findings = [Finding("TQ101", "term-literal", "terminology/wrong-term", Severity.CRITICAL, "'x' is wrong", "x",
                        ["X", "Y"], True, "glossary", 3, 4, 1, 4, 1, 5, {"languages": ("de",)}, 2, "0123abcd"),
                Finding("TQ901", "grammar", "grammar/agreement", Severity.MINOR, "m", "é\u2028", [], False, "grammar",
                        0, 2, 1, 1, 2, 1)]
    result = FileResult("a.md", "markdown", "en-US", "de", 7, findings=[Finding(*_field_values(f)) for f in findings])
    back = unpacked(pickle.loads(pickle.dumps(packed(result))))
    assert back.findings == findings and [f.severity for f in back.findings] == [Severity.CRITICAL, Severity.MINOR]
    assert (back.path, back.words, back.source_language) == ("a.md", 7, "de")


def _field_values(finding) -> list:
    """A finding's field values in order."""
    from dataclasses import fields

    return [getattr(finding, field.name) for field in fields(finding)]


def _made_where(result, index: int) -> tuple[str, int, int, list]:
    """What `then` sees: the path, the position it is given, the process that made the result, its findings."""
    return result.path, index, os.getpid(), result.findings


@pytest.mark.parametrize("jobs", [2, 3])
def test_this_process_and_the_workers_share_the_files_in_input_order(tmp_path: Path, eager_workers, jobs) -> None:
    # `--jobs N` is this process and N - 1 workers: every one of them checks files, the results come in order.
    files = [str(p) for p in sorted(_corpus(tmp_path, 6).iterdir())]
    alone = [(r.path, r.findings) for r in Runner(_app(), jobs=1).run(Source(path) for path in files)]
    made = list(Runner(_app(), jobs=jobs).run((Source(path) for path in files), _made_where))
    assert [(path, findings) for path, _, _, findings in made] == alone
    assert [index for _, index, _, _ in made] == list(range(len(files)))
    makers = {pid for _, _, pid, _ in made}
    assert os.getpid() in makers and 1 < len(makers) <= jobs


def test_then_gets_each_files_position_in_process_and_around_cached_files(tmp_path: Path, eager_workers) -> None:
    (tmp_path / "in").mkdir()
    files = [str(p) for p in sorted(_corpus(tmp_path / "in", 4).iterdir())]
    list(Runner(_app(tmp_path / "cache"), jobs=1).run(Source(path) for path in files[1::4]))  # every fourth cached
    for jobs in (1, 2):
        made = list(Runner(_app(tmp_path / "cache"), jobs=jobs).run((Source(path) for path in files), _made_where))
        assert [(path, index) for path, index, _, _ in made] == list(zip(files, range(len(files))))


def test_a_worker_far_behind_holds_back_this_process_not_the_order(tmp_path: Path, eager_workers,
                                                                   monkeypatch) -> None:
    # With room for one result behind an unanswered batch, this process waits for the batch at every file it checks.
    import tqcheck.workers

    monkeypatch.setattr(tqcheck.workers, "HELD", 1)
    held, ready = [], tqcheck.workers._ready
    monkeypatch.setattr(tqcheck.workers, "_ready", lambda slots, *args, **kwargs: held.append(len(slots)) or ready(
        slots, *args, **kwargs))
    files = [str(p) for p in sorted(_corpus(tmp_path, 6).iterdir())]
    alone = [(r.path, r.findings) for r in Runner(_app(), jobs=1).run(Source(path) for path in files)]
    assert [(r.path, r.findings) for r in Runner(_app(), jobs=2).run(Source(path) for path in files)] == alone
    assert max(held) == 2  # one result more than HELD, then this process waits


def test_batches_shrink_as_the_run_nears_its_end() -> None:
    sizes = [batch_size(left, 2) for left in range(200, 0, -1)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == MAX_BATCH and sizes[-8:] == [1] * 8


_PARENT = os.getpid()


def _dies_in_a_worker(result, index: int):
    """A `then` that kills the worker process it runs in (as the kernel's out-of-memory killer would)."""
    if os.getpid() != _PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return result


@contextmanager
def _within_a_minute(hang: str) -> Iterator[None]:
    """Fail with `hang` (an AssertionError) if the block is still running after a minute."""

    def hung(*_) -> None:
        raise AssertionError(hang)

    signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)


def test_a_worker_that_dies_ends_the_run_with_an_error_instead_of_a_hang(tmp_path: Path, eager_workers) -> None:
    from tqcheck.workers import WorkerDied

    files = [str(p) for p in sorted(_corpus(tmp_path, 6).iterdir())]
    with _within_a_minute("the run waited for the dead worker's batch for a minute"):
        with pytest.raises(WorkerDied, match="killed by a signal"):
            list(Runner(_app(), jobs=2).run((Source(path) for path in files), _dies_in_a_worker))
    assert not multiprocessing.active_children(), "workers outlived the run"


class _BuiltFromTwo(Exception):
    """An error whose constructor needs two arguments, as RuleTimeout's does: pickle cannot rebuild it as it is."""

    def __init__(self, rule: str, seconds: float):
        super().__init__(f"{rule} after {seconds} s")


def _fails_in_a_worker(result, index: int):
    """A `then` that raises, in a worker, an error the parent could not rebuild from its pickle."""
    if os.getpid() != _PARENT:
        raise _BuiltFromTwo("XX001", 2.0)
    return result


def test_a_worker_error_that_cannot_be_rebuilt_ends_the_run_instead_of_a_hang(tmp_path: Path,
                                                                             eager_workers) -> None:
    files = [str(p) for p in sorted(_corpus(tmp_path, 6).iterdir())]
    with _within_a_minute("the run waited for the failed batch for a minute"):
        with pytest.raises(Exception, match=r"_BuiltFromTwo: XX001 after 2.0 s") as raised:
            list(Runner(_app(), jobs=2).run((Source(path) for path in files), _fails_in_a_worker))
    assert not isinstance(raised.value, AssertionError)
    assert not multiprocessing.active_children(), "workers outlived the run"


def test_this_process_runs_no_thread_beside_its_checks(tmp_path: Path, eager_workers) -> None:
    # Answers are read between this process's own files: no thread competes with its checks for the interpreter lock.
    import threading

    files = [str(p) for p in sorted(_corpus(tmp_path, 3).iterdir())]
    seen = [(threading.active_count(), len(multiprocessing.active_children()))
            for _ in Runner(_app(), jobs=2).run(Source(path) for path in files)]
    assert max(workers for _, workers in seen) == 1, "no worker process was started"
    assert max(threads for threads, _ in seen) == 1


# Run as a script: a parallel run whose tqcheck process is killed once its worker has checked a file; the worker
# writes its process id to the file given.
_ORPHAN = """
import os, signal, sys
from pathlib import Path
from tqcheck.app import App
from tqcheck.config import load_config
from tqcheck.pipeline import Source
from tqcheck.runner import Runner

folder, note = Path(sys.argv[1]), Path(sys.argv[2])
parent = os.getpid()

def then(result, index):
    if os.getpid() != parent:
        note.write_text(str(os.getpid()))
    elif note.exists():
        os.kill(parent, signal.SIGKILL)
    return result

app = App(load_config(None, {"grammar": "off", "cache": False}))
for _ in Runner(app, jobs=2).run((Source(str(path)) for path in sorted(folder.iterdir())), then):
    pass
"""


def test_a_worker_ends_when_tqcheck_is_killed(tmp_path: Path, eager_workers) -> None:
    import subprocess
    import sys
    import time

    (tmp_path / "in").mkdir()
    folder, note = _corpus(tmp_path / "in", 20), tmp_path / "worker.pid"
    killed = subprocess.run([sys.executable, "-c", _ORPHAN, str(folder), str(note)], timeout=120)
    assert killed.returncode == -signal.SIGKILL and note.exists()
    status = Path(f"/proc/{note.read_text()}/status")
    for _ in range(100):  # a worker left behind would wait for its next batch for ever
        if not status.exists() or "\nState:\tZ" in status.read_text():
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the worker outlived the tqcheck process that started it")


def _slow_in_a_worker(result, index: int):
    """A `then` that takes a tenth of a second in a worker: the workers fall behind this process."""
    import time

    if os.getpid() != _PARENT:
        time.sleep(0.1)
    return _made_where(result, index)


@pytest.mark.parametrize("cached", [False, True])
def test_at_the_end_this_process_takes_back_the_files_a_worker_has_not_started(tmp_path: Path, eager_workers,
                                                                               monkeypatch, cached: bool) -> None:
    import tqcheck.workers

    (tmp_path / "in").mkdir()
    files = [str(p) for p in sorted(_corpus(tmp_path / "in", 4).iterdir())]
    cache = tmp_path / "cache" if cached else None
    if cached:
        list(Runner(_app(cache), jobs=1).run(Source(path) for path in files[::5]))  # every fifth from the cache
    sent: list[int] = []
    send = tqcheck.workers._Worker.send
    monkeypatch.setattr(tqcheck.workers._Worker, "send",
                        lambda worker, batch: sent.extend(index for index, _ in batch) or send(worker, batch))
    plain = _app()
    plain.fingerprinted = cached  # as a run with the cache: its findings, cached or not, carry their fingerprints
    alone = [(r.path, r.findings) for r in Runner(plain, jobs=1).run(Source(path) for path in files)]
    made = list(Runner(_app(cache), jobs=2).run((Source(path) for path in files), _slow_in_a_worker))
    assert [(path, findings) for path, _, _, findings in made] == alone
    assert [index for _, index, _, _ in made] == list(range(len(files)))
    taken_back = [index for _, index, pid, _ in made if pid == os.getpid() and index in sent]
    assert taken_back and max(sent) in taken_back
    assert not multiprocessing.active_children(), "workers outlived the run"


def test_ctrl_c_ends_the_run_and_its_workers(tmp_path: Path, eager_workers) -> None:
    import subprocess
    import sys
    import time

    (tmp_path / "in").mkdir()
    folder = _corpus(tmp_path / "in", 60)
    process = subprocess.Popen([sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-grammar", "--no-cache",
                                "--format", "json", "--jobs", "2", str(folder)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers: list[str] = []
    for _ in range(600):  # the worker starts once the engine is built (seconds on a loaded machine)
        workers = children.read_text().split() if children.exists() else []
        if workers or process.poll() is not None:
            break
        time.sleep(0.05)
    assert workers, "no worker process was started before the run ended"
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    status = Path(f"/proc/{workers[0]}/status")
    assert not status.exists() or "\nState:\tZ" in status.read_text(), "the worker outlived the run"


def test_a_file_is_claimed_once_and_a_held_lock_is_not_waited_for_long() -> None:
    from tqcheck.workers import Claims

    claims = Claims(multiprocessing.get_context("fork"), 3)
    assert claims.claim(1, 1.0) is True and claims.claim(1, 1.0) is False and claims.claim(2, 1.0) is True
    claims.lock.acquire()  # as by a process killed while it held the lock
    try:
        assert claims.claim(0, 0.05) is None
    finally:
        claims.lock.release()
    assert claims.claim(0, 1.0) is True


def _one_page(descriptor: int) -> None:
    """Pipes as small as Linux makes them (as where a user's pipes are over the system's limit, or not on Linux)."""
    import fcntl

    fcntl.fcntl(descriptor, fcntl.F_SETPIPE_SZ, 4096)


def test_large_batches_and_answers_do_not_fill_both_pipes_at_once(tmp_path: Path, eager_workers,
                                                                   monkeypatch) -> None:
    # With the cache on, batches carry the files' bytes: this process must not wait to write a batch while the worker
    # waits for it to read an answer (each larger than the pipe).
    monkeypatch.setattr("tqcheck.workers._widen", _one_page)
    (tmp_path / "in").mkdir()
    for index in range(24):
        (tmp_path / "in" / f"{index:02d}.md").write_text(
            "".join(f"Line {line} of {index} says the the word and it it goes on.\n\n" for line in range(150)))
    files = [str(p) for p in sorted((tmp_path / "in").iterdir())]
    plain = _app()
    plain.fingerprinted = True  # as a run with the cache: its findings carry their fingerprints
    alone = [(r.path, r.findings) for r in Runner(plain, jobs=1).run(Source(path) for path in files)]
    assert sum(len(findings) for _, findings in alone) >= 24 * 300
    with _within_a_minute("this process and a worker waited for each other to read a pipe for a minute"):
        made = [(r.path, r.findings) for r in Runner(_app(tmp_path / "cache"), jobs=2).run(Source(p) for p in files)]
    assert made == alone
    assert not multiprocessing.active_children(), "workers outlived the run"
