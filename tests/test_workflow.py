"""Living in a content repository: baselines, `--changed-since`, the progress bar, --quiet and --verbose."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tqcheck.baseline import fingerprint
from tqcheck.progress import Progress, wanted
from tqcheck.results import FileResult

BAD = "The xiaomi phone has a Snapdagon chip.\n\nIt runs android 14.\n"


def _check(cli, *args: str, cwd: Path | None = None):
    return cli("check", "--no-grammar", "--no-cache", *args, cwd=cwd)


def _codes(output: str) -> list[str]:
    """The rule codes of the finding lines (`path:line:col: CODE ...`), not of the summary's rule lists."""
    return re.findall(r"^\S+:\d+:\d+: (TQ\d+)", output, re.MULTILINE)


# Baselines

def test_fingerprint_ignores_line_shifts_and_edits_elsewhere_but_not_its_own_words() -> None:
    text = "Intro.\n\nThe xiaomi phone is out.\n"
    start = text.index("xiaomi")
    mark = fingerprint("TQ104", text, start, start + 6)
    moved = "A new first paragraph.\n\nIntro, longer.\n\n" + text
    assert fingerprint("TQ104", moved, moved.index("xiaomi"), moved.index("xiaomi") + 6) == mark
    edited = "Intro.\n\nThe xiaomi tablet is out.\n"
    assert fingerprint("TQ104", edited, start, start + 6) != mark
    assert fingerprint("TQ102", text, start, start + 6) != mark


def test_baseline_then_check_fails_only_on_new_findings(cli, tmp_path) -> None:
    article = tmp_path / "a.md"
    article.write_text(BAD)
    (tmp_path / "b.md").write_text("The samsung phone.\n")
    written = cli("baseline", "--no-grammar", "--no-cache", "a.md", "b.md", cwd=tmp_path)
    assert written.exit_code == 0, written.output
    stored = json.loads((tmp_path / "tqcheck-baseline.json").read_text())
    assert {(f["path"], f["code"]) for f in stored["findings"]} == {
        ("a.md", "TQ104"), ("a.md", "TQ103"), ("b.md", "TQ104")}
    raw = (tmp_path / "tqcheck-baseline.json").read_text()
    assert "xiaomi" not in raw and "Snapdagon" not in raw  # paths, codes and hashes only

    clean = _check(cli, "--baseline", "tqcheck-baseline.json", "a.md", "b.md", cwd=tmp_path)
    assert clean.exit_code == 0 and _codes(clean.stdout) == []
    assert "4 finding(s) in the baseline" in clean.stderr

    # Lines move: the baseline still holds every old finding; a new one is reported alone.
    article.write_text("A new opening paragraph.\n\n" + BAD + "\nThe whatsapp app.\n")
    new = _check(cli, "--baseline", "tqcheck-baseline.json", str(article), str(tmp_path / "b.md"), cwd=tmp_path)
    assert new.exit_code == 1
    assert _codes(new.stdout) == ["TQ104"] and "'whatsapp'" in new.stdout


def test_fixed_findings_drop_out_when_the_baseline_is_rewritten(cli, tmp_path) -> None:
    (tmp_path / "a.md").write_text(BAD)
    cli("baseline", "--no-grammar", "--no-cache", "a.md", "-o", "base.json", cwd=tmp_path)
    (tmp_path / "a.md").write_text(BAD.replace("xiaomi", "Xiaomi"))
    cli("baseline", "--no-grammar", "--no-cache", "a.md", "-o", "base.json", cwd=tmp_path)
    stored = json.loads((tmp_path / "base.json").read_text())
    assert sorted(f["code"] for f in stored["findings"]) == ["TQ103", "TQ104"]  # Snapdagon, android


def test_a_repeated_finding_is_covered_as_often_as_the_baseline_counts_it(cli, tmp_path) -> None:
    (tmp_path / "a.md").write_text("The xiaomi phone.\n")
    cli("baseline", "--no-grammar", "--no-cache", "a.md", cwd=tmp_path)
    (tmp_path / "a.md").write_text("The xiaomi phone.\n\nThe xiaomi phone.\n")
    result = _check(cli, "--baseline", "tqcheck-baseline.json", "--ignore", "TQ411,TQ603", "a.md", cwd=tmp_path)
    assert _codes(result.stdout) == ["TQ104"]


