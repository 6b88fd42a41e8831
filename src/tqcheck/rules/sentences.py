"""Sentences, words and quotations in prose, as the rule kinds split them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import repeat

import regex

from ..documents.prose import WORD, Prose  # noqa: F401 (WORD: the kinds take it from here)
# A lower-case word of three letters or more, standing alone (not part of a name, handle or compound).
LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}_'’-])\p{Ll}[\p{Ll}]{2,}(?![\p{L}\p{N}_'’-])")
# LOWER_WORD in two parts, to find known words at C speed (`Prose.occurrences`): its letters, and what may not touch it.
LOWER_LETTERS = regex.compile(r"\p{Ll}{3,}")
JOINED_TO_LOWER = regex.compile(r"[\p{L}\p{N}_'’-]")
# The characters the regex module's `\s` matches (Unicode White_Space), spelt out: Python's `re` reads `\s` more
# widely (str.isspace: \x1c-\x1f too), and `re` runs this character-class pattern about twice as fast.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# The same characters one by one, for `str.rstrip`.
WHITE_SPACE_CHARACTERS = ("\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
                          + "\u2028\u2029\u202f\u205f\u3000")
_NOT_SPACE = re.compile(f"[^{WHITE_SPACE}]")
# What a sentence's key leaves out at its end, and its ASCII part; the ASCII characters `str.split` splits at.
KEY_ENDS = ".!?…\"'”’)"
_ASCII_ENDS = KEY_ENDS.encode("ascii", "ignore")
_ASCII_SPACE = bytes(code for code in range(128) if chr(code).isspace())
# A sentence ends at . ! ? … (with closing quotes/brackets) before white space, or at a blank line.
_SENTENCE = re.compile(rf"[^{WHITE_SPACE}.!?…][^\n.!?…]*(?:[.!?…]+[\"'”’)\]]*)?")
# _SENTENCE on ASCII text, read as bytes (its other characters cannot occur there).
_ASCII_SENTENCE = re.compile(rb"[^\t\n\x0b\x0c\r .!?][^\n.!?]*(?:[.!?]+[\"')\]]*)?")
_LINE = regex.compile(r"[^\s](?:[^\n\r]*[^\s])?")
_QUOTED = regex.compile(r"“[^”\n]{1,200}”|\"[^\"\n]{1,200}\"|«[^»\n]{1,200}»|„[^“”\n]{1,200}[“”]|‘[^’\n]{1,200}’")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of sentences (trimmed of surrounding white space)."""
    for match in _SENTENCE.finditer(text):
        sentence = match.group()
        yield match.start(), match.start() + len(sentence.rstrip())


def sentence_texts(text: str) -> list[str]:
    """The texts of `sentences(text)`, untrimmed, found at C speed (no spans)."""
    return _SENTENCE.findall(text)


def coarse_key(text: str) -> bytes:
    """The text case-folded, without white space and without the KEY_ENDS at its end, as UTF-8: a function of its
    words case-folded and joined (`" ".join(text.casefold().split())`, with or without those ends), so texts with
    equal such keys have equal coarse keys; made at C speed for ASCII text, the common case."""
    if text.isascii():
        return text.encode().lower().translate(None, _ASCII_SPACE).rstrip(_ASCII_ENDS)
    return "".join(text.casefold().split()).rstrip(KEY_ENDS).encode("utf-8", "surrogatepass")


def sentence_coarse_keys(text: str) -> list[bytes]:
    """The coarse keys of `sentence_texts(text)`, in order; for ASCII text the sentences are found in its bytes
    lower-cased (the sentence pattern has no letters) and keyed at C speed, no sentence string made."""
    if not text.isascii():
        return list(map(coarse_key, sentence_texts(text)))
    found = _ASCII_SENTENCE.findall(text.encode().lower())
    return list(map(bytes.rstrip, map(bytes.translate, found, repeat(None), repeat(_ASCII_SPACE)), repeat(_ASCII_ENDS)))


def lines(text: str, limit: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of the first `limit` (all when None) non-blank lines, trimmed of surrounding white space: the matches of
    `_LINE`, found with `str.find` and `str.rstrip` (a regex reads a long line character by character)."""
    count, length = 0, len(text)
    newline = carriage = -1  # the next line breaks found (-1: look again; the length: none left)
    start = _NOT_SPACE.search(text)
    while start is not None and (limit is None or count < limit):
        first = start.start()
        if newline < first:
            newline = text.find("\n", first) % (length + 1)
        if carriage < first:
            carriage = text.find("\r", first) % (length + 1)
        end = first + len(text[first:min(newline, carriage)].rstrip(WHITE_SPACE_CHARACTERS))
        yield first, end
        count += 1
        start = _NOT_SPACE.search(text, end)


def last_line(text: str) -> tuple[int, int] | None:
    """The span `lines(text)` yields last, matched only after the last line break that has a line after it."""
    end = len(text)
    while end >= 0:
        cut = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1  # a line never spans a line break
        match = _LINE.search(text, cut, end)
        if match is not None:
            return match.span()
        end = cut - 1
    return None


class Word:
    """A word at a known place, read like a regex match of WORD (start, end, span, group)."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str):
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self) -> str:
        return self._text


def words_in(prose: Prose, start: int, end: int) -> list[regex.Match | Word]:
    """WORD's matches in [start, end) as `WORD.finditer(prose.text, start, end)` gives them, taken from the shared
    words of the text when a kind has made them (a short span alone is cheaper to match than the whole text); only a
    word that either end cuts is matched anew."""
    text, made = prose.text, vars(prose)
    if "word_matches" in made:
        matches = prose.word_matches
        first = bisect_left(matches, start, key=regex.Match.start)
        last = bisect_right(matches, end, key=regex.Match.end)
        whole: list[regex.Match | Word] = matches[first:last]
    elif "word_starts" in made:
        starts, folds = prose.word_starts, prose.word_folds
        first = bisect_left(starts, start)
        last = bisect_right(range(len(starts)), end, key=lambda index: starts[index] + len(folds[index]))
        whole = [Word(starts[index], starts[index] + len(folds[index]),
                      text[starts[index]:starts[index] + len(folds[index])]) for index in range(first, last)]
    else:
        return list(WORD.finditer(text, start, end))
    if not whole:
        return list(WORD.finditer(text, start, end))
    # A word cut by `start` leaves its tail before the first whole word, one cut by `end` its head after the last.
    return [*WORD.finditer(text, start, whole[0].start()), *whole, *WORD.finditer(text, whole[-1].end(), end)]


def quoted_spans(prose: Prose) -> list[tuple[int, int]]:
    """Spans of quotations and italic-free titles in quotes, where foreign words are expected."""
    return [m.span() for m in _QUOTED.finditer(prose.text)]


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `position` falls inside one of `spans`."""
    return any(start <= position < end for start, end in spans)
