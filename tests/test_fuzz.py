"""Property-based tests (Hypothesis) over the readers and the whole `check` pipeline.

Random text, Markdown and HTML (deep nesting, entities, surrogates, control characters, mixed line endings,
BOMs), random configs and glossaries. Invariants: no internal error, every finding's `text` is its span,
positions round-trip, output is deterministic, the exit code is 0, 1 or 2. `make test` runs a bounded number of
examples (the `default` profile in conftest.py); `HYPOTHESIS_PROFILE=long` runs many more.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from tqcheck.app import App
from tqcheck.config import load_config
from tqcheck.documents.loader import decode, parse
from tqcheck.errors import InputError
from tqcheck.pipeline import Source
from tqcheck.report.emitters import emitter
from tqcheck.report.model import Report
from tqcheck.runner import Runner

PIECES = [
    " ", "\n", "\r\n", "\r", "\t", "\n\n", "\u2028", "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\ufeff",
    "\u200b", "\u202e", "\ufffd", "\ud800", "\udfff", "\udce9", "😀", "e\u0301", "Ã©", "â€™", "—", "…",
    "&amp;", "&nbsp;", "&#8217;", "&#x1F600;", "&#0;", "&#xD800;", "&unknown;", "&", "&#", "<p>", "</p>",
    "<div>", "</div>", "<br>", "<b>", "</b>", "<!--", "-->", "<![CDATA[", "]]>", "<script>", "</script>",
    "<code>", "</code>", "<pre>", "<img alt=\"", "\">", "<a href='", "'>", "</a>", "<!DOCTYPE html>", "<?xml",
    "# ", "## ", "> ", "- ", "* ", "1. ", "```", "```\n", "    ", "`", "**", "_", "~~", "[", "]", "(", ")",
    "![x](y)", "[t](http://x.y)", "| a | b |\n|---|---|\n", "---\ntitle: x\n---\n", "\\", "<!-- tqcheck: disable -->",
    "<!-- tqcheck: disable-next-line TQ104 -->", "<!-- tqcheck: enable -->", "@handle", "#tag",
    "https://example.com/x?a=1", "a@b.co", "The ", "the the ", "xiaomi ", "Snapdagon ", "Samsung y Google ",
    "Monday (23) ", "6,7 inches ", "15Pro ", "THE ", "launch.The ", "¿", "«", "»", "„", "“", "”", "’", "'", "\"",
    "This is a sentence. ", "La empresa lanzó el teléfono. ", "del ", "é", "ß", "İ", "ﬁ",
]
OPENERS = {"txt": ["(", "\"", "  "], "md": ["> ", "- ", "* ", "1. ", "  ", "[", "**", "> - "],
           "html": ["<div>", "<blockquote>", "<ul><li>", "<b>", "<table><tr><td>", "<p>"]}
BOMS = [b"", b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]
EXTENSIONS = ["txt", "md", "html"]


@st.composite
def documents(draw, extension: str | None = None) -> tuple[str, str]:
    """A file name and its text: random pieces and characters, optionally nested deep."""
    extension = extension or draw(st.sampled_from(EXTENSIONS))
    parts = draw(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=50))
    depth = draw(st.integers(0, 60))
    opener = draw(st.sampled_from(OPENERS[extension]))
    return f"doc.{extension}", opener * depth + "".join(parts)


def encoded(text: str, bom: bytes) -> bytes:
    """The bytes of a file: lone surrogates become invalid UTF-8, as a file on disk could hold."""
    return bom + text.encode("utf-8", "surrogatepass")


def _position(text: str, offset: int) -> tuple[int, int]:
    """Line and column computed independently of tqcheck: CRLF, CR and LF each end a line."""
    breaks = [m.end() for m in re.finditer(r"\r\n|\r|\n", text) if m.end() <= offset]
    return len(breaks) + 1, offset - (breaks[-1] if breaks else 0) + 1


def _subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(char in rest for char in short)


def _check_findings(text: str, findings) -> None:
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert text[finding.start:finding.end] == finding.text
        assert _position(text, finding.start) == (finding.line, finding.column)
        assert _position(text, finding.end) == (finding.end_line, finding.end_column)


@pytest.fixture(scope="module")
def runner() -> Runner:
    """Rules only, no cache: one engine for every example."""
    return Runner(App(load_config(None, {"grammar": "off", "cache": False})))


@given(documents())
@example(("doc.md", "> " * 40 + "The xiaomi phone."))
@example(("doc.html", "<div>" * 300 + "The xiaomi phone."))
@example(("doc.md", "é<script>0"))  # a word across inline HTML that is not prose
@example(("doc.md", "> - " * 60 + "The phone."))  # deep nesting is read like any other
def test_readers_map_prose_back_to_the_file(document) -> None:
    name, text = document
    prose = parse(text, name).prose
    assert parse(text, name).prose.text == prose.text  # deterministic
    for start, end in prose.words():
        span = prose.to_file(start, end)
        assert span is not None and 0 <= span[0] < span[1] <= len(text)
        written, word = text[span[0]:span[1]], prose.text[start:end]
        if "&" not in written:  # no entity: the word's characters in order, markup and escapes left out
            assert written[0] == word[0] and written[-1] == word[-1] and _subsequence(word, written), (word, written)


@given(documents(), st.sampled_from(BOMS))
@example(("doc.txt", "The xiaomi phone.\r\nAnd\rthe the end.\n"), b"\xef\xbb\xbf")
def test_check_pipeline_invariants(runner, document, bom) -> None:
    name, text = document
    data = encoded(text, bom)
    first = next(runner.run([Source(name, data)]))
    second = next(runner.run([Source(name, data)]))
    try:
        decoded = decode(data, name)
    except InputError:
        assert first.errors and not first.findings
        return
    assert not first.errors, first.errors  # decodable text is always read, however deep its Markdown nests
    _check_findings(decoded, first.findings)
    report = emitter("json").report(Report([first]))
    assert report == emitter("json").report(Report([second]))  # deterministic
    assert runner.app.decision.exit_code([first]) in (0, 1, 2)
    for output_format in ("text", "sarif"):
        assert emitter(output_format).report(Report([first]))


TERM = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F),
               min_size=2, max_size=10)


@st.composite
def glossaries(draw) -> dict:
    """A glossary that may be broken (duplicates, empty lists): a config error is fine, a crash is not."""
    terms = []
    for term in draw(st.lists(TERM, max_size=4)):
        entry = {"term": term}
        if draw(st.booleans()):
            entry["wrong"] = draw(st.lists(TERM, max_size=2))
        if draw(st.booleans()):
            entry["literal"] = [" ".join(draw(st.lists(TERM, min_size=2, max_size=3)))]
        if draw(st.booleans()):
            entry["case_sensitive"] = draw(st.booleans())
        terms.append(entry)
    return {"glossary": "fuzz", "terms": terms}


CODES = ["TQ1", "TQ2", "TQ104", "TQ203", "TQ4", "TQ6", "TQ7", "TQ701", "ALL"]


@st.composite
def configs(draw) -> dict:
    """Random values for the settings that change what is found and how it is judged."""
    config = {}
    if draw(st.booleans()):
        config["select"] = draw(st.lists(st.sampled_from(CODES), max_size=3, unique=True))
    if draw(st.booleans()):
        config["ignore"] = draw(st.lists(st.sampled_from(CODES[:-1]), max_size=2, unique=True))
    if draw(st.booleans()):
        config["severity"] = draw(st.dictionaries(st.sampled_from(CODES[:-1]),
                                                  st.sampled_from(["minor", "major", "critical"]), max_size=2))
    if draw(st.booleans()):
        config["min-severity"] = draw(st.sampled_from(["minor", "major", "critical"]))
    if draw(st.booleans()):
        config["fail-on"] = draw(st.sampled_from(["minor", "major", "critical", "none"]))
    if draw(st.booleans()):
        config["threshold"] = draw(st.floats(0, 100))
    if draw(st.booleans()):
        config["source-languages"] = draw(st.lists(st.sampled_from(["es", "pt", "fr", "it", "de", "ca"]),
                                                   max_size=2, unique=True))
    config["default-glossary"] = draw(st.booleans())
    return config


def _toml(config: dict) -> str:
    lines, tables = [], []
    for key, value in config.items():
        if isinstance(value, dict):
            tables.append(f"[{key}]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in value.items()))
        else:
            lines.append(f"{key} = {json.dumps(value)}\n")
    return "".join(lines) + "".join(tables)


@settings(max_examples=max(5, settings.default.max_examples // 4))
@given(documents(), configs(), glossaries())
@example(("doc.md", "The xiaomi phone."), {"select": ["TQ1"]}, {"glossary": "fuzz", "terms": [{"term": "Ab"}] * 2})
def test_whole_check_with_random_config_and_glossary(tmp_path_factory, document, config, glossary) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    name, text = document
    (folder / name).write_bytes(encoded(text, b""))
    (folder / "glossary.yaml").write_text(yaml.safe_dump(glossary, allow_unicode=True), encoding="utf-8")
    (folder / "tqcheck.toml").write_text(_toml({**config, "glossaries": ["glossary.yaml"]}), encoding="utf-8")
    args = ("check", "--config", str(folder / "tqcheck.toml"), "--no-grammar", "--no-cache", "--format", "json",
            str(folder / name))
    result = run_cli(*args)
    assert result.exit_code in (0, 1, 2), result.stderr
    if not result.stdout:  # a config or glossary error: one line on stderr, nothing checked
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        return
    assert result.stdout == run_cli(*args).stdout  # deterministic
    (checked,) = json.loads(result.stdout)["files"]
    try:
        decoded = decode(encoded(text, b""), name)
    except InputError:
        assert checked["errors"] and not checked["findings"]
        return
    for finding in checked["findings"]:
        assert decoded[finding["start"]:finding["end"]] == finding["text"]
        assert _position(decoded, finding["start"]) == (finding["line"], finding["column"])
