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
        if start >= 2 and text[start - 1] in " -" and _letter_or_digit(text[start - 2]):
            begin = _run_start(text, start - 2)
            return begin >= max(0, start - 40) and self.name_like(text[begin:start - 1])
        return False

    def joined_run(self, text: str, anchor: tuple[int, int], begin: int,
                   limit: int) -> tuple[list[tuple[int, int]], int]:
        """The spans of the tokens of [begin, limit) joined to the anchor token by one space or hyphen each, up to
        `max_tokens - 1` on each side, and the anchor's index among them (a token cut at `limit` ends there)."""
        before: list[tuple[int, int]] = []
        first = anchor[0]
        while len(before) < self.max_tokens - 1 and first >= 2 and text[first - 1] in " -" \
                and _letter_or_digit(text[first - 2]):
            end, first = first - 1, _run_start(text, first - 2)
            if first < begin:
                break
            before.append((first, end))
        run = before[::-1] + [anchor]
        last = anchor[1]
        for _ in range(self.max_tokens - 1):
            if last + 1 >= limit or text[last] not in " -":
                break
            following = _NAME_TOKEN.match(text, last + 1, limit)
            if following is None:
                break
            run.append(following.span())
            last = following.end()
        return run, len(before)

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
            # The windows that count are runs of tokens one space or hyphen apart: the joined tokens around the
            # anchor, within the reach of the window (a token of the window starts at or after `start - 40`).
            context, index = self.joined_run(text, (start, anchor.end()), max(0, start - 40), limit)
            words = [text[a:b] for a, b in context]
            names = [self.name_like(word) for word in words]
            letters = [any(c.isalpha() for c in word) for word in words]
            for first in range(index + 1):
                for last in range(index, min(len(context), first + self.max_tokens)):
                    start, end = context[first][0], context[last][1]
                    if (start, end) in seen:
                        continue
                    if not all(names[first:last + 1]) or not any(letters[first:last + 1]):
                        continue
                    seen.add((start, end))
                    key = "".join(words[first:last + 1]).casefold()
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


def _letter_or_digit(character: str) -> bool:
    """Whether a character is a letter or a number (`[\\p{L}\\p{N}]`; ASCII told without the regex)."""
    if character.isascii():
        return character.isalnum()
    return _LETTER_OR_DIGIT.match(character) is not None


def _run_start(text: str, end: int) -> int:
    """Where the run of letters and numbers that holds `text[end]` starts."""
    while end > 0 and _letter_or_digit(text[end - 1]):
        end -= 1
    return end
