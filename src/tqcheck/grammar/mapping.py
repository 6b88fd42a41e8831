"""LanguageTool matches as tqcheck hits: one TQ8xx code per LanguageTool category, mapped to MQM."""

from __future__ import annotations

import re

from ..findings import Hit, RuleInfo, Severity
from ..rules.wordlist import zipf
from .custom_rules import CATEGORY as CUSTOM_CATEGORY
from .narrowing import narrowed

# LanguageTool category id -> (code, name, MQM category, default severity)
CATEGORIES: dict[str, tuple[str, str, str, Severity]] = {
    "TYPOS": ("TQ801", "lt-typos", "fluency/spelling", Severity.MINOR),
    "GRAMMAR": ("TQ802", "lt-grammar", "fluency/grammar", Severity.MAJOR),
    "PUNCTUATION": ("TQ803", "lt-punctuation", "fluency/punctuation", Severity.MINOR),
    "TYPOGRAPHY": ("TQ804", "lt-typography", "fluency/typography", Severity.MINOR),
    "CASING": ("TQ805", "lt-casing", "fluency/casing", Severity.MINOR),
    "STYLE": ("TQ806", "lt-style", "style/awkward", Severity.MINOR),
    "REDUNDANCY": ("TQ807", "lt-redundancy", "style/redundancy", Severity.MINOR),
    "CONFUSED_WORDS": ("TQ808", "lt-confused-words", "fluency/word-choice", Severity.MAJOR),
    "SEMANTICS": ("TQ809", "lt-semantics", "accuracy/mistranslation", Severity.MAJOR),
    "FALSE_FRIENDS": ("TQ810", "lt-false-friends", "accuracy/mistranslation", Severity.MAJOR),
    "COLLOCATIONS": ("TQ811", "lt-collocations", "fluency/collocation", Severity.MINOR),
    "COMPOUNDING": ("TQ812", "lt-compounding", "fluency/spelling", Severity.MINOR),
    "REPETITIONS": ("TQ813", "lt-repetitions", "fluency/repetition", Severity.MINOR),
    "REPETITIONS_STYLE": ("TQ814", "lt-repetitions-style", "style/repetition", Severity.MINOR),
    "PLAIN_ENGLISH": ("TQ815", "lt-plain-english", "style/wordiness", Severity.MINOR),
    "NONSTANDARD_PHRASES": ("TQ816", "lt-nonstandard-phrases", "fluency/idiom", Severity.MINOR),
    "MISC": ("TQ817", "lt-misc", "fluency/other", Severity.MINOR),
    "AMERICAN_ENGLISH_STYLE": ("TQ818", "lt-american-english", "locale-convention/spelling-variant", Severity.MINOR),
    "BRITISH_ENGLISH": ("TQ819", "lt-british-english", "locale-convention/spelling-variant", Severity.MINOR),
    "GENDER_NEUTRALITY": ("TQ820", "lt-gender-neutrality", "style/register", Severity.MINOR),
    # tqcheck's own part-of-speech rules for MT grammar (data/languagetool/.../grammar_custom.xml)
    CUSTOM_CATEGORY: ("TQ840", "lt-mt-grammar", "fluency/grammar", Severity.MINOR),
}
OTHER = ("TQ899", "lt-other", "fluency/other", Severity.MINOR)
# A spelling match on a capitalised word: a name the dictionary does not know, right or inconsistent, not a typo.
NAME_HINT = RuleInfo("TQ830", "lt-unknown-name", "fluency/spelling", Severity.NEUTRAL,
                     "A capitalised word LanguageTool's dictionary does not know (a zero-weight hint: --show-hints)",
                     "grammar", "languagetool")
# A spelling match on a word that is right in another English variant (British in an American check): a locale
# choice, not a typo (frequent in professional human English, never an MT error in real-mt's gold).
VARIANT_HINT = RuleInfo("TQ831", "lt-spelling-variant", "locale-convention/spelling-variant", Severity.NEUTRAL,
                        "A word spelled the way another English variant spells it (a zero-weight hint: --show-hints)",
                        "grammar", "languagetool")
