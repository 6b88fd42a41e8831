"""A user's pack or glossary is trusted (its examples not run again) only for the text that was parsed and checked,
with the same tqcheck and the same libraries (trusted.py)."""

from __future__ import annotations

from pathlib import Path

from tqcheck import trusted
from tqcheck.trusted import examples_checked


class _Checks:
    """Counts how often the examples were run."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self) -> None:
        self.runs += 1


def test_the_text_parsed_is_trusted_not_the_file_read_again(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "house.yaml"
    pack.write_text("rules: [checked]\n", encoding="utf-8")
    checks = _Checks()
    examples_checked([(str(pack), "rules: [checked]\n")], checks)
    examples_checked([(str(pack), "rules: [checked]\n")], checks)
    assert checks.runs == 1
    pack.write_text("rules: [changed since]\n", encoding="utf-8")  # rewritten while the run was parsing
    examples_checked([(str(pack), "rules: [parsed]\n")], checks)
    assert checks.runs == 2


def test_another_library_version_checks_the_examples_again(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    checks = _Checks()
    examples_checked([("house.yaml", "rules: []\n")], checks)
    examples_checked([("house.yaml", "rules: []\n")], checks)
    assert checks.runs == 1
    real = trusted.environment
    monkeypatch.setattr(trusted, "environment", lambda: [*real(), "regex-0.0.dist-info"])
    examples_checked([("house.yaml", "rules: []\n")], checks)
    assert checks.runs == 2
