"""The results of a run, with the summary every emitter shows; the decision has already judged each file."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from statistics import mean, quantiles
from typing import TYPE_CHECKING

from .. import __version__
from ..findings import Severity
from ..results import FileResult
from ..scoring import Score, ScoreModel

if TYPE_CHECKING:
    from ..metrics import Metrics


@dataclass
class GrammarStatus:
    """Whether grammar was checked, and if not, why."""

    checked: bool
    reason: str = ""  # the same for the same input and configuration
    detail: str = ""  # which server, its port, the cache: differs between runs, so shown to people only

    def to_dict(self) -> dict:
        """The JSON form: no volatile detail, so reports of the same input compare byte for byte."""
        return {"checked": self.checked, "reason": self.reason}

    def describe(self) -> str:
        """The line for people: the detail when there is one."""
        return self.detail or self.reason


WORST_FILES = 5
NOISIEST_RULES = 5
_COUNTED = attrgetter("severity", "category", "code")


@dataclass
class Tally:
    """What the summary and the corpus score need of a run's files, gathered a file at a time: a report written as
    results arrive keeps this, not the files."""

    model: ScoreModel | None = None  # with a model, the points of scored files' findings for the corpus score
    files: int = 0
    words: int = 0
    findings: int = 0
    passed_files: int = 0
    failed_files: int = 0
    error_files: int = 0
    counts: Counter = field(default_factory=Counter)  # findings by (severity, category, code)
    scored: list[tuple[float, str, int, int]] = field(default_factory=list)  # quality, path, words, findings
    points: array = field(default_factory=lambda: array("d"))  # 8 bytes a finding, in the findings' order
    evidence: list[float] = field(default_factory=list)
    # A finding's points depend on its severity and category alone: worked out once for each pair.
    _points_of: dict[tuple[Severity, str], float] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, results: Iterable[FileResult], model: ScoreModel | None = None) -> "Tally":
        """The tally of every result."""
        tally = cls(model)
        for result in results:
            tally.add(result)
        return tally

    def add(self, result: FileResult) -> None:
        """Count one file's result."""
        findings = result.findings
        keys = list(map(_COUNTED, findings))
        self.files += 1
        self.words += result.words
        self.findings += len(findings)
        self.counts.update(keys)
        self.failed_files += result.failed
        self.error_files += bool(result.errors)
        score = result.score
        if score is None:
            return
        self.passed_files += not result.failed
        self.scored.append((score.quality, result.path, result.words, len(findings)))
        if self.model is not None:
            known = self._points_of
            for finding, (severity, category, _) in zip(findings, keys):
                points = known.get((severity, category))
                if points is None:
                    points = known[severity, category] = self.model.points(finding)
                self.points.append(points)
        if score.evidence is not None:
            self.evidence.append(score.evidence)

    def piece(self, result: FileResult) -> "Tally":
        """The tally of one result, counted with this tally's model and the points it has worked out, holding no
        model: what a worker sends back for `merge`."""
        piece = Tally(self.model, _points_of=self._points_of)
        piece.add(result)
        piece.model, piece._points_of = None, {}
        return piece

    def merge(self, other: "Tally") -> None:
        """Count another tally's files after this one's (the corpus score sums their points in that order)."""
        self.files += other.files
        self.words += other.words
        self.findings += other.findings
        self.passed_files += other.passed_files
        self.failed_files += other.failed_files
        self.error_files += other.error_files
        self.counts.update(other.counts)
        self.scored += other.scored
        self.points.extend(other.points)
        self.evidence += other.evidence

    def by(self, part: int) -> Counter:
        """Findings by severity (0), category (1) or code (2)."""
        counted: Counter = Counter()
        for key, count in self.counts.items():
            counted[key[part]] += count
        return counted

    def corpus_score(self) -> Score | None:
        """The score of every scored file's findings together (None when no file was scored; needs the model)."""
        if not self.scored:
            return None
        assert self.model is not None
        return self.model.score_points(self.points, sum(words for _, _, words, _ in self.scored),
                                       sum(self.evidence) if self.evidence else None)


