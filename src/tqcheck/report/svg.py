"""A horizontal bar chart as inline SVG: nothing to load, nothing to run."""

from __future__ import annotations

from html import escape

_LABEL, _BAR, _ROW = 230, 220, 22


def bar_chart(values: dict[str, float], title: str) -> str:
    """One bar per label, longest first, scaled to the largest value, with the value written after it."""
    if not any(values.values()):
        return f'<p class="meta">{escape(title)}: none.</p>'
    rows = sorted(((v, k) for k, v in values.items() if v), key=lambda item: (-item[0], item[1]))
    top = rows[0][0]
    height = _ROW * len(rows) + 4
    width = _LABEL + _BAR + 60
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for row, (value, label) in enumerate(rows):
        y = row * _ROW + 2
        length = max(1.0, _BAR * value / top)
        parts.append(f'<text x="0" y="{y + 14}">{escape(label)}</text>'
                     f'<rect class="bar" x="{_LABEL}" y="{y + 3}" width="{length:.1f}" height="14"/>'
                     f'<text x="{_LABEL + length + 6:.1f}" y="{y + 14}">{value:g}</text>')
    parts.append("</svg>")
    return "".join(parts)