def test_a_missing_or_broken_baseline_is_exit_2(cli, tmp_path) -> None:
    (tmp_path / "a.md").write_text(BAD)
    missing = _check(cli, "--baseline", "nope.json", "a.md", cwd=tmp_path)
    assert missing.exit_code == 2 and "nope.json" in missing.stderr
    (tmp_path / "bad.json").write_text("{}")
    broken = _check(cli, "--baseline", "bad.json", "a.md", cwd=tmp_path)
    assert broken.exit_code == 2 and "not a tqcheck baseline" in broken.stderr


# --changed-since

def _git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True, text=True).stdout


def _repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "articles").mkdir(parents=True)
    for name in ("old.md", "edited.md", "gone.md"):
        (repo / "articles" / name).write_text(BAD)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "first")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "second")
    return repo


def test_changed_since_checks_changed_and_untracked_files_only(cli, tmp_path) -> None:
    repo = _repository(tmp_path)
    (repo / "articles" / "edited.md").write_text(BAD + "\nMore text.\n")
    (repo / "articles" / "new.md").write_text(BAD)
    (repo / "articles" / "gone.md").unlink()
    (repo / ".gitignore").write_text("ignored.md\n")
    (repo / "articles" / "ignored.md").write_text(BAD)
    result = _check(cli, "--changed-since", "HEAD~1", "articles", cwd=repo)
    checked = sorted({line.split(":")[0] for line in result.stdout.splitlines() if ": quality" in line})
    assert checked == ["articles/edited.md", "articles/new.md"]
    assert "2 file(s) changed since HEAD~1" in result.stderr


def test_changed_since_a_missing_ref_is_exit_2_with_a_clear_message(cli, tmp_path) -> None:
    repo = _repository(tmp_path)
    result = _check(cli, "--changed-since", "no-such-branch", "articles", cwd=repo)
    assert result.exit_code == 2
    assert "git ref 'no-such-branch' not found" in result.stderr and "shallow clone" in result.stderr


def test_changed_since_works_in_a_shallow_clone(cli, tmp_path) -> None:
    repo = _repository(tmp_path)
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    missing = _check(cli, "--changed-since", "HEAD~1", "articles", cwd=clone)
    assert missing.exit_code == 2 and "not found" in missing.stderr
    (clone / "articles" / "edited.md").write_text(BAD + "\nMore.\n")
    result = _check(cli, "--changed-since", "HEAD", "articles", cwd=clone)
    assert "articles/edited.md: quality" in result.stdout and "articles/old.md" not in result.stdout


def test_changed_since_outside_a_repository_is_exit_2(cli, tmp_path) -> None:
    (tmp_path / "a.md").write_text(BAD)
    result = _check(cli, "--changed-since", "HEAD", "a.md", cwd=tmp_path)
    assert result.exit_code == 2 and "git repository" in result.stderr


# Progress, --quiet, --verbose

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_shows_files_words_per_second_and_eta(monkeypatch) -> None:
    stream = _Terminal()
    bar = Progress(2, stream, enabled=True, delay=0, interval=0)
    for words in (100, 300):
        result = FileResult("a.md", "markdown", "en-US", None, words=words)
        bar.done(result)
    bar.close()
    shown = stream.getvalue()
    assert "2/2 files" in shown and "words/s" in shown and "<" in shown  # elapsed<remaining


def test_progress_bar_only_for_a_person_at_a_terminal(monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert wanted(_Terminal(), quiet=False)
    assert not wanted(_Terminal(), quiet=True)
    assert not wanted(io.StringIO(), quiet=False)
    monkeypatch.setenv("CI", "true")
    assert not wanted(_Terminal(), quiet=False)


def test_verbose_reports_each_file_and_quiet_says_nothing_on_stderr(cli, tmp_path) -> None:
    (tmp_path / "a.md").write_text(BAD)
    (tmp_path / "b.md").write_text("The Xiaomi phone.\n")
    verbose = _check(cli, "--verbose", "a.md", "b.md", cwd=tmp_path)
    assert "a.md: checked, 3 finding(s)" in verbose.stderr and "b.md: checked, 0 finding(s)" in verbose.stderr
    quiet = _check(cli, "--quiet", "--fix", "a.md", cwd=tmp_path)
    assert quiet.stderr == "" and "TQ103" in quiet.stdout
