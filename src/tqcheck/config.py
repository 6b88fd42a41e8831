"""Configuration: `tqcheck.toml` or `[tool.tqcheck]` in `pyproject.toml`, found by walking up; flags override."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from . import __version__, defaults
from .defaults import cache_dir
from .digests import code_digest, key_of
from .errors import ConfigError
from .findings import Severity
from .languages import CONFIGURABLE_SOURCES
from .resources import builtin_pack_names

CONFIG_NAMES = ("tqcheck.toml", ".tqcheck.toml")
# Marks the fields load_config sets from where the config was found, never the config itself.
_FOUND = {"runtime": True}


@dataclass
class Config:
    """Every setting, with its default; TOML keys are kebab-case (`fail-on`). `config_validation` checks values."""

    language: str = defaults.LANGUAGE
    source_languages: list[str] = field(default_factory=list)
    packs: list[str] = field(default_factory=builtin_pack_names)
    extra_packs: list[str] = field(default_factory=list)
    glossaries: list[str] = field(default_factory=list)
    default_glossary: bool = True
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    min_severity: Severity = Severity.MINOR
    threshold: float = defaults.THRESHOLD
    fail_on: Literal["minor", "major", "critical", "none"] = defaults.FAIL_ON
    include: list[str] = field(default_factory=lambda: list(defaults.INCLUDE))
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    max_file_size: int = defaults.MAX_FILE_SIZE
    grammar: Literal["on", "off", "optional"] = "on"
    languagetool_url: str | None = None
    languagetool_version: str = defaults.LANGUAGETOOL_VERSION
    languagetool_heap: str = defaults.LANGUAGETOOL_HEAP
    languagetool_options: dict[str, Any] = field(default_factory=dict)
    languagetool_timeout: float = defaults.LANGUAGETOOL_TIMEOUT
    grammar_severity: dict[str, Severity] = field(default_factory=dict)
    grammar_disabled_rules: list[str] = field(default_factory=list)
    languagetool_false_friends: bool = False
    cache: bool = True
    jobs: int | None = None  # worker processes for the rule pass; None: every core
    grammar_profile: Literal["mt-review", "strict"] = defaults.GRAMMAR_PROFILE
    show_hints: bool = False
    weights: dict[Literal["neutral", "minor", "major", "critical"], float] = field(
        default_factory=lambda: dict(defaults.WEIGHTS))
    category_weights: dict[str, float] = field(default_factory=dict)
    score_model: Literal["calibrated", "linear"] = defaults.SCORE_MODEL
    tolerance: float = defaults.TOLERANCE
    reference_words: int = defaults.REFERENCE_WORDS
    length_aware: bool = False
    length_scale: int = defaults.LENGTH_SCALE
    min_score: float | None = None
    max_critical: int | None = None
    max_category: dict[str, int] = field(default_factory=dict)
    source_tolerance: float = defaults.SOURCE_TOLERANCE
    source_weight: float = defaults.SOURCE_WEIGHT

    root: Path = field(default=Path("."), metadata=_FOUND)
    source: str | None = field(default=None, metadata=_FOUND)
    lines: dict[tuple, int] = field(default_factory=dict, metadata=_FOUND)  # top-level key -> line, for errors

    def __post_init__(self) -> None:
        # Severities come back from the validated-config store as their names.
        self.min_severity = Severity(self.min_severity)
        self.severity = {k: Severity(v) for k, v in self.severity.items()}
        self.grammar_severity = {k: Severity(v) for k, v in self.grammar_severity.items()}

    def as_dict(self) -> dict[str, Any]:
        """The settings (not where they were found), by field name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if not f.metadata.get("runtime")}

    def as_json(self, include: set[str] | None = None, exclude: set[str] = frozenset()) -> str:
        """The settings as compact JSON in field order, for digests (the text pydantic's `model_dump_json` gave)."""
        chosen = {k: v for k, v in self.as_dict().items() if (include is None or k in include) and k not in exclude}
        return json.dumps(chosen, ensure_ascii=False, separators=(",", ":"), default=str)


