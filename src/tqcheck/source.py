"""Source-aware checks (`--source`): a translation read beside its original, line by line when the lines pair up.

Four signals of general quality-estimation knowledge, for any language pair: numbers of the source missing in the
target, characters of the source's script left in the target, Latin-script names and acronyms of a non-Latin source
missing in the target, and a target/source length ratio outside the pair's usual range (omission or addition).
The length ratio also gives graded omission evidence that the score adds to the findings' penalty.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex

from .defaults import SOURCE_TOLERANCE, SOURCE_WEIGHT
from .findings import RuleInfo, Severity

# Characters (white space left out) a text takes in each language, relative to the same text in English: the
# translation trade's rules of thumb (1,000 Chinese characters make about 650 English words, 1,000 Japanese
# characters about 400, 1,000 Korean characters about 550; Romance and Germanic languages run 10-25% longer than
# English). The expected target/source ratio of a pair is DENSITY[target] / DENSITY[source].
DENSITY = {"en": 1.0, "zh": 0.33, "ja": 0.53, "ko": 0.39, "es": 1.2, "pt": 1.2, "fr": 1.18, "it": 1.15, "ca": 1.18,
           "de": 1.2, "nl": 1.2, "ru": 1.1, "pl": 1.15, "tr": 1.1, "ar": 0.85, "he": 0.8}
# Evidence starts below expected / TOLERANCE and grows by WEIGHT points per unit of ln(shortfall) (the defaults of
# the `source-tolerance` and `source-weight` settings).
TOLERANCE = SOURCE_TOLERANCE
WEIGHT = SOURCE_WEIGHT
# A finding (not just evidence) needs a line this far out of the usual ratio, and enough text for a ratio to mean
# something (in English-equivalent characters).
FAR = 2.0
MIN_CHARACTERS = 20

RULES = {
    "number": RuleInfo("TQ901", "source-number-missing", "accuracy/mistranslation", Severity.MAJOR,
                       "A number of the source line is missing from (or changed in) the translated line", "source"),
    "script": RuleInfo("TQ902", "source-script-left", "accuracy/untranslated", Severity.MAJOR,
                       "Characters of the source's writing system left in the translation", "source"),
    "name": RuleInfo("TQ903", "source-name-missing", "accuracy/omission", Severity.MINOR,
                     "A Latin-script name or acronym of a non-Latin source is missing from the translated line",
                     "source"),
    "length": RuleInfo("TQ904", "length-ratio", "accuracy/omission", Severity.MINOR,
                       "The translated line is far shorter or longer than its source usually makes (omission or "
                       "addition)", "source"),
}

SCRIPTS = ("Han", "Hiragana", "Katakana", "Hangul", "Cyrillic", "Greek", "Arabic", "Hebrew", "Thai", "Devanagari",
           "Latin")
NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")
COPIED = regex.compile(r"[\p{Latin}\d]")
LATIN_TOKEN = regex.compile(r"(?<![\p{Latin}\d])[\p{Latin}][\p{Latin}\d&+.-]*[\p{Latin}\d](?![\p{Latin}\d])")
# English number words a source digit may become.
NUMBER_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
                "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
                "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
                "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
                "first": "1", "second": "2", "third": "3", "half": "2", "dozen": "12"}


@dataclass(frozen=True)
class Issue:
    """One source-aware problem at file offsets of the target text."""

    rule: RuleInfo
    start: int
    end: int
    message: str
    # What tells a whole-line issue apart when the line is reworded (the missing number or name and the source
    # line): a baseline keeps it as long as it is still missing. Empty: the flagged text and its context do.
    identity: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """How a short line becomes penalty points: none down to usual / tolerance, then `weight` per unit of
    ln(shortfall)."""

    tolerance: float = TOLERANCE
    weight: float = WEIGHT

    def points(self, share: float) -> float:
        """The points of a line at `share` of its usual length."""
        return self.weight * max(0.0, math.log(1 / self.tolerance / share))

    def describe(self) -> str:
        """Its part of the signature."""
        return f"tolerance={self.tolerance:g},weight={self.weight:g}"


@dataclass(frozen=True)
class Comparison:
    """What comparing a target text with its source found: issues, graded evidence points and how lines paired."""

    issues: list[Issue]
    evidence: float
    pairing: str  # "line" or "document"
    source_language: str | None


@cache
def _script_pattern(script: str) -> regex.Pattern:
    return regex.compile(rf"\p{{Script={script}}}+")


def main_script(text: str) -> str | None:
    """The writing system most of the text's letters use (of SCRIPTS), or None without letters."""
    counts = Counter({s: sum(len(m) for m in _script_pattern(s).findall(text)) for s in SCRIPTS})
    script, count = counts.most_common(1)[0]
    return script if count else None


