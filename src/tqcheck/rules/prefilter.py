"""A byte pattern for Hyperscan that matches wherever a `regex` pattern can: a superset, never fewer places.

The pattern is read with Python's own parser (as `rules.literals` reads it) and written again for the text's UTF-8
bytes with ASCII semantics: ASCII characters keep their exact meaning (letters both cases when case is ignored),
every non-ASCII character a class could hold is any non-ASCII character, and what Hyperscan cannot say exactly
(look-arounds, word boundaries, back-references, anchors) is dropped or widened. A text the prefilter finds no
match in holds no match of the pattern, so the pattern need not run there. Unknown is always the safe answer: None.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import regex

from .literals import FOREIGN

try:
    from re import _constants as C, _parser as parser  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

# A Unicode property matches one character of a category: a private-use character stands for it while parsing, and
# the regex module tells which ASCII characters it matches.
_PROPERTY = regex.compile(r"(?<!\\)((?:\\\\)*)(\\[pP](?:\{[^}]*\}|[A-Za-z]))")
# A named group: the regex module lets branches reuse a name, Python's parser does not (the names do not matter here).
_NAMED_GROUP = regex.compile(r"(?<!\\)((?:\\\\)*)\(\?P<(\w+)>")
# Non-ASCII characters that the regex module matches to an ASCII letter when case is ignored (`İ`, `ı`, `ſ`, `K`).
FOLDS_TO_ASCII = {"\u0130": "i", "\u0131": "I", "\u017f": "s", "\u212a": "k"}
# Every non-ASCII character of a text becomes one byte from 0x80 up (`ascii_bytes`), from its code point.
_NON_ASCII = frozenset(range(0x80, 0x100))
# Anchors Hyperscan takes where nothing is matched before (`^`, `\A`) or after (`$`, `\Z`); elsewhere dropped.
# The text is scanned between two line breaks (`scanned`): its start and end are a line's.
_HEAD_ANCHORS = {C.AT_BEGINNING: b"^", C.AT_BEGINNING_STRING: b"^"}
_TAIL_ANCHORS = {C.AT_END: b"$", C.AT_END_STRING: b"$"}
_ASCII = frozenset(range(128))
_CATEGORIES = {name: frozenset(c for c in range(128) if regex.match(expression, chr(c)))
               for name, expression in ((C.CATEGORY_DIGIT, r"\d"), (C.CATEGORY_NOT_DIGIT, r"\D"),
                                        (C.CATEGORY_SPACE, r"\s"), (C.CATEGORY_NOT_SPACE, r"\S"),
                                        (C.CATEGORY_WORD, r"\w"), (C.CATEGORY_NOT_WORD, r"\W"))}
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


class Unknown(Exception):
    """A construct the prefilter does not translate."""


def prefilter(pattern: str, ignore_case: bool) -> bytes | None:
    """A Hyperscan expression over `scanned(text)` matching wherever `pattern` (multi-line) matches, or None."""
    try:
        parsed, properties, numbered = _parsed(pattern, ignore_case)
        return _Writer(properties, numbered).sequence(list(parsed), parsed.state.flags, True, True)
    except (Unknown, re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None


def line_bound(pattern: str, ignore_case: bool) -> bool:
    """Whether no part of `pattern` (multi-line), look-arounds included, can match a line break, and no anchor
    names the string's ends (`\\A`, `\\Z`, `^` or `$` with multi-line off): then every match lies within one line,
    and the pattern finds in a line what it finds there in the whole text (what lies past a line break is out of its
    reach). Unknown: False."""
    try:
        parsed, properties, _ = _parsed(pattern, ignore_case)
        return not _Breaks(properties).sequence(list(parsed), parsed.state.flags)
    except (Unknown, re.error, RecursionError, OverflowError, ValueError, TypeError):
        return False


def _parsed(pattern: str, ignore_case: bool) -> tuple[object, dict[str, str], bool]:
    """`pattern` read by Python's parser; its Unicode properties (placeholder character -> property) and whether
    its groups are numbered as the regex module numbers them. Unknown for syntax the parser reads otherwise."""
    if any(0xE000 <= ord(char) <= 0xF8FF for char in pattern):  # the private-use area holds the placeholders
        raise Unknown("a private-use character")
    properties: dict[str, str] = {}
    pattern = _PROPERTY.sub(lambda m: m.group(1) + _placeholder(m.group(2), properties), pattern)
    renamer = _Renamer()
    pattern = _NAMED_GROUP.sub(renamer, pattern)
    if FOREIGN.search(pattern):
        raise Unknown("syntax of the regex module only")
    parsed = parser.parse(pattern, re.MULTILINE | (re.IGNORECASE if ignore_case else 0))
    return parsed, {char: text for text, char in properties.items()}, not renamer.renamed


def _placeholder(text: str, properties: dict[str, str]) -> str:
    """The private-use character standing for a Unicode property while the pattern is parsed."""
    return properties.setdefault(text, chr(0xE000 + len(properties)))


class _Renamer:
    """A named group whose name came before gets a name of its own (back-references name the first)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.renamed = False  # then groups are numbered apart where the regex module shares a number

    def __call__(self, match: regex.Match) -> str:
        name = match.group(2)
        if name in self.seen:
            name, self.renamed = f"{name}_{match.start()}", True
        self.seen.add(name)
        return f"{match.group(1)}(?P<{name}>"


