"""Segments of prose, each with a map from its own offsets back to offsets in the file."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Literal


@dataclass(slots=True)
class Piece:
    """A run of segment text taken from one run of file text.

    Equal lengths map character by character; unequal ones (an entity, an escape, a replaced
    tag) map as one unit, so a span touching the piece covers all of its file text.
    """

    seg_start: int
    file_start: int
    seg_len: int
    file_len: int


_SEG_START = attrgetter("seg_start")

# Every block kind a reader gives a segment; rule options that name scopes are checked against it.
Scope = Literal["paragraph", "heading", "list-item", "quote", "table-cell", "title", "caption", "image-alt",
                "title-attribute", "front-matter"]


@dataclass(slots=True)
class Segment:
    """One block of prose (a paragraph, heading, list item, table cell, alt text...)."""

    scope: str
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)
    protected: list[tuple[int, int, str]] = field(default_factory=list)

    def add(self, text: str, file_start: int, file_len: int | None = None) -> None:
        """Append text read from the file at `file_start` (spanning `file_len` file characters)."""
        if not text:
            return
        file_len = len(text) if file_len is None else file_len
        last = self.pieces[-1] if self.pieces else None
        if (
            last is not None
            and file_len == len(text)
            and last.seg_len == last.file_len
            and last.seg_start + last.seg_len == len(self.text)
            and last.file_start + last.file_len == file_start
        ):
            last.seg_len += len(text)
            last.file_len += len(text)
        else:
            self.pieces.append(Piece(len(self.text), file_start, len(text), file_len))
        self.text += text

    def add_protected(self, text: str, file_start: int, file_len: int, kind: str) -> None:
        """Append text that rules must not flag (inline code and the like)."""
        start = len(self.text)
        self.add(text, file_start, file_len)
        self.protected.append((start, len(self.text), kind))

    def to_file(self, offset: int, *, is_end: bool = False) -> int:
        """Map a segment offset (a start, or an exclusive end) to a file offset."""
        if not self.pieces:
            return 0
        probe = offset - 1 if is_end and offset > 0 else offset
        pieces = self.pieces
        piece = pieces[max(0, bisect_right(pieces, probe, key=_SEG_START) - 1)] if len(pieces) > 1 else pieces[0]
        inside = probe - piece.seg_start
        if piece.seg_len == piece.file_len:
            inside = min(max(inside, 0), piece.seg_len)
            return piece.file_start + inside + (1 if is_end and offset > 0 else 0)
        return piece.file_start + (piece.file_len if is_end else 0)

    def is_blank(self) -> bool:
        """True when the segment holds no visible text."""
        return not self.text or self.text.isspace()  # (what `not text.strip()` says, without copying the text)


@dataclass(slots=True)
class Directive:
    """An inline suppression comment: `disable`, `enable` or `disable-next-line`, with rule codes or prefixes."""

    action: str
    codes: tuple[str, ...]
    line: int
