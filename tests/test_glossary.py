"""Glossaries in YAML, TOML and CSV; broken ones name file and line; near-miss stays quiet on real words."""

from __future__ import annotations

import pytest

from tqcheck.documents.loader import parse
from tqcheck.engine import Checker
from tqcheck.errors import ConfigError
from tqcheck.rules.glossary import load_glossary
from tqcheck.rules.terms import TermCheck


def _found(entries, text: str) -> list[tuple[str, str, list[str]]]:
    findings = Checker([TermCheck(entries)]).check(parse(text, "a.txt"))
    return [(f.code, f.text, f.suggestions) for f in findings]


@pytest.mark.parametrize("name,content", [
    ("g.yaml", "terms:\n  - term: Zentrix\n    wrong: [Zentrics]\n    literal: [Zen Matrix]\n"),
    ("g.toml", '[[terms]]\nterm = "Zentrix"\nwrong = ["Zentrics"]\nliteral = ["Zen Matrix"]\n'),
    ("g.csv", "term,wrong,literal,note\nZentrix,Zentrics,Zen Matrix,chipmaker\n"),
])
def test_formats(tmp_path, name, content) -> None:
    path = tmp_path / name
    path.write_text(content)
    entries = load_glossary(str(path)).spec.terms
    assert _found(entries, "The zentrix chip, a Zentrics part, the Zen Matrix line and a Zentrik clone.") == [
        ("TQ104", "zentrix", ["Zentrix"]),
        ("TQ102", "Zentrics", ["Zentrix"]),
        ("TQ101", "Zen Matrix", ["Zentrix"]),
        ("TQ103", "Zentrik", ["Zentrix"]),
    ]


@pytest.mark.parametrize("name,content,where,message", [
    ("g.yaml", "terms:\n  - term: A\n  - term: B\n  - term: a\n", ":4:", "duplicate glossary entry 'a'"),
    ("g.yaml", "terms:\n  - term: A\n    wrongs: [x]\n", ":3:", "terms[0].wrongs: unknown key"),
    ("g.yaml", "terms:\n  - term: [A\n", ":3:", "invalid YAML"),
    ("g.toml", '[[terms]]\nterm = "A"\n[[terms]]\nterm = "A"\n', ":4:", "duplicate glossary entry"),
    ("g.csv", "term,wrong\nA,x\nB,y\nA,z\n", ":4:", "duplicate glossary entry"),
    ("g.csv", "name,wrong\nA,x\n", ":1:", "header row"),
])
def test_broken_glossary_names_file_and_line(tmp_path, name, content, where, message) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ConfigError) as error:
        load_glossary(str(path))
    assert str(error.value).startswith(str(path) + where)
    assert message in str(error.value)


def test_broken_glossary_from_cli_exits_2(cli, tmp_path) -> None:
    (tmp_path / "g.yaml").write_text("terms:\n  - term: A\n  - term: A\n")
    (tmp_path / "a.md").write_text("text")
    result = cli("check", "--isolated", "--no-grammar", "--glossary", str(tmp_path / "g.yaml"), str(tmp_path / "a.md"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'g.yaml'}:3: duplicate glossary entry" in result.stderr


def test_casing_not_flagged_in_urls_handles_hashtags_code() -> None:
    entries = load_glossary("tech").spec.terms
    text = "See https://xiaomi.com/android, @xiaomi, #xiaomi and mail@xiaomi.com."
    assert _found(entries, text) == []
    assert _found(entries, "# XIAOMI ANNOUNCES A NEW PHONE") == []


def test_common_word_terms_not_flagged_in_lower_case() -> None:
    entries = load_glossary("tech").spec.terms
    assert _found(entries, "An apple a day, open windows, a sharp edge, an honor and nothing else.") == []


def test_near_miss_quiet_on_ordinary_words_and_inflections() -> None:
    entries = load_glossary("tech").spec.terms
    text = ("Realm of pixels: the Xiaomis and Leicas, a galaxy of samples, a tensor, a sharper image, "
            "motorola-style Huaweis; Panasonic, Olympus, Nikon and Canon cameras; the Qualcomm modem.")
    assert [code for code, _, _ in _found(entries, text)] == ["TQ104"]


def test_default_glossary_can_be_turned_off(cli, tmp_path) -> None:
    (tmp_path / "a.txt").write_text("The xiaomi phone.")
    result = cli("check", "--isolated", "--no-grammar", "--no-default-glossary", str(tmp_path / "a.txt"))
    assert result.exit_code == 0 and "0 findings" in result.stdout


def test_user_glossary_entry_replaces_default(tmp_path) -> None:
    from tqcheck.rules.glossary import merge_entries

    (tmp_path / "g.yaml").write_text("terms:\n  - term: xiaomi\n")
    entries = merge_entries([load_glossary("tech"), load_glossary(str(tmp_path / "g.yaml"))])
    assert _found(entries, "The xiaomi phone.") == []


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="c1">
  <descrip type="definition">Chipmaker</descrip>
  <langSec xml:lang="es"><termSec><term>Zentrix</term></termSec></langSec>
  <langSet xml:lang="en">
    <tig><term>Zentrix</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>ZENTRIX</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
    <tig><term>Zentrics</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
</conceptEntry>
<conceptEntry id="c2">
  <langSet xml:lang="en"><tig><term>Novalume</term></tig></langSet>
</conceptEntry>
</body></text></tbx>
"""


def test_tbx_import(tmp_path) -> None:
    path = tmp_path / "terms.tbx"
    path.write_text(TBX)
    glossary = load_glossary(str(path))
    first, second = glossary.spec.terms
    assert (first.term, first.forms, first.wrong, first.note) == ("Zentrix", ["ZENTRIX"], ["Zentrics"], "Chipmaker")
    assert second.term == "Novalume" and glossary.entry_line(1) == 13
    assert _found(glossary.spec.terms, "The zentrix chip, a Zentrics part, a ZENTRIX logo.") == [
        ("TQ104", "zentrix", ["Zentrix"]), ("TQ102", "Zentrics", ["Zentrix"])]


def test_broken_tbx_names_line(tmp_path) -> None:
    path = tmp_path / "terms.tbx"
    path.write_text("<tbx>\n<termEntry>\n</tbx>\n")
    with pytest.raises(ConfigError) as error:
        load_glossary(str(path))
    assert str(error.value).startswith(f"{path}:3:") and "invalid TBX" in str(error.value)
