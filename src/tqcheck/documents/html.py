"""HTML reader: text of block elements, alt/title attributes, inline code protected."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .align import append_located, locate
from .model import Directive, Segment
from .suppression import parse_directive

_BLOCK_SCOPES = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "li": "list-item", "dt": "list-item", "dd": "list-item",
    "td": "table-cell", "th": "table-cell",
    "blockquote": "quote", "title": "title", "figcaption": "caption", "caption": "caption",
}
_BLOCKS = set(_BLOCK_SCOPES) | {
    "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "figure", "address",
    "details", "summary", "ul", "ol", "dl", "table", "tr", "thead", "tbody", "tfoot", "body", "html",
    "form", "fieldset", "legend", "hr", "br", "option", "label", "button",
}
_SKIPPED = {"script", "style", "pre", "noscript", "template", "svg", "math", "textarea", "iframe", "object", "nav"}
_CODE = {"code", "kbd", "samp", "var", "tt"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_PROSE_ATTRIBUTES = {"alt": "image-alt", "title": "title-attribute"}
_ATTRIBUTE = re.compile(r"""\s(?P<name>[\w:-]+)\s*=\s*(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)'|(?P<u>[^\s"'>]+))""")
_LINE_FEED = re.compile(r"\n")


class _HtmlReader(HTMLParser):
    """An HTMLParser that turns events into segments; offsets come from getpos() on LF-counted lines."""

    def __init__(self, text: str, base: int):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.base = base
        self.line_starts = [0] + [m.end() for m in _LINE_FEED.finditer(text)]
        self.segments: list[Segment] = []
        self.directives: list[Directive] = []
        self.scopes: list[str] = []
        self.skip_depth = 0
        self.code_depth = 0
        self.current = Segment("paragraph")

    def file_offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def flush(self) -> None:
        if not self.current.is_blank():
            self.segments.append(self.current)
        self.current = Segment(self.scopes[-1] if self.scopes else "paragraph")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.file_offset()
        if tag in _SKIPPED:
            self.skip_depth += 1
            return
        if tag in _BLOCKS:
            if tag == "br" and not self.skip_depth:
                self.current.add("\n", self.base + start, len(self.get_starttag_text() or "<br>"))
            else:
                if tag in _BLOCK_SCOPES and tag not in _VOID:
                    self.scopes.append(_BLOCK_SCOPES[tag])
                self.flush()
        elif tag in _CODE:
            self.code_depth += 1
        self.read_attributes(start)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _CODE:
            self.code_depth = max(0, self.code_depth - 1)
        elif tag in _BLOCKS and tag != "br":
            self.flush()
            if tag in _BLOCK_SCOPES and self.scopes and self.scopes[-1] == _BLOCK_SCOPES[tag]:
                self.scopes.pop()
                self.current.scope = self.scopes[-1] if self.scopes else "paragraph"

    def read_attributes(self, tag_start: int) -> None:
        raw = self.get_starttag_text() or ""
        for attribute in _ATTRIBUTE.finditer(raw):
            scope = _PROSE_ATTRIBUTES.get(attribute.group("name").lower())
            group = next((g for g in ("d", "s", "u") if attribute.group(g) is not None), None)
            if scope is None or group is None or not attribute.group(group).strip():
                continue
            value_start = tag_start + attribute.start(group)
            value_end = tag_start + attribute.end(group)
            located = locate(html.unescape(attribute.group(group)), self.text, value_start, value_end)
            if located:
                segment = Segment(scope)
                append_located(segment, [(t, self.base + s, n) for t, s, n in located[0]])
                self.segments.append(segment)

    def add(self, text: str, start: int, length: int) -> None:
        if self.skip_depth:
            return
        if self.code_depth:
            self.current.add_protected(text, self.base + start, length, "code")
        else:
            self.current.add(text, self.base + start, length)

    def handle_data(self, data: str) -> None:
        self.add(data, self.file_offset(), len(data))

    def handle_entityref(self, name: str) -> None:
        self.add_reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self.add_reference(f"&#{name}")

    def add_reference(self, raw: str) -> None:
        start = self.file_offset()
        if self.text.startswith(";", start + len(raw)):
            raw += ";"
        self.add(html.unescape(raw if raw.endswith(";") else raw + ";"), start, len(raw))

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """`<![...` that is not a known marked section: skip it to the next `>` instead of failing."""
        position = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            # The base parser moved its position before failing; undo that, or later offsets drift.
            self.lineno, self.offset = position
            end = self.rawdata.find(">", i)
            return end + 1 if end >= 0 else len(self.rawdata)

    def handle_comment(self, data: str) -> None:
        directive = parse_directive(data, self.getpos()[0])
        if directive:
            self.directives.append(directive)


def read_html(text: str, base: int = 0) -> list[Segment]:
    """Segments of an HTML text; `base` shifts offsets when the HTML is part of a larger file."""
    return read_html_with_directives(text, base)[0]


def read_html_with_directives(text: str, base: int = 0) -> tuple[list[Segment], list[Directive]]:
    """Segments of an HTML text and its suppression directives (lines counted within `text`)."""
    reader = _HtmlReader(text, base)
    reader.feed(text)
    reader.close()
    reader.flush()
    return reader.segments, reader.directives
