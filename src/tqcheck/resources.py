"""Data files shipped with tqcheck (built-in packs and glossary), found without importing the rule engine."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DEFAULT_GLOSSARY = "tech"


def data_dir() -> Path:
    """The package's data folder."""
    # Beside the code rather than through importlib.resources, whose import costs more than a whole cached run's
    # other work; tqcheck is never run from a zip.
    return Path(__file__).parent / "data"


def builtin_pack_names() -> list[str]:
    """Names of the packs shipped with tqcheck."""
    return list(_pack_names())


@cache
def _pack_names() -> tuple[str, ...]:
    packs = (data_dir() / "packs").iterdir()
    return tuple(sorted(p.name.removesuffix(".yaml") for p in packs if p.name.endswith(".yaml")))


def builtin_pack(name: str) -> Path:
    """The file of a built-in pack."""
    return data_dir() / "packs" / f"{name}.yaml"


def builtin_glossary(name: str) -> Path:
    """The file of a built-in glossary."""
    return data_dir() / "glossaries" / f"{name}.yaml"


@cache
def grammar_data_texts() -> tuple[str, ...]:
    """The grammar profiles and tqcheck's own LanguageTool rules: they decide grammar findings as packs do others."""
    return tuple(p.read_text(encoding="utf-8") for folder in ("grammar", "languagetool")
                 for p in sorted((data_dir() / folder).rglob("*.*"), key=str))


@cache
def data_texts() -> tuple[str, ...]:
    """Every data file (word lists, built-in packs and glossaries, grammar data) as its relative name, NUL and text."""
    folder = data_dir()
    return tuple(f"{path.relative_to(folder)}\0{path.read_text(encoding='utf-8', errors='replace')}"
                 for path in sorted(folder.rglob("*"), key=str) if path.is_file())
