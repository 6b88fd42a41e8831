"""`tqcheck score`: BLEU, chrF++ and TER of hypothesis files against reference files, and the source comparison of
`check --source` against source files, per file and for the corpus."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .documents.loader import decode
from .errors import ExitCode, InputError
from .file_pairs import pairs
from .metrics import Metrics, Pairing, pair, score_pairings

if TYPE_CHECKING:
    from .source import Evidence
    from .source_pairing import Estimate


@dataclass(frozen=True)
class Scored:
    """One hypothesis file scored against its reference file."""

    hypothesis: str
    reference: str
    metrics: Metrics


def read_scored(path: Path) -> str:
    """A file read as sacrebleu reads it; an empty file is an InputError."""
    text = decode(path.read_bytes(), str(path))
    if not text.strip():
        raise InputError("empty file; nothing to score", str(path))
    return text


def score(hypothesis: Path, reference: Path) -> tuple[list[Scored], Metrics | None, list[InputError]]:
    """Score every pair; returns per-file results, the corpus metrics (None if nothing scored) and errors."""
    matched, errors = pairs(hypothesis, reference)
    scored: list[Scored] = []
    pairings: list[Pairing] = []
    for hypothesis_file, reference_file in matched:
        try:
            pairing = pair(read_scored(hypothesis_file), read_scored(reference_file))
        except InputError as error:
            errors.append(error)
            continue
        except OSError as error:
            errors.append(InputError(f"cannot read: {error.strerror}", error.filename))
            continue
        pairings.append(pairing)
        scored.append(Scored(str(hypothesis_file), str(reference_file), score_pairings([pairing])))
    return scored, score_pairings(pairings) if pairings else None, errors


@dataclass
class Estimates:
    """`score --source`: each translation compared with its source, the corpus, and the signature."""

    files: list[Estimate]
    corpus: Estimate | None
    signature: str


def estimate_all(hypothesis: Path, source: Path, source_language: str | None, evidence: Evidence) -> tuple[
        Estimates, list[InputError]]:
    """Compare every translation with its source file; the estimates and the files that could not be compared."""
    from .source_pairing import corpus_estimate, estimate, source_signature_of

    matched, errors = pairs(hypothesis, source, ("translation", "source"))
    found = []
    for translation, original in matched:
        try:
            found.append(estimate(translation, original, source_language, evidence))
        except InputError as error:
            errors.append(error)
        except OSError as error:
            errors.append(InputError(f"cannot read: {error.strerror}", error.filename))
    return Estimates(found, corpus_estimate(found) if found else None, source_signature_of(evidence)), errors


def format_text(scored: list[Scored], corpus: Metrics | None, errors: list[InputError],
                estimates: Estimates | None = None) -> str:
    """One line per file (and its pairing note), the corpus line and the signatures; then the same for the
    source comparison."""
    out = []
    for item in scored:
        out.append(f"{item.hypothesis} (reference {item.reference}): {item.metrics.line()}")
        if item.metrics.note:
            out.append(f"  note: {item.metrics.note}")
    if estimates is not None:
        for found in estimates.files:
            out.append(f"{found.translation} (source {found.source}, {found.source_language or 'language unknown'}, "
                       f"{found.pairing}-paired): {found.line()}")
    out += [f"error: {error}" for error in errors]
    if corpus is not None:
        out.append(f"corpus ({len(scored)} file{'' if len(scored) == 1 else 's'}): {corpus.line()}")
        if corpus.note and len(scored) > 1:
            out.append(f"  note: {corpus.note}")
        out += [f"{s.name}|{s.signature}" for s in corpus.scores()]
    if estimates is not None and estimates.corpus is not None:
        count = len(estimates.files)
        out.append(f"source corpus ({count} file{'' if count == 1 else 's'}): {estimates.corpus.line()}")
        out.append(estimates.signature)
    return "\n".join(out) + "\n"


def format_json(scored: list[Scored], corpus: Metrics | None, errors: list[InputError],
                estimates: Estimates | None = None) -> str:
    """One JSON document: per-file metrics, corpus metrics, the source comparison and errors."""
    document = {
        "version": 1, "tool": {"name": "tqcheck", "version": __version__},
        "files": [{"hypothesis": s.hypothesis, "reference": s.reference, "metrics": s.metrics.to_json()}
                  for s in scored],
        "corpus": corpus.to_json() if corpus else None,
        "errors": [{"path": e.path, "message": e.message} for e in errors],
        "source": None if estimates is None else {
            "files": [e.to_json() for e in estimates.files],
            "corpus": estimates.corpus.to_json() if estimates.corpus else None, "signature": estimates.signature},
    }
    return json.dumps(document, ensure_ascii=False) + "\n"


def run_score(hypothesis: str, reference: str | None, output_format: str, source: str | None = None,
              source_language: str | None = None, evidence: Evidence | None = None) -> int:
    """Score against references and compare with sources, print the report, and return the exit code (2 when a
    file could not be scored)."""
    import click

    from .source import Evidence

    scored, corpus, errors = score(Path(hypothesis), Path(reference)) if reference is not None else ([], None, [])
    estimates = None
    if source is not None:
        estimates, missed = estimate_all(Path(hypothesis), Path(source), source_language, evidence or Evidence())
        errors += missed
    formatter = format_json if output_format == "json" else format_text
    click.echo(formatter(scored, corpus, errors, estimates), nl=False)
    return ExitCode.USAGE if errors else ExitCode.OK
