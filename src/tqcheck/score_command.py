"""`tqcheck score`: BLEU, chrF++ and TER of hypothesis files against reference files, per file and for the corpus."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .documents.loader import decode
from .errors import ExitCode, InputError
from .files import discover
from .metrics import Metrics, Pairing, pair, score_pairings


@dataclass(frozen=True)
class Scored:
    """One hypothesis file scored against its reference file."""

    hypothesis: str
    reference: str
    metrics: Metrics


def _files(folder: Path) -> dict[str, Path]:
    found, skipped = discover([str(folder)], ["*"], [], respect_gitignore=False)
    if skipped:
        raise InputError(skipped[0].reason, skipped[0].path)
    return {Path(f).relative_to(folder).as_posix(): Path(f) for f in found}


def pairs(hypothesis: Path, reference: Path, names: tuple[str, str] = ("hypothesis", "reference")) -> tuple[
        list[tuple[Path, Path]], list[InputError]]:
    """Hypothesis and reference files (or, as `names` say, translations and sources) paired by relative path, and
    the files left unpaired."""
    first, second = names
    if not hypothesis.exists():
        raise InputError(f"{first} not found", str(hypothesis))
    if not reference.exists():
        raise InputError(f"{second} not found", str(reference))
    if hypothesis.is_dir() != reference.is_dir():
        raise InputError(f"one of {first} and {second} is a folder and the other is not ({hypothesis}, "
                         f"{reference}); give two files or two folders", str(reference))
    if not hypothesis.is_dir():
        return [(hypothesis, reference)], []
    hypotheses, references = _files(hypothesis), _files(reference)
    unpaired = [InputError(f"no {second} file {reference / name}", str(hypothesis / name))
                for name in sorted(hypotheses.keys() - references.keys())]
    unpaired += [InputError(f"no {first} file {hypothesis / name}", str(reference / name))
                 for name in sorted(references.keys() - hypotheses.keys())]
    if not hypotheses.keys() & references.keys():
        raise InputError(f"no files with the same relative path in {hypothesis} and {reference}", str(hypothesis))
    return [(hypotheses[n], references[n]) for n in sorted(hypotheses.keys() & references.keys())], unpaired


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


def format_text(scored: list[Scored], corpus: Metrics | None, errors: list[InputError]) -> str:
    """One line per file (and its pairing note), the corpus line and the signatures."""
    out = []
    for item in scored:
        out.append(f"{item.hypothesis} (reference {item.reference}): {item.metrics.line()}")
        if item.metrics.note:
            out.append(f"  note: {item.metrics.note}")
    out += [f"error: {error}" for error in errors]
    if corpus is not None:
        out.append(f"corpus ({len(scored)} file{'' if len(scored) == 1 else 's'}): {corpus.line()}")
        if corpus.note and len(scored) > 1:
            out.append(f"  note: {corpus.note}")
        out += [f"{s.name}|{s.signature}" for s in corpus.scores()]
    return "\n".join(out) + "\n"


def format_json(scored: list[Scored], corpus: Metrics | None, errors: list[InputError]) -> str:
    """One JSON document: per-file metrics, corpus metrics and errors."""
    document = {
        "version": 1, "tool": {"name": "tqcheck", "version": __version__},
        "files": [{"hypothesis": s.hypothesis, "reference": s.reference, "metrics": s.metrics.to_json()}
                  for s in scored],
        "corpus": corpus.to_json() if corpus else None,
        "errors": [{"path": e.path, "message": e.message} for e in errors],
    }
    return json.dumps(document, ensure_ascii=False) + "\n"


def run_score(hypothesis: str, reference: str, output_format: str) -> int:
    """Score, print the report, and return the exit code (2 when a file could not be scored)."""
    import click

    scored, corpus, errors = score(Path(hypothesis), Path(reference))
    formatter = format_json if output_format == "json" else format_text
    click.echo(formatter(scored, corpus, errors), nl=False)
    return ExitCode.USAGE if errors else ExitCode.OK
