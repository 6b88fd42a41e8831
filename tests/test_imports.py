"""No import cycles inside src/tqcheck: every module's imports (lazy ones too) form a graph without loops."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path


PACKAGE = Path(__file__).resolve().parent.parent / "src" / "tqcheck"


def _module_name(path: Path) -> str:
    parts = ("tqcheck",) + path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The tqcheck modules `path` imports at run time (at the top or inside functions)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if _type_checking_only(node) for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module in modules and module != name}


def _graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(path) for path in files}
    return {_module_name(path): _imports(path, modules) for path in files}


def test_the_graph_sees_known_imports() -> None:
    graph = _graph()
    assert "tqcheck.rules.registry" in graph["tqcheck.rules.kinds.pattern"]
    assert "tqcheck.rules.registry" in graph["tqcheck.rules.kinds"]  # `..` from a package's __init__
    assert "tqcheck.defaults" in graph["tqcheck.config"]  # `from . import module`


def _cycle(graph: dict[str, set[str]]) -> str | None:
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:
        return " -> ".join(error.args[1])
    return None


def test_no_import_cycles_in_rules() -> None:
    graph = {name: {m for m in imports if m.startswith("tqcheck.rules")}
             for name, imports in _graph().items() if name.startswith("tqcheck.rules")}
    assert _cycle(graph) is None


def test_no_import_cycles() -> None:
    assert _cycle(_graph()) is None
