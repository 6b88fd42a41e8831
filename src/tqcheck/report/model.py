"""The results of a run, with the summary every emitter shows; the decision has already judged each file."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import __version__
from ..findings import Severity
from ..results import FileResult
from ..scoring import SIGNATURE


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


@dataclass
class Report:
    """Every file's result, whether grammar was checked, and the bytes of inputs that are not files (stdin)."""

    files: list[FileResult]
    grammar: GrammarStatus = field(default_factory=lambda: GrammarStatus(False, "not checked"))
    inputs: dict[str, bytes | None] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        """Whether any file could not be checked."""
        return any(r.errors for r in self.files)

    def summary(self) -> dict:
        """Totals for the whole run."""
        findings = [f for r in self.files for f in r.findings]
        by_severity = Counter(f.severity.value for f in findings)
        by_category = Counter(f.category for f in findings)
        return {
            "files": len(self.files),
            "words": sum(r.words for r in self.files),
            "findings": len(findings),
            "failed_files": sum(1 for r in self.files if r.failed),
            "error_files": sum(1 for r in self.files if r.errors),
            "by_severity": {s.value: by_severity.get(s.value, 0) for s in Severity},
            "by_category": dict(sorted(by_category.items())),
        }

    def to_dict(self) -> dict:
        """The public JSON document (version 1)."""
        return {
            "version": 1,
            "tool": {"name": "tqcheck", "version": __version__},
            "grammar": self.grammar.to_dict(),
            "files": [_file_dict(r) for r in self.files],
            "summary": self.summary(),
        }


def _file_dict(result: FileResult) -> dict:
    return {
        "path": result.path,
        "format": result.format,
        "language": result.language,
        "source_language": result.source_language,
        "source_language_guessed": result.source_language_guessed,
        "words": result.words,
        "score": score_dict(result),
        "grammar_checked": result.grammar_checked,
        "findings": [f.to_dict() for f in result.findings],
        "errors": [{"message": e.message, "line": e.line, "column": e.column} for e in result.errors],
        "gaps": [gap.to_dict() for gap in result.gaps],
    }


def score_dict(result: FileResult) -> dict | None:
    """A scored file's penalty, rate, quality, threshold, verdict and signature; None for an unreadable file."""
    score, verdict = result.score, result.verdict
    if score is None or verdict is None:
        return None
    return {"penalty": score.penalty, "per_1000_words": score.per_1000_words, "quality": score.quality,
            "threshold": verdict.threshold, "passed": verdict.passed, "signature": SIGNATURE}
