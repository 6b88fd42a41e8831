"""Validation of the settings with pydantic: the model is made from `Config`'s fields plus the limits below."""

from __future__ import annotations

from dataclasses import MISSING, fields
from functools import cache
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from . import defaults
from .languages import supported_sources, supported_target
from .rules.validation import validate

# Limits on values, by field (pydantic's Field arguments).
_LIMITS: dict[str, dict[str, Any]] = {
    "threshold": {"ge": 0, "le": 100},
    "max_file_size": {"gt": 0},
    "languagetool_heap": {"pattern": r"^[0-9]+[kmgKMG]?$"},
    "languagetool_timeout": {"gt": 0},
    "jobs": {"ge": 1},
    "tolerance": {"gt": 0},
    "reference_words": {"gt": 0},
    "length_scale": {"gt": 0},
    "min_score": {"ge": 0, "le": 100},
    "max_critical": {"ge": 0},
    "source_tolerance": {"ge": 1},
    "source_weight": {"ge": 0},
}


def _kebab(name: str) -> str:
    return name.replace("_", "-")


def _weights_over_defaults(cls, value: dict) -> dict:
    if any(weight < 0 for weight in value.values()):
        raise ValueError("weights must not be negative")
    return dict(defaults.WEIGHTS) | value


def _limits_not_negative(cls, value: dict) -> dict:
    if any(limit < 0 for limit in value.values()):
        raise ValueError("category limits must not be negative")
    return value


def _grammar_bool(cls, value: Any) -> Any:
    return {True: "on", False: "off"}.get(value, value) if isinstance(value, bool) else value


def _known_target(cls, value: str) -> str:
    return supported_target(value)


def _known_sources(cls, value: list[str]) -> list[str]:
    return supported_sources(value)


@cache
def settings_model(config: type) -> type[BaseModel]:
    """The pydantic model of the settings of `config` (the Config dataclass): unknown keys forbidden, kebab-case
    keys; fields marked `runtime` are set by the loader, never by the user."""
    hints = get_type_hints(config)
    definitions = {}
    for item in fields(config):
        if item.metadata.get("runtime"):
            continue
        default = ({"default_factory": item.default_factory} if item.default is MISSING
                   else {"default": item.default})
        definitions[item.name] = (hints[item.name], Field(**default, **_LIMITS.get(item.name, {})))
    validators = {
        "weights_over_defaults": field_validator("weights", mode="after")(_weights_over_defaults),
        "limits_not_negative": field_validator("max_category", mode="after")(_limits_not_negative),
        "grammar_bool": field_validator("grammar", mode="before")(_grammar_bool),
        "known_target": field_validator("language")(_known_target),
        "known_sources": field_validator("source_languages")(_known_sources),
    }
    return create_model("Settings", __config__=ConfigDict(extra="forbid", alias_generator=_kebab,
                                                          populate_by_name=True),
                        __validators__=validators, **definitions)


def validated(config: type, data: dict[str, Any], overrides: dict[str, Any], file: str, lines: dict) -> dict:
    """The settings of a config file's `data` with the command line's `overrides` over them, by field name; a
    ConfigError at the line of the first bad value."""
    model = settings_model(config)
    settings = validate(model, data, file, lines)
    if overrides:
        settings = validate(model, settings.model_dump(by_alias=False) | overrides, "<command line>")
    return settings.model_dump(by_alias=False)
