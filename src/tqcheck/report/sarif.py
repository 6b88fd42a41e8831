"""SARIF 2.1.0 output, for code-scanning dashboards and editors."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import Finding
from .model import Report

_LEVELS = {"critical": "error", "major": "warning", "minor": "note"}


def _rule(finding: Finding) -> dict:
    return {
        "id": finding.code,
        "name": finding.rule,
        "shortDescription": {"text": finding.rule.replace("-", " ")},
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


def format_sarif(report: Report, color: bool = False) -> str:
    """One SARIF run: rules seen, results with exact regions (code points), files that could not be read."""
    rules: dict[str, dict] = {}
    results = []
    notifications = []
    for file in report.files:
        for finding in file.findings:
            rules.setdefault(finding.code, _rule(finding))
            results.append(_result(file.path, finding))
        for error in file.errors:
            notification = {"level": "error", "message": {"text": error.message},
                            "locations": [{"physicalLocation": {"artifactLocation": {"uri": file.path}}}]}
            if error.line:
                notification["locations"][0]["physicalLocation"]["region"] = {
                    "startLine": error.line, **({"startColumn": error.column} if error.column else {})}
            notifications.append(notification)
    run = {
        "tool": {"driver": {"name": "tqcheck", "version": __version__, "rules": [rules[c] for c in sorted(rules)]}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not report.has_errors, "toolExecutionNotifications": notifications}],
        "results": results,
        "properties": {"grammar": report.grammar.to_dict(), "summary": report.summary()},
    }
    document = {"version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, separators=(", ", ": ")) + "\n"
