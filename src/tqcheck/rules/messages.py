"""Message helpers for checks: fill a rule's message template, quote matched text, match a replacement's case."""

from __future__ import annotations


class _Template(dict):
    """format_map mapping that leaves unknown placeholders as they were."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: dict[str, str]) -> str:
    """Fill `{name}` placeholders from `values`."""
    return template.format_map(_Template(values))


def quoted(text: str, limit: int = 60) -> str:
    """Text as shown inside a message: white space folded, long text shortened."""
    folded = " ".join(text.split())
    return folded if len(folded) <= limit else folded[: limit - 1] + "…"


def match_case(replacement: str, original: str) -> str:
    """Capitalise a replacement when the text it replaces starts with a capital."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
