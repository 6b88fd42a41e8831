"""How much slower the rule pass runs on each core when both cores run it at once (Linux; prints, writes nothing).

Run: python benchmarks/two_cores.py [--files N] [--rounds N] [--folder F [--glossary G]]

One process builds the engine and checks the files once, then forks (as `check --jobs 2` does) and each of the two
processes, pinned to its own core, checks the same files in three phases per round, kept in step by pipes: both at
once, this one alone, the other alone. The CPU seconds of a pass alone against both at once is what running side by
side costs each core (shared caches and memory bandwidth, or two virtual cores on one physical core): the part of
`check --jobs 2`'s extra CPU that no change to tqcheck's scheduling can remove. Needs an idle machine: another
program on the other core turns "alone" into "side by side" too.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus, write_glossary  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="files each pass checks")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--folder", help="files to check (default: generated articles and a 1,000-term glossary)")
    parser.add_argument("--glossary", action="append", default=[], help="a glossary for --folder (repeatable)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tqcheck-two-cores-") as tmp:
        glossaries = options.glossary
        folder = options.folder
        if folder is None:
            glossaries = [str(Path(tmp) / "glossary.yaml")]
            write_glossary(Path(glossaries[0]), 1000)
            folder = str(Path(tmp) / "corpus")
            write_corpus(Path(folder), options.files)
        measured = passes(folder, glossaries, options.files, options.rounds)
    for who in ("this process", "the other"):
        both, alone = (statistics.median(measured[who, phase]) for phase in ("both", "alone"))
        print(f"{who}: median CPU seconds of a pass alone {alone:.3f}, both at once {both:.3f} "
              f"({both / alone - 1:+.1%})")
    print(f"load average when the run ended {os.getloadavg()[0]:.1f}")


def passes(folder: str, glossaries: list[str], files: int, rounds: int) -> dict[tuple[str, str], list[float]]:
    """CPU seconds of each pass, by process and phase ("both" or "alone")."""
    from tqcheck.app import App
    from tqcheck.config import load_config
    from tqcheck.files import discover
    from tqcheck.pipeline import Source
    from tqcheck.runner import Runner

    config = load_config(None, {"glossaries": glossaries, "grammar": False, "cache": False})
    runner = Runner(App(config), jobs=1)
    paths = discover([folder], config.include, config.exclude)[0][:files]

    def check() -> float:
        started = time.process_time()
        for _ in runner.run(Source(path) for path in paths):
            pass
        return time.process_time() - started

    check()  # builds the engine and what the checks build on first use
    gc.freeze()
    to_parent, to_child = os.pipe(), os.pipe()
    child = os.fork()
    os.sched_setaffinity(0, {1 if child == 0 else 0})

    def step() -> None:
        """Wait until the other process is here too."""
        if child == 0:
            os.write(to_parent[1], b".")
            os.read(to_child[0], 1)
        else:
            os.read(to_parent[0], 1)
            os.write(to_child[1], b".")

    check()  # each process's first pass after the fork copies the pages it writes to
    step()
    mine: dict[str, list[float]] = {"both": [], "alone": []}
    for _ in range(rounds):
        for phase, runs_here in (("both", True), ("parent", child != 0), ("child", child == 0)):
            step()
            if runs_here:
                mine["both" if phase == "both" else "alone"].append(check())
            step()
    if child == 0:
        os.write(to_parent[1], json.dumps(mine).encode() + b"\n")
        os._exit(0)
    answer = b""
    while not answer.endswith(b"\n"):
        answer += os.read(to_parent[0], 65536)
    os.waitpid(child, 0)
    other = json.loads(answer)
    return {(who, phase): times[phase] for who, times in (("this process", mine), ("the other", other))
            for phase in ("both", "alone")}


if __name__ == "__main__":
    main()
