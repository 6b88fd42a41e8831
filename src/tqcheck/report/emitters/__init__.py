"""Output formats behind one protocol: each emitter is one module here and one line in EMITTERS."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ...findings import RuleInfo
    from ..model import Report

# Format name -> module:class, imported when used, so the command line starts without them.
EMITTERS = {
    "text": "text:TextEmitter",
    "json": "json:JsonEmitter",
    "sarif": "sarif:SarifEmitter",
}


class Emitter(Protocol):
    """Renders a run's report, or the rule list of `tqcheck rules`, as one string."""

    def __init__(self, color: bool = False) -> None:
        """`color` styles the output of emitters that can (text); the others ignore it."""

    def report(self, report: Report) -> str:
        """The whole report."""

    def rules(self, rules: list[RuleInfo]) -> str:
        """Every rule with code, severity, category and description."""


def emitter(name: str, *, color: bool = False) -> Emitter:
    """The emitter for a format name."""
    module, _, cls = EMITTERS[name].partition(":")
    return getattr(import_module(f"{__name__}.{module}"), cls)(color=color)
