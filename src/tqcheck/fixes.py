"""Fixes: turn findings with one suggestion into edits of the file's text and apply them, markup untouched."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from .findings import Finding

_BOM = "\ufeff".encode()
# Characters of Markdown or HTML markup: a finding whose file text holds one spans markup, which a fix must not
# rewrite (a whole-line deletion aside).
_MARKUP = frozenset("<>*_`[]&\\")
_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


@dataclass(frozen=True, order=True, slots=True)
class Edit:
    """Replace text[start:end] with `replacement` (code-point offsets into the decoded text)."""

    start: int
    end: int
    replacement: str


def replacement(finding: Finding, unsafe: bool = False) -> str | None:
    """The text a fix puts in place of the finding: its only suggestion, if the fix is safe or unsafe fixes are on."""
    if len(finding.suggestions) != 1 or not (finding.fix_safe or unsafe):
        return None
    return finding.suggestions[0]


def edits(text: str, file_format: str, findings: Iterable[Finding], unsafe: bool = False) -> list[Edit]:
    """Edits for the fixable findings, in order, none overlapping (an overlapped fix is left for the next pass)."""
    wanted: list[Edit] = []
    for finding in findings:
        new = replacement(finding, unsafe)
        if new is None or text[finding.start:finding.end] != finding.text:
            continue
        edit = _edit(text, file_format, finding, new)
        if edit is not None:
            wanted.append(edit)
    chosen: list[Edit] = []
    for edit in sorted(set(wanted)):
        if chosen and edit.start < chosen[-1].end:
            continue
        chosen.append(edit)
    return chosen


def _edit(text: str, file_format: str, finding: Finding, new: str) -> Edit | None:
    if new == "" and (lines := _whole_lines(text, finding.start, finding.end)) is not None:
        return Edit(*lines, "")
    if file_format != "text" and _MARKUP & set(finding.text):
        return None
    if file_format == "html":
        new = html.escape(new, quote=False)
    return Edit(finding.start, finding.end, new)


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the lines holding [start, end) and the blank lines after them (before them at the end of the
    file), when nothing but white space shares those lines with the span."""
    lines = [m.span() for m in _LINE.finditer(text) if m.end() > m.start()]
    first = next(i for i, (_, line_end) in enumerate(lines) if line_end > start)
    last = next((i for i, (_, line_end) in enumerate(lines) if line_end >= end), len(lines) - 1)
    if text[lines[first][0]:start].strip() or text[end:lines[last][1]].strip():
        return None
    blank = [not text[a:b].strip() for a, b in lines]
    while last + 1 < len(lines) and blank[last + 1]:
        last += 1
    if last == len(lines) - 1:  # the last paragraph: take the blank lines before it instead
        while first > 0 and blank[first - 1]:
            first -= 1
    return lines[first][0], lines[last][1]


def apply(text: str, chosen: list[Edit]) -> str:
    """`text` with the (sorted, non-overlapping) edits made."""
    parts, position = [], 0
    for edit in chosen:
        parts += [text[position:edit.start], edit.replacement]
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def fix_bytes(data: bytes, file_format: str, findings: Iterable[Finding], unsafe: bool = False) -> tuple[bytes, int]:
    """The file's bytes with its fixes applied (BOM, line endings and everything else kept) and the number of
    fixes; files are UTF-8, as the checker requires."""
    bom = data.startswith(_BOM)
    text = data[len(_BOM) if bom else 0:].decode("utf-8")
    chosen = edits(text, file_format, findings, unsafe)
    if not chosen:
        return data, 0
    return (_BOM if bom else b"") + apply(text, chosen).encode("utf-8"), len(chosen)
