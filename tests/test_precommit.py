"""The pre-commit hooks, run by the real pre-commit against a scratch repository (`pre-commit try-repo`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

pytestmark = pytest.mark.slow


def _run(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)


@pytest.fixture
def scratch(tmp_path: Path) -> tuple[Path, dict]:
    if not PRE_COMMIT.exists():
        pytest.fail("pre-commit is not installed: it is in the test extra (pip install -e '.[test]')")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           # pre-commit's own virtualenvs outlive the test: the second run reuses the first one's install.
           "PRE_COMMIT_HOME": os.environ.get("PRE_COMMIT_HOME", str(Path.home() / ".cache" / "pre-commit"))}
    repo = tmp_path / "content"
    repo.mkdir()
    (repo / "good.md").write_text("# Launch\n\nThe Xiaomi phone has a Snapdragon chip.\n")
    (repo / "bad.md").write_text("# Launch\n\nThe xiaomi phone runs android.\n\nFollow us on Twitter and Instagram\n")
    # A quick hook: no LanguageTool in this test (the grammar path has its own tests).
    (repo / "tqcheck.toml").write_text('grammar = "off"\ncache = false\n')
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "x"]):
        subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True)
    return repo, env


def test_hook_fails_on_a_bad_article_then_passes_after_fix(scratch) -> None:
    repo, env = scratch
    check = _run(str(PRE_COMMIT), "try-repo", str(ROOT), "tqcheck", "--all-files", cwd=repo, env=env)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "bad.md:3:5: TQ104" in check.stdout and "good.md: quality 100.0" in check.stdout
    assert not re.search(r"good\.md:\d+:\d+:", check.stdout)
    assert (repo / "bad.md").read_text().startswith("# Launch\n\nThe xiaomi")  # the check hook writes nothing

    fixing = _run(str(PRE_COMMIT), "try-repo", str(ROOT), "tqcheck-fix", "--all-files", cwd=repo, env=env)
    assert (repo / "bad.md").read_text() == "# Launch\n\nThe Xiaomi phone runs Android.\n"
    assert fixing.returncode == 1  # files were modified: pre-commit fails the commit so they can be reviewed

    again = _run(str(PRE_COMMIT), "try-repo", str(ROOT), "tqcheck", "--all-files", cwd=repo, env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Passed" in again.stdout
