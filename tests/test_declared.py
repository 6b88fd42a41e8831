"""Rule declarations (rules/declared.py): validated into plain instances of the declared classes, pydantic imported
only to validate, and a run whose checks come from the engine store imports none of it."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from test_engine_store import PACK, PATTERN_PACK

from tqcheck import engine_store
from tqcheck.rules.declared import Strict

OPTIONS_PACK = """pack: house
rules:
  - code: HS003
    name: house-repeats
    kind: repeated-word
    category: fluency/repetition
    severity: minor
    message: "'{match}' twice"
    options:
      allowed: [that]
    examples:
      fail: ["A phone phone."]
"""
TEXT = "The colour of the the phone is huge.\n"


def _run(tmp_path: Path, pack: str, probe: bool = False) -> subprocess.CompletedProcess:
    """A whole `tqcheck check` process with `pack` (and its stderr's last line: the top-level modules it imported)."""
    (tmp_path / "house.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    argv = ["tqcheck", "check", "--isolated", "--no-grammar", "--no-cache", "--no-default-glossary", "--format",
            "json", "--pack", str(tmp_path / "house.yaml"), str(tmp_path / "a.md")]
    code = ("import atexit, json, sys\n"
            + "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n" * probe
            + f"sys.argv = {argv!r}\nfrom tqcheck.launcher import main\nmain()\n")
    env = {**os.environ, "TQCHECK_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)


def _modules(done: subprocess.CompletedProcess) -> set[str]:
    return set(json.loads(done.stderr.splitlines()[-1]))


@pytest.mark.parametrize("pack", [PACK, PATTERN_PACK, OPTIONS_PACK])
def test_a_run_from_the_engine_store_imports_no_pydantic(tmp_path: Path, pack: str) -> None:
    built, loaded = _run(tmp_path, pack, probe=True), _run(tmp_path, pack, probe=True)
    assert built.stdout == loaded.stdout and '"HS00' in built.stdout
    assert "pydantic" in _modules(built)  # the first run validates the pack
    assert not {m for m in _modules(loaded) if m.split(".")[0] in ("pydantic", "pydantic_core")}, loaded.stderr


def test_a_changed_option_builds_anew(tmp_path: Path) -> None:
    allowed = _run(tmp_path, OPTIONS_PACK.replace("[that]", "[the]"))
    assert '"HS003"' not in allowed.stdout
    flagged = _run(tmp_path, OPTIONS_PACK)
    assert '"HS003"' in flagged.stdout
    assert _run(tmp_path, OPTIONS_PACK.replace("[that]", "[the]")).stdout == allowed.stdout
    assert len(list((tmp_path / "cache" / "checks").glob("*.pickle"))) == 2


def _stored(tmp_path: Path) -> Path:
    (stored,) = (tmp_path / "cache" / "checks").glob("*.pickle")
    return stored


def _as_pydantic_pickled(value: object) -> object:
    """What unpickling main's store (pydantic models, `tqcheck-checks-1`) gives with today's classes: each model's
    pickled state (pydantic's `__getstate__`) set on a declared instance."""
    if isinstance(value, list):
        return [_as_pydantic_pickled(item) for item in value]
    if isinstance(value, Strict):
        old = object.__new__(type(value))
        old.__dict__.update({"__dict__": {k: _as_pydantic_pickled(v) for k, v in vars(value).items()},
                             "__pydantic_extra__": None, "__pydantic_fields_set__": set(vars(value)),
                             "__pydantic_private__": None})
        return old
    if hasattr(value, "spec"):
        value.spec = _as_pydantic_pickled(value.spec)
    return value


def test_a_store_written_by_the_pydantic_layout_is_built_again(tmp_path: Path) -> None:
    first = _run(tmp_path, PACK)
    stored = _stored(tmp_path)
    tag, key, checks = pickle.loads(stored.read_bytes())
    assert tag == engine_store._FORMAT != "tqcheck-checks-1"
    stored.write_bytes(pickle.dumps(("tqcheck-checks-1", key, _as_pydantic_pickled(checks))))
    again = _run(tmp_path, PACK)
    assert again.returncode == first.returncode and again.stdout == first.stdout, again.stderr
    assert pickle.loads(stored.read_bytes())[0] == engine_store._FORMAT  # replaced by a build's


def _fresh(code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_kind_nobody_imported_yet_validates_and_unpickles() -> None:
    options = {"code": "HS004", "name": "tags", "category": "style/tags", "severity": "minor", "message": "m",
               "kind": "tag-line", "options": {"max_words": 3}, "examples": {"fail": ["x"]}}
    out = _fresh("import pickle, sys\n"
                 "from tqcheck.rules.kinds.tag_line import TagLineRuleSpec\n"
                 f"rule = TagLineRuleSpec.model_validate({options!r})\n"
                 "print(type(rule).__qualname__, type(rule.options).__qualname__, rule.options.max_words,"
                 " rule.options.scopes)\n"
                 "print(pickle.dumps(rule).hex())\n")
    assert out[0] == "TagLineRuleSpec TagLineCheck.Options 3 ['paragraph']"
    loaded = _fresh("import pickle, sys\n"
                    f"rule = pickle.loads(bytes.fromhex({out[1]!r}))\n"
                    "print(type(rule).__module__, rule.options.max_words, rule.examples.fail,"
                    " 'tqcheck.rules.kinds.tag_line' in sys.modules, 'pydantic' in sys.modules)\n")
    assert loaded == ["tqcheck.rules.kinds.tag_line 3 ['x'] True False"]


def test_validated_data_holds_no_model_and_keeps_the_declared_methods() -> None:
    from tqcheck.rules.glossary import TermEntry
    from tqcheck.rules.kinds.governed_prepositions import Government
    from tqcheck.rules.packs import builtin_pack_names, load_packs

    def models(value: object) -> list[object]:
        if isinstance(value, (list, tuple)):
            return [m for item in value for m in models(item)]
        if isinstance(value, dict):
            return [m for item in value.values() for m in models(item)]
        if hasattr(value, "__pydantic_fields_set__"):
            return [value]
        return [m for item in vars(value).values() for m in models(item)] if isinstance(value, Strict) else []

    packs = load_packs(builtin_pack_names())
    assert not models([pack.spec for pack in packs])
    entry = TermEntry(term="Galaxy", forms=["GALAXY"])
    assert entry.allowed() == {"Galaxy", "GALAXY"} and entry.kind == "product" and entry.examples is None
    assert entry == pickle.loads(pickle.dumps(entry)) and entry != entry.model_copy(update={"note": "n"})
    government = Government(heads=["insist"], wrong="in", right="insist on", languages=["es"], source="insistir en")
    assert government.pattern().match("insist in") and government.folded_heads() == frozenset({"insist"})
