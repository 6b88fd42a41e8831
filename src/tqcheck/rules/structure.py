"""Rule kinds that read across a segment or the whole article: balance, repetition, truncation,
inconsistent names and pronouns that give a company a gender."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

import regex

from ..documents.prose import Prose
from ..findings import Hit, RuleInfo
from .context import BuildContext
from .kinds import fill, quoted
from .spec import RuleSpec
from .text import WORD, sentences
from .wordlist import zipf

_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_ENUMERATOR = regex.compile(r"(?:^|[\s(])[\p{L}\p{N}]{1,2}$")
_EMOTICON = regex.compile(r"[:;=8]-?$")
_MARKS = regex.compile(r"[()\[\]{}“”\"]")


class BalanceRule:
    """Unbalanced brackets and double quotes, and a quotation opened in one style and closed in another."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info

    def hit(self, position: int, what: str) -> Hit:
        return Hit(self.info, position, position + 1, fill(self.spec.message, {"match": what}))

    def find(self, prose: Prose) -> Iterator[Hit]:
        for base, segment in zip(prose.starts, prose.segments):
            if _MARKS.search(segment.text):
                yield from self.brackets(segment.text, base)
                yield from self.quotes(segment.text, base)

    def brackets(self, text: str, base: int) -> Iterator[Hit]:
        stack: list[tuple[str, int]] = []
        for mark in _MARKS.finditer(text):
            index, char = mark.start(), mark.group()
            if char in _OPENERS:
                if not _EMOTICON.search(text, 0, index):
                    stack.append((char, index))
            elif char in _CLOSERS:
                if stack and stack[-1][0] == _CLOSERS[char]:
                    stack.pop()
                elif not (char == ")" and (_ENUMERATOR.search(text, 0, index) or _EMOTICON.search(text, 0, index))):
                    yield self.hit(base + index, char)
        for char, index in stack:
            yield self.hit(base + index, char)

    def quotes(self, text: str, base: int) -> Iterator[Hit]:
        open_curly: list[int] = []
        straight: list[int] = []
        for mark in _MARKS.finditer(text):
            index, char = mark.start(), mark.group()
            if char == "“":
                open_curly.append(index)
            elif char == "”":
                if open_curly:
                    open_curly.pop()
                else:
                    yield self.hit(base + index, char)
            elif char == '"':
                if open_curly:
                    # “ ... " : a quotation opened curly and closed straight
                    open_curly.pop()
                    yield self.hit(base + index, '“ … "')
                else:
                    straight.append(index)
        for index in open_curly:
            yield self.hit(base + index, "“")
        if len(straight) % 2:
            yield self.hit(base + straight[-1], '"')


class RepeatedTextRule:
    """A sentence or a whole paragraph that repeats an earlier one."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        self.min_words = int(spec.options.get("min_words", 6))
        # Titles, headings and alt text repeat each other by design (front-matter title and H1 heading).
        self.scopes = set(spec.options.get("scopes", ["paragraph", "list-item", "quote", "table-cell"]))

    def key(self, text: str) -> str | None:
        words = text.casefold().split()
        return " ".join(words).rstrip(".!?…\"'”’)") if len(words) >= self.min_words else None

    def find(self, prose: Prose) -> Iterator[Hit]:
        paragraphs: set[str] = set()
        seen_sentences: set[str] = set()
        for base, segment in zip(prose.starts, prose.segments):
            if segment.scope not in self.scopes:
                continue
            key = self.key(segment.text)
            if key is not None and key in paragraphs:
                yield Hit(self.info, base, base + len(segment.text),
                          fill(self.spec.message, {"match": quoted(segment.text), "what": "paragraph"}))
                continue
            if key is not None:
                paragraphs.add(key)
            for start, end in sentences(segment.text):
                sentence_key = self.key(segment.text[start:end])
                if sentence_key is None:
                    continue
                if sentence_key in seen_sentences:
                    yield Hit(self.info, base + start, base + end,
                              fill(self.spec.message, {"match": quoted(segment.text[start:end]), "what": "sentence"}))
                seen_sentences.add(sentence_key)


_TERMINAL = re.compile(r"[.!?…:;\"”’)»\]*_]$")


class RepeatedWordRule:
    """The same common word twice in a row (`the the`), except pairs English repeats on purpose; names and rare
    words (Bora Bora, ylang ylang, japonicus japonicus) repeat legitimately."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.allowed = {w.casefold() for w in spec.options.get("allowed", [])}
        self.allowed_after = {k.casefold(): {w.casefold() for w in v}
                              for k, v in spec.options.get("allowed_after", {}).items()}

    def is_slip(self, word: str, before: str = "") -> bool:
        """Whether a doubled `word` is a slip rather than a name, a reduplication, a number or an idiom such as
        'what it is is'."""
        key = word.casefold()
        if before.casefold() in self.allowed_after.get(key, ()):
            return False
        return (key not in self.allowed and not word.isdigit() and not word.istitle()
                and zipf(key, self.context.language) >= 3.0)

    def find(self, prose: Prose) -> Iterator[Hit]:
        words = prose.folded.split()
        # C-speed split first: most articles have no doubled token at all.
        if not any(a == b for a, b in zip(words, words[1:])):
            return
        previous = before = None
        for match in WORD.finditer(prose.text):
            if previous is not None and match.group().casefold() == previous.group().casefold() \
                    and prose.text[previous.end():match.start()] in (" ", "\t") \
                    and self.is_slip(match.group(), before.group() if before else ""):
                values = {"match": prose.text[previous.start():match.end()], "w": previous.group()}
                yield Hit(self.info, previous.start(), match.end(), fill(self.spec.message, values),
                          (previous.group(),))
            before, previous = previous, match


