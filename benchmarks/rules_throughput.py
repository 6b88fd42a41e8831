"""Rules-only benchmark: words/s on one core and on every core, `tqcheck --version` start-up, peak memory vs corpus
size.

Run: python benchmarks/rules_throughput.py [--runs N] [--jobs N]   (writes docs/benchmarks.md)
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus, write_glossary  # noqa: E402
from evaluation import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.md"
MEASURE = """
import resource, sys, time
from pathlib import Path
from tqcheck.config import load_config
from tqcheck.files import discover
from tqcheck.app import App
from tqcheck.pipeline import Source
from tqcheck.runner import Runner
folder, glossary, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
config = load_config(None, {"glossaries": [glossary], "grammar": False, "cache": False})
runner = Runner(App(config), jobs=jobs)
files, _ = discover([folder], config.include, config.exclude)
runner.check_path(files[0])  # one file stays in this process: it builds the engine, which the workers inherit
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
started, cpu_started = time.perf_counter(), time.process_time()
words = findings = 0
for result in runner.run(Source(path) for path in files):
    words += result.words
    findings += len(result.findings)
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
here = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, ended and waited for when the run ends
worker_cpu = workers.ru_utime + workers.ru_stime
print(words, findings, elapsed, cpu + worker_cpu, here.ru_maxrss, cpu, worker_cpu, here.ru_minflt - faults,
      workers.ru_minflt)
"""


def pinned(command: list[str]) -> list[str]:
    """Run on one core when taskset is available."""
    return ["taskset", "-c", "0", *command] if os.path.exists("/usr/bin/taskset") else command


def measure(folder: Path, glossary: Path, jobs: int = 1) -> tuple:
    """Words, findings, wall and CPU seconds (of every process) of the checking loop, this process's peak RSS in
    KiB, the CPU seconds of this process and of its workers, and the page faults of each in the loop (mostly copies
    of pages the workers share with it); one job runs pinned to one core, more on every core."""
    command = [sys.executable, "-c", MEASURE, str(folder), str(glossary), str(jobs)]
    out = subprocess.run(pinned(command) if jobs == 1 else command, check=True, capture_output=True,
                         text=True).stdout.split()
    return (int(out[0]), int(out[1]), float(out[2]), float(out[3]), int(out[4]), float(out[5]), float(out[6]),
            int(out[7]), int(out[8]))


def startup(args: list[str], runs: int = 15, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Median wall and CPU seconds (user + system) of `tqcheck ARGS` as a whole process."""
    exe = str(Path(sys.executable).parent / "tqcheck")
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([exe, *args], capture_output=True, env={**os.environ, **(env or {})})
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def spread(files: int, folder: Path, glossary: Path, runs: int, jobs: int) -> tuple:
    """One row of a table: `runs` fresh processes checking the folder with `jobs` jobs; the median wall and CPU
    seconds, the words/s of the median run and of the slowest and fastest (per CPU second with one job, per wall
    second with more), the largest peak resident set of the measuring process, and the medians of its CPU seconds,
    its workers', and of their page faults."""
    samples = []
    for _ in range(runs):
        words, findings, elapsed, cpu, rss_kb, here, workers, faults, worker_faults = measure(folder, glossary, jobs)
        samples.append((cpu if jobs == 1 else elapsed, cpu, elapsed, rss_kb, here, workers, faults, worker_faults))
        print(f"{files} files, {jobs} job(s): {words} words in {elapsed:.2f}s ({cpu:.2f}s CPU: {here:.2f} here, "
              f"{workers:.2f} in workers) = {words / samples[-1][0]:,.0f} words per {'CPU' if jobs == 1 else 'wall'} "
              f"second, peak RSS {rss_kb / 1024:.0f} MiB, page faults {faults:,} here, {worker_faults:,} in workers",
              flush=True)
    timed = sorted(seconds for seconds, *_ in samples)
    return (files, words, findings, statistics.median(s[2] for s in samples), statistics.median(s[1] for s in samples),
            words / statistics.median(timed), words / timed[-1], words / timed[0],
            max(s[3] for s in samples) / 1024, *(statistics.median(s[index] for s in samples) for index in range(4, 8)))


