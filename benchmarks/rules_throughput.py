"""Rules-only benchmark: words/s on one core, `tqcheck --version` start-up, peak memory vs corpus size.

Run: python benchmarks/rules_throughput.py   (writes docs/benchmarks.md)
"""

from __future__ import annotations

import os
import platform
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
folder, glossary = sys.argv[1], sys.argv[2]
config = load_config(None, {"glossaries": [glossary], "grammar": False, "cache": False})
runner = Runner(App(config))
files, _ = discover([folder], config.include, config.exclude)
runner.check_path(files[0])
started = time.perf_counter()
words = findings = 0
for result in runner.run(Source(path) for path in files):
    words += result.words
    findings += len(result.findings)
elapsed = time.perf_counter() - started
print(words, findings, elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def pinned(command: list[str]) -> list[str]:
    """Run on one core when taskset is available."""
    return ["taskset", "-c", "0", *command] if os.path.exists("/usr/bin/taskset") else command


def measure(folder: Path, glossary: Path) -> tuple[int, int, float, int]:
    out = subprocess.run(pinned([sys.executable, "-c", MEASURE, str(folder), str(glossary)]), check=True,
                         capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1]), float(out[2]), int(out[3])


def startup(runs: int = 15) -> float:
    exe = str(Path(sys.executable).parent / "tqcheck")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([exe, "--version"], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        glossary = Path(tmp) / "glossary.yaml"
        write_glossary(glossary, 1000)
        for files in (50, 200, 800):
            folder = Path(tmp) / f"corpus-{files}"
            write_corpus(folder, files)
            words, findings, elapsed, rss_kb = measure(folder, glossary)
            rows.append((files, words, findings, elapsed, words / elapsed, rss_kb / 1024))
            print(f"{files} files: {words} words in {elapsed:.2f}s = {words / elapsed:,.0f} words/s, "
                  f"peak RSS {rss_kb / 1024:.0f} MiB", flush=True)
    start = startup()
    print(f"tqcheck --version: {start * 1000:.0f} ms (median of 15)")
    table = "\n".join(f"| {f} | {w:,} | {n:,} | {e:.2f} | {r:,.0f} | {m:.0f} |" for f, w, n, e, r, m in rows)
    write_section("Rules-only path (issue 2)", f"""Command: `.venv/bin/python benchmarks/rules_throughput.py` (part of `make bench`; replaces this section).
Machine: {cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}, pinned to one core with
`taskset -c 0`.

Corpus: generated Markdown articles of ~800 words (seeded; words from wordfreq's top 5,000 English words, brand names
and MT artifacts mixed in), checked with the default packs, the default tech glossary and a generated 1,000-term
glossary; grammar off. Time counts the checking loop (read, parse, check, score) after one warm-up file;
peak memory is the process's maximum resident set size.

| files | words | findings | seconds | words/s (one core) | peak RSS (MiB) |
|---:|---:|---:|---:|---:|---:|
{table}

Targets: at least 200,000 words/s; memory flat as the corpus grows (files are read, checked and dropped one at a
time; only findings are kept for the report). The smaller corpora show a lower rate because one-time work (loading
the source-language word tables and other lazily built data, ~0.1 s) weighs more on them; the largest run shows
the steady rate. All packs of issue 3 are on (34 pattern and phrase rules, 10 analysers, the glossary check).
Repeated runs on this shared 2-core machine spread widely with the load of the host: during the last session the
same earlier commit measured 212,000 words/s at one time and 163,000-173,000 at another, when the current code
measured 183,000-190,000 (it is faster than that commit when both run in the same slot). The 200,000 target
is met when the host is quiet, not with a wide margin.

`tqcheck --version` start-up: **{start * 1000:.0f} ms** (median of 15 runs; target under 200 ms).""", RESULTS)
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
