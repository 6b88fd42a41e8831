"""`tqcheck check`: configuration, discovery, grammar set-up, running and reporting, with exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import App
from .config import Config, find_config, load_config
from .errors import ExitCode, InputError, TqcheckError
from .files import discover, write_output
from .report.emitters import emitter
from .report.model import GrammarStatus, Report
from .pipeline import Source
from .runner import Runner


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


def run_check(paths, overrides: dict, *, config_path=None, isolated=False, extra_glossaries=(),
              output_format="text", output=None, stdin_filename=None, color=None, reference=None) -> int:
    """Run a check and write the report; returns the exit code."""
    config = _config(paths, overrides, config_path, isolated, extra_glossaries)
    failures: list[str] = []
    app = App.from_config(config, progress=_progress, on_grammar_failure=(
        lambda error: failures.append(str(error))) if config.grammar == "optional" else None)
    if not app.cache:
        app.checker  # noqa: B018 - without a cache every file needs it: fail fast on a broken pack
    files, skipped = discover([p for p in paths if p != "-"], config.include, config.exclude,
                              config.respect_gitignore)
    sources = ([Source(stdin_filename or "<stdin>", sys.stdin.buffer.read())] if "-" in paths else []) + [
        Source(path) for path in files]
    grammar = app.grammar
    try:
        results = list(Runner(app).run(sources))
    except TqcheckError as error:
        if grammar is not None and app.grammar_error is error:
            click.echo(f"tqcheck: error: grammar checking failed: {error.message}\n"
                       "  (use --grammar optional to check the rest anyway, or --no-grammar)", err=True)
            return ExitCode.GRAMMAR_UNAVAILABLE
        raise
    finally:
        app.close()
    for skip in skipped:
        result = app.new_result(skip.path, "folder")
        result.errors.append(InputError(skip.reason, skip.path))
        results.append(result)

    corpus_metrics = None
    if reference is not None:
        from .reference import attach_metrics

        corpus_metrics = attach_metrics(results, [p for p in paths if p != "-"], reference)
    scored = [r for r in results if r.score is not None]
    corpus = app.model.score([f for r in scored for f in r.findings], sum(r.words for r in scored)) if scored else None
    corpus_failures = app.decision.judge_corpus(corpus)
    report = Report(results, _grammar_status(config, grammar, results, failures), app.signature, corpus,
                    corpus_failures, corpus_metrics)
    use_color = (sys.stdout.isatty() and output is None) if color is None else color
    write_output(emitter(output_format, color=use_color).report(report), output)
    return app.decision.exit_code(results, corpus_failures)


def _grammar_status(config: Config, grammar, results, failures: list[str]) -> GrammarStatus:
    if config.grammar == "off":
        return GrammarStatus(False, "grammar is off (--no-grammar or grammar = \"off\")")
    if failures:
        return GrammarStatus(False, f"LanguageTool unavailable ({failures[0].splitlines()[0]}); the other checks ran")
    if all(r.grammar_checked for r in results if not r.errors):
        return GrammarStatus(True, grammar.describe() if grammar.url else "LanguageTool (results from the cache)")
    return GrammarStatus(False, "grammar was not checked for every file")
