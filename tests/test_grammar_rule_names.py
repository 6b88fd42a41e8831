"""LanguageTool rule ids and categories in the config (`grammar-disabled-rules`, `grammar-severity`) are checked
against what the real LanguageTool server of the run has (never a mock): a typo is exit 2 naming it, where it was
written and the closest real name; a run that names none never asks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tqcheck.grammar.custom_rules import rule_ids
from tqcheck.grammar.install import install
from tqcheck.grammar.paths import languagetool_root
from tqcheck.grammar.profiles import MT_REVIEW, profile
from tqcheck.grammar.rule_names import server_names, stored, stored_path
from tqcheck.grammar.server import LanguageToolServer, free_port

TEXT = "We recieved the phone yesterday.\n"


@pytest.fixture(scope="module")
def lt_url():
    """A real LanguageTool server for this module (installed first if needed)."""
    installation = install(progress=print)
    with LanguageToolServer(installation.jar) as server:
        yield server.url


def _project(tmp_path: Path, config: str) -> Path:
    (tmp_path / "tqcheck.toml").write_text(config)
    (tmp_path / "a.txt").write_text(TEXT)
    return tmp_path


def _check(cli, folder: Path, *args: str):
    return cli("check", "--config", str(folder / "tqcheck.toml"), "--no-cache", "--format", "json", *args,
               str(folder / "a.txt"))


TYPOS = {  # config, the line of the unknown name, the setting, the name, the closest real one
    "disabled": ('threshold = 0\n\ngrammar-disabled-rules = ["WHITESPACE_RULE", "EN_A_VS_AM"]\n', 3,
                 "grammar-disabled-rules", "EN_A_VS_AM", "EN_A_VS_AN"),
    "severity": ('[grammar-severity]\nEN_A_VS_AN = "minor"\nTYPSO = "major"\n', 3, "grammar-severity", "TYPSO",
                 "TYPOS"),
    "lower case": ('[grammar-severity]\ntypos = "major"\n', 2, "grammar-severity", "typos", "TYPOS"),
}


@pytest.mark.grammar
@pytest.mark.parametrize("case", sorted(TYPOS))
def test_unknown_name_is_a_config_error_at_its_line(cli, tmp_path, lt_url, case) -> None:
    config, line, setting, name, closest = TYPOS[case]
    folder = _project(tmp_path, config)
    result = _check(cli, folder, "--languagetool-url", lt_url)
    assert result.exit_code == 2, result.output
    assert f"{folder / 'tqcheck.toml'}:{line}: {setting}:" in result.stderr
    assert f"'{name}'" in result.stderr and f"did you mean '{closest}'" in result.stderr
    assert result.stdout == ""  # nothing checked, nothing reported


@pytest.mark.grammar
def test_real_ids_categories_and_own_rules_are_accepted(cli, tmp_path, lt_url) -> None:
    own = rule_ids()[0]
    folder = _project(tmp_path, f'grammar-disabled-rules = ["EN_A_VS_AN", "{own}"]\n\n'
                                f'[grammar-severity]\nTYPOS = "critical"\n{own} = "minor"\nFALSE_FRIENDS = "minor"\n')
    result = _check(cli, folder, "--languagetool-url", lt_url)
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["text"], f["severity"]) for f in findings if f["code"] == "TQ801"] == [("recieved", "critical")]


@pytest.mark.grammar
def test_the_profile_names_only_real_rules(lt_url) -> None:
    """The measured lists of the mt-review profile name rules and categories this LanguageTool has."""
    known = server_names(lt_url, "en-US", 60.0)
    chosen = profile(MT_REVIEW)
    assert set(rule_ids()) <= known
    assert not set(chosen.disabled_rules) - known
    assert not set(chosen.disabled_categories) - known


def test_grammar_off_does_not_look_the_names_up(cli, tmp_path) -> None:
    """With grammar off the ids are not used: the run neither starts LanguageTool nor judges them (README)."""
    folder = _project(tmp_path, 'grammar-disabled-rules = ["EN_A_VS_AM"]\n')
    result = _check(cli, folder, "--no-grammar")
    assert result.exit_code == 0, result.output


@pytest.mark.grammar
def test_a_run_that_names_no_rule_id_never_asks(cli, tmp_path, lt_url, monkeypatch) -> None:
    """A run that names no rule id never asks the server about rule ids: from the result cache it needs no
    server at all (the environment's URL is not part of the cache key, the config's would be)."""
    folder = _project(tmp_path, "threshold = 0\n")
    monkeypatch.setenv("TQCHECK_LANGUAGETOOL_URL", lt_url)
    first = cli("check", "--config", str(folder / "tqcheck.toml"), str(folder / "a.txt"))
    assert first.exit_code == 0, first.output
    monkeypatch.setenv("TQCHECK_LANGUAGETOOL_URL", f"http://127.0.0.1:{free_port()}/v2/")
    cached = cli("check", "--config", str(folder / "tqcheck.toml"), str(folder / "a.txt"))
    assert cached.exit_code == 0, cached.output


def _server_starts() -> int:
    log = languagetool_root() / "server.log"
    return len(re.findall(r"Server started", log.read_text(errors="replace"))) if log.exists() else 0


@pytest.mark.grammar
@pytest.mark.slow
def test_embedded_server_names_are_kept_per_version(cli, tmp_path) -> None:
    """The embedded server's names are asked once per LanguageTool version and language, then read from disk:
    the second run reports the typo without starting a JVM."""
    for stored in (languagetool_root() / "rule-names").glob("*.json"):
        stored.unlink()
    folder = _project(tmp_path, 'grammar-disabled-rules = ["EN_A_VS_AM"]\n')
    first = _check(cli, folder)
    assert first.exit_code == 2 and "did you mean 'EN_A_VS_AN'" in first.stderr, first.output
    starts = _server_starts()
    second = _check(cli, folder)
    assert second.exit_code == 2 and second.stderr == first.stderr
    assert _server_starts() == starts


@pytest.mark.parametrize("kept", ["{not json", '{"rules": []}', '["EN_A_VS_AN", 3]', ""])
def test_a_corrupt_kept_list_is_asked_again(tmp_path, monkeypatch, kept) -> None:
    """A kept list that is not a list of names counts as none (the server is asked again), never as a list."""
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    path = stored_path("6.8", "en-US")
    path.parent.mkdir(parents=True)
    path.write_text(kept)
    assert stored(path) is None
    path.write_text('["EN_A_VS_AN", "TYPOS"]')
    assert stored(path) == {"EN_A_VS_AN", "TYPOS"}


def test_the_kept_list_is_keyed_by_version_and_language(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    paths = {stored_path("6.8", "en-US"), stored_path("6.7", "en-US"), stored_path("6.8", "en-GB")}
    assert len(paths) == 3 and all(p.parent == tmp_path / "languagetool-rules" for p in paths)
