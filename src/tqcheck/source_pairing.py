"""`check --source`: each checked file paired with its original by relative path, compared with it, and rescored."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .baseline import fingerprint
from .documents.loader import Document, decode, load
from .errors import InputError, TqcheckError
from .findings import Finding
from .languages import base, only
from .results import FileResult
from .score_command import pairs
from .scoring import digest
from .source import DENSITY, FAR, MIN_CHARACTERS, TOLERANCE, WEIGHT, Issue, compare

if TYPE_CHECKING:
    from .app import App


@cache
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in DENSITY]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """The language of a source text among those DENSITY knows (lingua), as an ISO 639-1 code."""
    found = _detector().detect_language_of(text[:5000])
    return found.iso_code_639_1.name.lower() if found is not None else None


def source_signature() -> str:
    """The signature entry of a run with --source: the density table and the evidence constants."""
    table = ",".join(f"{k}={v:g}" for k, v in sorted(DENSITY.items()))
    return (f"source:density={digest([table])},tolerance={TOLERANCE:g},weight={WEIGHT:g},far={FAR:g},"
            f"min={MIN_CHARACTERS}")


def _finding(app: "App", document: Document, issue: Issue) -> Finding | None:
    """A positioned finding of a source issue, or None when the decision drops it (selection, severity, noqa)."""
    decision, rule = app.decision, issue.rule
    if not decision.selected(rule.code, document.path):
        return None
    severity = decision.severity_of(rule.code, rule.severity)
    line, column = document.lines.position(issue.start)
    if not decision.reported(rule.code, severity, line, document.directives):
        return None
    end_line, end_column = document.lines.position(issue.end)
    return Finding(rule.code, rule.name, rule.category, severity, issue.message,
                   document.text[issue.start:issue.end], [], False, rule.origin, issue.start, issue.end, line, column,
                   end_line, end_column, {}, rule.priority,
                   fingerprint(rule.code, document.text, issue.start, issue.end))


def attach_sources(app: "App", results: list[FileResult], paths: list[str], source: str) -> None:
    """Compare every checked file with its source: add the source findings, and rescore with the evidence."""
    if len(paths) != 1:
        raise TqcheckError("--source pairs one checked file or folder with one source file or folder", source)
    matched, _ = pairs(Path(paths[0]), Path(source), ("translation", "source"))
    sources = {translation.resolve(): original for translation, original in matched}
    configured = only(app.config.source_languages)
    for result in results:
        original = sources.get(Path(result.path).resolve())
        if original is None or result.errors or result.score is None:
            continue
        try:
            source_text = decode(original.read_bytes(), str(original))
            document = load(Path(result.path).read_bytes(), result.path, result.format)
        except (InputError, OSError):
            continue  # an unreadable source leaves the file as the rules scored it
        comparison = compare(source_text, document.text, configured or detect_language(source_text),
                             base(app.config.language))
        found = [f for f in (_finding(app, document, issue) for issue in comparison.issues) if f is not None]
        found, baselined = app.decision.new_findings(result.path, found)
        result.baselined += baselined
        result.findings = sorted(result.findings + found, key=lambda f: (f.start, f.end, f.code))
        result.score = app.model.score(result.findings, result.words, comparison.evidence)
        result.verdict = app.decision.judge(result.findings, result.score)
