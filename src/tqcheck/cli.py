"""The `tqcheck` command line. Heavy modules are imported inside commands so `--version` starts fast."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .defaults import LANGUAGETOOL_HEAP, LANGUAGETOOL_VERSION, SOURCE_TOLERANCE, SOURCE_WEIGHT
from .errors import ExitCode, TqcheckError
from .languages import CONFIGURABLE_SOURCES
from .report.emitters import EMITTERS, RULE_FORMATS

# pydantic looks for third-party plugins (a scan of every installed distribution) when a model is first built:
# ~20 ms of every run, and no plugin has any business with tqcheck's settings.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

def _split(values: tuple[str, ...]) -> list[str] | None:
    items = [v.strip().upper() for value in values for v in value.split(",") if v.strip()]
    return items or None


def _severity_overrides(values: tuple[str, ...]) -> dict[str, str] | None:
    overrides = {}
    for value in values:
        code, sep, level = value.partition("=")
        if not sep:
            raise click.BadParameter(f"expected CODE=SEVERITY, got {value!r}", param_hint="--severity")
        overrides[code.strip().upper()] = level.strip().lower()
    return overrides or None


def _category_limits(values: tuple[str, ...]) -> dict[str, int] | None:
    limits = {}
    for value in values:
        category, sep, limit = value.partition("=")
        if not sep or not limit.strip().isdigit():
            raise click.BadParameter(f"expected CATEGORY=COUNT, got {value!r}", param_hint="--max-category")
        limits[category.strip()] = int(limit)
    return limits or None


class _Group(click.Group):
    """Turns TqcheckError and interrupts into a message and a documented exit code, never a traceback."""

    def main(self, *args, **kwargs):
        kwargs.pop("standalone_mode", None)  # errors are turned into exit codes here, not by click
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except TqcheckError as error:
            click.echo(f"tqcheck: error: {error}", err=True)
            sys.exit(error.exit_code)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(ExitCode.USAGE)
        except click.exceptions.Abort:
            click.echo("tqcheck: interrupted", err=True)
            sys.exit(130)
        except KeyboardInterrupt:
            click.echo("tqcheck: interrupted", err=True)
            sys.exit(130)
        except OSError as error:  # a full disk, a vanished folder: not the user's usage, so not exit 2
            click.echo(f"tqcheck: error: {error}", err=True)
            sys.exit(ExitCode.INTERNAL)
        except Exception as error:  # a bug: say so in one line; TQCHECK_DEBUG=1 shows the traceback
            if os.environ.get("TQCHECK_DEBUG"):
                raise
            click.echo(f"tqcheck: internal error: {type(error).__name__}: {error} "
                       "(a bug in tqcheck; rerun with TQCHECK_DEBUG=1 for details)", err=True)
            sys.exit(ExitCode.INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="tqcheck")
def main() -> None:
    """Check machine-translated articles for MT artifacts, terminology errors and grammar."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found by walking up).")
@click.option("--isolated", is_flag=True, help="Ignore config files; defaults and flags only.")
@click.option("--format", "output_format", type=click.Choice(list(EMITTERS)), default="text", show_default=True,
              help="Report format on standard output (or in the bare --output FILE).")
@click.option("-o", "--output", "outputs", multiple=True, metavar="[FORMAT=]PATH",
              help="Write a report to a file, atomically (repeatable: sarif=tqcheck.sarif, html=report/).")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable (comma-separated).")
