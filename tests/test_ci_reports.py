"""The CI formats: GitHub annotations (escaping as the runner reads it), the Markdown summary, JUnit XML read by
junitparser and valid against the JUnit schema, and several reports from one run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from junitparser import Error, Failure, JUnitXml
from markdown_it import MarkdownIt

from conftest import ROOT
from tqcheck.findings import Finding, Severity
from tqcheck.report.emitters.github import GithubEmitter, command
from tqcheck.report.emitters.markdown import MarkdownEmitter
from tqcheck.report.model import GrammarStatus, Report
from tqcheck.results import FileResult

JUNIT_XSD = ROOT / ".venv" / "schemas" / "junit-10.xsd"
ANNOTATION = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(text: str, property_value: bool) -> str:
    """What GitHub's runner makes of an escaped command part (toolkit's escapeData/escapeProperty, reversed)."""
    if property_value:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    kind, listed, message = ANNOTATION.match(line).groups()
    properties = dict(item.split("=", 1) for item in listed.split(","))
    return kind, {k: _unescape(v, True) for k, v in properties.items()}, _unescape(message, False)


def _json(cli, *args: str) -> dict:
    return json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", *args).stdout)


def test_command_escapes_what_github_documents() -> None:
    tricky = "100% sure,\r\nline two: a, b"
    line = command("warning", tricky, file="dir/a,b:c.md", line=3, title="T: x, y")
    assert "\n" not in line and "\r" not in line
    kind, properties, message = _parse(line)
    assert (kind, message) == ("warning", tricky)
    assert properties == {"file": "dir/a,b:c.md", "line": "3", "title": "T: x, y"}


def test_every_finding_is_annotated_at_its_place(cli, tmp_path) -> None:
    article = tmp_path / "news, 100%: today.md"
    article.write_text("The xiaomi phone, launched today.\n\nSamsumg said the Snapdagon chip is fast.\n")
    out = cli("check", "--isolated", "--no-grammar", "--format", "github", str(article)).stdout.splitlines()
    findings = _json(cli, str(article))["files"][0]["findings"]
    annotations = [_parse(line) for line in out if line.startswith("::")]
    levels = {"critical": "error", "major": "warning", "minor": "notice"}
    for finding, (kind, properties, message) in zip(findings, annotations):
        assert kind == levels[finding["severity"]] and properties["file"] == str(article)
        assert (properties["line"], properties["col"], properties["endColumn"]) == (
            str(finding["line"]), str(finding["column"]), str(finding["end_column"]))
        assert properties["title"].startswith(finding["code"]) and message.startswith(finding["message"])
    assert annotations[len(findings)][1]["title"] == "Article fails the quality gate"
    assert out[-1].startswith("Checked 1 file(s)")


def _result(findings: list[Finding], path: str = "a.md") -> FileResult:
    return FileResult(path, "markdown", "en-US", None, words=10, findings=findings)


def _finding(line: int, end_line: int, message: str = "m") -> Finding:
    return Finding("TQ601", "page-furniture", "design/boilerplate", Severity.MAJOR, message, "x", [], False,
                   "rules", 0, 1, line, 1, end_line, 5)


def test_a_finding_over_several_lines_has_no_columns() -> None:
    out = GithubEmitter().report(Report([_result([_finding(2, 4)])], GrammarStatus(False, "off")))
    _, properties, _ = _parse(out.splitlines()[0])
    assert properties["line"] == "2" and properties["endLine"] == "4"
    assert "col" not in properties and "endColumn" not in properties


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _table_rows(text: str) -> list[int]:
    """Body rows of each Markdown table, as a GitHub-like renderer parses them."""
    rows: list[int] = []
    for token in _markdown().parse(text):
        if token.type == "table_open":
            rows.append(-1)  # the header row is not a body row
        elif token.type == "tr_open":
            rows[-1] += 1
    return rows


def test_markdown_summary_has_a_score_table_and_collapsed_findings(cli, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    text = cli("check", "--isolated", "--no-grammar", "--format", "markdown", "samples").stdout
    report = _json(cli, "samples")
    failing = [f for f in report["files"] if f["findings"]]
    assert _table_rows(text) == [len(report["files"])] + [len(f["findings"]) for f in failing]
    assert text.count("<details>") == len(failing) == text.count("</details>")
    for file in report["files"]:
        quality = f"{file['score']['quality']:.1f}"
        assert re.search(rf"<code>{re.escape(file['path'])}</code> \| {quality} \|", text)


def test_markdown_escapes_article_text_and_stays_short() -> None:
    nasty = [_finding(1, 1, "<script>alert(1)</script> | [x](javascript:alert(1)) `tick`")] * 3
    text = MarkdownEmitter().report(Report([_result(nasty, "a|b.md")], GrammarStatus(False, "off")))
    html = _markdown().render(text)
    assert "<script>" not in html and 'href="javascript' not in html
    assert _table_rows(text) == [1, 3]
    assert html.split("<h3>Findings</h3>")[1].count("<td>") == 3 * 6  # the pipe in the message split no cell

    many = [_result([_finding(1, 1, "y" * 500)] * 20, f"file-{i}.md") for i in range(40)]
    long = MarkdownEmitter().report(Report(many, GrammarStatus(False, "off")))
    assert len(long) < 65_536 and "more findings in" in long


def _junit_schema():
    if not JUNIT_XSD.is_file():
        pytest.skip(f"SKIPPED LOUDLY: {JUNIT_XSD} is missing; `make test` fetches it "
                    "(python tests/support/fetch_junit_schema.py .venv/schemas/junit-10.xsd)")
    import xmlschema

    return xmlschema.XMLSchema(str(JUNIT_XSD))


def test_junit_is_valid_and_junitparser_reads_a_case_per_article(cli, tmp_path) -> None:
    schema = _junit_schema()
    for name, text in {"good.md": "A clean sentence about phones.\n",
                       "bad.md": "The xiaomi phone\x01 and the Samsumg tablet.\n"}.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "broken.md").write_bytes(b"\xff\xfe not UTF-8")
    xml_file = tmp_path / "junit.xml"
    cli("check", "--isolated", "--no-grammar", "--output", f"junit={xml_file}", str(tmp_path / "bad.md"),
        str(tmp_path / "good.md"), str(tmp_path / "broken.md"))
    schema.validate(str(xml_file))
    report = _json(cli, str(tmp_path / "bad.md"), str(tmp_path / "good.md"), str(tmp_path / "broken.md"))
    cases = {case.name: case for suite in JUnitXml.fromfile(str(xml_file)) for case in suite}
    assert set(cases) == {f["path"] for f in report["files"]}
    for file in report["files"]:
        case = cases[file["path"]]
        if file["errors"]:
            assert isinstance(case.result[0], Error)
        elif file["score"]["passed"] and not file["findings"]:
            assert case.is_passed
        else:
            failure = case.result[0]
            assert isinstance(failure, Failure) and "below threshold" in failure.message
            for finding in file["findings"]:
                assert f"{file['path']}:{finding['line']}:{finding['column']}: {finding['code']}" in failure.text


def test_a_failed_min_score_gate_is_reported_in_every_ci_format(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    common = ("check", "--isolated", "--no-grammar", "--min-score", "50", "samples")
    summary = _json(cli, "--min-score", "50", "samples")["summary"]
    reason = f"corpus quality {summary['score']['quality']:.1f} below min-score 50"
    assert summary["score"]["quality"] < 50 and summary["failures"] == [reason]
    github = cli(*common, "--format", "github").stdout.splitlines()
    assert ("error", {"title": "Corpus fails the quality gate"}, reason) in [
        _parse(line) for line in github if line.startswith("::")]
    markdown = cli(*common, "--format", "markdown").stdout
    assert f"**Run failed:** {reason}." in markdown and "Score signature: <code>tqcheck:" in markdown
    xml_file = tmp_path / "junit.xml"
    cli(*common, "--output", f"junit={xml_file}")
    cases = {case.name: case for suite in JUnitXml.fromfile(str(xml_file)) for case in suite}
    assert cases["corpus"].result[0].message == reason and len(cases) == 5


def test_several_reports_from_one_run(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("check", "--isolated", "--no-grammar", "--format", "text", "--output", f"sarif={tmp_path}/x.sarif",
                 "--output", f"json={tmp_path}/out/", "--output", f"markdown={tmp_path}/summary.md", "samples")
    assert result.stdout.startswith("samples/") and "Checked 4 file(s)" in result.stdout
    assert json.loads((tmp_path / "x.sarif").read_text())["version"] == "2.1.0"
    assert json.loads((tmp_path / "out" / "tqcheck.json").read_text()) == _json(cli, "samples")
    assert (tmp_path / "summary.md").read_text().startswith("## tqcheck")
    bare = cli("check", "--isolated", "--no-grammar", "--format", "json", "-o", str(tmp_path / "r.json"), "samples")
    assert bare.stdout == "" and json.loads((tmp_path / "r.json").read_text())["summary"]["files"] == 4


@pytest.mark.parametrize("outputs", [["a.json", "b.json"], ["json=same", "sarif=same"], ["json="]])
def test_ambiguous_outputs_are_usage_errors(outputs: list[str], tmp_path) -> None:
    from conftest import run_process

    args = [arg for value in outputs for arg in ("--output", str(tmp_path / value) if "=" not in value
                                                 else value.replace("=", f"={tmp_path}/", 1) if not value.endswith("=")
                                                 else value)]
    done = run_process("check", "--isolated", "--no-grammar", *args, str(ROOT / "samples"))
    assert done.returncode == 2 and b"--output" in done.stderr and b"Traceback" not in done.stderr
