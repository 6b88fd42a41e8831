"""A run's checks are kept pickled between runs (engine_store.py): used only for exactly the inputs they were built
from, rebuilt when damaged, stale or changed, and they find exactly what freshly built checks find."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from functools import cached_property
from pathlib import Path

import pytest

import tqcheck.app
from conftest import ROOT, SHARED, run_cli
from tqcheck import engine_store
from tqcheck.config import load_config
from tqcheck.errors import ConfigError

PACK = """pack: house
rules:
  - code: HS001
    name: house-colour
    kind: phrases
    category: style/house
    severity: minor
    message: "'{match}': use '{replacement}'"
    phrases: {colour: color}
    examples:
      fail: ["The colour is red."]
      pass: ["The color is red."]
"""
TEXT = "The colour of the Samsumg phone is red, and Samsung's colour is blue.\n"


@pytest.fixture
def builds(monkeypatch, tmp_path: Path) -> list[int]:
    """A fresh cache folder; the list grows by one at each build of a run's checks."""
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    built: list[int] = []
    real = tqcheck.app.build_checks
    monkeypatch.setattr(tqcheck.app, "build_checks", lambda config: built.append(1) or real(config))
    return built


def _check(tmp_path: Path, *extra: str) -> str:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    done = run_cli("check", "--isolated", "--no-grammar", "--no-cache", "--format", "json", "--pack",
                   str(tmp_path / "house.yaml"), *extra, str(tmp_path / "a.md"))
    return done.stdout


def _stored(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "checks").glob("*.pickle"))


def test_a_second_run_loads_the_checks_and_reports_the_same(builds, tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    first = _check(tmp_path)
    assert builds == [1] and len(_stored(tmp_path)) == 1
    assert _check(tmp_path) == first and builds == [1]
    assert '"HS001"' in first and '"TQ102"' in first  # the house rule and the default glossary's wrong form


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage", "truncated",
                                    pickle.dumps(("tqcheck-checks-1", "another key", [])), pickle.dumps([1, 2, 3])])
