"""Data-driven rule kinds: pattern, phrases, boilerplate and leakage. Each only emits hits."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

import regex

from ..documents.prose import Prose
from ..findings import Hit, RuleInfo
from .context import BuildContext
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
                    "rules", pack, spec.fix_safe, spec.priority)


class PatternRule:
    """A regular expression (the `regex` module, multi-line); `group` narrows the flagged span."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext | None = None):
        flags = regex.MULTILINE | (regex.IGNORECASE if spec.ignore_case else 0)
        self.regex = regex.compile(spec.pattern or "", flags)
        self.unless = [regex.compile(u, flags & regex.IGNORECASE) for u in spec.unless]
        self.requires = [r.lower() for r in spec.requires] if spec.ignore_case else list(spec.requires)
        self.spec, self.info = spec, info
        self.allow_in = frozenset(spec.allow_in)

    def find(self, prose: Prose) -> Iterator[Hit]:
        if self.requires:
            haystack = prose.folded if self.spec.ignore_case else prose.text
            if not any(needle in haystack for needle in self.requires):
                return
        for match in self.regex.finditer(prose.text):
            group = self.spec.group or 0
            start, end = match.span(group)
            if start < 0 or start == end:
                continue
            if any(u.fullmatch(match.group()) for u in self.unless):
                continue
            values = {k: v or "" for k, v in match.groupdict().items()}
            values["match"] = quoted(match.group(group))
            suggestions = tuple(dict.fromkeys(s for s in (fill(t, values).strip() for t in self.spec.suggest) if s))
            yield Hit(self.info, start, end, fill(self.spec.message, values), suggestions, self.allow_in)


