"""Two files, or two folders whose files pair up by relative path: hypotheses and references, translations and
sources."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .files import discover


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
