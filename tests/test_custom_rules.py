"""tqcheck's own LanguageTool rules (grammar_custom.xml) through a real server that tqcheck starts: every rule's
examples (LanguageTool's rule-test format) and one invented sentence through `tqcheck check` as TQ840."""

from __future__ import annotations

import json
import os
import urllib.parse

import pytest

from tqcheck.grammar.custom_rules import CATEGORY, class_path, examples, rule_ids, rules_file
from tqcheck.grammar.install import install
from tqcheck.grammar.mapping import CATEGORIES
from tqcheck.grammar.server import LanguageToolServer, http_json

EXAMPLES = examples()


@pytest.fixture(scope="module")
def server():
    """A real LanguageTool server started the way tqcheck starts its embedded one (its class path)."""
    with LanguageToolServer(install(progress=print).jar) as running:
        yield running


def _matches(server: LanguageToolServer, text: str) -> list[dict]:
    answer = http_json(urllib.parse.urljoin(server.url, "check"), {"language": "en-US", "text": text}, timeout=120)
    return answer["matches"]


def test_the_rule_file_is_first_on_the_class_path_and_maps_to_its_own_code(tmp_path) -> None:
    entries = class_path(tmp_path / "server.jar").split(os.pathsep)
    assert entries == [str(rules_file().parents[4]), str(tmp_path / "server.jar")]
    assert CATEGORIES[CATEGORY][0] == "TQ840"
    ids = rule_ids()
    assert ids and len(ids) == len(set(ids)) and all(rule_id.startswith("TQ_") for rule_id in ids)


def test_every_rule_has_a_fail_and_a_pass_example() -> None:
    for rule_id in rule_ids():
        mine = [example for example in EXAMPLES if example.rule_id == rule_id]
        assert any(example.marker for example in mine), f"{rule_id} has no example it flags"
        assert any(example.marker is None for example in mine), f"{rule_id} has no example it leaves alone"


@pytest.mark.grammar
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.rule_id}:{e.text[:40]}")
def test_custom_rule_example(server, example) -> None:
    found = [m for m in _matches(server, example.text) if m["rule"]["id"] == example.rule_id]
    if example.marker is None:
        assert found == [], f"{example.rule_id} flags a pass example"
        return
    assert [(m["offset"], m["offset"] + m["length"]) for m in found] == [example.marker]
    assert found[0]["rule"]["category"]["id"] == CATEGORY
    if example.correction:  # LanguageTool's format: alternatives separated by '|', in the order suggested
        wanted = example.correction.split("|")
        assert [r["value"] for r in found[0]["replacements"]][:len(wanted)] == wanted


@pytest.mark.grammar
def test_tqcheck_reports_a_custom_rule_as_tq840(cli, tmp_path) -> None:
    """The embedded server that `tqcheck check` starts loads the rules: an invented sentence comes back as TQ840."""
    path = tmp_path / "note.txt"
    path.write_text("The museum is one of the oldest building in the valley.\n", encoding="utf-8")
    result = cli("check", "--isolated", "--no-cache", "--format", "json", str(path))
    findings = [f for file in json.loads(result.stdout)["files"] for f in file["findings"]]
    assert [(f["code"], f["text"]) for f in findings if f["code"] == "TQ840"] == [("TQ840", "building")]
    assert "TQ_ONE_OF_THE_SINGULAR" in next(f["message"] for f in findings if f["code"] == "TQ840")
