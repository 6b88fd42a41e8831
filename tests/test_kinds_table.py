"""The table of rule kinds (rules/kinds MODULES) against the modules, and kinds imported only when needed."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

from test_engine_store import PACK
from tqcheck.rules import kinds
from tqcheck.rules.registry import KINDS as REGISTERED

FOLDER = Path(kinds.__file__).parent


def test_the_table_names_each_module_and_the_kinds_it_registers() -> None:
    modules = sorted(p.stem for p in FOLDER.glob("*.py") if p.stem != "__init__")
    assert sorted(set(kinds.MODULES.values())) == modules
    for module in modules:
        import_module(f"{kinds.__name__}.{module}")
    registered = {name: kind.check.__module__.rsplit(".", 1)[1] for name, kind in REGISTERED.items()}
    assert registered == kinds.MODULES


def test_every_kind_is_in_the_rule_model() -> None:
    union = kinds.RuleSpec.__origin__.__args__
    assert sorted(model.model_fields["kind"].annotation.__args__[0] for model in union) == sorted(kinds.MODULES)


def _fresh(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_a_kind_is_imported_when_first_asked_for() -> None:
    out = _fresh("import sys\n"
                 "from tqcheck.rules import kinds\n"
                 "before = sorted(m for m in sys.modules if m.startswith('tqcheck.rules.kinds.'))\n"
                 "kinds.kind('tag-line')\n"
                 "after = sorted(m for m in sys.modules if m.startswith('tqcheck.rules.kinds.'))\n"
                 "print(before, after)")
    assert out == "[] ['tqcheck.rules.kinds.tag_line']"


def test_loaded_checks_import_only_their_kinds_and_find_the_same(tmp_path: Path) -> None:
    """A run whose checks come from the engine store imports the modules of its checks' kinds, no others."""
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "a.md").write_text("The colour is red.\n", encoding="utf-8")
    argv = ["tqcheck", "check", "--isolated", "--no-grammar", "--no-cache", "--no-default-glossary", "--format",
            "json", "--pack", str(tmp_path / "house.yaml"), str(tmp_path / "a.md")]
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('KINDS', sorted(m for m in sys.modules"
            " if m.startswith('tqcheck.rules.kinds.')), file=sys.stderr))\n"
            f"sys.argv = {argv!r}\n"
            "from tqcheck.launcher import main\n"
            "main()\n")
    env = {**os.environ, "TQCHECK_CACHE_DIR": str(tmp_path / "cache")}
    built, loaded = (subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
                     for _ in range(2))
    assert list((tmp_path / "cache" / "checks").glob("*.pickle")), built.stderr
    assert built.stdout == loaded.stdout and '"HS001"' in built.stdout
    assert f"KINDS {sorted(f'tqcheck.rules.kinds.{m}' for m in kinds.MODULES.values())}" in built.stderr
    assert "KINDS ['tqcheck.rules.kinds.phrases']" in loaded.stderr, loaded.stderr

