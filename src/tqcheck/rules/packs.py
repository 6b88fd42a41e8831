"""Load rule packs (built-in and user files) and build their checks."""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError
from ..resources import builtin_pack, builtin_pack_names
from .check import Check
from .context import BuildContext
from . import kinds
from .kinds import build_check
from .located_yaml import Located, load_yaml
from .spec import Strict
from .validation import validate


class PackSpec(Strict):
    """A rule pack: a named list of rules for one target language."""

    pack: str
    description: str = ""
    language: str = "en"
    rules: list[kinds.RuleSpec]  # the union of every kind's rule model, made when the pack is validated


class Pack(Located[PackSpec]):
    """A validated pack with the file it came from and the line of each of its rules."""

    LIST_KEY = "rules"

    def rule_line(self, index: int) -> int | None:
        """The line where rule `index` starts."""
        return self.item_line(index)


def _read(name_or_path: str) -> tuple[str, str]:
    if name_or_path in builtin_pack_names():
        return builtin_pack(name_or_path).read_text(encoding="utf-8"), f"<builtin>/{name_or_path}.yaml"
    path = Path(name_or_path)
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except FileNotFoundError:
        raise ConfigError(f"rule pack not found (built-in packs: {', '.join(builtin_pack_names())})",
                          name_or_path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read rule pack: {error}", name_or_path) from None


def load_pack(name_or_path: str) -> Pack:
    """Load and validate one pack by built-in name or file path."""
    text, file = _read(name_or_path)
    data, lines = load_yaml(text, file)
    return Pack(validate(PackSpec, data, file, lines), file, lines, text)


def load_packs(names: list[str]) -> list[Pack]:
    """Load several packs; a rule code defined twice is an error naming both places."""
    packs = [load_pack(name) for name in names]
    seen: dict[str, str] = {}
    for pack in packs:
        for index, rule in enumerate(pack.spec.rules):
            where = f"{pack.file}:{pack.rule_line(index)}"
            if rule.code in seen:
                raise ConfigError(f"rule code {rule.code} is defined twice (first at {seen[rule.code]})",
                                  pack.file, pack.rule_line(index))
            seen[rule.code] = where
    return packs


def build_checks(packs: list[Pack], context: BuildContext) -> list[Check]:
    """Checks for every rule of the packs, for the configured source languages.

    Options were validated with the pack; an exception here is a bug in a kind, and propagates as one.
    """
    return [check for pack in packs for index, rule in enumerate(pack.spec.rules)
            if (check := build_check(rule, pack.spec.pack, context, f"{pack.file}:{pack.rule_line(index)}"))
            is not None]
