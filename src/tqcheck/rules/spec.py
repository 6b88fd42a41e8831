"""The fields every rule of a pack has, whatever its kind (declared: validated with pydantic when a pack is read)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import regex

from ..findings import RuleInfo, Severity
from ..languages import NAMES as LANGUAGES
from .declared import Field, Strict, field_validator

CODE_PATTERN = r"^[A-Z]{2,8}[0-9]{3}$"


def _compiles(expression: str) -> str:
    """The expression, once the `regex` module has compiled it: a broken one is the pack's error, at its line."""
    try:
        regex.compile(expression, regex.MULTILINE)
    except regex.error as error:
        raise ValueError(f"invalid regex: {error}") from None
    return expression


class _Compiles:
    """pydantic's `AfterValidator(_compiles)`, found by pydantic's hook when the model is made."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import AfterValidator

        return AfterValidator(_compiles).__get_pydantic_core_schema__(source, handler)


# A `regex`-module expression written in a pack.
Regex = Annotated[str, _Compiles()]


class Example(Strict):
    """A pass or fail example; `flagged` and `fix`, when given, are checked too."""

    text: str
    flagged: str | None = None
    fix: str | None = None


class Examples(Strict):
    """Texts the rule must flag (`fail`) and must leave alone (`pass`)."""

    fail: list[Example | str] = Field(default_factory=list)
    passing: list[Example | str] = Field(default_factory=list, alias="pass")

    def fail_examples(self) -> list[Example]:
        """Fail examples as Example objects."""
        return [e if isinstance(e, Example) else Example(text=e) for e in self.fail]

    def pass_examples(self) -> list[Example]:
        """Pass examples as Example objects."""
        return [e if isinstance(e, Example) else Example(text=e) for e in self.passing]


class BaseRuleSpec(Strict):
    """One rule in a pack: the fields of every kind. The registry adds `kind`, `options` and the kind's own fields."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    category: str = Field(pattern=r"^[a-z-]+(?:/[a-z-]+)*$")
    severity: Severity
    message: str
    description: str = ""
    fix_safe: bool = False
    priority: int = 0
    allow_in: list[Literal["hashtag", "handle", "url", "email", "code"]] = Field(default_factory=list)
    source_languages: list[str] = Field(default_factory=list)
    examples: Examples = Field(default_factory=Examples, validate_default=True)

    @field_validator("examples")
    @classmethod
    def _needs_examples(cls, examples: Examples) -> Examples:
        if not examples.fail:
            raise ValueError("every rule needs at least one `fail` example")
        return examples

    def info(self, pack: str, where: str = "") -> RuleInfo:
        """What this rule is, for findings and `tqcheck rules`; `where` is its `file:line`."""
        return RuleInfo(self.code, self.name, self.category, self.severity, self.description or self.message,
                        "rules", pack, self.fix_safe, self.priority, where)


class NoOptions(Strict):
    """The options of a kind that takes none: any key is unknown."""
