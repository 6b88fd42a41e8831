"""Markdown reader: pyromark's (pulldown-cmark's) events with their source ranges, mapped to segments."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

import pyromark

from ..positions import LineIndex
from .align import append_located, match_at
from .html import read_html
from .model import Segment

# CommonMark with GFM tables and strikethrough. Front matter is found here, not by the parser: pulldown-cmark
# takes a `---` block anywhere in the text for metadata, front matter is only the first thing in a file.
_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
_SCOPES = {"Item": "list-item", "BlockQuote": "quote", "Heading": "heading", "TableCell": "table-cell"}
_TEXT_BLOCKS = {"Paragraph", "Heading", "TableCell"}  # blocks whose text is one segment, even when empty
_HIDDEN_BLOCKS = {"CodeBlock", "HtmlBlock"}
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BREAK = re.compile(r"\\?(?>\r\n|\r|\n)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FRONT_MATTER_OPENING = re.compile(r"-{3,}")
_FRONT_MATTER_FIELD = re.compile(
    r"^(?:title|subtitle|description|summary|excerpt):[ \t]*(?P<q>[\"']?)(?P<value>.*?)(?P=q)[ \t]*$", re.M
)


def _char_offsets(text: str) -> Callable[[int], int]:
    """Turn the parser's UTF-8 byte offsets into code-point offsets of `text`."""
    if text.isascii():
        return int
    wide: list[int] = []  # byte offset of each non-ASCII character
    extra: list[int] = []  # bytes beyond one per character, up to and including it
    total = 0
    for match in _NON_ASCII.finditer(text):
        wide.append(match.start() + total)
        total += len(match.group().encode()) - 1
        extra.append(total)

    def char(byte: int) -> int:
        index = bisect_left(wide, byte)
        return byte - (extra[index - 1] if index else 0)

    return char


def _front_matter(lines: LineIndex) -> tuple[int, int] | None:
    """The first and after-last line (0-based) of YAML front matter: `---` first, closed by `---` or `...`."""
    text = lines.text
    opening = _FRONT_MATTER_OPENING.match(text)
    if opening is None:
        return None
    closing = re.compile(rf" {{0,3}}(?:\.\.\.|-{{{len(opening.group())},}})[ \t]*(?:\r\n|\r|\n|$)")
    for line in range(1, lines.line_count):
        if closing.match(text, lines.line_start(line)):
            return 0, line + 1
    return None


class _MarkdownReader:
    """Walks the parser's events once: block events open and close segments, inline events fill them."""

    def __init__(self, text: str, lines: LineIndex | None = None):
        self.text = text
        self.lines = lines if lines is not None else LineIndex(text)
        self.cursor = 0  # just past the last source character read as text
        self.segments: list[Segment] = []
        self.code_lines: list[tuple[int, int]] = []
        self.scopes: list[str] = []
        self.block: Segment | None = None
        self.images: list[Segment] = []
        self.hidden = 0

    def read(self) -> list[Segment]:
        source = self.read_front_matter()
        char = _char_offsets(source)
        wide = char is not int  # ASCII text: the parser's byte offsets are the offsets
        for event, span in pyromark.events_with_range(source, options=_OPTIONS):
            start, end = (char(span["start"]), char(span["end"])) if wide else (span["start"], span["end"])
            if type(event) is str:
                if event in ("SoftBreak", "HardBreak") and not self.hidden:
                    self.add_break(start, end)
                elif event == "Rule":
                    self.flush()
                continue
            (kind, value), = event.items()
            if kind == "Text" and not self.hidden:
                self.add_text(value, start, end)
            elif kind == "Code":
                self.target().add_protected(value, start, end - start, "code")
                self.cursor = end
            elif kind == "Start":
                self.open(value if type(value) is str else next(iter(value)), start, end)
            elif kind == "End":
                self.close(value if type(value) is str else next(iter(value)))
        self.flush()
        return self.segments

    def read_front_matter(self) -> str:
        """Read the front matter's fields; the text with the front matter blanked, for the parser."""
        found = _front_matter(self.lines)
        if found is None:
            return self.text
        start, end = self.lines.line_start(found[0]), self.lines.line_start(found[1])
        for field in _FRONT_MATTER_FIELD.finditer(self.text, start, end):
            if field.group("value"):
                segment = Segment("front-matter")
                segment.add(field.group("value"), field.start("value"))
                self.segments.append(segment)
        self.cursor = end
        # Same length, same line breaks: every offset the parser reports still fits the real text.
        return re.sub(r"[^\r\n]", " ", self.text[:end]) + self.text[end:]

    def open(self, name: str, start: int, end: int) -> None:
        if name == "Image":
            self.images.append(Segment("image-alt"))
            return
        if name in ("Emphasis", "Strong", "Strikethrough", "Link"):
            return
        self.flush()
        if name in _SCOPES:
            self.scopes.append(_SCOPES[name])
        if name in _TEXT_BLOCKS:
            self.block = Segment(self.scopes[-1] if self.scopes else "paragraph")
            self.cursor = max(self.cursor, start)
        elif name == "CodeBlock":
            self.code_lines.append((self.lines.position(start)[0], self.lines.position(max(start, end - 1))[0]))
        elif name == "HtmlBlock":
            first = self.lines.position(start)[0] - 1
            after = self.lines.position(max(start, end - 1))[0]
            region = max(self.cursor, self.lines.line_start(first)), self.lines.line_start(after)
            self.segments += read_html(self.text[region[0]:region[1]], region[0])
            self.cursor = region[1]
        if name in _HIDDEN_BLOCKS:
            self.hidden += 1

    def close(self, name: str) -> None:
        if name == "Image":
            self.segments.append(self.images.pop())
            return
        if name in ("Emphasis", "Strong", "Strikethrough", "Link"):
            return
        self.flush()
        if name in _SCOPES:
            self.scopes.pop()
        if name in _HIDDEN_BLOCKS:
            self.hidden -= 1

    def flush(self) -> None:
        """End the segment being filled, if any."""
        if self.block is not None:
            self.segments.append(self.block)
            self.block = None

    def target(self) -> Segment:
        """The segment inline text goes to: an image's alt text, the open block, or a tight list item's text."""
        if self.images:
            return self.images[-1]
        if self.block is None:
            self.block = Segment(self.scopes[-1] if self.scopes else "paragraph")
        return self.block

    def add_text(self, content: str, start: int, end: int) -> None:
        segment, text = self.target(), self.text
        if end - start == len(content) and text.startswith(content, start):
            if start > self.cursor and text[start - 1] == "\\" and content[0] in _PUNCTUATION:
                # A backslash escape: the character stands for both source characters, as an entity does.
                segment.add(content[0], start - 1, 2)
                segment.add(content[1:], start + 1)
            else:
                segment.add(content, start)
            self.cursor = end
            return
        runs = match_at(content, text, start, end)  # an entity, or text with escapes
        if runs:
            append_located(segment, runs)
            self.cursor = end

    def add_break(self, start: int, end: int) -> None:
        match = _BREAK.search(self.text, start, end)
        if match:
            self.target().add("\n", match.start(), match.end() - match.start())
            self.cursor = match.end()


def read_markdown(text: str, lines: LineIndex | None = None) -> tuple[list[Segment], list[tuple[int, int]]]:
    """Segments of a Markdown file, and the 1-based line ranges of its code blocks (`lines`: the text's line index,
    when the caller has made it)."""
    reader = _MarkdownReader(text, lines)
    return reader.read(), reader.code_lines
