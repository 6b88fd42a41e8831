"""LanguageTool matches as tqcheck hits: one TQ8xx code per LanguageTool category, mapped to MQM."""

from __future__ import annotations

from ..findings import Hit, RuleInfo, Severity
from .custom_rules import CATEGORY as CUSTOM_CATEGORY

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
                 "languagetool"), NAME_HINT]


def is_spelling(match) -> bool:
    """Whether a match is a spelling (dictionary) match, which glossary terms override."""
    rule_id = match.rule_id
    return (rule_id.startswith(_SPELLING_PREFIXES) or rule_id.endswith(_SPELLING_SUFFIXES)
            or match.rule_issue_type == "misspelling")


def is_indentation(match, text: str) -> bool:
    """Whether a match flags only the white space that opens a line: layout of the page (a list's indentation),
    not an error of the prose."""
    start, end = match.offset, match.offset + match.error_length
    return end > start and not text[start:end].strip() and (start == 0 or text[start - 1] == "\n")


def to_hit(match, text: str = "", names_as_hints: bool = False) -> Hit:
    """A hit for one LanguageTool match in `text`; its rule id and category go along for severity overrides.

    With `names_as_hints`, a spelling match on a capitalised word is a zero-weight name hint."""
    start, end = match.offset, match.offset + match.error_length
    message = f"{match.message} ({match.rule_id})"
    spelling = is_spelling(match)
    name = names_as_hints and spelling and text[start:end][:1].isupper()
    return Hit(NAME_HINT if name else rule_for(match.category), start, end, message, tuple(match.replacements[:5]),
               spelling=spelling, grammar_ids=(match.rule_id, match.category))