@dataclass
class Report:
    """Every file's result, whether grammar was checked, the run's score signature, its corpus verdict, and the
    bytes of inputs that are not files (stdin). A report written as results arrive holds no files, and the tally
    of them for its summary."""

    files: list[FileResult]
    grammar: GrammarStatus = field(default_factory=lambda: GrammarStatus(False, "not checked"))
    signature: str = ""
    corpus_score: Score | None = None
    corpus_failures: list[str] = field(default_factory=list)
    corpus_metrics: "Metrics | None" = None
    model: ScoreModel = field(default_factory=ScoreModel)  # how the scores were made (the HTML report shows it)
    inputs: dict[str, bytes | None] = field(default_factory=dict)
    tally: Tally | None = None  # of `files` when not given

    @property
    def has_errors(self) -> bool:
        """Whether any file could not be checked."""
        return any(r.errors for r in self.files)

    def summary(self) -> dict:
        """Totals for the whole run: counts, the corpus score, the score distribution, worst files, rules."""
        tally = self.tally if self.tally is not None else Tally.of(self.files)
        findings, words, by_rule = tally.findings, tally.words, tally.by(2)
        by_severity = tally.by(0)
        return {
            "files": tally.files,
            "words": words,
            "findings": findings,
            "passed_files": tally.passed_files,
            "failed_files": tally.failed_files,
            "error_files": tally.error_files,
            "by_severity": {s.value: by_severity.get(s, 0) for s in Severity},
            "by_category": dict(sorted(tally.by(1).items())),
            "by_rule": dict(sorted(by_rule.items())),
            "score": self.corpus_score.to_dict() | {"signature": self.signature} if self.corpus_score else None,
            "passed": not self.corpus_failures,
            "failures": list(self.corpus_failures),
            "distribution": distribution([quality for quality, _, _, _ in tally.scored]),
            "worst_files": [{"path": path, "quality": quality, "words": words, "findings": count}
                            for quality, path, words, count in sorted(tally.scored, key=itemgetter(0, 1))
                            [:WORST_FILES]],
            "noisiest_rules": [{"code": code, "findings": count, "share": round(count / findings, 3),
                                "per_1000_words": round(count * 1000 / max(words, 1), 2)}
                               for code, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
                               [:NOISIEST_RULES]],
            "metrics": self.corpus_metrics.to_json() if self.corpus_metrics else None,
        }

    def head(self) -> dict:
        """The JSON document's keys before `files`."""
        return {"version": 1, "tool": {"name": "tqcheck", "version": __version__}, "grammar": self.grammar.to_dict()}

    def to_dict(self) -> dict:
        """The public JSON document (version 1): `head`, `files`, then `summary`."""
        return {**self.head(), "files": [file_dict(r, self.signature) for r in self.files], "summary": self.summary()}


def distribution(qualities: list[float]) -> dict | None:
    """Min, quartiles, mean and max of the file scores, and how many fall in each tenth of 0-100."""
    if not qualities:
        return None
    ordered = sorted(qualities)
    quartiles = quantiles(ordered, n=4, method="inclusive") if len(ordered) > 1 else [ordered[0]] * 3
    buckets = Counter(min(int(q // 10), 9) for q in ordered)
    return {"min": ordered[0], "p25": round(quartiles[0], 1), "median": round(quartiles[1], 1),
            "p75": round(quartiles[2], 1), "mean": round(mean(ordered), 1), "max": ordered[-1],
            "zero": sum(1 for q in ordered if q == 0),
            "histogram": {f"{10 * b}-{10 * b + 10}": buckets.get(b, 0) for b in range(10)}}


def file_dict(result: FileResult, signature: str) -> dict:
    """One file's JSON object."""
    return {
        "path": result.path,
        "format": result.format,
        "language": result.language,
        "source_language": result.source_language,
        "source_language_guessed": result.source_language_guessed,
        "words": result.words,
        "score": score_dict(result, signature),
        "metrics": result.metrics.to_json() if result.metrics else None,
        "grammar_checked": result.grammar_checked,
        "findings": [f.to_dict() for f in result.findings],
        "errors": [{"message": e.message, "line": e.line, "column": e.column} for e in result.errors],
        "gaps": [gap.to_dict() for gap in result.gaps],
    }


def score_dict(result: FileResult, signature: str) -> dict | None:
    """A scored file's score, threshold, verdict with its reasons, and signature; None for an unreadable file."""
    score, verdict = result.score, result.verdict
    if score is None or verdict is None:
        return None
    return score.to_dict() | {"threshold": verdict.threshold, "passed": verdict.passed,
                              "failures": list(verdict.failures), "signature": signature}
