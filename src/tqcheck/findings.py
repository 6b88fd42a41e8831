"""The finding record every check emits and every formatter reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .defaults import WEIGHTS


class Severity(str, Enum):
    """MQM severities, ordered neutral < minor < major < critical; neutral findings are zero-weight hints."""

    NEUTRAL = "neutral"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """-1 for neutral, 0 for minor, 1 for major, 2 for critical."""
        return _RANKS[self]

    @property
    def weight(self) -> float:
        """Default MQM penalty points: neutral 0, minor 1, major 5, critical 25."""
        return WEIGHTS[self.value]


_RANKS = {Severity.NEUTRAL: -1, Severity.MINOR: 0, Severity.MAJOR: 1, Severity.CRITICAL: 2}


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a rule is: stable code, name, MQM category, default severity, description."""

    code: str
    name: str
    category: str
    severity: Severity
    description: str
    origin: str = "rules"
    pack: str = "builtin"
    fix_safe: bool = False
    priority: int = 0  # where findings overlap, the higher priority (the more specific rule) wins first
    where: str = ""  # `pack.yaml:LINE` of a pack rule, for messages about the rule itself


@dataclass(slots=True)
class Hit:
    """A match a check reports, in prose offsets, before positions and filtering."""

    rule: RuleInfo
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    allow_in: frozenset[str] = frozenset()
    spelling: bool = False  # a dictionary spelling match, which yields to glossary terms
    languages: tuple[str, ...] = ()  # source languages this hit is evidence of (leakage)
    grammar_ids: tuple[str, ...] = ()  # LanguageTool rule id and category, which severity overrides may name


@dataclass(slots=True)
class Finding:
    """One reported problem at an exact file position."""

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    text: str
    suggestions: list[str]
    fix_safe: bool
    origin: str
    start: int
    end: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    extra: dict = field(default_factory=dict)
    priority: int = 0
    fingerprint: str = ""  # identity robust to moved lines (baseline.fingerprint); not in the JSON report

    def to_dict(self) -> dict:
        """The public JSON shape of a finding (key order is part of the interface)."""
        return {
            "code": self.code, "rule": self.name, "category": self.category, "severity": self.severity.value,
            "message": self.message, "text": self.text, "suggestions": list(self.suggestions),
            "fix_safe": self.fix_safe, "origin": self.origin, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column, "start": self.start, "end": self.end,
        }
