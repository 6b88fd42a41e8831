"""One finding per span, spelling yielding to the glossary, and the result cache's round trip and key."""

from __future__ import annotations

from tqcheck.cache import ResultCache, settings_key
from tqcheck.config import load_config
from tqcheck.documents.loader import parse
from tqcheck.engine import Checker, one_per_span
from tqcheck.findings import Finding, Hit, Severity
from tqcheck.grammar.mapping import rule_for
from tqcheck.rules.glossary import load_glossary
from tqcheck.rules.terms import TermCheck


def _finding(code: str, start: int, end: int, severity: Severity = Severity.MINOR, origin: str = "rules",
             priority: int = 0) -> Finding:
    return Finding(code, "name", "category", severity, "message", "x" * (end - start), [], False, origin, start, end,
                   priority=priority)


def test_one_finding_per_span() -> None:
    kept = one_per_span([
        _finding("TQ202", 0, 10),
        _finding("TQ601", 0, 20, priority=5),                   # the most specific rule wins the overlap
        _finding("TQ104", 30, 35, Severity.MINOR),
        _finding("TQ101", 32, 34, Severity.CRITICAL),            # then the most severe
        _finding("TQ801", 40, 45, Severity.MAJOR, "grammar"),
        _finding("TQ103", 40, 45, Severity.MAJOR, "glossary"),   # then glossary before rules before grammar
        _finding("TQ403", 50, 52),
        _finding("TQ404", 50, 56),                               # then the longest
        _finding("TQ405", 56, 58),                               # touching is not overlapping
    ])
    assert sorted((f.code, f.start) for f in kept) == [
        ("TQ101", 32), ("TQ103", 40), ("TQ404", 50), ("TQ405", 56), ("TQ601", 0)]


def test_spelling_yields_to_glossary_terms() -> None:
    checker = Checker([TermCheck(load_glossary("tech").spec.terms)])
    text = "Xiaomi and Hasselblad make phones; we recieved one.\n"
    document = parse(text, "a.txt")
    spelling = rule_for("TYPOS")
    hits = [Hit(spelling, text.index(word), text.index(word) + len(word), "spelling", spelling=True)
            for word in ("Xiaomi", "Hasselblad", "recieved")]
    assert [f.text for f in checker.findings(document, [], hits)] == ["recieved"]


def test_result_cache_round_trip(tmp_path) -> None:
    cache = ResultCache(tmp_path, "settings")
    findings = [
        Finding("TQ202", "leakage", "accuracy/untranslated", Severity.MAJOR, "'del' left", "del", ["of the"], True,
                "rules", 4, 7, 1, 5, 1, 8, {"languages": ("es",)}, 3),
        _finding("TQ801", 9, 12, Severity.CRITICAL, "grammar"),
    ]
    key = cache.key(b"the del phone", "a.txt", "text")
    assert cache.get(key) is None
    cache.put(key, findings, 3)
    assert cache.get(key) == (findings, 3)
    assert cache.key(b"the del phone", "b.txt", "text") != key
    assert cache.key(b"the del phone!", "a.txt", "text") != key
    assert ResultCache(tmp_path, "other settings").get(ResultCache(tmp_path, "other settings").key(
        b"the del phone", "a.txt", "text")) is None


def test_cache_key_covers_settings_and_user_files(tmp_path) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text("term\nAcme\n")
    base = settings_key(load_config(None, {"glossaries": [str(glossary)]}))
    assert settings_key(load_config(None, {"glossaries": [str(glossary)]})) == base
    assert settings_key(load_config(None, {"glossaries": [str(glossary)], "threshold": 50.0})) == base  # not a finding
    assert settings_key(load_config(None, {"glossaries": [str(glossary)], "select": ["TQ1"]})) != base
    assert settings_key(load_config(None, {"glossaries": [str(glossary)], "grammar": "off"})) != base
    glossary.write_text("term\nAcme\nZorblax\n")
    assert settings_key(load_config(None, {"glossaries": [str(glossary)]})) != base

