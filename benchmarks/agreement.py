"""Agreement of tqcheck with professional MQM judgements on the shared WMT zh-en file.

Run: .venv/bin/python benchmarks/agreement.py   (a few minutes on 2 cores; writes its section of
docs/evaluation.md and benchmarks/results/grammar-rule-overlap.json; with TQCHECK_AGREEMENT_REPORTS=DIR the three
tqcheck reports are kept in DIR and reused by the next run)

tqcheck is driven through its command line and JSON report only: every target segment goes into a text file (one
file per system per talk, one segment per paragraph), checked once with grammar on and once with --no-grammar.
Measured: segment-level Kendall tau against -mqm_score beside sentence chrF, sentBLEU, length and a random scorer;
span precision of findings against the human error spans beside a chance baseline; span recall per MQM category;
penalty per 1,000 words per system. The data is read at run time and never committed; the outputs hold numbers,
rule codes and LanguageTool rule ids only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean, stdev

from sacrebleu.metrics import BLEU, CHRF
from scipy.stats import kendalltau

sys.path.insert(0, str(Path(__file__).parent))

from corpus import WMT  # noqa: E402
from tqcheck.documents.loader import parse  # noqa: E402
from tqcheck.scoring import ScoreModel, digest  # noqa: E402
from tqcheck.source import TOLERANCE, WEIGHT, compare  # noqa: E402
from tqcheck.source_pairing import detect_language  # noqa: E402
from evaluation import ROOT, write_section  # noqa: E402

WEIGHTS = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
RESULTS = ROOT / "benchmarks" / "results" / "grammar-rule-overlap.json"
PROFILE = ROOT / "src" / "tqcheck" / "data" / "grammar" / "mt-review.json"
RULE_ID = re.compile(r"\(([A-Z0-9_]+(?:\[\d+\])?)\)$")
SEED = 20261127
MIN_FINDINGS = 5  # a rule seen fewer times on half A is not judged
# A folder that keeps each run's JSON report and reuses it when present (grammar runs take many minutes).
REPORTS = os.environ.get("TQCHECK_AGREEMENT_REPORTS")
# Run -> code -> findings a report holds more than once (identical code, span and message).
REPEATS: dict[str, Counter] = defaultdict(Counter)
COMBINATION_WEIGHTS = [0.0, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0]
SOURCE_SCORER = "tqcheck --source, grammar on, mt-review profile (reference-free)"
QUALITY_SCORER = "tqcheck --source quality of each segment: penalty per word (reference-free)"


@dataclass(frozen=True)
class Finding:
    """One tqcheck finding, with offsets relative to its segment."""

    code: str
    origin: str
    severity: str
    start: int
    end: int
    rule_id: str | None
    capitalised: bool


@dataclass
class Item:
    """One (system, segment) record with its human judgement and tqcheck's findings."""

    system: str
    is_human: bool
    doc: str
    doc_seg_id: int
    seg_id: int
    target: str
    reference: str
    source: str
    mqm: float
    spans: list[tuple[int, int, str]]
    half: str = ""
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    evidence: float = 0.0  # graded omission evidence tqcheck adds with --source

    @property
    def words(self) -> int:
        """Whitespace-separated words of the target."""
        return len(self.target.split())

    @property
    def evaluation_words(self) -> int:
        """The words tqcheck's score counts in the target (as a text file of its own)."""
        return parse(self.target, "segment.txt").prose.word_count()


