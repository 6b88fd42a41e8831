"""Output formats behind one protocol: each emitter is one module here and one line in EMITTERS."""

from __future__ import annotations

from typing import Protocol

from ...findings import RuleInfo
from ..model import Report
from .json import JsonEmitter
from .sarif import SarifEmitter
from .text import TextEmitter


class Emitter(Protocol):
    """Renders a run's report, or the rule list of `tqcheck rules`, as one string."""

    def report(self, report: Report) -> str:
        """The whole report."""

    def rules(self, rules: list[RuleInfo]) -> str:
        """Every rule with code, severity, category and description."""


EMITTERS: dict[str, type] = {
    "text": TextEmitter,
    "json": JsonEmitter,
    "sarif": SarifEmitter,
}


def emitter(name: str, *, color: bool = False) -> Emitter:
    """The emitter for a format name; `color` styles the output of those that can (text)."""
    return EMITTERS[name](color=color)
