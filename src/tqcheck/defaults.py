"""Defaults and user folders shared by the config, the CLI, the score and the LanguageTool set-up."""

from __future__ import annotations

import os
from pathlib import Path

LANGUAGE = "en-US"
LANGUAGETOOL_VERSION = "6.8"
LANGUAGETOOL_HEAP = "1g"
# Seconds to wait for one LanguageTool request: longer than the server's own limit (maxCheckTimeMillis, 120 s),
# so its own message comes first.
LANGUAGETOOL_TIMEOUT = 150.0
# Characters per LanguageTool request: longer prose is split at sentence boundaries, so a request takes seconds.
GRAMMAR_CHUNK = 20_000
THRESHOLD = 95.0
FAIL_ON = "major"
MAX_FILE_SIZE = 5_000_000
# Seconds one pattern rule may spend on one document before it is skipped there (catastrophic backtracking).
PATTERN_TIMEOUT = 2.0
INCLUDE = ("*.md", "*.markdown", "*.mdx", "*.txt", "*.html", "*.htm", "*.xhtml")
# MQM penalty points per finding, by severity (MQM 2.0's defaults).
WEIGHTS = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
# The score's reference word count and tolerance: penalty points per REFERENCE_WORDS at which quality is 95.
REFERENCE_WORDS = 1000
TOLERANCE = 5.0
SCORE_MODEL = "calibrated"
# Length-aware scoring: the word scale of the logarithmic tolerance curve.
LENGTH_SCALE = 100
GRAMMAR_PROFILE = "mt-review"
# --source: omission evidence starts below the usual length / SOURCE_TOLERANCE and grows by SOURCE_WEIGHT points per
# unit of ln(shortfall) (chosen on half A of the WMT dev file: docs/evaluation.md, "Agreement").
SOURCE_TOLERANCE = 1.1
SOURCE_WEIGHT = 5.0


def cache_dir() -> Path:
    """`$TQCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/tqcheck`, else `~/.cache/tqcheck`."""
    if os.environ.get("TQCHECK_CACHE_DIR"):
        return Path(os.environ["TQCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tqcheck"


def results_dir() -> Path:
    """Where the result cache keeps one file per checked file."""
    return cache_dir() / "results"
