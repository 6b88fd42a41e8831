"""Multi-pattern phrase search on folded prose, with word boundaries (one Hyperscan pass for many phrases).

Every phrase list of a run (each `phrases`, `leakage` and `boilerplate` rule, the glossary's forms) is a
`PhraseIndex` on one shared `PhraseAutomaton`: a document is scanned once for all of them, and each index gets
its own matches, as if it had scanned alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import Generic, TypeVar

from ..documents.prose import ASCII_OTHER_SPACES, OTHER_SPACES, fold, space_out

Payload = TypeVar("Payload")
Match = tuple[int, int, list]  # start, end, the payloads of one index registered for the phrase found there

_WHITE = re.compile(r"\s+")  # `re`'s \s is str.isspace


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _gaps(text: str, folded: str) -> list[tuple[int, int, bool]]:
    """The runs of white space in `text` that are not one plain space: (start, end, whether the run joins the words
    on its sides). A run joins words unless it holds two line breaks (a paragraph break, and so the blank line
    between two segments of a document): several spaces, a tab, a line break inside a paragraph are one gap.

    Most texts have none: when the folded text's double spaces are the blank lines' and no other white space than
    the kinds `fold` turns into spaces is there, every run is one space or holds a blank line."""
    others = ASCII_OTHER_SPACES if folded.isascii() else OTHER_SPACES
    if folded.count("  ") == text.count("\n\n") and not any(space in folded for space in others):
        return []
    gaps = []
    for run in _WHITE.finditer(text):
        start, end = run.span()
        if end - start > 1 or folded[start] != " ":
            gaps.append((start, end, len((run.group() + ".").splitlines()) <= 2))
    return gaps


def _squeezed(folded: str, gaps: list[tuple[int, int, bool]]) -> tuple[str, Callable[[int], int]]:
    """The folded text with every joining run of white space one space and every other white space character a
    space, and a map from its offsets back to the text's."""
    parts, marks, shifts, last, removed = [], [0], [0], 0, 0
    for start, end, joins in gaps:
        parts += (folded[last:start], " " if joins else " " * (end - start))
        last = end
        if joins and end - start > 1:
            removed += end - start - 1
            marks.append(end - removed)  # the first squeezed offset after the gap
            shifts.append(removed)
    parts.append(folded[last:])

    def back(offset: int) -> int:
        return offset + shifts[bisect_right(marks, offset) - 1]

    return "".join(parts), back


