"""Shared fixtures: paths to the shared corpus and a CLI runner that returns exit code and output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TQCHECK_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "corpus" / "seed"


def run_cli(*args: str, input: bytes | str | None = None, cwd: Path | None = None):
    """Run the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


def run_process(*args: str, cwd: Path | None = None, input: bytes | None = None) -> subprocess.CompletedProcess:
    """Run `tqcheck` as a real process (exit codes, stderr, no traceback)."""
    return subprocess.run([sys.executable, "-m", "tqcheck", *args], cwd=cwd, input=input, capture_output=True,
                          timeout=120)


def check_with_pack(tmp_path: Path, pack: str, text: str) -> str:
    """The text report of `text` checked with one house pack (rules only, no cache)."""
    (tmp_path / "house.yaml").write_text(pack)
    (tmp_path / "a.txt").write_text(text)
    return run_cli("check", "--isolated", "--no-grammar", "--no-cache", "--pack", str(tmp_path / "house.yaml"),
                   str(tmp_path / "a.txt")).stdout


@pytest.fixture
def cli():
    """The in-process CLI runner."""
    return run_cli


@pytest.fixture
def seed_dir() -> Path:
    """The shared seed corpus (skips when ../shared is not there)."""
    if not SEED.is_dir():
        pytest.skip("shared seed corpus not available")
    return SEED


def _isolate_result_cache() -> None:
    """Tests write results to a throwaway cache, but share the one LanguageTool install."""
    import tempfile

    from tqcheck.grammar.paths import languagetool_root

    os.environ.setdefault("TQCHECK_LANGUAGETOOL_HOME", str(languagetool_root()))
    os.environ["TQCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="tqcheck-test-cache-")
    os.environ.pop("TQCHECK_LANGUAGETOOL_URL", None)


_isolate_result_cache()


def _register_hypothesis_profiles() -> None:
    """Bounded fuzzing in `make test`; `HYPOTHESIS_PROFILE=long` for a nightly run."""
    from hypothesis import HealthCheck, settings

    quiet = [HealthCheck.too_slow, HealthCheck.data_too_large]
    settings.register_profile("default", max_examples=40, deadline=None, suppress_health_check=quiet,
                              derandomize=True, print_blob=True)
    settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=quiet,
                              print_blob=True)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


_register_hypothesis_profiles()
