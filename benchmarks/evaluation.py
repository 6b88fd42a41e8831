"""Shared helpers for the in-process evaluation scripts: a rules-only runner and the human WMT talks."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import WMT  # noqa: E402
from docs_section import ROOT, write_section  # noqa: E402, F401  (re-exported for the scripts)

from tqcheck.config import load_config  # noqa: E402
from tqcheck.app import App  # noqa: E402
from tqcheck.runner import Runner  # noqa: E402


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
