"""The `coined-words` kind: a word English lacks, split into a common English stem and a derivational suffix."""

from __future__ import annotations

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


def _check(cli, tmp_path, text: str) -> str:
    (tmp_path / "house.yaml").write_text(PACK)
    (tmp_path / "a.txt").write_text(text)
    result = cli("check", "--isolated", "--no-grammar", "--no-cache", "--pack", str(tmp_path / "house.yaml"),
                 str(tmp_path / "a.txt"))
    return result.stdout


def test_a_stem_and_a_suffix_english_lacks_are_flagged_with_both(cli, tmp_path) -> None:
    out = _check(cli, tmp_path, "They mocked his electoralisms.\nA denouncer spoke.\n")
    assert "a.txt:1:17: HS201 'electoralisms' = 'electoral' + '-isms'" in out
    assert "a.txt:2:3: HS201 'denouncer' = 'denounce' + '-er'" in out  # a stem's final e dropped before -er


def test_a_rare_form_of_an_english_word_family_is_left_alone(cli, tmp_path) -> None:
    # English uses `popularize`: `popularizes` is rare in the word table but not a coinage.
    out = _check(cli, tmp_path, "She popularizes science.\n")
    assert "HS201" not in out


def test_known_words_names_and_unknown_stems_are_left_alone(cli, tmp_path) -> None:
    out = _check(cli, tmp_path, "The blogger met Electoralisms Ltd and a flurbinger.\n")
    assert "HS201" not in out
