"""The JSON report (docs/report.schema.json) and rule list."""

from __future__ import annotations

import json

from ...findings import RuleInfo
from ..model import Report


class JsonEmitter:
    """Deterministic JSON on one line (the C encoder: indenting is several times slower on large runs)."""

    def __init__(self, color: bool = False):
        self.color = color  # JSON is never coloured

    def report(self, report: Report) -> str:
        """The public JSON document."""
        return json.dumps(report.to_dict(), ensure_ascii=False, separators=(", ", ": ")) + "\n"

    def rules(self, rules: list[RuleInfo]) -> str:
        """Every rule as an object, indented for reading."""
        listed = [{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity.value,
                   "origin": r.origin, "pack": r.pack, "description": r.description} for r in rules]
        return json.dumps(listed, indent=2, ensure_ascii=False) + "\n"
