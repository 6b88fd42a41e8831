"""All segments of a document joined into one text, so each rule scans a document once."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, compress

import regex

from .model import Segment
from .spans import find_non_prose

SEPARATOR = "\n\n"
# A word: letters and digits, joined by one apostrophe or hyphen between letters (don't, Wi-Fi).
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")
_NON_ALNUM = regex.compile(r"[^\p{L}\p{N}\s]")
# Common punctuation and typographic symbols, and any other character that is no letter, digit or white space,
# become spaces.
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~’‘“”«»„–—…·•¿¡°ºª€£¥©®™\u00a0"
# Keeps length: case folding and quote normalisation must not move offsets.
_FOLD_REPLACEMENTS = (("’", "'"), ("‘", "'"), ("\u00a0", " "), ("\t", " "), ("\n", " "), ("\r", " "))


def _spaced_char(char: str) -> str:
    return " " if char in _PUNCTUATION or _NON_ALNUM.match(char) else char


# str.translate is fast on ASCII text only: ASCII goes through a byte table, where any other character is a `?`
# (a space), and the few other characters that are letters or digits are put back; a text with many other
# characters goes through one regex pass (the listed characters that are letters or white space, or anything else
# that is no letter, digit or space).
_SPACED_ASCII = bytes(ord(_spaced_char(chr(code))) for code in range(128)) + bytes(range(128, 256))
_TO_SPACE = regex.compile("[" + regex.escape("".join(c for c in _PUNCTUATION if not _NON_ALNUM.match(c)))
                          + r"]|[^\p{L}\p{N}\s]")
# ASCII white space (what str.split splits at) a space, every other byte an `x`.
_RUN_STARTS = bytes(32 if code < 128 and chr(code).isspace() else ord("x") for code in range(256))
_FEW_OTHERS = 64  # beyond this many non-ASCII characters the regex pass is quicker than putting them back
_KEPT: dict[str, bool] = {}  # non-ASCII character -> whether it stays in the spaced text
# White space that `fold` leaves as it is (it makes tabs, line breaks and no-break spaces spaces).
OTHER_SPACES = "\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
               "\u2028\u2029\u202f\u205f\u3000"
ASCII_OTHER_SPACES = OTHER_SPACES[:6]


@dataclass(frozen=True, slots=True)
class Protected:
    """A span rules must not flag unless they allow its kind."""

    start: int
    end: int
    kind: str


def fold(text: str) -> str:
    """Lower-case `text`, normalise curly apostrophes and white space, keeping its length."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for old, new in _FOLD_REPLACEMENTS:  # a few C-speed passes: str.translate is slow on non-ASCII text
        lowered = lowered.replace(old, new)
    return lowered


def space_out(folded: str) -> str:
    """Turn every character that is not a letter or digit into a space, keeping the length."""
    if folded.isascii():
        return folded.encode("ascii").translate(_SPACED_ASCII).decode("ascii")
    replaced = folded.encode("ascii", "replace")  # one `?` for each other character
    if replaced.count(b"?") - folded.count("?") > _FEW_OTHERS:
        return _TO_SPACE.sub(" ", folded)
    spaced = replaced.translate(_SPACED_ASCII).decode("ascii")
    parts, last = [], 0
    at = replaced.find(b"?")
    while at >= 0:
        char = folded[at]
        kept = _KEPT.get(char)
        if kept is None:
            kept = _KEPT[char] = _spaced_char(char) != " "
        if kept:
            parts += (spaced[last:at], char)
            last = at + 1
        at = replaced.find(b"?", at + 1)
    return "".join(parts) + spaced[last:] if parts else spaced


class _Met:
    """The words of a large known-word set that a run's documents have used: most of a document's tokens are among
    them, and a set this small stays in the processor's caches, where the large one does not."""

    LIMIT = 1 << 16  # a long run keeps meeting words: the set is bounded

    def __init__(self, known: frozenset[str]):
        self.known = known
        self.words: set[str] = set()

    def unknown(self, tokens: frozenset[str]) -> frozenset[str]:
        """`tokens - known`, asking the large set only about the tokens not met before."""
        fresh = tokens - self.words
        common = fresh & self.known
        if common:
            if len(self.words) > self.LIMIT:
                self.words.clear()
            self.words |= common
            return fresh - common
        return fresh


_MET: dict[int, _Met] = {}
_MET_SETS = 8


def _met(known: frozenset[str]) -> _Met:
    """The run's met words of `known` (found by identity: a run has a few such sets; a process that builds its
    rules again drops the old ones)."""
    met = _MET.get(id(known))
    if met is None or met.known is not known:
        if len(_MET) >= _MET_SETS:
            _MET.clear()
        met = _MET[id(known)] = _Met(known)
    return met


