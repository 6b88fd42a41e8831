"""Models declared without importing pydantic: a class's fields (type, default, `Field` limits, docs) and validators
are written once, as for pydantic, and made into a pydantic model only when data is validated. Validated data is
held as instances of the declared class (plain attributes), so that a run whose checks come from the engine store
imports no pydantic and builds no model (~0.09 CPU-s of a one-file run)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

Instance = TypeVar("Instance", bound="Strict")


class Field:
    """pydantic's `Field(...)` arguments, passed to it when the model is made."""

    __slots__ = ("args", "kwargs")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs


class _Validator:
    """A function with the pydantic decorator (`field_validator`, `model_validator`) applied when the model is made."""

    __slots__ = ("decorator", "args", "kwargs", "function")

    def __init__(self, decorator: str, args: tuple, kwargs: dict[str, Any], function: Any) -> None:
        self.decorator, self.args, self.kwargs, self.function = decorator, args, kwargs, function


def field_validator(*fields: str, **kwargs: Any) -> Callable[[Any], _Validator]:
    """pydantic's `field_validator`, applied when the model is made."""
    return lambda function: _Validator("field_validator", fields, kwargs, function)


def model_validator(**kwargs: Any) -> Callable[[Any], _Validator]:
    """pydantic's `model_validator`, applied when the model is made."""
    return lambda function: _Validator("model_validator", (), kwargs, function)


class Declared(type):
    """The type of a declared model: answers pydantic's `model_fields` from the model."""

    @property
    def model_fields(cls) -> dict[str, Any]:
        """The fields of the model, as pydantic gives them."""
        return model_of(cls).model_fields


class Strict(metaclass=Declared):
    """Base of a declared model: unknown keys are errors; an instance holds its validated values as attributes."""

    def __init__(self, **data: Any) -> None:
        self.__dict__.update(vars(type(self).model_validate(data)))

    @classmethod
    def model_validate(cls: type[Instance], data: Any) -> Instance:
        """`data` validated by the model, as an instance of this class (pydantic's ValidationError when invalid)."""
        return _plain(model_of(cls).model_validate(data))

    def model_copy(self: Instance, update: dict[str, Any] | None = None) -> Instance:
        """A shallow copy with the values of `update` set (not validated, as pydantic's)."""
        copy = object.__new__(type(self))
        copy.__dict__.update(vars(self), **(update or {}))
        return copy

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a pydantic model

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"


class _Models:
    """A module's names for evaluating an annotation (eval's locals), each declared class as its model."""

    def __init__(self, names: dict[str, Any]) -> None:
        self.names = names

    def __getitem__(self, name: str) -> Any:
        value = self.names[name]
        return model_of(value) if isinstance(value, Declared) else value


def _field(declared: Any) -> Any:
    """pydantic's field info for a class attribute: required (`...`), a default, or `Field(...)`'s arguments."""
    if not isinstance(declared, Field):
        return declared
    from pydantic import Field as PydanticField

    kwargs = dict(declared.kwargs)
    if isinstance(kwargs.get("default_factory"), Declared):  # the default is made and validated by the model
        kwargs["default_factory"] = model_of(kwargs["default_factory"])
    return PydanticField(*declared.args, **kwargs)


_DECLARED: dict[type, type] = {}  # model -> the declared class its instances become


@cache
def model_of(cls: Declared) -> type[BaseModel]:
    """The pydantic model of a declared class (its declared parent's model its base), made on first need."""
    import pydantic

    if cls is Strict:
        model = pydantic.create_model("Strict", __config__=pydantic.ConfigDict(
            extra="forbid", populate_by_name=True, defer_build=True))
    else:
        parent = cls.__mro__[1]
        module = vars(sys.modules[cls.__module__])
        names = _Models(module)
        fields = {}
        for name, annotation in vars(cls).get("__annotations__", {}).items():
            # Written in a module with `from __future__ import annotations`: a string, evaluated now.
            hint = eval(annotation, module, names) if isinstance(annotation, str) else annotation  # noqa: S307
            fields[name] = (model_of(hint) if isinstance(hint, Declared) else hint, _field(vars(cls).get(name, ...)))
        validators = {name: getattr(pydantic, v.decorator)(*v.args, **v.kwargs)(v.function)
                      for name, v in vars(cls).items() if isinstance(v, _Validator)}
        model = pydantic.create_model(cls.__name__, __base__=model_of(parent), __module__=cls.__module__,
                                      __doc__=cls.__doc__, __validators__=validators, **fields)
    _DECLARED[model] = cls
    return model


def _plain(value: Any) -> Any:
    """A validated value with every model instance in it made an instance of its declared class."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    declared = _DECLARED.get(type(value))
    if declared is None:
        return value
    plain = object.__new__(declared)
    plain.__dict__.update({name: _plain(item) for name, item in vars(value).items()})
    return plain
