"""The schema of rule-pack files, validated with pydantic."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..findings import Severity

CODE_PATTERN = r"^[A-Z]{2,8}[0-9]{3}$"
LANGUAGES = {"es": "Spanish", "pt": "Portuguese", "fr": "French", "it": "Italian", "de": "German",
             "ca": "Catalan", "nl": "Dutch", "en": "English"}


class Strict(BaseModel):
    """Base model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


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


class LeakWord(Strict):
    """A source-language word that should have been translated."""

    word: str
    languages: list[str]
    translation: str


class RuleSpec(Strict):
    """One rule in a pack; which fields apply depends on `kind`."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    kind: Literal["pattern", "phrases", "boilerplate", "leakage", "foreign-words", "language-id", "glued-words",
                  "balance", "mojibake", "repeated-text", "repeated-word", "truncation", "inconsistency",
                  "gender-reference"]
    category: str = Field(pattern=r"^[a-z-]+(?:/[a-z-]+)*$")
    severity: Severity
    message: str
    description: str = ""
    fix_safe: bool = False
    priority: int = 0
    allow_in: list[Literal["hashtag", "handle", "url", "email", "code"]] = Field(default_factory=list)
    source_languages: list[str] = Field(default_factory=list)
    examples: Examples = Field(default_factory=Examples, validate_default=True)
    pattern: str | None = None
    ignore_case: bool = False
    group: str | None = None
    suggest: list[str] = Field(default_factory=list)
    phrases: dict[str, str | None] | list[str] | None = None
    max_words: int = 12
    words: list[LeakWord] | None = None
    context: Literal["between-names", "in-english"] | None = None
    unless: list[str] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)  # pattern runs only when one of these strings occurs
    edge_phrases: list[str] = Field(default_factory=list)
    options: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _fields_for_kind(self) -> "RuleSpec":
        needed = {"pattern": "pattern", "phrases": "phrases", "boilerplate": "phrases", "leakage": "words"}.get(
            self.kind)
        if needed and not getattr(self, needed):
            raise ValueError(f"a `{self.kind}` rule needs `{needed}`")
        if self.kind == "leakage" and self.context is None:
            raise ValueError("a `leakage` rule needs `context`")
        if self.pattern is not None:
            import regex

            try:
                compiled = regex.compile(self.pattern)
            except regex.error as error:
                raise ValueError(f"invalid regex in `pattern`: {error}") from None
            if self.group and self.group not in compiled.groupindex:
                raise ValueError(f"`group` {self.group!r} is not a named group of `pattern`")
        return self

    @field_validator("examples")
    @classmethod
    def _needs_examples(cls, examples: Examples) -> Examples:
        if not examples.fail:
            raise ValueError("every rule needs at least one `fail` example")
        return examples


class PackSpec(Strict):
    """A rule pack: a named list of rules for one target language."""

    pack: str
    description: str = ""
    language: str = "en"
    rules: list[RuleSpec]
