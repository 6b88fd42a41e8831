"""Where a whole `tqcheck check --jobs N` run's time goes, process by process (Linux: /proc/PID/schedstat).

Run: python benchmarks/parallel_timeline.py [--runs N] [--jobs N] [--folder F -- CHECK ARGS...]
     (rewrites its section of docs/benchmarks.md)

Each process stamps (wall clock, its CPU time, its time waiting for a core) around its work: this process before
the fork (start-up), around each file it checks itself and around the whole parallel pass; each worker around each
batch. A process's wall time splits into CPU, waiting for a core (the machine's other load, or more runnable
processes than cores) and voluntary sleep (it had nothing to do: a worker waiting for a batch, this process waiting
for an answer). On an idle machine the wall time of the parallel pass is what sleep and CPU make it; the waits for
a core say how loaded the machine was.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus, write_glossary  # noqa: E402
from docs_section import machine, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.md"
# Run inside the measured process: wraps the parallel pass's functions to stamp each piece of work into a log.
TRACE = r"""
import time

def stamp():
    cpu, waited, _ = open("/proc/thread-self/schedstat").read().split()
    return time.perf_counter(), int(cpu) / 1e9, int(waited) / 1e9

started, marks = stamp(), []
import atexit, os, sys
import tqcheck.runner, tqcheck.workers as workers

log = sys.argv.pop(1)

def record(kind, start, end, files=1):
    with open(log, "a") as out:
        out.write(" ".join(map(str, (kind, os.getpid(), files, *start, *end))) + "\n")

check = workers._check
def traced_check(batch):
    start = stamp()
    answer = check(batch)
    record("worker", start, stamp(), sum(result is not None for result in answer))  # None: taken back
    return answer
workers._check = traced_check
here = workers._check_here
def traced_here(*args):
    start = stamp()
    answer = here(*args)
    marks.append(("here", start, stamp()))
    return answer
workers._check_here = traced_here
run = workers.run_parallel
def traced_run(*args, **kwargs):
    start = stamp()
    yield from run(*args, **kwargs)
    marks.append(("pass", start, stamp()))
tqcheck.runner.run_parallel = traced_run
def done():
    for kind, start, end in marks:
        record(kind, start, end)
    record("parent", started, stamp(), 0)
atexit.register(done)
from tqcheck.launcher import main
sys.argv[0] = "tqcheck"
main()
"""


def traced(command: list[str], log: Path) -> dict:
    """Run `tqcheck COMMAND` traced; its timeline."""
    log.write_text("")
    launched = time.perf_counter()  # the same clock as the stamps (CLOCK_MONOTONIC)
    subprocess.run([sys.executable, "-c", TRACE, str(log), *command], stdout=subprocess.DEVNULL, check=False)
    return timeline(log.read_text().splitlines(), launched)


def _span(start: list[float], end: list[float]) -> tuple[float, float, float, float]:
    """Wall, CPU, waiting for a core, and voluntary sleep between two stamps."""
    wall, cpu, waited = (b - a for a, b in zip(start, end))
    return wall, cpu, waited, wall - cpu - waited


def timeline(lines: list[str], launched: float) -> dict:
    """The run's phases and, for each process in the parallel pass, its files, CPU, waits and sleep."""
    stamps: dict[str, list] = collections.defaultdict(list)
    for line in lines:
        kind, pid, files, *values = line.split()
        stamps[kind].append((pid, int(files), [float(v) for v in values[:3]], [float(v) for v in values[3:]]))
    (_, _, begun, ended), = stamps["parent"]
    if not stamps["pass"]:
        raise SystemExit("the run did not fork workers (too few files?)")
    (_, _, opened, closed), = stamps["pass"]
    phase = closed[0] - opened[0]
    processes = []
    for kind in ("here", "worker"):
        tasks: dict[str, list] = collections.defaultdict(list)
        for pid, files, start, end in stamps[kind]:
            if start[0] >= opened[0]:
                tasks[pid].append((files, start, end))
        for pid, items in tasks.items():
            items.sort(key=lambda item: item[1][0])
            _, cpu, waited, sleep = _span(items[0][1], items[-1][2])
            processes.append({"who": "tqcheck" if kind == "here" else "worker",
                              "files": sum(files for files, _, _ in items), "cpu": cpu, "waited": waited,
                              "sleep": sleep, "first": items[0][1][0] - opened[0],
                              "last": closed[0] - items[-1][2][0]})
    whole = _span(opened, closed)
    return {"startup": opened[0] - launched, "startup_cpu": opened[1] - begun[1], "phase": phase,
            "parent": whole, "exit": ended[0] - closed[0], "total": ended[0] - begun[0], "processes": processes}