def _toml_lines(text: str) -> dict[tuple, int]:
    """TOML keeps no positions: the line of each key, for error messages: (key,) for every key and table, and
    (table, key) for a key of a table."""
    lines = {}
    table = None
    for number, line in enumerate(text.splitlines(), 1):
        if header := re.match(r"\s*\[([A-Za-z0-9_.-]+)\]\s*(?:#.*)?$", line):
            name = header.group(1)  # in pyproject.toml, [tool.tqcheck] is the top level
            table = None if name == "tool.tqcheck" else name.removeprefix("tool.tqcheck.")
            if table is not None:
                lines.setdefault((table,), number)
        elif match := re.match(r"\s*([A-Za-z0-9_-]+)\s*=", line):
            lines.setdefault((match.group(1),), number)
            if table is not None:
                lines.setdefault((table, match.group(1)), number)
    return lines


def _read_toml(path: Path) -> tuple[dict, str]:
    import tomllib  # only where a config file is read: --isolated runs never need it

    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+), column (\d+)", str(error))
        raise ConfigError(f"invalid TOML: {error}", str(path), int(found.group(1)) if found else None,
                          int(found.group(2)) if found else None) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config: {error}", str(path)) from None


def find_config(start: Path) -> Path | None:
    """The nearest tqcheck.toml, or pyproject.toml with [tool.tqcheck], at or above `start`."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "tool" in (data := _read_toml(pyproject)[0]) and "tqcheck" in data["tool"]:
            return pyproject
    return None


def load_config(path: Path | None, overrides: dict[str, Any] | None = None) -> Config:
    """Read a config file (None: defaults), apply CLI overrides, resolve its paths against its folder."""
    data: dict[str, Any] = {}
    lines: dict[tuple, int] = {}
    text = ""
    root = Path.cwd()
    if path is not None:
        raw, text = _read_toml(path)
        data = raw.get("tool", {}).get("tqcheck", {}) if path.name == "pyproject.toml" else raw
        lines = _toml_lines(text)
        root = path.parent.resolve()
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    config = _validated(data, given, str(path) if path else "<defaults>", lines,
                        key=[path.name if path else "", text])
    config.root = root
    config.source = str(path) if path else None
    config.lines = lines
    config.glossaries = [_resolve(root, g) for g in config.glossaries]
    config.extra_packs = [_resolve(root, p) for p in config.extra_packs]
    config.packs = [p if p in builtin_pack_names() else _resolve(root, p) for p in config.packs]
    return config


def _validated(data: dict, overrides: dict, file: str, lines: dict, key: list[str]) -> Config:
    """The config `data` and `overrides` describe, validated once and then remembered on disk by the config
    file's text and the overrides, so that a run answered from the result cache never needs pydantic."""
    try:
        stored = cache_dir() / "config" / (key_of(__version__, code_digest(), *builtin_pack_names(), *key,
                                                  json.dumps(overrides, sort_keys=True)) + ".json")
    except TypeError:  # an override JSON cannot hold: validate every time
        stored = None
    if stored is not None:
        try:
            return Config(**json.loads(stored.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            pass
    from .config_validation import validated

    config = Config(**validated(Config, data, overrides, file, lines))
    if stored is not None:
        _remember(stored, config)
    return config


def _remember(stored: Path, config: Config) -> None:
    from .files import keep

    try:
        text = json.dumps(config.as_dict(), ensure_ascii=False)
    except TypeError:  # a TOML date among the LanguageTool options: not worth a store of its own
        return
    keep(stored, text)


def _resolve(root: Path, value: str) -> str:
    path = Path(value).expanduser()
    return str(path if path.is_absolute() else root / path)


STARTER = """# tqcheck configuration. Every key is optional; the values written here are the defaults, and commented-out
# lines are either defaults too or narrower settings you may choose (each says what it does).
# tqcheck finds this file by walking up from the checked path; [tool.tqcheck] in pyproject.toml works too.

# Target language of the articles.
language = "{language}"

# Source language(s) the articles were translated from ({sources}).
# Empty (the default) runs the rules of every source language and guesses the source from leakage.
# Naming some turns off the rules specific to the others (and asks nothing else of LanguageTool):
# source-languages = ["es"]

# Rule packs: built-in names or paths to your own YAML packs.
# packs = [{packs}]
# extra-packs = ["rules/house-style.yaml"]

# Glossaries (YAML, TOML or CSV) with your brands and product names.
# The built-in tech glossary stays on unless default-glossary = false.
# glossaries = ["glossary.yaml"]
# default-glossary = true

# Rule selection by code or prefix, as in ruff: the most specific prefix wins; ALL means every rule.
# select = ["ALL"]
# ignore = []

# A file passes when its quality score is at least `threshold`;
# tqcheck exits 1 on a finding at or above `fail-on` (minor, major, critical, none).
# threshold = {threshold}
# fail-on = "{fail_on}"
# min-severity = "minor"

# Score: quality = 100 x 0.95^(normed penalty / tolerance); normed = penalty per reference-words words.
# score-model = "calibrated"     # or "linear": 100 - 5 x normed / tolerance, floor 0
# tolerance = {tolerance}
# reference-words = {reference_words}
# length-aware = false           # true: tolerance grows with ln(1 + words / length-scale), for short texts
# weights = {{ neutral = 0, minor = 1, major = 5, critical = 25 }}
# category-weights = {{ terminology = 2 }}

# Gates: the corpus score, and per-file limits on critical findings and on findings per category.
# min-score = 90
# max-critical = 0
# max-category = {{ terminology = 0 }}

# Which files a folder contributes.
# include = [{include}]
# exclude = []
# respect-gitignore = true
# max-file-size = {max_file_size}

# Grammar and spelling through LanguageTool: "on" (exit 3 when it cannot run), "off", or "optional".
# grammar = "on"
# languagetool-url = "http://127.0.0.1:8081"   # use this server instead of the embedded one
# languagetool-version = "{version}"
# languagetool-heap = "{heap}"
# grammar-disabled-rules = ["WHITESPACE_RULE"]
# Also ask LanguageTool's false friends for the source languages. They flag every use of a listed word
# ("support", "range"), whatever it means there; tqcheck's own TQ510-TQ515 look at the context.
# languagetool-false-friends = true
# grammar-profile = "mt-review"                 # or "strict": every LanguageTool rule, names as spelling errors
# show-hints = false                            # show zero-weight hints (unknown capitalised words)
# cache = true                                  # reuse results for unchanged files
# jobs = 2                                      # worker processes for the rule pass (default: every core)

# Severity overrides by code or prefix: "minor", "major" or "critical".
[severity]
# TQ104 = "major"

# Per-path ignores: gitignore-style patterns, relative to this file.
[per-path-ignores]
# "drafts/**" = ["TQ6"]

# LanguageTool severities by category (TYPOS, GRAMMAR...) or rule id (EN_A_VS_AN).
[grammar-severity]
# TYPOS = "minor"

# LanguageTool server options (cacheSize, pipelineCaching, maxCheckThreads, maxTextLength...).
[languagetool-options]
# cacheSize = 1000
"""


def starter_config() -> str:
    """The commented starter config that `tqcheck init` writes."""
    quoted = ", ".join
    return STARTER.format(packs=quoted(f'"{n}"' for n in builtin_pack_names()),
                          include=quoted(f'"{g}"' for g in defaults.INCLUDE), language=defaults.LANGUAGE,
                          sources=", ".join(CONFIGURABLE_SOURCES), threshold=defaults.THRESHOLD,
                          fail_on=defaults.FAIL_ON, tolerance=defaults.TOLERANCE,
                          reference_words=defaults.REFERENCE_WORDS, max_file_size=defaults.MAX_FILE_SIZE,
                          version=defaults.LANGUAGETOOL_VERSION, heap=defaults.LANGUAGETOOL_HEAP)
