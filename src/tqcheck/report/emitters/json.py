"""The JSON report (docs/report.schema.json) and rule list."""

from __future__ import annotations

import json

from ...findings import RuleInfo
from ...results import FileResult
from ..model import Report, file_dict
from . import whole


class JsonEmitter:
    """Deterministic JSON on one line (the C encoder: indenting is several times slower on large runs), written a
    file at a time: byte for byte `report.to_dict()` as one line, without ever holding all of it in memory."""

    def __init__(self, color: bool = False):
        self.color = color  # JSON is never coloured

    def report(self, report: Report) -> str:
        """The public JSON document."""
        return whole(self, report)

    def opening(self, report: Report) -> str:
        """The keys before `files`, and the list's opening."""
        return _dumps(report.head())[:-1] + ', "files": ['

    def part(self, report: Report, result: FileResult, index: int) -> str:
        """File number `index`'s object."""
        return (", " if index else "") + _dumps(file_dict(result, report.signature))

    def closing(self, report: Report) -> str:
        """The end of `files`, and the summary."""
        return '], "summary": ' + _dumps(report.summary()) + "}\n"

    def rules(self, rules: list[RuleInfo]) -> str:
        """Every rule as an object, indented for reading."""
        listed = [{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity.value,
                   "origin": r.origin, "pack": r.pack, "description": r.description} for r in rules]
        return json.dumps(listed, indent=2, ensure_ascii=False) + "\n"


# One encoder for every piece (the report's dicts are made fresh, never circular: the check is skipped).
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), check_circular=False).encode
