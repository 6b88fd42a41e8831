"""Run tqcheck through its CLI only and sort its findings by a checked-in judgement file.

A judgement file holds one JSON record per judged finding: {file, start, end, code, text_sha1, verdict, reason}.
It never holds the finding's text (the shared data may not be copied): `text_sha1` is the first 12 hex digits of
the sha1 of the text, and the text is shown at run time from the shared file.

A judgement applies to a finding with the same file, span and text hash. The code is a preference, not part of
the key: a claim that moves to another rule is still a claim about the same text, as a gold span is found by any
rule. A judgement whose hash no longer matches the shared file's text at its span is stale and ignored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TQCHECK_SHARED", ROOT.parent / "shared"))
JUDGEMENTS = ROOT / "benchmarks" / "judgements"
CONTEXT = 50


def digest(text: str) -> str:
    """The key of a finding's text: the first 12 hex digits of its sha1."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Finding:
    """One finding of the JSON report, with its file named relative to the corpus folder."""

    file: str
    code: str
    origin: str
    line: int
    column: int
    start: int
    end: int
    text: str
    message: str

    @property
    def key(self) -> tuple[str, int, int, str]:
        """What a judgement is matched on."""
        return self.file, self.start, self.end, digest(self.text)


@dataclass(frozen=True)
class Judgement:
    """A person's verdict on one finding: a true problem or a false alarm."""

    file: str
    start: int
    end: int
    code: str
    text_sha1: str
    verdict: bool
    reason: str

    @property
    def key(self) -> tuple[str, int, int, str]:
        """What a finding is matched on."""
        return self.file, self.start, self.end, self.text_sha1


@dataclass
class Run:
    """What one tqcheck run over a corpus folder reported."""

    folder: Path
    texts: dict[str, str]
    words: int
    findings: list[Finding]
    tool: str
    grammar: str


def run_tqcheck(folder: Path, files: Iterable[Path], grammar: bool, options: Iterable[str] = ()) -> Run:
    """Check `files` with the default configuration (`--isolated`) and `options`, through the CLI and its JSON
    report."""
    files = sorted(files)
    command = [sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-cache", "--format", "json",
               "--fail-on", "none", "--grammar", "on" if grammar else "off", *options, *map(str, files)]
    with tempfile.TemporaryDirectory() as cache:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800,
                              env={**os.environ, "TQCHECK_CACHE_DIR": cache})
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"tqcheck gave no JSON report (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    texts, findings, words = {}, [], 0
    for entry in report["files"]:
        name = Path(entry["path"]).resolve().relative_to(folder.resolve()).as_posix()
        if entry["errors"]:
            raise SystemExit(f"tqcheck could not check {name}: {entry['errors']}")
        if grammar and not entry["grammar_checked"]:
            raise SystemExit(f"grammar was not checked in {name}: {report['grammar']['reason']}")
        texts[name] = (folder / name).read_text(encoding="utf-8")
        words += entry["words"]
        findings += [Finding(name, f["code"], f["origin"], f["line"], f["column"], f["start"], f["end"], f["text"],
                             f["message"])
                     for f in entry["findings"]]
    tool = f"{report['tool']['name']} {report['tool']['version']}"
    return Run(folder, texts, words, findings, tool, report["grammar"]["reason"])


def load_judgements(path: Path) -> list[Judgement]:
    """The judgements of a JSON-lines file (none when it does not exist)."""
    if not path.exists():
        return []
    judgements = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("verdict") not in ("true", "false") or not record.get("reason"):
            raise SystemExit(f"{path}:{number}: a judgement needs verdict 'true' or 'false' and a reason")
        judgements.append(Judgement(record["file"], record["start"], record["end"], record["code"],
                                    record["text_sha1"], record["verdict"] == "true", record["reason"]))
    return judgements


@dataclass
class Sorting:
    """Every finding of a run as a true problem, a false alarm or unjudged, and the state of the judgements."""

    true: list[Finding] = field(default_factory=list)
    false: list[Finding] = field(default_factory=list)
    unjudged: list[Finding] = field(default_factory=list)
    on_gold: list[Finding] = field(default_factory=list)
    moved: list[tuple[Finding, Judgement]] = field(default_factory=list)
    stale: list[Judgement] = field(default_factory=list)
    unused: list[Judgement] = field(default_factory=list)

    @property
    def findings(self) -> int:
        """How many findings were sorted."""
        return len(self.true) + len(self.false) + len(self.unjudged)


