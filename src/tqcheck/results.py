"""The result of checking one file."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import InputError
from .findings import Finding
from .scoring import Score


@dataclass
class FileResult:
    """What one file produced: findings and score, or the errors that kept it from being checked."""

    path: str
    format: str
    language: str
    source_language: str | None
    words: int = 0
    score: Score | None = None
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    grammar_checked: bool = False
    cached: bool = False
    source_language_guessed: bool = False