class PhraseAutomaton:
    """One literal search over the phrases of many indexes; scans each text once for all of them.

    Text and phrases are searched in their "spaced" form (every non-alphanumeric character a space) with a space
    on each side, so the search itself only reports whole words; the exact folded text is then compared, which
    tells `Wi-Fi` from `Wi Fi`. Hyperscan reads the text one byte per character (`prefilter.ascii_bytes`, where two
    non-ASCII characters may share a byte, never with a space): that comparison also drops what only the bytes
    matched.
    """

    def __init__(self) -> None:
        self._keys: dict[str, dict] = {}  # key -> {owner: [shift, [(folded phrase, payload)]]}
        self._database: tuple[object, list[dict]] | None = None  # the compiled keys and each id's owners
        self._stored: bytes | None = None  # the compiled keys serialised, as an unpickled automaton has them
        self._owners = 0
        # The matches of the last text scanned, by owner; kept with that text so its identity stays unique.
        self._last: tuple[str, str | None, str, dict[int, list[Match]]] | None = None

    def owner(self) -> int:
        """A new owner id: the phrases an index adds are found for that index only."""
        self._owners += 1
        return self._owners

    def add(self, owner: int, phrase: str, payload: object) -> None:
        """Register a phrase (matched case-insensitively, any white space within a paragraph between its words) for
        `owner`; payloads for the same phrase join."""
        folded = _WHITE.sub(" ", fold(phrase))
        if not folded.strip():
            return
        lead = 1 if _is_word_char(folded[0]) else 0
        key = " " * lead + space_out(folded) + (" " if _is_word_char(folded[-1]) else "")
        # One index's phrases that share a key (`read more:`, `read more`) share one entry, each compared at its own
        # width when found. Other indexes keep theirs.
        owners = self._keys.get(key)
        if owners is None:
            owners = self._keys[key] = {}
            self._database = self._stored = None
        if owner in owners:
            owners[owner][0] = lead - len(key)
            owners[owner][1].append((folded, payload))
        else:
            owners[owner] = [lead - len(key), [(folded, payload)]]
        self._last = None

    def __len__(self) -> int:
        return len(self._keys)

    def matches(self, owner: int, text: str, folded: str, spaced: str | None) -> list[Match]:
        """Every (start, end, payloads) of `owner`'s phrases in the text, overlapping, in no particular order
        (`folded`: the text folded, `spaced`: that spaced out, or None)."""
        last = self._last
        if last is None or last[0] is not folded or last[1] is not spaced or spaced is None or last[2] is not text:
            last = self._last = (folded, spaced, text, self._found(text, folded, spaced))
        return last[3].get(owner, [])

    def _found(self, text: str, folded: str, spaced: str | None) -> dict[int, list[Match]]:
        """The scan's matches by owner, in the text's offsets: a text with gaps between words is scanned squeezed."""
        if not self._keys:
            return {}
        gaps = _gaps(text, folded)
        if not gaps:
            return self._scan(folded, spaced)
        squeezed, back = _squeezed(folded, gaps)
        return {owner: [(back(start), back(end - 1) + 1, payloads) for start, end, payloads in found]
                for owner, found in self._scan(squeezed, None).items()}

    def _scan(self, folded: str, spaced: str | None) -> dict[int, list[Match]]:
        from .prefilter import ascii_bytes

        database, owners_of = self._compile()
        padded = " " + (spaced if spaced is not None else space_out(folded)) + " "
        places: list[tuple[int, int]] = []
        database.scan(ascii_bytes(padded), match_event_handler=_place, context=places)  # type: ignore[attr-defined]
        found: dict[int, list[Match]] = {}
        for key_id, end in places:
            for owner, (shift, entries) in owners_of[key_id].items():
                start = end - 1 + shift  # padded offset -> text offset: the leading pad shifts by one
                if len(entries) == 1:  # most keys hold one phrase: what follows, without the lists
                    phrase, payload = entries[0]
                    if folded[start:start + len(phrase)] == phrase:
                        found.setdefault(owner, []).append((start, start + len(phrase), [payload]))
                    continue
                # Phrases of one key differ in punctuation and may differ in length (`Read more` / `Read more:`):
                # each is compared at its own width, and the longest that matches wins. Wi-Fi is not Wi Fi.
                matched = [(len(phrase), payload) for phrase, payload in entries
                           if folded[start:start + len(phrase)] == phrase]
                if matched:
                    width = max(w for w, _ in matched)
                    found.setdefault(owner, []).append(
                        (start, start + width, [payload for w, payload in matched if w == width]))
        return found

    def _compile(self) -> tuple[object, list[dict]]:
        if self._database is None:
            database = _loaded(self._stored) if self._stored is not None else None
            if database is None:
                from .pattern_scan import compiled
                from .prefilter import ascii_bytes

                entries = [(i, _bytes_literal(ascii_bytes(key))) for i, key in enumerate(self._keys)]
                database = compiled(entries, single=False, starts=False)[1]
            self._database = (database, list(self._keys.values()))
        return self._database

    def __getstate__(self) -> dict:
        """The keys, and their compiled database serialised: an automaton loaded from the engine store then skips
        writing every key's expression and hashing them to find the database (~35 ms a run for 3,000 keys)."""
        database = self._compile()[0] if self._keys else None
        if database is not None:
            import hyperscan

            stored = hyperscan.dumpb(database)
        else:
            stored = None
        return {"_keys": self._keys, "_owners": self._owners, "_stored": stored}

    def __setstate__(self, state: dict) -> None:
        self.__init__()  # type: ignore[misc]
        self._keys, self._owners, self._stored = state["_keys"], state["_owners"], state["_stored"]


def _loaded(stored: bytes) -> object | None:
    """A serialised database ready to scan; None when this machine's Hyperscan cannot load it."""
    import hyperscan

    try:
        database = hyperscan.loadb(stored, hyperscan.HS_MODE_BLOCK)
        database.scratch = hyperscan.Scratch(database)
    except hyperscan.error:
        return None
    return database


