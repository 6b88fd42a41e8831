"""Which LanguageTool rules serve MT review: measured per rule id on real MT, offline from cached runs.

Run: python benchmarks/grammar_rules.py [--no-docs]   (after `python benchmarks/grammar_runs.py default real-mt`
and `python benchmarks/grammar_runs.py maximal real-mt wmt-mqm`, and benchmarks/agreement.py's strict run, whose
per-rule table it reads from benchmarks/results/grammar-rule-overlap.json)

Two kinds of evidence, each with a design half and a check half:
- wmt-mqm (professional MQM spans): hits on human error spans against chance, per rule id; design half A (talks
  2, 5), check half B.
- real-mt (gold artifacts and judged findings): per rule id, findings on a gold span or judged true against
  findings judged false; design half = even-indexed articles of the sorted file names, check half = odd.
A rule that LanguageTool runs by default goes off in the mt-review profile when its design-half real-mt findings
are judged false at least MIN_FALSE times and more often than they are true (MQM's half-A choice is made by
agreement.py); a rule that is off by default or picky would be switched on only if it hit MQM spans on half A at
least ENABLE_RATIO times the chance rate over at least MIN_FINDINGS findings.

A third choice uses no MQM data at all (`python benchmarks/grammar_runs.py default clean-en` first): a LanguageTool
category whose rules LanguageTool's own rule files all type `style` goes off, and so does a rule that fires on
human English (../shared/data/clean-en, hits judged true there not counted) more than HUMAN_RATE times per 1,000
words, the per-rule false-alarm budget of issue 9; either is kept when the rule (or one rule of the category)
proves itself on the real-mt design half: at least MIN_TRUE findings on a gold span or judged true, and more of
those than judged false. The choices are written to src/tqcheck/data/grammar/mt-review.json, the tables to
docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docs_section import write_section  # noqa: E402
from grammar_runs import (CLEAN_EN, REAL_MT, RUNS, clock_rules, language_jar, other_variant_spellings,  # noqa: E402
                          rule_kinds)
from judged import JUDGEMENTS, ROOT, digest, load_judgements  # noqa: E402
from real_mt import load_gold  # noqa: E402

from tqcheck.defaults import GRAMMAR_CHUNK  # noqa: E402
from tqcheck.grammar.chunks import chunks  # noqa: E402

PROFILE = ROOT / "src" / "tqcheck" / "data" / "grammar" / "mt-review.json"
OVERLAP = ROOT / "benchmarks" / "results" / "grammar-rule-overlap.json"
CAPITALISED = " (capitalised word)"  # spelling on a capitalised word: a zero-weight name hint in mt-review
VARIANT = " (British spelling)"  # spelling LanguageTool names another variant's: a zero-weight hint in mt-review
HINTS = (CAPITALISED, VARIANT)
MIN_FALSE = 2
MIN_FINDINGS = 5
ENABLE_RATIO = 2.0
MIN_TRUE = 2
HUMAN_RATE = 0.05  # issue 9: no one rule above 0.05 false alarms per 1,000 words of human English
STYLE = "style"
CHOSEN_BY = (f"benchmarks/grammar_rules.py: LanguageTool rules on by default whose findings on the even-indexed "
             f"articles of ../shared/corpus/real-mt are judged false at least {MIN_FALSE} times and more often than "
             f"they are on a gold span or judged true")


@dataclass
class Count:
    """A rule's findings on real-mt: on a gold span or judged true, judged false, unjudged."""

    true: int = 0
    false: int = 0
    unjudged: int = 0

    def cell(self) -> str:
        """`true/false/unjudged` for a table."""
        return f"{self.true}/{self.false}/{self.unjudged}"


def hint_key(rule: str, issue: str, word: str, variants: frozenset[str]) -> str:
    """The rule id, with the hint the mt-review profile makes of a spelling match on a capitalised word or on
    another variant's spelling."""
    if issue != "misspelling":
        return rule
    return rule + (CAPITALISED if word[:1].isupper() else VARIANT if word in variants else "")


