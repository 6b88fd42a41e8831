"""The result of checking one file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import InputError
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
    metrics: "Metrics | None" = None  # BLEU, chrF++ and TER against a reference (check --reference)

    @property
    def failed(self) -> bool:
        """Whether the decision failed this file."""
        return self.verdict is not None and self.verdict.failed
