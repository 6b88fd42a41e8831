"""False alarms of tqcheck's non-grammar rules on human English (../shared/data/clean-en), per 1,000 words and rule.

Run: python benchmarks/clean_en.py [--check-judged] [--no-docs] [--template FILE]
Drives tqcheck only through its CLI and JSON report (default configuration, `--isolated`, grammar off). Each file
is checked as it is: one segment per line and no blank lines, so a file is one paragraph and a quotation that
spans segments stays inside it (no edge effect of a grouping of ours). Human text has real errors: a finding is a
false alarm only when judged false in benchmarks/judgements/clean-en.jsonl.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docs_section import machine, write_section  # noqa: E402
from judged import (JUDGEMENTS, RULE_TABLE, SHARED, Run, Sorting, add_arguments, finish,  # noqa: E402
                    judgement_notes, load_judgements, rule_rows, run_tqcheck, sort_findings)

CORPUS = SHARED / "data" / "clean-en"
TARGET_TOTAL, TARGET_RULE = 0.3, 0.05


@dataclass
class Measurement:
    """The sorted findings of one run over the clean corpus."""

    run: Run
    sorting: Sorting

    def rate(self, count: int) -> float:
        """A count per 1,000 words."""
        return count * 1000 / self.run.words

    def worst_rule(self) -> tuple[str, int]:
        """The rule with the most findings judged false, and how many."""
        counts: dict[str, int] = {}
        for finding in self.sorting.false:
            counts[finding.code] = counts.get(finding.code, 0) + 1
        return max(counts.items(), key=lambda item: (item[1], item[0]), default=("-", 0))


def measure(folder: Path, judgements: Path) -> Measurement:
    """Check every `*.txt` of `folder` and sort the findings by the judgement file."""
    run = run_tqcheck(folder, folder.glob("*.txt"), grammar=False)
    return Measurement(run, sort_findings(run, load_judgements(judgements)))


def report(m: Measurement) -> str:
    """The Markdown section: false alarms per 1,000 words (all rules, worst rule) and the per-rule table."""
    s, words = m.sorting, m.run.words
    false, unjudged = len(s.false), len(s.unjudged)
    code, worst = m.worst_rule()
    verdict = "meets" if m.rate(false) <= TARGET_TOTAL and m.rate(worst) <= TARGET_RULE else "misses"
    if unjudged and verdict == "meets":
        verdict = f"cannot yet say whether it meets ({unjudged} unjudged)"
    upper = f" (up to {m.rate(false + unjudged):.2f} if the {unjudged} unjudged are false)" if unjudged else ""
    notes = judgement_notes(s)
    return f"""Command: `.venv/bin/python benchmarks/clean_en.py` ({m.run.tool}; {machine()}).

The human reference translations of `../shared/data/clean-en` (WMT23, five source languages; {len(m.run.texts)}
files, {words:,} words), each file checked as it is (one segment per line, so one paragraph per file), through
the CLI (`tqcheck check --isolated --format json`, default configuration, grammar off). Judgements:
`benchmarks/judgements/clean-en.jsonl`.

**{s.findings} findings ({m.rate(s.findings):.2f} per 1,000 words): {len(s.true)} judged true (real errors of the
human text), {false} judged false, {unjudged} unjudged.**

**False alarms: {m.rate(false):.2f} per 1,000 words{upper}; worst rule {code} with {worst}
({m.rate(worst):.3f} per 1,000).** Targets (issue 9): ≤ {TARGET_TOTAL} from all non-grammar rules together,
≤ {TARGET_RULE} for any one rule: {verdict} the targets.{(" " + notes + ".") if notes else ""}

{RULE_TABLE}
{chr(10).join(rule_rows(s, words))}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is not there: set TQCHECK_SHARED to the shared data folder")
    m = measure(CORPUS, JUDGEMENTS / "clean-en.jsonl")
    body = report(m)
    print(body)
    finish(m.run, m.sorting, args, lambda: write_section("Human English (false alarms)", body))


if __name__ == "__main__":
    main()
