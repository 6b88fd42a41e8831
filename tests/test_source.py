"""`check --source`: source-aware findings and omission evidence, for a translation read beside its original."""

from __future__ import annotations

import json
import math

import jsonschema
import pytest

from conftest import ROOT
from tqcheck.source import (DENSITY, TOLERANCE, WEIGHT, Comparison, Evidence, compare, expected_ratio, missing_names,
                            missing_numbers)

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text())

# Made-up sentences (not from any corpus): a Chinese source and English translations of it.
SOURCE = "我们在2019年卖出了3万台iPhone，这是公司历史上最好的一年，也是TED大会上讨论最多的话题之一。"
FAITHFUL = ("In 2019 we sold 30,000 iPhones. It was the best year in the history of the company, and it was also one "
            "of the most discussed topics at the TED conference.")
PLAIN = "这是公司历史上最好的一年，也是大会上讨论最多的话题之一。"
PLAIN_FAITHFUL = "It was the best year in the history of the company, and also one of the most discussed topics at the conference."


@pytest.mark.parametrize("source,target,missing", [
    ("30亿人用过它。", "Three billion people have used it.", []),  # a number word and a magnitude word
    ("30亿人用过它。", "3 billion people have used it.", []),
    ("卖出了3万台。", "They sold 30,000 units.", []),
    ("增长了1.5%。", "It grew by 1.5%.", []),
    ("在2019年。", "In 2018.", ["2019"]),
    ("价格是299元。", "The price is 199 yuan.", ["299"]),
    ("他有3个孩子。", "He has children.", ["3"]),
    ("3月有3场比赛。", "There are games in March.", ["3"]),  # a number twice in the source: one finding
    ("3月有3场比赛。", "There are 3 games in March.", []),
])
def test_numbers_of_the_source_must_reach_the_target(source: str, target: str, missing: list[str]) -> None:
    assert missing_numbers(source, target) == missing


def test_latin_names_of_a_non_latin_source_must_reach_the_target() -> None:
    assert missing_names(SOURCE, FAITHFUL) == []
    assert missing_names(SOURCE, "In 2019 we sold 30,000 phones.") == ["iPhone", "TED"]


def test_a_faithful_translation_has_no_finding_and_no_evidence() -> None:
    found = compare(PLAIN, PLAIN_FAITHFUL + "\n", "zh", "en")
    assert found.issues == [] and found.evidence == 0.0 and found.pairing == "line"
    # Names and numbers carry over one character for one: they do not make the translation look short.
    assert compare(SOURCE, FAITHFUL + "\n", "zh", "en") == Comparison([], 0.0, "line", "zh")


def test_an_omission_gives_a_finding_and_graded_evidence() -> None:
    short = "It was the best year.\n"
    found = compare(PLAIN, short, "zh", "en")
    assert [i.rule.code for i in found.issues] == ["TQ904"]
    ratio = len(short.replace(" ", "").strip()) / len(PLAIN)
    expected = expected_ratio("zh", "en")
    assert ratio < expected / 2
    assert found.evidence == pytest.approx(WEIGHT * math.log(expected / TOLERANCE / ratio))
    # Less omitted, less evidence, and no finding once the line is within twice its usual length.
    longer = compare(PLAIN, "It was the best year of the company and a topic at the conference.\n", "zh", "en")
    assert 0 < longer.evidence < found.evidence and longer.issues == []


def test_lines_pair_when_their_counts_agree_else_the_texts_compare_whole() -> None:
    source = "第一行有5个苹果。\n\n第二行有7个梨。\n"
    paired = compare(source, "The first line has 5 apples.\n\nThe second line has pears.\n", "zh", "en")
    assert paired.pairing == "line"
    assert [(i.rule.code, i.start) for i in paired.issues] == [("TQ901", 30)]  # on the second target line
    whole = compare(source, "The first line has 5 apples and the second has 7 pears.\n", "zh", "en")
    assert whole.pairing == "document" and whole.issues == []


def test_source_script_left_in_the_translation() -> None:
    found = compare(SOURCE, FAITHFUL.replace("conference", "大会"), "zh", "en")
    assert [(i.rule.code, FAITHFUL.replace("conference", "大会")[i.start:i.end]) for i in found.issues] == [
        ("TQ902", "大会")]


def test_a_latin_source_checks_numbers_but_not_names_or_script() -> None:
    source = "Apple vendió 3 millones de iPhone en 2019, según la empresa, en todo el mundo."
    target = "Apple sold 3 million iPhones in 2019, according to the company, worldwide."
    assert compare(source, target, "es", "en").issues == []
    assert [i.rule.code for i in compare(source, target.replace("2019", "2018"), "es", "en").issues] == ["TQ901"]


