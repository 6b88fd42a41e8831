"""`tqcheck check`: configuration, discovery, grammar set-up, running and reporting, with exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .app import App
from .baseline import Baseline
from .codes import check_categories, check_grammar_names, check_selection, check_settings, names_grammar_rules
from .config import Config, find_config, load_config
from .errors import ExitCode, InputError, TqcheckError
from .files import atomic_file, check_writable, discover, write_output
from .report.emitters import Streaming, emitter, pieces, streams
from .report.model import GrammarStatus, Report, Tally
from .report.outputs import plan
from .pipeline import Source
from .progress import Progress, wanted as progress_wanted
from .results import FileResult
from .runner import Runner
from .workers import available_cores


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


class GrammarFailed(TqcheckError):
    """LanguageTool was required and failed mid-run."""

    exit_code = ExitCode.GRAMMAR_UNAVAILABLE


@dataclass
class Workflow:
    """How a check runs beside the rules: fixing, the baseline, changed files, chattiness."""

    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    baseline: str | None = None
    changed_since: str | None = None
    quiet: bool = False
    verbose: bool = False
    changes: list = field(default_factory=list)  # fix_run.Change of each file --fix or --diff changed

    def say(self, message: str) -> None:
        """A progress or status line on stderr, unless --quiet."""
        if not self.quiet:
            click.echo(f"tqcheck: {message}", err=True)


def run_check(paths, overrides: dict, *, config_path=None, isolated=False, extra_glossaries=(),
              output_format="text", outputs=(), stdin_filename=None, color=None,
              workflow: Workflow | None = None, allow_empty=False, reference=None, source=None) -> int:
    """Run a check and write the reports (or fix, or show the diff); returns the exit code."""
    targets = plan(output_format, outputs)
    for target in targets:
        if target.path is not None:
            check_writable(target.path)
    flow = workflow or Workflow()
    if flow.fix and "-" in paths and not flow.diff:
        raise TqcheckError("--fix cannot write to standard input; use --diff to see the fixes")
    run = open_run(paths, overrides, flow, config_path=config_path, isolated=isolated,
                   extra_glossaries=extra_glossaries, stdin_filename=stdin_filename, allow_empty=allow_empty)
    colors = [target.path is None and (_terminal_wants_color() if color is None else color) for target in targets]
    emitters = [emitter(target.format, color=use_color) for target, use_color in zip(targets, colors)]
    if (not (flow.fix or flow.diff) and reference is None and source is None and run.config.grammar == "off"
            and all(map(streams, emitters))):
        return _stream(run, flow, [(t.path, c, e) for t, c, e in zip(targets, colors, emitters)])
    results = run_files(run, flow)
    grammar_status = _grammar_status(run.config, run.grammar, results, run.failures)
    app = run.app
    if flow.diff:
        return _show_diff(results, flow)
    corpus_metrics = None
    if reference is not None:
        from .reference import attach_metrics

        corpus_metrics = attach_metrics(results, [p for p in paths if p != "-"], reference)
    signature = app.signature
    if source is not None:
        from .source_pairing import attach_sources, source_signature

        attach_sources(app, results, [p for p in paths if p != "-"], source)
        signature += f"|{source_signature(app.config)}"
    tally = Tally.of(results, app.model)
    corpus = tally.corpus_score()
    corpus_failures = app.decision.judge_corpus(corpus)
    report = Report(results, grammar_status, signature=signature, corpus_score=corpus,
                    corpus_failures=corpus_failures, corpus_metrics=corpus_metrics, model=app.model,
                    inputs=_stdin(run.sources), tally=tally)
    for target, use_color, each in zip(targets, colors, emitters):
        write_output(pieces(each, report), target.path, color=use_color)
    _say_baselined(results, flow)
    return app.decision.exit_code(results, corpus_failures)


@dataclass
class Rendered:
    """A file's result as a streamed report takes it: its part of each report and its tally, made in the process
    that checked the file (so its findings never travel between processes), and the result without its findings."""

    result: FileResult
    parts: list[str]
    tally: Tally
    found: int  # findings


def _stream(run: CheckRun, flow: Workflow, targets: list[tuple[str | None, bool, Streaming]]) -> int:
    """Check and write each file's part of every report as its result arrives, keeping of the findings only the
    summary's tally (memory stays flat in corpus size); the same bytes as the reports written at the end."""
    app = run.app
    report = Report([], _grammar_status(run.config, None, [], []), signature=app.signature, model=app.model,
                    inputs=_stdin(run.sources))
    tally = Tally(app.model)
    with ExitStack() as stack:
        # Standard output is printed at the end under a progress bar, which shares the terminal with it.
        live = not progress_wanted(sys.stderr, flow.quiet)
        outs = [stack.enter_context(_output(path, use_color, app, live)) for path, use_color, _ in targets]

        def rendered(result: FileResult, index: int) -> Rendered:
            parts = [each.part(report, result, index) for _, _, each in targets]
            found, piece = len(result.findings), tally.piece(result)
            result.findings = []  # rendered and counted: what is kept decides only the exit code
            return Rendered(result, parts, piece, found)

        def written(item: Rendered) -> FileResult:
            for out, part in zip(outs, item.parts):
                out(part)
            tally.merge(item.tally)
            return item.result

        for out, (_, _, each) in zip(outs, targets):
            out(each.opening(report))
        results = run_files(run, flow, written, rendered)
        report.tally, report.corpus_score = tally, tally.corpus_score()
        report.corpus_failures = app.decision.judge_corpus(report.corpus_score)
        for out, (_, _, each) in zip(outs, targets):
            out(each.closing(report))
    _say_baselined(results, flow)
    return app.decision.exit_code(results, report.corpus_failures)


