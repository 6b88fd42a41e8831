"""One revision against the working tree: the rules-only checking loop of rules_throughput.py, alternating, pinned.

Run: python benchmarks/ab_rules.py REV [--pairs N] [--files N]. Compares CPU seconds on the same generated corpus and
rules (every built-in pack, the default and a 1,000-term glossary) in the same minutes, which a host whose speed
drifts between runs needs: the ratio of the medians is the number to read. Prints; writes nothing to the docs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus, write_glossary  # noqa: E402
from rules_throughput import MEASURE, pinned  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def checkout(rev: str, folder: Path) -> Path:
    """`rev`'s sources exported into `folder` and compiled; the folder to put on PYTHONPATH."""
    archive = subprocess.run(["git", "archive", rev, "src"], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder / "src")], check=True)
    return folder / "src"


def cpu_seconds(source: Path, cache: Path, corpus: Path, glossary: Path) -> float:
    """CPU seconds of one checking loop with tqcheck imported from `source`."""
    env = {**os.environ, "PYTHONPATH": str(source), "TQCHECK_CACHE_DIR": str(cache)}
    command = [sys.executable, "-c", MEASURE, str(corpus), str(glossary), "1"]
    return float(subprocess.run(pinned(command), env=env, check=True, capture_output=True, text=True).stdout.split()[3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the revision to compare with the working tree (e.g. main, a commit)")
    parser.add_argument("--pairs", type=int, default=4, help="alternating runs of each")
    parser.add_argument("--files", type=int, default=800, help="articles in the corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tqcheck-ab-") as tmp:
        work = Path(tmp)
        write_glossary(work / "glossary.yaml", 1000)
        write_corpus(work / "corpus", args.files)
        (work / "old").mkdir()
        # Each side its own cache folder: the two revisions may keep different formats under the same names.
        sides = {args.rev: (checkout(args.rev, work / "old"), work / "cache-old"),
                 "working tree": (ROOT / "src", work / "cache-new")}
        times: dict[str, list[float]] = {name: [] for name in sides}
        for source, cache in sides.values():  # one unmeasured run each fills its cache folder
            cpu_seconds(source, cache, work / "corpus", work / "glossary.yaml")
        for _ in range(args.pairs):
            for name, (source, cache) in sides.items():
                seconds = cpu_seconds(source, cache, work / "corpus", work / "glossary.yaml")
                times[name].append(seconds)
                print(f"{name}: {seconds:.2f} CPU-s", flush=True)
    medians = {name: statistics.median(found) for name, found in times.items()}
    for name, median in medians.items():
        print(f"{name}: median {median:.2f} CPU-s over {args.pairs} runs")
    print(f"working tree / {args.rev}: {medians['working tree'] / medians[args.rev]:.3f}")


if __name__ == "__main__":
    main()
