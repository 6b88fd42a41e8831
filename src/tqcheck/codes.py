"""Rule codes a run knows, and the check that every code or prefix a user writes names at least one of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .decision import EVERYTHING
from .documents.model import Directive
from .errors import ConfigError, InputError

if TYPE_CHECKING:
    from .config import Config


def unknown(values: Iterable[str], known: Iterable[str]) -> list[str]:
    """The values that are neither `ALL` nor a prefix of any known code."""
    codes = tuple(known)
    return [v for v in values if v != EVERYTHING and not any(code.startswith(v) for code in codes)]


def closest(value: str, known: Iterable[str]) -> str | None:
    """The known code most like `value` (a typo's likely intent)."""
    return _nearest(value.upper(), known)


def _nearest(value: str, known: Iterable[str]) -> str | None:
    """The known name most like `value`, as written."""
    from rapidfuzz import fuzz, process  # only a typo needs it: a run from the cache never does

    found = process.extractOne(value, sorted(set(known)), scorer=fuzz.ratio)
    return found[0] if found else None


def describe_unknown(value: str, known: Iterable[str]) -> str:
    """`unknown rule code or prefix 'X' (did you mean 'Y'?)`."""
    suggestion = closest(value, known)
    hint = f" (did you mean '{suggestion}'? `tqcheck rules` lists every code)" if suggestion else ""
    return f"unknown rule code or prefix '{value}'{hint}"


# Settings that name rule codes, with the flag that sets each from the command line.
_SETTINGS = {"select": "--select", "ignore": "--ignore", "severity": "--severity",
             "per_path_ignores": "per-path-ignores"}


def _named(config: "Config", setting: str) -> list[str]:
    value = getattr(config, setting)
    if setting == "per_path_ignores":
        return [code for codes in value.values() for code in codes]
    return list(value)


def check_settings(config: "Config", from_command_line: Iterable[str], known: Callable[[], set[str]]) -> None:
    """ConfigError for the first unknown code or prefix in the settings that name codes, where it was written."""
    given = set(from_command_line)
    for setting, flag in _SETTINGS.items():
        values = [v for v in _named(config, setting) if v != EVERYTHING]
        bad = unknown(values, known()) if values else []
        if not bad:
            continue
        raise _setting_error(config, setting, flag, given, describe_unknown(bad[0], known()))


def _setting_error(config: "Config", setting: str, flag: str, given: set[str], message: str,
                   entry: str | None = None) -> ConfigError:
    """The error about `setting`: at its command-line flag when given there, else at its line in the config (the
    line of its table's `entry` when it is a table)."""
    if setting in given:
        return ConfigError(f"{flag}: {message}")
    key = setting.replace("_", "-")
    lines = config.lines
    line = lines.get((key, entry)) if (key, entry) in lines else lines.get((key,))
    return ConfigError(f"{key}: {message}", config.source or "<defaults>", line)


# Settings that name MQM categories (or their prefixes), with the flag that sets each from the command line.
_CATEGORY_SETTINGS = {"max_category": "--max-category", "category_weights": "category-weights"}


def _category_names(categories: Iterable[str]) -> set[str]:
    """Every category and each of its prefixes (`terminology` of `terminology/wrong-term`)."""
    parts = [category.split("/") for category in categories]
    return {"/".join(words[:n]) for words in parts for n in range(1, len(words) + 1)}


def check_categories(config: "Config", from_command_line: Iterable[str], known: Callable[[], Iterable[str]]) -> None:
    """ConfigError for the first category or prefix in `max-category` or `category-weights` that no rule of the
    run has (a limit on it could never fail a file, a weight never weigh), where it was written."""
    given = set(from_command_line)
    for setting, flag in _CATEGORY_SETTINGS.items():
        values = list(getattr(config, setting))
        names = _category_names(known()) if values else set()
        bad = [v for v in values if v not in names]
        if not bad:
            continue
        found = _nearest(bad[0], names)
        hint = f"did you mean '{found}'? " if found else ""
        message = f"unknown category '{bad[0]}' ({hint}`tqcheck rules` lists every rule's category)"
        raise _setting_error(config, setting, flag, given, message)


def check_selection(config: "Config", from_command_line: Iterable[str],
                    known: Callable[[], dict[str, tuple[str, str]]]) -> None:
    """ConfigError for the first code or prefix in `select` whose rules all belong to built-in packs the run does
    not use: nothing it names would run, and the run would pass whatever the files hold."""
    from .resources import builtin_pack_names

    unused = set(builtin_pack_names()) - set(config.packs) - set(config.extra_packs)
    values = [v for v in config.select if v != EVERYTHING] if unused else []
    for value in values:
        packs = {pack for code, (_, pack) in known().items() if code.startswith(value)}
        if packs and packs <= unused:
            message = (f"'{value}' names only rules of packs this run does not use ({', '.join(sorted(packs))}); "
                       "add them to `packs` (or --pack), or select other rules")
            raise _setting_error(config, "select", "--select", set(from_command_line), message)


# Settings that name LanguageTool rule ids or categories (no flag sets them).
_GRAMMAR_SETTINGS = ("grammar_disabled_rules", "grammar_severity")


def names_grammar_rules(config: "Config") -> bool:
    """Whether the run names LanguageTool rules or categories that are used (grammar on): only then are they
    checked, which may ask the server."""
    return config.grammar != "off" and any(getattr(config, setting) for setting in _GRAMMAR_SETTINGS)


def check_grammar_names(config: "Config", known: Callable[[], set[str]]) -> None:
    """ConfigError for the first LanguageTool rule id or category in `grammar-disabled-rules` or `grammar-severity`
    that the run's LanguageTool does not have (the rule would stay as it is and nobody would be told)."""
    for setting in _GRAMMAR_SETTINGS:
        bad = [name for name in getattr(config, setting) if name not in known()]
        if bad:
            found = _nearest(bad[0].upper(), known())  # LanguageTool's names are upper case: `typos` is TYPOS
            hint = f"did you mean '{found}'? " if found else ""
            message = (f"LanguageTool has no rule or category '{bad[0]}' ({hint}a grammar finding's "
                       "message ends with its rule id)")
            raise _setting_error(config, setting, "", set(), message, bad[0])


def check_directives(directives: list[Directive], path: str, known: Callable[[], set[str]]) -> None:
    """InputError at the first suppression comment that names an unknown code or prefix."""
    for directive in directives:
        bad = unknown(directive.codes, known()) if directive.codes else []
        if bad:
            raise InputError(f"{describe_unknown(bad[0], known())} in a tqcheck comment; file not checked",
                             path, directive.line)