def real_mt_counts(run: str) -> dict[str, dict[str, Count]]:
    """rule id -> half ("design", "check") -> Count, for a cached raw run over real-mt."""
    matches = json.loads((RUNS / f"real-mt-{run}.json").read_text(encoding="utf-8"))
    names = sorted(matches)
    texts = {name: (REAL_MT / "articles" / name).read_text(encoding="utf-8") for name in names}
    gold = defaultdict(list)
    for record in load_gold(REAL_MT / "gold.jsonl", texts):
        gold[record.file].append(record)
    verdicts = {j.key: j.verdict for path in ("real-mt.jsonl", "real-mt-grammar.jsonl")
                for j in load_judgements(JUDGEMENTS / path)}
    counts: dict[str, dict[str, Count]] = defaultdict(lambda: defaultdict(Count))
    variants = other_variant_spellings(language_jar())
    for index, name in enumerate(names):
        half = "design" if index % 2 == 0 else "check"
        for m in matches[name]:
            count = counts[hint_key(m["rule"], m["issue"], texts[name][m["start"]:m["end"]], variants)][half]
            verdict = verdicts.get((name, m["start"], m["end"], digest(texts[name][m["start"]:m["end"]])))
            if any(g.start < m["end"] and m["start"] < g.end for g in gold[name]) or verdict is True:
                count.true += 1
            elif verdict is False:
                count.false += 1
            else:
                count.unjudged += 1
    return counts


def proven(count: Count | None) -> bool:
    """Whether a rule's real-mt findings show it finds MT problems: MIN_TRUE on gold or judged true, more than false."""
    return count is not None and count.true >= MIN_TRUE and count.true > count.false


def code_points(text: str) -> Callable[[int], int]:
    """A raw run's offset (its piece's code-point offset plus LanguageTool's UTF-16 offset inside the piece) -> the
    code-point offset in `text` (clean-en has emoji, two UTF-16 units each)."""
    pieces = list(chunks(text, GRAMMAR_CHUNK))

    def convert(offset: int) -> int:
        start, piece = max((p for p in pieces if p[0] <= offset), key=lambda p: p[0])
        units = offset - start
        for index, char in enumerate(piece):
            units -= 2 if ord(char) > 0xFFFF else 1
            if units < 0:
                return start + index
        return start + len(piece)
    return convert


def human_hits() -> tuple[dict[str, list[tuple[str, int, int, str]]], int]:
    """Rule id (with CAPITALISED for a spelling match on a capitalised word) -> its hits on human English (clean-en)
    as (file, start, end, text), and the words."""
    matches = json.loads((RUNS / "clean-en-default.json").read_text(encoding="utf-8"))
    hits: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
    words = 0
    variants = other_variant_spellings(language_jar())
    for name in sorted(matches):
        text = (CLEAN_EN / name).read_text(encoding="utf-8")
        points = code_points(text)
        words += len(text.split())
        for m in matches[name]:
            start, end = points(m["start"]), points(m["end"])
            hits[hint_key(m["rule"], m["issue"], text[start:end], variants)].append((name, start, end, text[start:end]))
    return hits, words


def human_rates() -> tuple[dict[str, float], int]:
    """Rule id -> hits per 1,000 words on human English (clean-en; hits judged true not counted), and the words."""
    hits, words = human_hits()
    verdicts = {j.key: j.verdict for j in load_judgements(JUDGEMENTS / "clean-en-grammar.jsonl")}
    return {rule: 1000 * sum(verdicts.get((name, start, end, digest(text))) is not True
                             for name, start, end, text in found) / words
            for rule, found in hits.items()}, words


def observed_kinds() -> dict[str, tuple[str, str]]:
    """Rule id -> (category id, issue type) as LanguageTool reported them in the cached runs (its Java rules are in
    no rule file)."""
    kinds = {}
    for path in sorted(RUNS.glob("*.json")):
        for matches in json.loads(path.read_text(encoding="utf-8")).values():
            kinds.update((m["rule"], (m["category"], m["issue"])) for m in matches)
    return kinds


def style_categories(files: dict[str, tuple[str, str]], kinds: dict[str, tuple[str, str]],
                     design: dict[str, Count]) -> tuple[list[str], list[str]]:
    """LanguageTool categories whose rules its rule files (`files`) all type `style`: those switched off, and those
    kept because one of their rules (of `kinds`, files and runs) proves itself on the real-mt design half."""
    types: dict[str, set[str]] = defaultdict(set)
    for category, kind in files.values():
        types[category].add(kind)
    style = sorted(c for c, t in types.items() if t == {STYLE})
    kept = [c for c in style if any(proven(design.get(rule)) for rule, (cat, _) in kinds.items() if cat == c)]
    return [c for c in style if c not in kept], kept


