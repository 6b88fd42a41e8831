"""`tqcheck check`: configuration, discovery, grammar set-up, running and reporting, with exit codes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .app import App
from .codes import check_settings
from .config import Config, find_config, load_config
from .errors import ExitCode, InputError, TqcheckError
from .files import check_writable, discover, write_output
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
              output_format="text", output=None, stdin_filename=None, color=None,
              allow_empty=False) -> int:
    """Run a check and write the report; returns the exit code."""
    if output is not None:
        check_writable(output)
    config = _config(paths, overrides, config_path, isolated, extra_glossaries)
    failures: list[str] = []
    app = App.from_config(config, progress=_progress, on_grammar_failure=(
        lambda error: failures.append(str(error))) if config.grammar == "optional" else None)
    check_settings(config, [k for k, v in overrides.items() if v is not None], lambda: app.known_codes)
    if not app.cache:
        app.checker  # noqa: B018 - without a cache every file needs it: fail fast on a broken pack
    files, skipped = discover([p for p in paths if p != "-"], config.include, config.exclude,
                              config.respect_gitignore)
    sources = ([Source(stdin_filename or "<stdin>", sys.stdin.buffer.read())] if "-" in paths else []) + [
        Source(path) for path in files]
    if not sources and not skipped and not allow_empty:
        raise TqcheckError(f"no files to check in {', '.join(paths)} (folders contribute files that match "
                           "`include` and are not excluded or ignored by .gitignore); --allow-empty accepts this")
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

    report = Report(results, _grammar_status(config, grammar, results, failures))
    use_color = output is None and (_terminal_wants_color() if color is None else color)
    write_output(emitter(output_format, color=use_color).report(report), output, color=use_color)
    return app.decision.exit_code(results)


def _terminal_wants_color() -> bool:
    """Colour by default on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _grammar_status(config: Config, grammar, results, failures: list[str]) -> GrammarStatus:
    if config.grammar == "off":
        return GrammarStatus(False, "grammar is off (--no-grammar or grammar = \"off\")")
    if failures:
        return GrammarStatus(False, "LanguageTool unavailable; the other checks ran",
                             f"LanguageTool unavailable ({failures[0].splitlines()[0]}); the other checks ran")
    if all(r.grammar_checked for r in results if not r.errors):
        return GrammarStatus(True, "LanguageTool",
                             grammar.describe() if grammar.url else "LanguageTool (results from the cache)")
    return GrammarStatus(False, "grammar was not checked for every file")