class PhrasesRule:
    """Listed phrases, found all at once; a mapping gives each its replacement (substitution)."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext | None = None):
        phrases = spec.phrases or {}
        mapping = phrases if isinstance(phrases, dict) else dict.fromkeys(phrases)
        self.index: PhraseIndex[str | None] = PhraseIndex()
        for phrase, replacement in mapping.items():
            self.index.add(phrase, replacement)
        self.spec, self.info = spec, info
        self.allow_in = frozenset(spec.allow_in)

    def find(self, prose: Prose) -> Iterator[Hit]:
        for start, end, payloads in self.index.find(prose.text, prose.folded, prose.spaced):
            text = prose.text[start:end]
            replacement = payloads[0]
            suggestions = (match_case(replacement, text),) if replacement is not None else ()
            values = {"match": quoted(text), "replacement": replacement or ""}
            yield Hit(self.info, start, end, fill(self.spec.message, values), suggestions, self.allow_in)


class BoilerplateRule:
    """Scraped page furniture: a short line that starts with a known phrase; adjacent lines merge.

    `edge_phrases` are weaker signals (`Source:`, `Tags:`), counted only in the first or last paragraphs.
    """

    _LEAD = regex.compile(r"[\s\W_]*")
    _WORD = regex.compile(r"\w+")

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext | None = None):
        self.index: PhraseIndex[bool] = PhraseIndex()
        for phrase in spec.phrases or []:
            self.index.add(phrase, False)
        for phrase in spec.edge_phrases:
            self.index.add(phrase, True)
        self.spec, self.info = spec, info
        self.edge = int(spec.options.get("edge_paragraphs", 2))

    def at_edge(self, prose: Prose, offset: int) -> bool:
        """Whether `offset` lies in one of the first or last paragraphs of the article."""
        index = prose.segment_index(offset)
        return index < self.edge or index >= len(prose.segments) - self.edge

    def lines(self, prose: Prose) -> Iterator[tuple[int, int]]:
        text = prose.text
        for start, _end, edge_only in self.index.find(text, prose.folded, prose.spaced):
            if all(edge_only) and not self.at_edge(prose, start):
                continue
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
            end = self.absorb_buttons(prose.text, end)
            yield Hit(self.info, start, end, fill(self.spec.message, {"match": quoted(prose.text[start:end])}))

    _BUTTON_LINE = regex.compile(r"(?:\r?\n|\r)[ \t]*[\w&+.'’-]+(?:[ \t]+[\w&+.'’-]+){0,2}[ \t]*(?=\r?\n|\r|$)")

    def absorb_buttons(self, text: str, end: int) -> int:
        """Extend a run over the one- to three-word lines right after it (Facebook / Twitter / WhatsApp)."""
        while (button := self._BUTTON_LINE.match(text, end)) is not None:
            end = button.end()
        return end


_NAME = r"(?:@\w+|\p{Lu}[\p{L}\p{N}]*(?:[-.&'’][\p{L}\p{N}]+)*)"


_LOWER = r"\p{Ll}[\p{Ll}'’-]*"


class LeakageRule:
    """Source-language function words left in English, in a context: `between-names` (`Samsung y Google`) or
    `in-english` (lower-case, between lower-case words: `the launch del phone`)."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        wanted = set(context.source_languages)
        self.words = {w.word.lower(): w for w in spec.words or [] if not wanted or wanted & set(w.languages)}
        # The words are found first, all at once (Aho-Corasick); their context is then checked on a few characters
        # each side.
        self.index: PhraseIndex[str] = PhraseIndex()
        for word in self.words:
            self.index.add(word, word)
        if spec.context == "between-names":
            self.left = regex.compile(rf"(?:^|(?<=[^\p{{L}}\p{{N}}_@#]))(?P<name>{_NAME})[ \t]+$")
            self.right = regex.compile(rf"[ \t]+(?P<name>{_NAME})(?![\p{{L}}\p{{N}}])")
        else:
            self.left = regex.compile(rf"(?:^|(?<=[^\p{{L}}\p{{N}}@#]))(?P<name>{_LOWER})[ \t]+$")
            self.right = regex.compile(r"[ \t]+(?P<name>[\p{L}\p{N}])")

    def in_context(self, text: str, start: int, end: int, word: str) -> bool:
        """Whether the word at [start, end) stands where this rule's context says it is leakage."""
        left = self.left.search(text, max(0, start - 60), start)
        right = self.right.match(text, end, end + 60)
        if left is None or right is None:
            return False
        if self.spec.context == "between-names":
            both_handles = left.group("name").startswith("@") and right.group("name").startswith("@")
            return word.islower() or both_handles
        return True

    def find(self, prose: Prose) -> Iterator[Hit]:
        text = prose.text
        # C-speed pre-filter: most articles contain none of these words as a whole token.
        if self.words.keys().isdisjoint(prose.tokens):
            return
        for start, end, _ in self.index.find(text, prose.folded, prose.spaced):
            word = text[start:end]
            if start > 0 and text[start - 1] in "@#'’-" or end < len(text) and text[end] in "'’-":
                continue
            if self.spec.context == "in-english" and not word.islower():
                continue
            if not self.in_context(text, start, end, word):
                continue
            leak = self.words[word.lower()]
            values = {
                "match": word, "word": word, "translation": leak.translation,
                "language": "/".join(LANGUAGES.get(code, code) for code in leak.languages),
            }
            yield Hit(self.info, start, end, fill(self.spec.message, values),
                      (leak.translation,), languages=tuple(leak.languages))


def build_rule(spec: RuleSpec, pack: str, context: BuildContext) -> Check | None:
    """The check for one rule spec; None when the configured source languages leave it nothing to do."""
    wanted = context.source_languages
    if spec.source_languages and wanted and not wanted & set(spec.source_languages):
        return None
    from .encoding import MojibakeRule
    from .lexical import ForeignWordsRule, GluedWordsRule, LanguageIdRule
    from .structure import (BalanceRule, GenderReferenceRule, InconsistencyRule, RepeatedTextRule, RepeatedWordRule,
                            TruncationRule)

    kinds = {
        "pattern": PatternRule, "phrases": PhrasesRule, "boilerplate": BoilerplateRule, "leakage": LeakageRule,
        "foreign-words": ForeignWordsRule, "language-id": LanguageIdRule, "glued-words": GluedWordsRule,
        "balance": BalanceRule, "mojibake": MojibakeRule, "repeated-text": RepeatedTextRule,
        "repeated-word": RepeatedWordRule,
        "truncation": TruncationRule, "inconsistency": InconsistencyRule, "gender-reference": GenderReferenceRule,
    }
    return kinds[spec.kind](spec, rule_info(spec, pack), context)