_JOINS: dict[regex.Pattern, dict[str, bool]] = {}  # per one-character pattern: whether it matches a character
_JOINS_LIMIT = 1 << 12  # characters remembered per pattern (a long run meets many)
_JOINS_PATTERNS = 16


def _learn(joined: regex.Pattern, known: dict[str, bool], char: str) -> bool:
    """Whether `joined` matches `char` ("": nothing, so no), remembered in `known`."""
    if len(known) > _JOINS_LIMIT:
        known.clear()
    answer = known[char] = bool(char) and joined.match(char) is not None
    return answer


class Prose:
    """The prose of one document: segment texts joined by a blank line, with maps back to the file."""

    def __init__(self, segments: list[Segment]):
        self.segments = [s for s in segments if not s.is_blank()]
        self.starts: list[int] = []
        # Per segment, what to add to a prose offset to get the file offset where the segment is one run of file
        # text copied as it is (most paragraphs: what `Segment.to_file` gives there); None where its pieces map it.
        self._shifts: list[int | None] = []
        spans: list[Protected] = []
        position = 0
        for segment in self.segments:
            self.starts.append(position)
            piece = segment.pieces[0] if len(segment.pieces) == 1 else None
            self._shifts.append(piece.file_start - position if piece is not None and piece.seg_len == piece.file_len
                                else None)
            if segment.protected:
                spans += [Protected(position + start, position + end, kind) for start, end, kind in segment.protected]
            position += len(segment.text) + len(SEPARATOR)
        self.text = SEPARATOR.join(s.text for s in self.segments)
        spans += [Protected(start, end, kind) for start, end, kind in find_non_prose(self.text)]
        self.protected = sorted(spans, key=lambda p: (p.start, p.end))
        self._protected_starts = [p.start for p in self.protected]
        self._unknown: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    @cached_property
    def folded(self) -> str:
        """The text folded for phrase search, same length as `text`."""
        return fold(self.text)

    @cached_property
    def spaced(self) -> str:
        """The folded text with every character that is not a letter or digit turned into a space (same length):
        whole words are then exactly the runs between spaces."""
        return space_out(self.folded)

    @cached_property
    def runs(self) -> list[str]:
        """The spaced text split: every run of letters and digits, folded, in order."""
        return self.spaced.split()

    @cached_property
    def tokens(self) -> frozenset[str]:
        """Every distinct lower-case alphanumeric token: rules test these first, at C speed, and look for
        positions only when a token is suspect."""
        return frozenset(self.runs)

    @cached_property
    def tokens_ascii(self) -> bool:
        """Whether every token is ASCII: then every letter and digit of the text is ASCII, or the Kelvin sign (the one
        other character folding to one)."""
        return self.spaced.isascii() or "".join(self.tokens).isascii()  # the tokens are pieces of the spaced text

    @cached_property
    def word_folds(self) -> list[str]:
        """The folded text of each WORD, in order (`folded[m.start():m.end()]` for each of `word_matches`), split at
        C speed: the spaced text's runs are the runs of letters and digits, joined where WORD joins them."""
        if self._word_spaced is None:
            folded = self.folded
            return [folded[m.start():m.end()] for m in self.word_matches]
        return self.runs if self._word_spaced is self.spaced else self._word_spaced.split()

    @cached_property
    def word_starts(self) -> list[int]:
        """Where each WORD starts (`m.start()` for each of `word_matches`): the lengths of the pieces between single
        spaces of the spaced text, summed at C speed (unless other white space stands between words)."""
        spaced = self._word_spaced
        if spaced is not None:
            pieces = spaced.split(" ")
            lengths = list(map(len, pieces))
            # The pieces are the words where no other white space is left (folding made tabs and line breaks
            # spaces): known at once for ASCII text, else compared.
            if spaced.isascii() and not any(space in spaced for space in ASCII_OTHER_SPACES) \
                    or list(compress(pieces, lengths)) == self.word_folds:
                return list(compress(accumulate(map((1).__add__, lengths), initial=0), lengths))
        return [m.start() for m in self.word_matches]

    @cached_property
    def _word_spaced(self) -> str | None:
        """The spaced text with WORD's joiners put back (its runs are the folded words); None when a letter (º, ª)
        is a space there."""
        text, folded = self.text, self.folded
        if "º" in text or "ª" in text:
            return None
        if "-" not in text and "'" not in text and "’" not in text:
            return self.spaced
        spaced, parts, last = self.spaced, [], 0
        for at in self._joins:
            parts += (spaced[last:at], folded[at])
            last = at + 1
        return "".join(parts) + spaced[last:] if parts else spaced

    @cached_property
    def _joins(self) -> list[int]:
        """Where an apostrophe or hyphen stands between two letters or digits (which WORD joins), in order: found at
        C speed, each side read in the spaced text, where a letter or digit is the one thing not a space (but º,
        ª: the callers look for them first)."""
        text, spaced, joins = self.text, self.spaced, []
        for joiner in "-'’":
            at = text.find(joiner, 1)
            while 0 < at < len(text) - 1:
                if not spaced[at - 1].isspace() and not spaced[at + 1].isspace():
                    joins.append(at)
                at = text.find(joiner, at + 1)
        return sorted(joins)

    @cached_property
    def word_matches(self) -> list[regex.Match]:
        """Every WORD of the text, in order: one regex pass shared by the kinds that walk words."""
        return list(WORD.finditer(self.text))

    @cached_property
    def word_texts(self) -> list[str]:
        """The text of each of `word_matches`."""
        return list(map(regex.Match.group, self.word_matches))

    def unknown(self, known: frozenset[str]) -> frozenset[str]:
        """The tokens not in `known` (a run's set of common words): computed once per set and shared by the rules."""
        cached = self._unknown.get(id(known))
        if cached is None or cached[0] is not known:
            cached = self._unknown[id(known)] = (known, _met(known).unknown(self.tokens))
        return cached[1]

    def segment_index(self, offset: int) -> int:
        """Index of the segment holding `offset`."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def to_file(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a prose span to a file span; None when it crosses a segment boundary."""
        index = self.segment_index(start)
        base = self.starts[index]
        segment = self.segments[index]
        if end - base > len(segment.text):
            return None
        shift = self._shifts[index]
        if shift is not None:
            return start + shift, end + shift
        return segment.to_file(start - base), segment.to_file(end - base, is_end=True)

    def protected_kinds(self, start: int, end: int) -> set[str]:
        """Kinds of protected spans overlapping [start, end)."""
        kinds = set()
        first = max(0, bisect_left(self._protected_starts, start) - 1)
        for span in self.protected[first:]:
            if span.start >= end:
                break
            if span.end > start:
                kinds.add(span.kind)
        return kinds

    def occurrences(self, words: Iterable[str], joined: regex.Pattern, folded: bool = False) -> list[tuple[int, str]]:
        """(start, word) of every place in the text (or its folded form), in order, where one of `words` stands
        alone: no character that `joined` (a pattern of one character class) matches touches either end (the matches
        of a word pattern bounded by that class, found at C speed)."""
        text, found = self.folded if folded else self.text, []
        # `joined` is one character class: whether it matches a character is asked once per run.
        known = _JOINS.get(joined)
        if known is None:
            if len(_JOINS) >= _JOINS_PATTERNS:  # the kinds pass a few module constants; anything else is bounded
                _JOINS.clear()
            known = _JOINS[joined] = {}
        for word in words:
            start = text.find(word)
            while start >= 0:
                end = start + len(word)
                before, after = text[start - 1:start], text[end:end + 1]  # "" at either end of the text
                touches = known.get(before)
                if touches is None:
                    touches = _learn(joined, known, before)
                if not touches:
                    touches = known.get(after)
                    if touches is None:
                        touches = _learn(joined, known, after)
                    if not touches:
                        found.append((start, word))
                start = text.find(word, start + 1)
        return sorted(found)

    @cached_property
    def tokens_fold_simply(self) -> bool:
        """Whether every token of the text is its word lower-cased and case-folded at once: no letter folds beyond
        lower case (ß, final sigma, dotted I) and no letter (º, ª) is a space in the spaced text."""
        folded = self.folded
        # Lower-case ASCII is its own case folding (and º, ª are no ASCII).
        return folded.isascii() or folded == folded.casefold() and "º" not in self.text and "ª" not in self.text

    def words(self) -> list[tuple[int, int]]:
        """Spans of words that count towards the score, outside code."""
        return [
            (m.start(), m.end())
            for m in self.word_matches
            if "code" not in self.protected_kinds(m.start(), m.end())
        ]

    def word_count(self) -> int:
        """Number of words, outside code."""
        if any(p.kind == "code" for p in self.protected):
            return len(self.words())
        if "word_folds" in self.__dict__ or "º" in self.text or "ª" in self.text:
            return len(self.word_folds)  # one per WORD (made already by the kinds that walk words)
        # Each WORD is a run of letters and digits, or several joined by an apostrophe or hyphen between two of
        # them: the runs less the joiners.
        return self._run_count() - len(self._joins)

    def _run_count(self) -> int:
        """len(self.runs), counted without splitting when not split already: an ASCII text's spaced form read as
        white space and the rest, where each run starts with a space and a non-space."""
        if "runs" in self.__dict__ or not self.spaced.isascii():
            return len(self.runs)
        return (b" " + self.spaced.encode("ascii").translate(_RUN_STARTS)).count(b" x")
