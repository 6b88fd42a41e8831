"""Rule packs: broken packs are clear errors naming file and line; `tqcheck rules test` runs a user's pack."""

from __future__ import annotations

import pytest

from tqcheck.errors import ConfigError
from tqcheck.rules.packs import load_packs

GOOD = """pack: house
rules:
  - code: HS001
    name: no-utilize
    kind: phrases
    category: style/wordiness
    severity: minor
    message: "Write '{replacement}' instead of '{match}'"
    phrases: {utilize: use}
    examples:
      fail: [{text: "We utilize it.", flagged: utilize, fix: use}]
      pass: ["We use it."]
"""


@pytest.mark.parametrize("content,where,message", [
    (GOOD.replace("phrases: {utilize: use}", "kind2: x"), ":", "unknown key"),
    (GOOD.replace("kind: phrases\n", "kind: pattern\n    pattern: '(unclosed'\n").replace("    phrases: {utilize: use}\n", ""),
     ":3:", "invalid regex"),
    (GOOD.replace("code: HS001", "code: bad"), ":3:", "rules[0].code"),
    (GOOD.split("    examples:")[0], ":3:", "needs at least one `fail` example"),
    ("pack: house\nrules:\n  - code: [\n", ":4:", "invalid YAML"),
])
def test_broken_pack(tmp_path, content, where, message) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError) as error:
        load_packs([str(path)])
    assert str(error.value).startswith(str(path) + where), str(error.value)
    assert message in str(error.value)


def test_duplicate_code_across_packs(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD)
    with pytest.raises(ConfigError, match="HS001 is defined twice"):
        load_packs([str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])


def test_rules_test_command(cli, tmp_path) -> None:
    (tmp_path / "house.yaml").write_text(GOOD)
    result = cli("rules", "test", str(tmp_path / "house.yaml"))
    assert result.exit_code == 0 and "2 passed, 0 failed" in result.stdout
    (tmp_path / "bad.yaml").write_text(GOOD.replace('pass: ["We use it."]', 'pass: ["We utilize it."]'))
    result = cli("rules", "test", str(tmp_path / "bad.yaml"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'bad.yaml'}:12: HS001: pass example 'We utilize it.': flagged 'utilize'" in result.stdout


def test_rules_test_builtin_and_glossary(cli) -> None:
    result = cli("rules", "test", "casing", "locale", "leakage", "calques", "boilerplate", "tech")
    assert result.exit_code == 0, result.stdout


def test_user_pack_used_by_check(cli, tmp_path) -> None:
    (tmp_path / "house.yaml").write_text(GOOD)
    (tmp_path / "tqcheck.toml").write_text('extra-packs = ["house.yaml"]\n')
    (tmp_path / "a.txt").write_text("We utilize phones.")
    result = cli("check", "--no-grammar", str(tmp_path / "a.txt"))
    assert "a.txt:1:4: HS001 Write 'use' instead of 'utilize' [use]" in result.stdout


def test_failing_example_in_a_user_pack_stops_check(cli, tmp_path) -> None:
    (tmp_path / "house.yaml").write_text(GOOD.replace('pass: ["We use it."]', 'pass: ["We utilize it."]'))
    (tmp_path / "a.txt").write_text("text")
    result = cli("check", "--isolated", "--no-grammar", "--no-cache", "--pack", str(tmp_path / "house.yaml"),
                 str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'house.yaml'}:12: HS001: pass example 'We utilize it.'" in result.stderr
