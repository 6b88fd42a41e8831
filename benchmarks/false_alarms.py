"""False alarms of the non-grammar rules on clean human English, per 1,000 words and per rule.

Run: python benchmarks/false_alarms.py   (writes its section of docs/evaluation.md)
Clean text: the ref-B human translations in ../shared/data/wmt-mqm/dev.jsonl (read at run time, never
committed) and the clean articles in benchmarks/clean/ and samples/clean-article.md.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from evaluation import ROOT, human_talks, rules_runner, write_section  # noqa: E402

TARGET_TOTAL, TARGET_RULE = 0.5, 0.1


def documents() -> list[tuple[str, str]]:
    own = sorted((ROOT / "benchmarks" / "clean").glob("*.md")) + [ROOT / "samples" / "clean-article.md"]
    return human_talks() + [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in own]


def main() -> None:
    runner = rules_runner()
    words = 0
    per_rule: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for name, text in documents():
        result = runner.check_bytes(text.encode("utf-8"), name)
        words += result.words
        for finding in result.findings:
            per_rule[finding.code] += 1
            examples[finding.code].append(f"{name}:{finding.line}:{finding.column}")  # no text: the data stay out
    total = sum(per_rule.values())
    rate = total * 1000 / words
    rows = "\n".join(
        f"| {code} | {count} | {count * 1000 / words:.2f} | {'; '.join(examples[code][:3])} |"
        for code, count in per_rule.most_common()
    ) or "| (none) | 0 | 0.00 | |"
    worst = max((count * 1000 / words for count in per_rule.values()), default=0.0)
    verdict = "meets" if rate <= TARGET_TOTAL and worst <= TARGET_RULE else "misses"
    body = f"""Command: `.venv/bin/python benchmarks/false_alarms.py`

Default configuration (every pack, the built-in glossary, grammar off) over clean human English: the ref-B human
translations of `../shared/data/wmt-mqm/dev.jsonl` (4 TED talks) and the clean articles in `benchmarks/clean/` and
`samples/clean-article.md`. {words:,} words in all.

**{total} findings, {rate:.2f} per 1,000 words** (target: at most {TARGET_TOTAL} from all non-grammar rules
together, and at most {TARGET_RULE} for any one rule): {verdict} the target.

| rule | findings | per 1,000 words | where |
|---|---:|---:|---|
{rows}
"""
    write_section("False alarms on clean English (issue 3)", body)
    print(body)


if __name__ == "__main__":
    main()
