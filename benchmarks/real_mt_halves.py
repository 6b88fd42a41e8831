"""Recall per gold group on each half of the real-MT corpus, to show whether a rule generalises beyond its design set.

Run: python benchmarks/real_mt_halves.py [--grammar]
The halves split the articles by the parity of their index among the sorted file names: A holds indices 0, 2, 4...
(01-, 05-, 07-...), B holds 1, 3, 5... (04-, 06-, 09-...). Rules designed while reading one half's gold should be
judged by what they find on the other.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from judged import share  # noqa: E402
from real_mt import CORPUS, GROUPS, judgement_files, load_gold, measure, overlaps  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grammar", action="store_true", help="turn the LanguageTool grammar pass on")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is not there: set TQCHECK_SHARED to the shared data folder")
    m = measure(CORPUS, judgement_files(args.grammar), args.grammar)
    half = {name: "AB"[index % 2] for index, name in enumerate(sorted(m.run.texts))}
    gold = load_gold(CORPUS / "gold.jsonl", m.run.texts)
    print("| gold categories | half A | half B | both |\n|---|---:|---:|---:|")
    for name, categories in GROUPS.items():
        cells = []
        for wanted in ("A", "B", None):
            chosen = [g for g in gold if (categories is None or g.category in categories)
                      and (wanted is None or half[g.file] == wanted)]
            found = sum(any(overlaps(f, g) for f in m.run.findings) for g in chosen)
            cells.append(share(found, len(chosen)))
        print(f"| {name} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
