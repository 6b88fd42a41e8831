"""Output formats behind one interface: `FORMATTERS[name](report, color) -> str`."""

from __future__ import annotations

import json
from collections.abc import Callable

import click

from .model import Report

_SEVERITY_COLORS = {"minor": "cyan", "major": "yellow", "critical": "red"}


def format_json(report: Report, color: bool = False) -> str:
    """Deterministic JSON on one line (the C encoder: indenting is several times slower on large runs)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, separators=(", ", ": ")) + "\n"


def format_text(report: Report, color: bool = False) -> str:
    """`path:line:col: CODE message [suggestion]` lines, a score line per file and a summary."""

    def style(text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if color else text

    out: list[str] = []
    for result in report.files:
        for error in result.errors:
            out.append(f"{style(str(error), fg='red')}")
        for f in result.findings:
            where = style(f"{result.path}:{f.line}:{f.column}:", bold=True)
            code = style(f.code, fg=_SEVERITY_COLORS[f.severity.value], bold=True)
            hint = f" [{', '.join(f.suggestions)}]" if f.suggestions else ""
            out.append(f"{where} {code} {f.message}{style(hint, fg='green')}")
        if result.score is not None:
            verdict = style("FAIL", fg="red", bold=True) if report.file_failed(result) else style("pass", fg="green")
            s = result.score
            guessed = (f" · source language guessed from leakage: {result.source_language}"
                       if result.source_language_guessed else "")
            out.append(f"{result.path}: quality {s.quality:.1f} (threshold {s.threshold:.1f}) {verdict} · "
                       f"{len(result.findings)} findings · {result.words} words · penalty {s.penalty:.1f}{guessed}")
    summary = report.summary()
    severities = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items())
    out.append(
        f"Checked {summary['files']} file(s), {summary['words']} words: {summary['findings']} findings "
        f"({severities}); {summary['failed_files']} failed, {summary['error_files']} could not be checked."
    )
    if report.grammar.checked:
        out.append(f"Grammar checked: {report.grammar.reason}.")
    else:
        out.append(style(f"Grammar not checked: {report.grammar.reason}.", fg="yellow"))
    return "\n".join(out) + "\n"


def format_sarif(report: Report, color: bool = False) -> str:
    """SARIF 2.1.0 (see sarif.py)."""
    from .sarif import format_sarif as sarif

    return sarif(report)


FORMATTERS: dict[str, Callable[[Report, bool], str]] = {"text": format_text, "json": format_json,
                                                        "sarif": format_sarif}
