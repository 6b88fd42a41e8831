"""Localisation files (PO, XLIFF, TMX, ...) hold source text and syntax beside the translation: read as prose they
would be scored as English and pass. Named, piped or found in a folder, each is an error naming the file."""

from __future__ import annotations

import json
import os

import pytest

from tqcheck.documents.formats import LOCALISATION

PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Hello"\nmsgstr "Hola"\n'
XLIFF = ('<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="es" target-language="en">'
         '<body><trans-unit id="1"><source>Hola</source><target>Hello</target></trans-unit></body></file></xliff>\n')


def _sample(suffix: str) -> str:
    return PO if suffix in (".po", ".pot") else XLIFF


def _errors(result) -> dict[str, str]:
    return {os.path.basename(f["path"]): f["errors"][0]["message"] for f in json.loads(result.stdout)["files"]
            if f["errors"]}


@pytest.mark.parametrize("suffix", sorted(LOCALISATION))
def test_named_localisation_file_is_an_error(cli, tmp_path, suffix) -> None:
    path = tmp_path / f"strings{suffix}"
    path.write_text(_sample(suffix))
    (tmp_path / "good.txt").write_text("The xiaomi phone.")
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", str(path), str(tmp_path / "good.txt"))
    assert result.exit_code == 2, result.output
    message = _errors(result)[path.name]
    assert LOCALISATION[suffix] in message and "not checked" in message
    assert "export" in message  # says what to do
    good = next(f for f in json.loads(result.stdout)["files"] if f["path"].endswith("good.txt"))
    assert good["findings"][0]["text"] == "xiaomi"  # the other files are still checked


def test_text_report_names_the_file(cli, tmp_path) -> None:
    path = tmp_path / "app.po"
    path.write_text(PO)
    result = cli("check", "--isolated", "--no-grammar", str(path))
    assert result.exit_code == 2
    assert f"{path}: PO (gettext) localisation file" in result.stdout


def test_piped_localisation_file_is_an_error(cli) -> None:
    result = cli("check", "--isolated", "--no-grammar", "--format", "json", "--stdin-filename", "app.xlf", "-",
                 input=XLIFF)
    assert result.exit_code == 2
    assert "XLIFF" in _errors(result)["app.xlf"]


def test_folders_skip_them_unless_include_asks(cli, tmp_path) -> None:
    """Like every other file that is not Markdown, text or HTML, a folder contributes them only when `include`
    asks for them; then they are reported as not checked, as a binary file would be."""
    (tmp_path / "app.po").write_text(PO)
    (tmp_path / "good.txt").write_text("The phone.")
    plain = cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path))
    assert plain.exit_code == 0, plain.output
    assert [os.path.basename(f["path"]) for f in json.loads(plain.stdout)["files"]] == ["good.txt"]
    everything = cli("check", "--isolated", "--no-grammar", "--format", "json", "--include", "*", str(tmp_path))
    assert everything.exit_code == 2
    assert "PO (gettext)" in _errors(everything)["app.po"]
