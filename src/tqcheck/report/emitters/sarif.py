"""SARIF 2.1.0 output, for code-scanning dashboards and editors."""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from urllib.parse import quote

from ... import __version__
from ...findings import Finding, RuleInfo
from ...results import FileResult
from ..fingerprints import VERSION as FINGERPRINT, fingerprints
from ..model import Report, score_dict
from ..rule_docs import RuleDoc, builtin_docs, doc_for, readme_url
from .markup import code_span

_LEVELS = {"neutral": "none", "critical": "error", "major": "warning", "minor": "note"}
SRCROOT = "%SRCROOT%"


def _descriptor(doc: RuleDoc) -> dict:
    """A rule as dashboards show it: descriptions, help with examples, README link, MQM category as a tag."""
    info = doc.info
    descriptor = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.name.replace("-", " ")},
        "fullDescription": {"text": info.description},
        "help": {"text": _help(doc, markdown=False), "markdown": _help(doc, markdown=True)},
        "defaultConfiguration": {"level": _LEVELS[info.severity.value]},
        "properties": {"category": info.category, "origin": info.origin, "pack": info.pack,
                       "tags": ["mqm", info.category, info.category.split("/")[0]]},
    }
    if readme_url():
        descriptor["helpUri"] = f"{readme_url()}#{doc.section}"
    return descriptor


def _help(doc: RuleDoc, markdown: bool) -> str:
    """The rule's description, MQM category, default severity and examples, in Markdown or plain text."""
    info = doc.info
    quote_text = code_span if markdown else (lambda text: f"'{text}'")
    lines = [info.description, "",
             f"MQM category {quote_text(info.category)}, {info.severity.value} by default ({info.code} {info.name})."]
    if doc.fail:
        lines += ["", "Flagged:"]
        for example in doc.fail:
            extra = (f", flags {quote_text(example.flagged)}" if example.flagged else "") + (
                f", fix {quote_text(example.fix)}" if example.fix else "")
            lines.append(f"- {quote_text(example.text)}{extra}")
    if doc.passing:
        lines += ["", "Left alone:"] + [f"- {quote_text(example.text)}" for example in doc.passing]
    if readme_url():
        link = f"{readme_url()}#{doc.section}"
        lines += ["", f"More in the [tqcheck README]({link})." if markdown else f"More in the tqcheck README: {link}"]
    return "\n".join(lines)


def _location(path: str) -> dict:
    """An artifact location: relative to %SRCROOT% (the folder tqcheck ran in) when the file is under it."""
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            pure = Path(path).relative_to(Path.cwd())
        except ValueError:
            return {"uri": Path(path).as_uri()}
    return {"uri": quote(pure.as_posix()), "uriBaseId": SRCROOT}


def _result(finding: Finding, location: dict, artifact: int, rule: int, fingerprint: str) -> dict:
    physical = {
        "artifactLocation": {**location, "index": artifact},
        "region": {
            "startLine": finding.line, "startColumn": finding.column,
            "endLine": finding.end_line, "endColumn": finding.end_column,
            "charOffset": finding.start, "charLength": finding.end - finding.start,
            "snippet": {"text": finding.text},
        },
    }
    result = {
        "ruleId": finding.code,
        "ruleIndex": rule,
        "level": _LEVELS[finding.severity.value],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"category": finding.category, "severity": finding.severity.value,
                       "suggestions": list(finding.suggestions), "origin": finding.origin},
    }
    if finding.fix_safe and finding.suggestions:
        result["fixes"] = [{
            "description": {"text": f"Replace with '{finding.suggestions[0]}'"},
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{
                    "deletedRegion": {"charOffset": finding.start, "charLength": finding.end - finding.start},
                    "insertedContent": {"text": finding.suggestions[0]},
                }],
            }],
        }]
    return result


def _artifact(result: FileResult, location: dict, signature: str) -> dict:
    """A checked file with its score: code-scanning shows results, this keeps the article's verdict beside them."""
    return {"location": location, "sourceLanguage": result.format,
            "properties": {"words": result.words, "score": score_dict(result, signature), "failed": result.failed}}


class SarifEmitter:
    """SARIF 2.1.0: exact regions in code points, rule help, stable fingerprints, scores, safe fixes."""

    def __init__(self, color: bool = False):
        self.color = color  # SARIF is never coloured

    def report(self, report: Report) -> str:
        """One run: rules seen, a scored artifact per file, results with exact regions, unreadable files."""
        docs = {f.code: doc_for(f) for file in report.files for f in file.findings}
        codes = sorted(docs)
        rule_index = {code: index for index, code in enumerate(codes)}
        artifacts, results, notifications = [], [], []
        for index, file in enumerate(report.files):
            location = _location(file.path)
            artifacts.append(_artifact(file, location, report.signature))
            for finding, fingerprint in zip(file.findings, fingerprints(file.findings)):
                results.append(_result(finding, location, index, rule_index[finding.code], fingerprint))
            notifications += [_notification(location, error) for error in file.errors]
            notifications += [_notification(location, gap, "warning") for gap in file.gaps]
        run = {
            "tool": _tool([_descriptor(docs[code]) for code in codes]),
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not report.has_errors,
                             "toolExecutionNotifications": notifications}],
            "results": results,
            "properties": {"grammar": report.grammar.to_dict(), "summary": report.summary()},
        }
        return _dump(run)

    def rules(self, rules: list[RuleInfo]) -> str:
        """A run with every rule in the driver and no results: the rule metadata dashboards import."""
        docs = builtin_docs()
        described = [_descriptor(docs.get(r.code, RuleDoc(r))) for r in rules]
        return _dump({"tool": _tool(described), "columnKind": "unicodeCodePoints", "results": []})


def _notification(location: dict, error, level: str = "error") -> dict:
    """A file that could not be read (an error), or a part of its check that did not run (a warning)."""
    physical: dict = {"artifactLocation": location}
    if getattr(error, "line", None):
        physical["region"] = {"startLine": error.line, **({"startColumn": error.column} if error.column else {})}
    return {"level": level, "message": {"text": error.message}, "locations": [{"physicalLocation": physical}]}


def _tool(rules: list[dict]) -> dict:
    driver = {"name": "tqcheck", "version": __version__, "rules": rules}
    if readme_url():
        driver["informationUri"] = readme_url()
    return {"driver": driver}


def _dump(run: dict) -> str:
    return json.dumps({"version": "2.1.0", "runs": [run]}, ensure_ascii=False, separators=(", ", ": ")) + "\n"
