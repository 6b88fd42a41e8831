"""The result of checking one file."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ExitCode, InputError
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


@dataclass(frozen=True)
class Gap:
    """A part of a file's check that did not run (a rule out of time, grammar), why, and what it costs the run."""

    part: str  # a rule code, or "grammar"
    message: str
    exit_code: ExitCode

    def to_dict(self) -> dict:
        return {"part": self.part, "message": self.message}


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
    gaps: list[Gap] = field(default_factory=list)  # checked and scored, but without these parts
    grammar_checked: bool = False
    cached: bool = False
    source_language_guessed: bool = False
    baselined: int = 0  # findings left out because the baseline holds them

    @property
    def failed(self) -> bool:
        """Whether the decision failed this file."""
        return self.verdict is not None and self.verdict.failed
