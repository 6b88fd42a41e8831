"""The one decision point: which findings are reported, how severe they are, and which files fail."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import PurePosixPath

from .baseline import Baseline
from .documents.model import Directive
from .errors import ExitCode
from .findings import Finding, Severity
from .results import FileResult, Verdict
from .scoring import Score

EVERYTHING = "ALL"
_SEVERITY = attrgetter("severity")


def longest_match(code: str, prefixes: Iterable[str]) -> str | None:
    """The longest of `prefixes` that `code` starts with (`ALL` matches every code, least specifically), or None."""
    return max((p for p in prefixes if p == EVERYTHING or code.startswith(p)), key=_length, default=None)


def matches(code: str, prefixes: Iterable[str]) -> bool:
    """Whether any of `prefixes` (codes, prefixes or `ALL`) covers `code`."""
    return longest_match(code, prefixes) is not None


def _length(prefix: str) -> int:
    return 0 if prefix == EVERYTHING else len(prefix)


@dataclass
class Decision:
    """Selection, severity, the severity floor, inline suppression, fail-on, the score threshold and the gates."""

    select: tuple[str, ...] = (EVERYTHING,)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    grammar_severity: Mapping[str, Severity] = field(default_factory=dict)
    min_severity: Severity = Severity.MINOR
    per_path_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    root: str = "."
    fail_on: str = "major"
    threshold: float = 95.0
    show_hints: bool = False
    max_critical: int | None = None
    max_category: Mapping[str, int] = field(default_factory=dict)
    min_score: float | None = None
    baseline: Baseline | None = None

    def __post_init__(self) -> None:
        self._path_specs: list = []
        if self.per_path_ignores:
            import pathspec  # only per-path ignores need it: a run without them never imports it

            self._path_specs = [(pathspec.GitIgnoreSpec.from_lines([pattern], backend="simple"), tuple(codes))
                                for pattern, codes in self.per_path_ignores.items()]
        # Answers per code (and grammar ids): a run asks about the same few codes for every finding.
        self._code_on: dict[str, bool] = {}
        self._severities: dict[tuple[str, Severity, tuple[str, ...]], Severity] = {}

    def selected(self, code: str, path: str | None = None) -> bool:
        """Whether `code` is on: the most specific matching select/ignore prefix wins, ignore on a tie."""
        on = self._code_on.get(code)
        if on is None:
            on = self._code_on[code] = self._code_selected(code)
        if not on:
            return False
        if path and self._path_specs:
            relative = _relative(path, self.root)
            for spec, codes in self._path_specs:
                if spec.match_file(relative) and (not codes or matches(code, codes)):
                    return False
        return True

    def _code_selected(self, code: str) -> bool:
        chosen = longest_match(code, self.select)
        if chosen is None:
            return False
        ignored = longest_match(code, self.ignore)
        return ignored is None or _length(ignored) < _length(chosen)

    def severity_of(self, code: str, default: Severity, grammar_ids: tuple[str, ...] = ()) -> Severity:
        """An override of `code` (longest prefix) first, then of a LanguageTool rule id or category, else `default`."""
        key = (code, default, grammar_ids)
        severity = self._severities.get(key)
        if severity is None:
            severity = self._severities[key] = self._severity_of(code, default, grammar_ids)
        return severity

    def _severity_of(self, code: str, default: Severity, grammar_ids: tuple[str, ...]) -> Severity:
        best = longest_match(code, self.severity)
        if best is not None:
            return self.severity[best]
        for grammar_id in grammar_ids:
            if grammar_id in self.grammar_severity:
                return self.grammar_severity[grammar_id]
        return default

    def reported(self, code: str, severity: Severity, line: int, directives: list[Directive]) -> bool:
        """Whether a finding survives the severity floor (hints: only with show-hints) and inline suppression."""
        return self.shown(severity) and not suppressed(code, line, directives)

    def shown(self, severity: Severity) -> bool:
        """Whether findings of `severity` pass the severity floor (hints: only with show-hints)."""
        return self.show_hints if severity is Severity.NEUTRAL else severity.rank >= self.min_severity.rank

    def new_findings(self, path: str, findings: list[Finding]) -> tuple[list[Finding], int]:
        """The findings the baseline does not hold, and how many it does."""
        return self.baseline.new(path, findings) if self.baseline is not None else (findings, 0)

    def judge(self, findings: list[Finding], score: Score) -> Verdict:
        """A file fails on a score below the threshold, a finding at or above fail-on, or a limit exceeded;
        each failure says why."""
        passed = score.quality >= self.threshold
        failures = [] if passed else [f"quality {score.quality:.1f} below threshold {self.threshold:g}"]
        counts = Counter(map(_SEVERITY, findings))  # one pass: a file has dozens of findings, four severities
        if self.fail_on != "none":
            floor = Severity(self.fail_on).rank
            severe = sum(count for severity, count in counts.items() if severity.rank >= floor)
            if severe:
                failures.append(f"{severe} finding(s) at or above fail-on {self.fail_on}")
        critical = counts[Severity.CRITICAL]
        if self.max_critical is not None and critical > self.max_critical:
            failures.append(f"{critical} critical finding(s), more than max-critical {self.max_critical}")
        for category, limit in self.max_category.items():
            found = sum(1 for f in findings if f.category == category or f.category.startswith(category + "/"))
            if found > limit:
                failures.append(f"{found} {category} finding(s), more than max-category {category} = {limit}")
        return Verdict(self.threshold, passed, bool(failures), tuple(failures))

    def judge_corpus(self, score: Score | None) -> list[str]:
        """Why the whole run fails the min-score gate (the corpus score), or nothing."""
        if self.min_score is None or score is None or score.quality >= self.min_score:
            return []
        return [f"corpus quality {score.quality:.1f} below min-score {self.min_score:g}"]

    @staticmethod
    def exit_code(results: list[FileResult], corpus_failures: list[str] = ()) -> ExitCode:
        """The gravest of: 2 for a file that could not be checked, a gap's own code (a rule out of time 2,
        required grammar missing for a file 3); else 1 when a file or the corpus failed, else 0."""
        codes = [ExitCode.USAGE for r in results if r.errors] + [g.exit_code for r in results for g in r.gaps]
        if max(codes, default=ExitCode.OK):
            return max(codes)
        failed = any(r.failed for r in results) or bool(corpus_failures)
        return ExitCode.FAILED if failed else ExitCode.OK


def suppressed(code: str, line: int, directives: list[Directive]) -> bool:
    """Whether the file's directives switch a finding of `code` on `line` off (no codes: every code)."""
    off = False
    for directive in directives:
        covers = not directive.codes or matches(code, directive.codes)
        if directive.action == "disable-next-line":
            if directive.line + 1 == line and covers:
                return True
            continue
        if directive.line > line:
            break
        if covers:
            off = directive.action == "disable"
    return off


def _relative(path: str, root: str) -> str:
    try:
        return PurePosixPath(path).relative_to(PurePosixPath(root)).as_posix()
    except ValueError:
        return PurePosixPath(path).as_posix()
