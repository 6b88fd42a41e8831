"""Where the rules-only path spends its CPU time, kind by kind, on the corpus of `rules_throughput.py`.

Run: python benchmarks/kind_times.py [--files 800] [--kind NAME ...]   (prints a table; writes nothing)

Every built-in pack, the default tech glossary and a generated 1,000-term glossary, grammar off, in one process pinned
to one core when taskset is there. After one warm-up file, each document is read and parsed (`read`), its shared
forms are made (`shared: ...`, the cached Prose properties most kinds use, timed on their own so no kind pays for
them), the run's shared scans run (`shared: scans`, the phrase automaton, the pattern literals and Hyperscan), then
every check runs on it and its hits become findings (`findings`). CPU seconds (user + system) are summed per kind
over the corpus; a kind's one-time work (a word table loaded on first need) lands on the kind that needs it first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus, write_glossary  # noqa: E402

MEASURE = """
import sys, time
from collections import Counter
from pathlib import Path
from tqcheck.app import App
from tqcheck.config import load_config
from tqcheck.documents.formats import format_for
from tqcheck.documents.loader import load
from tqcheck.files import discover

folder, glossary, wanted = sys.argv[1], sys.argv[2], set(sys.argv[3:])
config = load_config(None, {"glossaries": [glossary], "grammar": False, "cache": False})
app = App(config)
files, _ = discover([folder], config.include, config.exclude)
checker = app.checker
context = next(c.context for c in checker.checks if getattr(getattr(c, "context", None), "phrases", None) is not None)
clock = time.process_time
document = load(Path(files[0]).read_bytes(), files[0], format_for(files[0]))
checker.findings(document, checker.hits(document))
times, counts, words = Counter(), Counter(type(c).__name__ for c in checker.checks), 0
for path in files:
    started = clock()
    document = load(Path(path).read_bytes(), path, format_for(path))
    prose = document.prose
    times["read"] += clock() - started
    for name in ("folded", "spaced", "runs", "tokens", "word_folds"):
        started = clock()
        getattr(prose, name, None)
        times["shared: " + name] += clock() - started
    started = clock()
    context.phrases.matches(-1, prose.text, prose.folded, prose.spaced)
    context.literals.found(prose.text, prose.folded)
    if context.patterns is not None:
        context.patterns.found(prose.text)
    times["shared: scans"] += clock() - started
    hits = []
    for check in checker.running(prose):  # the checks the run asks: a pattern rule its scan skips costs nothing
        started = clock()
        hits += list(check.find(prose))
        times[type(check).__name__] += clock() - started
    started = clock()
    checker.findings(document, hits)
    words += prose.word_count()
    times["findings"] += clock() - started
for name, seconds in times.most_common():
    if not wanted or name in wanted:
        print(f"{name}\\t{counts.get(name, '')}\\t{seconds:.3f}")
print(f"total\\t\\t{sum(times.values()):.3f}\\t{words}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=800)
    parser.add_argument("--kind", action="append", default=[], help="only these rows (check class names)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        glossary, folder = Path(tmp) / "glossary.yaml", Path(tmp) / "corpus"
        write_glossary(glossary, 1000)
        write_corpus(folder, args.files)
        command = [sys.executable, "-c", MEASURE, str(folder), str(glossary), *args.kind]
        if os.path.exists("/usr/bin/taskset"):
            command = ["taskset", "-c", "0", *command]
        rows = [line.split("\t") for line in subprocess.run(command, check=True, capture_output=True,
                                                              text=True).stdout.splitlines()]
    print(f"{'what':32} {'rules':>5} {'CPU s':>7}")
    for name, rules, seconds, *rest in rows:
        print(f"{name:32} {rules:>5} {seconds:>7}" + (f"   ({rest[0]} words)" if rest else ""))


if __name__ == "__main__":
    main()