def test_a_damaged_or_foreign_store_is_built_again_and_replaced(builds, tmp_path: Path, damage) -> None:
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    first = _check(tmp_path)
    (stored,) = _stored(tmp_path)
    good = stored.read_bytes()
    stored.write_bytes(good[: len(good) // 2] if damage == "truncated" else damage)
    assert _check(tmp_path) == first and builds == [1, 1]
    assert pickle.loads(stored.read_bytes())[:2] == (engine_store._FORMAT, stored.stem)  # replaced by a build's
    assert _check(tmp_path) == first and builds == [1, 1]


def test_checks_stored_for_other_inputs_are_never_used(builds, tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    _check(tmp_path)
    (house,) = _stored(tmp_path)
    # The house pack's checks put under the name the built-in packs' checks would have: found out, not used.
    builtin = engine_store.store_path(load_config(None, {}))
    builtin.write_bytes(house.read_bytes())
    assert '"HS001"' not in _check_default(tmp_path) and builds == [1, 1]


def _check_default(tmp_path: Path) -> str:
    return run_cli("check", "--isolated", "--no-grammar", "--no-cache", "--format", "json",
                   str(tmp_path / "a.md")).stdout


def test_a_changed_pack_glossary_setting_or_library_builds_anew(builds, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    first = _check(tmp_path)
    (tmp_path / "house.yaml").write_text(PACK.replace("{colour: color}", "{colour: hue}"), encoding="utf-8")
    changed = _check(tmp_path)
    assert builds == [1, 1] and "'colour': use 'hue'" in changed and changed != first
    glossary = tmp_path / "terms.yaml"
    glossary.write_text("terms:\n  - term: Samsung\n", encoding="utf-8")
    assert '"TQ103"' not in _check(tmp_path, "--no-default-glossary") and builds == [1, 1, 1]
    assert '"TQ103"' in _check(tmp_path, "--no-default-glossary", "--glossary", str(glossary))
    glossary.write_text("terms:\n  - term: Samsumg\n", encoding="utf-8")
    assert '"TQ103"' not in _check(tmp_path, "--no-default-glossary", "--glossary", str(glossary))
    assert builds == [1] * 5
    _check(tmp_path, "--source-language", "de")
    assert builds == [1] * 6
    real = engine_store.environment
    monkeypatch.setattr(engine_store, "environment", lambda: [*real(), "regex-0.0.dist-info"])
    _check(tmp_path)
    monkeypatch.setattr(engine_store, "code_digest", lambda: "edited code")
    _check(tmp_path)
    assert builds == [1] * 8 and len(_stored(tmp_path)) == 8


def test_a_broken_pack_fails_every_run_and_is_never_stored(builds, tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(PACK.replace("kind: phrases", "kind: phrasez"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError, match="unknown kind"):
            tqcheck.app.build_checker(load_config(None, {"packs": [str(tmp_path / "house.yaml")]}),
                                      tqcheck.app.decision_for(load_config(None, {})))
    assert builds == [1, 1] and _stored(tmp_path) == []


def test_a_pack_edited_while_the_checks_are_built_is_not_stored(builds, tmp_path: Path, monkeypatch) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK, encoding="utf-8")
    real = tqcheck.app.build_checks

    def edited_meanwhile(config):
        checks = real(config)
        pack.write_text(PACK.replace("{colour: color}", "{colour: hue}"), encoding="utf-8")
        return checks

    monkeypatch.setattr(tqcheck.app, "build_checks", edited_meanwhile)
    _check(tmp_path)
    assert _stored(tmp_path) == []


def test_checks_that_cannot_be_pickled_are_built_at_each_run(builds, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    real = tqcheck.app.build_checks

    def with_a_lambda(config):
        checks = real(config)
        checks[0].unpicklable = lambda: None
        return checks

    monkeypatch.setattr(tqcheck.app, "build_checks", with_a_lambda)
    first = _check(tmp_path)
    assert _stored(tmp_path) == [] and '"HS001"' in first


def test_loaded_checks_find_what_built_ones_find_in_a_fresh_process(tmp_path: Path) -> None:
    """Every built-in pack and the default glossary, pickled by one process and loaded by the next."""
    folders = [ROOT / "samples"]
    real_mt = SHARED / "corpus" / "real-mt" / "articles"
    if real_mt.is_dir():
        folders.append(real_mt)
    else:
        print(f"WARNING: {real_mt} is missing: only samples/ compared", file=sys.stderr)
    env = {**os.environ, "TQCHECK_CACHE_DIR": str(tmp_path / "cache")}
    args = [sys.executable, "-m", "tqcheck", "check", "--no-grammar", "--no-cache", "--jobs", "1", "--format",
            "json", "--fail-on", "none", *map(str, folders)]
    built = subprocess.run(args, capture_output=True, cwd=ROOT, env=env, timeout=600)
    assert len(list((tmp_path / "cache" / "checks").glob("*.pickle"))) == 1, built.stderr
    loaded = subprocess.run(args, capture_output=True, cwd=ROOT, env=env, timeout=600)
    assert built.returncode == loaded.returncode and built.stderr == loaded.stderr
    assert built.stdout == loaded.stdout and b'"findings"' in built.stdout


def test_only_the_most_recently_stored_engines_are_kept(builds, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(engine_store, "KEPT", 2)
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    for replacement in ("hue", "tint", "shade"):
        (tmp_path / "house.yaml").write_text(PACK.replace("color}", f"{replacement}}}"), encoding="utf-8")
        _check(tmp_path)
    assert builds == [1, 1, 1] and len(_stored(tmp_path)) == 2
    assert '"HS001"' in _check(tmp_path) and builds == [1, 1, 1]  # the last one is among those kept


PATTERN_PACK = """pack: house
rules:
  - code: HS002
    name: house-size
    kind: pattern
    category: style/house
    severity: minor
    message: "'{match}': say how big"
    pattern: '\\b(?:huge|tiny)\\b'
    ignore_case: true
    unless: ['tiny']
    examples:
      fail: ["A huge phone."]
      pass: ["A tiny phone.", "A big phone."]
"""


def _loaded_checks(tmp_path: Path) -> list:
    (stored,) = _stored(tmp_path)
    tag, key, checks = pickle.loads(stored.read_bytes())
    return checks


def test_pattern_rules_are_stored_with_their_compiled_regexes(builds, tmp_path: Path) -> None:
    import regex

    from tqcheck.rules.kinds.pattern import PatternCheck, _flags

    (tmp_path / "house.yaml").write_text(PATTERN_PACK, encoding="utf-8")
    (tmp_path / "a.md").write_text("A huge phone in a tiny house, and a HUGE dog.\n", encoding="utf-8")
    args = ("check", "--isolated", "--no-grammar", "--no-cache", "--format", "json", "--pack",
            str(tmp_path / "house.yaml"), str(tmp_path / "a.md"))
    first = run_cli(*args).stdout
    checks = [c for c in _loaded_checks(tmp_path) if isinstance(c, PatternCheck)]
    assert [c.info.code for c in checks] == ["HS002"]
    for check in checks:  # loaded compiled, as regex pickles a pattern: the same pattern, flags and matches
        assert {"regex", "unless", "line_bound"} <= set(check.__dict__)
        fresh = regex.compile(check.spec.pattern, _flags(check.spec.ignore_case))
        assert (check.regex.pattern, check.regex.flags) == (fresh.pattern, fresh.flags)
        text = "A HUGE tiny house, a tiny phone; huger tinyness."
        assert [m.span() for m in check.regex.finditer(text)] == [m.span() for m in fresh.finditer(text)]
        assert [u.pattern for u in check.unless] == list(check.spec.unless)
    assert run_cli(*args).stdout == first and builds == [1]
    assert [f["code"] for f in json.loads(first)["files"][0]["findings"]] == ["HS002", "HS002"]


def test_a_cached_property_that_raises_is_left_to_raise_where_it_is_used(builds, tmp_path: Path,
                                                                         monkeypatch) -> None:
    from tqcheck.rules.kinds.pattern import PatternCheck

    def broken(self):
        raise RuntimeError("not now")

    monkeypatch.setattr(PatternCheck, "line_bound", cached_property(broken))
    PatternCheck.line_bound.__set_name__(PatternCheck, "line_bound")
    checks = [PatternCheck.__new__(PatternCheck)]
    engine_store._work_out(checks)
    assert "line_bound" not in checks[0].__dict__
    with pytest.raises(RuntimeError):
        checks[0].line_bound
