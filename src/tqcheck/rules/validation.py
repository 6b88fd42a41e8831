"""Validate loaded data with a pydantic model (or a declared one, rules/declared.py); errors name the file and line."""

from __future__ import annotations

from typing import Any, TypeVar

from ..errors import ConfigError
from .located_yaml import Lines, line_of

Model = TypeVar("Model")  # a pydantic model, or a declared one
# The key a rule's model is chosen by; pydantic puts its value (the kind) into the locations of errors inside.
_TAG = "kind"


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _untagged(loc: tuple, data: Any) -> tuple[tuple, str | None, tuple]:
    """The location in the data without the union's tag, the kind named by that tag, and the location inside it."""
    path: list = []
    node, kind, inner_from, fresh = data, None, 0, True
    for part in loc:
        if fresh and isinstance(node, dict) and node.get(_TAG) == part:
            kind, inner_from, fresh = part, len(path), False
            continue
        path.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
        fresh = True
    return tuple(path), kind, tuple(path[inner_from:]) if kind is not None else ()


def _message(error: dict, where: tuple, kind: str | None, inner: tuple) -> str:
    """One plain sentence for a validation error."""
    kind_error, text = error["type"], error["msg"].removeprefix("Value error, ")
    if kind_error == "union_tag_invalid":
        return f"unknown {_TAG} {error['ctx']['tag']!r} (one of {error['ctx']['expected_tags']})"
    if kind_error == "union_tag_not_found":
        return f"{_dotted(where)}: missing `{_TAG}`"
    if kind is not None and len(inner) >= 2 and inner[0] == "options":
        if kind_error == "extra_forbidden" and len(inner) == 2:
            return f"unknown option {inner[1]!r} for kind {kind}"
        return f"option {inner[1]!r} for kind {kind}: {text}"
    if kind is not None and len(inner) == 1 and kind_error == "extra_forbidden":
        return f"unknown key {inner[0]!r} for kind {kind}"
    if kind is not None and len(inner) == 1 and kind_error == "missing":
        return f"a `{kind}` rule needs `{inner[0]}`"
    text = "unknown key" if kind_error == "extra_forbidden" else text
    return f"{_dotted(where)}: {text}" if where else text


def validate(model: type[Model], data: Any, file: str, lines: Lines | None = None) -> Model:
    """Build `model` from `data`; the first validation error (an unknown key first) becomes a ConfigError at its line."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as error:
        errors = error.errors()
        # A misspelt key also leaves the key it meant missing: the misspelling is the one to report.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        where, kind, inner = _untagged(tuple(first["loc"]), data)
        line_path = where + (_TAG,) if first["type"].startswith("union_tag") else where
        raise ConfigError(_message(first, where, kind, inner), file, line_of(lines or {}, line_path)) from None
