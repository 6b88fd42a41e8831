"""UTF-16 and UTF-32 files with a byte order mark are read; deeply nested Markdown is read, never silently passed
unread."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

TEXT = "Intro line.\r\nThe xiaomi phone 😀 is a Samsumg rival.\n"


def _findings(result) -> list[tuple]:
    return [(f["code"], f["text"], f["line"], f["column"], f["start"], f["end"])
            for file in json.loads(result.stdout)["files"] for f in file["findings"]]


@pytest.mark.parametrize("encoding,bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
])
def test_utf16_and_utf32_with_a_bom_are_checked_like_utf8(cli, tmp_path, encoding, bom) -> None:
    (tmp_path / "wide.txt").write_bytes(bom + TEXT.encode(encoding))
    (tmp_path / "narrow.txt").write_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    wide = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path / "wide.txt"))
    narrow = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path / "narrow.txt"))
    assert _findings(wide) == _findings(narrow)  # positions in code points, the BOM not counted
    assert [f[:4] for f in _findings(wide)] == [("TQ104", "xiaomi", 2, 5), ("TQ102", "Samsumg", 2, 25)]


def test_broken_utf16_names_its_encoding(cli, tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(codecs.BOM_UTF16_LE + "Hi".encode("utf-16-le") + b"\x00\xd8x\x00")
    result = cli("check", "--isolated", "--no-grammar", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert "invalid UTF-16 (the file starts with a UTF-16 byte order mark" in result.stdout
    assert "binary" not in result.stdout


@pytest.mark.parametrize("depth", [25, 60, 99, 105, 1000])
def test_deep_blockquotes_are_still_checked(cli, tmp_path, depth) -> None:
    (tmp_path / "a.md").write_text("Fine.\n\n" + "> " * depth + "The xiaomi phone.\n")
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path / "a.md"))
    report = json.loads(result.stdout)["files"][0]
    assert not report["errors"] and report["words"] == 4
    assert [f[:3] for f in _findings(result)] == [("TQ104", "xiaomi", 3)]


@pytest.mark.parametrize("depth", [60, 105])
def test_deep_lists_are_checked_with_their_words_counted(cli, tmp_path, depth) -> None:
    (tmp_path / "a.md").write_text("".join("  " * i + "- item\n" for i in range(depth)) + "  " * depth + "- The xiaomi phone.\n")
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path / "a.md"))
    report = json.loads(result.stdout)["files"][0]
    assert not report["errors"] and report["words"] == depth + 3
    assert [f[:3] for f in _findings(result)] == [("TQ104", "xiaomi", depth + 1)]


@pytest.mark.parametrize("text", ["> - " * 60 + "The phone.\n", "- > " * 60 + "The phone.\n"])
def test_mixed_deep_nesting_is_checked(cli, tmp_path, text) -> None:
    (tmp_path / "a.md").write_text(text)
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path / "a.md"))
    report = json.loads(result.stdout)["files"][0]
    assert not report["errors"] and report["words"] == 2 and report["score"] is not None


def test_a_lower_case_list_item_opening_a_markdown_file_is_not_a_site_tagline(tmp_path, cli):
    """TQ606 reads the first line's block: a list item is content, a lone first paragraph is a tagline."""
    (tmp_path / "list.md").write_text("- item one\n- item two\n\nThe phone is new.\n")
    (tmp_path / "tagline.md").write_text("we love cycling\n\nThe phone is new.\n")
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path))
    codes = {Path(f["path"]).name: [x["code"] for x in f["findings"]] for f in json.loads(result.stdout)["files"]}
    assert codes == {"list.md": [], "tagline.md": ["TQ606"]}
