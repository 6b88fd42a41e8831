"""Every rule kind by name and module, imported when first needed; the rule model keyed on `kind`, and the factory
that builds checks."""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any, Union

from ..registry import KINDS as _REGISTERED, Kind

if TYPE_CHECKING:
    from ..check import Check
    from ..context import BuildContext
    from ..spec import BaseRuleSpec

# Each kind's name and the module of this package that registers it. A run whose checks were unpickled imports
# only the modules of its checks' classes (importing every kind costs ~0.15 s); validating a pack needs them all.
# tests/test_kinds_table.py checks this table against the modules.
MODULES = {
    "balance": "balance",
    "boilerplate": "boilerplate",
    "capitalised-words": "capitalised_words",
    "case-variants": "case_variants",
    "coined-words": "coined_words",
    "echoed-word": "echoed_word",
    "foreign-words": "foreign_words",
    "gender-reference": "gender_reference",
    "glued-words": "glued_words",
    "governed-prepositions": "governed_prepositions",
    "inconsistency": "inconsistency",
    "language-id": "language_id",
    "leakage": "leakage",
    "mojibake": "mojibake",
    "name-variants": "name_variants",
    "pattern": "pattern",
    "phrases": "phrases",
    "phrases-in-context": "phrases_in_context",
    "repeated-text": "repeated_text",
    "repeated-title": "repeated_title",
    "repeated-word": "repeated_word",
    "romanised-words": "romanised_words",
    "tag-line": "tag_line",
    "truncation": "truncation",
}


def kind(name: str) -> Kind:
    """The registered kind `name`, its module imported on first use."""
    if name not in _REGISTERED:
        import_module(f"{__name__}.{MODULES[name]}")
    return _REGISTERED[name]


def every_kind() -> dict[str, Kind]:
    """Every kind, each module imported."""
    for name in MODULES:
        kind(name)
    return _REGISTERED


@cache
def rule_spec() -> Any:
    """A rule of any kind; pydantic picks the model by `kind`, so a misspelt option names its kind."""
    from pydantic import Field

    from ..declared import model_of

    kinds = every_kind()
    return Annotated[Union[tuple(model_of(kinds[name].spec) for name in sorted(kinds))], Field(discriminator="kind")]


def __getattr__(name: str) -> Any:
    """`KINDS` (every kind) and `RuleSpec` (the rule model), made when first asked for."""
    if name == "KINDS":
        return every_kind()
    if name == "RuleSpec":
        return rule_spec()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build_check(spec: BaseRuleSpec, pack: str, context: BuildContext, where: str = "") -> Check | None:
    """The check for one rule; None when the configured source languages leave it nothing to do."""
    wanted = context.source_languages
    if spec.source_languages and wanted and not wanted & set(spec.source_languages):
        return None
    return kind(spec.kind).check(spec, spec.info(pack, where), context)
