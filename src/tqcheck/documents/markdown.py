"""Markdown reader: markdown-it-py blocks, inline text located back in the source."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ..positions import LineIndex
from .align import append_located, locate
from .html import read_html
from .model import Segment

_CONTAINER_SCOPES = {"th_open": "table-cell", "td_open": "table-cell", "list_item_open": "list-item",
                     "blockquote_open": "quote", "heading_open": "heading"}
_FRONT_MATTER_FIELD = re.compile(
    r"^(?:title|subtitle|description|summary|excerpt):[ \t]*(?P<q>[\"']?)(?P<value>.*?)(?P=q)[ \t]*$", re.M
)


# CommonMark's preset stops parsing at 20 nested blocks and silently drops what is deeper; markdown-it's own
# default preset allows 100. Deeper than that, a file is reported as not checked rather than passed unread.
MAX_NESTING = 100
# Containers whose content markdown-it parses one level deeper (and drops when that reaches the limit).
_NESTING_CONTAINERS = {"blockquote_open", "list_item_open"}


class NestedTooDeep(ValueError):
    """Markdown nested deeper than the parser reads; `line` is where the cut-off container starts."""

    def __init__(self, line: int):
        super().__init__(f"Markdown nested {MAX_NESTING} or more levels deep (the parser's limit); not checked")
        self.line = line


def _parser() -> MarkdownIt:
    return (MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
            .enable(["table", "strikethrough"]).use(front_matter_plugin))


class _MarkdownReader:
    """Walks the token stream once, keeping a cursor into the source that only moves forward."""

    def __init__(self, text: str):
        self.text = text
        self.lines = LineIndex(text)
        self.cursor = 0
        self.segments: list[Segment] = []
        self.code_lines: list[tuple[int, int]] = []

    def region(self, line_map: list[int] | None) -> tuple[int, int]:
        if not line_map:
            return self.cursor, len(self.text)
        start = self.lines.line_start(line_map[0])
        return max(self.cursor, start), self.lines.line_start(line_map[1])

    def read(self) -> list[Segment]:
        scopes: list[str] = []
        for token in _parser().parse(self.text):
            if token.type in _NESTING_CONTAINERS and token.level + 1 >= MAX_NESTING:
                raise NestedTooDeep(token.map[0] + 1 if token.map else 1)
            if token.type in _CONTAINER_SCOPES:
                scopes.append(_CONTAINER_SCOPES[token.type])
            elif token.nesting == -1 and token.type.replace("_close", "_open") in _CONTAINER_SCOPES:
                scopes.pop()
            elif token.type == "inline":
                self.read_inline(token, scopes[-1] if scopes else "paragraph")
            elif token.type in ("fence", "code_block") and token.map:
                self.code_lines.append((token.map[0] + 1, token.map[1]))
            elif token.type == "html_block" and token.map:
                start, end = self.region(token.map)
                self.segments += read_html(self.text[start:end], start)
            elif token.type == "front_matter" and token.map:
                self.read_front_matter(token)
        return self.segments

    def read_front_matter(self, token: Token) -> None:
        start, end = self.region(token.map)
        for field in _FRONT_MATTER_FIELD.finditer(self.text, start, end):
            if field.group("value"):
                segment = Segment("front-matter")
                segment.add(field.group("value"), field.start("value"))
                self.segments.append(segment)

    def read_inline(self, token: Token, scope: str) -> None:
        start, limit = self.region(token.map)
        self.cursor = start
        segment = Segment(scope)
        self.read_children(token.children or [], segment, limit)
        self.segments.append(segment)

    def read_children(self, children: list[Token], segment: Segment, limit: int) -> None:
        for child in children:
            if child.type == "text":
                self.add_text(child.content, segment, limit)
            elif child.type in ("softbreak", "hardbreak"):
                self.add_break(segment, limit)
            elif child.type == "code_inline":
                self.add_code(child, segment, limit)
            elif child.type == "image":
                alt = Segment("image-alt")
                self.read_children(child.children or [], alt, limit)
                self.segments.append(alt)
                self.skip_destination(limit)
            elif child.type == "link_close":
                self.skip_destination(limit)

    def add_text(self, content: str, segment: Segment, limit: int) -> None:
        located = locate(content, self.text, self.cursor, limit)
        if located is None:
            return
        runs, self.cursor = located
        append_located(segment, runs)

    def add_break(self, segment: Segment, limit: int) -> None:
        match = re.compile(r"\\?(?>\r\n|\r|\n)").search(self.text, self.cursor, limit)
        if match:
            segment.add("\n", match.start(), match.end() - match.start())
            self.cursor = match.end()

    def add_code(self, child: Token, segment: Segment, limit: int) -> None:
        ticks = child.markup or "`"
        opening = self.text.find(ticks, self.cursor, limit)
        if opening < 0:
            return
        content = self.text.find(child.content, opening + len(ticks), limit) if child.content else -1
        after = content + len(child.content) if content >= 0 else opening + len(ticks)
        closing = self.text.find(ticks, after, limit)
        end = closing + len(ticks) if closing >= 0 else after
        segment.add_protected(child.content, opening, end - opening, "code")
        self.cursor = end

    def skip_destination(self, limit: int) -> None:
        """Move the cursor past a link's `](destination)` or `][ref]` so its URL is never read as text."""
        bracket = self.text.find("]", self.cursor, limit)
        if bracket < 0:
            return
        following = self.text[bracket + 1 : bracket + 2]
        if following not in ("(", "["):
            self.cursor = bracket + 1
            return
        closer = ")" if following == "(" else "]"
        depth, position = 0, bracket + 1
        while position < limit:
            char = self.text[position]
            if char == following:
                depth += 1
            elif char == closer:
                depth -= 1
                if depth == 0:
                    self.cursor = position + 1
                    return
            position += 1
        self.cursor = bracket + 1


def read_markdown(text: str) -> tuple[list[Segment], list[tuple[int, int]]]:
    """Segments of a Markdown file, and the 1-based line ranges of its code blocks."""
    reader = _MarkdownReader(text)
    return reader.read(), reader.code_lines
