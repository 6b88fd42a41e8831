"""The `phrases-in-context` kind: a phrase counts only on a line holding a cue word, not after a `not_after` word, and
only where its shape matches."""

from __future__ import annotations

from conftest import check_with_pack

PACK = """pack: house
rules:
  - code: HS101
    name: meeting-for-match
    kind: phrases-in-context
    category: accuracy/mistranslation
    severity: minor
    message: "'{match}': write '{replacement}'"
    phrases: {meeting: match}
    options:
      cues: [coach, squad]
      not_after: [last]
      shapes: {meeting: '(?<!\\bSunday[ \\t])meeting(?![ \\t]+with\\b)'}
    examples:
      fail: [{text: "The coach prepared the meeting.", flagged: meeting, fix: match}]
      pass: ["The board prepared the meeting."]
"""


def test_a_cue_on_the_same_line_counts(tmp_path) -> None:
    out = check_with_pack(tmp_path, PACK, "The meeting went well for the squad.\n")
    assert "a.txt:1:5: HS101 'meeting': write 'match' [match]" in out


def test_a_cue_on_another_line_of_the_paragraph_does_not(tmp_path) -> None:
    # One plain-text paragraph can hold a whole file's lines: the line is the context.
    out = check_with_pack(tmp_path, PACK, "The coach spoke.\nThe meeting of the board went well.\n")
    assert "HS101" not in out


def test_not_after_word_keeps_the_phrase(tmp_path) -> None:
    out = check_with_pack(tmp_path, PACK, "The squad won the last meeting, and the coach smiled.\n")
    assert "HS101" not in out


def test_a_shape_looks_ahead_of_the_phrase(tmp_path) -> None:
    out = check_with_pack(tmp_path, PACK, "The coach held a meeting with the squad.\n")
    assert "HS101" not in out


def test_a_shape_looks_behind_the_phrase(tmp_path) -> None:
    out = check_with_pack(tmp_path, PACK, "The coach spoke before the Sunday meeting.\n")
    assert "HS101" not in out


def test_a_phrase_in_its_shape_counts(tmp_path) -> None:
    out = check_with_pack(tmp_path, PACK, "The coach spoke before the meeting against Spain.\n")
    assert "a.txt:1:28: HS101 'meeting': write 'match' [match]" in out
