"""The `coined-words` kind: a word English lacks, split into a common English stem and a derivational suffix."""

from __future__ import annotations

from conftest import check_with_pack

PACK = """pack: house
rules:
  - code: HS201
    name: coined
    kind: coined-words
    category: style/calque
    severity: minor
    message: "'{match}' = '{stem}' + '-{suffix}'"
    options:
      suffixes: [isms, ism, er, ize, izes]
    examples:
      fail: [{text: "They mocked his electoralisms.", flagged: electoralisms}]
      pass: ["They mocked his election tactics."]
"""


def test_a_stem_and_a_suffix_english_lacks_are_flagged_with_both(tmp_path) -> None:
    out = check_with_pack(tmp_path, PACK, "They mocked his electoralisms.\nA denouncer spoke.\n")
    assert "a.txt:1:17: HS201 'electoralisms' = 'electoral' + '-isms'" in out
    assert "a.txt:2:3: HS201 'denouncer' = 'denounce' + '-er'" in out  # a stem's final e dropped before -er


def test_a_rare_form_of_an_english_word_family_is_left_alone(tmp_path) -> None:
    # English uses `popularize`: `popularizes` is rare in the word table but not a coinage.
    out = check_with_pack(tmp_path, PACK, "She popularizes science.\n")
    assert "HS201" not in out


def test_known_words_names_and_unknown_stems_are_left_alone(tmp_path) -> None:
    out = check_with_pack(tmp_path, PACK, "The blogger met Electoralisms Ltd and a flurbinger.\n")
    assert "HS201" not in out
