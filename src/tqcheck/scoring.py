"""The MQM-style score of one file."""

from __future__ import annotations

from dataclasses import dataclass

from . import __version__
from .findings import Finding, Severity

SIGNATURE = "mqm|weights:minor=1,major=5,critical=25|norm:per-1000-words|quality:100-norm,floor-0|tqcheck:" + __version__


@dataclass(frozen=True)
class Score:
    """Penalty points, their rate per 1000 words, the resulting quality and whether it passes."""

    penalty: float
    per_1000_words: float
    quality: float
    threshold: float
    passed: bool

    def to_dict(self) -> dict:
        """The public JSON shape of a score."""
        return {"penalty": self.penalty, "per_1000_words": self.per_1000_words, "quality": self.quality,
                "threshold": self.threshold, "passed": self.passed, "signature": SIGNATURE}


def score(findings: list[Finding], words: int, threshold: float) -> Score:
    """Minor 1, major 5, critical 25 points; per 1000 words; quality = 100 - that, never below 0."""
    penalty = sum(Severity(f.severity).weight for f in findings)
    per_1000 = penalty * 1000.0 / words if words else (0.0 if not penalty else penalty * 1000.0)
    quality = max(0.0, 100.0 - per_1000)
    return Score(round(penalty, 1), round(per_1000, 1), round(quality, 1), threshold, round(quality, 1) >= threshold)
