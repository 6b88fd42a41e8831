"""`check --source` and `score --source`: each translation paired with its original by relative path and compared
with it; `check` adds the findings and rescores, `score` reports them alone."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .baseline import fingerprint, identity
from .documents.loader import Document, decode, load
from .errors import InputError, TqcheckError
from .file_pairs import pairs
from .findings import Finding
from .defaults import LANGUAGE, WEIGHTS
from .languages import base, only
from .results import FileResult
from .scoring import digest
from .source import DENSITY, FAR, MIN_CHARACTERS, Evidence, Issue, compare

if TYPE_CHECKING:
    from .app import App
    from .config import Config


@cache
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in DENSITY]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """The language of a source text among those DENSITY knows (lingua), as an ISO 639-1 code."""
    found = _detector().detect_language_of(text[:5000])
    return found.iso_code_639_1.name.lower() if found is not None else None


def evidence_for(config: Config) -> Evidence:
    """The omission evidence the settings ask for (`source-tolerance`, `source-weight`)."""
    return Evidence(config.source_tolerance, config.source_weight)


def source_signature(config: Config) -> str:
    """The signature entry of a run with --source: the density table and the evidence settings."""
    return source_signature_of(evidence_for(config))


def source_signature_of(evidence: Evidence) -> str:
    """The source signature entry for these evidence settings."""
    table = ",".join(f"{k}={v:g}" for k, v in sorted(DENSITY.items()))
    return f"source:density={digest([table])},{evidence.describe()},far={FAR:g},min={MIN_CHARACTERS}"


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
                   identity(rule.code, *issue.identity) if issue.identity
                   else fingerprint(rule.code, document.text, issue.start, issue.end))


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
                             base(app.config.language), evidence_for(app.config))
        found = [f for f in (_finding(app, document, issue) for issue in comparison.issues) if f is not None]
        found, baselined = app.decision.new_findings(result.path, found)
        result.baselined += baselined
        result.findings = sorted(result.findings + found, key=lambda f: (f.start, f.end, f.code))
        result.score = app.model.score(result.findings, result.words, comparison.evidence)
        result.verdict = app.decision.judge(result.findings, result.score)


@dataclass(frozen=True)
class Estimate:
    """A translation compared with its source, without the rest of the check: what `tqcheck score --source`
    reports."""

    translation: str
    source: str
    source_language: str | None
    pairing: str
    words: int
    findings: dict[str, int]  # source findings per rule code
    points: float  # the findings' penalty points at their default severities
    evidence: float

    @property
    def penalty(self) -> float:
        """Findings' points plus omission evidence."""
        return self.points + self.evidence

    def to_json(self) -> dict:
        """The JSON object of one file (or, without paths, of the corpus)."""
        fields = ({"translation": self.translation, "source": self.source, "source_language": self.source_language}
                  if self.translation else {})
        return {**fields, "pairing": self.pairing, "words": self.words, "findings": self.findings,
                "source_evidence": round(self.evidence, 1), "penalty": round(self.penalty, 1),
                "per_1000_words": round(self.penalty * 1000 / max(self.words, 1), 1)}

    def line(self) -> str:
        """The text report's summary of it."""
        found = ", ".join(f"{code} {count}" for code, count in self.findings.items()) or "no source findings"
        return (f"{self.words} words  {found}  evidence {self.evidence:.1f}  penalty {self.penalty:.1f} "
                f"({self.penalty * 1000 / max(self.words, 1):.1f} per 1,000 words)")


def estimate(translation: Path, original: Path, source_language: str | None, evidence: Evidence) -> Estimate:
    """Compare one translation file with its source file as `check --source` does (InputError when one is
    unreadable)."""
    document = load(translation.read_bytes(), str(translation))
    source_text = decode(original.read_bytes(), str(original))
    if not source_text.strip():
        raise InputError("empty file; nothing to compare", str(original))
    comparison = compare(source_text, document.text, source_language or detect_language(source_text),
                         base(LANGUAGE), evidence)
    counts = Counter(issue.rule.code for issue in comparison.issues)
    points = sum(WEIGHTS[issue.rule.severity.value] for issue in comparison.issues)
    return Estimate(str(translation), str(original), comparison.source_language, comparison.pairing,
                    document.prose.word_count(), dict(sorted(counts.items())), points, comparison.evidence)


def corpus_estimate(estimates: list[Estimate]) -> Estimate:
    """All files together: words, findings, points and evidence summed."""
    counts: Counter[str] = Counter()
    for item in estimates:
        counts.update(item.findings)
    pairings = {item.pairing for item in estimates}
    return Estimate("", "", None, pairings.pop() if len(pairings) == 1 else "mixed", sum(e.words for e in estimates),
                    dict(sorted(counts.items())), sum(e.points for e in estimates),
                    sum(e.evidence for e in estimates))
