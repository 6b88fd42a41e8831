"""The composition root: one run's configuration wired to its decision, rule checker, grammar service and cache."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from .baseline import Baseline
from .cache import ResultCache
from .config import Config
from .decision import Decision
from .digests import file_text
from .files import shown
from .languages import base, only
from .resources import DEFAULT_GLOSSARY, builtin_glossary, builtin_pack, builtin_pack_names, grammar_data_texts
from .results import FileResult
from .scoring import ScoreModel, digest, signature

if TYPE_CHECKING:
    from .engine import Checker
    from .rules.check import Check
    from .grammar.service import GrammarService

# The rule engine, the readers and their libraries are imported on first use: a run answered wholly from the
# result cache never needs them.


def decision_for(config: Config, baseline: Baseline | None = None) -> Decision:
    """The run's decision: selection, severities, suppression, the baseline, fail-on, threshold and gates."""
    return Decision(tuple(config.select), tuple(config.ignore), dict(config.severity), dict(config.grammar_severity),
                    config.min_severity, {k: tuple(v) for k, v in config.per_path_ignores.items()}, str(config.root),
                    config.fail_on, config.threshold, config.show_hints, config.max_critical,
                    dict(config.max_category), config.min_score, baseline)


def model_for(config: Config) -> ScoreModel:
    """The run's scoring model."""
    return ScoreModel(dict(config.weights), dict(config.category_weights), config.score_model, config.tolerance,
                      config.reference_words, config.length_aware, config.length_scale)


# Settings besides packs, glossaries and grammar that decide which findings a text gets.
_FINDING_SETTINGS = {"language", "source_languages", "select", "ignore", "severity", "min_severity",
                     "per_path_ignores", "grammar_severity", "grammar_disabled_rules", "show_hints"}


def signature_for(config: Config, model: ScoreModel) -> str:
    """The score signature: tqcheck version, model, weights, packs, glossaries, finding settings and grammar."""
    packs = [builtin_pack(p).read_text(encoding="utf-8") if p in builtin_pack_names() else file_text(p)
             for p in config.packs + config.extra_packs]
    glossaries = ([builtin_glossary(DEFAULT_GLOSSARY).read_text(encoding="utf-8")] if config.default_glossary
                  else []) + [file_text(g) for g in config.glossaries]
    grammar = ("none" if config.grammar == "off"
               else f"{config.grammar_profile},languagetool-{config.languagetool_version},"
                    f"rules:{digest(grammar_data_texts())}")
    settings = digest([config.as_json(include=_FINDING_SETTINGS)])
    return signature(model, digest(packs), digest(glossaries), grammar) + f"|settings:{settings}"


def build_checker(config: Config, decision: Decision) -> "Checker":
    """The run's checks (kept on disk between runs, see engine_store) under its decision."""
    from .engine import Checker
    from .engine_store import stored_checks

    return Checker(stored_checks(config, lambda: build_checks(config)), decision)


def build_checks(config: Config) -> "list[Check]":
    """Checks of the packs and glossaries from the config (broken ones raise ConfigError)."""
    from .rules.context import context_for
    from .rules.examples import require_examples_pass
    from .rules.glossary import load_glossary, merge_entries
    from .rules.packs import build_checks as pack_checks, load_packs
    from .rules.terms import TermCheck
    from .trusted import examples_checked

    packs = load_packs(config.packs + config.extra_packs)
    user_glossaries = [load_glossary(path) for path in config.glossaries]
    # The built-in data is tested in CI; a user's pack or glossary is only trusted once its examples pass.
    user_packs = [p for p in packs if not p.file.startswith("<builtin>")]
    examples_checked([(p.file, p.text) for p in user_packs] + [(g.file, g.text) for g in user_glossaries],
                     lambda: require_examples_pass(user_packs, user_glossaries))
    glossaries = ([load_glossary(DEFAULT_GLOSSARY)] if config.default_glossary else []) + user_glossaries
    entries = merge_entries(glossaries)
    language = base(config.language)
    context = context_for(entries, set(config.source_languages), language)
    checks = pack_checks(packs, context)
    if entries:
        checks.append(TermCheck(entries, language, context.phrases))
    return checks


def grammar_for(config: Config, progress: Callable[[str], None] = lambda message: None) -> "GrammarService | None":
    """The LanguageTool service the config asks for, or None with grammar off."""
    if config.grammar == "off":
        return None
    from .grammar.profiles import profile
    from .grammar.service import GrammarService

    return GrammarService(config.language, config.languagetool_url, config.languagetool_version,
                          config.languagetool_heap, config.languagetool_options,
                          config.source_languages if config.languagetool_false_friends else [],
                          config.grammar_disabled_rules, config.languagetool_timeout, profile(config.grammar_profile),
                          progress=progress)


class App:
    """Everything one run shares: config, decision, grammar, cache, and the rule checker (built on first use)."""

    def __init__(self, config: Config, grammar: "GrammarService | None" = None, cache: ResultCache | None = None,
                 on_grammar_failure: Callable[[Exception], None] | None = None, baseline: Baseline | None = None):
        self.config = config
        self.decision = decision_for(config, baseline)
        self.model = model_for(config)
        self.grammar = grammar
        self._service = grammar  # closed at the end even after a failure stopped its use
        self.cache = cache
        # Whether findings need their fingerprints: the cache stores them, a baseline compares them (and the baseline
        # command, which writes them, sets this).
        self.fingerprinted = cache is not None or baseline is not None
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
    def signature(self) -> str:
        """The signature every score of this run carries."""
        return signature_for(self.config, self.model)

    @cached_property
    def checker(self) -> "Checker":
        """The rule checker: a run served wholly from the cache never parses packs."""
        return build_checker(self.config, self.decision)

    @property
    def rules_built(self) -> bool:
        """Whether the rule checker is built: from then on a broken pack can no longer fail the run."""
        return "checker" in self.__dict__

    @cached_property
    def known_codes(self) -> set[str]:
        """Every code this run can report (built-in and the user's packs), for checking the codes users write."""
        return set(self.known_rules)

    @cached_property
    def known_rules(self) -> dict[str, tuple[str, str]]:
        """Each code of `known_codes` with its MQM category and pack, for checking the categories and selections
        users write."""
        from .rule_codes import known_rules

        return known_rules(self.config.packs + self.config.extra_packs)

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
