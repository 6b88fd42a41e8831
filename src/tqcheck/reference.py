"""`check --reference`: each checked file paired with its reference as `tqcheck score` pairs them, and scored."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError, TqcheckError
from .metrics import Metrics, Pairing, pair, score_pairings
from .results import FileResult
from .file_pairs import pairs
from .score_command import read_scored


def attach_metrics(results: list[FileResult], paths: list[str], reference: str) -> Metrics | None:
    """Set each result's metrics against its reference; the corpus metrics (None if no file was paired)."""
    if len(paths) != 1:
        raise TqcheckError("--reference pairs one checked file or folder with one reference file or folder",
                           reference)
    matched, _ = pairs(Path(paths[0]), Path(reference))
    references = {hypothesis.resolve(): reference_file for hypothesis, reference_file in matched}
    pairings: list[Pairing] = []
    for result in results:
        reference_file = references.get(Path(result.path).resolve())
        if reference_file is None or result.errors:
            continue
        try:
            pairing = pair(read_scored(Path(result.path)), read_scored(reference_file))
        except (InputError, OSError):
            continue  # an empty or unreadable reference leaves the file without metrics
        result.metrics = score_pairings([pairing])
        pairings.append(pairing)
    return score_pairings(pairings) if pairings else None
