"""Which findings are reported and how severe: selection, severity overrides, per-path ignores, suppression."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

import pathspec

from .documents.model import Directive
from .documents.suppression import is_suppressed
from .findings import Severity


def _longest_prefix(code: str, prefixes: tuple[str, ...]) -> int:
    """Length of the longest prefix matching `code` (`ALL` matches everything, least specifically); -1 if none."""
    return max((0 if p == "ALL" else len(p) for p in prefixes if p == "ALL" or code.startswith(p)), default=-1)


@dataclass
class Policy:
    """Selection and severity settings, applied in one place (Checker.check)."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    min_severity: Severity = Severity.MINOR
    per_path_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    root: str = "."

    def __post_init__(self) -> None:
        self._path_specs = [
            (pathspec.GitIgnoreSpec.from_lines([pattern]), tuple(codes))
            for pattern, codes in self.per_path_ignores.items()
        ]

    def selected(self, code: str, path: str | None = None) -> bool:
        """Whether `code` is on: the most specific matching select/ignore prefix wins, ignore on a tie."""
        chosen = _longest_prefix(code, self.select)
        if chosen < 0 or _longest_prefix(code, self.ignore) >= chosen:
            return False
        if path and self._path_specs:
            relative = _relative(path, self.root)
            for spec, codes in self._path_specs:
                if spec.match_file(relative) and (not codes or _longest_prefix(code, codes) >= 0):
                    return False
        return True

    def severity_for(self, code: str, default: Severity) -> Severity:
        """The severity of `code`: the override with the longest matching prefix, else the rule's own."""
        best = max((p for p in self.severity if code.startswith(p)), key=len, default=None)
        return self.severity[best] if best is not None else default

    def keeps(self, code: str, severity: Severity, line: int, directives: list[Directive]) -> bool:
        """Whether a finding survives the severity floor and the file's inline suppression."""
        return severity.rank >= self.min_severity.rank and not is_suppressed(code, line, directives)


def _relative(path: str, root: str) -> str:
    try:
        return PurePosixPath(path).relative_to(PurePosixPath(root)).as_posix()
    except ValueError:
        return PurePosixPath(path).as_posix()
