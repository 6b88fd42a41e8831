"""The JSON report is a public interface: schema, key order and determinism are tested."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import run_process

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text())


def test_samples_report_matches_schema(cli) -> None:
    result = cli("check", "--no-grammar", "--format", "json", str(ROOT / "samples"))
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["files"] == 4
    assert report["summary"]["findings"] == sum(len(f["findings"]) for f in report["files"])
    assert report["grammar"]["checked"] is False and "grammar is off" in report["grammar"]["reason"]


def test_key_order_is_stable(cli) -> None:
    report = json.loads(cli("check", "--no-grammar", "--format", "json", str(ROOT / "samples")).stdout)
    assert list(report) == ["version", "tool", "grammar", "files", "summary"]
    assert list(report["files"][0]) == ["path", "format", "language", "source_language", "source_language_guessed",
                                        "words", "score", "metrics", "grammar_checked", "findings", "errors", "gaps"]
    finding = next(f for file in report["files"] for f in file["findings"])
    assert list(finding) == [
        "code", "rule", "category", "severity", "message", "text", "suggestions", "fix_safe", "origin",
        "line", "column", "end_line", "end_column", "start", "end"]


def test_output_is_byte_identical_across_runs(cli) -> None:
    first = cli("check", "--no-grammar", "--format", "json", str(ROOT / "samples")).stdout_bytes
    second = cli("check", "--no-grammar", "--format", "json", str(ROOT / "samples")).stdout_bytes
    assert first == second


def test_score_follows_the_documented_formula(cli, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The xiaomi phone. " + "Words here. " * 150)
    report = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", str(article)).stdout)
    file = report["files"][0]
    assert file["words"] == 3 + 2 * 150
    assert file["score"]["penalty"] == 1.0
    assert file["score"]["per_1000_words"] == round(1000 / 303, 1)
    assert file["score"]["normed_penalty"] == round(1000 / 303, 1)
    assert file["score"]["quality"] == round(100 * 0.95 ** ((1000 / 303) / 5), 1)
    assert file["score"]["passed"] is True
    assert file["score"]["signature"].startswith("tqcheck:0.1.0|model:calibrated,tolerance=5,anchor=95|rwc:1000")
    assert "weights:neutral=0,minor=1,major=5,critical=25" in file["score"]["signature"]


def test_source_language_is_guessed_from_leakage(cli, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The launch del phone was confirmed by Samsung y Google, and the empresa agreed.\n")
    file = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", str(article)).stdout)["files"][0]
    assert (file["source_language"], file["source_language_guessed"]) == ("es", True)
    configured = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", "--source-language", "pt",
                                str(article)).stdout)["files"][0]
    assert (configured["source_language"], configured["source_language_guessed"]) == ("pt", False)


def test_sarif_output_matches_the_official_schema(cli) -> None:
    from conftest import SHARED

    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        import pytest

        pytest.skip("shared SARIF schema not available")
    result = cli("check", "--no-grammar", "--format", "sarif", str(ROOT / "samples"))
    document = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(schema_file.read_text()))
    run = document["runs"][0]
    as_json = json.loads(cli("check", "--no-grammar", "--format", "json", str(ROOT / "samples")).stdout)
    assert len(run["results"]) == as_json["summary"]["findings"]
    first = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    finding = next(f for file in as_json["files"] for f in file["findings"])
    assert (first["startLine"], first["startColumn"], first["endColumn"]) == (
        finding["line"], finding["column"], finding["end_column"])
    assert any("fixes" in r for r in run["results"])


@pytest.mark.grammar
@pytest.mark.slow
def test_output_is_byte_identical_with_grammar_fresh_and_from_the_cache(tmp_path) -> None:
    """The embedded server's random port and 'from the cache' stay out of the JSON (the text report shows them)."""
    (tmp_path / "a.txt").write_text("We recieved the xiaomi phone.\n")
    runs = [run_process("check", "--isolated", "--format", "json", "a.txt", cwd=tmp_path) for _ in range(2)]
    assert [r.returncode for r in runs] == [1, 1], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    assert json.loads(runs[0].stdout)["grammar"] == {"checked": True, "reason": "LanguageTool"}


@pytest.mark.parametrize("files", [0, 1, 3])
def test_the_report_written_in_pieces_is_the_document_dumped_at_once(cli, tmp_path: Path, files: int) -> None:
    """The JSON emitter writes a file at a time (memory stays flat in corpus size): the same bytes as `to_dict()`
    dumped in one call, also where a grammar reason holds what the pieces are joined with."""
    from tqcheck.report.emitters import pieces
    from tqcheck.report.emitters.json import JsonEmitter
    from tqcheck.report.model import GrammarStatus, Report

    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".md", ".txt", ".html"))[:files]
    written, empty = tmp_path / "report.json", tmp_path / "empty"
    empty.mkdir()
    done = cli("check", "--isolated", "--no-grammar", "--allow-empty", "--format", "json", "--output",
               f"json={written}", *map(str, samples or [empty]))
    assert done.exit_code in (0, 1), done.stderr
    report = json.loads(written.read_text(encoding="utf-8"))
    assert len(report["files"]) == files and written.read_text(encoding="utf-8") == done.stdout
    assert done.stdout == json.dumps(report, ensure_ascii=False, separators=(", ", ": ")) + "\n"
    tricky = Report([], GrammarStatus(False, 'off: "files": [], "summary": {}\n\u2028é'))
    expected = json.dumps(tricky.to_dict(), ensure_ascii=False, separators=(", ", ": ")) + "\n"
    assert "".join(pieces(JsonEmitter(), tricky)) == JsonEmitter().report(tricky) == expected
