"""`check --fix`, `--unsafe-fixes` and `--diff`: what is fixed, what is kept, and that a second fix changes nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqcheck.app import App
from tqcheck.config import load_config
from tqcheck.findings import Finding, Severity
from tqcheck.fix_run import fix
from tqcheck.fixes import Edit, apply, edits
from tqcheck.pipeline import Source
from tqcheck.runner import Runner

BOM = b"\xef\xbb\xbf"
ARTICLE = (
    "# The launch\r\n\r\n"
    "The **xiaomi** phone has a Snapdagon chip. \u00bfWhat is the price? He called it \u00abthe best\u00bb.\r\n\r\n"
    "See [the cafÃ© review](https://example.com/xiaomi) for more.\r\n\r\n"
    "Follow us on Twitter and Instagram\r\n"
)


def _check(cli, *args: str):
    return cli("check", "--no-grammar", "--no-cache", *args)


def _article(tmp_path: Path, name: str = "a.md", text: str = ARTICLE, bom: bool = True) -> Path:
    path = tmp_path / name
    path.write_bytes((BOM if bom else b"") + text.encode())
    path.chmod(0o640)
    return path


def test_fix_applies_safe_fixes_and_keeps_bom_line_endings_markup_and_mode(cli, tmp_path) -> None:
    path = _article(tmp_path)
    result = _check(cli, "--fix", str(path))
    data = path.read_bytes()
    assert data.startswith(BOM)
    text = data[3:].decode()
    assert text == (
        "# The launch\r\n\r\n"
        "The **Xiaomi** phone has a Snapdagon chip. What is the price? He called it \u201cthe best\u201d.\r\n\r\n"
        "See [the café review](https://example.com/xiaomi) for more.\r\n"
    )
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    # The report is of the fixed file: only the unsafe near-miss is left.
    assert "TQ103" in result.stdout and "TQ104" not in result.stdout and "TQ601" not in result.stdout
    assert "fixed 6 finding(s) in 1 file(s)" in result.stderr
    assert result.exit_code == 1
    second = _check(cli, "--fix", str(path))
    assert path.read_bytes() == data
    assert "fixed" not in second.stderr


def test_unsafe_fixes_add_the_rest_with_one_suggestion(cli, tmp_path) -> None:
    path = _article(tmp_path)
    result = _check(cli, "--fix", "--unsafe-fixes", str(path))
    text = path.read_bytes()[3:].decode()
    assert "Snapdragon chip" in text
    assert "TQ103" not in result.stdout


def test_diff_writes_nothing_and_exits_1_when_it_would_change_something(cli, tmp_path) -> None:
    path = _article(tmp_path)
    before = path.read_bytes()
    result = _check(cli, "--diff", str(path))
    assert path.read_bytes() == before
    assert result.exit_code == 1
    assert f"--- a/{path}" in result.stdout and f"+++ b/{path}" in result.stdout
    assert "-The **xiaomi** phone" in result.stdout and "+The **Xiaomi** phone" in result.stdout
    assert "-Follow us on Twitter and Instagram" in result.stdout
    clean = _article(tmp_path, "clean.md", "The Xiaomi phone is on sale in May.\n", bom=False)
    done = _check(cli, "--diff", str(clean))
    assert done.exit_code == 0 and done.stdout == ""


def test_diff_of_the_fix_matches_what_fix_writes(cli, tmp_path) -> None:
    """Applying the shown diff's right-hand side is exactly what --fix writes."""
    path = _article(tmp_path, bom=False, text=ARTICLE.replace("\r\n", "\n"))
    shown = _check(cli, "--diff", str(path)).stdout
    _check(cli, "--fix", str(path))
    fixed = path.read_text()
    added = [line[1:] for line in shown.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert all(line in fixed.splitlines() for line in added)


def test_boilerplate_is_removed_only_as_a_whole_paragraph(cli, tmp_path) -> None:
    text = "The phone is out.\n\nFollow us on Twitter and Instagram\n\nIt costs $300 in May.\n"
    path = _article(tmp_path, "p.md", text, bom=False)
    _check(cli, "--fix", str(path))
    assert path.read_text() == "The phone is out.\n\nIt costs $300 in May.\n"
    inside = "The phone is out.\nFollow us on Twitter and Instagram\n"
    kept = _article(tmp_path, "q.md", inside, bom=False)
    _check(cli, "--fix", str(kept))
    assert kept.read_text() == inside


def test_html_fixes_leave_tags_alone_and_escape_the_replacement(cli, tmp_path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text("terms:\n  - term: R&D Lab\n    wrong: [RnD Lab]\n")
    html = ("<html><body><p>The <b>xiaomi</b> phone from Samsumg.</p>\r\n"
            "<p><a href=\"https://example.com/xiaomi\">xiaomi</a> \u00abnews\u00bb from the RnD Lab</p>"
            "</body></html>\r\n")
    path = _article(tmp_path, "a.html", html, bom=False)
    _check(cli, "--fix", "--glossary", str(glossary), str(path))
    assert path.read_bytes().decode() == (
        "<html><body><p>The <b>Xiaomi</b> phone from Samsung.</p>\r\n"
        "<p><a href=\"https://example.com/xiaomi\">Xiaomi</a> \u201cnews\u201d from the R&amp;D Lab</p>"
        "</body></html>\r\n")


def test_fix_refuses_stdin(cli) -> None:
    result = cli("check", "--no-grammar", "--fix", "-", input="The xiaomi phone.\n")
    assert result.exit_code == 2
    assert "standard input" in result.stderr


def _finding(start: int, end: int, text: str, suggestion: str, safe: bool = True) -> Finding:
    return Finding("TQ104", "term-casing", "terminology/casing", Severity.MINOR, "m", text, [suggestion], safe,
                   "glossary", start, end)


def test_overlapping_fixes_are_applied_once() -> None:
    text = "the xiaomi phone"
    same = [_finding(4, 10, "xiaomi", "Xiaomi"), _finding(4, 10, "xiaomi", "Xiaomi")]
    overlapping = [*same, _finding(4, 16, "xiaomi phone", "Xiaomi Phone")]
    chosen = edits(text, "text", overlapping)
    assert chosen == [Edit(4, 10, "Xiaomi")]
    assert apply(text, chosen) == "the Xiaomi phone"


def test_a_fix_whose_text_has_moved_or_spans_markup_is_skipped() -> None:
    assert edits("the xiaomi phone", "text", [_finding(0, 6, "xiaomi", "Xiaomi")]) == []
    assert edits("a *xiao*mi b", "markdown", [_finding(2, 10, "*xiao*mi", "Xiaomi")]) == []
    assert edits("the xiaomi", "text", [_finding(4, 10, "xiaomi", "Xiaomi", safe=False)]) == []
    assert edits("the xiaomi", "text", [_finding(4, 10, "xiaomi", "Xiaomi", safe=False)], unsafe=True)


# Fragments with and without fixable artifacts, joined in any order: fixing twice must equal fixing once.
_FRAGMENTS = [
    "The xiaomi phone is here.", "Samsumg makes it.", "\u00bfWhat is the price?", "He said \u00abyes\u00bb.",
    "The cafÃ© sells it.", "Follow us on Twitter and Instagram", "It has a Snapdagon chip.", "**android** 14",
    "The the price is high.", "Read also: the best phones of 2022", "Whatsapp and whatsapp.", "\u00a1Great!",
    "It runs android.The screen is big.", "A [xiaomi](https://example.com/xiaomi) link.", "Plain English text.",
]
_APP: dict[str, App] = {}


def _app() -> App:
    if "app" not in _APP:
        _APP["app"] = App.from_config(load_config(None, {"grammar": "off", "cache": False}))
    return _APP["app"]


def _fixed(text: str, unsafe: bool) -> bytes:
    app = _app()
    source = Source("doc.md", text.encode())
    results, changes = fix(app, list(Runner(app).run([source])), [source], unsafe)
    return changes[0].after if changes else source.data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=6),
       st.lists(st.sampled_from([" ", "\n", "\n\n", "\r\n\r\n"]), min_size=6, max_size=6), st.booleans())
def test_a_second_fix_changes_nothing(fragments, separators, unsafe) -> None:
    text = "".join(f + s for f, s in zip(fragments, separators))
    once = _fixed(text, unsafe)
    assert _fixed(once.decode(), unsafe) == once