def mqm_rows(path: Path) -> dict[str, dict[str, dict]]:
    """half -> rule id -> {findings, hits, chance, ratio} from agreement.py's strict-run table."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["rules"]


def mqm_tallies(run: str) -> dict[str, dict[str, dict]]:
    """half -> rule id -> {findings, hits, chance, ratio} of a cached raw run over the WMT MQM dev file."""
    from agreement import Tally, chance, load, overlaps

    path = RUNS / f"wmt-mqm-{run}.json"
    if not path.exists():
        return {}
    layout: dict[str, list] = defaultdict(list)
    for item in load():
        layout[f"{item.system}/{item.doc}.txt"].append(item)
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for name, matches in json.loads(path.read_text(encoding="utf-8")).items():
        offset, placed = 0, []
        for item in sorted(layout[name], key=lambda i: i.doc_seg_id):
            placed.append((offset, item))
            offset += len(item.target) + 2  # segments are paragraphs (grammar_runs.documents)
        for m in matches:
            start, item = max((p for p in placed if p[0] <= m["start"]), key=lambda p: p[0])
            begin, end = m["start"] - start, min(m["end"] - start, len(item.target))
            if begin >= len(item.target):
                continue
            hit, expected = overlaps(begin, end, item.spans), chance(end - begin, len(item.target), item.spans)
            for half in (item.half, "all"):
                tallies[half][m["rule"]].add(hit, expected)
    return {half: {rule: t.to_json() for rule, t in rules.items()} for half, rules in tallies.items()}


def ratio_cell(row: dict | None) -> str:
    """`findings, ratio` of one rule on one MQM half."""
    if not row:
        return "-"
    ratio = row.get("ratio")
    return f"{row['findings']}, {ratio:.2f}" if ratio is not None else f"{row['findings']}, -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/evaluation.md or the profile")
    args = parser.parse_args()
    default, maximal = real_mt_counts("default"), real_mt_counts("maximal")
    strict = mqm_rows(OVERLAP)
    most = mqm_tallies("maximal")
    profile = json.loads(PROFILE.read_text(encoding="utf-8"))
    mqm_off = set(profile["disabled_rules"])
    off = sorted(rule for rule, halves in default.items() if not rule.endswith(HINTS)
                 and halves["design"].false >= MIN_FALSE and halves["design"].false > halves["design"].true)
    jar = language_jar()
    clock = clock_rules(jar)
    design = {rule: halves["design"] for rule, halves in default.items()}
    files = rule_kinds(jar)
    kinds = observed_kinds() | files
    style_off, style_kept = style_categories(files, kinds, design)
    human, human_words = human_rates()
    human_off = sorted(rule for rule, rate in human.items() if rate > HUMAN_RATE and not rule.endswith(HINTS)
                       and not proven(design.get(rule)))
    extra = sorted(set(maximal) - set(default))
    enable = sorted(rule for rule in extra if (row := most.get("A", {}).get(rule))
                    and row["findings"] >= MIN_FINDINGS and (row["ratio"] or 0) >= ENABLE_RATIO)

    rows = ["| LanguageTool rule | category, type | clean-en per 1,000 words | MQM half A: findings, ratio | "
            "MQM half B | real-mt design half: true/false/unjudged | real-mt check half | mt-review |",
            "|---|---|---:|---:|---:|---:|---:|---|"]
    for rule in sorted(set(default) | set(strict.get("A", {})) | set(human),
                       key=lambda r: -(sum(vars(c)[k] for c in default.get(r, {}).values() for k in vars(c))
                                       + strict.get("all", {}).get(r, {}).get("findings", 0))):
        halves = default.get(rule, {})
        category, kind = kinds.get(rule.removesuffix(CAPITALISED).removesuffix(VARIANT), ("?", ""))
        verdict = ("off (MQM half A)" if rule in mqm_off else "off (real-mt design half)" if rule in off
                   else "off (depends on the day of the check)" if rule in clock
                   else "off (style category)" if category in style_off
                   else "off (human English)" if rule in human_off
                   else "hint" if rule.endswith(HINTS) else "on")
        rate = f"{human[rule]:.3f}" if rule in human else "-"
        rows.append(f"| {rule} | {category}, {kind or '-'} | {rate} | {ratio_cell(strict.get('A', {}).get(rule))} | "
                    f"{ratio_cell(strict.get('B', {}).get(rule))} | {halves.get('design', Count()).cell()} | "
                    f"{halves.get('check', Count()).cell()} | {verdict} |")
    extra_rows = ["| LanguageTool rule (off by default or picky) | MQM half A: findings, ratio | MQM half B | "
                  "real-mt design half: true/false/unjudged | real-mt check half |", "|---|---:|---:|---:|---:|"]
    for rule in sorted(extra, key=lambda r: -most.get("all", {}).get(r, {}).get("findings", 0)):
        extra_rows.append(f"| {rule} | {ratio_cell(most.get('A', {}).get(rule))} | "
                          f"{ratio_cell(most.get('B', {}).get(rule))} | {maximal[rule]['design'].cell()} | "
                          f"{maximal[rule]['check'].cell()} |")
    body = f"""Command: `.venv/bin/python benchmarks/grammar_rules.py` (offline, from the cached raw LanguageTool runs of
`benchmarks/grammar_runs.py default real-mt` and `benchmarks/grammar_runs.py maximal real-mt wmt-mqm`, and the
strict-profile table `benchmarks/results/grammar-rule-overlap.json` written by `benchmarks/agreement.py`).

