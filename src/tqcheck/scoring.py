"""The MQM-style score of one file: penalty points per 1000 words and the quality they leave."""

from __future__ import annotations

from dataclasses import dataclass

from . import __version__
from .defaults import WEIGHTS
from .findings import Finding

SIGNATURE = ("mqm|weights:" + ",".join(f"{name}={weight:g}" for name, weight in WEIGHTS.items())
             + "|norm:per-1000-words|quality:100-norm,floor-0|tqcheck:" + __version__)


@dataclass(frozen=True)
class Score:
    """Penalty points, their rate per 1000 words and the resulting quality (rounded to one decimal)."""

    penalty: float
    per_1000_words: float
    quality: float


def score(findings: list[Finding], words: int) -> Score:
    """Minor 1, major 5, critical 25 points; per 1000 words; quality = 100 - that, never below 0."""
    penalty = sum(f.severity.weight for f in findings)
    per_1000 = penalty * 1000.0 / words if words else (0.0 if not penalty else penalty * 1000.0)
    quality = max(0.0, 100.0 - per_1000)
    return Score(round(penalty, 1), round(per_1000, 1), round(quality, 1))