def sort_findings(run: Run, judgements: list[Judgement],
                  on_gold: Callable[[Finding], bool] = lambda finding: False) -> Sorting:
    """Sort findings: on a gold span is true; otherwise the judgement decides; otherwise unjudged."""
    sorting = Sorting()
    index: dict[tuple, list[Judgement]] = defaultdict(list)
    for judgement in judgements:
        text = run.texts.get(judgement.file)
        if text is None or digest(text[judgement.start:judgement.end]) != judgement.text_sha1:
            sorting.stale.append(judgement)
        else:
            index[judgement.key].append(judgement)
    used: set[int] = set()
    for finding in run.findings:
        if on_gold(finding):
            sorting.true.append(finding)
            sorting.on_gold.append(finding)
            continue
        candidates = index.get(finding.key, [])
        judgement = next((j for j in candidates if j.code == finding.code), candidates[0] if candidates else None)
        if judgement is None:
            sorting.unjudged.append(finding)
            continue
        used.add(id(judgement))
        if judgement.code != finding.code:
            sorting.moved.append((finding, judgement))
        (sorting.true if judgement.verdict else sorting.false).append(finding)
    sorting.unused = [j for js in index.values() for j in js if id(j) not in used]
    return sorting


def context(run: Run, finding: Finding) -> str:
    """The finding in a little of its text, on one line: `…before[text]after…`."""
    text = run.texts[finding.file]
    before = text[max(0, finding.start - CONTEXT):finding.start]
    after = text[finding.end:finding.end + CONTEXT]
    return f"…{before}[{finding.text}]{after}…".replace("\n", "⏎")


def describe(run: Run, finding: Finding) -> str:
    """One unjudged finding for a person to judge: where, which rule, the text and its context."""
    return (f"{finding.file}:{finding.line}:{finding.column}: {finding.code} {finding.message}\n"
            f"    {context(run, finding)}")


def template(finding: Finding) -> str:
    """A judgement record to fill in (verdict and reason) for an unjudged finding."""
    return json.dumps({"file": finding.file, "start": finding.start, "end": finding.end, "code": finding.code,
                       "text_sha1": digest(finding.text), "verdict": None, "reason": ""}, ensure_ascii=False)


def rule_rows(sorting: Sorting, words: int) -> list[str]:
    """Markdown table rows per rule: findings, on gold, judged true and false, unjudged, precision, false per 1,000."""
    counts: dict[str, Counter] = defaultdict(Counter)
    gold = {id(f) for f in sorting.on_gold}
    for kind, findings in (("true", sorting.true), ("false", sorting.false), ("unjudged", sorting.unjudged)):
        for finding in findings:
            counts[finding.code]["all"] += 1
            counts[finding.code]["gold" if id(finding) in gold else kind] += 1
    return [f"| {code} | {c['all']} | {c['gold']} | {c['true']} | {c['false']} | {c['unjudged']} | "
            f"{percent(c['gold'] + c['true'], c['all'] - c['unjudged'])} | {c['false'] * 1000 / words:.3f} |"
            for code, c in sorted(counts.items(), key=lambda item: (-item[1]["all"], item[0]))]


RULE_TABLE = ("| rule | findings | on gold | judged true | judged false | unjudged | precision (judged) "
              "| false per 1,000 words |\n|---|---:|---:|---:|---:|---:|---:|---:|")


def percent(part: int, whole: int) -> str:
    """`NN.N%`, or `-` when there is nothing to divide."""
    return f"{part / whole:.1%}" if whole else "-"


def share(part: int, whole: int) -> str:
    """`part/whole = NN.N%` (or `0/0`)."""
    return f"{part}/{whole} = {percent(part, whole)}"


def judgement_notes(sorting: Sorting) -> str:
    """A line on stale, unused and moved judgements (empty when there are none)."""
    notes = []
    if sorting.stale:
        notes.append(f"{len(sorting.stale)} stale judgements (the text at their span changed; ignored)")
    if sorting.unused:
        notes.append(f"{len(sorting.unused)} judgements match no current finding")
    if sorting.moved:
        notes.append(f"{len(sorting.moved)} findings judged under another rule code (same span and text)")
    return "; ".join(notes)


def print_state(run: Run, sorting: Sorting) -> None:
    """Print the unjudged findings (to judge) and the stale judgements (to redo) on stderr."""
    for judgement in sorting.stale:
        print(f"STALE {judgement.file}:{judgement.start}-{judgement.end} {judgement.code} ({judgement.reason})",
              file=sys.stderr)
    if sorting.unjudged:
        print(f"UNJUDGED ({len(sorting.unjudged)}):", file=sys.stderr)
        for finding in sorting.unjudged:
            print(describe(run, finding), file=sys.stderr)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options both judged benchmarks share."""
    parser.add_argument("--check-judged", action="store_true", help="exit 1 if any finding is unjudged")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite the section of docs/evaluation.md")
    parser.add_argument("--template", type=Path, metavar="FILE",
                        help="write a judgement record to fill in for every unjudged finding")


def finish(run: Run, sorting: Sorting, args: argparse.Namespace, write_docs: Callable[[], None]) -> None:
    """List what is left to judge, write the docs section and the template, and gate on unjudged findings."""
    print_state(run, sorting)
    if args.template:
        args.template.write_text("".join(template(f) + "\n" for f in sorting.unjudged), encoding="utf-8")
    if not args.no_docs:
        write_docs()
    if args.check_judged and sorting.unjudged:
        raise SystemExit(1)
