"""Article text as escaped HTML with each finding's span wrapped in <mark>; overlapping spans split into pieces."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

_RANK = {"minor": 0, "major": 1, "critical": 2}


@dataclass(frozen=True)
class Span:
    """A finding to mark: its key, code-point offsets into the text, severity and hover text."""

    key: str
    start: int
    end: int
    severity: str
    title: str


def _visible(span: Span, length: int) -> Span:
    """An empty span (a finding at a point) widened to one character, so it can be seen and clicked."""
    if span.end > span.start or length == 0:
        return span
    start = min(span.start, length - 1)
    return Span(span.key, start, start + 1, span.severity, span.title)


def highlight(text: str, spans: list[Span]) -> str:
    """Escaped `text` with marks: a piece covered by several findings takes the most severe one's colour."""
    spans = [_visible(s, len(text)) for s in spans]
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    active: list[Span] = []
    out: list[str] = []
    for begin, end in zip(bounds, bounds[1:]):
        active = [s for s in active if s.end > begin] + starting.get(begin, [])
        piece = escape(text[begin:end])
        if not active:
            out.append(piece)
            continue
        top = max(active, key=lambda s: _RANK[s.severity])
        new = [s.key for s in starting.get(begin, [])]
        anchors = "".join(f'<span id="f-{key}"></span>' for key in new)
        start_attr = f' data-start="{" ".join(new)}"' if new else ""
        out.append(f'{anchors}<mark class="sev-{top.severity}" data-f="{" ".join(s.key for s in active)}"'
                   f'{start_attr} tabindex="0" title="{escape(top.title)}">{piece}</mark>')
    return "".join(out)
