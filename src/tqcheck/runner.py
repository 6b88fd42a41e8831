"""Check files with a configured Checker, LanguageTool alongside, and collect per-file results."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .cache import ResultCache, fingerprint
from .config import Config
from .documents.formats import format_for
from .errors import InputError
from .findings import Hit
from .resources import DEFAULT_GLOSSARY, builtin_glossary, builtin_pack, builtin_pack_names
from .results import FileResult
from .scoring import score

if TYPE_CHECKING:
    from .documents.loader import Document
    from .engine import Checker

# The rule engine, the readers and their libraries are imported on first use: a run answered wholly from the
# result cache never needs them.


@dataclass
class Source:
    """A file to check: its path, and its bytes when they are already in memory (stdin)."""

    path: str
    data: bytes | None = None


def build_checker(config: Config) -> "Checker":
    """Packs, glossaries and policy from the config (broken ones raise ConfigError)."""
    from .engine import Checker
    from .policy import Policy
    from .rules.glossary import load_glossary, merge_entries
    from .rules.packs import build_checks, load_packs
    from .rules.terms import TermCheck

    from .rules.context import context_for
    from .rules.examples import require_examples_pass

    packs = load_packs(config.packs + config.extra_packs)
    user_glossaries = [load_glossary(path) for path in config.glossaries]
    # The built-in data is tested in CI; a user's pack or glossary is only trusted once its examples pass.
    require_examples_pass([p for p in packs if not p.file.startswith("<builtin>")], user_glossaries)
    glossaries = ([load_glossary(DEFAULT_GLOSSARY)] if config.default_glossary else []) + user_glossaries
    entries = merge_entries(glossaries)
    language = config.language.split("-")[0]
    checks = build_checks(packs, context_for(entries, set(config.source_languages), language))
    if entries:
        checks.append(TermCheck(entries, language))
    policy = Policy(tuple(config.select), tuple(config.ignore), dict(config.severity), config.min_severity,
                    {k: tuple(v) for k, v in config.per_path_ignores.items()}, str(config.root))
    return Checker(checks, policy)


def _load_pickle(path: Path):
    """A checker this tqcheck pickled earlier (only tqcheck writes that folder), or None."""
    import pickle

    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, stale or from another version: rebuild
        return None


def _store_pickle(path: Path, value) -> None:
    import pickle
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except (OSError, pickle.PicklingError, TypeError):
        pass


def known_terms(checker: "Checker") -> set[str]:
    """Folded words of every glossary term, which LanguageTool must not call misspelt."""
    from .rules.terms import TermCheck

    return set().union(*(check.known for check in checker.checks if isinstance(check, TermCheck)))


def rules_fingerprint(config: Config, grammar_key: str) -> str:
    """Everything besides a file's bytes that decides its findings."""
    builtin = [builtin_pack(name).read_text(encoding="utf-8") for name in builtin_pack_names()]
    builtin.append(builtin_glossary(DEFAULT_GLOSSARY).read_text(encoding="utf-8"))
    user_files = []
    for path in [*config.extra_packs, *config.glossaries, *(p for p in config.packs if os.path.sep in p)]:
        try:
            user_files.append(Path(path).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            user_files.append(f"missing:{path}")
    settings = config.model_dump_json(exclude={"root", "source", "threshold", "fail_on", "cache"})
    return fingerprint(__version__, _code_digest(), str(config.root), settings, grammar_key, *builtin, *user_files)


def _code_digest() -> str:
    """A digest of tqcheck's own source, so an edited checkout (same version number) never reuses old results."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Runner:
    """Reads, checks and scores files one at a time, with grammar checks running alongside on other threads."""

    def __init__(self, config: Config, checker: "Checker | None" = None, grammar=None,
                 cache: ResultCache | None = None, workers: int | None = None,
                 on_grammar_failure: Callable[[Exception], None] | None = None, checker_store: Path | None = None):
        self.config = config
        self._checker = checker
        self.grammar = grammar
        self.cache = cache
        # One more worker than LanguageTool has check threads, so a thread never idles while Python reads a reply.
        self.workers = workers or (os.cpu_count() or 2) + 1
        self.on_grammar_failure = on_grammar_failure
        self.grammar_error: Exception | None = None
        self.expects_grammar = grammar is not None
        self._known_terms: set[str] | None = None
        self.checker_store = checker_store

    @property
    def known_terms(self) -> set[str]:
        """Words of glossary terms, which LanguageTool's spelling matches must not flag."""
        if self._known_terms is None:
            self._known_terms = known_terms(self.checker)
        return self._known_terms

    @property
    def checker(self) -> "Checker":
        """The rule checker, built on first use: a run served wholly from the cache never parses packs.

        Given a `checker_store`, the built checker is kept there (pickled, under a key that covers the
        configuration and every pack and glossary), which saves re-reading and validating them next time.
        """
        if self._checker is None:
            stored = self.checker_store
            self._checker = _load_pickle(stored) if stored else None
            if self._checker is None:
                self._checker = build_checker(self.config)
                if stored:
                    _store_pickle(stored, self._checker)
        return self._checker

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
        if self.grammar is None:
            for source in sources:  # rules only: nothing to overlap, no threads
                yield self.finish(*self.prepare(source, None))
            return
        window = self.workers * 2
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="tqcheck-grammar") as pool:
            pending: deque = deque()
            for source in sources:
                pending.append(self.prepare(source, pool))
                while len(pending) > window:
                    yield self.finish(*pending.popleft())
            while pending:
                yield self.finish(*pending.popleft())

    def prepare(self, source: Source, pool: ThreadPoolExecutor | None):
        """Read, parse and run the rules now; send the prose to LanguageTool in the background."""
        result = self.new_result(source.path, format_for(source.path))
        data = source.data if source.data is not None else self.read(source.path, result)
        if data is None:
            return result, None, [], None, None
        key = self.cache.key(data, source.path, result.format) if self.cache else None
        cached = self.cache.get(key) if key else None
        if cached is not None:
            result.findings, result.words = cached
            # The cache key says whether grammar was part of the result, even after an optional grammar failed.
            result.cached, result.grammar_checked = True, self.expects_grammar
            return result, None, [], None, None
        from .documents.loader import load

        try:
            document = load(data, source.path, result.format)
        except InputError as error:
            result.errors.append(error)
            return result, None, [], None, None
        future = None
        if self.grammar is not None:
            # Sent before the rules run (and before the first run builds them): LanguageTool starts at once.
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

    def is_glossary_word(self, document: "Document", hit: Hit) -> bool:
        """A spelling match on a glossary term's word."""
        return hit.spelling and document.prose.text[hit.start:hit.end].casefold() in self.known_terms

    def finish(self, result: FileResult, document: "Document | None", hits: list[Hit], future: Future | None,
               key: str | None) -> FileResult:
        """Merge grammar hits, filter, score, cache."""
        if document is not None:
            grammar_hits: list[Hit] = []
            if future is not None:
                try:
                    grammar_hits = [hit for hit in future.result() if not self.is_glossary_word(document, hit)]
                    result.grammar_checked = True
                except Exception as error:
                    self.grammar_failed(error)
            result.findings = self.checker.findings(document, [*hits, *grammar_hits])
            result.words = document.prose.word_count()
            if key and self.cache and result.grammar_checked == self.expects_grammar:
                self.cache.put(key, result.findings, result.words)
        if not result.errors:
            result.score = score(result.findings, result.words, self.config.threshold)
            if not self.config.source_languages:
                self.guess_source_language(result)
        return result

    @staticmethod
    def guess_source_language(result: FileResult) -> None:
        """With no source language configured, name the one the leakage findings point to."""
        votes: dict[str, float] = {}
        for finding in result.findings:
            languages = finding.extra.get("languages", ())
            for code in languages:
                votes[code] = votes.get(code, 0.0) + 1.0 / len(languages)
        if votes:
            result.source_language = max(sorted(votes), key=votes.get)
            result.source_language_guessed = True
