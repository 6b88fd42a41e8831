"""Start-up stays light: the command line and a run answered from the result cache never import the rule engine's
libraries (checked on sys.modules in a fresh interpreter, not by timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

# The rule engine, the readers, the grammar client and the worker pool, each imported only when a run needs it.
HEAVY = {"rapidfuzz", "lingua", "pyromark", "markdown_it", "regex", "ahocorasick", "wordfreq", "ftfy", "sacrebleu",
         "language_tool_python", "requests", "multiprocessing", "concurrent"}
CLI_ALSO = {"pydantic", "yaml", "pathspec"}  # config and file discovery: `check` needs them, --version does not


def _imported(code: str, env: dict[str, str] | None = None) -> set[str]:
    """Top-level packages imported after running `code` in a fresh interpreter."""
    probe = code + "\nimport sys, json; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_command_line_imports_nothing_heavy() -> None:
    assert _imported("import tqcheck.cli") & (HEAVY | CLI_ALSO) == set()


def test_a_run_from_the_cache_imports_no_rule_engine(tmp_path: Path) -> None:
    article = ROOT / "samples" / "motorola-launch.md"
    run = (f"from tqcheck.cli import main\ntry:\n    main(['check', '--isolated', '--no-grammar', {str(article)!r}])\n"
           "except SystemExit:\n    pass")
    env = {"TQCHECK_CACHE_DIR": str(tmp_path)}
    first = _imported(run, env)
    assert {"regex", "pyromark"} <= first  # the first run checks the file
    assert _imported(run, env) & HEAVY == set()


def test_version_answers_without_importing_the_command_line(cli) -> None:
    launch = "import sys\nsys.argv = ['tqcheck', '--version']\nfrom tqcheck.launcher import main\nmain()"
    assert _imported(launch) & (HEAVY | CLI_ALSO | {"click", "tqcheck.cli"}) == set()
    printed = subprocess.run([sys.executable, "-c", launch], capture_output=True, text=True, cwd=ROOT).stdout
    assert printed == cli("--version").stdout  # the same line click's --version prints


def test_the_installed_executable_starts_through_the_launcher() -> None:
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["tqcheck"] == "tqcheck.launcher:main"
    done = subprocess.run([sys.executable, "-c", "from tqcheck.launcher import main\nimport sys\n"
                           "sys.argv = ['tqcheck', 'rule', 'TQ104']\nmain()"], capture_output=True, text=True)
    assert done.returncode == 0 and "TQ104" in done.stdout  # any other command goes to the click command line


def test_a_cached_run_with_a_config_naming_codes_validates_nothing(tmp_path: Path) -> None:
    # samples/tqcheck.toml names TQ104 in [severity]: checking that code once loaded every pack (yaml, pydantic).
    article = ROOT / "samples" / "motorola-launch.md"
    run = (f"from tqcheck.cli import main\ntry:\n    main(['check', '--no-grammar', {str(article)!r}])\n"
           "except SystemExit:\n    pass")
    env = {"TQCHECK_CACHE_DIR": str(tmp_path)}
    assert {"pydantic", "yaml"} <= _imported(run, env)  # the first run validates the config and the packs
    assert _imported(run, env) & (HEAVY | CLI_ALSO) == set()


def test_a_grammar_service_not_yet_asked_imports_no_client_process_or_reader() -> None:
    # A run answered wholly from the result cache with grammar on makes its service and never asks it anything.
    made = _imported("from tqcheck.grammar.service import GrammarService\nGrammarService('en-US')")
    assert made & {"regex", "http", "ssl", "urllib3", "requests", "language_tool_python", "xml", "subprocess",
                   "socket", "ctypes", "shutil"} == set()


def test_a_check_through_the_launcher_flushes_its_whole_report_and_keeps_exit_codes(cli, tmp_path: Path) -> None:
    # The launcher ends `check` with os._exit once the output is flushed: the report must be whole, the code kept.
    samples = str(ROOT / "samples")
    args = ["check", "--isolated", "--no-grammar", "--no-cache", "--format", "json", samples]
    launched = subprocess.run([sys.executable, "-m", "tqcheck", *args], capture_output=True, cwd=ROOT,
                              env={**os.environ, "TQCHECK_CACHE_DIR": str(tmp_path)}, timeout=300)
    in_process = cli(*args)
    assert launched.returncode == in_process.exit_code == 1  # the samples fail on purpose
    assert launched.stdout.decode() == in_process.stdout
    usage = subprocess.run([sys.executable, "-m", "tqcheck", "check", "--no-such-option"], capture_output=True,
                           cwd=ROOT, timeout=120)
    assert usage.returncode == 2 and b"No such option" in usage.stderr
    clean = tmp_path / "clean.txt"
    clean.write_text("The committee approved the budget on Monday.\n", encoding="utf-8")
    passed = subprocess.run([sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-grammar", str(clean)],
                            capture_output=True, cwd=ROOT, env={**os.environ, "TQCHECK_CACHE_DIR": str(tmp_path)},
                            timeout=120)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_a_run_with_its_output_closed_exits_with_its_own_code(tmp_path: Path) -> None:
    """`tqcheck check ... >&-`: no standard output at all, still the documented exit code (1: findings)."""
    article = ROOT / "samples" / "motorola-launch.md"
    tqcheck = Path(sys.executable).parent / "tqcheck"
    done = subprocess.run(["sh", "-c", '"$0" "$@" >&-', str(tqcheck), "check", "--isolated", "--no-grammar",
                           str(article)], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "TQCHECK_CACHE_DIR": str(tmp_path)})
    assert (done.returncode, done.stderr) == (1, "")
