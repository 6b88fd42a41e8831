"""Check files one at a time with a configured Checker and collect per-file results."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .config import Config
from .documents.loader import format_for, load
from .engine import Checker
from .errors import InputError
from .findings import Finding
from .policy import Policy
from .rules.glossary import DEFAULT_GLOSSARY, load_glossary, merge_entries
from .rules.packs import build_checks, load_packs
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


class Runner:
    """Reads, checks and scores files; never lets one bad file stop the others."""

    def __init__(self, config: Config, checker: Checker | None = None):
        self.config = config
        self.checker = checker or build_checker(config)

    def new_result(self, path: str, file_format: str) -> FileResult:
        sources = self.config.source_languages
        return FileResult(path, file_format, self.config.language, sources[0] if len(sources) == 1 else None)

    def check_path(self, path: str) -> FileResult:
        """Read a file from disk and check it."""
        result = self.new_result(path, format_for(path))
        try:
            if os.path.isdir(path):
                raise InputError("is a folder, not a file", path)
            size = os.path.getsize(path)
            if size > self.config.max_file_size:
                raise InputError(f"file too large ({size:,} bytes > max-file-size {self.config.max_file_size:,}); "
                                 "not checked", path)
            with open(path, "rb") as handle:
                data = handle.read()
        except InputError as error:
            result.errors.append(error)
            return result
        except OSError as error:
            result.errors.append(InputError(f"cannot read: {error.strerror or error}", path))
            return result
        return self.check_bytes(data, path, result)

    def check_bytes(self, data: bytes, path: str, result: FileResult | None = None,
                    file_format: str | None = None) -> FileResult:
        """Decode and check file contents that are already in memory."""
        result = result or self.new_result(path, file_format or format_for(path))
        try:
            document = load(data, path, file_format or result.format)
        except InputError as error:
            result.errors.append(error)
            return result
        result.findings = self.checker.check(document)
        result.words = document.prose.word_count()
        result.score = score(result.findings, result.words, self.config.threshold)
        return result
