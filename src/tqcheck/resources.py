"""Data files shipped with tqcheck (built-in packs and glossary), found without importing the rule engine."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

DEFAULT_GLOSSARY = "tech"


def data_dir() -> Traversable:
    """The package's data folder."""
    return resources.files("tqcheck") / "data"


def builtin_pack_names() -> list[str]:
    """Names of the packs shipped with tqcheck."""
    return sorted(p.name.removesuffix(".yaml") for p in (data_dir() / "packs").iterdir() if p.name.endswith(".yaml"))


def builtin_pack(name: str) -> Traversable:
    """The file of a built-in pack."""
    return data_dir() / "packs" / f"{name}.yaml"


def builtin_glossary(name: str) -> Traversable:
    """The file of a built-in glossary."""
    return data_dir() / "glossaries" / f"{name}.yaml"
