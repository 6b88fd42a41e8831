"""Locate decoded text (escapes and entities resolved) in the raw source it came from."""

from __future__ import annotations

import html

import regex

from .model import Segment

_RAW_UNIT = regex.compile(
    r"\\[!-/:-@\[-`{-~]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|.",
    regex.S,
)


def _decode_unit(raw: str) -> str:
    if raw.startswith("\\") and len(raw) == 2:
        return raw[1]
    if raw.startswith("&"):
        return html.unescape(raw)
    return raw


def match_at(decoded: str, source: str, position: int, limit: int) -> list[tuple[str, int, int]] | None:
    """Match `decoded` starting exactly at `position`: (text, file_start, file_len) runs, or None."""
    runs: list[tuple[str, int, int]] = []
    k = 0
    while k < len(decoded):
        unit = _RAW_UNIT.match(source, position, limit)
        if unit is None:
            return None
        raw = unit.group()
        value = _decode_unit(raw)
        if value and decoded.startswith(value, k):
            runs.append((value, position, len(raw)))
            k += len(value)
        elif source[position] == decoded[k]:
            runs.append((decoded[k], position, 1))
            k += 1
            position += 1
            continue
        else:
            return None
        position = unit.end()
    return runs


def locate(decoded: str, source: str, cursor: int, limit: int) -> tuple[list[tuple[str, int, int]], int] | None:
    """Find `decoded` in source[cursor:limit]; return its runs and the offset just past it."""
    found = source.find(decoded, cursor, limit)
    if found >= 0:
        return [(decoded, found, len(decoded))], found + len(decoded)
    first = decoded[:1]
    for position in range(cursor, limit):
        char = source[position]
        if char != first and char not in "\\&":
            continue
        runs = match_at(decoded, source, position, limit)
        if runs:
            _, last_start, last_length = runs[-1]
            return runs, last_start + last_length
    return None


def append_located(segment: Segment, runs: list[tuple[str, int, int]]) -> None:
    """Append located runs to a segment."""
    for text, start, length in runs:
        segment.add(text, start, length)
