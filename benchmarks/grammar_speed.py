"""Grammar benchmark: raw LanguageTool HTTP vs `tqcheck check` on the same articles and server; result cache;
server start-up; words/s with grammar on; peak memory of tqcheck and of the JVM; the server's CPU seconds and how
long its check threads wait for work in each run.

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
from statistics import median

sys.path.insert(0, str(Path(__file__).parent))

from corpus import WMT, write_corpus, write_wmt_articles  # noqa: E402
from evaluation import write_section  # noqa: E402
from rules_throughput import RESULTS, cpu_name  # noqa: E402

from tqcheck.grammar.install import install  # noqa: E402
from tqcheck.grammar.server import DEFAULT_OPTIONS, LanguageToolServer  # noqa: E402
from tqcheck.grammar.service import GrammarService  # noqa: E402

SECTION = "## Grammar path (issue 4)"
# Runs tqcheck as its executable does (tqcheck.launcher) and writes its peak memory (KiB), its CPU seconds (user +
# system) and the requests it sent to LanguageTool (monotonic start and end, bytes) to the file named first.
WRAPPER = """
import atexit, json, pathlib, resource, sys, time
import tqcheck.grammar.client as client
stats_file, sent = pathlib.Path(sys.argv[1]), []
request = client.Client._request
def counted(self, method, name, body=None):
    started = time.monotonic()
    try:
        return request(self, method, name, body)
    finally:
        if method == "POST":
            sent.append((started, time.monotonic(), len(body)))
client.Client._request = counted
def write():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stats_file.write_text(json.dumps([usage.ru_maxrss, usage.ru_utime + usage.ru_stime, sent]))
atexit.register(write)
sys.argv = ["tqcheck"] + sys.argv[2:]
from tqcheck.launcher import main
main()
"""


@dataclass
class Run:
    """One run: wall seconds, the server's CPU seconds, its requests (monotonic start, end, bytes) and, for tqcheck,
    its peak memory (KiB), CPU seconds and report."""

    seconds: float
    server_cpu: float
    requests: list
    started: float
    rss: int = 0
    cpu: float = 0.0
    report: dict | None = None

    def idle(self, threads: int) -> float:
        """Seconds of the run with fewer requests in flight than the server has check threads."""
        edges = sorted([(start, 1) for start, _, _ in self.requests] + [(end, -1) for _, end, _ in self.requests])
        total, flying, since = 0.0, 0, self.started
        for at, step in edges:
            if flying < threads:
                total += at - since
            flying, since = flying + step, at
        return total + (self.started + self.seconds - since)

    @property
    def sent(self) -> int:
        """Bytes sent in request bodies."""
        return sum(size for _, _, size in self.requests)


class Server:
    """The benchmark's LanguageTool server and the CPU seconds its JVM has used."""

    def __init__(self, server: LanguageToolServer):
        self.server = server

    def cpu(self) -> float:
        fields = Path(f"/proc/{self.server.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def request_fields(url: str) -> dict[str, str]:
    """The parameters besides the text that tqcheck sends with each file (its default profile's rule lists)."""
    service = GrammarService("en-US", url=url)
    service.start()
    return dict(service._clients[0].fields)


def raw_check(url: str, text: str, fields: dict[str, str], log: list) -> None:
    body = urllib.parse.urlencode({**fields, "text": text}).encode()
    started = time.monotonic()
    with urllib.request.urlopen(urllib.parse.urljoin(url, "check"), data=body, timeout=300) as response:
        json.loads(response.read())
    log.append((started, time.monotonic(), len(body)))


def raw_run(server: Server, texts: list[str], threads: int, fields: dict[str, str]) -> Run:
    log: list = []
    cpu, started = server.cpu(), time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda t: raw_check(server.server.url, t, fields, log), texts))
    return Run(time.monotonic() - started, server.cpu() - cpu, log, started)


