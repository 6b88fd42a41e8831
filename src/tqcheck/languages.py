"""Languages tqcheck knows: the source languages of its rules, LanguageTool's modules, and the guess from leakage."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .findings import Finding

NAMES = {"es": "Spanish", "pt": "Portuguese", "fr": "French", "it": "Italian", "de": "German",
         "ca": "Catalan", "nl": "Dutch", "en": "English"}
# Source languages with word lists and leakage rules.
SOURCE_LANGUAGES = ("es", "pt", "fr", "it", "de")
# Source languages a user may configure: Catalan has leakage words only.
CONFIGURABLE_SOURCES = (*SOURCE_LANGUAGES, "ca")
# Target languages: the rules are for English, in the variants LanguageTool checks.
TARGET_LANGUAGES = ("en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-ZA", "en")
# LanguageTool modules every install needs: its language detector loads es, pt and ca at start-up.
LANGUAGETOOL_MODULES = ("en", "es", "pt", "ca")
# For these mother tongues LanguageTool checks English with n-gram false-friend rules, which need its n-gram data
# (several GB, not on Maven Central); without it they find nothing, so tqcheck does not ask.
NGRAM_FALSE_FRIENDS = {"en": {"es", "de", "fr", "nl"}}


def base(tag: str) -> str:
    """The language of a tag: `en` for `en-US`."""
    return tag.split("-")[0]


def supported_target(tag: str) -> str:
    """`tag` in its listed spelling (case-insensitively), or ValueError listing the supported targets."""
    found = {t.lower(): t for t in TARGET_LANGUAGES}.get(tag.lower().replace("_", "-"))
    if found is None:
        raise ValueError(f"unknown language '{tag}' (supported: {', '.join(TARGET_LANGUAGES)})")
    return found


def supported_sources(tags: list[str]) -> list[str]:
    """`tags` in lower case, or ValueError naming the first unsupported one and listing the supported ones."""
    lowered = [t.lower() for t in tags]
    for tag, low in zip(tags, lowered):
        if low not in CONFIGURABLE_SOURCES:
            raise ValueError(f"unknown source language '{tag}' (supported: {', '.join(CONFIGURABLE_SOURCES)})")
    return lowered


def only(languages: list[str]) -> str | None:
    """The source language when exactly one is configured."""
    return languages[0] if len(languages) == 1 else None


def guess_source(findings: Iterable["Finding"]) -> str | None:
    """The source language the leakage findings point to, each finding sharing one vote among its languages."""
    votes: dict[str, float] = {}
    for finding in findings:
        languages = finding.extra.get("languages", ())
        for code in languages:
            votes[code] = votes.get(code, 0.0) + 1.0 / len(languages)
    return max(sorted(votes), key=votes.get) if votes else None
