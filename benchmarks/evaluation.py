"""Shared helpers for the evaluation scripts: a rules-only runner and docs/evaluation.md sections."""

from __future__ import annotations

import datetime
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import WMT  # noqa: E402

from tqcheck.config import load_config  # noqa: E402
from tqcheck.app import App  # noqa: E402
from tqcheck.runner import Runner  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVALUATION = ROOT / "docs" / "evaluation.md"


def rules_runner() -> Runner:
    """The default configuration (every pack, built-in glossary), grammar and cache off."""
    return Runner(App(load_config(None, {"grammar": "off", "cache": False})))


def human_talks() -> list[tuple[str, str]]:
    """The ref-B human translations of the shared WMT file, one document per talk (paragraphs of 4 segments)."""
    talks: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with WMT.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["system"] == "ref-B":
                talks[record["doc"]].append((record["doc_seg_id"], record["target"]))
    documents = []
    for doc, segments in sorted(talks.items()):
        texts = [text for _, text in sorted(segments)]
        documents.append((f"wmt-ref-B/{doc}.txt", "\n\n".join(" ".join(texts[i:i + 4]) for i in range(0, len(texts), 4))))
    return documents


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
