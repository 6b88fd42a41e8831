"""GitHub Actions workflow commands: an annotation per finding, failed file and unreadable file."""

from __future__ import annotations

from ...findings import Finding
from ...results import FileResult
from ..model import Report
from .text import summary_line, verdict_reason

_COMMANDS = {"critical": "error", "major": "warning", "minor": "notice", "neutral": "notice"}


def _data(text: str) -> str:
    """A command's message, escaped as GitHub's runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A command property value: the message escapes plus ':' and ','."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: str | int) -> str:
    """`::kind key=value,...::message` with every part escaped."""
    listed = ",".join(f"{key}={_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {listed}::{_data(message)}" if listed else f"::{kind}::{_data(message)}"


def _finding(path: str, finding: Finding) -> str:
    where: dict[str, str | int] = {"file": path, "line": finding.line}
    if finding.end_line == finding.line:  # GitHub takes columns only for an annotation on one line
        where.update(col=finding.column, endLine=finding.end_line, endColumn=finding.end_column)
    else:
        where["endLine"] = finding.end_line
    hint = f" [{', '.join(finding.suggestions)}]" if finding.suggestions else ""
    return command(_COMMANDS[finding.severity.value], f"{finding.message}{hint} ({finding.category})",
                   **where, title=f"{finding.code} {finding.name}")


class GithubEmitter:
    """Annotations on the pull request's files, then the summary line in the log."""

    def __init__(self, color: bool = False):
        self.color = color  # workflow commands are never coloured

    def report(self, report: Report) -> str:
        """An annotation per finding, per failed file, per unreadable file and per corpus gate failed; the summary as a
        plain line."""
        out: list[str] = []
        for result in report.files:
            for error in result.errors:
                where = {"file": result.path, **({"line": error.line} if error.line else {}),
                         **({"col": error.column} if error.column else {})}
                out.append(command("error", error.message, **where, title="tqcheck could not check this file"))
            out += [_finding(result.path, finding) for finding in result.findings]
            if result.failed:
                out.append(command("error", verdict_reason(result), file=result.path,
                                    title="Article fails the quality gate"))
        out += [command("error", failure, title="Corpus fails the quality gate") for failure in report.corpus_failures]
        out.append(summary_line(report))
        return "\n".join(out) + "\n"

