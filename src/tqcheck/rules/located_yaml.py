"""Load YAML while remembering the line of every value, for errors that name file and line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..errors import ConfigError

if TYPE_CHECKING:  # PyYAML is imported when a YAML file is read: validating a TOML config does not need it
    import yaml

Lines = dict[tuple, int]
Spec = TypeVar("Spec")


def _construct(node: yaml.Node, path: tuple, lines: Lines, file: str, loader: yaml.SafeLoader) -> Any:
    import yaml

    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in result:
                raise ConfigError(f"duplicate key {key!r}", file, key_node.start_mark.line + 1)
            result[key] = _construct(value_node, path + (key,), lines, file, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (i,), lines, file, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def load_yaml(text: str, file: str) -> tuple[Any, Lines]:
    """Parse YAML text; return the data and a map from key path to 1-based line."""
    import yaml

    # libyaml's loader when PyYAML was built with it (several times faster); positions are the same.
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(f"invalid YAML: {problem}", file, mark.line + 1 if mark else None,
                          mark.column + 1 if mark else None) from None
    lines: Lines = {}
    if node is None:
        return None, lines
    # One loader constructs every scalar: making one per value was most of the time a 1,000-term glossary took.
    loader = yaml.SafeLoader("")
    try:
        return _construct(node, (), lines, file, loader), lines
    finally:
        loader.dispose()


def line_of(lines: Lines, path: tuple) -> int | None:
    """The line of the deepest known prefix of `path`."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in lines:
            return lines[path[:cut]]
    return None


@dataclass
class Located(Generic[Spec]):
    """A validated file (pack or glossary) with where it came from and the line of each of its values."""

    LIST_KEY = ""  # the key of the file's main list: "rules" or "terms"

    spec: Spec
    file: str
    lines: Lines
    text: str = ""  # the text parsed (what a user's file is trusted by)

    def item_line(self, index: int) -> int | None:
        """The line where item `index` of the file's main list starts."""
        return self.lines.get((self.LIST_KEY, index))
