"""The samples behave as documented; folder discovery honours include/exclude globs and .gitignore."""

from __future__ import annotations

import json
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _by_file(result) -> dict[str, list[str]]:
    report = json.loads(result.stdout)
    return {Path(f["path"]).name: [x["code"] for x in f["findings"]] for f in report["files"]}


def test_samples(cli) -> None:
    found = _by_file(cli("check", "--no-grammar", "--format", "json", str(SAMPLES)))
    assert found["clean-article.md"] == []
    assert {"TQ401", "TQ104", "TQ301", "TQ502", "TQ201", "TQ601"} <= set(found["motorola-launch.md"])
    assert {"TQ102", "TQ104", "TQ501", "TQ201", "TQ101", "TQ601"} <= set(found["pixel-review.html"])
    assert {"TQ102", "TQ301", "TQ104", "TQ601"} <= set(found["galaxy-launch.txt"])


def test_sample_config_is_used(cli) -> None:
    report = json.loads(cli("check", "--no-grammar", "--format", "json", str(SAMPLES / "galaxy-launch.txt")).stdout)
    casing = [f for f in report["files"][0]["findings"] if f["code"] == "TQ104"]
    assert casing and all(f["severity"] == "major" for f in casing)


def test_gitignore_include_exclude(cli, tmp_path) -> None:
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.md\n")
    for name in ("a.md", "b.tmp.md", "drafts/c.md", "notes/d.txt", "notes/e.html", "notes/f.rst", "vendor/g.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("The xiaomi phone.\n")
    (tmp_path / "notes" / ".gitignore").write_text("e.html\n")

    def checked(*flags: str) -> list[str]:
        report = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", *flags,
                                str(tmp_path)).stdout)
        return sorted(Path(f["path"]).relative_to(tmp_path).as_posix() for f in report["files"])

    assert checked() == ["a.md", "notes/d.txt", "vendor/g.md"]
    assert checked("--exclude", "vendor/") == ["a.md", "notes/d.txt"]
    assert checked("--no-gitignore") == ["a.md", "b.tmp.md", "drafts/c.md", "notes/d.txt", "notes/e.html",
                                         "vendor/g.md"]
    assert checked("--include", "*.rst") == ["notes/f.rst"]


def test_explicit_file_is_checked_even_if_not_included(cli, tmp_path) -> None:
    (tmp_path / "post.rst").write_text("The xiaomi phone.\n")
    report = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", str(tmp_path / "post.rst")).stdout)
    assert report["files"][0]["findings"][0]["text"] == "xiaomi"
