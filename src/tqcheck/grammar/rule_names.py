"""The LanguageTool rule ids and categories a run may name: those its server has, kept per LanguageTool version."""

from __future__ import annotations

import json
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from ..defaults import cache_dir
from ..digests import key_of
from .custom_rules import CATEGORY, rule_ids, rules_file
from .server import http_json

# The false-friend rules are asked for with a mother tongue and are missing from /configinfo's list; their ids
# are those of the rule file in LanguageTool's core jar.
FALSE_FRIENDS = "FALSE_FRIENDS"
_FALSE_FRIEND_FILE = "org/languagetool/rules/false-friends.xml"


def server_names(url: str, language: str, timeout: float) -> set[str]:
    """Every rule id and category id the server at `url` (ending in /v2/) has for `language` (its /configinfo)."""
    query = urllib.parse.urlencode({"language": language})
    rules = http_json(urllib.parse.urljoin(url, f"configinfo?{query}"), timeout=timeout)["rules"]
    return {rule["ruleId"] for rule in rules} | {rule["categoryId"] for rule in rules if "categoryId" in rule}


def own_names() -> set[str]:
    """tqcheck's own LanguageTool rules and their category, which a server of the user's may lack."""
    return {*rule_ids(), CATEGORY, FALSE_FRIENDS}


def false_friend_names(folder: Path) -> set[str]:
    """The ids of the false-friend rules of the LanguageTool installed in `folder` (none if it has no core jar)."""
    names: set[str] = set()
    for jar in (folder / "libs").glob("languagetool-core-*.jar"):
        with zipfile.ZipFile(jar) as archive:
            root = ET.fromstring(archive.read(_FALSE_FRIEND_FILE))
        names |= {element.get("id") for tag in ("rule", "rulegroup") for element in root.iter(tag) if element.get("id")}
    return names


def stored_path(version: str, language: str) -> Path:
    """Where the names of an embedded LanguageTool `version` for `language` are kept (tqcheck's rules included)."""
    key = key_of(version, language, rules_file().read_text(encoding="utf-8"))[:16]
    return cache_dir() / "languagetool-rules" / f"{version}-{language}-{key}.json"


def stored(path: Path) -> set[str] | None:
    """The names kept at `path`, or None when there are none (or they cannot be read)."""
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return set(names) if isinstance(names, list) and all(isinstance(n, str) for n in names) else None