@click.option("--severity", "severity", multiple=True, metavar="CODE=LEVEL", help="Override a rule's severity.")
@click.option("--min-severity", type=click.Choice(["minor", "major", "critical"]), help="Hide findings below this (hints: --show-hints).")
@click.option("--fail-on", type=click.Choice(["minor", "major", "critical", "none"]), help="Exit 1 on a finding at or above this (default major).")
@click.option("--threshold", type=float, help="Minimum quality score for a file to pass (default 95).")
@click.option("--language", help="Target language, e.g. en-US.")
@click.option("--source-language", "source_languages", multiple=True, help=f"Source language(s): {', '.join(CONFIGURABLE_SOURCES)}.")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(), help="Extra glossary file (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Turn the built-in tech glossary off.")
@click.option("--pack", "packs", multiple=True, help="Use only these packs (built-in names or YAML paths).")
@click.option("--include", multiple=True, help="Glob of files to check inside folders (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files or folders to skip (repeatable).")
@click.option("--no-gitignore", is_flag=True, help="Do not skip what .gitignore files ignore.")
@click.option("--grammar", type=click.Choice(["on", "off", "optional"]), help="Grammar pass: on (default; exit 3 if unavailable), off, optional.")
@click.option("--no-grammar", is_flag=True, help="Skip the grammar pass (same as --grammar off).")
@click.option("--languagetool-url", help="Use this LanguageTool server instead of the embedded one.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--stdin-filename", help="Name (and so format) of the text read from '-'.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal without NO_COLOR).")
@click.option("--allow-empty", is_flag=True, help="Exit 0 when there are no files to check (default: exit 2).")
@click.option("--reference", "-r", help="Reference file or folder (paired by relative path): BLEU, chrF++, TER per file.")
@click.option("--source", "source", help="Source (original) file or folder, paired by relative path: source-aware checks.")
@click.option("--source-tolerance", type=click.FloatRange(min=1), help="--source: omission evidence starts below the usual length / this (default 1.1).")
@click.option("--source-weight", type=click.FloatRange(min=0), help="--source: evidence points per unit of ln(shortfall) (default 5; 0 turns it off).")
@click.option("--grammar-profile", type=click.Choice(["mt-review", "strict"]), help="LanguageTool rules: mt-review (default) or strict (all).")
@click.option("--show-hints", is_flag=True, default=None, help="Show zero-weight hints (unknown capitalised words).")
@click.option("--min-score", type=float, help="Exit 1 when the corpus quality score is below this.")
@click.option("--max-critical", type=int, help="A file fails with more critical findings than this.")
@click.option("--max-category", multiple=True, metavar="CATEGORY=COUNT", help="A file fails with more findings of CATEGORY (prefix) than COUNT.")
@click.option("--length-aware", is_flag=True, default=None, help="Score short texts against a tolerance growing with ln(length).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply fixes not marked safe that have one suggestion.")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff and write nothing (exit 1 if any).")
@click.option("--baseline", "baseline", type=click.Path(dir_okay=False), help="Report only findings not in this baseline file.")
@click.option("--changed-since", metavar="REF", help="Check only files changed since this git ref, and untracked files.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or status lines on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="A status line per file on stderr.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes for the rule pass (default: every core).")
def check(paths, config_path, isolated, output_format, outputs, select, ignore, severity, min_severity, fail_on,
          threshold, language, source_languages, glossaries, no_default_glossary, packs, include, exclude,
          no_gitignore, grammar, no_grammar, languagetool_url, no_cache, stdin_filename, color, allow_empty, fix,
          unsafe_fixes, diff, baseline, changed_since, quiet, verbose, reference, grammar_profile, show_hints,
          min_score, max_critical, max_category, length_aware, jobs, source, source_tolerance, source_weight) -> None:
    """Check articles (files, folders, or - for stdin)."""
    from .check_command import Workflow, run_check

    if stdin_filename and "-" not in paths:
        raise click.BadParameter("names the text read from '-', and no '-' is among the paths",
                                 param_hint="--stdin-filename")

    overrides = _overrides(select, ignore, severity, min_severity, language, source_languages, include, exclude,
                           no_gitignore, no_default_glossary, packs, no_grammar, grammar, languagetool_url, no_cache,
                           grammar_profile, show_hints, jobs)
    overrides.update(fail_on=fail_on, threshold=threshold, min_score=min_score, max_critical=max_critical,
                     max_category=_category_limits(max_category), length_aware=length_aware,
                     source_tolerance=source_tolerance, source_weight=source_weight)
    flow = Workflow(fix or unsafe_fixes, unsafe_fixes, diff, baseline, changed_since, quiet, verbose)
    code = run_check(paths, overrides, config_path=config_path, isolated=isolated, extra_glossaries=glossaries,
                     output_format=output_format, outputs=outputs, stdin_filename=stdin_filename, color=color,
                     workflow=flow, allow_empty=allow_empty, reference=reference, source=source)
    if code:
        sys.exit(code)


def _overrides(select, ignore, severity, min_severity, language, source_languages, include, exclude, no_gitignore,
               no_default_glossary, packs, no_grammar, grammar, languagetool_url, no_cache, grammar_profile,
               show_hints, jobs) -> dict:
    """Config overrides from the options `check` and `baseline` share."""
    return {
        "select": _split(select), "ignore": _split(ignore), "severity": _severity_overrides(severity),
        "min_severity": min_severity, "language": language,
        "source_languages": list(source_languages) or None, "include": list(include) or None,
        "exclude": list(exclude) or None, "respect_gitignore": False if no_gitignore else None,
        "default_glossary": False if no_default_glossary else None, "packs": list(packs) or None,
        "grammar": "off" if no_grammar else grammar, "languagetool_url": languagetool_url,
        "cache": False if no_cache else None, "grammar_profile": grammar_profile, "show_hints": show_hints,
        "jobs": jobs,
    }


# `baseline` takes check's options that decide which findings there are, and --output for its file.
_NOT_FOR_BASELINE = {"output_format", "output", "outputs", "fail_on", "threshold", "stdin_filename", "color", "fix",
                     "unsafe_fixes", "diff", "baseline", "allow_empty", "reference", "min_score", "max_critical",
                     "max_category", "length_aware", "source_tolerance", "source_weight"}


@main.command("baseline")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="tqcheck-baseline.json", show_default=True,
              help="The baseline file to write (atomically).")