def _place(key_id: int, start: int, end: int, flags: int, places: list[tuple[int, int]]) -> None:
    places.append((key_id, end))


class PhraseIndex(Generic[Payload]):
    """Finds many phrases at once; yields leftmost-longest, non-overlapping, whole-word matches.

    On a shared automaton (a run's, from its BuildContext) the text is scanned once for every index on it;
    without one the index has an automaton of its own.
    """

    def __init__(self, automaton: PhraseAutomaton | None = None) -> None:
        self._automaton = automaton if automaton is not None else PhraseAutomaton()
        self._owner = self._automaton.owner()
        self._size = 0

    def add(self, phrase: str, payload: Payload) -> None:
        """Register a phrase (matched case-insensitively) with its payload; later payloads for a phrase join it."""
        self._automaton.add(self._owner, phrase, payload)
        self._size += 1

    def __len__(self) -> int:
        return self._size

    def find(self, text: str, folded: str, spaced: str | None = None) -> list[tuple[int, int, list[Payload]]]:
        """(start, end, payloads) in `text`, in order, searching its same-length folded and spaced forms."""
        hits = self._automaton.matches(self._owner, text, folded, spaced) if self._size else None
        if not hits:
            return []
        found, taken_until = [], -1
        for start, end, payloads in sorted(hits, key=_leftmost_longest):
            if start >= taken_until:
                taken_until = end
                found.append((start, end, payloads))
        return found


def _leftmost_longest(hit: Match) -> tuple[int, int]:
    return hit[0], hit[0] - hit[1]


class LiteralSearch:
    """Which of many strings occur anywhere in a text (plain substrings, no word boundaries): one Hyperscan pass
    over the text and one over its folded form, shared by every rule that registered strings (pattern rules'
    `requires` and the strings their regexes cannot match without).

    The passes run over UTF-8 bytes, where a string's bytes occur exactly where the string does; each string is
    reported once, however often it occurs (an automaton that lists every place costs more on common words)."""

    def __init__(self) -> None:
        self._strings: dict[bool, dict[str, int]] = {False: {}, True: {}}  # string -> its id, per haystack
        self._databases: dict[bool, tuple[object, list[str]]] | None = None  # database and names by id
        self._last: tuple[str, tuple[frozenset[str], frozenset[str]]] | None = None

    def add(self, string: str, folded: bool) -> None:
        """Look for `string` in the text (folded: in the folded text)."""
        strings = self._strings[folded]
        if string not in strings:
            strings[string] = len(strings)
            self._databases = None
            self._last = None

    def found(self, text: str, folded: str) -> tuple[frozenset[str], frozenset[str]]:
        """The registered strings found in `text`, and in `folded` (its folded form); the last answer is kept."""
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        self._compile()
        found = (self._search(False, text), self._search(True, folded))
        self._last = (text, found)
        return found

    def _search(self, folded: bool, haystack: str) -> frozenset[str]:
        database, names = self._databases[folded]  # type: ignore[index]
        ids: set[int] = set()
        if database is not None:
            database.scan(_utf8(haystack), match_event_handler=_collect, context=ids)
        found = {names[i] for i in ids}
        if "" in self._strings[folded]:  # the empty string is in every text; Hyperscan takes no empty expression
            found.add("")
        return frozenset(found)

    def _compile(self) -> None:
        if self._databases is None:
            from .pattern_scan import compiled

            entries = {folded: [(i, _literal(s)) for s, i in strings.items() if s]
                       for folded, strings in self._strings.items()}
            self._databases = {folded: (compiled(entries[folded])[1] if entries[folded] else None, list(strings))
                               for folded, strings in self._strings.items()}


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _literal(string: str) -> bytes:
    """A Hyperscan expression matching exactly the UTF-8 bytes of `string`."""
    return _bytes_literal(_utf8(string))


def _bytes_literal(data: bytes) -> bytes:
    """A Hyperscan expression matching exactly `data`."""
    return b"".join(b"\\x%02x" % byte for byte in data)


def _collect(string_id: int, start: int, end: int, flags: int, found: set[int]) -> None:
    found.add(string_id)
