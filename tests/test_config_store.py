"""The validated-config and known-codes stores: what they return equals a fresh validation, errors are never
remembered, and the settings' JSON (part of the score signature) is the text pydantic gave."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.config import Config, load_config
from tqcheck.config_validation import settings_model
from tqcheck.errors import ConfigError
from tqcheck.rule_codes import known_codes
from tqcheck.rules.catalog import known_codes as codes_from_packs

RICH = """language = "en-GB"
source-languages = ["es", "pt"]
select = ["TQ1", "TQ201"]
ignore = ["TQ104"]
threshold = 90
min-severity = "major"
jobs = 2
weights = { major = 4 }
languagetool-options = { cacheSize = 1000, note = "é" }
[severity]
TQ1 = "critical"
[grammar-severity]
TYPOS = "minor"
[per-path-ignores]
"drafts/**" = ["TQ6"]
"""


def test_a_stored_config_equals_a_fresh_validation(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "tqcheck.toml").write_text(RICH, encoding="utf-8")
    overrides = {"grammar": "off", "severity": {"TQ2": "minor"}, "fail_on": None}
    first = load_config(tmp_path / "tqcheck.toml", overrides)
    assert list((tmp_path / "cache" / "config").iterdir())  # remembered
    again = load_config(tmp_path / "tqcheck.toml", overrides)
    assert again == first
    assert again.severity["TQ2"].value == "minor" and again.min_severity.value == "major"
    assert (again.threshold, again.jobs, again.grammar, again.weights["major"]) == (90.0, 2, "off", 4.0)


@pytest.mark.parametrize("text", ["", RICH])
def test_the_settings_json_is_pydantics(tmp_path: Path, monkeypatch, text: str) -> None:
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "tqcheck.toml").write_text(text, encoding="utf-8")
    config = load_config(tmp_path / "tqcheck.toml")
    model = settings_model(Config).model_validate(config.as_dict())
    assert config.as_json() == model.model_dump_json()
    chosen = {"language", "select", "severity", "per_path_ignores", "show_hints"}
    assert config.as_json(include=chosen) == model.model_dump_json(include=chosen)


def test_a_bad_config_is_reported_at_every_run(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "tqcheck.toml").write_text('language = "en-US"\nthreshold = 120\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError) as caught:
            load_config(tmp_path / "tqcheck.toml")
        assert caught.value.line == 2
    assert not (tmp_path / "cache" / "config").exists()


def house_pack(code: str, fail: str = "It sits at the level of the sea.") -> str:
    """A user pack of one phrases rule with one fail and one pass example."""
    return f"""pack: house
rules:
  - code: {code}
    name: house-rule
    kind: phrases
    phrases: ["at the level of"]
    message: "Wordy"
    category: style/wordiness
    severity: minor
    examples: {{fail: ["{fail}"], pass: ["It sits level."]}}
"""


def test_known_codes_are_stored_by_pack_contents(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "house.yaml"
    pack.write_text(house_pack("TQ951"), encoding="utf-8")
    assert known_codes([str(pack)]) == codes_from_packs([str(pack)])
    assert "TQ951" in known_codes([str(pack)])
    pack.write_text(house_pack("TQ961"), encoding="utf-8")  # new contents: loaded again
    assert "TQ961" in known_codes([str(pack)]) and "TQ951" not in known_codes([str(pack)])
    pack.write_text("pack: house\nrules:\n  - code: TQ971\n    kind: nosuchkind\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError) as caught:
            known_codes([str(pack)])
        assert caught.value.path == str(pack) and caught.value.line == 4  # the `kind:` line


def test_a_packs_passing_examples_are_checked_once_and_a_failing_one_at_every_run(tmp_path: Path,
                                                                                  monkeypatch) -> None:
    import tqcheck.rules.examples
    from tqcheck.app import build_checker, decision_for

    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    checked = []
    real = tqcheck.rules.examples.require_examples_pass
    monkeypatch.setattr(tqcheck.rules.examples, "require_examples_pass",
                        lambda packs, glossaries: checked.append(len(packs)) or real(packs, glossaries))
    pack = tmp_path / "house.yaml"

    def build() -> None:
        config = load_config(None, {"packs": [str(pack)], "grammar": "off"})
        build_checker(config, decision_for(config))

    pack.write_text(house_pack("TQ981"), encoding="utf-8")
    build()
    build()
    assert checked == [1]  # remembered after the first run
    pack.write_text(house_pack("TQ981", fail="It sits at sea level."), encoding="utf-8")  # checked again
    for _ in range(2):
        with pytest.raises(ConfigError, match="not flagged"):
            build()
    assert checked == [1, 1, 1]
