"""What rule kinds may know besides their own spec: source languages and the glossary's terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..languages import SOURCE_LANGUAGES

if TYPE_CHECKING:  # imported to build a context: the kinds import this module, loaded checks need only their own
    from .glossary import TermEntry
    from .pattern_scan import PatternScan
    from .phrase_index import LiteralSearch, PhraseAutomaton


@dataclass(frozen=True)
class BuildContext:
    """Settings shared by every rule of a run."""

    source_languages: frozenset[str] = frozenset()
    language: str = "en"
    terms: dict[str, str] = field(default_factory=dict)  # folded allowed form -> canonical term
    words: dict[str, str] = field(default_factory=dict)  # folded word of any term -> the word as written
    term_kinds: dict[str, str] = field(default_factory=dict)  # folded word -> entry kind (company, person...)
    # The run's one phrase automaton: every phrase-like rule adds its phrases to it (None: each its own).
    phrases: PhraseAutomaton | None = field(default=None, compare=False)
    # The run's one search for the plain strings that gate pattern rules (None: each rule its own).
    literals: LiteralSearch | None = field(default=None, compare=False)
    # The run's one Hyperscan pass telling which pattern rules may match a text (None: each rule its own).
    patterns: PatternScan | None = field(default=None, compare=False)

    def languages(self) -> tuple[str, ...]:
        """Source languages to look for: the configured ones, else every supported one."""
        return tuple(sorted(self.source_languages)) if self.source_languages else SOURCE_LANGUAGES


def context_for(entries: list["TermEntry"], source_languages: set[str], language: str = "en") -> BuildContext:
    """A context holding every allowed form of the glossary's terms, and a phrase automaton for the run."""
    from .pattern_scan import PatternScan
    from .phrase_index import LiteralSearch, PhraseAutomaton

    terms: dict[str, str] = {}
    words: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for entry in entries:
        for form in entry.allowed():
            terms[form.casefold()] = entry.term
            for word in form.split():
                kinds.setdefault(word.casefold(), entry.kind)
                words.setdefault(word.casefold(), word)
    return BuildContext(frozenset(source_languages), language, terms, words, kinds, PhraseAutomaton(), LiteralSearch(),
                        PatternScan())
