"""Grammar benchmark: raw LanguageTool HTTP vs `tqcheck check` on the same articles and server; result cache;
server start-up; words/s with grammar on; peak memory of tqcheck and of the JVM.

Run: python benchmarks/grammar_speed.py [ARTICLES]   (default 200; appends its section to docs/benchmarks.md)
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import WMT, write_corpus, write_wmt_articles  # noqa: E402
from evaluation import write_section  # noqa: E402
from rules_throughput import RESULTS, cpu_name  # noqa: E402

from tqcheck.grammar.install import install  # noqa: E402
from tqcheck.grammar.server import LanguageToolServer  # noqa: E402

SECTION = "## Grammar path (issue 4)"
# Runs tqcheck as its executable does (tqcheck.launcher) and writes its peak memory (KiB), its CPU seconds (user +
# system) and the requests it sent to LanguageTool (count, bytes) to the file named first.
WRAPPER = """
import atexit, pathlib, resource, sys
import tqcheck.grammar.client as client
stats_file, sent = pathlib.Path(sys.argv[1]), [0, 0]
post = client.ConcurrentLanguageTool._post
def counted(self, path, body):
    sent[0] += 1
    sent[1] += len(body)
    return post(self, path, body)
client.ConcurrentLanguageTool._post = counted
def write():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stats_file.write_text(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime} {sent[0]} {sent[1]}")
atexit.register(write)
sys.argv = ["tqcheck"] + sys.argv[2:]
from tqcheck.launcher import main
main()
"""


@dataclass
class Run:
    """One tqcheck run: wall seconds, peak memory (KiB), CPU seconds, requests and bytes sent, and its report."""

    seconds: float
    rss: int
    cpu: float
    requests: int
    sent: int
    report: dict


def raw_check(url: str, text: str) -> int:
    body = urllib.parse.urlencode({"language": "en-US", "text": text}).encode()
    with urllib.request.urlopen(urllib.parse.urljoin(url, "check"), data=body, timeout=300) as response:
        return len(json.loads(response.read())["matches"])


def raw_run(url: str, texts: list[str], threads: int) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda t: raw_check(url, t), texts))
    return time.perf_counter() - started


def tqcheck_run(folder: Path, url: str | None, cache_dir: Path, extra: list[str]) -> Run:
    cache_dir.mkdir(parents=True, exist_ok=True)
    stats_file = cache_dir / "stats.txt"
    command = [sys.executable, "-c", WRAPPER, str(stats_file), "check", "--isolated", "--format", "json",
               "--fail-on", "none", "--threshold", "0", *extra, str(folder)]
    if url:
        command[6:6] = ["--languagetool-url", url]
    environment = dict(os.environ, TQCHECK_CACHE_DIR=str(cache_dir))
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"tqcheck failed ({result.returncode}): {result.stderr[-2000:]}")
    rss, cpu, requests, sent = stats_file.read_text().split()
    return Run(elapsed, int(rss), float(cpu), int(requests), int(sent), json.loads(result.stdout))


def jvm_peak_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    installation = install()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        if WMT.is_file():
            words, corpus = write_wmt_articles(folder, count), "real MT output (WMT21 TED zh-en, all 15 systems)"
        else:
            words, corpus = write_corpus(folder, count, words_per_file=400, seed=23), "generated Markdown articles"
        texts = [p.read_text() for p in sorted(folder.iterdir())]
        raw_bytes = sum(len(urllib.parse.urlencode({"language": "en-US", "text": t}).encode()) for t in texts)
        # LanguageTool's own sentence cache off: every run does the full work, whatever ran before.
        server = LanguageToolServer(installation.jar, options={"cacheSize": 0})
        server.start()
        try:
            raw_run(server.url, texts, 2)  # JIT warm-up
            sequential = raw_run(server.url, texts, 1)
            # Best of two, alternating, so neither side gains from JIT warm-up or a passing load.
            parallel = float("inf")
            best: Run | None = None
            for _ in range(3):
                parallel = min(parallel, raw_run(server.url, texts, 2))
                run = tqcheck_run(folder, server.url, Path(tmp) / "c1", ["--no-cache"])
                best = run if best is None or run.seconds < best.seconds else best
            tq_time, tq_rss, report = best.seconds, best.rss, best.report
            first = tqcheck_run(folder, server.url, Path(tmp) / "c2", []).seconds
            cached = tqcheck_run(folder, server.url, Path(tmp) / "c2", [])
            second, second_rss = cached.seconds, cached.rss
            jvm_kb = jvm_peak_kb(server.process.pid)
            start_seconds = server.started_seconds
        finally:
            server.stop()
        embedded_run = tqcheck_run(folder, None, Path(tmp) / "c3", ["--no-cache"])
        embedded, embedded_rss = embedded_run.seconds, embedded_run.rss
    checked = sum(len(f["findings"]) for f in report["files"])
    rows = [
        ("raw LanguageTool HTTP, one request at a time", sequential, ""),
        ("raw LanguageTool HTTP, 2 requests in parallel", parallel, ""),
        ("`tqcheck check --languagetool-url` (same server, --no-cache)", tq_time,
         f"{tq_time / parallel:.2f}x raw parallel; {sequential / tq_time:.2f}x faster than sequential"),
        ("`tqcheck check` first run, cache on", first, ""),
        ("`tqcheck check` second run, files unchanged", second, f"{first / second:.1f}x faster than the first"),
        ("`tqcheck check` with its embedded server (start-up included)", embedded, ""),
    ]
    table = "\n".join(f"| {name} | {seconds:.2f} | {note} |" for name, seconds, note in rows)
    load = os.getloadavg()
    section = f"""Command: `.venv/bin/python benchmarks/grammar_speed.py {count}` (part of `make bench`; replaces this section).
