"""Which pattern rules may match a text: one Hyperscan pass over it for every rule, through each rule's prefilter.

Each pack's compiled database is kept in the cache folder under a digest of its expressions: building them takes
about two CPU seconds for the built-in packs (once per cache folder), loading them a few milliseconds.
"""

from __future__ import annotations

from pathlib import Path

from ..digests import key_of
from .prefilter import scanned
from .wordlist import cached, store

# How the databases are compiled and scanned: a change here must not load databases compiled the old way.
_FORMAT = "block mode; single match, multi-line; text between two line breaks"
_EVERY_MATCH = "block mode; every match with its leftmost start, multi-line; text between two line breaks"
_EVERY_END = "block mode; every match, multi-line; text between two line breaks"
# More places than this and a rule's regex runs over the whole text: telling lines apart would cost more.
MAX_PLACES = 64




class PatternScan:
    """Many prefilter expressions (`rules.prefilter`) scanned at once; tells which ones match a text.

    Expressions are compiled in groups (a rule pack each), so that a new pack compiles only its own.
    """

    def __init__(self) -> None:
        self._groups: dict[str, list[tuple[int, bytes]]] = {}
        self._size = 0
        self._databases: list | None = None
        self._usable: frozenset[int] = frozenset()
        self._last: tuple[str, frozenset[int]] | None = None
        self._last_data: tuple[str, bytes] | None = None
        self._alone: dict[int, object] = {}  # expression id -> its own database, reporting every match

    def add(self, expression: bytes, group: str) -> int:
        """Register an expression in a group; its id."""
        self._groups.setdefault(group, []).append((self._size, expression))
        self._size += 1
        self._databases, self._last = None, None
        return self._size - 1

    def usable(self, expression_id: int) -> bool:
        """Whether Hyperscan took the expression (else the rule must run wherever it might match)."""
        self._compile()
        return expression_id in self._usable

    def found(self, text: str) -> frozenset[int]:
        """The ids of the expressions that match somewhere in `text`; the last answer is kept."""
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        matched: set[int] = set()
        data = self._scanned(text)
        for database in self._compile():
            database.scan(data, match_event_handler=_collect, context=matched)
        self._last = (text, frozenset(matched))
        return self._last[1]

    def places(self, expression_id: int, text: str) -> list[tuple[int, int]] | None:
        """(start, end) offsets in `text` of the expression's matches: every end, each with the leftmost start of a
        match ending there (-1 where Hyperscan cannot tell starts for this expression). None past MAX_PLACES, or
        when Hyperscan does not take the expression alone."""
        import hyperscan

        if expression_id not in self._alone:
            entry = next(e for entries in self._groups.values() for e in entries if e[0] == expression_id)
            database = compiled([entry], single=False)[1]
            self._alone[expression_id] = database if database is not None else compiled(
                [entry], single=False, starts=False)[1]
        database = self._alone[expression_id]
        if database is None:
            return None
        places: list[tuple[int, int]] = []
        try:
            database.scan(self._scanned(text), match_event_handler=_place, context=places)
        except hyperscan.ScanTerminated:
            return None
        # `scanned` puts a line break before the text: byte `b` is offset `b - 1` (without starts, `start` is 0).
        return [(start - 1, end - 1) for start, end in places]

    def _scanned(self, text: str) -> bytes:
        last = self._last_data
        if last is None or last[0] is not text:
            last = self._last_data = (text, scanned(text))
        return last[1]

    def _compile(self) -> list:
        if self._databases is None:  # Hyperscan is loaded when a pattern rule first runs
            self._databases, usable = [], set()
            for entries in self._groups.values():
                ids, database = compiled(entries)
                usable.update(ids)
                if database is not None:
                    self._databases.append(database)
            self._usable = frozenset(usable)
        return self._databases


def compiled(entries: list[tuple[int, bytes]], single: bool = True,
             starts: bool = True) -> tuple[tuple[int, ...], object]:
    """The ids Hyperscan takes and their database (None without ids), ready to scan: from the cache folder, or
    compiled and kept there. Single: each expression reports its first match only; else every match's end, and
    with `starts` the leftmost start of a match ending there."""
    import hyperscan

    mode = (single, not single and starts)
    path = _cache_path(entries, *mode)
    try:
        return _loaded(*cached(path, lambda: _built(entries, *mode), kind=tuple))
    except (hyperscan.error, ValueError, TypeError):  # a damaged file, or one from another machine
        built = _built(entries, *mode)
        store(path, built)
        return _loaded(*built)


def _collect(expression_id: int, start: int, end: int, flags: int, matched: set[int]) -> None:
    matched.add(expression_id)


def _place(expression_id: int, start: int, end: int, flags: int, places: list[tuple[int, int]]) -> bool:
    places.append((start, end))
    return len(places) > MAX_PLACES  # true stops the scan


def _loaded(ids: tuple[int, ...], stored: bytes) -> tuple[tuple[int, ...], object]:
    """The ids and the database (None without ids) of a serialised database, ready to scan."""
    import hyperscan

    if not ids:
        return ids, None
    database = hyperscan.loadb(stored, hyperscan.HS_MODE_BLOCK)
    database.scratch = hyperscan.Scratch(database)
    return tuple(ids), database


def _built(entries: list[tuple[int, bytes]], single: bool = True,
           starts: bool = False) -> tuple[tuple[int, ...], bytes]:
    """The ids of the expressions Hyperscan takes (not one that matches an empty text, nor one too large), and
    their database serialised."""
    import hyperscan

    try:
        return tuple(i for i, _ in entries), hyperscan.dumpb(_database(entries, single, starts))
    except hyperscan.error:
        entries = [(i, expression) for i, expression in entries if _compiles(expression, single, starts)]
        return tuple(i for i, _ in entries), hyperscan.dumpb(_database(entries, single, starts)) if entries else b""


def _compiles(expression: bytes, single: bool, starts: bool) -> bool:
    import hyperscan

    try:
        _database([(0, expression)], single, starts)
    except hyperscan.error:
        return False
    return True


def _database(entries: list[tuple[int, bytes]], single: bool, starts: bool = False):
    import hyperscan

    flags = hyperscan.HS_FLAG_MULTILINE | (hyperscan.HS_FLAG_SINGLEMATCH if single else 0)
    flags |= hyperscan.HS_FLAG_SOM_LEFTMOST if starts else 0
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=[e for _, e in entries], ids=[i for i, _ in entries], flags=[flags] * len(entries))
    return database


def _cache_path(entries: list[tuple[int, bytes]], single: bool = True, starts: bool = False) -> Path:
    import hyperscan

    from ..defaults import cache_dir

    key = key_of(hyperscan.__version__, _FORMAT if single else _EVERY_MATCH if starts else _EVERY_END,
                 *(f"{i}:{expression.hex()}" for i, expression in entries))
    return cache_dir() / "hyperscan" / f"{key}.marshal"
