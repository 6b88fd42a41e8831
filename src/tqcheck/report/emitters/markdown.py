"""A Markdown job summary or pull-request comment: a score table, then each file's findings, collapsed."""

from __future__ import annotations

from ...findings import RuleInfo
from ...results import FileResult
from ..model import Report
from .markup import inline

# A pull-request comment holds 65,536 characters; past this the findings of the remaining files are left out.
LIMIT = 60_000


def _mark(result: FileResult) -> str:
    if result.errors:
        return "⚠️"
    return "❌" if result.failed else "✅"


def _score_row(result: FileResult) -> str:
    counts = {s: sum(1 for f in result.findings if f.severity.value == s) for s in ("critical", "major", "minor")}
    if result.score is None or result.verdict is None:
        quality = threshold = "–"
    else:
        quality, threshold = f"{result.score.quality:.1f}", f"{result.verdict.threshold:.1f}"
    return (f"| {_mark(result)} | <code>{inline(result.path)}</code> | {quality} | {threshold} | "
            f"{len(result.findings)} | {counts['critical']} | {counts['major']} | {counts['minor']} | {result.words} |")


def _corpus(report: Report, summary: dict) -> list[str]:
    """The corpus score, the reasons the run failed its gates, and the score signature."""
    if summary["score"] is None:
        return []
    lines = [f"Corpus quality {summary['score']['quality']:.1f} "
             f"({summary['score']['per_1000_words']:.1f} penalty points per 1,000 words).", ""]
    lines += [f"**Run failed:** {inline(failure)}.\n" for failure in summary["failures"]]
    return lines + [f"<sub>Score signature: <code>{inline(report.signature)}</code></sub>", ""]


def _details(result: FileResult) -> str:
    summary = f"{_mark(result)} <code>{inline(result.path)}</code>: {len(result.findings)} findings"
    if result.score is not None:
        summary += f", quality {result.score.quality:.1f}"
    if result.verdict is not None and result.verdict.failures:
        summary += f" ({inline('; '.join(result.verdict.failures))})"
    rows = [f"| {e.line or ''}:{e.column or ''} | | | | {inline(e.message)} | |" for e in result.errors]
    rows += [f"| {f.line}:{f.column} | {f.code} | {f.severity.value} | {f.category} | {inline(f.message)} | "
             f"{inline(', '.join(f.suggestions))} |" for f in result.findings]
    return "\n".join([f"<details><summary>{summary}</summary>", "",
                      "| line:col | code | severity | category | message | suggestion |",
                      "|---|---|---|---|---|---|", *rows, "", "</details>", ""])


class MarkdownEmitter:
    """GitHub-flavoured Markdown: for $GITHUB_STEP_SUMMARY or a pull-request comment."""

    def __init__(self, color: bool = False):
        self.color = color  # Markdown is never coloured

    def report(self, report: Report) -> str:
        """Heading, score table, totals, grammar line, then the findings of each file in a collapsed block."""
        summary = report.summary()
        severities = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items() if n or s != "neutral")
        grammar = ("Grammar checked" if report.grammar.checked else "Grammar not checked") + \
            f": {inline(report.grammar.reason)}."
        out = [f"## tqcheck: {summary['failed_files']} of {summary['files']} articles fail", "",
               "| | article | quality | threshold | findings | critical | major | minor | words |",
               "|---|---|--:|--:|--:|--:|--:|--:|--:|",
               *[_score_row(result) for result in report.files], "",
               f"{summary['findings']} findings ({severities}) in {summary['words']} words; "
               f"{summary['error_files']} files could not be checked. {grammar}", "", *_corpus(report, summary)]
        with_findings = [r for r in report.files if r.findings or r.errors]
        if with_findings:
            out += ["### Findings", ""]
        size = sum(len(line) + 1 for line in out)
        for shown, result in enumerate(with_findings):
            block = _details(result)
            if size + len(block) > LIMIT:
                left = sum(len(r.findings) for r in with_findings[shown:])
                out.append(f"*{left} more findings in {len(with_findings) - shown} files are not shown here "
                           "(the summary would be too long); see the SARIF or HTML report.*")
                break
            out.append(block)
            size += len(block) + 1
        return "\n".join(out) + "\n"

    def rules(self, rules: list[RuleInfo]) -> str:
        """Every rule as a table row."""
        rows = [f"| {r.code} | {r.severity.value} | {r.category} | {r.name} | {inline(r.description)} |"
                for r in rules]
        return "\n".join(["| code | severity | category | rule | description |", "|---|---|---|---|---|",
                          *rows]) + "\n"
