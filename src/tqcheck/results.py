"""The result of checking one file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import ExitCode, InputError
from .findings import Finding
from .scoring import Score

if TYPE_CHECKING:
    from .metrics import Metrics


@dataclass(frozen=True)
class Verdict:
    """What the decision made of a file's findings and score."""

    threshold: float
    passed: bool  # the score reaches the threshold
    failed: bool  # the file fails the run: a low score, a finding at or above fail-on, or a limit exceeded
    failures: tuple[str, ...] = ()  # why it failed, one phrase per reason


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
    metrics: "Metrics | None" = None  # BLEU, chrF++ and TER against a reference (check --reference)
    baselined: int = 0  # findings left out because the baseline holds them

    @property
    def failed(self) -> bool:
        """Whether the decision failed this file."""
        return self.verdict is not None and self.verdict.failed
