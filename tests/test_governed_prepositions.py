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


# The gap the other word-level kinds accept between words (spaces and tabs, any number, as pattern rules write
# `[ \t]+`; a line break or a no-break space, as phrase lists accept): one wrapped line is still one paragraph.
@pytest.mark.parametrize("gap", ["  ", "\t", "\n", "\r\n", "\u00a0", " \n "])
def test_any_white_space_within_the_paragraph_parts_head_and_preposition(tmp_path, gap: str) -> None:
    out = check_with_pack(tmp_path, PACK, f"He insisted{gap}in that it rained.\nShe is very{gap}proud on it.\n")
    assert "a.txt:1:4: HS301 'insisted in' (insistir en)" in out  # the message folds the gap to one space
    assert out.count("HS301 '") == 1  # 'very' before 'proud' still makes it English across the same gap


def test_a_blank_line_parts_two_paragraphs_and_emphasis_is_no_gap(tmp_path) -> None:
    assert "HS301" not in check_with_pack(tmp_path, PACK, "He insisted\n\nin that it rained.\n")
    (tmp_path / "a.md").write_text("He insisted *in* that it rained.\n")
    out = run_cli("check", "--isolated", "--no-grammar", "--no-cache", "--pack", str(tmp_path / "house.yaml"),
                  str(tmp_path / "a.md")).stdout
    assert "a.md:1:4: HS301" in out


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


# Words of heads, prepositions and what follows them, and the separators and letters where word edges and case
# could part (the Kelvin sign and long s match k and s case-insensitively).
WORDS = ["insist", "Insisted", "INSISTS", "depend", "depends", "proud", "in", "In", "of", "on", "from", "that", "the",
         "keeping", "love", "fell", "discussed", "about", "was", "most", "responsible", "behalf", "an", "explain",
         "me", "how", "inſiſt", "\u212aeeping", "İn", "é", "ß", "3"]
SEPARATORS = [" "] * 8 + ["  ", "\t", "\n", "\u00a0", "-", "'", "’", "_", ".", ",", ""]


def _builtin_check():
    from tqcheck.rules.context import context_for
    from tqcheck.rules.kinds import build_check
    from tqcheck.rules.packs import load_packs

    pack = load_packs(["calques"])[0]
    spec = next(r for r in pack.spec.rules if r.code == "TQ559")
    return spec, build_check(spec, "calques", context_for([], set()))


@pytest.mark.parametrize("with_odd_letters", [True, False])
def test_the_literal_gate_finds_what_the_plain_patterns_find(with_odd_letters: bool) -> None:
    import random

    from tqcheck.documents.loader import parse

    spec, check = _builtin_check()
    patterns = [entry.pattern() for entry in spec.options.entries]
    rng = random.Random(5)
    found = 0
    for _ in range(5000):
        text = "".join(rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(0, 12)))
        if not with_odd_letters:
            text = text.replace("ſ", "s").replace("İ", "I").replace("\u212a", "K")
        prose = parse(text, "a.txt").prose
        plain = sorted(m.span() for p in patterns for m in p.finditer(prose.text))
        assert sorted((h.start, h.end) for h in check.find(prose)) == plain, repr(text)
        found += len(plain)
    assert found >= 20  # the texts do hold the calques, not only near misses


@pytest.mark.parametrize("text", ["The mayor INSISTS İN keeping the old bridge.", "The mayor inſiſts in keeping the old bridge."])
def test_a_letter_the_pattern_matches_ignoring_case_but_folding_keeps_is_found(text: str) -> None:
    from tqcheck.documents.loader import parse

    spec, check = _builtin_check()
    prose = parse(text, "a.txt").prose
    plain = sorted(m.span() for entry in spec.options.entries for m in entry.pattern().finditer(prose.text))
    assert plain and sorted((h.start, h.end) for h in check.find(prose)) == plain