def tqcheck_run(folder: Path, server: Server | None, cache_dir: Path, extra: list[str]) -> Run:
    cache_dir.mkdir(parents=True, exist_ok=True)
    stats_file = cache_dir / "stats.json"
    command = [sys.executable, "-c", WRAPPER, str(stats_file), "check", "--isolated", "--format", "json",
               "--fail-on", "none", "--threshold", "0", *extra, str(folder)]
    if server:
        command[6:6] = ["--languagetool-url", server.server.url]
    environment = dict(os.environ, TQCHECK_CACHE_DIR=str(cache_dir))
    cpu = server.cpu() if server else 0.0
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"tqcheck failed ({result.returncode}): {result.stderr[-2000:]}")
    rss, own, log = json.loads(stats_file.read_text())
    return Run(elapsed, (server.cpu() - cpu) if server else 0.0, log, started, rss, own, json.loads(result.stdout))


def jvm_peak_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))


def work_row(name: str, run: Run, threads: int) -> str:
    """One alternating run as a table row (tqcheck's own CPU only for tqcheck's runs)."""
    own = f"{run.cpu:.2f}" if run.report is not None else ""
    first = min(start for start, _, _ in run.requests) - run.started
    return (f"| {name} | {run.seconds:.2f} | {run.server_cpu:.2f} | {own} | {len(run.requests)} | {first:.2f} | "
            f"{run.idle(threads):.2f} |")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rounds = 3
    threads = DEFAULT_OPTIONS["maxCheckThreads"]
    installation = install()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        if WMT.is_file():
            words, corpus = write_wmt_articles(folder, count), "real MT output (WMT21 TED zh-en, all 15 systems)"
        else:
            words, corpus = write_corpus(folder, count, words_per_file=400, seed=23), "generated Markdown articles"
        texts = [p.read_text() for p in sorted(folder.iterdir())]
        # LanguageTool's own sentence cache off: every run does the full work, whatever ran before.
        launched = LanguageToolServer(installation.jar, options={"cacheSize": 0})
        launched.start()
        server = Server(launched)
        try:
            # The raw client asks for what tqcheck asks for: the same language and rule lists (its default
            # profile switches rules and categories off), so both make the server do the same work.
            fields = request_fields(launched.url)
            raw_run(server, texts, 2, fields)  # JIT warm-up
            sequential = raw_run(server, texts, 1, fields)
            all_rules = raw_run(server, texts, 2, {"language": fields["language"]})
            # Alternating, so neither side gains from JIT warm-up or a passing load.
            raws, tqs = [], []
            for name in ("c1", "c2", "c3"):
                # A run without grammar fills the folder's compiled tables (Hyperscan databases, word lists) that
                # every later run reuses, as a user's warm cache folder does; the result cache stays empty.
                tqcheck_run(folder, None, Path(tmp) / name, ["--no-cache", "--no-grammar"])
            for _ in range(rounds):
                raws.append(raw_run(server, texts, 2, fields))
                tqs.append(tqcheck_run(folder, server, Path(tmp) / "c1", ["--no-cache"]))
            first = tqcheck_run(folder, server, Path(tmp) / "c2", []).seconds
            cached = tqcheck_run(folder, server, Path(tmp) / "c2", [])
            second, second_rss = cached.seconds, cached.rss
            jvm_kb = jvm_peak_kb(launched.process.pid)
            start_seconds = launched.started_seconds
        finally:
            launched.stop()
        embedded_run = tqcheck_run(folder, None, Path(tmp) / "c3", ["--no-cache"])
        embedded, embedded_rss = embedded_run.seconds, embedded_run.rss
    best = min(tqs, key=lambda run: run.seconds)
    raw_best, raw_median = min(r.seconds for r in raws), median(r.seconds for r in raws)
    tq_best, tq_median = best.seconds, median(r.seconds for r in tqs)
    checked = sum(len(f["findings"]) for f in best.report["files"])
    rows = [
        ("raw LanguageTool HTTP, one request at a time", sequential.seconds, ""),
        ("raw LanguageTool HTTP, 2 requests in parallel (best; median)", raw_best, f"median {raw_median:.2f}"),
        ("`tqcheck check --languagetool-url` (same server, --no-cache; best; median)", tq_best,
         f"median {tq_median:.2f}; **{tq_best / raw_best:.2f}x raw parallel** (medians {tq_median / raw_median:.2f}x); "
         f"{sequential.seconds / tq_best:.2f}x faster than sequential"),
        ("raw parallel with every rule LanguageTool has on by default (not what tqcheck asks for)",
         all_rules.seconds, f"server {all_rules.server_cpu:.1f} CPU-s"),
        ("`tqcheck check` first run, cache on", first, ""),
        ("`tqcheck check` second run, files unchanged", second, f"{first / second:.1f}x faster than the first"),
        ("`tqcheck check` with its embedded server (start-up included)", embedded, ""),
    ]
    table = "\n".join(f"| {name} | {seconds:.2f} | {note} |" for name, seconds, note in rows)
    work = "\n".join(work_row(f"{name} {n}", run, threads)
                      for n in range(rounds) for name, run in (("raw parallel", raws[n]), ("tqcheck", tqs[n])))
    load = os.getloadavg()
    section = f"""Command: `.venv/bin/python benchmarks/grammar_speed.py {count}` (part of `make bench`; replaces this section).
Machine: {cpu_name()}, {os.cpu_count()} cores, Python
{platform.python_version()}, LanguageTool {installation.version} (Java 17, -Xmx1g, maxCheckThreads {threads}); load average when the run
ended {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (the times mean something only near 0: other work shares the two cores).

Corpus: {count} articles of {corpus} ({words:,} words; from `../shared`, read at run time, never committed). One LanguageTool server, its sentence cache off
(`cacheSize=0`) so that no run profits from an earlier one; one full warm-up pass first; raw parallel and
tqcheck runs alternate {rounds} times, after one run without grammar has filled tqcheck's cache folder (compiled
pattern databases and word tables; not the result cache, which these runs switch off). The raw client (Python threads, one `urllib` request per file, its texts read
before the clock starts) sends each file's text with the parameters tqcheck sends: the language and its default
profile's (mt-review) lists of rules and categories switched off, so that the server does the same work for both.

| run | seconds | |
|---|---:|---|
{table}

Each alternating run: wall seconds, the server's CPU seconds (its JVM, user + system), tqcheck's own CPU seconds,
requests, seconds until the first request, and seconds in which fewer than {threads} requests were in flight (a
server check thread without work):

| run | seconds | server CPU-s | tqcheck CPU-s | requests | first request | threads idle |
|---|---:|---:|---:|---:|---:|---:|
{work}

- Server start-up (JVM start until `/v2/languages` answers): {start_seconds:.1f} s.
- Words per second with grammar on: {words / tq_best:,.0f} (tqcheck against the running server).
- Findings in the tqcheck run: {checked:,}.
- Request bodies: tqcheck {best.sent / 1e6:.2f} MB in {len(best.requests)} requests (one per file and a warm-up),
  the raw client {raws[0].sent / 1e6:.2f} MB; both carry the same rule lists (~0.65 kB a request).
- Peak memory: tqcheck {best.rss / 1024:.0f} MiB (second, cached run {second_rss / 1024:.0f} MiB; embedded run
  {embedded_rss / 1024:.0f} MiB); LanguageTool JVM {jvm_kb / 1024:.0f} MiB.

Targets: tqcheck at most 1.10x the raw parallel time (issue 12), at least 1.6x faster than sequential requests, a
second run over unchanged files at least 20x faster than the first. On two cores LanguageTool's two check threads
and tqcheck's own work (start-up, the rule pass, reports) share the CPU: with the server never idle, tqcheck's
time is about (server CPU + tqcheck CPU) / 2 plus the wait for its first request, against server CPU / 2 for the
raw client. The embedded-server run is slow because each run starts a cold JVM (its first ~20 articles are several
times slower); `tqcheck languagetool serve` keeps one warm.
"""
    write_section(SECTION.removeprefix("## "), section, RESULTS)
    print(section)


if __name__ == "__main__":
    main()
