"""The text report: `path:line:col: CODE message [suggestion]` lines, a score line per file and a summary."""

from __future__ import annotations

import click

from ...findings import Finding, RuleInfo
from ...results import FileResult
from ..model import Report

_SEVERITY_COLORS = {"minor": "cyan", "major": "yellow", "critical": "red"}


def finding_line(path: str, finding: Finding) -> str:
    """`path:line:col: CODE severity message [suggestions]`, plain."""
    hint = f" [{', '.join(finding.suggestions)}]" if finding.suggestions else ""
    return f"{path}:{finding.line}:{finding.column}: {finding.code} {finding.severity.value} {finding.message}{hint}"


def verdict_reason(result: FileResult) -> str:
    """Why the decision failed a scored file, with its findings, words and penalty."""
    score, verdict = result.score, result.verdict
    if score is None or verdict is None:
        return "not checked"
    reason = (f"quality {score.quality:.1f} is below the threshold {verdict.threshold:.1f}" if not verdict.passed
              else f"quality {score.quality:.1f}, but a finding is at or above --fail-on")
    return f"{reason}; {len(result.findings)} findings in {result.words} words (penalty {score.penalty:.1f})"


def summary_line(report: Report) -> str:
    """`Checked N file(s), W words: F findings (...); X failed, Y could not be checked.`"""
    summary = report.summary()
    severities = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items())
    return (f"Checked {summary['files']} file(s), {summary['words']} words: {summary['findings']} findings "
            f"({severities}); {summary['failed_files']} failed, {summary['error_files']} could not be checked.")


class TextEmitter:
    """Lines for people, coloured when `color` is on."""

    def __init__(self, color: bool = False):
        self.color = color

    def style(self, text: str, **kwargs) -> str:
        """`text` in click's style `kwargs` when colour is on."""
        return click.style(text, **kwargs) if self.color else text

    def report(self, report: Report) -> str:
        """Findings, a score line per file, the totals and the grammar line."""
        style = self.style
        out: list[str] = []
        for result in report.files:
            for error in result.errors:
                out.append(f"{style(str(error), fg='red')}")
            for gap in result.gaps:
                out.append(style(gap.message, fg="yellow"))
            for f in result.findings:
                where = style(f"{result.path}:{f.line}:{f.column}:", bold=True)
                code = style(f.code, fg=_SEVERITY_COLORS[f.severity.value], bold=True)
                hint = f" [{', '.join(s or 'delete' for s in f.suggestions)}]" if f.suggestions else ""
                out.append(f"{where} {code} {f.message}{style(hint, fg='green')}")
            if result.score is not None and result.verdict is not None:
                verdict = style("FAIL", fg="red", bold=True) if result.failed else style("pass", fg="green")
                if result.verdict.reason:
                    verdict += f" ({result.verdict.reason})"
                s = result.score
                guessed = (f" · source language guessed from leakage: {result.source_language}"
                           if result.source_language_guessed else "")
                out.append(f"{result.path}: quality {s.quality:.1f} (threshold {result.verdict.threshold:.1f}) "
                           f"{verdict} · {len(result.findings)} findings · {result.words} words · "
                           f"penalty {s.penalty:.1f}{guessed}")
        out.append(summary_line(report))
        if report.grammar.checked:
            out.append(f"Grammar checked: {report.grammar.describe()}.")
        else:
            out.append(style(f"Grammar not checked: {report.grammar.describe()}.", fg="yellow"))
        return "\n".join(out) + "\n"

    def rules(self, rules: list[RuleInfo]) -> str:
        """One line per rule: code, severity, category, name and description."""
        return "".join(f"{r.code}  {r.severity.value:<8} {r.category:<32} {r.name}: {r.description}\n"
                       for r in rules)
