"""The JSON report (docs/report.schema.json) and rule list."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ...findings import RuleInfo
from ..model import Report


class JsonEmitter:
    """Deterministic JSON on one line (the C encoder: indenting is several times slower on large runs)."""

    def __init__(self, color: bool = False):
        self.color = color  # JSON is never coloured

    def report(self, report: Report) -> str:
        """The public JSON document."""
        return "".join(self.pieces(report))

    def pieces(self, report: Report) -> Iterator[str]:
        """The document in pieces, one per file, made as they are written: byte for byte `report.to_dict()` as one
        line, without ever holding all of it (files, then their JSON) in memory."""
        head = _dumps(report.head())
        yield head[:-1] + ', "files": ['
        for index, file in enumerate(report.file_dicts()):
            yield (", " if index else "") + _dumps(file)
        yield '], "summary": ' + _dumps(report.summary()) + "}\n"

    def rules(self, rules: list[RuleInfo]) -> str:
        """Every rule as an object, indented for reading."""
        listed = [{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity.value,
                   "origin": r.origin, "pack": r.pack, "description": r.description} for r in rules]
        return json.dumps(listed, indent=2, ensure_ascii=False) + "\n"


# One encoder for every piece (the report's dicts are made fresh, never circular: the check is skipped).
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), check_circular=False).encode
