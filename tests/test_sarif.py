"""SARIF: the official schema, rule metadata for dashboards, fingerprints that survive moved text, scores per file,
and the real consumer sarif-tools reading every finding."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SHARED

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
SARIF_TOOL = Path(sys.executable).with_name("sarif")


def _schema() -> dict:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SKIPPED LOUDLY: {SARIF_SCHEMA} is not there; SARIF is not validated against the schema")
    return json.loads(SARIF_SCHEMA.read_text())


def _sarif(cli, *args: str) -> dict:
    return json.loads(cli("check", "--isolated", "--no-grammar", "--format", "sarif", *args).stdout)


def _readme_anchors() -> set[str]:
    headings = re.findall(r"^#+ (.+)$", (ROOT / "README.md").read_text(), flags=re.M)
    return {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}


def test_rule_metadata_is_complete_and_valid(cli) -> None:
    schema = _schema()
    document = json.loads(cli("rules", "--format", "sarif").stdout)
    jsonschema.validate(document, schema)
    rules = {rule["id"]: rule for rule in document["runs"][0]["tool"]["driver"]["rules"]}
    anchors = _readme_anchors()
    for rule in rules.values():
        assert rule["fullDescription"]["text"] and rule["help"]["markdown"] and rule["help"]["text"]
        assert rule["properties"]["category"] in rule["properties"]["tags"]
        page, _, anchor = rule["helpUri"].partition("#")
        assert page.endswith("README.md") and anchor in anchors
    from tqcheck.rules.packs import load_pack

    casing = load_pack("casing").spec.rules[0]
    help_text = rules[casing.code]["help"]["markdown"]
    for example in casing.examples.fail_examples() + casing.examples.pass_examples():
        assert f"`{example.text}`" in help_text
    assert rules["TQ801"]["helpUri"].endswith("#grammar")


def test_check_output_is_valid_with_roots_artifacts_and_scores(cli, tmp_path, monkeypatch) -> None:
    schema = _schema()
    monkeypatch.chdir(ROOT)
    document = _sarif(cli, "samples")
    jsonschema.validate(document, schema)
    run = document["runs"][0]
    root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root == ROOT.as_uri() + "/"
    report = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", "samples").stdout)
    assert [a["location"]["uri"] for a in run["artifacts"]] == [f["path"] for f in report["files"]]
    assert [a["properties"]["score"] for a in run["artifacts"]] == [f["score"] for f in report["files"]]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%" and (ROOT / location["uri"]).is_file()
        assert run["artifacts"][location["index"]]["location"]["uri"] == location["uri"]
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_fingerprints_survive_moved_lines_and_tell_twins_apart(cli, tmp_path) -> None:
    article = tmp_path / "a.md"
    body = "The xiaomi phone and the Samsumg tablet.\n\nLater the xiaomi phone again.\n"
    article.write_text(body)
    before = _sarif(cli, str(article))["runs"][0]["results"]
    article.write_text("# A new title\n\nA new opening paragraph that is clean.\n\n" + body)
    after = _sarif(cli, str(article))["runs"][0]["results"]
    prints = [r["partialFingerprints"]["tqcheck/v1"] for r in before]
    assert prints == [r["partialFingerprints"]["tqcheck/v1"] for r in after]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before] != [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    assert len(set(prints)) == len(prints) == 3  # the two 'xiaomi' findings are told apart


def test_sarif_tools_reads_every_finding(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    sarif_file = tmp_path / "tqcheck.sarif"
    cli("check", "--isolated", "--no-grammar", "--output", f"sarif={sarif_file}", "samples")
    report = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", "samples").stdout)
    findings = [(f["code"], file["path"], f["line"]) for file in report["files"] for f in file["findings"]]

    def sarif(*args: str) -> str:
        done = subprocess.run([str(SARIF_TOOL), *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "error" not in done.stderr.lower() and "warning" not in done.stderr.lower(), done.stderr
        return done.stdout

    assert sarif("ls", str(tmp_path)).split() == [f"{tmp_path}:", sarif_file.name]
    summary = sarif("summary", str(sarif_file))
    counts = {level: int(n) for level, n in re.findall(r"^(error|warning|note): (\d+)$", summary, flags=re.M)}
    levels = {"error": "critical", "warning": "major", "note": "minor"}
    assert {level: counts[level] for level in levels} == {
        level: report["summary"]["by_severity"][severity] for level, severity in levels.items()}
    assert sum(counts.values()) == len(findings) > 10
    sarif("csv", str(sarif_file), "--output", str(tmp_path / "listed.csv"))
    with open(tmp_path / "listed.csv", newline="") as handle:
        listed = sorted((row["Code"], row["Location"], int(row["Line"])) for row in csv.DictReader(handle))
    assert listed == sorted(findings)
