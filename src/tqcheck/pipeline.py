"""One file's check in two steps: `begin` reads, parses, runs the rules and sends the prose to LanguageTool;
`finish` merges the grammar hits, then scores, judges and caches the result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .app import App
from .codes import check_directives
from .documents.formats import format_for
from .errors import ExitCode, GrammarRequestFailed, InputError, RuleTimeout
from .files import read_file
from .findings import Hit
from .languages import guess_source
from .results import FileResult, Gap

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .documents.loader import Document

Submit = Callable[..., "Future"]


@dataclass
class Source:
    """A file to check: its path, and its bytes when they are already in memory (stdin)."""

    path: str
    data: bytes | None = None


@dataclass
class Pending:
    """A file between `begin` and `finish`: its document, rule hits and the grammar request in flight."""

    result: FileResult
    document: "Document | None" = None
    hits: list[Hit] = field(default_factory=list)
    grammar: Future | None = None
    key: str | None = None
    ruled: bool = False  # whether the rules have run


def begin(app: App, source: Source, submit: Submit | None = None, rules: bool = True) -> Pending:
    """Read, parse and (unless `rules` is false: `run_rules` later) run the rules now; send the prose to
    LanguageTool through `submit` (a thread pool's)."""
    pending, data = open_source(app, source)
    if data is not None:
        analyse(app, pending, data, submit, rules)
    return pending


def open_source(app: App, source: Source) -> tuple[Pending, bytes | None]:
    """Read a file and look it up in the cache; the bytes still to check, or None when it is done (cached, or
    unreadable)."""
    pending = Pending(app.new_result(source.path, format_for(source.path)))
    result = pending.result
    try:
        data = source.data if source.data is not None else read_file(source.path, app.config.max_file_size)
    except InputError as error:
        result.errors.append(error)
        return pending, None
    pending.key = app.cache.key(data, source.path, result.format) if app.cache else None
    cached = app.cache.get(pending.key) if pending.key else None
    if cached is not None:
        result.findings, result.words = cached
        result.cached, result.grammar_checked = True, app.expects_grammar
        return pending, None
    return pending, data


def analyse(app: App, pending: Pending, data: bytes, submit: Submit | None = None, rules: bool = True) -> None:
    """Parse the bytes, send the prose to LanguageTool through `submit` and run the rules (unless `rules` is
    false)."""
    from .documents.loader import load

    result = pending.result
    try:
        pending.document = load(data, result.path, result.format)
        check_directives(pending.document.directives, result.path, lambda: app.known_codes)
    except InputError as error:
        result.errors.append(error)
        return
    if app.grammar is not None and submit is not None:
        # Sent before the rules run (and before the first run builds them): LanguageTool starts at once.
        try:
            app.grammar.start()
            pending.grammar = submit(app.grammar.hits, pending.document.prose)
        except Exception as error:
            app.grammar_failed(error)
    if rules:
        run_rules(app, pending)


def run_rules(app: App, pending: Pending) -> Pending:
    """Run the rules on a parsed file (the first call builds the rule engine)."""
    if pending.document is not None and pending.ruled is False:
        timeouts: list[RuleTimeout] = []
        pending.hits = app.checker.hits(pending.document, timeouts)
        pending.result.gaps += [Gap(t.code, str(t), ExitCode.USAGE) for t in timeouts]
        pending.ruled = True
    return pending


def finish(app: App, pending: Pending) -> FileResult:
    """Merge grammar hits into findings, score and judge the file, and cache what it found."""
    result, document = pending.result, pending.document
    if document is not None:
        grammar_hits: list[Hit] = []
        if pending.grammar is not None:
            try:
                grammar_hits = pending.grammar.result()
                result.grammar_checked = True
            except GrammarRequestFailed as error:  # this file's request only: the other files keep grammar
                cost = ExitCode.OK if app.on_grammar_failure else ExitCode.GRAMMAR_UNAVAILABLE
                result.gaps.append(Gap("grammar", f"{result.path}: grammar not checked: {error.message}", cost))
            except Exception as error:
                app.grammar_failed(error)
        result.findings = app.checker.findings(document, pending.hits, grammar_hits, app.fingerprinted)
        result.words = document.prose.word_count()
        # A result with gaps (a rule out of time under load, a failed request) is not worth keeping.
        if pending.key and app.cache and result.grammar_checked == app.expects_grammar and not result.gaps:
            app.cache.put(pending.key, result.findings, result.words)
    if not result.errors:
        result.findings, result.baselined = app.decision.new_findings(result.path, result.findings)
        result.score = app.model.score(result.findings, result.words)
        result.verdict = app.decision.judge(result.findings, result.score)
        if not app.config.source_languages:
            result.source_language = guess_source(result.findings)
            result.source_language_guessed = result.source_language is not None
    return result
