"""Rewrite one `## section` of docs/evaluation.md, leaving the others alone."""

from __future__ import annotations

import datetime
import os
import platform
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVALUATION = ROOT / "docs" / "evaluation.md"


def write_section(title: str, body: str, path: Path = EVALUATION) -> None:
    """Replace one `## title` section of a docs file in place (or append it), leaving the others alone."""
    document = path.stem.capitalize()
    text = path.read_text() if path.exists() else f"# {document}\n"
    heading = f"## {title}"
    section = f"{heading}\n\nDate: {datetime.date.today().isoformat()}.\n\n{body.rstrip()}\n"
    if heading in text:
        start = text.index(heading)
        following = text.find("\n## ", start + len(heading))
        rest = text[following + 1:] if following >= 0 else ""
        text = text[:start] + section + ("\n" + rest if rest else "")
    else:
        text = text.rstrip() + "\n\n" + section
    path.write_text(text)


def machine() -> str:
    """A one-line description of this machine, for the record beside a measurement."""
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
