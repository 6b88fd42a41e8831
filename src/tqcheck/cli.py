"""The `tqcheck` command line. Heavy modules are imported inside commands so `--version` starts fast."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .errors import ExitCode, TqcheckError

GRAMMAR_PENDING = "grammar checking (LanguageTool) is not part of this version yet"


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


def write_output(text: str, output: str | None) -> None:
    """Print, or write a file atomically (a temp file renamed over it): never half a report."""
    if output is None:
        click.echo(text, nl=False)
        return
    target = Path(output)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent or ".", prefix=f".{target.name}.",
                                         delete=False)
    try:
        with handle:
            handle.write(text)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


class _Group(click.Group):
    """Turns TqcheckError and interrupts into a message and a documented exit code, never a traceback."""

    def main(self, *args, **kwargs):
        kwargs.setdefault("standalone_mode", True)
        try:
            return super().main(*args, standalone_mode=False, **{k: v for k, v in kwargs.items()
                                                                  if k != "standalone_mode"})
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
        except OSError as error:
            click.echo(f"tqcheck: error: {error}", err=True)
            sys.exit(ExitCode.USAGE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="tqcheck")
def main() -> None:
    """Check machine-translated articles for MT artifacts, terminology errors and grammar."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: found by walking up).")
@click.option("--isolated", is_flag=True, help="Ignore config files; defaults and flags only.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to a file (atomically).")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable (comma-separated).")
@click.option("--severity", "severity", multiple=True, metavar="CODE=LEVEL", help="Override a rule's severity.")
@click.option("--min-severity", type=click.Choice(["minor", "major", "critical"]), help="Hide findings below this.")
@click.option("--fail-on", type=click.Choice(["minor", "major", "critical", "none"]), help="Exit 1 on a finding at or above this (default major).")
@click.option("--threshold", type=float, help="Minimum quality score for a file to pass (default 95).")
@click.option("--language", help="Target language, e.g. en-US.")
@click.option("--source-language", "source_languages", multiple=True, help="Source language(s): es, pt, fr, it, de.")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(), help="Extra glossary file (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Turn the built-in tech glossary off.")
@click.option("--pack", "packs", multiple=True, help="Use only these packs (built-in names or YAML paths).")
@click.option("--include", multiple=True, help="Glob of files to check inside folders (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files or folders to skip (repeatable).")
@click.option("--no-gitignore", is_flag=True, help="Do not skip what .gitignore files ignore.")
@click.option("--no-grammar", is_flag=True, help="Skip the grammar pass.")
@click.option("--stdin-filename", help="Name (and so format) of the text read from '-'.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal).")
def check(paths, config_path, isolated, output_format, output, select, ignore, severity, min_severity, fail_on,
          threshold, language, source_languages, glossaries, no_default_glossary, packs, include, exclude,
          no_gitignore, no_grammar, stdin_filename, color) -> None:
    """Check articles (files, folders, or - for stdin)."""
    from .config import find_config, load_config
    from .files import discover
    from .errors import InputError
    from .report.formats import FORMATTERS
    from .report.model import GrammarStatus, Report
    from .runner import Runner

    overrides = {
        "select": _split(select), "ignore": _split(ignore), "severity": _severity_overrides(severity),
        "min_severity": min_severity, "fail_on": fail_on, "threshold": threshold, "language": language,
        "source_languages": list(source_languages) or None, "include": list(include) or None,
        "exclude": list(exclude) or None, "respect_gitignore": False if no_gitignore else None,
        "default_glossary": False if no_default_glossary else None, "packs": list(packs) or None,
        "grammar": False if no_grammar else None,
    }
    if config_path:
        config_file = Path(config_path)
        if not config_file.is_file():
            raise TqcheckError("config file not found", config_path)
    elif isolated:
        config_file = None
    else:
        first = next((p for p in paths if p != "-"), ".")
        config_file = find_config(Path(first))
    config = load_config(config_file, overrides)
    config.glossaries += [str(Path(g).resolve()) for g in glossaries]
    runner = Runner(config)

    files, skipped = discover([p for p in paths if p != "-"], config.include, config.exclude,
                              config.respect_gitignore)
    results = []
    if "-" in paths:
        name = stdin_filename or "<stdin>"
        results.append(runner.check_bytes(sys.stdin.buffer.read(), name))
    results += [runner.check_path(path) for path in files]
    for skip in skipped:
        result = runner.new_result(skip.path, "folder")
        result.errors.append(InputError(skip.reason, skip.path))
        results.append(result)

    reason = "--no-grammar was given" if not config.grammar else GRAMMAR_PENDING
    report = Report(results, config.fail_on, GrammarStatus(False, reason))
    use_color = (sys.stdout.isatty() and output is None) if color is None else color
    write_output(FORMATTERS[output_format](report, use_color and output_format == "text"), output)
    if report.has_errors:
        sys.exit(ExitCode.USAGE)
    if any(report.file_failed(r) for r in results):
        sys.exit(ExitCode.FAILED)


@main.group(invoke_without_command=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def rules(ctx: click.Context, output_format: str) -> None:
    """List every rule with code, category, default severity and description."""
    if ctx.invoked_subcommand is not None:
        return
    import json

    from .rules.catalog import all_rules

    listed = all_rules()
    if output_format == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity.value,
                                "origin": r.origin, "pack": r.pack, "description": r.description} for r in listed],
                              indent=2, ensure_ascii=False))
        return
    for r in listed:
        click.echo(f"{r.code}  {r.severity.value:<8} {r.category:<32} {r.name}: {r.description}")


@rules.command("test")
@click.argument("files", nargs=-1, required=True)
def rules_test(files: tuple[str, ...]) -> None:
    """Run the pass/fail examples of rule packs or glossaries (YAML, TOML, CSV; built-in pack names work too)."""
    from .rules.catalog import test_file

    failures, counted = [], 0
    for name in files:
        found, total = test_file(name)
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

    target = Path(folder) / "tqcheck.toml"
    if target.exists() and not force:
        raise TqcheckError("already exists; use --force to overwrite", str(target))
    Path(folder).mkdir(parents=True, exist_ok=True)
    write_output(starter_config(), str(target))
    click.echo(f"wrote {target}")
