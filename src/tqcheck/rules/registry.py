"""The one table of rule kinds: each kind's name, its check class and the rule declaration built from its options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from .declared import Declared, Field, Strict
from .spec import BaseRuleSpec

CheckClass = TypeVar("CheckClass", bound=type)


@dataclass(frozen=True)
class Kind:
    """A registered rule kind."""

    name: str
    check: type  # called as check(spec, info, context)
    spec: type[BaseRuleSpec]  # the rule declaration: every rule's fields, the kind's own, `kind` and `options`


KINDS: dict[str, Kind] = {}


def rule_kind(name: str) -> Callable[[CheckClass], CheckClass]:
    """Register a check class as the rule kind `name`.

    The class declares `Options` (a Strict declaration: the kind's `options:` mapping) and, when its rules have
    top-level fields of their own (`pattern`, `phrases`...), `Spec` (a BaseRuleSpec subclass holding them).
    """

    def register(cls: CheckClass) -> CheckClass:
        options = cls.Options
        if name in KINDS or not issubclass(options, Strict):
            raise TypeError(f"rule kind {name!r}: registered twice, or its Options are not a Strict declaration")
        title = f"{cls.__name__.removesuffix('Check')}RuleSpec"
        # A declaration (no pydantic model is made until a pack is validated), found by pickle where the kind
        # lives: a run's checks are kept pickled between runs (engine_store).
        spec = Declared(title, (getattr(cls, "Spec", BaseRuleSpec),),
                        {"__module__": cls.__module__, "__qualname__": title, "__doc__": f"A `{name}` rule.",
                         "__annotations__": {"kind": Literal[name], "options": options},
                         "options": Field(default_factory=options)})
        module = sys.modules[cls.__module__]
        if hasattr(module, title):
            raise TypeError(f"rule kind {name!r}: its module already has a {title}")
        setattr(module, title, spec)
        KINDS[name] = Kind(name, cls, spec)
        return cls

    return register