Machine: {cpu_name()}, {os.cpu_count()} cores, Python
{platform.python_version()}, LanguageTool {installation.version} (Java 17, -Xmx1g, maxCheckThreads 2); load average when the run
ended {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (the times mean something only near 0: other work shares the two cores).

Corpus: {count} articles of {corpus} ({words:,} words; from `../shared`, read at run time, never committed). One LanguageTool server, its sentence cache off
(`cacheSize=0`) so that no run profits from an earlier one; one full warm-up pass first; raw parallel and
tqcheck runs alternate three times and the best of each counts.

| run | seconds | |
|---|---:|---|
{table}

- Server start-up (JVM start until `/v2/languages` answers): {start_seconds:.1f} s.
- Words per second with grammar on: {words / tq_time:,.0f} (tqcheck against the running server).
- Findings in the tqcheck run: {checked:,}.
- What tqcheck adds to LanguageTool's work (its fastest run against the running server): {best.cpu:.2f} CPU seconds
  of its own process (start-up, rules, reports; they share the two cores with LanguageTool) and {best.requests:,}
  requests for {count} files ({best.sent / 1e6:.2f} MB sent; a warm-up request first; the raw client sends each
  file's whole text, {raw_bytes / 1e6:.2f} MB).
- Peak memory: tqcheck {tq_rss / 1024:.0f} MiB (second, cached run {second_rss / 1024:.0f} MiB; embedded run
  {embedded_rss / 1024:.0f} MiB); LanguageTool JVM {jvm_kb / 1024:.0f} MiB.

Targets: tqcheck at most 1.15x the raw parallel time, at least 1.6x faster than sequential requests, a second
run over unchanged files at least 20x faster than the first. The ratio to raw parallel requests moves from run to
run on this 2-core machine (1.11x to 1.24x over a dozen runs during development): most of tqcheck's overhead is
its fixed start-up (~0.3 s of imports and configuration, which a raw client does not pay) and the rule checks,
which share the two cores with LanguageTool. The embedded-server run is slow because each run starts a cold JVM
(its first ~20 articles are several times slower); `tqcheck languagetool serve` keeps one warm.
"""
    write_section(SECTION.removeprefix("## "), section, RESULTS)
    print(section)


if __name__ == "__main__":
    main()
