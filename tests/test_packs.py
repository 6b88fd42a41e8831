"""Rule packs: broken packs are clear errors naming file and line; `tqcheck rules test` runs a user's pack."""

from __future__ import annotations

import pytest
from test_governed_prepositions import PACK as GOVERNED

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
     ":6:", "rules[0].pattern: invalid regex"),  # the line of the pattern
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


REPEATS = """pack: house
rules:
  - code: HS002
    name: repeats
    kind: repeated-text
    category: fluency/repetition
    severity: minor
    message: "Repeated {what}"
    options:
      min_words: 3
    examples:
      fail: ["We like it a lot. We like it a lot."]
"""


PATTERN = GOOD.replace("kind: phrases\n", "kind: pattern\n").replace("phrases: {utilize: use}",
                                                                     "pattern: utilize\n    unless: ['utilized']")
IN_CONTEXT = """pack: house
rules:
  - code: HS401
    name: counts-with
    kind: phrases-in-context
    category: style/calque
    severity: minor
    message: "'{match}'"
    phrases: ["counts with"]
    options:
      shapes: {"counts with": 'counts with the'}
    examples:
      fail: ["It counts with the support of many."]
"""


# Every regex a pack writes is compiled when the pack is read: a broken one is the pack's error at its line (exit
# 2), never an internal error when a document first needs it.
@pytest.mark.parametrize("content,line,message", [
    (PATTERN.replace("unless: ['utilized']", "unless: ['utilized(']"), 10,
     "rules[0].unless[0]: invalid regex: missing ) at position 9"),
    (PATTERN.replace("pattern: utilize", "pattern: 'utili(ze'"), 9, "rules[0].pattern: invalid regex: missing ) at position 8"),
    (GOVERNED.replace("next: 'that\\b'", "next: 'that\\b('"), 11,
     "option 'entries' for kind governed-prepositions: invalid regex: missing ) at position 7"),
    (IN_CONTEXT.replace("'counts with the'", "'counts with (the'"), 11,
     "option 'shapes' for kind phrases-in-context: invalid regex: missing ) at position 16"),
])
def test_a_broken_regex_in_any_field_is_an_error_at_its_line(cli, tmp_path, content, line, message) -> None:
    test_typed_kind_errors_name_file_and_line(cli, tmp_path, content, line, message)


@pytest.mark.parametrize("content,line,message", [
    (REPEATS.replace("min_words: 3", "min_wrods: 3"), 10, "unknown option 'min_wrods' for kind repeated-text"),
    (REPEATS.replace("min_words: 3", "min_words: many"), 10,
     "option 'min_words' for kind repeated-text: Input should be a valid integer"),
    (REPEATS.replace("kind: repeated-text", "kind: repeated-txt"), 5, "unknown kind 'repeated-txt'"),
    (REPEATS.replace("    options:\n", "    phrases: [a]\n    options:\n"), 9, "unknown key 'phrases' for kind repeated-text"),
    (REPEATS.replace("min_words: 3", "min_words: 3\n      scopes: [paragraph, list-itme]"), 11,
     "option 'scopes' for kind repeated-text: Input should be 'paragraph', 'heading', 'list-item'"),
])
def test_typed_kind_errors_name_file_and_line(cli, tmp_path, content, line, message) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(content)
    (tmp_path / "a.txt").write_text("text")
    tested = cli("rules", "test", str(path))
    checked = cli("check", "--isolated", "--no-grammar", "--no-cache", "--pack", str(path), str(tmp_path / "a.txt"))
    for result in (tested, checked):
        assert result.exit_code == 2, (result.stdout, result.stderr)
        assert f"{path}:{line}: {message}" in result.stderr, result.stderr


def test_every_kind_rejects_an_unknown_option(tmp_path) -> None:
    from tqcheck.rules.kinds import KINDS

    for kind in KINDS:
        path = tmp_path / f"{kind}.yaml"
        path.write_text(REPEATS.replace("repeated-text", kind).replace("min_words: 3", "no_such_option: 1"))
        with pytest.raises(ConfigError, match=f"unknown option 'no_such_option' for kind {kind}"):
            load_packs([str(path)])


def test_valid_options_reach_the_check(tmp_path) -> None:
    from tqcheck.rules.context import BuildContext
    from tqcheck.rules.packs import build_checks

    path = tmp_path / "house.yaml"
    path.write_text(REPEATS)
    (check,) = build_checks(load_packs([str(path)]), BuildContext())
    assert check.min_words == 3 and check.scopes == {"paragraph", "list-item", "quote", "table-cell"}


def test_a_bug_in_a_kind_is_not_reported_as_invalid_options(tmp_path, monkeypatch) -> None:
    from tqcheck.rules.context import BuildContext
    from tqcheck.rules.kinds.repeated_text import RepeatedTextCheck
    from tqcheck.rules.packs import build_checks

    def broken(self, spec, info, context) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(RepeatedTextCheck, "__init__", broken)
    path = tmp_path / "house.yaml"
    path.write_text(REPEATS)
    with pytest.raises(KeyError, match="a bug"):
        build_checks(load_packs([str(path)]), BuildContext())


def _readme_kinds() -> dict[str, tuple[str, str]]:
    """The README's kinds table: kind -> (fields cell, options cell)."""
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Rule packs", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| `")]
    return {row[0].strip("| `"): (row[1], row[2]) for row in rows}


def _named(cell: str) -> dict[str, str | None]:
    """Backticked names in a table cell, each with its bracketed note (a default, or 'required'), if any."""
    import re

    return {m.group(1): m.group(2) for m in re.finditer(r"`([a-z_]+)`(?: \(([^):]+)[):])?", cell)}


def test_readme_kinds_table_matches_the_registry() -> None:
    from tqcheck.rules.kinds import KINDS
    from tqcheck.rules.spec import BaseRuleSpec

    table = _readme_kinds()
    assert set(table) == set(KINDS)
    common = set(BaseRuleSpec.model_fields) | {"kind", "options"}
    for name, kind in KINDS.items():
        fields, options = (_named(cell) for cell in table[name])
        own = {f: v for f, v in kind.spec.model_fields.items() if f not in common}
        assert set(fields) == set(own), name
        assert {f for f, note in fields.items() if note == "required"} == {f for f, v in own.items() if v.is_required()}
        declared = kind.check.Options.model_fields
        assert set(options) == set(declared), name
        for option, note in options.items():
            assert note is None or note == str(declared[option].default), (name, option)
