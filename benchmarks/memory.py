"""Peak memory of a whole `tqcheck check` run (the process and its workers) as the corpus grows.

Run: python benchmarks/memory.py [--jobs N]   (rewrites its section of docs/benchmarks.md)
"""

from __future__ import annotations

import argparse
import os
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
SIZES = (50, 200, 800)


def tree_pss(pid: int) -> int:
    """Proportional resident memory in KiB of a process and all its descendants (Linux /proc): pages the forked
    workers share with the parent count once, split between them."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:  # the process ended meanwhile
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("Pss:")), 0)
        pending += [int(child) for child in children]
    return total


def peak(command: list[str], interval: float = 0.02) -> tuple[int, float]:
    """The highest sampled PSS (KiB) of the command's process tree, and its wall-clock seconds."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    highest = 0
    while process.poll() is None:
        highest = max(highest, tree_pss(process.pid))
        time.sleep(interval)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{command} exited {process.returncode}")
    return highest, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="jobs of the second run of each size (tqcheck --jobs: tqcheck and N - 1 workers)")
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "tqcheck")
    rows = []
    with tempfile.TemporaryDirectory(prefix="tqcheck-memory-") as tmp:
        glossary = Path(tmp) / "glossary.yaml"
        write_glossary(glossary, 1000)
        for files in SIZES:
            folder = Path(tmp) / f"corpus-{files}"
            words = write_corpus(folder, files)
            for jobs in (1, args.jobs):
                command = [exe, "check", "--isolated", "--no-grammar", "--no-cache", "--format", "json",
                           "--jobs", str(jobs), "--glossary", str(glossary), str(folder)]
                rss, wall = peak(command)
                rows.append(f"| {files} | {words:,} | {jobs} | {rss / 1024:.0f} |")
                print(rows[-1], f"({wall:.1f} s)", flush=True)
    load = os.getloadavg()
    write_section("Memory as the corpus grows (issue 12)", f"""Command: `.venv/bin/python benchmarks/memory.py --jobs {args.jobs}` (replaces this section).
Machine: {machine()}; load average when the run ended {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}.

Peak proportional resident memory (PSS: a page shared by the forked workers counts once) of the whole process
tree (tqcheck and its `--jobs` - 1 worker processes, sampled every 20 ms from /proc/PID/smaps_rollup)
of `tqcheck check --no-grammar --no-cache --format json` with every built-in pack, the default glossary and a
generated 1,000-term glossary, on generated Markdown articles of ~800 words (benchmarks/corpus.py).

| articles | words | --jobs | peak PSS of all processes (MiB) |
|---:|---:|---:|---:|
{chr(10).join(rows)}

Files stream through the run (a few batches per worker in flight, at most 256 results waiting behind one), and each
file's part of the report is written when its result arrives (made by the process that checked it): the run keeps
of it only what the summary and the exit code need (counts, the file's score and verdict, 8 bytes per finding for
the corpus score), never the findings or the documents. (Reports that need
the results whole keep them: --fix, --diff, --reference, --source, grammar on, and the SARIF, GitHub, JUnit,
Markdown and HTML formats.) Each worker shares the engine it inherits from the parent until it writes to it.""", RESULTS)
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
