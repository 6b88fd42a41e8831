"""The `pattern` kind: a regular expression (the `regex` module, multi-line); `group` narrows the flagged span."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import regex
from ..declared import Field, model_validator

from ...defaults import PATTERN_TIMEOUT
from ...documents.model import Scope
from ...documents.prose import Prose
from ...errors import RuleTimeout
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..literals import required
from ..messages import fill, quoted
from ..phrase_index import LiteralSearch
from ..prefilter import line_bound, prefilter
from ..registry import rule_kind
from ..spec import BaseRuleSpec, NoOptions, Regex

if TYPE_CHECKING:
    from ..pattern_scan import PatternScan


def _flags(ignore_case: bool) -> int:
    return regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)


@rule_kind("pattern")
class PatternCheck:
    """A context pattern; `unless` drops matches, `requires` skips texts without one of its strings (for speed)."""

    Options = NoOptions  # a pattern rule says everything in its own fields

    class Spec(BaseRuleSpec):
        """A pattern rule's own fields."""

        pattern: Regex
        ignore_case: bool = False
        group: str | None = None
        suggest: list[str] = Field(default_factory=list)
        replace: dict[str, str] = Field(default_factory=dict)  # flagged text -> its one suggestion ("" deletes)
        unless: list[Regex] = Field(default_factory=list)
        requires: list[str] = Field(default_factory=list)  # pattern runs only when one of these strings occurs
        skip_scopes: list[Scope] = Field(default_factory=list)  # matches starting in these blocks (list-item...) drop

        @model_validator(mode="after")
        def _valid_pattern(self) -> "PatternCheck.Spec":
            compiled = regex.compile(self.pattern, _flags(self.ignore_case))  # the check's own flags: cached once
            if self.group and self.group not in compiled.groupindex:
                raise ValueError(f"`group` {self.group!r} is not a named group of `pattern`")
            return self

    def __init__(self, spec: Spec, info: RuleInfo, context: BuildContext | None = None):
        self.requires = [r.lower() for r in spec.requires] if spec.ignore_case else list(spec.requires)
        self.spec, self.info = spec, info
        self.allow_in = frozenset(spec.allow_in)
        self.timeout = PATTERN_TIMEOUT
        self.literals = context.literals if context is not None and context.literals is not None else LiteralSearch()
        # The run's Hyperscan pass (none: the regex runs wherever the strings it needs occur). The prefilter is
        # registered now, so that the pass is compiled once with every pattern rule's in it.
        self.patterns = context.patterns if context is not None else None
        expression = None if self.patterns is None else prefilter(spec.pattern, spec.ignore_case)
        self.scan_id = None if expression is None else self.patterns.add(expression, info.pack)
        self._gate: _Gate | None = None

    @cached_property
    def regex(self) -> regex.Pattern:
        """The compiled pattern, on first need."""
        return regex.compile(self.spec.pattern, _flags(self.spec.ignore_case))

    @cached_property
    def unless(self) -> list[regex.Pattern]:
        """The compiled `unless` patterns, on first need."""
        return [regex.compile(u, _flags(self.spec.ignore_case) & regex.IGNORECASE) for u in self.spec.unless]

    def gate(self) -> _Gate:
        """What a text must hold for the pattern to run, its strings registered with the run's literal search."""
        if self._gate is None:
            if self.scan_id is not None and not self.patterns.usable(self.scan_id):
                self.scan_id = None
            # The prefilter's scan tells more than the strings the regex needs: those are looked for only without it.
            pattern = None if self.scan_id is not None else self.spec.pattern
            self._gate = _Gate.of(self.requires, pattern, self.spec.ignore_case)
            for strings, folded in self._gate.searched():
                for string in strings:
                    self.literals.add(string, folded)
        return self._gate

    def scan_key(self) -> tuple[PatternScan, int] | None:
        """The run's pattern scan and this rule's id in it, when the rule answers nothing in a text where that scan
        does not find its prefilter (`find`'s first test, which a run makes for every rule at once)."""
        self.gate()  # drops an id Hyperscan did not take
        return None if self.scan_id is None else (self.patterns, self.scan_id)  # type: ignore[return-value]

    def find(self, prose: Prose) -> list[Hit]:
        # A plain function, not a generator: most rules return at the first test, and a run asks every rule of
        # every pack about every document.
        gate = self.gate()
        if self.scan_id is not None and self.scan_id not in self.patterns.found(prose.text):  # type: ignore[union-attr]
            return []
        if not gate.open(prose, self.literals):
            return []
        try:
            return [hit for hit in self._hits(prose.text)
                    if not self.spec.skip_scopes or not self._in_skipped_scope(prose, hit.start)]
        except TimeoutError:
            raise RuleTimeout(self.info.code, self.info.where, self.timeout) from None

    def _in_skipped_scope(self, prose: Prose, offset: int) -> bool:
        return prose.segments[prose.segment_index(offset)].scope in self.spec.skip_scopes

    @cached_property
    def line_bound(self) -> bool:
        """Whether every match lies within one line and is found there as in the whole text (`prefilter.line_bound`)."""
        return line_bound(self.spec.pattern, self.spec.ignore_case)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the regex must run: when every match lies within a line, the lines (with their line break) where
        the rule's prefilter matches, each from the leftmost start of those matches (every match of the regex lies
        in a prefilter match, which may hold the text a leading look-behind reads); else the whole text."""
        if self.scan_id is None or not text or not self.line_bound:
            return [(0, len(text))]
        places = self.patterns.places(self.scan_id, text)  # type: ignore[union-attr]
        if places is None:
            return [(0, len(text))]
        lines: dict[int, int] = {}  # line start -> the leftmost start of a prefilter match ending in that line
        for first, end in places:
            last = min(max(end - 1, 0), len(text) - 1)  # the last character of a prefilter match
            line = text.rfind("\n", 0, last) + 1
            lines[line] = min(lines.get(line, last), first)
        spans = []
        for line, first in sorted(lines.items()):
            stop = text.find("\n", line)
            spans.append((max(line, first), len(text) if stop < 0 else stop + 1))
        return spans

    def _hits(self, text: str) -> Iterator[Hit]:
        # The limit covers the whole scan of one document, `unless` checks included (a pattern may backtrack
        # catastrophically: `(a|a)+\d`).
        spans = self.spans(text)
        deadline = time.monotonic() + self.timeout if len(spans) > 1 else None
        for start, stop in spans:
            timeout = self.timeout if deadline is None else deadline - time.monotonic()
            if timeout <= 0:
                raise TimeoutError
            yield from self._hits_in(text, start, stop, timeout)

    def _hits_in(self, text: str, pos: int, endpos: int, timeout: float) -> Iterator[Hit]:
        for match in self.regex.finditer(text, pos, endpos, timeout=timeout):
            group = self.spec.group or 0
            start, end = match.span(group)
            if start < 0 or start == end:
                continue
            if any(u.fullmatch(match.group(), timeout=self.timeout) for u in self.unless):
                continue
            values = {k: v or "" for k, v in match.groupdict().items()}
            values["match"] = quoted(match.group(group))
            suggestions = tuple(dict.fromkeys(s for s in (fill(t, values).strip() for t in self.spec.suggest) if s))
            if match.group(group) in self.spec.replace:
                suggestions = (self.spec.replace[match.group(group)],)
            yield Hit(self.info, start, end, fill(self.spec.message, values), suggestions, self.allow_in)


def _searchable(strings: frozenset[str]) -> bool:
    """Whether strings are worth the literal search: a single printable ASCII character or line space (`.`, `(`) is
    nearly everywhere, and `in` finds its first place at once."""
    return all(len(string) > 1 or not string.isascii() or not (string.isprintable() or string in "\t\n\r")
               for string in strings)


@dataclass(frozen=True)
class _Gate:
    """When a pattern rule runs: one of its `requires` strings occurs (searched, or looked up with `in`), and one
    of the strings its regex cannot match without (`rules.literals`) occurs; each in the text or its folded form."""

    requires: frozenset[str]
    requires_folded: bool
    requires_searched: bool  # by the literal search; else with `in`
    needs: frozenset[str] = frozenset()
    needs_folded: bool = False

    @classmethod
    def of(cls, requires: list[str], pattern: str | None, ignore_case: bool) -> "_Gate":
        """The gate of a rule's `requires` and, unless None, of the strings its pattern needs."""
        needed = None if pattern is None else required(pattern, ignore_case)
        searched = bool(requires) and _searchable(frozenset(requires))
        if needed is None or not _searchable(needed[0]):
            return cls(frozenset(requires), ignore_case, searched)
        return cls(frozenset(requires), ignore_case, searched, *needed)

    def searched(self) -> list[tuple[frozenset[str], bool]]:
        """The strings the literal search must look for, each with whether it looks in the folded text."""
        return [(self.requires, self.requires_folded)] * self.requires_searched + [(self.needs, self.needs_folded)]

    def open(self, prose: Prose, literals: LiteralSearch) -> bool:
        """Whether the pattern may match somewhere in the prose."""
        if self.requires and not self.requires_searched:
            haystack = prose.folded if self.requires_folded else prose.text
            if not any(needle in haystack for needle in self.requires):
                return False
        if not (self.needs or self.requires_searched):
            return True
        found = literals.found(prose.text, prose.folded)
        if self.requires_searched and self.requires.isdisjoint(found[self.requires_folded]):
            return False
        # Ignoring case the regex module matches `İ` to i and `ſ` to s, which lower-casing keeps apart.
        if self.needs and self.needs.isdisjoint(found[self.needs_folded]):
            return self.needs_folded and ("İ" in prose.text or "ſ" in prose.text)
        return True
