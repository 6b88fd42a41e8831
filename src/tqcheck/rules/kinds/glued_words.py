"""The `glued-words` kind: tokens that split into a term, month or number and a word (`Galaxywhich`, `15Pro`)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex
from pydantic import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict
from ..wordlist import KNOWN_WORD_ZIPF, WORD_MEMO, table, zipf


@rule_kind("glued-words")
class GluedWordsCheck:
    """A token that is no word but splits into a known term or word and another word (`Galaxywhich`, `15Pro`)."""

    class Options(Strict):
        """The words a glued token may end in (`function_words`, `model_suffixes`) or start with (`left_words`)."""

        function_words: list[str] = Field(default_factory=list)
        model_suffixes: list[str] = Field(default_factory=list)
        left_words: list[str] = Field(default_factory=list)

    _TOKEN = regex.compile(r"[\p{L}\p{N}]{3,}")

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.function_words = {w.casefold() for w in spec.options.function_words}
        self.suffixes = {w.casefold(): w for w in spec.options.model_suffixes}
        self.months = {w.casefold() for w in spec.options.left_words}

    def known(self, word: str, threshold: float = 3.0) -> bool:
        """Whether `word` is at least this common in the target language."""
        return zipf(word.casefold(), self.context.language) >= threshold

    # Memoised per (check, token) and bounded: a long run keeps meeting new tokens.
    @lru_cache(maxsize=WORD_MEMO)
    def split(self, token: str) -> tuple[str, str] | None:
        """Where `token` splits into two parts a reader would have written apart, if anywhere."""
        folded = token.casefold()
        if folded in self.context.words or self.known(folded, KNOWN_WORD_ZIPF):
            return None
        for cut in range(1, len(token)):
            if token[cut - 1].isdigit() and token[cut:].casefold() in self.suffixes:
                return token[:cut], token[cut:]
            if token[cut:].isdigit() and not token[cut - 1].isdigit() and token[:cut].casefold() in self.context.terms:
                return token[:cut], token[cut:]  # iPhone7, Windows11: a name and its number
        if self.is_camel_brand(token):
            return None
        for cut in range(1, len(token)):
            left, right = token[:cut], token[cut:]
            left_key, right_key = left.casefold(), right.casefold()
            if len(left) < 2 or len(right) < 2 or left.isdigit() or right.isdigit():
                continue
            left_named = left_key in self.context.terms or left_key in self.months
            if left_named and ((len(right) >= 3 and self.known(right_key, 3.5)) or right_key in self.function_words):
                return left, right
            if right_key in self.function_words and len(right) >= 3 and self.known(left_key, 3.5) and len(left) >= 3:
                return left, right
        return None

    @staticmethod
    def is_camel_brand(token: str) -> bool:
        """`OnePlus`, `iPhone`, `HarmonyOS`: internal capitals mark a deliberate name, not lost white space."""
        return any(c.isupper() for c in token[1:])

    def find(self, prose: Prose) -> Iterator[Hit]:
        english = table(self.context.language)
        words = self.context.words
        if all(english.get(token, 0.0) >= KNOWN_WORD_ZIPF or token in words or (len(token) < 5 and not token[:1].isdigit())
               for token in prose.tokens):
            return
        suspects = {}
        for token in set(self._TOKEN.findall(prose.text)):
            if len(token) < 5 and not token[0].isdigit():
                continue
            if english.get(token.casefold(), 0.0) < KNOWN_WORD_ZIPF:
                parts = self.split(token)
                if parts:
                    suspects[token] = parts
        if not suspects:
            return
        text = prose.text
        for match in self._TOKEN.finditer(text):
            token = match.group()
            parts = suspects.get(token)
            if parts is None:
                continue
            start, end = match.span()
            if start and text[start - 1] in "_@#/.-" or end < len(text) and text[end] in "_-":
                continue
            left, right = parts
            right = self.suffixes.get(right.casefold(), right)
            fixed = f"{self.context.terms.get(left.casefold(), left)} {right}"
            values = {"match": match.group(), "replacement": fixed}
            yield Hit(self.info, match.start(), match.end(), fill(self.spec.message, values), (fixed,))