def _zero_width(item) -> bool:
    return item[0] in (C.AT, C.ASSERT, C.ASSERT_NOT)


def _look(item, direction: int) -> bool:
    return item[0] is C.ASSERT and item[1][0] == direction


class _Writer:
    """Writes each parsed item as a byte expression that matches at least what it matches.

    A look-around is a condition and dropping it is safe; where nothing is matched before a look-behind (`head`),
    or after a look-ahead (`tail`), what it looks for is written in its place: `(?<=a)b` becomes `ab`.
    """

    def __init__(self, properties: dict[str, str], numbered: bool):
        self.properties = properties
        self.numbered = numbered  # whether group numbers are the regex module's (no name renamed)
        self.groups: dict[int, tuple[list, int]] = {}  # group number -> its items and flags, once written

    def sequence(self, items: list, flags: int, head: bool, tail: bool) -> bytes:
        behind = max((i for i, item in enumerate(items) if _look(item, -1)), default=-1) if head else -1
        ahead = next((i for i, item in enumerate(items) if i > behind and _look(item, 1)
                      and all(map(_zero_width, items[i + 1:]))), len(items)) if tail else len(items)
        written = [self.item(items[behind][1][1], flags, True, False)] if behind >= 0 else []
        for index in range(behind + 1, ahead):
            op, value = items[index]
            # Hyperscan takes one anchor at each end: an anchor already written before (after) ends the head (tail).
            inner_head = head and behind < 0 and all(map(_zero_width, items[:index])) and not any(
                item[0] is C.AT and item[1] in _HEAD_ANCHORS for item in items[:index])
            inner_tail = tail and ahead == len(items) and all(map(_zero_width, items[index + 1:])) and not any(
                item[0] is C.AT and item[1] in _TAIL_ANCHORS for item in items[index + 1:])
            written.append(self.item((op, value), flags, inner_head, inner_tail))
        if ahead < len(items):
            written.append(self.item(items[ahead][1][1], flags, False, True))
        return b"".join(written)

    def item(self, item, flags: int, head: bool, tail: bool) -> bytes:
        op, value = item if isinstance(item, tuple) else (None, item)
        if op is None:  # a parsed sub-pattern (a look-around's)
            return b"(?:" + self.sequence(list(value), flags, head, tail) + b")"
        if op is C.LITERAL:
            return self.char(value, flags)
        if op is C.NOT_LITERAL:  # excluding the character alone, whatever its case: fewer excluded, never more
            return _class(_ASCII - _ascii_of(value, 0) | _NON_ASCII)
        if op is C.ANY:
            return _class((_ASCII if flags & re.DOTALL else _ASCII - {10}) | _NON_ASCII)
        if op is C.IN:
            return self.char_set(value, flags)
        if op is C.SUBPATTERN:
            group, add, remove, items = value
            if group is not None:
                self.groups[group] = (list(items), (flags | add) & ~remove)
            return b"(?:" + self.sequence(list(items), (flags | add) & ~remove, head, tail) + b")"
        if op is C.ATOMIC_GROUP:  # giving up backtracking only loses matches
            return b"(?:" + self.sequence(list(value), flags, head, tail) + b")"
        if op is C.BRANCH:
            return b"(?:" + b"|".join(self.sequence(list(items), flags, head, tail) for items in value[1]) + b")"
        if op in _REPEATS:
            low, high, items = value
            body = b"(?:" + self.sequence(list(items), flags, False, False) + b")"
            return body + (b"{%d,}" % low if high == C.MAXREPEAT else b"{%d,%d}" % (low, high))
        if op is C.AT and head and value in _HEAD_ANCHORS:
            return _HEAD_ANCHORS[value]
        if op is C.AT and tail and value in _TAIL_ANCHORS:
            return _TAIL_ANCHORS[value]
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # a condition dropped: more places match
            return b""
        # What the group held: again a text its items match. Ignoring case, the regex module compares a
        # back-reference more loosely than it matches a letter (`I` then `ı`): any text then; any text too where
        # a renamed group numbers the groups apart from the regex module.
        if op is C.GROUPREF and value in self.groups and not flags & re.IGNORECASE and self.numbered:
            items, group_flags = self.groups[value]
            return b"(?:" + self.sequence(items, group_flags, False, False) + b")"
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):  # a group not written here, or either branch: any text
            return rb"[\x00-\xff]*"
        raise Unknown(op)

    def char(self, code: int, flags: int) -> bytes:
        char = chr(code)
        if char in self.properties:
            return _class(self.property(char, flags) | _NON_ASCII)
        if code > 127:
            return _class(_ASCII | _NON_ASCII) if flags & re.IGNORECASE else _escape(_byte(code))
        return _class(_ascii_of(code, flags) | _specials(_ascii_of(code, flags), flags))

    def property(self, char: str, flags: int) -> frozenset[int]:
        """The ASCII characters a Unicode property matches (asked of the regex module itself)."""
        return _property_ascii(self.properties[char], bool(flags & re.IGNORECASE))

    @staticmethod
    def folds(low: int, high: int, flags: int) -> frozenset[int]:
        """The ASCII letters (both cases) that non-ASCII characters from `low` to `high` match when case is ignored."""
        if not flags & re.IGNORECASE:
            return frozenset()
        return frozenset().union(*(_ascii_of(ord(letter), flags) for special, letter in FOLDS_TO_ASCII.items()
                                   if low <= ord(special) <= high))

    def char_set(self, items, flags: int) -> bytes:
        negated = bool(items) and items[0][0] is C.NEGATE
        if negated:  # a negated class excludes at least its own characters, as written: exclude only those
            flags &= ~re.IGNORECASE
        chars: set[int] = set()  # ASCII characters, and the bytes of non-ASCII ones
        for op, value in items[negated:]:
            if op is C.LITERAL and chr(value) in self.properties:
                chars |= self.property(chr(value), flags) | _NON_ASCII
            elif op in (C.LITERAL, C.RANGE):
                low, high = (value, value) if op is C.LITERAL else value
                chars |= self.folds(low, high, flags).union(*(_ascii_of(c, flags) for c in range(low, min(high, 127) + 1)))
                if high > 127:
                    wide = flags & re.IGNORECASE or high - max(low, 128) >= 128
                    chars |= _NON_ASCII if wide else {_byte(c) for c in range(max(low, 128), high + 1)}
            elif op is C.CATEGORY and value in _CATEGORIES:
                chars |= _CATEGORIES[value] | _NON_ASCII
            else:
                raise Unknown(op)
        if negated:  # every non-ASCII character stays possible: the class may exclude fewer, never more
            return _class(_ASCII - chars | _NON_ASCII)
        return _class(chars | _specials(chars, flags))


