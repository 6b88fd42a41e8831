"""The one table of rule kinds: each kind's name, its check class and the rule model built from its options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from pydantic import Field, create_model

from .spec import BaseRuleSpec

CheckClass = TypeVar("CheckClass", bound=type)


@dataclass(frozen=True)
class Kind:
    """A registered rule kind."""

    name: str
    check: type  # called as check(spec, info, context)
    spec: type[BaseRuleSpec]  # the rule model: every rule's fields, the kind's own, `kind` and `options`


KINDS: dict[str, Kind] = {}


def rule_kind(name: str) -> Callable[[CheckClass], CheckClass]:
    """Register a check class as the rule kind `name`.

    The class declares `Options` (a model with unknown keys forbidden: the kind's `options:` mapping) and, when its
    rules have top-level fields of their own (`pattern`, `phrases`...), `Spec` (a BaseRuleSpec subclass holding them).
    """

    def register(cls: CheckClass) -> CheckClass:
        options = cls.Options
        if name in KINDS or options.model_config.get("extra") != "forbid":
            raise TypeError(f"rule kind {name!r}: registered twice, or its Options allow unknown keys")
        model = create_model(f"{cls.__name__.removesuffix('Check')}RuleSpec", __base__=getattr(cls, "Spec", BaseRuleSpec),
                             __module__=cls.__module__, kind=(Literal[name], ...),
                             options=(options, Field(default_factory=options)))
        # Found by pickle where the kind lives: a run's checks are kept pickled between runs (engine_store).
        module = sys.modules[cls.__module__]
        if hasattr(module, model.__name__):
            raise TypeError(f"rule kind {name!r}: its module already has a {model.__name__}")
        setattr(module, model.__name__, model)
        KINDS[name] = Kind(name, cls, model)
        return cls

    return register
