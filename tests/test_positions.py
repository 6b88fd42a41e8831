"""Exact positions in text, Markdown and HTML, with CRLF, BOM, tabs, emoji and other non-BMP characters."""

from __future__ import annotations

import json
import re

import pytest

TEXT = "Intro 😀 line with\ttab.\n\n🎉🎉 The xiaomi phone 𝐗 uses Snapdagon chips.\nSecond line with android.\n"
MARKDOWN = (
    "# Title 😀 with xiaomi\n\n"
    "A paragraph with **bold** and `xiaomi` code, then xiaomi &amp; android.\n"
    "\tTabbed 🎉 line: the Snapdagon chip.\n\n"
    "- item with [a xiaomi link](https://xiaomi.com/android) here\n"
    "![photo of a xiaomi phone](x.png)\n"
)
HTML = (
    "<html><head><title>xiaomi 😀 news</title></head>\n<body>\n"
    "<p>A 🎉 paragraph &amp; the xiaomi phone\twith <code>xiaomi</code> code.</p>\n"
    "<p><img alt=\"an android phone\" src=\"android.png\"> Snapdagon &#8217; chips</p>\n"
    "<a href=\"https://xiaomi.com\">android link</a>\n</body></html>\n"
)
# (word, which occurrence in the file): occurrences in code, URLs and non-prose attributes are skipped on purpose.
EXPECTED = {
    "text": [("xiaomi", 0), ("Snapdagon", 0), ("android", 0)],
    "markdown": [("xiaomi", 0), ("xiaomi", 2), ("android", 0), ("Snapdagon", 0), ("xiaomi", 3), ("xiaomi", 5)],
    "html": [("xiaomi", 0), ("xiaomi", 1), ("android", 0), ("Snapdagon", 0), ("android", 2)],
}


def _expected_positions(text: str, words: list[tuple[str, int]]) -> list[tuple[int, int, int, int, int, int]]:
    """(line, column, end_line, end_column, start, end) of each word occurrence, computed independently."""
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(offset: int) -> tuple[int, int]:
        line = max(i for i, s in enumerate(line_starts) if s <= offset)
        return line + 1, offset - line_starts[line] + 1

    out = []
    for word, occurrence in words:
        start = [m.start() for m in re.finditer(re.escape(word), text)][occurrence]
        end = start + len(word)
        out.append((*position(start), *position(end), start, end))
    return out


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", [False, True], ids=["nobom", "bom"])
@pytest.mark.parametrize("name,content", [("a.txt", TEXT), ("a.md", MARKDOWN), ("a.html", HTML)],
                         ids=["text", "markdown", "html"])
def test_exact_positions(cli, tmp_path, name, content, crlf, bom) -> None:
    text = content.replace("\n", "\r\n") if crlf else content
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", str(path))
    report = json.loads(result.stdout)
    findings = report["files"][0]["findings"]
    kind = {"a.txt": "text", "a.md": "markdown", "a.html": "html"}[name]
    got = [(f["line"], f["column"], f["end_line"], f["end_column"], f["start"], f["end"]) for f in findings]
    assert [f["text"] for f in findings] == [word for word, _ in EXPECTED[kind]]
    assert got == _expected_positions(text, EXPECTED[kind])
    for finding in findings:
        assert text[finding["start"]:finding["end"]] == finding["text"]


def test_text_format_positions_agree_with_json(cli, tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_text(MARKDOWN.replace("\n", "\r\n"), encoding="utf-8")
    as_json = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", str(path)).stdout)
    as_text = cli("check", "--isolated", "--no-grammar", "--no-color", str(path)).stdout
    for finding in as_json["files"][0]["findings"]:
        assert f"{path}:{finding['line']}:{finding['column']}: {finding['code']} " in as_text
