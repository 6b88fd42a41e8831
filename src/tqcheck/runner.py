"""Check files with a configured Checker, LanguageTool alongside, and collect per-file results."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import __version__
from .cache import ResultCache, fingerprint
from .config import Config
from .documents.loader import Document, format_for, load
from .engine import Checker
from .errors import InputError
from .findings import Finding, Hit
from .policy import Policy
from .rules.glossary import DEFAULT_GLOSSARY, load_glossary, merge_entries
from .rules.packs import build_checks, builtin_pack_names, load_packs
from .rules.terms import TermCheck
from .scoring import Score, score


@dataclass
class FileResult:
    """What one file produced: findings and score, or the errors that kept it from being checked."""

    path: str
    format: str
    language: str
    source_language: str | None
    words: int = 0
    score: Score | None = None
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    grammar_checked: bool = False
    cached: bool = False


@dataclass
class Source:
    """A file to check: its path, and its bytes when they are already in memory (stdin)."""

    path: str
    data: bytes | None = None


def build_checker(config: Config) -> Checker:
    """Packs, glossaries and policy from the config (broken ones raise ConfigError)."""
    packs = load_packs(config.packs + config.extra_packs)
    checks = build_checks(packs, set(config.source_languages))
    glossaries = ([load_glossary(DEFAULT_GLOSSARY)] if config.default_glossary else []) + [
        load_glossary(path) for path in config.glossaries
    ]
    entries = merge_entries(glossaries)
    if entries:
        checks.append(TermCheck(entries, config.language.split("-")[0]))
    policy = Policy(tuple(config.select), tuple(config.ignore), dict(config.severity), config.min_severity,
                    {k: tuple(v) for k, v in config.per_path_ignores.items()}, str(config.root))
    return Checker(checks, policy)


def known_terms(checker: Checker) -> set[str]:
    """Folded words of every glossary term, which LanguageTool must not call misspelt."""
    return set().union(*(check.known for check in checker.checks if isinstance(check, TermCheck)))


def rules_fingerprint(config: Config, grammar_key: str) -> str:
    """Everything besides a file's bytes that decides its findings."""
    data = resources.files("tqcheck") / "data"
    builtin = [(data / "packs" / f"{name}.yaml").read_text(encoding="utf-8") for name in builtin_pack_names()]
    builtin.append((data / "glossaries" / f"{DEFAULT_GLOSSARY}.yaml").read_text(encoding="utf-8"))
    user_files = []
    for path in [*config.extra_packs, *config.glossaries, *(p for p in config.packs if os.path.sep in p)]:
        try:
            user_files.append(Path(path).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            user_files.append(f"missing:{path}")
    settings = config.model_dump_json(exclude={"root", "source", "threshold", "fail_on", "cache"})
    return fingerprint(__version__, settings, grammar_key, *builtin, *user_files)


class Runner:
    """Reads, checks and scores files one at a time, with grammar checks running alongside on other threads."""

    def __init__(self, config: Config, checker: Checker | None = None, grammar=None,
                 cache: ResultCache | None = None, workers: int | None = None,
                 on_grammar_failure: Callable[[Exception], None] | None = None):
        self.config = config
        self.checker = checker or build_checker(config)
        self.grammar = grammar
        self.cache = cache
        self.workers = workers or max(2, (os.cpu_count() or 2))
        self.on_grammar_failure = on_grammar_failure
        self.grammar_error: Exception | None = None
        self.expects_grammar = grammar is not None

    def new_result(self, path: str, file_format: str) -> FileResult:
        """An empty result for a path."""
        sources = self.config.source_languages
        return FileResult(path, file_format, self.config.language, sources[0] if len(sources) == 1 else None)

    def read(self, path: str, result: FileResult) -> bytes | None:
        """File bytes, or None with the reason added to the result."""
        try:
            if os.path.isdir(path):
                raise InputError("is a folder, not a file", path)
            size = os.path.getsize(path)
            if size > self.config.max_file_size:
                raise InputError(f"file too large ({size:,} bytes > max-file-size {self.config.max_file_size:,}); "
                                 "not checked", path)
            with open(path, "rb") as handle:
                return handle.read()
        except InputError as error:
            result.errors.append(error)
        except OSError as error:
            result.errors.append(InputError(f"cannot read: {error.strerror or error}", path))
        return None

    def check_path(self, path: str) -> FileResult:
        """Check one file from disk (no grammar pipelining); used by benchmarks and simple callers."""
        return next(self.run([Source(path)]))

    def check_bytes(self, data: bytes, path: str) -> FileResult:
        """Check contents already in memory."""
        return next(self.run([Source(path, data)]))

    def run(self, sources: Iterable[Source]) -> Iterator[FileResult]:
        """Results in input order; grammar requests overlap with reading and rule checks of later files."""
        window = self.workers * 2
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="tqcheck-grammar") as pool:
            pending: deque = deque()
            for source in sources:
                pending.append(self.prepare(source, pool))
                while len(pending) > window:
                    yield self.finish(*pending.popleft())
            while pending:
                yield self.finish(*pending.popleft())

    def prepare(self, source: Source, pool: ThreadPoolExecutor):
        """Read, parse and run the rules now; send the prose to LanguageTool in the background."""
        result = self.new_result(source.path, format_for(source.path))
        data = source.data if source.data is not None else self.read(source.path, result)
        if data is None:
            return result, None, [], None, None
        key = self.cache.key(data, source.path, result.format) if self.cache else None
        cached = self.cache.get(key) if key else None
        if cached is not None:
            result.findings, result.words = cached
            result.cached, result.grammar_checked = True, self.grammar is not None
            return result, None, [], None, None
        try:
            document = load(data, source.path, result.format)
        except InputError as error:
            result.errors.append(error)
            return result, None, [], None, None
        future = None
        if self.grammar is not None:
            try:
                self.grammar.start()
                future = pool.submit(self.grammar.hits, document.prose)
            except Exception as error:
                self.grammar_failed(error)
        return result, document, self.checker.hits(document), future, key

    def grammar_failed(self, error: Exception) -> None:
        """Stop sending grammar requests; re-raise unless grammar is optional (a failure handler is set)."""
        self.grammar_error = error
        if self.on_grammar_failure is None:
            raise error
        self.grammar = None
        self.on_grammar_failure(error)

    def finish(self, result: FileResult, document: Document | None, hits: list[Hit], future: Future | None,
               key: str | None) -> FileResult:
        """Merge grammar hits, filter, score, cache."""
        if document is not None:
            grammar_hits: list[Hit] = []
            if future is not None:
                try:
                    grammar_hits = future.result()
                    result.grammar_checked = True
                except Exception as error:
                    self.grammar_failed(error)
            result.findings = self.checker.findings(document, [*hits, *grammar_hits])
            result.words = document.prose.word_count()
            if key and self.cache and result.grammar_checked == self.expects_grammar:
                self.cache.put(key, result.findings, result.words)
        if not result.errors:
            result.score = score(result.findings, result.words, self.config.threshold)
        return result
