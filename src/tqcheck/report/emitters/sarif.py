"""SARIF 2.1.0 output, for code-scanning dashboards and editors."""

from __future__ import annotations

import json

from ... import __version__
from ...findings import Finding, RuleInfo
from ..model import Report

_LEVELS = {"neutral": "none", "critical": "error", "major": "warning", "minor": "note"}


def _rule(finding: Finding) -> dict:
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name.replace("-", " ")},
        "defaultConfiguration": {"level": _LEVELS[finding.severity.value]},
        "properties": {"category": finding.category, "origin": finding.origin},
    }


def _result(path: str, finding: Finding) -> dict:
    location = {"physicalLocation": {
        "artifactLocation": {"uri": path},
        "region": {
            "startLine": finding.line, "startColumn": finding.column,
            "endLine": finding.end_line, "endColumn": finding.end_column,
            "charOffset": finding.start, "charLength": finding.end - finding.start,
            "snippet": {"text": finding.text},
        },
    }}
    result = {
        "ruleId": finding.code,
        "level": _LEVELS[finding.severity.value],
        "message": {"text": finding.message},
        "locations": [location],
        "properties": {"category": finding.category, "severity": finding.severity.value,
                       "suggestions": list(finding.suggestions), "origin": finding.origin},
    }
    if finding.fix_safe and finding.suggestions:
        result["fixes"] = [{
            "description": {"text": f"Replace with '{finding.suggestions[0]}'"},
            "artifactChanges": [{
                "artifactLocation": {"uri": path},
                "replacements": [{
                    "deletedRegion": {"charOffset": finding.start, "charLength": finding.end - finding.start},
                    "insertedContent": {"text": finding.suggestions[0]},
                }],
            }],
        }]
    return result


class SarifEmitter:
    """SARIF 2.1.0: exact regions in code points, safe fixes, files that could not be read as notifications."""

    def __init__(self, color: bool = False):
        self.color = color  # SARIF is never coloured

    def report(self, report: Report) -> str:
        """One run: rules seen, results with exact regions, files that could not be read."""
        rules: dict[str, dict] = {}
        results = []
        notifications = []
        for file in report.files:
            for finding in file.findings:
                rules.setdefault(finding.code, _rule(finding))
                results.append(_result(file.path, finding))
            notifications += [_notification(file.path, error) for error in file.errors]
        run = {
            "tool": _tool([rules[c] for c in sorted(rules)]),
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not report.has_errors,
                             "toolExecutionNotifications": notifications}],
            "results": results,
            "properties": {"grammar": report.grammar.to_dict(), "summary": report.summary()},
        }
        return _dump(run)

    def rules(self, rules: list[RuleInfo]) -> str:
        """A run with every rule in the driver and no results: the rule metadata dashboards import."""
        described = [{
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.name.replace("-", " ")},
            "fullDescription": {"text": r.description},
            "defaultConfiguration": {"level": _LEVELS[r.severity.value]},
            "properties": {"category": r.category, "origin": r.origin, "pack": r.pack},
        } for r in rules]
        return _dump({"tool": _tool(described), "columnKind": "unicodeCodePoints", "results": []})


def _notification(path: str, error) -> dict:
    notification = {"level": "error", "message": {"text": error.message},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": path}}}]}
    if error.line:
        notification["locations"][0]["physicalLocation"]["region"] = {
            "startLine": error.line, **({"startColumn": error.column} if error.column else {})}
    return notification


def _tool(rules: list[dict]) -> dict:
    return {"driver": {"name": "tqcheck", "version": __version__, "rules": rules}}


def _dump(run: dict) -> str:
    return json.dumps({"version": "2.1.0", "runs": [run]}, ensure_ascii=False, separators=(", ", ": ")) + "\n"
