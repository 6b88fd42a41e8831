"""The composition root: one run's configuration wired to its decision, rule checker, grammar service and cache."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from .baseline import Baseline
from .cache import ResultCache
from .config import Config
from .decision import Decision
from .files import shown
from .languages import base, only
from .resources import DEFAULT_GLOSSARY
from .results import FileResult

if TYPE_CHECKING:
    from .engine import Checker
    from .grammar.service import GrammarService

# The rule engine, the readers and their libraries are imported on first use: a run answered wholly from the
# result cache never needs them.


def decision_for(config: Config, baseline: Baseline | None = None) -> Decision:
    """The run's decision: selection, severities, suppression, the baseline, fail-on and threshold."""
    return Decision(tuple(config.select), tuple(config.ignore), dict(config.severity), dict(config.grammar_severity),
                    config.min_severity, {k: tuple(v) for k, v in config.per_path_ignores.items()}, str(config.root),
                    config.fail_on, config.threshold, baseline)


def build_checker(config: Config, decision: Decision) -> "Checker":
    """Packs and glossaries from the config (broken ones raise ConfigError)."""
    from .engine import Checker
    from .rules.context import context_for
    from .rules.examples import require_examples_pass
    from .rules.glossary import load_glossary, merge_entries
    from .rules.packs import build_checks, load_packs
    from .rules.terms import TermCheck

    packs = load_packs(config.packs + config.extra_packs)
    user_glossaries = [load_glossary(path) for path in config.glossaries]
    # The built-in data is tested in CI; a user's pack or glossary is only trusted once its examples pass.
    require_examples_pass([p for p in packs if not p.file.startswith("<builtin>")], user_glossaries)
    glossaries = ([load_glossary(DEFAULT_GLOSSARY)] if config.default_glossary else []) + user_glossaries
    entries = merge_entries(glossaries)
    language = base(config.language)
    checks = build_checks(packs, context_for(entries, set(config.source_languages), language))
    if entries:
        checks.append(TermCheck(entries, language))
    return Checker(checks, decision)


def grammar_for(config: Config, progress: Callable[[str], None] = lambda message: None) -> "GrammarService | None":
    """The LanguageTool service the config asks for, or None with grammar off."""
    if config.grammar == "off":
        return None
    from .grammar.service import GrammarService

    return GrammarService(config.language, config.languagetool_url, config.languagetool_version,
                          config.languagetool_heap, config.languagetool_options,
                          config.source_languages if config.languagetool_false_friends else [],
                          config.grammar_disabled_rules, config.languagetool_timeout, progress=progress)


class App:
    """Everything one run shares: config, decision, grammar, cache, and the rule checker (built on first use)."""

    def __init__(self, config: Config, grammar: "GrammarService | None" = None, cache: ResultCache | None = None,
                 on_grammar_failure: Callable[[Exception], None] | None = None, baseline: Baseline | None = None):
        self.config = config
        self.decision = decision_for(config, baseline)
        self.grammar = grammar
        self._service = grammar  # closed at the end even after a failure stopped its use
        self.cache = cache
        # Whether results include grammar; stays true after an optional grammar fails, as the cache key says.
        self.expects_grammar = grammar is not None
        self.on_grammar_failure = on_grammar_failure
        self.grammar_error: Exception | None = None

    @classmethod
    def from_config(cls, config: Config, progress: Callable[[str], None] = lambda message: None,
                    on_grammar_failure: Callable[[Exception], None] | None = None,
                    baseline: Baseline | None = None) -> "App":
        """The run the config describes: grammar and the result cache as configured."""
        cache = ResultCache.for_config(config) if config.cache else None
        return cls(config, grammar_for(config, progress), cache, on_grammar_failure, baseline)

    @cached_property
    def checker(self) -> "Checker":
        """The rule checker: a run served wholly from the cache never parses packs."""
        return build_checker(self.config, self.decision)

    @cached_property
    def known_codes(self) -> set[str]:
        """Every code this run can report (built-in and the user's packs), for checking the codes users write."""
        from .rules.catalog import known_codes

        return known_codes(self.config.packs + self.config.extra_packs)

    def new_result(self, path: str, file_format: str) -> FileResult:
        """An empty result for a path (as reports print it)."""
        return FileResult(shown(path), file_format, self.config.language, only(self.config.source_languages))

    def grammar_failed(self, error: Exception) -> None:
        """Stop sending grammar requests; re-raise unless grammar is optional (a failure handler is set)."""
        self.grammar_error = error
        if self.on_grammar_failure is None:
            raise error
        self.grammar = None
        self.on_grammar_failure(error)

    def close(self) -> None:
        """Stop the embedded LanguageTool server, if this run started one."""
        if self._service is not None:
            self._service.close()