class TruncationRule:
    """The article's last paragraph stops mid-sentence."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        self.min_words = int(spec.options.get("min_words", 8))
        self.scopes = set(spec.options.get("scopes", ["paragraph", "quote"]))

    def find(self, prose: Prose) -> Iterator[Hit]:
        candidates = [(s.pieces[0].file_start, i) for i, s in enumerate(prose.segments)
                      if s.pieces and s.scope in self.scopes]
        if not candidates:
            return
        index = max(candidates)[1]
        text, base = prose.segments[index].text.rstrip(), prose.starts[index]
        if not text or _TERMINAL.search(text) or prose.protected_kinds(base + len(text) - 1, base + len(text)):
            return
        last = list(sentences(text))[-1]
        fragment = text[last[0]:last[1]]
        last_word = fragment.split()[-1] if fragment.split() else ""
        # A cut sentence ends on an ordinary lower-case word; a byline or a credit ends on a name.
        if len(WORD.findall(fragment)) >= self.min_words and fragment[-1:].isalnum() and last_word[:1].islower():
            yield Hit(self.info, base + last[0], base + last[1],
                      fill(self.spec.message, {"match": quoted(fragment[-40:])}))


_NAME_TOKEN = regex.compile(r"(?<![\p{L}\p{N}])[\p{L}\p{N}]+")
_DIGITS = regex.compile(r"\d+")


class InconsistencyRule:
    """The same model or product name written two ways in one article (`S23 Ultra` / `S23Ultra`)."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info
        self.suffixes = {w.casefold() for w in spec.options.get("model_words", [])}
        self.max_tokens = int(spec.options.get("max_tokens", 3))

    def name_like(self, token: str) -> bool:
        return any(c.isdigit() for c in token) or token[:1].isupper() or token.casefold() in self.suffixes

    def find(self, prose: Prose) -> Iterator[Hit]:
        text = prose.text
        spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        seen: set[tuple[int, int]] = set()
        # Only windows of name-like tokens around a token with a digit can be model names.
        anchors: set[int] = set()
        for digits in _DIGITS.finditer(text):
            start = digits.start()
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            if start in anchors:
                continue
            anchors.add(start)
            context = list(_NAME_TOKEN.finditer(text, max(0, start - 40), min(len(text), digits.end() + 40)))
            index = next((i for i, t in enumerate(context) if t.start() == start), None)
            if index is None:
                continue
            for first in range(max(0, index - self.max_tokens + 1), index + 1):
                for last in range(index, min(len(context), first + self.max_tokens)):
                    window = context[first:last + 1]
                    if (window[0].start(), window[-1].end()) in seen:
                        continue
                    if not all(self.name_like(t.group()) for t in window):
                        continue
                    if any(text[a.end():b.start()] not in (" ", "-") for a, b in zip(window, window[1:])):
                        continue
                    if not any(c.isalpha() for t in window for c in t.group()):
                        continue
                    start, end = window[0].start(), window[-1].end()
                    seen.add((start, end))
                    key = "".join(t.group() for t in window).casefold()
                    spans[key].append((start, end, text[start:end]))
        for key, occurrences in spans.items():
            occurrences.sort()
            forms = Counter(form for _, _, form in occurrences)
            if len(forms) < 2:
                continue
            first_seen = {form: n for n, (_, _, form) in reversed(list(enumerate(occurrences)))}
            canonical = max(forms, key=lambda form: (forms[form], -first_seen[form]))
            for start, end, form in occurrences:
                if form != canonical:
                    values = {"match": form, "replacement": canonical}
                    yield Hit(self.info, start, end, fill(self.spec.message, values), (canonical,))


