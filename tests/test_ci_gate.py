"""A CI gate never passes by mistake: unknown codes and languages, an empty run, and a fail-on failure say so."""

from __future__ import annotations

import tomllib

import pytest

from tqcheck.config import Config, load_config

from test_packs import GOOD

ARTICLE = "THE xiaomi announced this Monday (23) that Samsung y Google agree.\n"


@pytest.mark.parametrize("args", [
    ("--select", "XYZ"), ("--ignore", "TQ1O1"), ("--severity", "TQ0=major"), ("--select", "TQ1,QT2"),
])
def test_unknown_code_on_the_command_line(cli, tmp_path, args) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = cli("check", "--isolated", "--no-grammar", *args, str(tmp_path / "a.txt"))
    assert result.exit_code == 2, result.stdout
    bad = args[1].split("=")[0].split(",")[-1]
    assert f"{args[0]}: unknown rule code or prefix '{bad}' (did you mean 'TQ" in result.stderr


@pytest.mark.parametrize("config,key", [
    ('select = ["TQ3", "TQ77"]\n', "select"),
    ('ignore = ["TQX"]\n', "ignore"),
    ('[severity]\nTQ1044 = "major"\n', "severity"),
    ('[per-path-ignores]\n"drafts/**" = ["TQ6", "TQ1234"]\n', "per-path-ignores"),
])
def test_unknown_code_in_the_config(cli, tmp_path, config, key) -> None:
    (tmp_path / "tqcheck.toml").write_text(config)
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = cli("check", "--no-grammar", str(tmp_path / "a.txt"))
    assert result.exit_code == 2, result.stdout
    assert str(tmp_path / "tqcheck.toml") in result.stderr and f"{key}: unknown rule code or prefix" in result.stderr
    assert "did you mean 'TQ" in result.stderr


def test_known_prefixes_and_user_pack_codes_are_fine(cli, tmp_path) -> None:
    (tmp_path / "house.yaml").write_text(GOOD)
    (tmp_path / "tqcheck.toml").write_text('extra-packs = ["house.yaml"]\nselect = ["TQ1", "HS"]\n'
                                           '[per-path-ignores]\n"drafts/**" = ["TQ801", "HS001"]\n')
    (tmp_path / "a.txt").write_text("We utilize the xiaomi phone.\n")
    result = cli("check", "--no-grammar", "--format", "json", str(tmp_path / "a.txt"))
    assert result.exit_code == 1, result.stderr
    assert '"HS001"' in result.stdout and '"TQ104"' in result.stdout


def test_unknown_code_in_a_suppression_comment(cli, tmp_path) -> None:
    (tmp_path / "a.md").write_text("Fine text here.\n\n<!-- tqcheck: disable TQ1O4 -->\nThe xiaomi phone.\n")
    (tmp_path / "b.md").write_text("The xiaomi phone.\n")
    result = cli("check", "--isolated", "--no-grammar", str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'a.md'}:3: unknown rule code or prefix 'TQ1O4' (did you mean 'TQ104'?" in result.stdout
    assert f"{tmp_path / 'b.md'}:1:5: TQ104" in result.stdout  # the other file is still checked


@pytest.mark.parametrize("args,shown", [
    (("--language", "xx-YY"), "unknown language 'xx-YY' (supported: en-US"),
    (("--source-language", "zz"), "unknown source language 'zz' (supported: es, pt, fr, it, de, ca)"),
])
def test_unknown_language_on_the_command_line(cli, tmp_path, args, shown) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = cli("check", "--isolated", "--no-grammar", *args, str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and shown in result.stderr


def test_unknown_source_language_in_the_config(cli, tmp_path) -> None:
    (tmp_path / "tqcheck.toml").write_text('source-languages = ["es", "klingon"]\n')
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = cli("check", "--no-grammar", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'tqcheck.toml'}:1: source-languages" in result.stderr and "'klingon'" in result.stderr


def test_language_spelling_is_normalised() -> None:
    config = load_config(None, {"language": "en-gb", "source_languages": ["PT"]})
    assert (config.language, config.source_languages) == ("en-GB", ["pt"])


def test_init_writes_the_defaults_and_comments_narrower_settings_out(cli, tmp_path) -> None:
    assert cli("init", str(tmp_path)).exit_code == 0
    written = (tmp_path / "tqcheck.toml").read_text()
    tomllib.loads(written)
    assert load_config(tmp_path / "tqcheck.toml").as_dict() == Config().as_dict()
    commented = written.split("# source-languages = ")[0].rsplit("\n\n", 1)[-1]
    assert "turns off the rules" in commented  # the line says what naming a source language does
    uncommented = "\n".join(line.replace("# ", "", 1) if line.startswith("# source-languages") else line
                            for line in written.splitlines())
    (tmp_path / "tqcheck.toml").write_text(uncommented)
    assert load_config(tmp_path / "tqcheck.toml").source_languages == ["es"]


@pytest.mark.parametrize("setup", ["empty-folder", "all-excluded"])
def test_no_files_is_an_error_unless_allowed(cli, tmp_path, setup) -> None:
    args = ["check", "--isolated", "--no-grammar", str(tmp_path)]
    if setup == "all-excluded":
        (tmp_path / "a.md").write_text(ARTICLE)
        args += ["--exclude", "*.md"]
    result = cli(*args)
    assert result.exit_code == 2 and f"no files to check in {tmp_path}" in result.stderr
    allowed = cli(*args, "--allow-empty")
    assert allowed.exit_code == 0 and "Checked 0 file(s)" in allowed.stdout


def test_a_file_failing_only_through_fail_on_says_why(cli, tmp_path) -> None:
    words = " ".join(f"Reviewers counted {n} reasons to like the screen and the battery." for n in range(30, 60))
    (tmp_path / "a.txt").write_text(f"{words}\n\nThe xiaomi phone is here.\n")  # one minor finding, quality 97.0
    result = cli("check", "--isolated", "--no-grammar", "--fail-on", "minor", str(tmp_path / "a.txt"))
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "quality" in line)
    assert "quality 97.0 (threshold 95.0) FAIL (1 finding(s) at or above fail-on minor) ·" in line, line
    passing = cli("check", "--isolated", "--no-grammar", str(tmp_path / "a.txt"))
    assert passing.exit_code == 0 and "(threshold 95.0) pass ·" in passing.stdout