# Characters of report gathered before they are printed.
_PRINTED_AT = 1 << 16


@contextmanager
def _output(path: str | None, color: bool, app: App, live: bool) -> Iterator[Callable[[str], None]]:
    """A writer of report pieces to the file `path` (renamed into place at the end, removed when the run fails), or
    to standard output: there, unless `live` is off (all at the end), pieces wait until the rule checks are built,
    so a broken pack fails the run before any of its report is printed (a run served wholly from the result cache
    prints at the end)."""
    if path is not None:
        with atomic_file(Path(path)) as handle:
            yield handle.write
        return
    held: list[str] = []
    size = 0

    def echo(piece: str) -> None:
        nonlocal size
        held.append(piece)
        size += len(piece)
        if live and size >= _PRINTED_AT and app.rules_built:
            flush()

    def flush() -> None:
        nonlocal size
        # One echo per ~64 KiB: click asks the terminal about colour at every call (~600 calls a 600-file run).
        click.echo("".join(held), nl=False, color=color or None)
        held.clear()
        size = 0

    yield echo
    flush()


def _stdin(sources: list[Source]) -> dict[str, bytes | None]:
    """The bytes of the inputs that are not files (stdin), by the path reports show."""
    return {item.path: item.data for item in sources if item.data is not None}


def _say_baselined(results: list[FileResult], flow: Workflow) -> None:
    baselined = sum(r.baselined for r in results)
    if baselined:
        flow.say(f"{baselined} finding(s) in the baseline {flow.baseline} not shown")


@dataclass
class CheckRun:
    """A check ready to run: its configuration, app, inputs, the folders skipped and optional grammar's failures."""

    config: Config
    app: App
    sources: list[Source]
    skipped: list
    failures: list[str]
    grammar: object  # the grammar service the run started with (the app drops a failed optional one)


def check_files(paths, overrides: dict, flow: Workflow, *, config_path=None, isolated=False, extra_glossaries=(),
                stdin_filename=None, baseline_run=False, allow_empty=False) -> tuple[list[FileResult], GrammarStatus, App, list[Source]]:
    """Check (and with --fix or --diff, fix) the files; their results, the grammar status, the run's app and its
    sources."""
    run = open_run(paths, overrides, flow, config_path=config_path, isolated=isolated,
                   extra_glossaries=extra_glossaries, stdin_filename=stdin_filename, baseline_run=baseline_run,
                   allow_empty=allow_empty)
    results = run_files(run, flow)
    return results, _grammar_status(run.config, run.grammar, results, run.failures), run.app, run.sources


def open_run(paths, overrides: dict, flow: Workflow, *, config_path=None, isolated=False, extra_glossaries=(),
             stdin_filename=None, baseline_run=False, allow_empty=False) -> CheckRun:
    """The configuration, app and files of a check, a broken pack or config failing it before any file is checked
    (with neither cache nor grammar)."""
    config = _config(paths, overrides, config_path, isolated, extra_glossaries)
    failures: list[str] = []
    baseline = Baseline.load(flow.baseline) if flow.baseline and not baseline_run else None
    app = App.from_config(config, progress=flow.say, baseline=baseline, on_grammar_failure=(
        lambda error: failures.append(str(error))) if config.grammar == "optional" else None)
    app.fingerprinted |= baseline_run
    given = [k for k, v in overrides.items() if v is not None]
    check_settings(config, given, lambda: app.known_codes)
    check_categories(config, given, lambda: [category for category, _ in app.known_rules.values()])
    check_selection(config, given, lambda: app.known_rules)
    grammar = app.grammar
    if names_grammar_rules(config) and grammar is not None:
        _check_grammar_names(app)
    if not app.cache and app.grammar is None:
        # Without a cache every file needs it: fail fast on a broken pack. With grammar on, the first files go to
        # LanguageTool before it is built, so the server works while it is (a broken pack still fails the run).
        app.checker  # noqa: B018
    named = [p for p in paths if p != "-"]
    files, skipped = discover(named, config.include, config.exclude, config.respect_gitignore)
    if flow.changed_since:
        from .changed import changed_files  # git is asked only with --changed-since

        changed = changed_files(flow.changed_since, named[0] if named else ".")
        files = [f for f in files if Path(f).resolve() in changed]
        flow.say(f"{len(files)} file(s) changed since {flow.changed_since}")
    sources = ([Source(stdin_filename or "<stdin>", sys.stdin.buffer.read())] if "-" in paths else []) + [
        Source(path) for path in files]
    if not sources and not skipped and not allow_empty:
        raise TqcheckError(f"no files to check in {', '.join(paths)} (folders contribute files that match "
                           "`include` and are not excluded or ignored by .gitignore); --allow-empty accepts this")
    return CheckRun(config, app, sources, skipped, failures, grammar)