def test_an_unknown_language_has_no_length_check() -> None:
    assert "xx" not in DENSITY and expected_ratio("xx", "en") is None
    assert compare("Lorem ipsum dolor sit amet " * 10, "Short.", "xx", "en").evidence == 0.0


def _pair(tmp_path, target: str, source: str = SOURCE):
    (tmp_path / "out").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "out" / "a.txt").write_text(target, encoding="utf-8")
    (tmp_path / "src" / "a.txt").write_text(source + "\n", encoding="utf-8")
    return str(tmp_path / "out"), str(tmp_path / "src")


def test_check_source_adds_findings_evidence_and_a_signature(cli, tmp_path) -> None:
    out, src = _pair(tmp_path, "In 2018 we sold 30,000 phones.\n")
    result = cli("check", "--isolated", "--no-grammar", "--no-cache", "--format", "json", "--fail-on", "none",
                 out, "--source", src)
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    file = report["files"][0]
    assert sorted(f["code"] for f in file["findings"]) == ["TQ901", "TQ903", "TQ903", "TQ904"]
    assert all(f["origin"] == "source" for f in file["findings"])
    score = file["score"]
    assert score["source_evidence"] > 0
    assert score["penalty"] == pytest.approx(5 + 1 + 1 + 1 + score["source_evidence"], abs=0.1)
    assert "|source:density=" in score["signature"] and report["summary"]["score"]["source_evidence"] > 0
    plain = json.loads(cli("check", "--isolated", "--no-grammar", "--no-cache", "--format", "json", "--fail-on",
                           "none", out).stdout)["files"][0]
    assert "source_evidence" not in plain["score"] and "|source:" not in plain["score"]["signature"]
    assert plain["findings"] == []


def test_source_findings_obey_ignore_and_severity(cli, tmp_path) -> None:
    out, src = _pair(tmp_path, "In 2018 we sold 30,000 phones.\n")
    result = cli("check", "--isolated", "--no-grammar", "--no-cache", "--fail-on", "none", "--ignore", "TQ903,TQ904",
                 "--severity", "TQ901=critical", out, "--source", src)
    assert "TQ901 '2019' of the source is not in this line" in result.stdout
    assert "TQ903" not in result.stdout and "TQ904" not in result.stdout
    assert "1 critical" in result.stdout
    assert ", source evidence " in result.stdout  # the score line says what the penalty holds


