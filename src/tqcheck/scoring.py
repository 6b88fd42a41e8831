"""The MQM-style score: penalty points, normed per reference word count, and the quality 0-100 they leave."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from . import __version__
from .defaults import LENGTH_SCALE, REFERENCE_WORDS, SCORE_MODEL, TOLERANCE, WEIGHTS
from .digests import key_of
from .findings import Finding, Severity

# The quality at the tolerance: a text with `tolerance` normed penalty points scores exactly this.
ANCHOR = 95.0
_SEVERITY = attrgetter("severity")


@dataclass(frozen=True)
class Score:
    """Penalty total, evaluation word count, the rates derived from them and the quality (one decimal)."""

    penalty: float
    words: int
    per_1000_words: float
    normed_penalty: float
    quality: float
    evidence: float | None = None  # graded omission evidence from the source (--source), included in the penalty

    def to_dict(self) -> dict:
        """The JSON fields of a score (the verdict adds threshold, passed and failures; --source adds evidence)."""
        fields = {"penalty": self.penalty, "evaluation_words": self.words, "per_1000_words": self.per_1000_words,
                  "normed_penalty": self.normed_penalty, "quality": self.quality}
        return fields if self.evidence is None else fields | {"source_evidence": self.evidence}


@dataclass(frozen=True)
class ScoreModel:
    """How findings become a score: severity and category weights, normalisation and the quality curve."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict(WEIGHTS))
    category_weights: Mapping[str, float] = field(default_factory=dict)
    model: str = SCORE_MODEL
    tolerance: float = TOLERANCE
    reference_words: int = REFERENCE_WORDS
    length_aware: bool = False
    length_scale: int = LENGTH_SCALE

    def points(self, finding: Finding) -> float:
        """Severity weight times the weight of the longest matching category prefix (default 1)."""
        prefixes = [c for c in self.category_weights if finding.category == c or finding.category.startswith(c + "/")]
        factor = self.category_weights[max(prefixes, key=len)] if prefixes else 1.0
        return self.weights.get(finding.severity.value, WEIGHTS[finding.severity.value]) * factor

    def normed(self, penalty: float, words: int) -> float:
        """Penalty points per `reference_words` words; length-aware: against a tolerance growing with ln(length)."""
        words = max(words, 1)
        if self.length_aware:
            scale = self.length_scale
            return penalty * math.log1p(self.reference_words / scale) / math.log1p(words / scale)
        return penalty * self.reference_words / words

    def quality(self, normed: float) -> float:
        """calibrated: 100 x 0.95^(normed / tolerance); linear: 100 - 5 x normed / tolerance, never below 0."""
        if self.model == "linear":
            return max(0.0, 100.0 - (100.0 - ANCHOR) * normed / self.tolerance)
        return 100.0 * (ANCHOR / 100.0) ** (normed / self.tolerance)

    def score(self, findings: Iterable[Finding], words: int, evidence: float | None = None) -> Score:
        """The score of findings (plus graded source evidence points) over `words` evaluated words (an empty text
        scores 100)."""
        if not self.category_weights:  # each finding's points are its severity's: looked up, not worked out
            return self.score_points(map(self._severity_points.__getitem__, map(_SEVERITY, findings)), words, evidence)
        return self.score_points(map(self.points, findings), words, evidence)

    @cached_property
    def _severity_points(self) -> dict[Severity, float]:
        """`points` of a finding of each severity, without category weights."""
        return {severity: self.weights.get(severity.value, WEIGHTS[severity.value]) * 1.0 for severity in Severity}

    def score_points(self, points: Iterable[float], words: int, evidence: float | None = None) -> Score:
        """The score of findings' `points` (in the findings' order: the same sum to the last bit) over `words`."""
        penalty = sum(points, 0.0) + (evidence or 0.0)
        normed = self.normed(penalty, words) if penalty else 0.0
        per_1000 = penalty * 1000.0 / max(words, 1)
        return Score(round(penalty, 1), words, round(per_1000, 1), round(normed, 1), round(self.quality(normed), 1),
                     None if evidence is None else round(evidence, 1))

    def describe(self) -> str:
        """The model part of the signature."""
        weights = ",".join(f"{name}={self.weights.get(name, WEIGHTS[name]):g}" for name in WEIGHTS)
        categories = ",".join(f"{c}={w:g}" for c, w in sorted(self.category_weights.items())) or "none"
        length = f"log,scale={self.length_scale}" if self.length_aware else "linear"
        return (f"model:{self.model},tolerance={self.tolerance:g},anchor={ANCHOR:g}|rwc:{self.reference_words}"
                f"|length:{length}|weights:{weights}|categories:{categories}")


def digest(texts: Iterable[str]) -> str:
    """A short content digest (12 hex digits) of several texts, for the signature."""
    return key_of(*texts)[:12]


def signature(model: ScoreModel, packs: str, glossary: str, grammar: str) -> str:
    """Everything a score depends on besides the text: same signature and text, same score."""
    return f"tqcheck:{__version__}|{model.describe()}|packs:{packs}|glossary:{glossary}|grammar:{grammar}"
