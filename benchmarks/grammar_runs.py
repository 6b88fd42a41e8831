"""Raw LanguageTool runs over the real data, one per configuration, cached as numbers and rule ids only.

Run: python benchmarks/grammar_runs.py CONFIG [CORPUS...]   (CONFIG: default | maximal; CORPUS: real-mt wmt-mqm
clean-en)

Grammar runs are slow on a loaded machine, so each configuration runs once and its matches are cached (offsets,
length, LanguageTool rule id, category, issue type: never text) in $TQCHECK_GRAMMAR_RUNS (default
/tmp/tqcheck-grammar-runs); benchmarks/grammar_rules.py measures them offline. `maximal` asks for everything
LanguageTool has for English: `level=picky`, every rule and category that is off by default (read from the
installed rule files), and for real-mt the article's source language as `motherTongue` where LanguageTool has it.
"""

from __future__ import annotations

import json
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import WMT  # noqa: E402
from judged import SHARED  # noqa: E402

from tqcheck.defaults import GRAMMAR_CHUNK, LANGUAGETOOL_VERSION  # noqa: E402
from tqcheck.grammar.chunks import chunks  # noqa: E402
from tqcheck.grammar.install import find_installation  # noqa: E402
from tqcheck.grammar.server import LanguageToolServer, http_json  # noqa: E402

RUNS = Path(os.environ.get("TQCHECK_GRAMMAR_RUNS", "/tmp/tqcheck-grammar-runs"))
REAL_MT = SHARED / "corpus" / "real-mt"
CLEAN_EN = SHARED / "data" / "clean-en"
# Source language of each real-mt article, from the corpus README's direction column.
DIRECTION = re.compile(r"\| `articles/([^`]+)` \| [^|]+ \| (\w\w) → en \|")
RULE_FILES = ("grammar.xml", "style.xml", "en-US/grammar.xml", "en-US/style.xml")
CLOCK_FILTERS = {"FutureDateFilter", "NewYearDateFilter", "YMDNewYearDateFilter"}


def rule_files(jar: Path) -> Iterator[ET.Element]:
    """The root elements of LanguageTool's English rule files in its language jar."""
    with zipfile.ZipFile(jar) as archive:
        for name in RULE_FILES:
            yield ET.fromstring(archive.read(f"org/languagetool/rules/en/{name}"))


def language_jar() -> Path:
    """The installed LanguageTool's English module."""
    return next(find_installation(LANGUAGETOOL_VERSION).jar.parent.glob("libs/language-en-*.jar"))


def other_variant_spellings(jar: Path) -> frozenset[str]:
    """The British spellings of LanguageTool's en-US/en-GB word list, which its American speller names as such
    (tqcheck's mt-review profile makes them zero-weight hints, TQ831)."""
    with zipfile.ZipFile(jar) as archive:
        lines = archive.read("org/languagetool/resource/en/en-US-GB.txt").decode("utf-8").splitlines()
    return frozenset(line.split(";")[1].strip() for line in lines if ";" in line and not line.startswith("#"))


def off_by_default(jar: Path) -> tuple[list[str], list[str]]:
    """Rule ids and category ids LanguageTool's English rule files switch off by default."""
    rules, categories = set(), set()
    for root in rule_files(jar):
        for category in root.iter("category"):
            if category.get("default") == "off":
                categories.add(category.get("id"))
            rules.update(e.get("id") for e in category if e.tag in ("rule", "rulegroup")
                         and e.get("default") == "off")
    return sorted(rules), sorted(categories)


def rule_kinds(jar: Path) -> dict[str, tuple[str, str]]:
    """Rule id -> (category id, issue type) of every rule in LanguageTool's English rule files (a rule's own type,
    else its category's; "" when neither says)."""
    kinds = {}
    for root in rule_files(jar):
        for category in root.iter("category"):
            for rule in (e for e in category if e.tag in ("rule", "rulegroup") and e.get("id")):
                types = {e.get("type") for e in rule.iter("rule") if e.get("type")}
                kind = rule.get("type") or (types.pop() if len(types) == 1 else None) or category.get("type") or ""
                kinds[rule.get("id")] = (category.get("id"), kind)
    return kinds


