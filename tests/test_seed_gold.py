"""The seed article: every required gold artifact is found, with the right category and fix; few extras."""

from __future__ import annotations

import json

# Gold category -> the finding categories that count as the same family.
FAMILIES = {
    "casing": ("fluency/casing",),
    "term-casing": ("terminology/casing",),
    "term-misspelling": ("terminology/misspelled-term",),
    "term-variant": ("terminology/",),
    "mistranslated-term": ("terminology/wrong-term",),
    "locale-convention": ("locale-convention/",),
    "calque": ("style/calque",),
    "untranslated": ("accuracy/untranslated",),
    "boilerplate": ("design/boilerplate",),
    "grammar": ("fluency/grammar",),
}


def _overlaps(finding: dict, gold: dict) -> bool:
    return finding["start"] < gold["end"] and gold["start"] < finding["end"]


def test_seed_gold(cli, seed_dir) -> None:
    result = cli("check", "--no-grammar", "--isolated", "--format", "json", str(seed_dir / "article-en.txt"))
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["files"][0]["findings"]
    gold = [json.loads(line) for line in (seed_dir / "gold.jsonl").read_text().splitlines() if line.strip()]
    missing = []
    for record in gold:
        if not record["required"]:
            continue
        matches = [
            f for f in findings
            if _overlaps(f, record) and f["category"].startswith(FAMILIES[record["category"]])
            and (record["fix"] is None or record["fix"] in f["suggestions"])
        ]
        if not matches:
            missing.append(record["text"])
    assert missing == []
    extras = [f for f in findings if not any(_overlaps(f, g) for g in gold)]
    assert len(extras) <= 2, extras


def test_seed_positions_match_gold_exactly(cli, seed_dir) -> None:
    """Every required gold span (all 11) has a finding with exactly that span, line, column and text."""
    result = cli("check", "--no-grammar", "--isolated", "--format", "json", str(seed_dir / "article-en.txt"))
    findings = json.loads(result.stdout)["files"][0]["findings"]
    text = (seed_dir / "article-en.txt").read_text(encoding="utf-8")
    by_span = {(f["start"], f["end"]): f for f in findings}
    required = [json.loads(line) for line in (seed_dir / "gold.jsonl").read_text().splitlines() if line.strip()]
    required = [record for record in required if record["required"]]
    assert len(required) == 11
    unmatched = [record["text"] for record in required if (record["start"], record["end"]) not in by_span]
    assert unmatched == []
    for record in required:
        finding = by_span[(record["start"], record["end"])]
        assert (finding["line"], finding["column"]) == (record["line"], record["column"])
        assert finding["text"] == text[record["start"]:record["end"]] == record["text"]