def test_bad_source_paths_are_usage_errors(cli, tmp_path) -> None:
    out, src = _pair(tmp_path, FAITHFUL + "\n")
    missing = cli("check", "--isolated", "--no-grammar", out, "--source", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "source not found" in missing.stderr
    mixed = cli("check", "--isolated", "--no-grammar", out, "--source", str(tmp_path / "src" / "a.txt"))
    assert mixed.exit_code == 2 and "one of translation and source is a folder" in mixed.stderr


def test_the_evidence_tolerance_and_weight_are_settings(cli, tmp_path) -> None:
    out, src = _pair(tmp_path, "In 2018 we sold 30,000 phones.\n")
    assert Evidence(1.1, 5).points(0.5) == pytest.approx(5 * math.log(1 / 1.1 / 0.5))
    assert Evidence(1.1, 5).points(1 / 1.1) == 0.0 and Evidence(1.1, 0).points(0.1) == 0.0

    def run(*options: str, cwd=None) -> dict:
        result = cli("check", "--no-grammar", "--no-cache", "--format", "json", "--fail-on", "none", out,
                     "--source", src, *options, cwd=cwd)
        return json.loads(result.stdout)["files"][0]["score"]

    default = run("--isolated")
    milder = run("--isolated", "--source-tolerance", "1.5", "--source-weight", "2")
    assert 0 < milder["source_evidence"] < default["source_evidence"]
    assert "tolerance=1.1,weight=5," in default["signature"]
    assert "tolerance=1.5,weight=2," in milder["signature"]
    assert run("--isolated", "--source-weight", "0")["source_evidence"] == 0.0
    (tmp_path / "tqcheck.toml").write_text("source-tolerance = 1.5\nsource-weight = 2\n", encoding="utf-8")
    assert run("--config", str(tmp_path / "tqcheck.toml")) == milder
    (tmp_path / "tqcheck.toml").write_text('source-weight = -1\n', encoding="utf-8")
    broken = cli("check", "--no-grammar", "--config", str(tmp_path / "tqcheck.toml"), out, "--source", src)
    assert broken.exit_code == 2 and "source-weight" in broken.stderr
    too_small = cli("check", "--isolated", "--no-grammar", out, "--source", src, "--source-tolerance", "0.5")
    assert too_small.exit_code == 2


def test_a_baseline_records_source_findings(cli, tmp_path) -> None:
    out, src = _pair(tmp_path, "In 2018 we sold 30,000 phones.\n")
    written = cli("baseline", "--isolated", "--no-grammar", "--no-cache", out, "--source", src,
                  "-o", str(tmp_path / "base.json"))
    assert written.exit_code == 0
    stored = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    # Each missing name is its own entry (the two TQ903 are told apart by the name).
    assert sorted(f["code"] for f in stored["findings"]) == ["TQ901", "TQ903", "TQ903", "TQ904"]
    checked = cli("check", "--isolated", "--no-grammar", "--no-cache", "--format", "json", out, "--source", src,
                  "--baseline", str(tmp_path / "base.json"))
    file = json.loads(checked.stdout)["files"][0]
    assert file["findings"] == [] and "4 finding(s) in the baseline" in checked.stderr
    # Only the findings are baselined: the omission evidence still counts.
    assert file["score"]["penalty"] == file["score"]["source_evidence"] > 0
    # The line reworded: what was missing and still is stays in the baseline; a number newly lost is reported.
    (tmp_path / "out" / "a.txt").write_text("In 2017 we sold many phones.\n", encoding="utf-8")
    again = cli("check", "--isolated", "--no-grammar", "--no-cache", "--format", "json", out, "--source", src,
                "--baseline", str(tmp_path / "base.json"))
    assert [f["message"] for f in json.loads(again.stdout)["files"][0]["findings"]] == [
        "'3' of the source is not in this line"]


def test_score_source_reports_the_comparison_per_file_and_corpus(cli, tmp_path) -> None:
    out, src = _pair(tmp_path, "In 2018 we sold 30,000 phones.\n")
    (tmp_path / "out" / "b.txt").write_text(FAITHFUL + "\n", encoding="utf-8")
    (tmp_path / "src" / "b.txt").write_text(SOURCE + "\n", encoding="utf-8")
    report = json.loads(cli("score", out, "--source", src, "--format", "json").stdout)
    assert report["files"] == [] and report["corpus"] is None and report["errors"] == []
    short, faithful = report["source"]["files"]
    assert short["findings"] == {"TQ901": 1, "TQ903": 2, "TQ904": 1} and short["source_language"] == "zh"
    assert short["penalty"] == pytest.approx(5 + 2 + 1 + short["source_evidence"], abs=0.1)
    assert faithful["findings"] == {} and faithful["penalty"] == 0.0 and faithful["pairing"] == "line"
    corpus = report["source"]["corpus"]
    assert corpus["words"] == short["words"] + faithful["words"] and corpus["penalty"] == short["penalty"]
    assert report["source"]["signature"].startswith("source:density=")
    # The same numbers as check --source gives the file.
    checked = json.loads(cli("check", "--isolated", "--no-grammar", "--no-cache", "--format", "json",
                             "--fail-on", "none", out, "--source", src).stdout)["files"][0]["score"]
    assert (checked["penalty"], checked["source_evidence"]) == (short["penalty"], short["source_evidence"])
    text = cli("score", out, "--source", src)
    assert text.exit_code == 0 and "TQ901 1, TQ903 2, TQ904 1" in text.stdout and "source corpus (2 files)" in text.stdout
    # With a reference too, both reports in one run (the translations serve as their own references here).
    both = json.loads(cli("score", out, "--reference", out, "--source", src, "--format", "json").stdout)
    assert len(both["files"]) == 2 and both["corpus"]["chrf"]["score"] == 100.0
    assert both["source"]["files"] == report["source"]["files"]


def test_score_needs_a_reference_or_a_source_and_reports_unpaired_files(cli, tmp_path) -> None:
    out, src = _pair(tmp_path, FAITHFUL + "\n")
    assert cli("score", out).exit_code == 2
    (tmp_path / "out" / "extra.txt").write_text(FAITHFUL + "\n", encoding="utf-8")
    result = cli("score", out, "--source", src)
    assert result.exit_code == 2 and "no source file" in result.stdout and "extra.txt" in result.stdout
    assert cli("score", out, "--source", src, "--source-language", "xx").exit_code == 2
