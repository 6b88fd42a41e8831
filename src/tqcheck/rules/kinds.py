"""Data-driven rule kinds: pattern, phrases, boilerplate and leakage. Each only emits hits."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

import regex

from ..documents.prose import Prose
from ..findings import Hit, RuleInfo
from .phrases import PhraseIndex
from .spec import LANGUAGES, RuleSpec


class Check(Protocol):
    """Anything that reads prose and emits hits."""

    def find(self, prose: Prose) -> Iterable[Hit]:
        """Hits in prose offsets."""


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


def rule_info(spec: RuleSpec, pack: str) -> RuleInfo:
    """The RuleInfo of a pack rule."""
    return RuleInfo(spec.code, spec.name, spec.category, spec.severity, spec.description or spec.message,
                    "rules", pack, spec.fix_safe)


class PatternRule:
    """A regular expression (the `regex` module, multi-line); `group` narrows the flagged span."""

    def __init__(self, spec: RuleSpec, info: RuleInfo):
        flags = regex.MULTILINE | (regex.IGNORECASE if spec.ignore_case else 0)
        self.regex = regex.compile(spec.pattern or "", flags)
        self.spec, self.info = spec, info
        self.allow_in = frozenset(spec.allow_in)

    def find(self, prose: Prose) -> Iterator[Hit]:
        for match in self.regex.finditer(prose.text):
            group = self.spec.group or 0
            start, end = match.span(group)
            if start < 0 or start == end:
                continue
            values = {k: v or "" for k, v in match.groupdict().items()}
            values["match"] = quoted(match.group(group))
            suggestions = tuple(dict.fromkeys(fill(s, values) for s in self.spec.suggest))
            yield Hit(self.info, start, end, fill(self.spec.message, values), suggestions, self.allow_in)


class PhrasesRule:
    """Listed phrases, found all at once; a mapping gives each its replacement (substitution)."""

    def __init__(self, spec: RuleSpec, info: RuleInfo):
        phrases = spec.phrases or {}
        mapping = phrases if isinstance(phrases, dict) else dict.fromkeys(phrases)
        self.index: PhraseIndex[str | None] = PhraseIndex()
        for phrase, replacement in mapping.items():
            self.index.add(phrase, replacement)
        self.spec, self.info = spec, info
        self.allow_in = frozenset(spec.allow_in)

    def find(self, prose: Prose) -> Iterator[Hit]:
        for start, end, payloads in self.index.find(prose.text, prose.folded):
            text = prose.text[start:end]
            replacement = payloads[0]
            suggestions = (match_case(replacement, text),) if replacement is not None else ()
            values = {"match": quoted(text), "replacement": replacement or ""}
            yield Hit(self.info, start, end, fill(self.spec.message, values), suggestions, self.allow_in)


class BoilerplateRule:
    """Scraped page furniture: a short line that starts with a known phrase; adjacent lines merge."""

    _LEAD = regex.compile(r"[\s\W_]*")
    _WORD = regex.compile(r"\w+")

    def __init__(self, spec: RuleSpec, info: RuleInfo):
        self.index: PhraseIndex[str] = PhraseIndex()
        for phrase in spec.phrases or []:
            self.index.add(phrase, phrase)
        self.spec, self.info = spec, info

    def lines(self, prose: Prose) -> Iterator[tuple[int, int]]:
        text = prose.text
        for start, _end, _ in self.index.find(text, prose.folded):
            line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
            if self._LEAD.fullmatch(text, line_start, start) is None:
                continue
            line_end = len(text)
            for breaker in ("\n", "\r"):
                found = text.find(breaker, start)
                if found >= 0:
                    line_end = min(line_end, found)
            line = text[line_start:line_end].rstrip()
            if len(self._WORD.findall(line)) <= self.spec.max_words:
                yield line_start, line_start + len(line)

    def find(self, prose: Prose) -> Iterator[Hit]:
        runs: list[list[int]] = []
        for start, end in self.lines(prose):
            between = prose.text[runs[-1][1]:start] if runs else None
            if runs and between is not None and between.strip(" \t") in ("\n", "\r\n", "\r"):
                runs[-1][1] = end
            elif not runs or start >= runs[-1][1]:
                runs.append([start, end])
        for start, end in runs:
            yield Hit(self.info, start, end, fill(self.spec.message, {"match": quoted(prose.text[start:end])}))


_NAME = r"(?:@\w+|\p{Lu}[\p{L}\p{N}]*(?:[-.&'’][\p{L}\p{N}]+)*)"


class LeakageRule:
    """Source-language function words left in English, in a given context (between two names)."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, source_languages: set[str]):
        self.spec, self.info = spec, info
        self.words = {
            w.word.lower(): w for w in spec.words or []
            if not source_languages or source_languages & set(w.languages)
        }
        alternatives = "|".join(regex.escape(w) for w in sorted(self.words, key=len, reverse=True)) or "(?!)"
        self.regex = regex.compile(
            rf"(?P<left>{_NAME})[ \t]+(?P<word>(?i:{alternatives}))[ \t]+(?P<right>{_NAME})(?![\p{{L}}\p{{N}}])"
        )

    def find(self, prose: Prose) -> Iterator[Hit]:
        for match in self.regex.finditer(prose.text, overlapped=True):
            word = match.group("word")
            both_handles = match.group("left").startswith("@") and match.group("right").startswith("@")
            if not (word.islower() or both_handles):
                continue
            if match.start("left") > 0 and not _is_boundary(prose.text[match.start("left") - 1]):
                continue
            leak = self.words[word.lower()]
            values = {
                "match": word, "word": word, "translation": leak.translation,
                "language": "/".join(LANGUAGES.get(code, code) for code in leak.languages),
            }
            yield Hit(self.info, match.start("word"), match.end("word"), fill(self.spec.message, values),
                      (leak.translation,))


def _is_boundary(char: str) -> bool:
    return not (char.isalnum() or char in "_@#")


def build_rule(spec: RuleSpec, pack: str, source_languages: set[str]) -> Check | None:
    """The check for one rule spec; None when the configured source languages leave it nothing to do."""
    if spec.source_languages and source_languages and not source_languages & set(spec.source_languages):
        return None
    info = rule_info(spec, pack)
    if spec.kind == "pattern":
        return PatternRule(spec, info)
    if spec.kind == "phrases":
        return PhrasesRule(spec, info)
    if spec.kind == "boilerplate":
        return BoilerplateRule(spec, info)
    return LeakageRule(spec, info, source_languages)