_PRONOUN = regex.compile(r"\b(?P<p>he|she|his|her|him|hers|himself|herself)\b", regex.IGNORECASE)
_FIX = {"he": "it", "she": "it", "his": "its", "hers": "its", "him": "it", "himself": "itself", "herself": "itself"}


class GenderReferenceRule:
    """He, she, his or her that can only refer back to a company, brand or product (gender carried over)."""

    def __init__(self, spec: RuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.things = {w.casefold() for w in spec.options.get("thing_words", [])}
        self.people = {w.casefold() for w in spec.options.get("person_words", [])}
        self.lookback = int(spec.options.get("lookback_words", 25))
        self.openers = {w.casefold() for w in spec.options.get("sentence_openers", [])}

    def antecedent_is_thing(self, text: str, position: int, floor: int) -> str | None:
        """The nearest candidate before `position`: the thing's name when it is a company or product and no
        person stands earlier in the same sentence (Maria works at Samsung, where she...)."""
        words = [m for m in WORD.finditer(text, floor, position)][-self.lookback:]
        for index in range(len(words) - 1, -1, -1):
            kind = self.kind_of(text, words[index], floor)
            if kind == "person":
                return None
            if kind == "thing":
                sentence_start = max(text.rfind(mark, floor, words[index].start()) for mark in ".!?")
                earlier = [w for w in words[:index] if w.start() > sentence_start]
                if any(self.kind_of(text, w, floor) == "person" for w in earlier):
                    return None
                return words[index].group()
        return None

    def kind_of(self, text: str, match, floor: int) -> str | None:
        """"person", "thing" or None for one word before a pronoun."""
        word = match.group()
        key = word.casefold()
        if key in self.people or key in _FIX or key in ("they", "them", "their"):
            return "person"
        if self.context.term_kinds.get(key) == "person":
            return "person"
        if key in self.context.words or key in self.things:
            return "thing"
        # A capitalised word that is no glossary term is most likely a person or place, unless it only has its
        # capital because it opens the sentence (The, However, This...).
        if word[:1].isupper() and not (key in self.openers and self.sentence_initial(text, match.start(), floor)):
            return "person"
        return None

    @staticmethod
    def sentence_initial(text: str, position: int, floor: int) -> bool:
        """Whether the word at `position` opens a sentence (so its capital says nothing)."""
        before = text[floor:position].rstrip(" \t\"“'‘(")
        return not before or before[-1] in ".!?:\n"

    def find(self, prose: Prose) -> Iterator[Hit]:
        for match in _PRONOUN.finditer(prose.text):
            floor = max(prose.starts[prose.segment_index(match.start())], match.start() - 300)
            thing = self.antecedent_is_thing(prose.text, match.start(), floor)
            if thing is None:
                continue
            pronoun = match.group()
            fix = _FIX.get(pronoun.casefold(), "its" if pronoun.casefold() == "her" else "it")
            if pronoun.casefold() == "her":
                following = prose.text[match.end():match.end() + 30].split()
                fix = "its" if following and following[0][:1].isalpha() and following[0].islower() else "it"
            fix = fix.capitalize() if pronoun[:1].isupper() else fix
            values = {"match": pronoun, "thing": f"the {thing}" if thing.islower() else thing, "replacement": fix}
            yield Hit(self.info, match.start(), match.end(), fill(self.spec.message, values), (fix,))
