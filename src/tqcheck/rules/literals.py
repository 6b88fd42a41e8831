"""Strings a regular expression cannot match without: one of them must occur in a text for the pattern to match
there, so a text holding none of them is skipped without running the pattern (a prefilter, as in RE2).

The pattern is read with Python's own parser (`re._parser`), which knows the syntax the `regex` module shares with
it; anything it reads differently or cannot read (Unicode properties, POSIX classes, fuzzy matching, version-1
sets) gives no strings, and the pattern then always runs. Unknown is always the safe answer.
"""

from __future__ import annotations

import re
from itertools import product

import regex

try:
    from re import _constants as C, _parser as parser  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

# Sets larger than this are not worth searching for (and products of sets grow fast).
MAX_STRINGS = 128
# Syntax that `re` reads, but differently from `regex` (POSIX classes, fuzzy counts, version 1 sets, a count with
# spaces: `(?x)a{2, 3}` is a repeat to `regex`, text to `re`), or not at all.
FOREIGN = regex.compile(r"\[:\^?\w+:\]|\{[^\d,}]|\{[\d,\s]*\s[\d,\s]*\}|\\[XGKLmM]|\[\[|--|&&|~~|\|\|")
# A Unicode property (`\p{Lu}`, `\P{L}`) matches one character of a category: `\w` stands for it (no string needed).
# Only an unescaped backslash starts one (`\\p{L}` is a backslash, then the plain characters `p{L}`).
_PROPERTY = regex.compile(r"(?<!\\)((?:\\\\)*)\\[pP](?:\{[^}]*\}|[A-Za-z])")
# Inline flags that turn case-insensitivity on or off anywhere: `(?i)`, `(?si:...)`, `(?x-i:...)`.
_CASE_FLAGS = regex.compile(r"\(\?[a-zA-Z]*-?[a-zA-Z]*i")

Strings = frozenset[str]


def required(pattern: str, ignore_case: bool) -> tuple[Strings, bool] | None:
    """Strings one of which occurs in every text `pattern` matches anywhere in, and whether they are lower-cased
    ASCII (when any part of the pattern ignores case: then look in the lower-cased text); None when no useful set
    is known."""
    pattern = _PROPERTY.sub(r"\1\\w", pattern)
    if FOREIGN.search(pattern):
        return None
    try:
        parsed = parser.parse(pattern, re.MULTILINE)
    except (re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    # A case-insensitive part anywhere (`(?i)`, `(?i:...)`) makes every string lower-case ASCII: looking for the
    # lower-cased strings in the lower-cased text is a weaker, so safe, test for the case-sensitive parts.
    folded = ignore_case or bool(parsed.state.flags & re.IGNORECASE) or bool(_CASE_FLAGS.search(pattern))
    strings = _Reader(folded).best(parsed)
    if not strings or "" in strings or len(strings) > MAX_STRINGS:
        return None
    return strings, folded


class _Reader:
    """Walks a parsed pattern: for each piece, the exact strings it matches (when few), and the strings it needs."""

    def __init__(self, folded: bool):
        self.folded = folded

    def best(self, items) -> Strings | None:
        """The most selective set of strings that every match of the sequence `items` contains."""
        exact, need = self.sequence(items)
        return _better(exact, need)

    def char(self, code: int) -> Strings | None:
        char = chr(code)
        if self.folded:
            char = char.lower()
            # Case folding beyond ASCII is the regex module's own business; folded text has spaces for these.
            if not char.isascii() or len(char) != 1 or char in "\t\n\r":
                return None
        return frozenset((char,))

    def char_set(self, items) -> Strings | None:
        """The characters of a class when it is a small plain list (no categories, not negated)."""
        chars: set[str] = set()
        for op, value in items:
            if op is C.LITERAL:
                found = self.char(value)
            elif op is C.RANGE and value[1] - value[0] < MAX_STRINGS:
                found = frozenset().union(*(self.char(code) or {None} for code in range(value[0], value[1] + 1)))
            else:
                return None
            if found is None or None in found:
                return None
            chars |= found
        return frozenset(chars) if 0 < len(chars) <= MAX_STRINGS else None

    def piece(self, op, value) -> tuple[Strings | None, Strings | None]:
        """(exact strings, needed strings) of one parsed item; None where unknown."""
        if op is C.LITERAL:
            return self.char(value), None
        if op is C.IN:
            return self.char_set(value), None
        if op is C.SUBPATTERN:
            return self.sequence(value[-1])
        if op is C.ATOMIC_GROUP:
            return self.sequence(value)
        if op is C.ASSERT:  # a positive look-around: what it looks for is in the text too
            return None, self.best(value[1])
        if op is C.BRANCH:
            return self.branch(value[1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, high, items = value
            if low == 0:
                return (frozenset(("",)) if high == 0 else None), None
            exact, need = self.sequence(items)
            if exact is not None and low == high and len(exact) ** low <= MAX_STRINGS:
                return _join([exact] * low), None
            return None, _better(exact, need)
        if op in (C.AT, C.ASSERT_NOT):  # no width, nothing needed
            return frozenset(("",)), None
        return None, None  # any character, a category, a back-reference...

    def branch(self, branches) -> tuple[Strings | None, Strings | None]:
        results = [self.sequence(items) for items in branches]
        if all(exact is not None for exact, _ in results):
            exact = frozenset().union(*(exact for exact, _ in results))
            return (exact if len(exact) <= MAX_STRINGS else None), None
        needs = [_better(exact, need) for exact, need in results]
        if any(need is None for need in needs):
            return None, None
        union = frozenset().union(*needs)
        return None, (union if len(union) <= MAX_STRINGS else None)

    def sequence(self, items) -> tuple[Strings | None, Strings | None]:
        """Exact strings of the whole sequence when every piece is exact; else the best needed set, from runs of
        exact pieces (joined) and from the pieces' own needs."""
        runs: list[list[Strings]] = [[]]
        needs: list[Strings] = []
        for op, value in items:
            exact, need = self.piece(op, value)
            if exact is not None:
                runs[-1].append(exact)
            else:
                runs.append([])
            if need is not None:
                needs.append(need)
        joined = [_join(run) for run in runs if run]
        if len(runs) == 1:
            whole = joined[0] if joined else frozenset(("",))
            if whole is not None:
                return whole, None
        candidates = [s for s in joined if s is not None] + needs
        best = None
        for candidate in candidates:
            best = _better(best, candidate)
        return None, best


def _join(run: list[Strings]) -> Strings | None:
    """Every concatenation of one string from each set, when there are few."""
    size = 1
    for strings in run:
        size *= len(strings)
        if size > MAX_STRINGS:
            return None
    return frozenset("".join(parts) for parts in product(*run))


def _score(strings: Strings | None) -> tuple[int, int]:
    if not strings or "" in strings or len(strings) > MAX_STRINGS:
        return (-1, 0)
    return (min(len(s) for s in strings), -len(strings))


def _better(one: Strings | None, other: Strings | None) -> Strings | None:
    """The more selective of two needed sets: longer shortest string, then fewer strings."""
    return one if _score(one) >= _score(other) else other