def whole_runs(folder: Path, glossary: Path, runs: int, jobs: int) -> list[tuple[int, float, float]]:
    """Jobs, median wall and CPU seconds (every process) of `tqcheck check --jobs 1` pinned to one core and of
    `--jobs JOBS` on every core, alternating, after one warm-up run each (it stores the built engine)."""
    exe = str(Path(sys.executable).parent / "tqcheck")
    args = ["check", "--isolated", "--no-grammar", "--no-cache", "--format", "json", "--glossary", str(glossary),
            str(folder)]
    commands = {1: pinned([exe, *args, "--jobs", "1"]), jobs: [exe, *args, "--jobs", str(jobs)]}
    samples: dict[int, list[tuple[float, float]]] = {count: [] for count in commands}
    for attempt in range(runs + 1):
        for count, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if attempt:
                samples[count].append((wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime))
    return [(count, statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
            for count, got in samples.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5,
                        help="processes per corpus size; the table shows the median CPU time and the spread")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                        help="jobs of the every-core tables (default: every core this process may use)")
    options = parser.parse_args()
    runs, jobs = options.runs, options.jobs
    rows, parallel = [], []
    with tempfile.TemporaryDirectory() as tmp:
        glossary = Path(tmp) / "glossary.yaml"
        write_glossary(glossary, 1000)
        for files in (50, 200, 800):
            folder = Path(tmp) / f"corpus-{files}"
            write_corpus(folder, files)
            rows.append(spread(files, folder, glossary, runs, 1))
            parallel.append(spread(files, folder, glossary, runs, jobs))
        whole = whole_runs(folder, glossary, runs, jobs)
    corpus_words = rows[-1][1]
    for count, wall, cpu in whole:
        print(f"tqcheck check --jobs {count}, 800 files: {wall:.2f} s wall, {cpu:.2f} s CPU = "
              f"{corpus_words / wall:,.0f} words per wall second", flush=True)
    version_wall, version_cpu = startup(["--version"])
    print(f"tqcheck --version: {version_wall * 1000:.0f} ms wall, {version_cpu * 1000:.0f} ms CPU (medians of 15)")
    sample = str(ROOT / "samples" / "motorola-launch.md")
    with tempfile.TemporaryDirectory() as cache:
        warm = {"TQCHECK_CACHE_DIR": cache}
        one_file, isolated = ["check", "--no-grammar", sample], ["check", "--isolated", "--no-grammar", sample]
        startup(one_file, 1, warm)  # fill the result cache for both configurations
        startup(isolated, 1, warm)
        one_wall, one_cpu = startup(one_file, 15, warm)
        isolated_wall, isolated_cpu = startup(isolated, 15, warm)
    print(f"one small file, cache warm: {one_wall * 1000:.0f} ms wall, {one_cpu * 1000:.0f} ms CPU; "
          f"--isolated {isolated_wall * 1000:.0f} / {isolated_cpu * 1000:.0f} ms")
    table = "\n".join(f"| {f} | {w:,} | {n:,} | {e:.2f} | {c:.2f} | {r:,.0f} | {low:,.0f}-{high:,.0f} | {m:.0f} |"
                      for f, w, n, e, c, r, low, high, m, *_ in rows)
    parallel_table = "\n".join(
        f"| {f} | {w:,} | {n:,} | {e:.2f} | {c:.2f} ({here:.2f} / {workers:.2f}) | {r:,.0f} | {low:,.0f}-{high:,.0f} "
        f"| {m:.0f} | {faults:,.0f} / {worker_faults:,.0f} |"
        for f, w, n, e, c, r, low, high, m, here, workers, faults, worker_faults in parallel)
    whole_table = "\n".join(f"| {count} | {'one (`taskset -c 0`)' if count == 1 else 'every'} | {wall:.2f} | {cpu:.2f} "
                            f"| {corpus_words / wall:,.0f} |" for count, wall, cpu in whole)
    load = os.getloadavg()
    write_section("Rules-only path (issue 2)", f"""Command: `.venv/bin/python benchmarks/rules_throughput.py --runs {runs} --jobs {jobs}` (part of `make bench`; replaces this section).
Machine: {cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}; the one-core table pinned to one
core with `taskset -c 0`; load average when the run ended {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}.

Corpus: generated Markdown articles of ~800 words (seeded; words from wordfreq's top 5,000 English words, brand names
and MT artifacts mixed in), checked with every built-in pack, the default tech glossary and a generated 1,000-term
glossary; grammar off, no result cache (so no baseline fingerprints are made: only the cache and baselines read them;
with the cache on they cost ~0.18 CPU-s more per 800 files). Time counts the checking loop (read, parse, check, score) after one warm-up file, in one
process; words/s is per CPU second (user + system), which a loaded machine disturbs far less than the wall clock;
each size runs {runs} times in a fresh process: the table shows the median wall and CPU seconds, the words/s of the
median and of the slowest and fastest run (this virtual machine's speed drifts by up to a third between runs
even when nothing else runs on it), and the largest peak resident set.

| files | words | findings | wall seconds | CPU seconds | words/s (per CPU second) | slowest-fastest run | peak RSS (MiB) |
|---:|---:|---:|---:|---:|---:|---:|---:|
{table}

Targets (issue 12): at least 250,000 words/s per core with every built-in pack and the 1,000-term glossary; memory
flat as the corpus grows (files are read, checked and dropped one at a time; only findings are kept for the
report). The smaller corpora show a lower rate because one-time work (the source-language word tables and other
lazily built data) weighs more on them; the largest run shows the steady rate.

Every core ({jobs} jobs, not pinned): the same corpus, rules and loop, run as `tqcheck check --jobs {jobs}` runs it
(`Runner(app, jobs={jobs})`): the warm-up file builds the engine in the measuring process, the loop forks the
workers once the files left are worth it (after its second file), so they inherit the built engine, and the
forking, sending files and receiving results are all inside the timed loop. Words/s here is per **wall** second of
the loop (what two cores buy), so it needs an idle machine: the load average above says how idle it was. CPU
seconds are those of every process (the measuring one and its workers, counted when they end), then in brackets
the measuring process's and its workers'; page faults are those of the loop (minor faults: mostly a private copy
of a page that a worker shares with the measuring process, made by whichever of them writes to it first, ~5 µs
each on this machine). Target (issue 12): at least 450,000 words/s on two cores.

| files | words | findings | wall seconds | CPU seconds, all processes (this one / workers) | words/s (per wall second) | slowest-fastest run | peak RSS of the measuring process (MiB) | page faults (this one / workers) |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
{parallel_table}

Whole processes on the 800-file corpus (`tqcheck check --isolated --no-grammar --no-cache --format json --glossary
GLOSSARY --jobs N`, report to /dev/null; start-up, engine load from the engine store and the report included;
alternating, one warm-up run each, medians of {runs}):

| --jobs | cores | wall seconds | CPU seconds (all processes) | words/s (per wall second) |
|---:|---|---:|---:|---:|
{whole_table}

Start-up (medians of 15 whole processes; wall clock, then CPU):

| command | wall ms | CPU ms | target |
|---|---:|---:|---:|
| `tqcheck --version` | {version_wall * 1000:.0f} | {version_cpu * 1000:.0f} | 50 |
| `tqcheck check --no-grammar samples/motorola-launch.md`, result cache warm (samples/tqcheck.toml applies) | {one_wall * 1000:.0f} | {one_cpu * 1000:.0f} | 150 |
| the same with `--isolated` (no configuration file) | {isolated_wall * 1000:.0f} | {isolated_cpu * 1000:.0f} | 150 |""", RESULTS)
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
