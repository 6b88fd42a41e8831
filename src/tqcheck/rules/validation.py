"""Validate loaded data with a pydantic model; errors name the file and line."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import ConfigError
from .yamlines import Lines, line_of

Model = TypeVar("Model", bound=BaseModel)


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def validate(model: type[Model], data: Any, file: str, lines: Lines | None = None) -> Model:
    """Build `model` from `data`; the first validation error becomes a ConfigError at its line."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = tuple(first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown key"
        raise ConfigError(f"{_dotted(loc)}: {message}" if loc else message, file,
                          line_of(lines or {}, loc)) from None
