"""Exit codes and bad inputs: clear messages with file and position, other files still checked, no traceback."""

from __future__ import annotations

import json
import os

import pytest

from conftest import run_process


def _report(result) -> dict:
    return json.loads(result.stdout)


def test_exit_0_on_clean_file(cli, tmp_path) -> None:
    (tmp_path / "ok.md").write_text("# Samsung ships a phone\n\nThe phone ships in May.\n")
    result = cli("check", "--isolated", "--no-grammar", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "0 findings" in result.stdout


def test_exit_1_on_major_finding_and_fail_on_controls_it(cli, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Phones from Samsung y Google sold well this year in many countries. " * 20)
    assert cli("check", "--isolated", "--no-grammar", str(article)).exit_code == 1
    assert cli("check", "--isolated", "--no-grammar", "--fail-on", "critical", "--threshold", "0",
               str(article)).exit_code == 0


def test_exit_1_when_score_below_threshold(cli, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The xiaomi phone is here.")
    result = cli("check", "--isolated", "--no-grammar", "--fail-on", "none", str(article))
    assert result.exit_code == 1
    assert "FAIL" in result.stdout
    assert cli("check", "--isolated", "--no-grammar", "--fail-on", "none", "--threshold", "0",
               str(article)).exit_code == 0


def test_usage_error_exit_2(cli) -> None:
    assert cli("check", "--isolated", "--format", "xml", "x").exit_code == 2
    assert cli("check").exit_code == 2


@pytest.mark.parametrize("content,reason", [
    (b"\x00\x01\x02binary", "binary file"),
    (b"Good line\nbad \xff\xfe byte", "invalid UTF-8"),
])
def test_unreadable_file_is_reported_and_others_still_checked(cli, tmp_path, content, reason) -> None:
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text("The xiaomi phone.")
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path))
    assert result.exit_code == 2
    files = {os.path.basename(f["path"]): f for f in _report(result)["files"]}
    assert reason in files["bad.txt"]["errors"][0]["message"]
    assert files["good.txt"]["findings"][0]["text"] == "xiaomi"


def test_invalid_utf8_error_names_line_and_column(cli, tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Línea uno\nabc ".encode() + b"\xff")
    result = cli("check", "--isolated", "--no-grammar", str(bad))
    assert f"{bad}:2:5: invalid UTF-8" in result.stdout
    assert result.exit_code == 2


def test_missing_file(cli, tmp_path) -> None:
    result = cli("check", "--isolated", "--no-grammar", str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    assert "nope.md: cannot read: No such file or directory" in result.stdout


def test_empty_file_scores_100(cli, tmp_path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path / "empty.md"))
    assert result.exit_code == 0
    file = _report(result)["files"][0]
    assert file["words"] == 0 and file["findings"] == [] and file["score"]["quality"] == 100.0


def test_20mb_file_is_refused_clearly_and_others_checked(cli, tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"The phone ships in May. " * (20_000_000 // 24 + 1))
    (tmp_path / "small.txt").write_text("The xiaomi phone.")
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path))
    assert result.exit_code == 2
    files = {os.path.basename(f["path"]): f for f in _report(result)["files"]}
    assert "file too large" in files["big.txt"]["errors"][0]["message"]
    assert files["small.txt"]["findings"]


@pytest.mark.slow
def test_large_file_checked_when_limit_raised(cli, tmp_path) -> None:
    article = tmp_path / "long.txt"
    article.write_text(("The xiaomi phone ships in May.\n\n" * 40_000))
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", "--threshold", "0", "--fail-on", "none",
                 str(article))
    assert result.exit_code == 0
    assert len(_report(result)["files"][0]["findings"]) == 40_000


def test_directory_loop_is_reported(cli, tmp_path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("The xiaomi phone.")
    os.symlink(tmp_path, tmp_path / "docs" / "loop")
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path))
    report = _report(result)
    assert result.exit_code == 2
    errors = [e["message"] for f in report["files"] for e in f["errors"]]
    assert any("directory loop" in e for e in errors)
    assert sum(1 for f in report["files"] if f["findings"]) == 1


def test_stdin(cli) -> None:
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", "--stdin-filename", "post.md", "-",
                 input="# News\n\nThe xiaomi phone with `xiaomi` code.\n")
    file = _report(result)["files"][0]
    assert file["path"] == "post.md" and file["format"] == "markdown"
    assert [f["text"] for f in file["findings"]] == ["xiaomi"]
    assert (file["findings"][0]["line"], file["findings"][0]["column"]) == (3, 5)


def test_stdin_filename_without_stdin_is_a_usage_error(cli, tmp_path) -> None:
    (tmp_path / "a.md").write_text("The xiaomi phone.")
    result = cli("check", "--isolated", "--no-grammar", "--stdin-filename", "post.md", str(tmp_path / "a.md"))
    assert result.exit_code == 2
    assert "--stdin-filename" in result.output and "'-'" in result.output


def test_output_file_written_whole(cli, tmp_path) -> None:
    (tmp_path / "a.txt").write_text("The xiaomi phone.")
    out = tmp_path / "report.json"
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", "-o", str(out), str(tmp_path / "a.txt"))
    assert result.stdout == ""
    assert json.loads(out.read_text())["summary"]["findings"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_full_disk_while_writing_exits_4_and_leaves_no_temporary_file(cli, tmp_path, monkeypatch) -> None:
    import errno

    import tqcheck.files

    def full(handle_name, *args):
        raise OSError(errno.ENOSPC, "No space left on device")

    (tmp_path / "a.txt").write_text("The xiaomi phone.")
    monkeypatch.setattr(tqcheck.files.os, "replace", full)
    out = tmp_path / "report.json"
    result = cli("check", "--isolated", "--no-grammar", "--no-cache", "-o", str(out), str(tmp_path / "a.txt"))
    assert result.exit_code == 4
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_no_traceback_on_broken_config_in_a_real_process(tmp_path) -> None:
    (tmp_path / "tqcheck.toml").write_text("threshold = [\n")
    (tmp_path / "a.md").write_text("text")
    result = run_process("check", "--no-grammar", str(tmp_path / "a.md"))
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert f"{tmp_path / 'tqcheck.toml'}:".encode() in result.stderr


def test_version_and_help(cli) -> None:
    assert cli("--version").stdout.startswith("tqcheck, version ")
    assert "check" in cli("--help").stdout


def test_rules_listing(cli) -> None:
    listing = cli("rules").stdout
    for code in ("TQ101", "TQ104", "TQ201", "TQ301", "TQ401", "TQ501", "TQ601"):
        assert code in listing
    as_json = json.loads(cli("rules", "--format", "json").stdout)
    assert {"code", "name", "category", "severity", "origin", "pack", "description"} <= set(as_json[0])


def test_init_writes_a_config_that_loads(cli, tmp_path) -> None:
    result = cli("init", str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / "tqcheck.toml").is_file()
    assert cli("init", str(tmp_path)).exit_code == 2
    (tmp_path / "a.md").write_text("Samsung y Google.")
    checked = cli("check", "--no-grammar", "--format", "json", str(tmp_path / "a.md"))
    assert json.loads(checked.stdout)["files"][0]["source_language"] == "es"
