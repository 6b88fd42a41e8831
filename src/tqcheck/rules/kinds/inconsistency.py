"""The `inconsistency` kind: one model or product name written two ways in an article."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

import regex
from pydantic import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict

_NAME_TOKEN = regex.compile(r"(?<![\p{L}\p{N}])[\p{L}\p{N}]+")
_DIGITS = regex.compile(r"\d+")


@rule_kind("inconsistency")
class InconsistencyCheck:
    """The same model or product name written two ways in one article (`S23 Ultra` / `S23Ultra`)."""

    class Options(Strict):
        """Lower-case words that belong to model names (`ultra`, `gen`), and the longest name in tokens."""

        model_words: list[str] = Field(default_factory=list)
        max_tokens: int = 3

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        self.suffixes = {w.casefold() for w in spec.options.model_words}
        self.max_tokens = spec.options.max_tokens

    def name_like(self, token: str) -> bool:
        return any(c.isdigit() for c in token) or token[:1].isupper() or token.casefold() in self.suffixes

    def find(self, prose: Prose) -> Iterator[Hit]:
        text = prose.text
        spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        seen: set[tuple[int, int]] = set()
        # Only windows of name-like tokens around a token with a digit can be model names.
        anchors: set[int] = set()
        for digits in _DIGITS.finditer(text):
            start = digits.start()
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            if start in anchors:
                continue
            anchors.add(start)
            context = list(_NAME_TOKEN.finditer(text, max(0, start - 40), min(len(text), digits.end() + 40)))
            index = next((i for i, t in enumerate(context) if t.start() == start), None)
            if index is None:
                continue
            for first in range(max(0, index - self.max_tokens + 1), index + 1):
                for last in range(index, min(len(context), first + self.max_tokens)):
                    window = context[first:last + 1]
                    if (window[0].start(), window[-1].end()) in seen:
                        continue
                    if not all(self.name_like(t.group()) for t in window):
                        continue
                    if any(text[a.end():b.start()] not in (" ", "-") for a, b in zip(window, window[1:])):
                        continue
                    if not any(c.isalpha() for t in window for c in t.group()):
                        continue
                    start, end = window[0].start(), window[-1].end()
                    seen.add((start, end))
                    key = "".join(t.group() for t in window).casefold()
                    spans[key].append((start, end, text[start:end]))
        for key, occurrences in spans.items():
            occurrences.sort()
            forms = Counter(form for _, _, form in occurrences)
            if len(forms) < 2:
                continue
            first_seen = {form: n for n, (_, _, form) in reversed(list(enumerate(occurrences)))}
            canonical = max(forms, key=lambda form: (forms[form], -first_seen[form]))
            for start, end, form in occurrences:
                if form != canonical:
                    values = {"match": form, "replacement": canonical}
                    yield Hit(self.info, start, end, fill(self.spec.message, values), (canonical,))
