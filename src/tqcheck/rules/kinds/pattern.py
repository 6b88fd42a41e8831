"""The `pattern` kind: a regular expression (the `regex` module, multi-line); `group` narrows the flagged span."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field, model_validator

from ...defaults import PATTERN_TIMEOUT
from ...documents.model import Scope
from ...documents.prose import Prose
from ...errors import RuleTimeout
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, quoted
from ..registry import rule_kind
from ..spec import BaseRuleSpec, NoOptions


def _flags(ignore_case: bool) -> int:
    return regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)


@rule_kind("pattern")
class PatternCheck:
    """A context pattern; `unless` drops matches, `requires` skips texts without one of its strings (for speed)."""

    Options = NoOptions  # a pattern rule says everything in its own fields

    class Spec(BaseRuleSpec):
        """A pattern rule's own fields."""

        pattern: str
        ignore_case: bool = False
        group: str | None = None
        suggest: list[str] = Field(default_factory=list)
        replace: dict[str, str] = Field(default_factory=dict)  # flagged text -> its one suggestion ("" deletes)
        unless: list[str] = Field(default_factory=list)
        requires: list[str] = Field(default_factory=list)  # pattern runs only when one of these strings occurs
        skip_scopes: list[Scope] = Field(default_factory=list)  # matches starting in these blocks (list-item...) drop

        @model_validator(mode="after")
        def _valid_pattern(self) -> "PatternCheck.Spec":
            try:
                compiled = regex.compile(self.pattern, _flags(self.ignore_case))  # the check's own flags: cached once
            except regex.error as error:
                raise ValueError(f"invalid regex in `pattern`: {error}") from None
            if self.group and self.group not in compiled.groupindex:
                raise ValueError(f"`group` {self.group!r} is not a named group of `pattern`")
            return self

    def __init__(self, spec: Spec, info: RuleInfo, context: BuildContext | None = None):
        flags = _flags(spec.ignore_case)
        self.regex = regex.compile(spec.pattern, flags)
        self.unless = [regex.compile(u, flags & regex.IGNORECASE) for u in spec.unless]
        self.requires = [r.lower() for r in spec.requires] if spec.ignore_case else list(spec.requires)
        self.spec, self.info = spec, info
        self.allow_in = frozenset(spec.allow_in)
        self.timeout = PATTERN_TIMEOUT

    def find(self, prose: Prose) -> Iterator[Hit]:
        if self.requires:
            haystack = prose.folded if self.spec.ignore_case else prose.text
            if not any(needle in haystack for needle in self.requires):
                return
        try:
            for hit in self._hits(prose.text):
                if not self.spec.skip_scopes or not self._in_skipped_scope(prose, hit.start):
                    yield hit
        except TimeoutError:
            raise RuleTimeout(self.info.code, self.info.where, self.timeout) from None

    def _in_skipped_scope(self, prose: Prose, offset: int) -> bool:
        return prose.segments[prose.segment_index(offset)].scope in self.spec.skip_scopes

    def _hits(self, text: str) -> Iterator[Hit]:
        # The limit covers the whole scan of one document, `unless` checks included (a pattern may backtrack
        # catastrophically: `(a|a)+\d`).
        for match in self.regex.finditer(text, timeout=self.timeout):
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
