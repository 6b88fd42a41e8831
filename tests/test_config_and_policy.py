"""Config discovery and overrides; selection, severity overrides, per-path ignores and inline suppression."""

from __future__ import annotations

import json

from conftest import run_process
from test_packs import GOOD

from tqcheck.documents.loader import parse
from tqcheck.decision import Decision


def _codes(result) -> list[str]:
    return [f["code"] for file in json.loads(result.stdout)["files"] for f in file["findings"]]


ARTICLE = "THE xiaomi announced this Monday (23) that Samsung y Google agree.\n"


def test_config_found_walking_up(cli, tmp_path) -> None:
    (tmp_path / "tqcheck.toml").write_text('ignore = ["TQ104"]\n')
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "a.txt").write_text(ARTICLE)
    codes = _codes(cli("check", "--no-grammar", "--format", "json", str(tmp_path / "deep" / "er" / "a.txt")))
    assert "TQ104" not in codes and "TQ401" in codes


def test_pyproject_tool_section(cli, tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.tqcheck]\nselect = ["TQ3"]\n')
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert _codes(cli("check", "--no-grammar", "--format", "json", str(tmp_path / "a.txt"))) == ["TQ301"]


def test_cli_flags_override_config(cli, tmp_path) -> None:
    (tmp_path / "tqcheck.toml").write_text('select = ["TQ3"]\nthreshold = 0\n')
    (tmp_path / "a.txt").write_text(ARTICLE)
    codes = _codes(cli("check", "--no-grammar", "--format", "json", "--select", "TQ1,TQ2", str(tmp_path / "a.txt")))
    assert sorted(codes) == ["TQ104", "TQ201"]


def test_isolated_ignores_config(cli, tmp_path) -> None:
    (tmp_path / "tqcheck.toml").write_text('select = ["TQ3"]\n')
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert len(_codes(cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path / "a.txt")))) == 4


def test_unknown_config_key_names_file_and_line(cli, tmp_path) -> None:
    (tmp_path / "tqcheck.toml").write_text('language = "en-US"\nthreshhold = 90\n')
    (tmp_path / "a.txt").write_text("x")
    result = cli("check", "--no-grammar", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'tqcheck.toml'}:2: threshhold: unknown key" in result.stderr


def test_bad_config_value(cli, tmp_path) -> None:
    (tmp_path / "tqcheck.toml").write_text('fail-on = "sometimes"\n')
    (tmp_path / "a.txt").write_text("x")
    result = cli("check", "--no-grammar", str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "tqcheck.toml:1: fail-on" in result.stderr


def test_severity_override_and_min_severity(cli, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    report = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", "--severity", "TQ104=critical",
                            "--min-severity", "major", str(tmp_path / "a.txt")).stdout)
    severities = {f["code"]: f["severity"] for f in report["files"][0]["findings"]}
    assert severities == {"TQ104": "critical", "TQ201": "major"}


def test_per_path_ignores(cli, tmp_path) -> None:
    (tmp_path / "tqcheck.toml").write_text('[per-path-ignores]\n"drafts/**" = ["TQ2", "TQ4"]\n')
    for folder in ("drafts", "posts"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(ARTICLE)
    report = json.loads(cli("check", "--no-grammar", "--format", "json", str(tmp_path)).stdout)
    by_folder = {f["path"].split("/")[-2]: sorted(x["code"] for x in f["findings"]) for f in report["files"]}
    assert by_folder["drafts"] == ["TQ104", "TQ301"]
    assert by_folder["posts"] == ["TQ104", "TQ201", "TQ301", "TQ401"]


def test_selection_most_specific_prefix_wins() -> None:
    decision = Decision(select=("TQ", "TQ104"), ignore=("TQ1",))
    assert decision.selected("TQ104") and not decision.selected("TQ101") and decision.selected("TQ201")
    assert not Decision(select=("TQ1",), ignore=("TQ1",)).selected("TQ101")


def test_inline_suppression_markdown(cli, tmp_path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "The xiaomi one.\n\n"
        "<!-- tqcheck: disable-next-line TQ104 -->\n"
        "The xiaomi two, Samsung y Google.\n\n"
        "<!-- tqcheck: disable -->\n"
        "The xiaomi three.\n\n"
        "<!-- tqcheck: enable TQ2 -->\n"
        "The xiaomi four, Samsung y Google.\n\n"
        "<!-- tqcheck: enable -->\n"
        "The xiaomi five.\n\n"
        "```\n<!-- tqcheck: disable -->\n```\n\n"
        "The xiaomi six.\n"
    )
    report = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", str(article)).stdout)
    found = [(f["line"], f["code"]) for f in report["files"][0]["findings"]]
    assert found == [(1, "TQ104"), (4, "TQ201"), (10, "TQ201"), (13, "TQ104"), (19, "TQ104")]


def test_inline_suppression_html() -> None:
    from tqcheck.engine import Checker
    from tqcheck.rules.glossary import load_glossary
    from tqcheck.rules.terms import TermCheck

    document = parse("<p>The xiaomi one.</p>\n<!-- tqcheck: disable TQ104 -->\n<p>The xiaomi two.</p>\n", "a.html")
    findings = Checker([TermCheck(load_glossary("tech").spec.terms)]).check(document)
    assert [f.line for f in findings] == [1]


def test_selecting_only_rules_of_packs_not_in_use_is_an_error_not_a_silent_pass(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Read more: the best phones of the year\n\nThe phone is here.\n")
    narrowed = ("check", "--isolated", "--no-grammar", "--no-cache", "--pack", "calques", "a.txt")
    result = run_process(*narrowed, "--select", "TQ601", cwd=tmp_path)
    assert result.returncode == 2
    assert ("--select: 'TQ601' names only rules of packs this run does not use (boilerplate)"
            in result.stderr.decode())
    (tmp_path / "tqcheck.toml").write_text('packs = ["calques"]\ngrammar = "off"\nselect = ["TQ6"]\n')
    configured = run_process("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert configured.returncode == 2
    assert "tqcheck.toml:3: select: 'TQ6' names only rules of packs this run does not use" in configured.stderr.decode()
    (tmp_path / "a.txt").write_text("Read more: the best phones of the year\n\nIt is a phone of high range.\n")
    in_use = run_process(*narrowed, "--select", "TQ502,TQ1", cwd=tmp_path)
    assert in_use.returncode == 1 and b"TQ502" in in_use.stdout, in_use.stderr
    full = run_process("check", "--isolated", "--no-grammar", "--no-cache", "--select", "TQ601", "a.txt", cwd=tmp_path)
    assert full.returncode == 1 and b"TQ601" in full.stdout
    # A user's pack is in use whatever its `pack:` name, even that of a built-in pack left out.
    (tmp_path / "house.yaml").write_text(GOOD.replace("pack: house", "pack: calques"))
    (tmp_path / "a.txt").write_text("We utilize it.\n")
    house = run_process("check", "--isolated", "--no-grammar", "--no-cache", "--pack", "house.yaml", "--select", "HS",
                        "a.txt", cwd=tmp_path)
    assert house.returncode == 1 and b"HS001" in house.stdout, house.stderr

