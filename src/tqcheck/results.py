"""The result of checking one file."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import InputError
from .findings import Finding
from .scoring import Score


@dataclass(frozen=True)
class Verdict:
    """What the decision made of a file's findings and score."""

    threshold: float
    passed: bool  # the score reaches the threshold
    failed: bool  # the file fails the run: a low score or a finding at or above fail-on
    severe: int = 0  # findings at or above fail-on
    fail_on: str = "none"

    @property
    def reason(self) -> str:
        """Why a file whose score passed still fails, or '' (a low score speaks for itself)."""
        if not self.failed or not self.passed:
            return ""
        return f"{self.severe} finding{'s' if self.severe != 1 else ''} at or above fail-on {self.fail_on}"


@dataclass
class FileResult:
    """What one file produced: findings, score and verdict, or the errors that kept it from being checked."""

    path: str
    format: str
    language: str
    source_language: str | None
    words: int = 0
    score: Score | None = None
    verdict: Verdict | None = None
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    grammar_checked: bool = False
    cached: bool = False
    source_language_guessed: bool = False

    @property
    def failed(self) -> bool:
        """Whether the decision failed this file."""
        return self.verdict is not None and self.verdict.failed