def clock_rules(jar: Path) -> list[str]:
    """Rule ids whose verdict depends on the day of the check: a date 'in the future', a new year just begun, a
    weekday checked against a date without its year (taken as the current one)."""
    found = set()
    for root in rule_files(jar):
        for rule in (e for e in root.iter() if e.tag in ("rule", "rulegroup") and e.get("id")):
            for date_filter in rule.iter("filter"):
                kind = date_filter.get("class", "").rsplit(".", 1)[-1]
                if kind in CLOCK_FILTERS or (kind == "DateCheckFilter" and "year:" not in date_filter.get("args", "")
                                             and "date:" not in date_filter.get("args", "")):
                    found.add(rule.get("id"))
    return sorted(found)


def documents(corpus: str) -> dict[str, tuple[str, str | None]]:
    """name -> (text, source language) of a corpus."""
    if corpus == "real-mt":
        sources = {m.group(1): m.group(2).lower()
                   for m in DIRECTION.finditer((REAL_MT / "README.md").read_text(encoding="utf-8"))}
        return {p.name: (p.read_text(encoding="utf-8"), sources.get(p.name))
                for p in sorted((REAL_MT / "articles").glob("*.txt"))}
    if corpus == "clean-en":
        # Human reference translations, checked as they are (benchmarks/clean_en.py); no source language asked.
        return {p.name: (p.read_text(encoding="utf-8"), None) for p in sorted(CLEAN_EN.glob("*.txt"))}
    sys.path.insert(0, str(Path(__file__).parent))
    from agreement import load

    grouped: dict[str, list] = {}
    for item in load():
        grouped.setdefault(f"{item.system}/{item.doc}.txt", []).append(item)
    return {name: ("\n\n".join(i.target for i in sorted(members, key=lambda i: i.doc_seg_id)) + "\n", "zh")
            for name, members in grouped.items()}


def parameters(config: str, jar: Path, mother_tongue: str | None, languages: set[str]) -> dict:
    """The /v2/check form fields of a configuration (without the text)."""
    fields = {"language": "en-US"}
    if config == "maximal":
        rules, categories = off_by_default(jar)
        fields |= {"level": "picky", "enabledRules": ",".join(rules), "enabledCategories": ",".join(categories)}
        if mother_tongue in languages:
            fields["motherTongue"] = mother_tongue
    return fields


def run(config: str, corpus: str) -> Path:
    """Check every document of `corpus` with `config`; the cache file of matches."""
    out = RUNS / f"{corpus}-{config}.json"
    if out.exists():
        return out
    jar = language_jar()
    # No time limit per request: on a loaded machine a 20,000-character piece can take minutes.
    options = {"maxCheckThreads": 2, "maxCheckTimeMillis": -1}
    with LanguageToolServer(find_installation(LANGUAGETOOL_VERSION).jar, options=options) as server:
        check = urllib.parse.urljoin(server.url, "check")
        languages = {str(entry["code"]) for entry in http_json(urllib.parse.urljoin(server.url, "languages"))}

        def matches(entry: tuple[str, tuple[str, str | None]]) -> tuple[str, list]:
            name, (text, source) = entry
            found = []
            for offset, piece in chunks(text, GRAMMAR_CHUNK):
                answer = http_json(check, parameters(config, jar, source, languages) | {"text": piece}, timeout=600)
                found += [{"start": offset + m["offset"], "end": offset + m["offset"] + m["length"],
                           "rule": m["rule"]["id"], "category": m["rule"]["category"]["id"],
                           "issue": m["rule"].get("issueType", "")} for m in answer["matches"]]
            return name, found

        with ThreadPoolExecutor(2) as pool:
            results = dict(pool.map(matches, documents(corpus).items()))
    RUNS.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=0, sort_keys=True), encoding="utf-8")
    return out


def main() -> None:
    config, *corpora = sys.argv[1:]
    for corpus in corpora or ("real-mt", "wmt-mqm"):
        print(run(config, corpus))


if __name__ == "__main__":
    main()
