"""TQ205 (the article ends mid-sentence) marks where the text stops, not the whole sentence."""

from __future__ import annotations

from conftest import run_cli

# Invented: the last sentence holds a misspelt brand (TQ102, major, glossary) and a calque (TQ502, minor).
CUT = ("The phone arrives in July.\n\n"
       "It will cost 999 euros in Europe, the Samsumg model of high range is coming and the company also said that the")


def _report(tmp_path, text: str) -> str:
    (tmp_path / "a.txt").write_text(text)
    return run_cli("check", "--isolated", "--no-grammar", "--no-cache", str(tmp_path / "a.txt")).stdout


def test_the_cut_is_flagged_at_its_last_word_and_hides_no_other_finding_in_the_sentence(tmp_path) -> None:
    out = _report(tmp_path, CUT)
    last = CUT.rsplit(" ", 1)[0].count("\n") + 1, len(CUT.rsplit("\n", 1)[1]) - len("the") + 1
    assert f"a.txt:{last[0]}:{last[1]}: TQ205 The article ends mid-sentence" in out
    assert "TQ102 'Samsumg'" in out
    assert "TQ502 'of high range'" in out


def test_a_sentence_that_ends_passes(tmp_path) -> None:
    out = _report(tmp_path, CUT + " price.\n")
    assert "TQ205" not in out
    assert "TQ102 'Samsumg'" in out and "TQ502 'of high range'" in out
