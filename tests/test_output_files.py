"""Report files and terminals: a bad `-o` fails before checking, report files get the usual mode, colour follows
NO_COLOR and --color, and no colour codes ever go into a file."""

from __future__ import annotations

import os
import pty
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_process

ARTICLE = "The xiaomi phone is here.\n"
ANSI = b"\x1b["


@pytest.mark.parametrize("where", ["missing/report.json", "a-file/report.json"])
def test_output_in_a_missing_folder_fails_before_checking(tmp_path, where) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a-file").write_text("not a folder")
    # An unreachable server would make a started check exit 3: exit 2 shows nothing was checked.
    result = run_process("check", "--isolated", "--languagetool-url", "http://127.0.0.1:9", "-o", where, "a.txt",
                         cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode().startswith(f"tqcheck: error: {where}: cannot write the report")
    assert ".tmp" not in result.stderr.decode()


def test_a_mistyped_format_before_the_equals_sign_is_an_error_not_a_file_name(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run_process("check", "--isolated", "--no-grammar", "-o", "sarfi=report.sarif", "a.txt", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "--output: unknown report format 'sarfi' (did you mean 'sarif'?" in result.stderr.decode()
    assert not list(tmp_path.glob("sarfi*")) and not (tmp_path / "report.sarif").exists()
    named = run_process("check", "--isolated", "--no-grammar", "-o", "./odd=name.txt", "a.txt", cwd=tmp_path)
    assert named.returncode == 1 and (tmp_path / "odd=name.txt").read_text().startswith("a.txt:1:5: TQ104")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="SKIPPED LOUDLY: needs Linux /proc")
def test_output_in_a_folder_that_cannot_be_written(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    # /proc refuses new files even to root, as a read-only or foreign folder would.
    result = run_process("check", "--isolated", "--no-grammar", "-o", "/proc/report.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "/proc/report.json: cannot write the report in /proc" in result.stderr.decode()


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_report_file_gets_the_usual_mode(tmp_path, umask, mode) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    subprocess.run([sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-grammar", "--threshold", "0",
                    "--fail-on", "none", "-o", "report.txt", "a.txt"], cwd=tmp_path, check=True, preexec_fn=lambda: os.umask(umask))
    assert stat.S_IMODE((tmp_path / "report.txt").stat().st_mode) == mode


def _on_a_terminal(args: list[str], cwd: Path, environment: dict) -> bytes:
    """What tqcheck prints when its standard output is a terminal."""
    leader, follower = pty.openpty()
    try:
        subprocess.run([sys.executable, "-m", "tqcheck", *args], cwd=cwd, stdout=follower, env=environment,
                       timeout=120)
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)


def test_colour_on_a_terminal_and_no_color(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    args = ["check", "--isolated", "--no-grammar", "a.txt"]
    plain = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert ANSI in _on_a_terminal(args, tmp_path, plain)
    shown = _on_a_terminal(args, tmp_path, plain | {"NO_COLOR": "1"})
    assert b"TQ104" in shown and ANSI not in shown
    assert ANSI in _on_a_terminal([*args, "--color"], tmp_path, plain | {"NO_COLOR": "1"})


def test_color_flag_forces_colour_on_a_pipe_but_never_into_a_file(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    piped = run_process("check", "--isolated", "--no-grammar", "--color", "a.txt", cwd=tmp_path)
    assert ANSI in piped.stdout
    run_process("check", "--isolated", "--no-grammar", "--color", "-o", "report.txt", "a.txt", cwd=tmp_path)
    written = (tmp_path / "report.txt").read_bytes()
    assert b"TQ104" in written and ANSI not in written
