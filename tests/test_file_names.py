"""A file name that is not valid UTF-8 (possible on Linux) is checked and reported with the name escaped."""

from __future__ import annotations

import json
import os

import pytest

from conftest import run_process


@pytest.mark.skipif(os.name != "posix", reason="only POSIX file systems allow names that are not UTF-8")
@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_a_file_name_that_is_not_utf8_is_checked_and_escaped(tmp_path, cache) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    try:
        with open(raw, "wb") as handle:
            handle.write(b"The xiaomi phone.\n")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    (tmp_path / "plain.txt").write_text("The xiaomi phone.\n")
    shown = f"{tmp_path}/caf\\xe9.txt"
    text = run_process("check", "--isolated", "--no-grammar", *cache, str(tmp_path))
    assert text.returncode == 1, text.stderr.decode()
    assert f"{shown}:1:5: TQ104".encode() in text.stdout
    report = run_process("check", "--isolated", "--no-grammar", *cache, "--format", "json", str(tmp_path))
    assert report.returncode == 1, report.stderr.decode()
    paths = [f["path"] for f in json.loads(report.stdout)["files"]]
    assert paths == [shown, str(tmp_path / "plain.txt")]
