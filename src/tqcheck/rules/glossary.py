"""Glossaries: canonical terms with allowed, wrong and literal forms; YAML, TOML or CSV."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from ..errors import ConfigError
from ..resources import DEFAULT_GLOSSARY, builtin_glossary
from .declared import Field
from .spec import Examples, Strict
from .validation import validate
from .located_yaml import Lines, Located, load_yaml



class TermEntry(Strict):
    """One glossary term."""

    term: str = Field(min_length=1)
    forms: list[str] = Field(default_factory=list)
    wrong: list[str] = Field(default_factory=list)
    literal: list[str] = Field(default_factory=list)
    case_sensitive: bool = True
    do_not_translate: bool = True
    common_word: bool | None = None
    kind: Literal["company", "product", "person", "technology", "other"] = "product"
    note: str = ""
    examples: Examples | None = None

    def allowed(self) -> set[str]:
        """Every spelling that is correct as written."""
        return {self.term, *self.forms}


class GlossarySpec(Strict):
    """A glossary file."""

    glossary: str = ""
    description: str = ""
    language: str = "en"
    terms: list[TermEntry]


class Glossary(Located[GlossarySpec]):
    """A validated glossary with the line of each entry."""

    LIST_KEY = "terms"

    def entry_line(self, index: int) -> int | None:
        """The line where entry `index` starts."""
        return self.item_line(index)


_CSV_LISTS = ("forms", "wrong", "literal")
_CSV_BOOLS = ("case_sensitive", "do_not_translate", "common_word")


def _from_csv(text: str, file: str) -> tuple[dict, Lines]:
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "term" not in reader.fieldnames:
        raise ConfigError("CSV glossary needs a header row with a `term` column", file, 1)
    terms, lines = [], {}
    for row in reader:
        entry: dict = {}
        for key, value in row.items():
            if key is None or value is None or value.strip() == "":
                continue
            value = value.strip()
            if key in _CSV_LISTS:
                entry[key] = [v.strip() for v in value.split("|") if v.strip()]
            elif key in _CSV_BOOLS:
                entry[key] = value.lower() in ("1", "true", "yes", "y")
            else:
                entry[key] = value
        lines[("terms", len(terms))] = reader.line_num
        terms.append(entry)
    return {"terms": terms}, lines


def _toml_lines(text: str, data: dict) -> Lines:
    """TOML keeps no positions: find each entry's `term = "..."` line."""
    lines: Lines = {}
    cursor = 0
    for index, entry in enumerate(data.get("terms", []) if isinstance(data, dict) else []):
        term = entry.get("term") if isinstance(entry, dict) else None
        if isinstance(term, str):
            match = re.compile(rf"^\s*term\s*=\s*[\"']{re.escape(term)}[\"']", re.M).search(text, cursor)
            if match:
                lines[("terms", index)] = text.count("\n", 0, match.start()) + 1
                cursor = match.end()
    return lines


_TBX_STATUS = {"preferredterm-admn-sts": "term", "admittedterm-admn-sts": "forms",
               "deprecatedterm-admn-sts": "wrong", "supersededterm-admn-sts": "wrong"}


def _from_tbx(text: str, file: str, language: str = "en") -> tuple[dict, Lines]:
    """TBX (ISO 30042) term entries: preferred term -> term, admitted -> forms, deprecated/superseded -> wrong."""
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise ConfigError(f"invalid TBX: {error}", file, line, column + 1) from None

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    terms, lines = [], {}
    entry_lines = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<(?:\w+:)?(?:termEntry|conceptEntry)\b", text)]
    entries = [e for e in root.iter() if local(e.tag) in ("termEntry", "conceptEntry")]
    for index, entry in enumerate(entries):
        values: dict = {"forms": [], "wrong": []}
        for lang_set in (e for e in entry.iter() if local(e.tag) in ("langSet", "langSec")):
            code = next((v for k, v in lang_set.attrib.items() if k.endswith("lang")), "")
            if code.split("-")[0].lower() != language:
                continue
            for group in (e for e in lang_set.iter() if local(e.tag) in ("tig", "ntig", "termSec")):
                term = next((e.text or "" for e in group.iter() if local(e.tag) == "term"), "").strip()
                status = next(((e.text or "").strip().lower() for e in group.iter()
                               if local(e.tag) == "termNote" and e.get("type") == "administrativeStatus"),
                              "preferredterm-admn-sts" if "term" not in values else "admittedterm-admn-sts")
                role = _TBX_STATUS.get(status, "forms")
                if not term:
                    continue
                if role == "term" and "term" not in values:
                    values["term"] = term
                elif role == "term":
                    values["forms"].append(term)
                else:
                    values[role].append(term)
        note = next(((e.text or "").strip() for e in entry.iter() if local(e.tag) in ("descrip", "note")), "")
        if note:
            values["note"] = note
        if "term" in values:
            lines[("terms", len(terms))] = entry_lines[index] if index < len(entry_lines) else None
            terms.append(values)
    return {"terms": terms}, lines


def _parse(text: str, file: str) -> tuple[object, Lines]:
    suffix = Path(file).suffix.lower()
    if suffix == ".csv":
        return _from_csv(text, file)
    if suffix in (".tbx", ".xml"):
        return _from_tbx(text, file)
    if suffix == ".toml":
        import tomllib  # only here: a run whose checks are stored reads no glossary

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found = re.search(r"line (\d+), column (\d+)", str(error))
            raise ConfigError(f"invalid TOML: {error}", file, int(found.group(1)) if found else None,
                              int(found.group(2)) if found else None) from None
        return data, _toml_lines(text, data)
    return load_yaml(text, file)


def load_glossary(path: str) -> Glossary:
    """Load one glossary file (or the built-in one by name); duplicates are errors naming the line."""
    if path == DEFAULT_GLOSSARY:
        text = builtin_glossary(DEFAULT_GLOSSARY).read_text(encoding="utf-8")
        file = f"<builtin>/glossaries/{DEFAULT_GLOSSARY}.yaml"
    else:
        file = path
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"cannot read glossary: {getattr(error, 'strerror', None) or error}", path) from None
    data, lines = _parse(text, file)
    glossary = Glossary(validate(GlossarySpec, data, file, lines), file, lines, text)
    seen: dict[str, int | None] = {}
    for index, entry in enumerate(glossary.spec.terms):
        key = entry.term.casefold()
        if key in seen:
            raise ConfigError(f"duplicate glossary entry {entry.term!r} (first at line {seen[key]})", file,
                              glossary.entry_line(index))
        seen[key] = glossary.entry_line(index)
    return glossary


def merge_entries(glossaries: list[Glossary]) -> list[TermEntry]:
    """Entries of several glossaries; a later glossary's entry replaces an earlier one for the same term."""
    merged: dict[str, TermEntry] = {}
    for glossary in glossaries:
        for entry in glossary.spec.terms:
            merged[entry.term.casefold()] = entry
    return list(merged.values())
