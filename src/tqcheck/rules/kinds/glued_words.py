"""The `glued-words` kind: tokens where white space was lost with the markup (`Galaxywhich`, `15Pro`, `BerlinThe`)."""

from __future__ import annotations

from collections.abc import Iterator
import regex
from ..declared import Field

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, Strict
from ..verdicts import Verdicts
from ..wordlist import KNOWN_WORD_ZIPF, known_words, table, zipf

# A glued half is "frequent" at this Zipf value, "very frequent" at the next: a word a reader knows at once.
FREQUENT = 3.5
VERY_FREQUENT = 4.5
# Shapes of a token whose case betrays a lost space: yesterdayApple, BerlinThe, USAthe, 15which.
_LOWER_TITLE = regex.compile(r"(\p{Ll}{4,})(\p{Lu}\p{Ll}{2,})")
_TITLE_TITLE = regex.compile(r"(\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}{2,})")
_ACRONYM_LOWER = regex.compile(r"(\p{Lu}{2,})(\p{Ll}{2,})")
_DIGITS_LOWER = regex.compile(r"(\p{N}+)(\p{Ll}{3,})")


@rule_kind("glued-words")
class GluedWordsCheck:
    """A token that is no word but splits where a space was lost: a term, month or number and a word
    (`Galaxywhich`, `15Pro`), a word and a function word (`reportthe`, `USAthe`), or a word and a capitalised
    sentence opener or name (`BerlinThe`, `yesterdayApple`)."""

    class Options(Strict):
        """The words a glued token may end in (`function_words`, `model_suffixes`) or start with (`left_words`);
        `particles` are function words that also close compounds (readthrough, takeover), so they count only after
        a term or month."""

        function_words: list[str] = Field(default_factory=list)
        particles: list[str] = Field(default_factory=list)
        model_suffixes: list[str] = Field(default_factory=list)
        left_words: list[str] = Field(default_factory=list)

    _TOKEN = regex.compile(r"[\p{L}\p{N}]{3,}")
    _JOINED = regex.compile(r"[\p{L}\p{N}]")

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info, self.context = spec, info, context
        self.particles = {w.casefold() for w in spec.options.particles}
        self.function_words = {w.casefold() for w in spec.options.function_words} | self.particles
        self.closed = self.function_words - self.particles
        self.suffixes = {w.casefold(): w for w in spec.options.model_suffixes}
        self.months = {w.casefold() for w in spec.options.left_words}
        self.verdicts: Verdicts[tuple[str, str]] = Verdicts(self.token_split)
        self.unknown: Verdicts[bool] = Verdicts(self.may_glue)

    def known(self, word: str, threshold: float = 3.0) -> bool:
        """Whether `word` is at least this common in the target language."""
        return zipf(word.casefold(), self.context.language) >= threshold

    def named(self, word: str) -> bool:
        """Whether `word` is a glossary term or a known word (a name need not be in the glossary)."""
        return word.casefold() in self.context.terms or self.known(word, FREQUENT)

    def may_glue(self, token: str) -> bool | None:
        """Whether a folded token of the prose is unknown, no glossary word, and long enough or led by a digit."""
        if table(self.context.language).get(token, 0.0) >= KNOWN_WORD_ZIPF or token in self.context.words:
            return None
        return True if len(token) >= 5 or token[:1].isdigit() else None

    def token_split(self, token: str) -> tuple[str, str] | None:
        """Where a token of the text splits, if it is long enough (or starts with a digit) and unknown."""
        if len(token) < 5 and not token[0].isdigit():
            return None
        if table(self.context.language).get(token.casefold(), 0.0) >= KNOWN_WORD_ZIPF:
            return None
        return self.split(token)

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
        return self.split_by_case(token) if self.is_camel_brand(token) else self.split_lower(token)

    def split_by_case(self, token: str) -> tuple[str, str] | None:
        """A capital inside the token is a deliberate name (`OnePlus`, `iPhone`) unless both sides are words and
        the right one opens a sentence or names something after a plain word (`BerlinThe`, `yesterdayApple`)."""
        if shape := _TITLE_TITLE.fullmatch(token):
            left, right = shape.groups()
            if right.casefold() in self.closed and self.named(left):
                return left, right
        elif shape := _LOWER_TITLE.fullmatch(token):
            left, right = shape.groups()
            # The right half must be a glossary name or a sentence opener: easyJet and getName are names.
            if (right.casefold() in self.context.terms or right.casefold() in self.closed) and len(left) >= 5:
                return left, right
        elif shape := _ACRONYM_LOWER.fullmatch(token):
            left, right = shape.groups()
            if right in self.closed:
                return left, right
        return None

    def split_lower(self, token: str) -> tuple[str, str] | None:
        """Splits of a token in one case run: a term or month and a word, a word and a function word."""
        if shape := _DIGITS_LOWER.fullmatch(token):
            return shape.groups() if shape.group(2) in self.closed else None
        for cut in range(1, len(token)):
            left, right = token[:cut], token[cut:]
            left_key, right_key = left.casefold(), right.casefold()
            if len(left) < 2 or (len(right) < 2 and right_key != "a") or left.isdigit() or right.isdigit():
                continue
            if left_key in self.context.terms or left_key in self.months:
                # A term that is also a common word (Arm, Meta) glues only to a function word: armrests is a word.
                content = len(right) >= 4 and self.known(right_key, FREQUENT) and not self.known(left_key, FREQUENT)
                if content or right_key in self.function_words:
                    return left, right
            if len(left) >= 3 and ((right_key in self.closed and len(right) >= 3 and self.known(left_key, FREQUENT))
                                   or (right_key == "a" and token.islower() and self.known(left_key, VERY_FREQUENT))):
                return left, right
        return None

    @staticmethod
    def is_camel_brand(token: str) -> bool:
        """`OnePlus`, `iPhone`, `HarmonyOS`: internal capitals mark a deliberate name, not lost white space."""
        return any(c.isupper() for c in token[1:])

    def find(self, prose: Prose) -> Iterator[Hit]:
        unknown = prose.unknown(known_words(self.context.language))
        if not self.unknown.of(unknown):
            return
        text = prose.text
        if prose.tokens_fold_simply:
            # A token that can glue is unknown folded: its places are where the unknown tokens stand alone.
            places = [(start, text[start:start + len(word)]) for start, word in
                      prose.occurrences([word for word in unknown if len(word) >= 3], self._JOINED, folded=True)]
            suspects = self.verdicts.of({token for _, token in places})
        else:
            suspects = self.verdicts.of(set(self._TOKEN.findall(text)))
            places = prose.occurrences(suspects, self._JOINED)
        for start, token in places:  # where _TOKEN matches
            if token not in suspects:
                continue
            end = start + len(token)
            if start and text[start - 1] in "_@#/.-" or end < len(text) and text[end] in "_-":
                continue
            left, right = suspects[token]
            right = self.suffixes.get(right.casefold(), right)
            fixed = f"{self.context.terms.get(left.casefold(), left)} {right}"
            values = {"match": token, "replacement": fixed}
            yield Hit(self.info, start, end, fill(self.spec.message, values), (fixed,))
