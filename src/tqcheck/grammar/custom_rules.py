"""tqcheck's own LanguageTool rules (grammar_custom.xml), put on the server's class path before LanguageTool."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..resources import data_dir

# LanguageTool 6.x loads org/languagetool/rules/<lang>/grammar_custom.xml from its class path beside grammar.xml;
# this folder, first on the class path, holds tqcheck's.
CLASS_PATH_DIR = data_dir() / "languagetool"
CATEGORY = "TQCHECK_MT_GRAMMAR"


def rules_file(language: str = "en") -> Path:
    """The custom rule file of a language (LanguageTool's folder layout)."""
    return CLASS_PATH_DIR / "org" / "languagetool" / "rules" / language / "grammar_custom.xml"


def class_path(jar: Path) -> str:
    """The server's class path: tqcheck's rule folder first, then LanguageTool's jar."""
    return f"{CLASS_PATH_DIR}{os.pathsep}{jar}"


@dataclass(frozen=True)
class Example:
    """One of a rule's examples: text, the flagged span (fail examples) and the expected correction."""

    rule_id: str
    text: str
    marker: tuple[int, int] | None
    correction: str | None


def _example(rule_id: str, element: ET.Element) -> Example:
    text, marker = element.text or "", None
    for child in element:  # the one <marker> child
        start = len(text)
        text += child.text or ""
        marker = (start, len(text))
        text += child.tail or ""
    return Example(rule_id, text, marker, element.get("correction"))


def examples(path: Path | None = None) -> list[Example]:
    """Every example of every rule in a custom rule file, with its rule id (a rulegroup's id for its rules)."""
    root = ET.parse(path or rules_file()).getroot()
    found = []
    for category in root.iter("category"):
        for element in category:
            for example in element.iter("example"):
                found.append(_example(element.get("id"), example))
    return found


def rule_ids(path: Path | None = None) -> list[str]:
    """The ids of the rules and rulegroups in a custom rule file."""
    root = ET.parse(path or rules_file()).getroot()
    return [element.get("id") for category in root.iter("category") for element in category]
