"""Speed work on reading documents and their prose forms must not change output: each fast path gives exactly what
the plain way gives (branch core9b: file formats, the Markdown reader, position maps, joined words, phrase scans)."""

from __future__ import annotations

from pathlib import PurePath

from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.documents.formats import suffix

PATH_CHARS = st.sampled_from(list("ab.M/D\\ é:") + ["md", "HTML", "..", "//", "/./"])


@settings(max_examples=500, deadline=None)
@given(st.lists(PATH_CHARS, max_size=10).map("".join))
def test_a_path_s_suffix_is_that_of_its_path_object(path: str) -> None:
    assert suffix(path) == PurePath(path).suffix.lower()
