"""Turn file bytes into a Document: decode strictly, pick the reader by extension."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from functools import cached_property
from ..errors import InputError
from ..positions import LineIndex
from .formats import LOCALISATION_FORMAT, format_for, localisation_kind
from .html import read_html_with_directives
from .markdown import read_markdown
from .model import Directive, Segment
from .prose import Prose
from .suppression import find_directives
from .plaintext import read_text

_BOM = "\ufeff"


@dataclass
class Document:
    """A decoded file with its prose segments and suppression directives."""

    path: str
    text: str
    format: str
    segments: list[Segment]
    directives: list[Directive] = field(default_factory=list)

    @cached_property
    def lines(self) -> LineIndex:
        """Line index of the decoded text."""
        return LineIndex(self.text)

    @cached_property
    def prose(self) -> Prose:
        """All prose segments joined, for the rules."""
        return Prose(self.segments)


# Longest first: the UTF-32 little-endian BOM begins with the UTF-16 one.
_UNICODE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                 (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _decode_with_bom(data: bytes, path: str) -> str | None:
    """Text of a UTF-16 or UTF-32 file that starts with its BOM (the codec drops it), else None."""
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(f"invalid {encoding.upper()} (the file starts with a {encoding.upper()} byte order "
                                 f"mark; bad bytes at byte offset {error.start}); save the file as UTF-8",
                                 path) from None
    return None


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8, or UTF-16/32 with a BOM (a leading BOM is dropped); binary or invalid bytes raise InputError."""
    wide = _decode_with_bom(data, path)
    if wide is not None:
        return wide
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes); not checked", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", errors="replace")
        line, column = LineIndex(prefix).position(len(prefix))
        raise InputError(
            f"invalid UTF-8 (byte 0x{data[error.start]:02x} at byte offset {error.start}); save the file as UTF-8",
            path, line, column,
        ) from None
    return text[1:] if text.startswith(_BOM) else text


def parse(text: str, path: str, file_format: str | None = None) -> Document:
    """Parse decoded text into a Document with the reader for its format."""
    file_format = file_format or format_for(path)
    lines = LineIndex(text)
    if file_format == "markdown":
        segments, code_lines = read_markdown(text, lines)
        directives = find_directives(text, lambda offset: lines.position(offset)[0], code_lines)
    elif file_format == "html":
        segments, directives = read_html_with_directives(text)
    else:
        segments, directives = read_text(text), []
    document = Document(path, text, file_format, segments, sorted(directives, key=lambda d: d.line))
    document.__dict__["lines"] = lines
    return document


def load(data: bytes, path: str, file_format: str | None = None) -> Document:
    """Decode and parse file bytes; InputError for a localisation file, which tqcheck has no reader for."""
    if (file_format or format_for(path)) == LOCALISATION_FORMAT:
        raise InputError(f"{localisation_kind(path)} localisation file: read as prose, its source text and syntax "
                         "would be checked as English; not checked (export the translated text as plain text, "
                         "Markdown or HTML, or exclude the file)", path)
    return parse(decode(data, path), path, file_format)
