"""`tqcheck check`: configuration, discovery, grammar set-up, running and reporting, with exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cache import ResultCache
from .config import Config, find_config, load_config
from .errors import ExitCode, InputError, TqcheckError
from .files import discover
from .grammar.paths import cache_dir
from .report.formats import FORMATTERS
from .report.model import GrammarStatus, Report
from .runner import Runner, Source, rules_fingerprint


def _config(paths, overrides: dict, config_path: str | None, isolated: bool, extra_glossaries) -> Config:
    if config_path:
        config_file = Path(config_path)
        if not config_file.is_file():
            raise TqcheckError("config file not found", config_path)
    elif isolated:
        config_file = None
    else:
        config_file = find_config(Path(next((p for p in paths if p != "-"), ".")))
    config = load_config(config_file, overrides)
    config.glossaries += [str(Path(g).resolve()) for g in extra_glossaries]
    return config


def _progress(message: str) -> None:
    click.echo(f"tqcheck: {message}", err=True)


def _grammar_service(config: Config):
    from .grammar.service import GrammarService

    return GrammarService(
        config.language, config.languagetool_url, config.languagetool_version, config.languagetool_heap,
        config.languagetool_options, config.source_languages, config.grammar_severity,
        config.grammar_disabled_rules, progress=_progress,
    )


def _grammar_key(config: Config) -> str:
    if config.grammar == "off":
        return "grammar:off"
    return "grammar:" + "|".join([config.languagetool_version, config.languagetool_url or "local",
                                  ",".join(config.source_languages), ",".join(config.grammar_disabled_rules)])


def run_check(paths, overrides: dict, *, config_path=None, isolated=False, extra_glossaries=(),
              output_format="text", output=None, stdin_filename=None, color=None) -> int:
    """Run a check and write the report; returns the exit code."""
    from .cli import write_output

    config = _config(paths, overrides, config_path, isolated, extra_glossaries)
    failures: list[str] = []
    key = rules_fingerprint(config, _grammar_key(config))
    cache = ResultCache(cache_dir() / "results", key) if config.cache else None
    grammar = _grammar_service(config) if config.grammar != "off" else None
    runner = Runner(config, None, grammar, cache,
                    on_grammar_failure=(lambda error: failures.append(str(error))) if config.grammar == "optional"
                    else None, checker_store=cache_dir() / "checkers" / f"{key}.pickle")
    if not cache:
        runner.checker  # noqa: B018 - without a cache every file needs it: fail fast on a broken pack
    files, skipped = discover([p for p in paths if p != "-"], config.include, config.exclude,
                              config.respect_gitignore)
    sources = ([Source(stdin_filename or "<stdin>", sys.stdin.buffer.read())] if "-" in paths else []) + [
        Source(path) for path in files]
    try:
        results = list(runner.run(sources))
    except TqcheckError as error:
        if grammar is not None and runner.grammar_error is error:
            click.echo(f"tqcheck: error: grammar checking failed: {error.message}\n"
                       "  (use --grammar optional to check the rest anyway, or --no-grammar)", err=True)
            return ExitCode.GRAMMAR_UNAVAILABLE
        raise
    finally:
        if grammar is not None:
            grammar.close()
    for skip in skipped:
        result = runner.new_result(skip.path, "folder")
        result.errors.append(InputError(skip.reason, skip.path))
        results.append(result)

    report = Report(results, config.fail_on, _grammar_status(config, grammar, results, failures))
    use_color = (sys.stdout.isatty() and output is None) if color is None else color
    write_output(FORMATTERS[output_format](report, use_color and output_format == "text"), output)
    if report.has_errors:
        return ExitCode.USAGE
    if any(report.file_failed(r) for r in results):
        return ExitCode.FAILED
    return ExitCode.OK


def _grammar_status(config: Config, grammar, results, failures: list[str]) -> GrammarStatus:
    if config.grammar == "off":
        return GrammarStatus(False, "grammar is off (--no-grammar or grammar = \"off\")")
    if failures:
        return GrammarStatus(False, f"LanguageTool unavailable ({failures[0].splitlines()[0]}); the other checks ran")
    if all(r.grammar_checked for r in results if not r.errors):
        return GrammarStatus(True, grammar.describe() if grammar.url else "LanguageTool (results from the cache)")
    return GrammarStatus(False, "grammar was not checked for every file")
