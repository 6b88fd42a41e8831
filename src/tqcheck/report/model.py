"""The results of a run, with the summary every emitter shows; the decision has already judged each file."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import mean, quantiles
from collections.abc import Iterator
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


@dataclass
class Report:
    """Every file's result, whether grammar was checked, the run's score signature, its corpus verdict, and the
    bytes of inputs that are not files (stdin)."""

    files: list[FileResult]
    grammar: GrammarStatus = field(default_factory=lambda: GrammarStatus(False, "not checked"))
    signature: str = ""
    corpus_score: Score | None = None
    corpus_failures: list[str] = field(default_factory=list)
    corpus_metrics: "Metrics | None" = None
    model: ScoreModel = field(default_factory=ScoreModel)  # how the scores were made (the HTML report shows it)
    inputs: dict[str, bytes | None] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        """Whether any file could not be checked."""
        return any(r.errors for r in self.files)

    def summary(self) -> dict:
        """Totals for the whole run: counts, the corpus score, the score distribution, worst files, rules."""
        findings = [f for r in self.files for f in r.findings]
        scored = [r for r in self.files if r.score is not None]
        words = sum(r.words for r in self.files)
        by_severity = Counter(f.severity.value for f in findings)
        by_category = Counter(f.category for f in findings)
        by_rule = Counter(f.code for f in findings)
        return {
            "files": len(self.files),
            "words": words,
            "findings": len(findings),
            "passed_files": sum(1 for r in scored if not r.failed),
            "failed_files": sum(1 for r in self.files if r.failed),
            "error_files": sum(1 for r in self.files if r.errors),
            "by_severity": {s.value: by_severity.get(s.value, 0) for s in Severity},
            "by_category": dict(sorted(by_category.items())),
            "by_rule": dict(sorted(by_rule.items())),
            "score": self.corpus_score.to_dict() | {"signature": self.signature} if self.corpus_score else None,
            "passed": not self.corpus_failures,
            "failures": list(self.corpus_failures),
            "distribution": distribution([r.score.quality for r in scored]),
            "worst_files": [{"path": r.path, "quality": r.score.quality, "words": r.words,
                             "findings": len(r.findings)}
                            for r in sorted(scored, key=lambda r: (r.score.quality, r.path))[:WORST_FILES]],
            "noisiest_rules": [{"code": code, "findings": count, "share": round(count / len(findings), 3),
                                "per_1000_words": round(count * 1000 / max(words, 1), 2)}
                               for code, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
                               [:NOISIEST_RULES]],
            "metrics": self.corpus_metrics.to_json() if self.corpus_metrics else None,
        }

    def head(self) -> dict:
        """The JSON document's keys before `files`."""
        return {"version": 1, "tool": {"name": "tqcheck", "version": __version__}, "grammar": self.grammar.to_dict()}

    def file_dicts(self) -> Iterator[dict]:
        """Each file's JSON object, made as it is asked for."""
        return (_file_dict(r, self.signature) for r in self.files)

    def to_dict(self) -> dict:
        """The public JSON document (version 1): `head`, `files`, then `summary`."""
        return {**self.head(), "files": list(self.file_dicts()), "summary": self.summary()}


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


def _file_dict(result: FileResult, signature: str) -> dict:
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
