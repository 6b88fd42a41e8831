"""The `inconsistency` kind: one model or product name written two ways in an article."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

import regex
from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict
from ..wordlist import WORD_MEMO

_NAME_TOKEN = regex.compile(r"(?<![\p{L}\p{N}])[\p{L}\p{N}]+")
_DIGITS = regex.compile(r"\d+")
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")


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

    @lru_cache(maxsize=WORD_MEMO)  # per (check, token), bounded: model names come back across an article
    def name_like(self, token: str) -> bool:
        return any(c.isdigit() for c in token) or token[:1].isupper() or token.casefold() in self.suffixes

    def joined_to_name(self, text: str, start: int, end: int, limit: int) -> bool:
        """Whether a name-like token of the window [start - 40, limit) stands right before or after the token
        [start, end), one space or hyphen away (only then can a window hold more than the token)."""
        if end + 1 < limit and text[end] in " -":
            following = _NAME_TOKEN.match(text, end + 1, limit)
            if following is not None and self.name_like(following.group()):
                return True
        if start >= 2 and text[start - 1] in " -" and _LETTER_OR_DIGIT.match(text, start - 2):
            begin = start - 2
            while begin > 0 and _LETTER_OR_DIGIT.match(text, begin - 1):
                begin -= 1
            return begin >= max(0, start - 40) and self.name_like(text[begin:start - 1])
        return False

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
            limit = min(len(text), digits.end() + 40)
            anchor = _NAME_TOKEN.match(text, start, limit)
            if anchor is None:  # not a token of the window either
                continue
            if not self.joined_to_name(text, start, anchor.end(), limit):
                # Most numbers stand alone: their one window is the token itself, found without the window's tokens.
                word = anchor.group()
                if (start, anchor.end()) not in seen and self.name_like(word) and any(c.isalpha() for c in word):
                    seen.add((start, anchor.end()))
                    spans[word.casefold()].append((start, anchor.end(), word))
                continue
            context = list(_NAME_TOKEN.finditer(text, max(0, start - 40), limit))
            index = next((i for i, t in enumerate(context) if t.start() == start), None)
            if index is None:
                continue
            # What the windows ask of their tokens, worked out once per token of the reach.
            low, high = max(0, index - self.max_tokens + 1), min(len(context), index + self.max_tokens)
            words = [t.group() for t in context[low:high]]
            names = [self.name_like(word) for word in words]
            joined = [text[a.end():b.start()] in (" ", "-") for a, b in zip(context[low:high], context[low + 1:high])]
            letters = [any(c.isalpha() for c in word) for word in words]
            for first in range(low, index + 1):
                for last in range(index, min(len(context), first + self.max_tokens)):
                    start, end = context[first].start(), context[last].end()
                    if (start, end) in seen:
                        continue
                    i, j = first - low, last - low + 1
                    if not all(names[i:j]) or not all(joined[i:j - 1]) or not any(letters[i:j]):
                        continue
                    seen.add((start, end))
                    key = "".join(words[i:j]).casefold()
                    spans[key].append((start, end, text[start:end]))
        for key, occurrences in spans.items():
            if len(occurrences) < 2:  # one spelling
                continue
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