class _Breaks:
    """Tells whether parsed items can match a line break or name the string's ends."""

    def __init__(self, properties: dict[str, str]):
        self.properties = properties

    def sequence(self, items: list, flags: int) -> bool:
        return any(self.item(item, flags) for item in items)

    def item(self, item, flags: int) -> bool:
        op, value = item
        if op is C.LITERAL:
            return value == 10 or (chr(value) in self.properties and self.property(chr(value), flags))
        if op is C.NOT_LITERAL:
            return value != 10
        if op is C.ANY:
            return bool(flags & re.DOTALL)
        if op is C.IN:
            return self.char_set(value, flags)
        if op is C.SUBPATTERN:
            _, add, remove, items = value
            return self.sequence(list(items), (flags | add) & ~remove)
        if op is C.ATOMIC_GROUP:
            return self.sequence(list(value), flags)
        if op is C.BRANCH:
            return any(self.sequence(list(items), flags) for items in value[1])
        if op in _REPEATS:
            return self.sequence(list(value[2]), flags)
        if op in (C.ASSERT, C.ASSERT_NOT):
            return self.sequence(list(value[1]), flags)
        if op is C.AT:  # `^` and `$` name a line's ends in multi-line mode only, else the string's (`(?-m:$)`)
            lines = (C.AT_BEGINNING, C.AT_END) if flags & re.MULTILINE else ()
            return value not in (*lines, C.AT_BOUNDARY, C.AT_NON_BOUNDARY)
        if op is C.GROUPREF:  # the group's text, which the group's own items tell about
            return False
        if op is C.GROUPREF_EXISTS:
            _, yes, no = value
            return self.sequence(list(yes), flags) or (no is not None and self.sequence(list(no), flags))
        raise Unknown(op)

    def property(self, char: str, flags: int) -> bool:
        return 10 in _property_ascii(self.properties[char], bool(flags & re.IGNORECASE))

    def char_set(self, items, flags: int) -> bool:
        negated = bool(items) and items[0][0] is C.NEGATE
        held = False
        for op, value in items[negated:]:
            if op is C.LITERAL:
                held |= value == 10 or (chr(value) in self.properties and self.property(chr(value), flags))
            elif op is C.RANGE:
                held |= value[0] <= 10 <= value[1]
            elif op is C.CATEGORY and value in _CATEGORIES:
                held |= 10 in _CATEGORIES[value]
            else:
                raise Unknown(op)
        return held != negated