def _check_grammar_names(app: App) -> None:
    """Exit 2 on a LanguageTool rule id or category of the config that the run's server does not have; with
    optional grammar, a server that cannot be had drops grammar (the ids are then unused)."""
    from .grammar.server import GrammarUnavailable

    try:
        names = app.grammar.rule_names()
        check_grammar_names(app.config, lambda: names)
    except GrammarUnavailable as error:
        if app.on_grammar_failure is None:
            app.close()
            raise _failed(error) from error
        app.grammar_failed(error)
    except TqcheckError:
        app.close()
        raise


def _failed(error: TqcheckError) -> GrammarFailed:
    """Required grammar that failed, with what to do about it."""
    return GrammarFailed(f"grammar checking failed: {error.message}\n"
                         "  (use --grammar optional to check the rest anyway, or --no-grammar)")


def run_files(run: CheckRun, flow: Workflow, each: Callable[[Any], FileResult] = lambda result: result,
              render: Callable[[FileResult, int], Rendered] | None = None) -> list[FileResult]:
    """Every file's result (fixed with --fix or --diff), in order, each passed through `each` as it arrives (with
    `render`, the Rendered that `render` made of it with its position, in the process that checked it); the folders
    skipped last."""
    app = run.app
    try:
        results = _run(app, run.sources, flow, each, render)
        if flow.fix or flow.diff:
            from .fix_run import fix  # its regex module is not needed by a run that fixes nothing

            results, changes = fix(app, results, run.sources, flow.unsafe_fixes)
            flow.changes = changes
    except TqcheckError as error:
        if run.grammar is not None and app.grammar_error is error:
            raise _failed(error) from error
        raise
    finally:
        app.close()
    for skip in run.skipped:
        result = app.new_result(skip.path, "folder")
        result.errors.append(InputError(skip.reason, result.path))
        results.append(each(result if render is None else render(result, len(results))))
    if flow.fix and not flow.diff:
        _write_fixes(flow)
    return results


def _run(app: App, sources: list[Source], flow: Workflow, each: Callable[[Any], FileResult],
         render: Callable[[FileResult, int], Rendered] | None) -> list[FileResult]:
    """Every file's result in order (rendered, with `render`), passed through `each`, with a progress bar on a
    terminal and a line per file with --verbose."""
    bar = Progress(len(sources), sys.stderr, enabled=progress_wanted(sys.stderr, flow.quiet))
    results = []
    try:
        for item in Runner(app, jobs=app.config.jobs or available_cores()).run(sources, render):
            result, found = (item, len(item.findings)) if render is None else (item.result, item.found)
            bar.done(result)
            if flow.verbose:
                how = "cached" if result.cached else ("could not be checked" if result.errors else "checked")
                bar.bar.write(f"tqcheck: {result.path}: {how}, {found} finding(s), "
                              f"{result.words} words", file=sys.stderr)
            results.append(each(item))
    finally:
        bar.close()
    return results


def _write_fixes(flow: Workflow) -> None:
    from .fix_run import write

    write(flow.changes)
    if flow.changes:
        flow.say(f"fixed {sum(c.fixes for c in flow.changes)} finding(s) in {len(flow.changes)} file(s); "
                 "the report shows what is left")


def _show_diff(results: list[FileResult], flow: Workflow) -> int:
    from .fix_run import unified_diff

    click.echo(unified_diff(flow.changes), nl=False)
    if any(r.errors for r in results):
        return ExitCode.USAGE
    if flow.changes:
        flow.say(f"{sum(c.fixes for c in flow.changes)} fix(es) would change {len(flow.changes)} file(s)")
        return ExitCode.FAILED
    return ExitCode.OK


def _terminal_wants_color() -> bool:
    """Colour by default on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return sys.stdout is not None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


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


def run_baseline(paths, overrides: dict, output: str, flow: Workflow, *, config_path=None, isolated=False,
                 extra_glossaries=(), source=None) -> int:
    """Record the findings of a check (with `source`, its source findings too) in a baseline file; exit 2 when a
    file could not be checked."""
    from .files import atomic_write

    results, _status, app, _sources = check_files(paths, overrides, flow, config_path=config_path,
                                                  isolated=isolated, extra_glossaries=extra_glossaries,
                                                  baseline_run=True)
    if source is not None:
        from .source_pairing import attach_sources

        attach_sources(app, results, list(paths), source)
    for result in results:
        for error in result.errors:
            click.echo(f"tqcheck: error: {error}", err=True)
    atomic_write(Path(output), Baseline.of(output, results).to_json())
    flow.say(f"wrote {output}: {sum(len(r.findings) for r in results)} finding(s) in "
             f"{sum(1 for r in results if r.findings)} file(s)")
    return app.decision.exit_code(results) if any(r.errors for r in results) else ExitCode.OK