def load() -> list[Item]:
    """Every record; talks sorted by id, the first half of them is half A, the rest half B."""
    items = []
    with WMT.open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            spans = [(e["start"], e["end"], e["category"]) for e in r["errors"]
                     if e["side"] == "target" and e["start"] is not None]
            items.append(Item(r["system"], r["is_human"], r["doc"], r["doc_seg_id"], r["seg_id"], r["target"],
                              r["reference"], r["source"], r["mqm_score"], spans))
    talks = sorted({i.doc for i in items}, key=lambda d: int(d.rsplit(".", 1)[1]))
    half_a = set(talks[: len(talks) // 2])
    for item in items:
        item.half = "A" if item.doc in half_a else "B"
    return items


def write_files(items: list[Item], folder: Path) -> dict[str, list[tuple[int, Item]]]:
    """One text file per system per talk, one segment per paragraph, and its source file (same name, in
    `sources` beside the folder); returns file -> (offset, item)."""
    grouped: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        grouped[f"{item.system}/{item.doc}.txt"].append(item)
    layout: dict[str, list[tuple[int, Item]]] = {}
    for name, members in grouped.items():
        members.sort(key=lambda i: i.doc_seg_id)
        offset, placed = 0, []
        for item in members:
            placed.append((offset, item))
            offset += len(item.target) + 2
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("\n\n".join(i.target for i in members) + "\n", encoding="utf-8")
        (folder.parent / "sources" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder.parent / "sources" / name).write_text("\n\n".join(i.source for i in members) + "\n", encoding="utf-8")
        layout[name] = placed
    return layout


def run_tqcheck(folder: Path, *options: str, cache: Path | None = None) -> tuple[dict, float]:
    """`tqcheck check --isolated --format json --fail-on none` over the folder; the report and the seconds.

    With `cache` (or the TQCHECK_AGREEMENT_REPORTS folder), a report saved there by an earlier run with the same
    options is read instead (0 seconds)."""
    cache = cache or (Path(REPORTS) if REPORTS else None)
    profile = "" if {"--no-grammar", "--grammar-profile"} & set(options) else digest([PROFILE.read_text("utf-8")])
    name = f"report{'-'.join(options).replace('/', '_')}{profile}.json"
    if cache is not None and (cache / name).is_file():
        return json.loads((cache / name).read_text(encoding="utf-8")), 0.0
    report = (cache or folder.parent) / name
    command = [sys.executable, "-m", "tqcheck", "check", "--isolated", "--format", "json", "--fail-on", "none",
               "--no-cache", "-o", str(report), ".", *options]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"tqcheck failed (exit {done.returncode}): {done.stderr}")
    return json.loads(report.read_text(encoding="utf-8")), seconds


def attach(report: dict, layout: dict[str, list[tuple[int, Item]]], run: str) -> None:
    """Give every item the findings of one run that start inside its segment."""
    for placed in layout.values():
        for _, item in placed:
            item.findings[run] = []
    for entry in report["files"]:
        placed = layout[Path(entry["path"]).as_posix().removeprefix("./")]
        # A finding the report holds twice (same code, span and message) counts as tqcheck's score counts it, twice;
        # how many there are is reported.
        keys = Counter((f["code"], f["start"], f["end"], f["message"]) for f in entry["findings"])
        REPEATS[run].update({key[0]: count - 1 for key, count in keys.items() if count > 1})
        for f in entry["findings"]:
            offset, item = max((p for p in placed if p[0] <= f["start"]), key=lambda p: p[0])
            match = RULE_ID.search(f["message"]) if f["origin"] == "grammar" else None
            item.findings[run].append(Finding(
                f["code"], f["origin"], f["severity"], f["start"] - offset, min(f["end"] - offset, len(item.target)),
                match.group(1) if match else None, f["text"][:1].isupper()))


def penalty(findings: list[Finding]) -> float:
    """Sum of severity weights."""
    return sum(WEIGHTS[f.severity] for f in findings)


def add_evidence(items: list[Item]) -> None:
    """Each segment's graded omission evidence, as `check --source` computes it for line-paired files (the source
    language detected on the whole source file, as tqcheck does)."""
    files: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in items:
        files[(item.system, item.doc)].append(item)
    for members in files.values():
        language = detect_language("\n\n".join(i.source for i in members))
        for item in members:
            item.evidence = compare(item.source, item.target, language, "en").evidence


def source_penalty(item: Item) -> float:
    """The segment's penalty with --source: grammar-on findings, source findings and omission evidence."""
    return penalty(item.findings["grammar"]) + penalty(item.findings["source"]) + item.evidence


def source_quality(item: Item) -> float:
    """The segment's --source quality as tqcheck's default score model computes it (it ranks by the penalty per
    word, unrounded here so that near ties stay apart)."""
    model = ScoreModel()
    return model.quality(model.normed(source_penalty(item), item.evaluation_words))


def overlaps(start: int, end: int, spans) -> bool:
    """Whether [start, end) overlaps one of the spans (a zero-length finding counts as one character)."""
    end = max(end, start + 1)
    return any(s < end and start < e for s, e, _ in spans)


def chance(length: int, size: int, spans) -> float:
    """Probability that a span of `length` dropped uniformly at random in a text of `size` overlaps a span.

    The exact expectation over every placement, i.e. the limit of averaging many random draws."""
    length = max(1, min(length, size))
    placements = range(size - length + 1)
    return sum(overlaps(p, p + length, spans) for p in placements) / len(placements)


def _groups(items: list[Item]) -> list[list[int]]:
    """Item indices per source segment."""
    groups: dict[int, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        groups[item.seg_id].append(index)
    return list(groups.values())


def segment_taus(items: list[Item], scores: list[float]) -> list[float]:
    """Kendall tau-b with -mqm_score within each source segment (undefined = 0)."""
    per_group = []
    for members in _groups(items):
        value = kendalltau([scores[k] for k in members], [-items[k].mqm for k in members]).statistic
        per_group.append(0.0 if value != value else value)
    return per_group


def standard_error(items: list[Item], scores: list[float]) -> float:
    """The standard error of the tau averaged per source segment."""
    per_group = segment_taus(items, scores)
    return stdev(per_group) / len(per_group) ** 0.5


def taus(items: list[Item], scores: list[float]) -> tuple[float, float, int, int]:
    """Kendall tau-b with -mqm_score over all items; averaged per source segment (undefined = 0), count."""
    overall = kendalltau(scores, [-i.mqm for i in items]).statistic
    groups = _groups(items)
    undefined = sum(1 for members in groups
                    if len({scores[k] for k in members}) < 2 or len({items[k].mqm for k in members}) < 2)
    return overall, mean(segment_taus(items, scores)), undefined, len(groups)


@dataclass
class Tally:
    """Findings, hits on human spans and the summed chance of a hit."""

    findings: int = 0
    hits: int = 0
    chance: float = 0.0
    length: int = 0  # summed span lengths: a long span makes its chance high

    def add(self, hit: bool, expected: float, length: int = 0) -> None:
        """Count one finding."""
        self.findings += 1
        self.hits += hit
        self.chance += expected
        self.length += length

    def to_json(self) -> dict:
        """Numbers only: findings, hits, precision, chance precision, their ratio and the mean span length."""
        precision = self.hits / self.findings if self.findings else 0.0
        expected = self.chance / self.findings if self.findings else 0.0
        return {"findings": self.findings, "hits": self.hits, "precision": round(precision, 4),
                "chance": round(expected, 4), "ratio": round(precision / expected, 3) if expected else None,
                "mean_length": round(self.length / self.findings, 1) if self.findings else 0.0}


def precision_tables(items: list[Item], run: str) -> dict[str, dict[str, Tally]]:
    """Span precision tallies per origin, per code, per LanguageTool rule id and for spelling by capitalisation."""
    tables: dict[str, dict] = defaultdict(lambda: defaultdict(Tally))
    for item in items:
        for f in item.findings[run]:
            hit = overlaps(f.start, f.end, item.spans)
            expected = chance(f.end - f.start, len(item.target), item.spans)
            keys = {"all": "all", "origin": f.origin, "code": f.code,
                    "segment": f"{f.origin}, segment with human spans" if item.spans else
                               f"{f.origin}, segment without a human span"}
            if f.rule_id:
                keys["rule"] = f.rule_id
                tables["rule_code"][f.rule_id] = f.code
            if f.code == "TQ801":
                keys["spelling"] = "capitalised word" if f.capitalised else "lower-case word"
            for table, key in keys.items():
                tables[table][key].add(hit, expected, max(f.end - f.start, 1))
    return tables


def recall_by_category(items: list[Item], run: str) -> dict[str, tuple[int, int]]:
    """Per MQM category: human spans overlapped by a finding, and all spans."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        for start, end, category in item.spans:
            counts[category][1] += 1
            counts[category][0] += any(overlaps(f.start, f.end, [(start, end, "")]) for f in item.findings[run])
    return {k: (v[0], v[1]) for k, v in counts.items()}


def below_chance(rules: dict[str, Tally]) -> set[str]:
    """LanguageTool rule ids seen at least MIN_FINDINGS times whose hit rate is not above chance."""
    return {rule for rule, t in rules.items() if t.findings >= MIN_FINDINGS and t.hits <= t.chance}


def noisy_categories(tables: dict[str, dict[str, Tally]]) -> set[str]:
    """LanguageTool categories (by their TQ8xx code) seen at least MIN_FINDINGS times whose hit rate is not above
    chance, unless one of their rules, judged on its own, is above chance (switching the category off would lose it)."""
    from tqcheck.grammar.mapping import CATEGORIES

    categories = {code: category for category, (code, *_) in CATEGORIES.items()}
    good_codes = {tables["rule_code"][rule] for rule, t in tables["rule"].items()
                  if t.findings >= MIN_FINDINGS and t.hits > t.chance}
    return {categories[code] for code in below_chance(tables["code"]) if code in categories and code not in good_codes}


def choose_profile(tables_a: dict[str, dict[str, Tally]]) -> dict:
    """The mt-review profile chosen on half A of the strict run; written where tqcheck reads it."""
    # The other keys (benchmarks/grammar_rules.py's lists) are kept as they are.
    chosen = {**json.loads(PROFILE.read_text(encoding="utf-8")),
              "disabled_rules": sorted(below_chance(tables_a["rule"])),
              "disabled_categories": sorted(noisy_categories(tables_a))}
    PROFILE.write_text(json.dumps(chosen, indent=1) + "\n", encoding="utf-8")
    return chosen


def scorers(items: list[Item], combination: float) -> dict[str, list[float]]:
    """Every scorer's segment scores (higher = better)."""
    chrf, bleu = CHRF(), BLEU(effective_order=True)
    rng = random.Random(SEED)
    chrf_scores = [chrf.sentence_score(i.target, [i.reference]).score for i in items]
    with_source = [-source_penalty(i) for i in items]
    return {
        "tqcheck, rules and glossary (--no-grammar)": [-penalty(i.findings["rules"]) for i in items],
        "tqcheck, grammar on, strict profile": [-penalty(i.findings["strict"]) for i in items],
        "tqcheck, grammar on, mt-review profile (default)": [-penalty(i.findings["grammar"]) for i in items],
        SOURCE_SCORER: with_source,
        QUALITY_SCORER: [source_quality(i) for i in items],
        "tqcheck --source omission evidence alone (target length against its source)": [-i.evidence for i in items],
        "sentence chrF (with reference)": chrf_scores,
        "sentBLEU (with reference)": [bleu.sentence_score(i.target, [i.reference]).score for i in items],
        f"chrF - {combination} x penalty (--source, mt-review; weight chosen on half A)": [
            c + combination * g for c, g in zip(chrf_scores, with_source)],
        "minus target length (characters)": [-len(i.target) for i in items],
        "random (seeded)": [rng.random() for _ in items],
    }


def choose_combination(items: list[Item]) -> float:
    """The penalty weight k in chrF - k x penalty (with --source) with the best item-averaged tau on half A."""
    chrf = CHRF()
    chrf_scores = [chrf.sentence_score(i.target, [i.reference]).score for i in items]
    with_source = [-source_penalty(i) for i in items]
    return max(COMBINATION_WEIGHTS, key=lambda k: taus(items, [c + k * g for c, g in zip(chrf_scores, with_source)])[1])


def tau_table(items: list[Item], combination: float) -> str:
    """Markdown rows of tau for every scorer on half B and on all talks (MT systems only)."""
    machine = [i for i in items if not i.is_human]
    half_b = [i for i in machine if i.half == "B"]
    all_scores = scorers(machine, combination)
    b_scores = scorers(half_b, combination)
    half_a = [i for i in machine if i.half == "A"]
    a_scores = scorers(half_a, combination)
    rows = ["| scorer | tau per segment, half A | tau, half B | tau per segment, half B (undefined) | tau, all | "
            "tau per segment, all (undefined) |", "|---|---:|---:|---:|---:|---:|"]
    for name in all_scores:
        b, b_avg, b_undefined, b_groups = taus(half_b, b_scores[name])
        a, a_avg, a_undefined, a_groups = taus(machine, all_scores[name])
        rows.append(f"| {name} | {taus(half_a, a_scores[name])[1]:.3f} | {b:.3f} | {b_avg:.3f} "
                    f"({b_undefined}/{b_groups}) | {a:.3f} | {a_avg:.3f} ({a_undefined}/{a_groups}) |")
    return "\n".join(rows)


def targets(items: list[Item], tables: dict[str, dict[str, Tally]], combination: float,
            better: dict[str, bool]) -> str:
    """The issue's targets on this file, met or not."""
    half_b = [i for i in items if i.half == "B" and not i.is_human]
    scores = scorers(half_b, combination)
    grammar_tau = taus(half_b, scores["tqcheck, grammar on, mt-review profile (default)"])[1]
    source_tau = taus(half_b, scores[SOURCE_SCORER])[1]
    quality_tau = taus(half_b, scores[QUALITY_SCORER])[1]
    quality_error = standard_error(half_b, scores[QUALITY_SCORER])
    human_b = system_rows([i for i in items if i.half == "B"])[2]
    chrf_tau = taus(half_b, scores["sentence chrF (with reference)"])[1]
    combined_tau = taus(half_b, next(v for k, v in scores.items() if k.startswith("chrF - ")))[1]
    ratio = tables["origin"]["grammar"].to_json()["ratio"] or 0.0
    halves = {half: precision_tables([i for i in items if i.half == half], "grammar")["origin"]["grammar"].to_json()
              for half in "AB"}
    verdicts = [
        f"grammar findings (mt-review) overlap human spans at {ratio:.2f}x the chance rate (half A "
        f"{halves['A']['ratio'] or 0:.2f}x over {halves['A']['findings']}, half B {halves['B']['ratio'] or 0:.2f}x over "
        f"{halves['B']['findings']}; target: at least 2x): "
        f"{'met' if ratio >= 2 else 'not met'}",
        f"the good human translation scores better than every MT system, all talks: mt-review "
        f"{'met' if better['mt-review'] else 'not met'}, --source {'met' if better['--source'] else 'not met'}; "
        f"half B only: mt-review {'met' if human_b['mt-review'] else 'not met'}, --source "
        f"{'met' if human_b['--source'] else 'not met'}",
        f"reference-free tau averaged per source segment, half B: mt-review {grammar_tau:.3f}, with --source "
        f"{source_tau:.3f} (penalty) and {quality_tau:.3f} (quality, i.e. penalty per word; chosen on half A; "
        f"standard error of the mean over segments {quality_error:.3f}) (target: at least 0.05): "
        f"{'met' if max(grammar_tau, source_tau, quality_tau) >= 0.05 else 'not met'}",
        f"chrF - {combination} x penalty (--source; weight chosen on half A) beats chrF alone on half B: "
        f"{combined_tau:.3f} against {chrf_tau:.3f} per source segment: {'met' if combined_tau > chrf_tau else 'not met'}",
    ]
    return "\n".join(f"- {v}" for v in verdicts)


def ceiling(items: list[Item]) -> dict[str, dict[str, float]]:
    """Per half: grammar findings in segments the rater marked, their hits and expected hits, and the ratio they
    would reach if every one of them hit (findings elsewhere have chance 0 and change no ratio)."""
    out = {}
    for half in ("A", "B", "all"):
        part = [i for i in items if half in ("all", i.half)]
        t = precision_tables(part, "grammar")["segment"]["grammar, segment with human spans"]
        out[half] = {"findings": t.findings, "hits": t.hits, "expected": t.chance,
                     "ceiling": t.findings / t.chance if t.chance else 0.0}
    return out


def ceiling_note(items: list[Item]) -> str:
    """How far the chance baseline lets the grammar ratio go on each half."""
    c = ceiling(items)
    return (f"{c['all']['findings']} grammar findings (mt-review) sit in segments the rater marked; if every one of "
            f"them hit a human span, the ratio would be {c['all']['ceiling']:.2f}x (half A {c['A']['ceiling']:.2f}x "
            f"over {c['A']['findings']}, half B {c['B']['ceiling']:.2f}x over {c['B']['findings']}). 2x needs "
            f"{2 * c['B']['expected']:.1f} of the {c['B']['findings']} on half B to hit (now {c['B']['hits']}), and "
            f"{2 * c['A']['expected']:.1f} of the {c['A']['findings']} on half A (now {c['A']['hits']})")


def zero_note(items: list[Item]) -> str:
    """How many MT translations score a penalty of 0, and in how many source segments all of them do (tau 0)."""
    parts = []
    for half in "AB":
        machine = [i for i in items if i.half == half and not i.is_human]
        groups = _groups(machine)
        counts = []
        for name, points in (("mt-review", lambda i: penalty(i.findings["grammar"])), ("--source", source_penalty)):
            zero = {k for k, i in enumerate(machine) if points(i) == 0}
            tied = sum(all(k in zero for k in members) for members in groups)
            counts.append(f"{name} {len(zero)} of {len(machine)} translations at 0, all of a segment's at 0 in "
                          f"{tied} of {len(groups)} segments")
        parts.append(f"Half {half}: " + "; ".join(counts))
    return ". ".join(parts)


# Penalty variants measured on half A: (label, major weight, weight of grammar-run findings, of source findings).
VARIANTS = [("default (major 5, findings x1)", 5.0, 1.0, 1.0), ("major 1", 1.0, 1.0, 1.0),
            ("major 2", 2.0, 1.0, 1.0), ("major 10", 10.0, 1.0, 1.0), ("grammar-run findings x0.5", 5.0, 0.5, 1.0),
            ("grammar-run findings x2", 5.0, 2.0, 1.0), ("source findings x0", 5.0, 1.0, 0.0),
            ("source findings x2", 5.0, 1.0, 2.0)]


def variant_rows(items: list[Item]) -> str:
    """Markdown rows of the item-averaged tau of --source penalty variants (severity weights, the share of findings
    against the omission evidence), half A where a choice would be made, half B reported."""
    model = ScoreModel()
    rows = ["| --source penalty variant | penalty, half A | quality, half A | penalty, half B | quality, half B |",
            "|---|---:|---:|---:|---:|"]
    halves = {half: [i for i in items if i.half == half and not i.is_human] for half in "AB"}
    words = {id(i): i.evaluation_words for members in halves.values() for i in members}
    for label, major, findings, source in VARIANTS:
        weights = {**WEIGHTS, "major": major}

        def points(item: Item) -> float:
            return (findings * sum(weights[f.severity] for f in item.findings["grammar"])
                    + source * sum(weights[f.severity] for f in item.findings["source"]) + item.evidence)

        cells = []
        for members in halves.values():
            cells.append(taus(members, [-points(i) for i in members])[1])
            cells.append(taus(members, [model.quality(model.normed(points(i), words[id(i)]))
                                        for i in members])[1])
        rows.append(f"| {label} | " + " | ".join(f"{c:.4f}" for c in cells) + " |")
    return "\n".join(rows)


def repeat_note() -> str:
    """Which runs' reports hold a finding more than once, by code."""
    notes = [f"{run}: " + ", ".join(f"{code} {count}" for code, count in sorted(codes.items()))
             for run, codes in sorted(REPEATS.items()) if codes]
    return "; ".join(notes) or "none"


def tally_rows(tally: dict[str, Tally], label: str, limit: int | None = None) -> str:
    """Markdown rows of a precision table, most findings first."""
    rows = [f"| {label} | findings | hits | precision | chance | ratio | mean span (characters) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    ordered = sorted(tally.items(), key=lambda kv: (-kv[1].findings, kv[0]))
    for key, t in ordered[:limit]:
        j = t.to_json()
        ratio = f"{j['ratio']:.2f}" if j["ratio"] is not None else "-"
        rows.append(f"| {key} | {t.findings} | {t.hits} | {j['precision']:.3f} | {j['chance']:.3f} | {ratio} | "
                    f"{j['mean_length']:.1f} |")
    return "\n".join(rows)


def system_rows(items: list[Item]) -> tuple[str, str, dict[str, bool]]:
    """Penalty per 1,000 words per system (each run, and MQM's own), best first; and, per reference-free
    configuration, whether the good human translation (ref-B) scores better than every MT system."""
    by_system: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_system[item.system].append(item)
    columns = {"mt-review": lambda i: penalty(i.findings["grammar"]), "--source": source_penalty,
               "strict": lambda i: penalty(i.findings["strict"]), "--no-grammar": lambda i: penalty(i.findings["rules"])}
    rows = ["| system | human | words | tqcheck mt-review | tqcheck --source (mt-review) | tqcheck strict | "
            "tqcheck --no-grammar | MQM (human raters) |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    rates: dict[str, dict[str, float]] = {}
    for system, members in by_system.items():
        words = sum(i.words for i in members)
        rates[system] = {name: 1000 * sum(map(points, members)) / words for name, points in columns.items()}
        rates[system]["MQM"] = 1000 * sum(i.mqm for i in members) / words
        rates[system]["words"] = words
    for system, rate in sorted(rates.items(), key=lambda kv: kv[1]["--source"]):
        human = "yes" if by_system[system][0].is_human else ""
        rows.append(f"| {system} | {human} | {rate['words']:.0f} | " + " | ".join(
            f"{rate[name]:.1f}" for name in [*columns, "MQM"]) + " |")
    machine = [s for s in rates if not by_system[s][0].is_human]
    better = {name: rates["ref-B"][name] < min(rates[s][name] for s in machine) for name in columns}
    verdict = " ".join(
        f"{name}: ref-B (good human translation) {rates['ref-B'][name]:.1f} per 1,000 words, best MT system "
        f"{min(rates[s][name] for s in machine):.1f}, ref-B better than every MT system: "
        f"{'yes' if better[name] else 'no'}." for name in columns)
    return "\n".join(rows), verdict, better


def recall_rows(items: list[Item]) -> str:
    """Markdown rows of span recall per MQM category for both runs."""
    on, off = recall_by_category(items, "grammar"), recall_by_category(items, "rules")
    rows = ["| MQM category | human spans | recall, grammar on | recall, --no-grammar |", "|---|---:|---:|---:|"]
    for category, (hit, total) in sorted(on.items(), key=lambda kv: -kv[1][1]):
        rows.append(f"| {category} | {total} | {hit / total:.3f} | {off[category][0] / total:.3f} |")
    return "\n".join(rows)


def main() -> None:
    if not WMT.is_file():
        raise SystemExit(f"{WMT} not found: set TQCHECK_SHARED to the shared folder")
    started = time.perf_counter()
    items = load()
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--reports", type=Path, help="keep tqcheck's JSON reports in this folder and reuse them "
                         "(delete it after changing tqcheck)")
    cache = options.parse_args().reports
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tqcheck-agreement-") as temporary:
        folder = Path(temporary) / "segments"
        layout = write_files(items, folder)
        half_a = [i for i in items if i.half == "A"]
        half_b = [i for i in items if i.half == "B"]
        strict_report, strict_seconds = run_tqcheck(folder, "--grammar-profile", "strict", cache=cache)
        attach(strict_report, layout, "strict")
        strict_a, strict_b, strict_all = (precision_tables(part, "strict") for part in (half_a, half_b, items))
        chosen = choose_profile(strict_a)
        grammar_report, grammar_seconds = run_tqcheck(folder, cache=cache)
        rules_report, rules_seconds = run_tqcheck(folder, "--no-grammar", cache=cache)
        # The source findings alone (the grammar run already holds the rest): --source adds them to a run.
        source_report, source_seconds = run_tqcheck(folder, "--no-grammar", "--select", "TQ9", "--source",
                                                    "../sources", cache=cache)
    attach(grammar_report, layout, "grammar")
    attach(rules_report, layout, "rules")
    attach(source_report, layout, "source")
    add_evidence(items)

    tables_all = precision_tables(items, "grammar")
    half_tables = {"A": precision_tables(half_a, "grammar"), "B": precision_tables(half_b, "grammar")}
    findings_only = {half: taus(members, [-penalty(i.findings["grammar"]) - penalty(i.findings["source"])
                                          for i in members])[1]
                     for half, members in (("A", [i for i in half_a if not i.is_human]),
                                           ("B", [i for i in half_b if not i.is_human]))}
    combination = choose_combination([i for i in half_a if not i.is_human])
    machine_b = [i for i in half_b if not i.is_human]
    overall_b = {name: taus(machine_b, scores)[0] for name, scores in scorers(machine_b, combination).items()
                 if name in (SOURCE_SCORER, QUALITY_SCORER)}
    systems, verdict, human_better = system_rows(items)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "source": "../shared/data/wmt-mqm/dev.jsonl (all 15 systems); grammar-on run, default configuration",
        "halves": {"A": sorted({i.doc for i in half_a}), "B": sorted({i.doc for i in half_b})},
        "chance": "exact probability that the finding's length, placed uniformly at random in the same segment, "
                  "overlaps a human error span",
        "min_findings_to_judge": MIN_FINDINGS,
        "run": "strict profile (every LanguageTool rule); the mt-review profile is chosen from half A",
        "at_or_below_chance_on_half_a": chosen["disabled_rules"],
        "categories_at_or_below_chance_on_half_a": chosen["disabled_categories"],
        "rules": {half: {rule: t.to_json() for rule, t in sorted(tables["rule"].items())}
                  for half, tables in (("A", strict_a), ("B", strict_b), ("all", strict_all))},
        "codes": {half: {code: t.to_json() for code, t in sorted(tables["code"].items())}
                  for half, tables in (("A", strict_a), ("B", strict_b), ("all", strict_all))},
        "spelling": {half: {key: t.to_json() for key, t in sorted(tables["spelling"].items())}
                     for half, tables in (("A", strict_a), ("B", strict_b), ("all", strict_all))},
    }, indent=1) + "\n", encoding="utf-8")

    lt = grammar_report["grammar"]["reason"]
    talks_a, talks_b = ", ".join(sorted({i.doc for i in half_a})), ", ".join(sorted({i.doc for i in half_b}))
    # The report folder is a local path: the command shows where it goes, not where it was.
    command = " ".join(["benchmarks/agreement.py", *(["--reports", "DIR"] if cache is not None else [])])
    body = f"""Command: `.venv/bin/python {command}` ({time.perf_counter() - started:.0f} s in all:
tqcheck with grammar, strict {strict_seconds:.0f} s and mt-review {grammar_seconds:.0f} s; without
{rules_seconds:.0f} s; source checks {source_seconds:.0f} s; 0 s is a report reused with `--reports`).
Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};
grammar: {re.sub(r" at http://[^ ,]+", "", lt)}.

Data: `../shared/data/wmt-mqm/dev.jsonl` (WMT21 TED zh-en, 4 talks x 370 segments x 15 systems, professional MQM
error spans; read at run time, never committed). Every target segment is written to a text file (one file per
system per talk, one segment per paragraph) and checked by `tqcheck check --isolated --format json --fail-on none
--no-cache`, three times: grammar on with the `strict` profile (every LanguageTool rule), grammar on with the
default `mt-review` profile (chosen from the strict run on half A, below; capitalised unknown words become
zero-weight hints, hidden), and `--no-grammar`; findings map back to segments by their offsets. A segment's penalty
is the sum of its findings' severity weights (minor 1, major 5, critical 25).

The Chinese source of every segment is written the same way (one file per system per talk, paragraphs paired
with the target's), and `check --source` compares each target file with it (README, "Checking against the
source"): the source findings (TQ901-TQ904) come from `--no-grammar --select TQ9 --source`, and the graded
omission evidence of each segment is the one `check --source` adds for a line-paired file (`tqcheck.source.compare`
on the segment pair, source language detected per file as tqcheck does). The `--source` scorer is the default
(mt-review) penalty plus both. The evidence constants (tolerance {TOLERANCE:g}, weight {WEIGHT:g} points per unit
of ln shortfall; the defaults of the `source-tolerance` and `source-weight` settings) were chosen on half A among tolerance 1.0/1.05/1.1/1.2 and weight 1/2/5/10: the best item-averaged
tau on half A (0.046 at tolerance 1.1), and the smallest weight at which ref-B's penalty per 1,000 words falls below
every MT system's on half A; the expected ratio (0.33 Chinese characters per English character, i.e. about 3
English characters per Chinese one) is the translation trade's rule of thumb (1,000 Chinese characters make about
650 English words), not fitted.

**Not tuning to the file.** The talks, sorted by id, are split in two halves: A = {talks_a}
({len(half_a) // 15} segments), B = {talks_b} ({len(half_b) // 15} segments). Everything that is *chosen* (the
LanguageTool rules and categories the mt-review profile turns off, the source evidence constants, the weight of the
combined score) is chosen on half A; agreement is
reported on half B, and on all four talks for comparison with the baselines in the data's README.

### Against the issue's targets

{targets(items, tables_all, combination, human_better)}

**How far the chance baseline lets the ratio go (2026-11-27).** {ceiling_note(items)}. A human span covers much of
a segment the rater marked, so a finding of a word's length placed at random there often hits too, and the ratio
cannot exceed one over that chance whatever the findings are: on half B, 2x means more than nine in ten findings
in marked segments on a human span, where the raters left real errors unmarked (the reading below). What was
measured toward it this session, each on half A first (the per-code tables of both halves are under "Span
precision"; numbers of the dev file, the real-mt gold and clean-en read offline from cached runs):
- *A lower Zipf floor for the known-word hint (TQ832).* The lower-case words the speller flags on the dev file
  reach Zipf 1.99 at most, so any floor above that changes nothing here; a floor at 1.88 or below turns the two
  half-A hits on one rare word into hints (half A 1.81x -> 1.64x at the table's floor 1.5). On real-mt, a floor of
  2.0 would hide 9 findings judged false (Zipf 2.08-3.21) but also the speller's match on 3 gold records of other
  categories (two untranslated words at 2.84 and 3.09, a punctuation slip at 2.43), and it falls below real
  misspellings the speller flags (*thier* 2.99, *definately* 2.87: the list of the section "Known-word spelling
  hints"). Kept at 4.0.
- *Codes below chance on half A* (mt-review): only TQ808 (confused words, 2 findings, no hit; one each of two rules
  that never fire on clean-en), too few to judge (the profile judges a rule from 5 findings); every other code with a
  finding in a marked segment of half A is above chance there; TQ805 and TQ811 are at or below chance on half B
  only (3 and 2 findings there).
  The two rules above the human-English budget that stay on, the speller on lower-case words (1.34 per 1,000 words
  of clean-en) and `UPPERCASE_SENTENCE_START` (0.22), are kept by real-mt's gold (section "LanguageTool rules for
  MT review, per rule id"). No rule or category was turned off.
- *Spans wider than the error.* The widest grammar spans are compounds written apart (the whole compound is the
  error) and repeated words (LanguageTool marks both copies): marking only the second copy of a repeated word moves
  the ratio by 0.01 (1.53x -> 1.54x on half B, 1.81x unchanged on half A), too little to change how findings are
  reported.

**Style categories off, chosen without this file (2026-11-26).** Before, the mt-review profile turned off only what
half A chose; the categories LanguageTool types `style` and the rules frequent in human English (section "LanguageTool
rules for MT review, per rule id") take away 68 of the 200 grammar findings (mostly `ENGLISH_WORD_REPEAT_BEGINNING_RULE`,
0.49x chance, and the STYLE and REDUNDANCY rules), which moves the overlap from 1.33x to 1.50x of chance (half A
1.58x -> 1.57x, half B 1.28x -> 1.48x). What is left (spelling of lower-case words, typography, compounds, grammar)
overlaps at 1.45x-2.10x per category, and nothing independent of this file marks any of it as noise; reaching 2x
would mean choosing rules by their ratio on this file. The per-segment tau barely moves (mt-review penalty 0.014 ->
0.011 on half A, 0.011 -> 0.010 on half B; `--source` quality 0.052 -> 0.050 on half A, 0.041 -> 0.039 on half B;
standard error 0.02), because the style findings were rarely the only difference between two translations of one
segment. ref-B is still not better than every MT system with mt-review alone: 10 of its 13 findings (all talks) are
lower-case words LanguageTool's dictionary does not know, against 3 for the best systems; spelling stays on
because it finds real MT errors in real-mt (9 true, 5 false on the design half).

**What the 1.50x was made of, and what changed (2026-11-26, later).** Every grammar finding of the mt-review run
that missed a human span (74 of 132; 58 hit) was read against the segment's MQM annotation (one rater per record):
31 are right words LanguageTool's dictionary lacks (plant names, Latin binomials, technical nouns, a coinage; one
noun alone is 10 of them, the same word in 10 systems' output); 23 are real errors the rater did not mark (spaces
inside quotation marks 10, a missing space after a full stop 4, compounds split by a spaced hyphen 3, *these* before
an uncountable noun 2, a compound written as two words 2, a lower-case sentence start 1, a doubled verb 1); 3 are
British spellings, right in British English, flagged by the American speller; 1 is a misplaced span (the rater
marked the full stop of a missing space, LanguageTool the word after it); 16 are LanguageTool's false alarms or
preferences (informal *there's* before a plural 3, a contraction joined to a hyphen 2, an open compound LanguageTool
wants closed 2, and single ones). Of the 24 spelling hits (TQ801), none is on a span the rater marked as a spelling
error: they are rare terms inside spans marked as mistranslation (15), awkward style (5), inappropriate terminology
(3) or addition (1): the MT got the term wrong, and the dictionary does not know the term. The chance baseline is
the one the issue describes (the exact expectation of a span of the finding's length placed anywhere in the same
segment, a zero-length finding counted as one character in both), and each finding counts once: the grammar reports
hold no finding twice (the one repeat, below, is a source finding). The ratio is hits over expected hits, so the 44
findings in segments where the rater marked nothing (chance 0) change neither; had the rater marked the 23 real
errors, the ratio would be 2.09x (81 hits over 38.7 expected). Two principled changes were made, neither chosen on
this file: (1) a finding marks the words LanguageTool's suggestions rewrite, not the whole matched phrase (README,
"Grammar findings"; *there's some X* is reported on *there's*): spans shrink where LanguageTool marks context, so
the chance baseline falls where it was inflated (TQ802 1.54x -> 1.73x); (2) a spelling match on a word
LanguageTool's American speller names as British English is a zero-weight hint, TQ831, chosen on human English (0.09
per 1,000 words of clean-en, above the 0.05 allowed for one rule; none in real-mt; section "LanguageTool rules for
MT review, per rule id"). Together: 1.50x -> 1.57x (half A 1.57x -> 1.81x, half B 1.48x -> 1.53x); real-mt with
grammar is unchanged (grammar + spelling 33/81, precision 91.4%: no real-mt finding changed). The tau does not move
(mt-review 0.010 -> 0.011 on half B; `--source` quality 0.039 on half B, 0.050 -> 0.047 on half A, within the
standard error of 0.02). Per-category weights for the penalty were measured on half A (on the run before these
changes) and left at 1: weighting punctuation and typography at 0.1 (MQM's own weight for minor punctuation), with
casing or without, style at 0.1, spelling at 0.2 or grammar at 0.2 moves the `--source` quality tau on half A by at
most 0.0011 (0.0501 -> 0.0499-0.0512), far inside its standard error, so nothing supports changing the default
model. Reaching 2x would mean switching off rules by their ratio on this file (the real errors the raters left
unmarked are the largest group of misses, and spelling of rare terms is the largest group of hits).

**Why the reference-free target is not met.** Within one source segment, the 13 translations mostly have no
finding at all (with the mt-review profile tau is undefined for 80-90% of segments), so a score made of
findings ties them. Graded, source-aware evidence breaks the ties: with `--source` tau is undefined for under 20%
of segments and the item-averaged tau roughly triples, but stays below 0.05 on half B. Ranking segments by
tqcheck's own quality, which norms the penalty per word as every file's score does, instead of by the raw penalty
was chosen on half A (0.046 -> 0.052 there); it helps on half B too, but not up to 0.05. The per-segment mean
has a standard error of about 0.02 on each half (the taus of single segments spread widely), so differences of
0.01 between the signals below are within noise, and none was kept on such a difference alone. Across segments
the per-word quality ranks worse than the raw penalty (tau over all segments {overall_b[QUALITY_SCORER]:.3f} against {overall_b[SOURCE_SCORER]:.3f} on half B):
a long segment tends to have more errors than a short one (see the length baseline), and norming per word takes that away; tqcheck's
score is meant to compare texts, not to predict how many errors a long sentence holds. Other reference-free
signals were tried on half A during development (exploratory, numbers of half A, scripts not kept) and left out
because they did not help there: unknown capitalised words (the hints) as small evidence at weight 0.1 to 1 (tau
0.046 -> 0.047 on top of the `--source` penalty, 0.052 -> 0.053 on top of its quality); the strict profile's
extra findings at weight 0.1 to 1 (0.046 -> 0.037-0.042; as the strict profile's quality, 0.045);
differences between source and target counts of question marks, exclamation marks, quotes, brackets and sentence
ends (the punctuation features of classic QE baselines; each alone at most 0.003); word rarity from wordfreq (mean
Zipf frequency, share of words under Zipf 3: at most 0.008; lower-case words under Zipf 2.5 as evidence, 0.048-0.050
against 0.052); target length in words instead of characters (0.009 against 0.036); the length ratio as a
continuous signal (ln of the share of the usual length as a tie-breaker: 0.035), evidence for lines far *longer*
than usual (additions: 0.031-0.046), source punctuation counted one for one in the usual length (0.034-0.047);
repeated words, bigrams and trigrams in the target (alone 0.001, -0.004, -0.006); numbers of the target that are
not in the source (0.052 -> 0.055, but 9 of the 10 cases on half A are source numbers written in Chinese
characters, so the gain is noise and a finding would be a false alarm). Source numbers and Latin-script tokens occur
in few TED segments (14 and 8 of 171 on half A), so TQ901 and TQ903 are rare here. A reference-free score that
ranks fluent, complete mistranslations needs a model of meaning (a neural QE model), which tqcheck does not ship.

**Where the reference-free tau comes from (2026-11-27).** {zero_note(items)}. The graded omission evidence depends
only on the length of a translation against its source, and the 13 translations of a segment share the source, so
within a segment it ranks them by length, clipped at the tolerance: the evidence alone gives nearly all of the
`--source` tau (row "omission evidence alone" below), and the findings alone (mt-review and source findings, no
evidence) give {findings_only['A']:.3f} on half A and {findings_only['B']:.3f} on half B. Severity weights and the
weight of the findings against the evidence, measured on half A, move the tau there by 0.0012 at most (the
grammar run's findings at half weight, the best there), far inside its standard error of 0.02, so the default
model is unchanged; half B moves more, either way (the spread of single segments' taus):

{variant_rows(items)}

### Segment-level Kendall tau with -mqm_score

MT systems only (13 systems; as in the data's README baselines). tau-b over all segments, and averaged per source
segment (the 13 translations of one source segment ranked against each other; where tau is undefined because one
side is constant, it counts as 0: how many of how many in brackets). Higher is better. Half A, where the choices
are made, is shown per segment beside half B, where they are reported.

{tau_table(items, combination)}

### Span precision against human error spans

A finding hits when it overlaps a human error span of its segment (all 15 systems, mt-review run). Chance: the
same span length placed uniformly at random in the same segment, the exact expectation over every placement (the
limit of averaging many seeded draws). Ratio = precision / chance: above 1 means the findings point at errors
more often than a randomly placed span would.

{tally_rows(tables_all["origin"] | tables_all["all"], "origin (all talks)")}

The ratio is hits over expected hits (precision and chance share the count of findings), so a finding in a segment
whose rater marked no error (chance 0, no hit possible) changes neither; by segment:

{tally_rows(tables_all["segment"], "origin, segment (all talks)")}

Findings a report holds more than once (same code, span and message), counted as tqcheck's score counts them:
{repeat_note()}.

{tally_rows(tables_all["code"], "code (all talks)")}

The same per code on each half (mt-review run, grammar findings), half A where choices are made:

{tally_rows({k: v for k, v in half_tables["A"]["code"].items() if k.startswith("TQ8")}, "code (mt-review, half A)")}

{tally_rows({k: v for k, v in half_tables["B"]["code"].items() if k.startswith("TQ8")}, "code (mt-review, half B)")}

Source findings (`check --source`, all talks):

{tally_rows(precision_tables(items, "source")["code"], "code, --source (all talks)")}

These cover whole lines, so a hit is any human error in the line and chance equals precision (ratio 1 by
construction); MQM marks omissions on the source side, with no target span, so TQ904's omissions cannot hit one.
The rows count the source findings; their effect is measured by the tau and per-system tables.

### The mt-review profile: LanguageTool rules against human error spans (strict run, half A)

The `mt-review` grammar profile turns off every LanguageTool rule seen at least {MIN_FINDINGS} times on half A whose
findings hit human spans no more often than chance, and every category (TQ8xx code) seen at least {MIN_FINDINGS}
times at or below chance unless one of its rules is above chance on its own. Chosen here and written to
`src/tqcheck/data/grammar/mt-review.json`, where tqcheck reads it:

- rules off: {", ".join(f"`{r}`" for r in chosen["disabled_rules"]) or "none"}
- categories off: {", ".join(f"`{c}`" for c in chosen["disabled_categories"]) or "none"}

Half A has too few findings per rule to choose rules well (a rule seen once there can be frequent noise on half B),
so the profile also turns off what data independent of this file marks as style or noise (`benchmarks/grammar_rules.py`,
section "LanguageTool rules for MT review, per rule id"): the categories LanguageTool itself types `style`
({", ".join(f"`{c}`" for c in chosen.get("disabled_categories_style", ())) or "none"}) and the rules frequent in
professional human English ({", ".join(f"`{r}`" for r in chosen.get("disabled_rules_human_english", ())) or "none"}),
unless real-mt's gold shows they find MT errors. Nothing of this file chose them; the tables below report them.

On half B, the same rules and categories in the strict run (reported, not chosen):

{tally_rows({k: v for k, v in strict_b["rule"].items() if k in chosen["disabled_rules"]}, "rule off (half B)")}

{tally_rows({k: v for k, v in strict_b["code"].items() if k.startswith("TQ8")}, "code (strict, half B)")}

Per category on half A (strict):

{tally_rows({k: v for k, v in strict_a["code"].items() if k.startswith("TQ8")}, "code (strict, half A)")}

Per LanguageTool rule id on half A (strict), the 30 most frequent; the whole table, with half B and all talks, is in
`benchmarks/results/grammar-rule-overlap.json` (numbers only):

{tally_rows(strict_a["rule"], "LanguageTool rule (half A)", 30)}

Spelling (TQ801) on all talks in the strict run, by the case of the flagged word (the mt-review profile makes the
capitalised ones zero-weight hints):

{tally_rows(strict_all["spelling"], "flagged word (strict)")}

### Span recall per MQM category

Share of human error spans (target side) overlapped by at least one finding, all talks and systems.

{recall_rows(items)}

### Penalty per 1,000 words per system

All four talks, best (lowest penalty with `--source`) first; MQM is the raters' own score per 1,000 words. The
`--source` column adds the source findings and the graded omission evidence to the mt-review penalty.

{systems}

{verdict}
"""
    write_section("Agreement with human MQM judgements (issue 10)", body)
    print(body)


if __name__ == "__main__":
    main()
