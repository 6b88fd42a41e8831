"""The `repeated-text` kind: a sentence or a whole paragraph that repeats an earlier one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import regex
from ..declared import Field

from ...documents.model import Scope
from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill, quoted
from ..registry import rule_kind
from ..sentences import KEY_ENDS, coarse_key, sentence_coarse_keys, sentence_texts, sentences
from ..spec import BaseRuleSpec, Strict


@rule_kind("repeated-text")
class RepeatedTextCheck:
    """A sentence or a whole paragraph that repeats an earlier one."""

    class Options(Strict):
        """How long a repeat must be, and in which scopes."""

        min_words: int = 6
        # Characters: a repeat further away than about one article is another story (files of many short texts).
        window: int = 3000
        # Titles, headings and alt text repeat each other by design (front-matter title and H1 heading).
        scopes: list[Scope] = Field(default_factory=lambda: ["paragraph", "list-item", "quote", "table-cell"])

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        self.min_words = spec.options.min_words
        self.scopes = set(spec.options.scopes)
        self.window = spec.options.window

    def key(self, text: str) -> str | None:
        words = text.casefold().split()
        return " ".join(words).rstrip(KEY_ENDS) if len(words) >= self.min_words else None

    def find(self, prose: Prose) -> Iterator[Hit]:
        if self.may_repeat(prose):
            yield from self.repeats(prose)

    def may_repeat(self, prose: Prose) -> bool:
        """Whether two paragraphs, or two sentences, in the rule's scopes share a key: most articles repeat
        nothing, and their coarse keys alone are quick to make (a sentence never spans a line break, so the
        sentences of the texts joined by one are theirs)."""
        texts = [segment.text for segment in prose.segments if segment.scope in self.scopes]
        if self.share_key(texts):
            return True
        joined = "\n".join(texts)
        coarse = sentence_coarse_keys(joined)
        return len(set(coarse)) < len(coarse) and self.share_key(sentence_texts(joined))

    def share_key(self, texts: list[str]) -> bool:
        """Whether two of `texts` have the same key other than None: only texts whose coarse keys (quicker to make)
        meet can."""
        coarse = list(map(coarse_key, texts))
        if len(set(coarse)) == len(coarse):
            return False
        counts = Counter(coarse)
        return _repeats_any(self.key(text) for text, key in zip(texts, coarse) if counts[key] > 1)

    def repeats(self, prose: Prose) -> Iterator[Hit]:
        """Every repeat, found sentence by sentence."""
        paragraphs: dict[str, int] = {}
        # Sentences by key, in order; whether each is a whole sentence is decided only when its key comes back
        # (most never do): [position, segment text, start, end, whole or None while undecided].
        sentences_by_key: dict[str, list[list]] = {}
        for base, segment in zip(prose.starts, prose.segments):
            if segment.scope not in self.scopes:
                continue
            key = self.key(segment.text)
            if key is not None and base - paragraphs.get(key, -self.window - 1) <= self.window:
                yield Hit(self.info, base, base + len(segment.text),
                          fill(self.spec.message, {"match": quoted(segment.text), "what": "paragraph"}))
                continue
            if key is not None:
                paragraphs[key] = base
            for start, end in sentences(segment.text):
                sentence_key = self.key(segment.text[start:end])
                if sentence_key is None:
                    continue
                sentence = [base + start, segment.text, start, end, None]
                earlier = sentences_by_key.setdefault(sentence_key, [])
                earlier.append(sentence)
                if len(earlier) == 1 or not self._whole(sentence):
                    continue
                last = next((e[0] for e in reversed(earlier[:-1]) if self._whole(e)), -self.window - 1)
                if base + start - last <= self.window:
                    yield Hit(self.info, base + start, base + end,
                              fill(self.spec.message, {"match": quoted(segment.text[start:end]), "what": "sentence"}))

    def _whole(self, sentence: list) -> bool:
        """Whether a remembered sentence is whole (decided once)."""
        if sentence[4] is None:
            sentence[4] = self.whole_sentence(sentence[1], sentence[2], sentence[3])
        return sentence[4]

    @staticmethod
    def whole_sentence(text: str, start: int, end: int) -> bool:
        """Whether a span is a whole sentence of running text: not cut at a decimal point or an abbreviation
        (`0.5`, `Dr.`), not a list item (instructions repeat in manuals), not a headline line without final
        punctuation (news repeats the headline as its lead)."""
        if end < len(text) and not text[end].isspace():
            return False
        if _ABBREVIATION.search(text, start, end) or _LIST_MARKER.match(text, _line_start(text, start)):
            return False
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        at_line = _line_start(text, start) == start and end == line_end
        return not (at_line and text[end - 1:end].isalnum())


def _repeats_any(keys: Iterable[str | None]) -> bool:
    """Whether a key other than None comes twice."""
    seen: set[str] = set()
    for key in keys:
        if key is not None:
            if key in seen:
                return True
            seen.add(key)
    return False


def _line_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


_ABBREVIATION = regex.compile(r"(?<![\p{L}])\p{Lu}\p{Ll}{0,2}\.$")
_LIST_MARKER = regex.compile(r"[ \t]*(?:[*•·\-–]|\d{1,2}[.)])")
