"""The `governed-prepositions` kind: a head with the preposition its source-language twin governs."""

from __future__ import annotations

import pytest
from conftest import check_with_pack, run_cli
from pydantic import ValidationError

from tqcheck.rules.kinds.governed_prepositions import Government

PACK = """pack: house
rules:
  - code: HS301
    name: government
    kind: governed-prepositions
    category: style/calque
    severity: minor
    message: "'{match}' ({source}): say '{right}'"
    options:
      entries:
        - {heads: [insist, insisted], wrong: in, next: 'that\\b', right: insist on, languages: [es], source: insistir en}
        - {heads: [proud], wrong: "on", not_after: [very], right: proud of, languages: [de], source: stolz auf}
    examples:
      fail: [{text: "He insisted in that it rained.", flagged: insisted in}]
      pass: ["He insisted on it."]
"""


def test_a_head_with_the_source_preposition_is_flagged_with_its_source_and_english(tmp_path) -> None:
    out = check_with_pack(tmp_path, PACK, "He insisted in that it rained.\nShe is proud on her team.\n")
    assert "a.txt:1:4: HS301 'insisted in' (insistir en): say 'insist on'" in out
    assert "a.txt:2:8: HS301 'proud on' (stolz auf): say 'proud of'" in out


def test_what_must_follow_and_the_words_before_guard_english_readings(tmp_path) -> None:
    out = check_with_pack(tmp_path, PACK, "He insisted in an interview that it rained.\nShe is very proud on it.\n")
    assert "HS301" not in out


def test_configured_source_languages_keep_only_their_entries(tmp_path) -> None:
    (tmp_path / "house.yaml").write_text(PACK)
    (tmp_path / "a.txt").write_text("He insisted in that it rained.\nShe is proud on her team.\n")
    out = run_cli("check", "--isolated", "--no-grammar", "--no-cache", "--source-language", "de",
                  "--pack", str(tmp_path / "house.yaml"), str(tmp_path / "a.txt")).stdout
    assert "'proud on'" in out
    assert "'insisted in'" not in out


def test_an_entry_names_only_known_source_languages() -> None:
    with pytest.raises(ValidationError, match="unknown source language"):
        Government(heads=["insist"], wrong="in", right="insist on", languages=["xx"], source="?")
