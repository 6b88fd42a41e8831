"""JUnit XML: one test case per article, failing when the decision fails it, with its findings as the text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import regex

from ...results import FileResult
from ..model import Report
from .text import finding_line, verdict_reason

# Characters XML 1.0 cannot carry (control characters a finding may quote); written as \uXXXX instead.
_NOT_XML = regex.compile(r"[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _case(suite: ET.Element, result: FileResult) -> None:
    case = ET.SubElement(suite, "testcase", name=_xml(result.path), classname="tqcheck")
    findings = "\n".join(_xml(finding_line(result.path, f)) for f in result.findings)
    if result.errors:
        error = ET.SubElement(case, "error", type="unreadable", message=_xml(result.errors[0].message))
        error.text = "\n".join(_xml(str(e)) for e in result.errors)
    elif result.failed:
        failure = ET.SubElement(case, "failure", type="quality", message=_xml(verdict_reason(result)))
        failure.text = findings
    elif findings:
        ET.SubElement(case, "system-out").text = findings


class JunitEmitter:
    """A testsuites document that CI test-report views (Jenkins, GitLab, junitparser) read."""

    def __init__(self, color: bool = False):
        self.color = color  # XML is never coloured

    def report(self, report: Report) -> str:
        """One suite, a test case per file: failure (findings, score) or error (unreadable), else a pass."""
        summary = report.summary()
        gate = 1 if report.corpus_failures else 0
        counts = {"tests": str(summary["files"] + gate),
                  "failures": str(sum(1 for r in report.files if r.failed) + gate),
                  "errors": str(summary["error_files"])}
        root = ET.Element("testsuites", name="tqcheck", **counts)
        suite = ET.SubElement(root, "testsuite", name="tqcheck", skipped="0", **counts)
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="grammar", value=_xml(
            ("checked: " if report.grammar.checked else "not checked: ") + report.grammar.reason))
        ET.SubElement(properties, "property", name="findings", value=str(summary["findings"]))
        if summary["score"] is not None:
            ET.SubElement(properties, "property", name="corpus_quality", value=f"{summary['score']['quality']:.1f}")
            ET.SubElement(properties, "property", name="signature", value=_xml(report.signature))
        for result in report.files:
            _case(suite, result)
        if report.corpus_failures:  # the min-score gate fails the run, not a file: its own test case
            corpus = ET.SubElement(suite, "testcase", name="corpus", classname="tqcheck")
            ET.SubElement(corpus, "failure", type="min-score", message=_xml("; ".join(report.corpus_failures)))
        ET.indent(root)
        return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