def baseline_command(output: str, paths, config_path, isolated, glossaries, changed_since, quiet, verbose, source,
                     **options) -> None:
    """Record today's findings, so `check --baseline FILE` fails only on new ones."""
    from .check_command import Workflow, run_baseline

    if "-" in paths:
        raise click.BadParameter("a baseline records files, not standard input", param_hint="PATHS")
    flow = Workflow(changed_since=changed_since, quiet=quiet, verbose=verbose)
    code = run_baseline(paths, _overrides(**options), output, flow, config_path=config_path, isolated=isolated,
                        extra_glossaries=glossaries, source=source)
    if code:
        sys.exit(code)


baseline_command.params += [p for p in check.params if p.name not in _NOT_FOR_BASELINE]


@main.command()
@click.argument("hypothesis")
@click.option("--reference", "-r", help="Reference file, or folder paired by relative path: BLEU, chrF++, TER.")
@click.option("--source", help="Source file, or folder paired by relative path: the comparison of check --source.")
@click.option("--source-language", help="With --source: the source language, an ISO 639-1 code such as zh (default: detected).")
@click.option("--source-tolerance", type=click.FloatRange(min=1), default=SOURCE_TOLERANCE, show_default=True, help="With --source: omission evidence starts below the usual length / this.")
@click.option("--source-weight", type=click.FloatRange(min=0), default=SOURCE_WEIGHT, show_default=True, help="With --source: evidence points per unit of ln(shortfall).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def score(hypothesis: str, reference: str | None, source: str | None, source_language: str | None,
          source_tolerance: float, source_weight: float, output_format: str) -> None:
    """BLEU, chrF++ and TER (sacrebleu) against references, and/or the source comparison against sources."""
    from .score_command import run_score
    from .source import DENSITY, Evidence

    if reference is None and source is None:
        raise click.UsageError("give --reference, --source or both")
    if source_language is not None and source_language not in DENSITY:
        raise click.BadParameter(f"{source_language!r} is not one of {', '.join(sorted(DENSITY))}",
                                 param_hint="--source-language")
    sys.exit(run_score(hypothesis, reference, output_format, source, source_language,
                       Evidence(source_tolerance, source_weight)))


@main.group(invoke_without_command=True)
@click.option("--format", "output_format", type=click.Choice(RULE_FORMATS), default="text", show_default=True)
@click.pass_context
def rules(ctx: click.Context, output_format: str) -> None:
    """List every rule with code, category, default severity and description."""
    if ctx.invoked_subcommand is not None:
        return
    from .report.emitters import emitter
    from .rules.catalog import all_rules

    click.echo(emitter(output_format).rules(all_rules()), nl=False)


@main.command("rule")
@click.argument("code")
def rule(code: str) -> None:
    """Explain one rule: description, examples, category, severity and how to turn it off."""
    from .rules.explain import explain

    click.echo(explain(code), nl=False)


@rules.command("test")
@click.argument("files", nargs=-1, required=True)
def rules_test(files: tuple[str, ...]) -> None:
    """Run the pass/fail examples of rule packs or glossaries (YAML, TOML, CSV; built-in pack names work too)."""
    from .rules.catalog import run_file_examples

    failures, counted = [], 0
    for name in files:
        found, total = run_file_examples(name)
        failures += found
        counted += total
    for failure in failures:
        click.echo(str(failure))
    click.echo(f"{counted - len(failures)} passed, {len(failures)} failed")
    if failures:
        sys.exit(ExitCode.FAILED)


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing tqcheck.toml.")
def init(folder: str, force: bool) -> None:
    """Write a commented starter tqcheck.toml."""
    from .config import starter_config
    from .files import write_output

    target = Path(folder) / "tqcheck.toml"
    if target.exists() and not force:
        raise TqcheckError("already exists; use --force to overwrite", str(target))
    Path(folder).mkdir(parents=True, exist_ok=True)
    write_output(starter_config(), str(target))
    click.echo(f"wrote {target}")


