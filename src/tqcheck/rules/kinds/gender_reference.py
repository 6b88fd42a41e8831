"""The `gender-reference` kind: he, she, his or her whose antecedent is a company, brand or product."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..sentences import words_in
from ..spec import BaseRuleSpec, Strict
from ..wordlist import zipf

_PRONOUN = regex.compile(r"\b(?P<p>he|she|his|her|him|hers|himself|herself)\b", regex.IGNORECASE)
_PRONOUNS = ("he", "she", "his", "her", "him", "hers", "himself", "herself")
_WORD_CHARACTER = regex.compile(r"\w")
# The only letters besides ASCII that _PRONOUN matches (for s and i) and that lower case leaves alone.
_ODD_CASE = ("ſ", "İ")
# Nouns for people end so (employee, worker, director, analyst, historian).
_AGENT_ENDINGS = ("ee", "ees", "er", "ers", "or", "ors", "ist", "ists", "ian", "ians")
# A glossary word this common in lower case is an ordinary word too (Fire, One, Office).
_ORDINARY_ZIPF = 5.0
_FIX = {"he": "it", "she": "it", "his": "its", "hers": "its", "him": "it", "himself": "itself", "herself": "itself"}


@rule_kind("gender-reference")
class GenderReferenceCheck:
    """He, she, his or her that can only refer back to a company, brand or product (gender carried over)."""

    class Options(Strict):
        """Nouns for things and for people, how far back to look, and words whose capital says nothing."""

        thing_words: list[str] = Field(default_factory=list)
        person_words: list[str] = Field(default_factory=list)
        lookback_words: int = 25
        sentence_openers: list[str] = Field(default_factory=list)

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.things = {w.casefold() for w in spec.options.thing_words}
        self.people = {w.casefold() for w in spec.options.person_words}
        self.lookback = spec.options.lookback_words
        self.openers = {w.casefold() for w in spec.options.sentence_openers}

    def antecedent_is_thing(self, prose: Prose, position: int, floor: int) -> str | None:
        """The nearest candidate before `position`: the thing's name when it is a company or product and no
        person stands earlier in the same sentence (Maria works at Samsung, where she...)."""
        text = prose.text
        words = words_in(prose, floor, position)[-self.lookback:]
        for index in range(len(words) - 1, -1, -1):
            kind = self.kind_of(text, words[index], floor)
            if kind == "person":
                return None
            if kind == "thing" and self.modifies_person(words, index):
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
        if key in self.context.words:
            return "thing" if self.names_term(text, match, floor) else None
        if key in self.things:
            return "thing"
        # A capitalised word that is no glossary term is most likely a person or place, unless it only has its
        # capital because it opens the sentence (The, However, This...).
        if word[:1].isupper() and not (key in self.openers and self.sentence_initial(text, match.start(), floor)):
            return "person"
        return None

    def names_term(self, text: str, match, floor: int) -> bool:
        """Whether a word that is a glossary term's word names the term here: capitalised or written as the glossary
        writes it, longer than a letter, and, when it is also an ordinary word (Fire, One, Office), not capitalised only
        because it opens the sentence."""
        word = match.group()
        if len(word) < 2 or (word != self.context.words[word.casefold()] and word.islower()):
            return False
        return zipf(word.casefold(), self.context.language) < _ORDINARY_ZIPF \
            or not self.sentence_initial(text, match.start(), floor)

    def modifies_person(self, words: list, index: int) -> bool:
        """Whether the thing word modifies a person noun right after it (a company employee, the phone user)."""
        if index + 1 >= len(words):
            return False
        following = words[index + 1].group().casefold()
        return following in self.people or (following not in self.things and following.endswith(_AGENT_ENDINGS))

    @staticmethod
    def sentence_initial(text: str, position: int, floor: int) -> bool:
        """Whether the word at `position` opens a sentence (so its capital says nothing)."""
        before = text[floor:position].rstrip(" \t\"“'‘(")
        return not before or before[-1] in ".!?:\n"

    def find(self, prose: Prose) -> Iterator[Hit]:
        for start, end in pronouns(prose):
            floor = max(prose.starts[prose.segment_index(start)], start - 300)
            thing = self.antecedent_is_thing(prose, start, floor)
            if thing is None:
                continue
            pronoun = prose.text[start:end]
            fix = _FIX.get(pronoun.casefold(), "its" if pronoun.casefold() == "her" else "it")
            if pronoun.casefold() == "her":
                following = prose.text[end:end + 30].split()
                fix = "its" if following and following[0][:1].isalpha() and following[0].islower() else "it"
            fix = fix.capitalize() if pronoun[:1].isupper() else fix
            values = {"match": pronoun, "thing": f"the {thing}" if thing.islower() else thing, "replacement": fix}
            yield Hit(self.info, start, end, fill(self.spec.message, values), (fix,))


def pronouns(prose: Prose) -> list[tuple[int, int]]:
    """Spans of `_PRONOUN`'s matches, found with `str.find` in the folded text where no odd letter makes the two
    differ. In a text of ASCII tokens only the pronouns among them are looked for: what touches a pronoun standing
    alone is no word character, so no ASCII letter or digit either (a digit such as ² is no word character)."""
    if any(letter in prose.text for letter in _ODD_CASE):
        return [match.span() for match in _PRONOUN.finditer(prose.text)]
    present = [word for word in _PRONOUNS if word in prose.tokens] if prose.tokens_ascii else _PRONOUNS
    return [(start, start + len(word)) for start, word in prose.occurrences(present, _WORD_CHARACTER, folded=True)]