Per LanguageTool rule id: on the WMT MQM dev file, findings and the ratio of their hit rate on human error spans to
the chance rate (a span of the same length dropped at random in the same segment); on real-mt, findings on a gold
span or judged true / judged false / unjudged (`benchmarks/judgements/real-mt*.jsonl`). Both sets are split into a
half that chooses (MQM talks 2 and 5; the even-indexed real-mt articles) and a half that only checks (talks 6 and
7; the odd-indexed articles).

Rules LanguageTool runs by default. Switched off by the real-mt design half: {", ".join(f"`{r}`" for r in off) or "none"};
by MQM half A: `benchmarks/agreement.py`'s choice ({", ".join(f"`{r}`" for r in sorted(mqm_off)) or "none"}); and,
whatever they measure, the rules whose verdict depends on the day of the check (a weekday checked against a date
whose year is taken to be the current one, a date "in the future", a new year just begun), which would give the
same article a different score tomorrow: {", ".join(f"`{r}`" for r in clock)} (read from LanguageTool's rule
files by their date filters). Spelling on a capitalised word is a zero-weight name hint in mt-review (TQ830), and
so is spelling on a word LanguageTool names as British English in its American check, from its own en-US/en-GB
word list (TQ831; frequent in professional human English, see the clean-en column).

**Chosen without the MQM file** (the MQM half-A choice rests on few findings per rule: the rule that is most often
noise on half B is seen once on half A). Two criteria on data independent of the dev file, written down before
their outcome was known:
- *LanguageTool's own classification*: a category whose rules LanguageTool's English rule files all type `style`
  (a choice of wording, not an error) goes off: {", ".join(f"`{c}`" for c in style_off) or "none"}{
  (" (kept: " + ", ".join(f"`{c}`" for c in style_kept) + ")") if style_kept else ""}. Their Java rules go with them.
- *Human English*: a rule that fires more than {HUMAN_RATE:g} times per 1,000 words on the professional human
  translations of `../shared/data/clean-en` ({human_words:,} words, `benchmarks/grammar_runs.py default clean-en`;
  hits judged true in `benchmarks/judgements/clean-en-grammar.jsonl` not counted; {HUMAN_RATE:g} is issue 9's
  budget of false alarms per rule on human English) goes off: {", ".join(f"`{r}`" for r in human_off) or "none"}.
Either is kept when the rule (or one rule of the category) proves itself on the real-mt design half: at least
{MIN_TRUE} findings on a gold span or judged true, and more of those than judged false.

{chr(10).join(rows)}

Rules LanguageTool keeps off unless asked (`level=picky`, rules and categories with `default="off"` in its English
rule files, and `motherTongue` false friends where the installed modules have the article's source language), from
the `maximal` run. Switched on only at ≥ {ENABLE_RATIO:g}× chance over ≥ {MIN_FINDINGS} findings on MQM half A:
{", ".join(f"`{r}`" for r in enable) or "none qualifies"}, so the mt-review profile keeps LanguageTool's default
level.

{chr(10).join(extra_rows)}
"""
    print(body)
    if not args.no_docs:
        profile["chosen_by_real_mt"] = CHOSEN_BY
        profile["chosen_by_clock"] = ("benchmarks/grammar_rules.py: rules of LanguageTool's English rule files whose "
                                      "date filters compare with the day of the check")
        profile["chosen_by_style"] = (f"benchmarks/grammar_rules.py: LanguageTool categories whose rules its English "
                                      f"rule files all type style, unless one of their rules is on a gold span or "
                                      f"judged true at least {MIN_TRUE} times, and more often than judged false, on "
                                      f"the even-indexed articles of ../shared/corpus/real-mt")
        profile["chosen_by_human_english"] = (f"benchmarks/grammar_rules.py: LanguageTool rules that fire more than "
                                              f"{HUMAN_RATE:g} times per 1,000 words on ../shared/data/clean-en, with "
                                              f"the same exception")
        profile["disabled_rules_real_mt"] = off
        profile["disabled_rules_clock"] = clock
        profile["disabled_categories_style"] = style_off
        profile["disabled_rules_human_english"] = human_off
        PROFILE.write_text(json.dumps(profile, indent=1) + "\n", encoding="utf-8")
        write_section("LanguageTool rules for MT review, per rule id (issues 9 and 10)", body)


if __name__ == "__main__":
    main()
