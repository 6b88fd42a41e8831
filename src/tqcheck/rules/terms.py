"""The glossary check: literal translations, known wrong forms, near-misses and wrong casing of terms."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..documents.prose import Prose
from ..findings import Hit, RuleInfo, Severity
from .glossary import TermEntry
from .phrase_index import PhraseAutomaton, PhraseIndex
from .wordlist import WORD_MEMO, known_words, zipf

LITERAL = RuleInfo("TQ101", "term-literal-translation", "terminology/wrong-term", Severity.CRITICAL,
                   "A glossary term (a brand or product name) translated word for word.", "glossary", "glossary", True)
WRONG_FORM = RuleInfo("TQ102", "term-wrong-form", "terminology/misspelled-term", Severity.MAJOR,
                      "A known wrong form of a glossary term.", "glossary", "glossary", True)
NEAR_MISS = RuleInfo("TQ103", "term-near-miss", "terminology/misspelled-term", Severity.MAJOR,
                     "An unknown word one or two letters away from a glossary term.", "glossary", "glossary", False)
CASING = RuleInfo("TQ104", "term-casing", "terminology/casing", Severity.MINOR,
                  "A glossary term written with the wrong capitalisation.", "glossary", "glossary", True)
RULES = (LITERAL, WRONG_FORM, NEAR_MISS, CASING)

_INSIDE_NAMES = frozenset({"hashtag", "handle"})
_TOKEN = regex.compile(r"(?<![\p{L}\p{N}_-])\p{L}[\p{L}\p{N}]{3,}(?![\p{L}\p{N}_-])")
_INFLECTIONS = ("s", "es", "'s", "’s")
_INNER_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}")
_NEXT_WORD = regex.compile(r"[ \t]+(\p{Lu}[\p{L}'’-]+)")
# A word this frequent in English text is attested there (a name such as Anke, Alena, Cortina), not a misspelling.
_ATTESTED_ZIPF = 1.9
# Words this common are ordinary English wherever a wrong form of a term is made of them.
_COMMON_ZIPF = 3.5
_NEXT_LOWER = regex.compile(r"[ \t]+(\p{Ll}+)")
# What a company does in news, and an apple or a window does not.
_COMPANY_VERBS = frozenset({"officially", "announced", "announces", "unveiled", "unveils", "launched", "launches",
                            "released", "releases", "confirmed", "confirms", "revealed", "reveals", "introduced",
                            "introduces", "reported", "reports", "plans", "planned", "acquired", "acquires"})
# A term whose lower-case form is this common is an ordinary word (Apple, Windows), unless the glossary says.
_ORDINARY_TERM_ZIPF = 4.5


def _folds_as_lowered(text: str) -> bool:
    """Whether case folding `text` gives its lower case, letter for letter (no ß, ς or İ)."""
    lowered = text.lower()
    return len(lowered) == len(text) and lowered == text.casefold()


@dataclass(frozen=True, slots=True)
class _Form:
    entry: TermEntry
    kind: str  # "allowed", "wrong" or "literal"
    allowed: frozenset[str]  # the entry's allowed spellings, worked out once


class TermCheck:
    """Finds glossary problems in prose with one multi-pattern pass and a fuzzy pass over unknown words."""

    def __init__(self, entries: list[TermEntry], language: str = "en", phrases: PhraseAutomaton | None = None):
        self.language = language
        self.index: PhraseIndex[_Form] = PhraseIndex(phrases)
        self._common: dict[str, bool] = {}  # term -> whether it is an ordinary word in lower case (`is_common`)
        self.known: set[str] = set()
        targets: dict[str, str] = {}
        for entry in entries:
            # Read as `judge` reads the text: the white space between a form's words one space.
            allowed = frozenset(" ".join(form.split()) for form in entry.allowed())
            for form in entry.allowed():
                self.index.add(form, _Form(entry, "allowed", allowed))
                self.known.update(w.casefold() for w in form.split())
            for form in entry.wrong:
                self.index.add(form, _Form(entry, "wrong", allowed))
            for form in entry.literal:
                self.index.add(form, _Form(entry, "literal", allowed))
            if self.is_target(entry, entry.term):
                targets.setdefault(entry.term.casefold(), entry.term)
        self.targets = targets
        self.target_keys = list(targets)
        self._clean: set[str] = set()  # tokens known to misspell no term (a set, for C-speed differences)
        self._candidates: dict[tuple[int, int], list[str]] = {}

    def is_target(self, entry: TermEntry, word: str) -> bool:
        """Whether unknown words close to `word` count as misspellings of it: distinctive one-word terms only."""
        return len(word) >= 5 and word.isalpha() and not self.is_common(entry)

    def is_common(self, entry: TermEntry) -> bool:
        """Whether the term in lower case is an ordinary word (Apple, Windows)."""
        if entry.common_word is not None:
            return entry.common_word
        common = self._common.get(entry.term)
        if common is None:  # asked once per term: a glossary's lower-case matches ask again and again
            common = self._common[entry.term] = zipf(entry.term.casefold(), self.language) >= _ORDINARY_TERM_ZIPF
        return common

    def find(self, prose: Prose) -> Iterator[Hit]:
        taken: list[tuple[int, int]] = []
        text = prose.text
        for start, end, forms in self.index.find(text, prose.folded, prose.spaced):
            taken.append((start, end))
            form = forms[0]
            if form.kind == "allowed" and text[start:end] in form.allowed:
                continue  # a term spelt as allowed, as `judge` would read it: most matches of a glossary
            hit = self.judge(prose, start, end, form)
            if hit is not None:
                yield hit
        yield from self.near_misses(prose, taken)

    def judge(self, prose: Prose, start: int, end: int, form: _Form) -> Hit | None:
        """The hit for one glossary phrase match, if it is wrong."""
        # As written, with the white space between its words (a line break, several spaces) read as one space.
        text, entry = " ".join(prose.text[start:end].split()), form.entry
        if form.kind == "literal":
            return Hit(LITERAL, start, end, f"'{text}' is a literal translation of the name '{entry.term}'",
                       (entry.term,), _INSIDE_NAMES)
        if form.kind == "wrong":
            before = prose.text[:start].rstrip()[-1:]
            if self.ordinary_english(text[:1].lower() + text[1:] if before in ("", ".", "!", "?") else text, entry.term):
                return None
            return Hit(WRONG_FORM, start, end, f"'{text}' is a wrong form of '{entry.term}'", (entry.term,))
        if text in form.allowed or not entry.case_sensitive:
            return None
        if text.islower() and self.is_common(entry) and not self.acts_as_company(prose, end, entry):
            return None
        if text.isupper() and self.mostly_upper(prose, start):
            return None
        return Hit(CASING, start, end, f"'{text}' should be written '{entry.term}'", (entry.term,))

    @staticmethod
    def acts_as_company(prose: Prose, end: int, entry: TermEntry) -> bool:
        """Whether a company's name in lower case is followed by what companies do (`apple announced`),
        so it names the company, not the ordinary word."""
        if entry.kind != "company":
            return False
        following = _NEXT_LOWER.match(prose.text, end)
        return following is not None and following.group(1) in _COMPANY_VERBS

    def ordinary_english(self, text: str, term: str) -> bool:
        """Whether a listed wrong form reads here as ordinary English: lower-case common words (`go pro`, `one
        plus one`), or one common word or surname that is more than a casing of the term (`Phillips`)."""
        words = text.split()
        common = all(zipf(w.casefold(), self.language) >= _COMMON_ZIPF for w in words)
        if text.islower():
            return common
        return common and len(words) == 1 and text.casefold() != term.casefold()

    @staticmethod
    def mostly_upper(prose: Prose, offset: int) -> bool:
        """Whether the segment around `offset` is set in capitals (a shouted headline)."""
        index = prose.segment_index(offset)
        letters = [c for c in prose.segments[index].text if c.isalpha()]
        return bool(letters) and sum(c.isupper() for c in letters) > 0.7 * len(letters)

    def near_misses(self, prose: Prose, taken: list[tuple[int, int]]) -> Iterator[Hit]:
        """Unknown words one or two edits away from a glossary word."""
        if not self.target_keys:
            return
        # Distinct tokens first (a set difference at C speed), so only the rare unknown ones cost Python time. A known
        # word is no misspelling (`nearest` wants a rarer one) when each token is its own case folding: the run's
        # shared set of unknown tokens is then enough.
        tokens = prose.unknown(known_words(self.language)) if prose.tokens_fold_simply else prose.tokens
        suspects = set()
        if len(self._clean) > WORD_MEMO:
            self._clean.clear()
        for token in tokens - self._clean:
            if self.nearest(token) is None:
                self._clean.add(token)
            else:
                suspects.add(token)
        if not suspects:
            return
        taken_starts = {start for start, _ in taken}
        for match in self.occurrences(prose, suspects):
            if match.start() in taken_starts:
                continue
            target = self.nearest(match.group())
            if target is not None and not self.own_name(prose, match, target):
                yield Hit(NEAR_MISS, match.start(), match.end(),
                          f"'{match.group()}' looks like a misspelling of '{target}'", (target,))

    @staticmethod
    def occurrences(prose: Prose, suspects: set[str]) -> Iterator[regex.Match]:
        """The word matches whose case-folded text is a suspect, in text order."""
        text = prose.text
        if not text.isascii() and not _folds_as_lowered(text):
            # Letters that fold to other letters (ß, ς, İ): compare each word's case-folded form.
            yield from (m for m in _TOKEN.finditer(text) if m.group().casefold() in suspects)
            return
        # Each word is a whole token of the spaced text, spelt as there: find the few suspects at C speed and
        # confirm each place with the word pattern (a token after `-` or `_` is no word of its own).
        padded = f" {prose.spaced} "
        places = []
        for suspect in suspects:
            needle = f" {suspect} "
            at = padded.find(needle)
            while at >= 0:  # `at` is the word's offset in the text: the needle's leading space pads it
                places.append((at, at + len(suspect)))
                at = padded.find(needle, at + len(suspect))
        for start, end in sorted(places):
            match = _TOKEN.match(text, start)
            if match is not None and match.end() == end:
                yield match

    def own_name(self, prose: Prose, match: regex.Match, target: str) -> bool:
        """Whether a near-miss is a name of its own, not a misspelling: with a capital inside it (a coined name:
        MateBook, ScanDisk, PayPay; machine translation copies such names or breaks their casing), in capitals
        where the term is not (README), or followed by another capitalised word that is no term (a person's full
        name: Nikol Pashinyan)."""
        word = match.group()
        if _INNER_CAPITAL.search(word):
            return True
        if word.isupper() and not target.isupper():
            return True
        following = _NEXT_WORD.match(prose.text, match.end())
        return bool(word[:1].isupper() and following and following.group(1).casefold() not in self.known)

    def candidates(self, length: int, limit: int) -> list[str]:
        """The glossary words within `limit` edits of some word of `length` letters, in glossary order: a longer or
        shorter word is further away than the difference in length (and keeping the order keeps the tie-break)."""
        found = self._candidates.get((length, limit))
        if found is None:
            found = self._candidates[length, limit] = [t for t in self.target_keys if abs(len(t) - length) <= limit]
        return found

    # Memoised per (check, word) and bounded: a long run keeps meeting new words.
    @lru_cache(maxsize=WORD_MEMO)
    def nearest(self, word: str) -> str | None:
        """The glossary word `word` misspells, or None."""
        key = word.casefold()
        result = None
        if len(key) >= 4 and key.isalpha() and key not in self.known \
                and zipf(key, self.language) < _ATTESTED_ZIPF:
            limit = 1 if len(key) <= 7 else 2
            best = process.extractOne(key, self.candidates(len(key), limit), scorer=Levenshtein.distance,
                                      score_cutoff=limit)
            if best is not None:
                target = best[0]
                inflected = key.startswith(target) and key[len(target):] in _INFLECTIONS
                if key[0] == target[0] and not inflected:
                    result = self.targets[target]
        return result