@main.group()
def languagetool() -> None:
    """Install, serve and inspect the LanguageTool server used for grammar."""


@languagetool.command("install")
@click.option("--version", "version", default=LANGUAGETOOL_VERSION, show_default=True, help="LanguageTool version.")
@click.option("--languages", default="en", show_default=True, help="Comma-separated language modules to add.")
@click.option("--no-download", is_flag=True, help="Skip language-tool-python's download; build from Maven directly.")
def languagetool_install(version: str, languages: str, no_download: bool) -> None:
    """Provision LanguageTool into the user cache (a no-op when already there)."""
    from .grammar.install import install

    wanted = [code.strip() for code in languages.split(",") if code.strip()]
    installation = install(version, wanted, progress=lambda m: click.echo(m, err=True),
                           try_download=not no_download)
    click.echo(f"LanguageTool {installation.version} at {installation.path} "
               f"({installation.size_bytes / 1e6:.0f} MB; languages: {', '.join(installation.languages)}; "
               f"from {installation.source})")


@languagetool.command("serve")
@click.option("--port", type=int, default=8081, show_default=True, help="Port on 127.0.0.1.")
@click.option("--version", "version", default=LANGUAGETOOL_VERSION, show_default=True, help="LanguageTool version.")
@click.option("--heap", default=LANGUAGETOOL_HEAP, show_default=True, help="JVM heap (-Xmx).")
def languagetool_serve(port: int, version: str, heap: str) -> None:
    """Run a persistent LanguageTool server; `tqcheck check` uses it automatically while it runs."""
    import json
    import signal

    from .files import atomic_write
    from .grammar.install import install
    from .grammar.paths import serve_state_file
    from .grammar.server import GrammarUnavailable, LanguageToolServer, port_in_use

    installation = install(version, progress=lambda m: click.echo(m, err=True))
    if port_in_use(port):  # else the other program would answer for a JVM that cannot bind, and lose its record
        raise GrammarUnavailable(f"port {port} on 127.0.0.1 is already in use (another server?); "
                                 "choose another with --port, or stop what runs there")
    server = LanguageToolServer(installation.jar, heap, port=port)
    server.start()
    state = serve_state_file()
    record = {"url": server.url, "pid": os.getpid(), "version": installation.version}
    atomic_write(state, json.dumps(record))
    click.echo(f"LanguageTool {installation.version} serving at {server.url} (started in {server.started_seconds:.1f} s)"
               "; Ctrl-C stops it")
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if _recorded(state) == record:  # a later `serve` may have taken over the record
            state.unlink(missing_ok=True)


def _recorded(state: Path) -> dict | None:
    import json

    try:
        return json.loads(state.read_text())
    except (OSError, ValueError):
        return None


@languagetool.command("status")
def languagetool_status() -> None:
    """What is installed, and which server `tqcheck check` would use."""
    from .grammar.install import Installation, MARKER
    from .grammar.paths import languagetool_root
    from .grammar.service import URL_ENVIRONMENT, running_serve_url

    import json

    root = languagetool_root()
    installs = sorted(root.glob(f"LanguageTool-*/{MARKER}")) if root.is_dir() else []
    if not installs:
        click.echo(f"installed: none (in {root}); `tqcheck languagetool install` or the first grammar check adds it")
    for marker in installs:
        found = Installation(**json.loads(marker.read_text()))
        click.echo(f"installed: LanguageTool {found.version} at {found.path} ({found.size_bytes / 1e6:.0f} MB; "
                   f"languages: {', '.join(found.languages)}; from {found.source})")
    configured = os.environ.get(URL_ENVIRONMENT)
    serving = running_serve_url()
    if configured:
        click.echo(f"server: {configured} (from ${URL_ENVIRONMENT})")
    elif serving:
        click.echo(f"server: {serving} (tqcheck languagetool serve is running)")
    else:
        click.echo("server: embedded (started by each `tqcheck check` and stopped when it ends)")