def _specials(chars: set[int] | frozenset[int], flags: int) -> set[int]:
    """The bytes of `İ`, `ı`, `ſ` and `K` where case is ignored and their ASCII letter (either case) is in `chars`."""
    if not flags & re.IGNORECASE:
        return set()
    return {_byte(ord(special)) for special, letter in FOLDS_TO_ASCII.items()
            if ord(letter.lower()) in chars or ord(letter.upper()) in chars}


@lru_cache(maxsize=256)
def _property_ascii(text: str, ignore_case: bool) -> frozenset[int]:
    expression = regex.compile(text, regex.IGNORECASE if ignore_case else 0)
    return frozenset(code for code in range(128) if expression.match(chr(code)))


def _ascii_of(code: int, flags: int) -> frozenset[int]:
    """The ASCII characters a literal matches: itself, and its other case when case is ignored."""
    if code > 127:
        return frozenset()
    char = chr(code)
    if flags & re.IGNORECASE and char.isalpha():
        return frozenset((ord(char.lower()), ord(char.upper())))
    return frozenset((code,))


def _escape(code: int) -> bytes:
    return b"\\x%02x" % code


def _byte(code: int) -> int:
    """The byte a non-ASCII character becomes (the bits above the lowest seven mixed in: `’` is not U+0099)."""
    return 0x80 | ((code ^ code >> 7 ^ code >> 14) & 0x7F)


def _class(codes: frozenset[int] | set[int]) -> bytes:
    """A class of bytes (a run of consecutive ones as a range)."""
    if not codes:
        raise Unknown("an empty class")
    if len(codes) == 1:
        return _escape(next(iter(codes)))
    ranges, ordered = [], sorted(codes)
    start = previous = ordered[0]
    for code in ordered[1:] + [-1]:
        if code != previous + 1:
            ranges.append(_escape(start) if start == previous else _escape(start) + b"-" + _escape(previous))
            start = code
        previous = code
    return b"[" + b"".join(ranges) + b"]"


def ascii_bytes(text: str) -> bytes:
    """The text one byte per character: ASCII as it is, any other character a byte from 0x80 up that its code
    point gives (`_byte`)."""
    return text.encode("ascii", "tqcheck-non-ascii")


def scanned(text: str) -> bytes:
    """What a prefilter is run on: the text's bytes between two line breaks. Matches then never touch either end
    of the buffer, where Hyperscan 5.4 misses some matches of patterns ending in an optional part (`h(?:\\d)?` on
    17 to 34 bytes ending in `h`)."""
    return b"\n" + ascii_bytes(text) + b"\n"


def _non_ascii(error: UnicodeEncodeError) -> tuple[bytes, int]:
    return bytes(_byte(ord(char)) for char in error.object[error.start:error.end]), error.end


codecs.register_error("tqcheck-non-ascii", _non_ascii)