def _each(processes: list[dict], *keys: str) -> str:
    """The `keys` of each process, `a / b` within one and `;` between them."""
    return "; ".join(" / ".join(f"{process[key]:.3f}" for key in keys) for process in processes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="traced runs (the table shows each)")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--folder", help="files to check (default: 800 generated articles, every built-in pack and "
                                         "a 1,000-term glossary)")
    parser.add_argument("check", nargs="*", help="`tqcheck check` arguments before the folder, after `--`")
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="tqcheck-timeline-") as tmp:
        if options.folder:
            folder, arguments = options.folder, options.check
        else:
            glossary = Path(tmp) / "glossary.yaml"
            write_glossary(glossary, 1000)
            folder = str(Path(tmp) / "corpus")
            write_corpus(Path(folder), 800)
            arguments = ["--isolated", "--no-grammar", "--no-cache", "--format", "json", "--glossary", str(glossary)]
        command = ["check", *arguments, "--jobs", str(options.jobs), folder]
        traced(command, Path(tmp) / "warm.log")  # stores the engine
        for run in range(options.runs):
            got = traced(command, Path(tmp) / "trace.log")
            load = os.getloadavg()[0]
            wall, cpu, waited, sleep = got["parent"]
            print(f"run {run + 1}: start-up {got['startup']:.3f} s ({got['startup_cpu']:.3f} CPU), parallel pass "
                  f"{got['phase']:.3f} s, then {got['exit']:.3f} s to exit; load {load:.1f}", flush=True)
            for process in got["processes"]:
                print("   ", process, flush=True)
            workers = [p for p in got["processes"] if p["who"] == "worker"]
            here = next((p for p in got["processes"] if p["who"] == "tqcheck"), {"files": 0})
            rows.append(
                f"| {run + 1} | {load:.1f} | {got['startup']:.3f} ({got['startup_cpu']:.3f}) | {got['phase']:.3f} | "
                f"{here['files']} / {', '.join(str(w['files']) for w in workers)} | {cpu:.3f} / {waited:.3f} / "
                f"{sleep:.3f} | {_each(workers, 'cpu', 'waited', 'sleep')} | {_each(workers, 'first', 'last')} | "
                f"{got['exit']:.3f} |")
    load = os.getloadavg()
    shown = " ".join(command[:-1]).replace(tmp, "TMP")
    write_section("Parallel pass timeline (issue 12)", f"""Command: `.venv/bin/python benchmarks/parallel_timeline.py --runs {options.runs} --jobs {options.jobs}{f' --folder {options.folder} -- ' + ' '.join(options.check) if options.folder else ''}` (replaces this section).
Machine: {machine()}; load average when the run ended {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}.
Traced: `tqcheck {shown} FOLDER`{'' if options.folder else ' (800 generated articles)'}, one warm-up run first.

Each process stamps its wall clock, CPU time and time spent waiting for a core (`/proc/thread-self/schedstat`)
around its work (see the script's docstring). Seconds; "CPU / waiting for a core / asleep" of tqcheck's own thread
in the parallel pass (asleep: waiting for a worker's answer), and of each worker between the start of its first
batch and the end of its last (asleep: waiting for a batch); a worker's files leave out those tqcheck took back.
"first / last" is how long after the pass began a worker started its first batch, and how long before the pass
ended it finished its last. On an idle machine the waits for a core are ~0 and the pass takes the CPU time of its
busiest process plus its sleep. Start-up is the wall time from launching the process to the
pass (its CPU: after the interpreter started, ~15 ms earlier).

| run | load | start-up before the pass (CPU) | parallel pass | files: tqcheck / workers | tqcheck: CPU / waiting for a core / asleep | workers: CPU / waiting / asleep | workers: first / last | to exit |
|---:|---:|---:|---:|---|---|---|---|---:|
{chr(10).join(rows)}""", RESULTS)
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