# A dictionary miss on a lower-case word that English word statistics know well: MT rarely writes non-words, so such
# a word is most often a rare right word (a plant, a technical noun) LanguageTool's dictionary lacks.
KNOWN_WORD_HINT = RuleInfo("TQ832", "lt-known-word", "fluency/spelling", Severity.NEUTRAL,
                           "A lower-case word LanguageTool's dictionary lacks but English word statistics know "
                           "(a zero-weight hint: --show-hints)", "grammar", "languagetool")
# Zipf frequency from which a dictionary miss is a known word (docs/evaluation.md, "LanguageTool rules for MT
# review, per rule id"): the first half point above every common misspelling LanguageTool's speller flags and
# wordfreq counts (`alot` 3.93, `teh` 3.04).
KNOWN_WORD_MIN_ZIPF = 4.0
# LanguageTool's speller says so when its own en-US/en-GB word list (resource en/en-US-GB.txt) has the word.
_OTHER_VARIANT = re.compile(r"’ is (?:British|American) English\.")
_SPELLING_PREFIXES = ("MORFOLOGIK_", "HUNSPELL_")
_SPELLING_SUFFIXES = ("_SPELLER_RULE", "_SPELLING_RULE")


def rule_for(category: str) -> RuleInfo:
    """The RuleInfo of a LanguageTool category."""
    code, name, mqm, severity = CATEGORIES.get(category, OTHER)
    return RuleInfo(code, name, mqm, severity, f"LanguageTool category {category}", "grammar", "languagetool",
                    False)


def all_rules() -> list[RuleInfo]:
    """Every grammar rule code, for `tqcheck rules`."""
    return [rule_for(category) for category in CATEGORIES] + [
        RuleInfo(OTHER[0], OTHER[1], OTHER[2], OTHER[3], "Any other LanguageTool category", "grammar",
                 "languagetool"), NAME_HINT, VARIANT_HINT, KNOWN_WORD_HINT]


def is_speller(rule_id: str) -> bool:
    """Whether a LanguageTool rule id is its dictionary speller's (not a rule that lists one wrong spelling)."""
    return rule_id.startswith(_SPELLING_PREFIXES) or rule_id.endswith(_SPELLING_SUFFIXES)


def is_known_word(word: str) -> bool:
    """Whether a lower-case word is common enough in English word statistics to be a word, not a misspelling."""
    return word.islower() and word.isalpha() and zipf(word) >= KNOWN_WORD_MIN_ZIPF


def is_spelling(match) -> bool:
    """Whether a match is a spelling (dictionary) match, which glossary terms override."""
    return is_speller(match.rule_id) or match.rule_issue_type == "misspelling"


def is_indentation(match, text: str) -> bool:
    """Whether a match flags only the white space that opens a line: layout of the page (a list's indentation),
    not an error of the prose."""
    start, end = match.offset, match.offset + match.error_length
    return end > start and not text[start:end].strip() and (start == 0 or text[start - 1] == "\n")


def to_hit(match, text: str = "", hints: bool = False) -> Hit:
    """A hit for one LanguageTool match in `text`, narrowed to the words its suggestions rewrite; its rule id and
    category go along for severity overrides.

    With `hints` (mt-review), a spelling match on a capitalised word is a zero-weight name hint, and one on a
    word another English variant spells that way a zero-weight variant hint, and a dictionary miss on a lower-case
    word English word statistics know a zero-weight known-word hint."""
    start, end = match.offset, match.offset + match.error_length
    message = f"{match.message} ({match.rule_id})"
    spelling = is_spelling(match)
    name = hints and spelling and text[start:end][:1].isupper()
    variant = hints and spelling and _OTHER_VARIANT.search(match.message)
    known = hints and is_speller(match.rule_id) and is_known_word(text[start:end])
    head, tail, suggestions = 0, end - start, tuple(match.replacements[:5])
    if end <= len(text):  # the matched words are known
        head, tail, suggestions = narrowed(text[start:end], suggestions)
    rule = (VARIANT_HINT if variant else NAME_HINT if name  # 'Colour' opening a sentence is a variant
            else KNOWN_WORD_HINT if known else rule_for(match.category))
    return Hit(rule, start + head, start + tail, message, suggestions,
               spelling=spelling, grammar_ids=(match.rule_id, match.category))
