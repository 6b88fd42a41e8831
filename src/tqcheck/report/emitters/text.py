"""The text report: `path:line:col: CODE message [suggestion]` lines, a score line per file and a summary."""

from __future__ import annotations

import click

from ...findings import Finding, RuleInfo
from ...results import FileResult
from ..model import Report
from . import whole

_SEVERITY_COLORS = {"neutral": "white", "minor": "cyan", "major": "yellow", "critical": "red"}


def finding_line(path: str, finding: Finding) -> str:
    """`path:line:col: CODE severity message [suggestions]`, plain."""
    hint = f" [{', '.join(finding.suggestions)}]" if finding.suggestions else ""
    return f"{path}:{finding.line}:{finding.column}: {finding.code} {finding.severity.value} {finding.message}{hint}"


def verdict_reason(result: FileResult) -> str:
    """Why the decision failed a scored file, with its findings, words and penalty."""
    score, verdict = result.score, result.verdict
    if score is None or verdict is None:
        return "not checked"
    reason = "; ".join(verdict.failures) or f"quality {score.quality:.1f}"
    return f"{reason}; {len(result.findings)} findings in {result.words} words (penalty {score.penalty:.1f})"


def summary_line(report: Report) -> str:
    """`Checked N file(s), W words: F findings (...); P passed, X failed, Y could not be checked.`"""
    summary = report.summary()
    severities = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items() if n or s != "neutral")
    return (f"Checked {summary['files']} file(s), {summary['words']} words: {summary['findings']} findings "
            f"({severities}); {summary['passed_files']} passed, {summary['failed_files']} failed, "
            f"{summary['error_files']} could not be checked.")



def _lines(lines: list[str]) -> str:
    """Each line with its line break."""
    return "".join(line + "\n" for line in lines)


def _evidence(score) -> str:
    """`, source evidence N` when --source added graded omission evidence to the penalty."""
    return f", source evidence {score.evidence:.1f}" if score.evidence else ""

class TextEmitter:
    """Lines for people, coloured when `color` is on."""

    def __init__(self, color: bool = False):
        self.color = color

    def style(self, text: str, **kwargs) -> str:
        """`text` in click's style `kwargs` when colour is on."""
        return click.style(text, **kwargs) if self.color else text

    def report(self, report: Report) -> str:
        """Findings, a score line per file, the totals and the grammar line."""
        return whole(self, report)

    def opening(self, report: Report) -> str:
        """Nothing comes before the first file."""
        return ""

    def part(self, report: Report, result: FileResult, index: int) -> str:
        """One file's errors, gaps and findings, its score line and reference metrics."""
        style = self.style
        out: list[str] = []
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
            out.append(self.score_line(result))
        if result.metrics is not None:
            out.append(f"{result.path}: reference metrics: {result.metrics.line()}")
        return _lines(out)

    def closing(self, report: Report) -> str:
        """The totals and the grammar line."""
        out = self.summary_lines(report)
        if report.grammar.checked:
            out.append(f"Grammar checked: {report.grammar.describe()}.")
        else:
            out.append(self.style(f"Grammar not checked: {report.grammar.describe()}.", fg="yellow"))
        return _lines(out)

    def score_line(self, result: FileResult) -> str:
        """quality, threshold, verdict with its reasons, findings, words and penalty of one file."""
        style, s = self.style, result.score
        verdict = style("FAIL", fg="red", bold=True) if result.failed else style("pass", fg="green")
        why = f" ({'; '.join(result.verdict.failures)})" if result.verdict.failures else ""
        guessed = (f" · source language guessed from leakage: {result.source_language}"
                   if result.source_language_guessed else "")
        return (f"{result.path}: quality {s.quality:.1f} (threshold {result.verdict.threshold:.1f}) {verdict}{why} · "
                f"{len(result.findings)} findings · {result.words} words · penalty {s.penalty:.1f} "
                f"({s.per_1000_words:.1f} per 1,000 words){_evidence(s)}{guessed}")

    def summary_lines(self, report: Report) -> list[str]:
        """Totals, the corpus score and gate, the score distribution, worst files and noisiest rules."""
        summary = report.summary()
        out = [summary_line(report)]
        score, spread = summary["score"], summary["distribution"]
        if score is not None:
            out.append(f"Corpus quality {score['quality']:.1f} · penalty {score['penalty']:.1f} "
                       f"({score['per_1000_words']:.1f} per 1,000 words) · file scores: min {spread['min']:.1f}, "
                       f"median {spread['median']:.1f}, mean {spread['mean']:.1f}, max {spread['max']:.1f}; "
                       f"{spread['zero']} at 0")
        if summary["metrics"] is not None:
            out.append(f"Corpus metrics: {report.corpus_metrics.line()}")
        if summary["files"] > 1 and summary["worst_files"]:
            out.append("Worst files: " + ", ".join(f"{w['path']} {w['quality']:.1f}" for w in summary["worst_files"]))
        if summary["noisiest_rules"]:
            out.append("Noisiest rules: " + ", ".join(
                f"{r['code']} {r['findings']} ({r['per_1000_words']:.1f} per 1,000 words)"
                for r in summary["noisiest_rules"]))
        if summary["by_category"]:
            out.append("By category: " + ", ".join(f"{c} {n}" for c, n in summary["by_category"].items()))
        for failure in summary["failures"]:
            out.append(self.style(f"Run failed: {failure}.", fg="red", bold=True))
        if report.signature:
            out.append(f"Score signature: {report.signature}")
        return out

    def rules(self, rules: list[RuleInfo]) -> str:
        """One line per rule: code, severity, category, name and description."""
        return "".join(f"{r.code}  {r.severity.value:<8} {r.category:<32} {r.name}: {r.description}\n"
                       for r in rules)
