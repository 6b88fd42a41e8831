"""Offsets <-> 1-based line and column, in Unicode code points."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps code-point offsets of one text to 1-based (line, column); CRLF, CR and LF each end a line."""

    def __init__(self, text: str):
        self.text = text
        if "\r" in text:
            self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        else:  # line lengths summed at C speed: most texts end lines with LF alone
            self.starts = list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))[:-1]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a code-point offset."""
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_start(self, line: int) -> int:
        """The offset where 0-based line `line` begins (the text's end past the last line)."""
        if line >= len(self.starts):
            return len(self.text)
        return self.starts[line]

    @property
    def line_count(self) -> int:
        """How many lines the text has."""
        return len(self.starts)