def _characters(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def _significant(number: str) -> str:
    """The digits of a number without separators and trailing zeros: languages count in different magnitudes
    (140亿 is 14 billion, 3万 is 30,000), which moves only the zeros."""
    digits = unicodedata.normalize("NFKC", number).replace(",", "").replace(".", "")
    return digits.rstrip("0") or "0"


def missing_numbers(source: str, target: str) -> list[str]:
    """Numbers of the source found in the target neither as digits (up to magnitude zeros) nor as an English
    number word, each once."""
    found = {_significant(n) for n in NUMBER.findall(target)}
    found |= {_significant(NUMBER_WORDS[w]) for w in regex.findall(r"\p{L}+", target.casefold()) if w in NUMBER_WORDS}
    return [number for number in dict.fromkeys(NUMBER.findall(source)) if _significant(number) not in found]


def missing_names(source: str, target: str) -> list[str]:
    """Latin-script tokens of a non-Latin source (names, acronyms) not in the target, case ignored."""
    folded = target.casefold()
    return [t for t in dict.fromkeys(LATIN_TOKEN.findall(source)) if t.casefold() not in folded]


def expected_ratio(source_language: str | None, target_language: str) -> float | None:
    """The usual target/source character ratio of the pair, or None when a language is not in DENSITY."""
    if source_language not in DENSITY or target_language not in DENSITY:
        return None
    return DENSITY[target_language] / DENSITY[source_language]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the non-blank lines, trailing white space left out."""
    spans, offset = [], 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped.strip():
            spans.append((offset + len(line) - len(line.lstrip()), offset + len(stripped)))
        offset += len(line) + 1
    return spans


def usual_length(source: str, expected: float, script: str | None) -> float:
    """The characters a translation of `source` usually takes: `expected` per source character, except that the
    Latin letters and digits of a non-Latin source (names, acronyms, numbers) usually carry over one for one."""
    if script in (None, "Latin"):
        return _characters(source) * expected
    copied = len(COPIED.findall(source))
    return (_characters(source) - copied) * expected + copied


def _compare_pair(source: str, target: str, start: int, expected: float | None, script: str | None,
                  evidence: Evidence) -> tuple[list[Issue], float]:
    issues = [Issue(RULES["number"], start, start + len(target), f"'{n}' of the source is not in this line",
                    (n, source)) for n in missing_numbers(source, target)]
    if script not in (None, "Latin"):
        issues += [Issue(RULES["name"], start, start + len(target), f"'{n}' of the source is not in this line",
                         (n, source)) for n in missing_names(source, target)]
    points = 0.0
    usual = usual_length(source, expected, script) if expected is not None else 0.0
    if usual >= MIN_CHARACTERS:
        share = max(_characters(target), 1) / usual
        points = evidence.points(share)
        if share < 1 / FAR or share > FAR:
            how = "shorter" if share < 1 else "longer"
            issues.append(Issue(RULES["length"], start, start + len(target),
                                f"{share:.0%} of the usual length for its source: far {how} "
                                f"(possible {'omission' if how == 'shorter' else 'addition'})", (how, source)))
    return issues, points


def compare(source: str, target: str, source_language: str | None, target_language: str,
            evidence: Evidence = Evidence()) -> Comparison:
    """Compare a target text with its source: by line when the non-blank lines pair up, else as one text."""
    expected = expected_ratio(source_language, target_language)
    script = main_script(source)
    issues: list[Issue] = []
    if script not in (None, "Latin") and main_script(target) != script:
        issues += [Issue(RULES["script"], m.start(), m.end(), f"'{m.group()}': {script} characters left in the "
                         "translation") for m in _script_pattern(script).finditer(target)]
    source_lines, target_lines = _lines(source), _lines(target)
    paired = len(source_lines) == len(target_lines) and bool(target_lines)
    pairs = (list(zip(source_lines, target_lines)) if paired
             else [((0, len(source)), target_lines[0] if target_lines else (0, 0))])
    total = 0.0
    for (s_start, s_end), (t_start, t_end) in pairs:
        # As one text, the whole target is compared though the finding sits on its first line.
        target_text = target[t_start:t_end] if paired else target
        found, points = _compare_pair(source[s_start:s_end], target_text, t_start, expected, script, evidence)
        issues += [Issue(i.rule, i.start, min(i.end, t_end), i.message, i.identity) for i in found]
        total += points
    return Comparison(issues, total, "line" if paired else "document", source_language)
