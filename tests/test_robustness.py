"""Seeded random documents in every format: no crash, and every finding's text is exactly its span."""

from __future__ import annotations

import random

import pytest

from tqcheck.config import load_config
from tqcheck.app import App
from tqcheck.pipeline import Source
from tqcheck.runner import Runner

PIECES = list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?¿¡«»„“”\"'’()[]{}<>/\\#@&*_-+=%$€º°\n\t\r") + [
    "&amp;", "&nbsp;", "<p>", "</p>", "<br>", "`", "```\n", "# ", "- ", "> ", "| a | b |\n|---|---|\n", "![x](y)",
    "[t](http://x.y)", "😀", "\u200b", "\ufffd", "Ã©", "—", "…", " y ", " e ", "THE ", "Monday (23)", "xiaomi",
    "Snapdagon", "<!-- tqcheck: disable -->", "<!--", "-->", "---\ntitle: x\n---\n", "<script>", "</script>",
    "<code>", "</code>", "&#", ";", "<![", "<!DOCTYPE", "<?xml", "]]>", "<a href='", "alt=\"", "<img ", "\\*", "**",
    "_", "~~", "    code\n", "1. ", "* ", "@handle", "#tag", "https://example.com/x", "the the ", "15Pro ",
]


@pytest.mark.slow
@pytest.mark.parametrize("extension", [".txt", ".md", ".html"])
def test_random_documents(extension: str) -> None:
    runner = Runner(App(load_config(None, {"grammar": "off", "cache": False})))
    rng = random.Random(f"tqcheck{extension}")
    for index in range(400):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 300)))
        result = next(runner.run([Source(f"doc{index}{extension}", text.encode("utf-8"))]))
        assert not result.errors
        for finding in result.findings:
            assert 0 <= finding.start <= finding.end <= len(text)
            assert text[finding.start:finding.end] == finding.text, (text, finding)
