"""Snapshot tests: the text, JSON and SARIF reports of the samples, the seed and the real-MT corpus stay
byte-identical unless a change means to alter them.

The samples' reports are stored whole in tests/snapshots/; the shared corpora may not be copied into the
repository, so only a SHA-256 digest of their reports is stored. After a deliberate change of output, rewrite
the snapshots with `TQCHECK_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py` and review the diff.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, run_process

SNAPSHOTS = ROOT / "tests" / "snapshots"
UPDATE = os.environ.get("TQCHECK_UPDATE_SNAPSHOTS") == "1"
FORMATS = ("text", "json", "sarif")


def _report(target: str, output_format: str, cwd: Path) -> bytes:
    """One report of `target`, rules only (grammar output depends on the LanguageTool version)."""
    result = run_process("check", "--no-grammar", "--no-cache", "--no-color", "--fail-on", "none",
                         "--format", output_format, target, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr.decode()
    # SARIF names the folder it ran in (%SRCROOT%): the same report from any checkout.
    return result.stdout.replace(f'"{cwd.resolve().as_uri()}/"'.encode(), b'"file:///SRCROOT/"')


def _compare(name: str, actual: bytes) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
    assert path.exists(), f"no snapshot {path}; run with TQCHECK_UPDATE_SNAPSHOTS=1 to create it"
    assert actual.decode() == path.read_text(encoding="utf-8"), f"{name} differs from its snapshot"


@pytest.mark.parametrize("output_format", FORMATS)
def test_samples_report_matches_snapshot(output_format: str) -> None:
    """The samples' report, stored whole."""
    _compare(f"samples.{output_format}", _report("samples", output_format, ROOT))


@pytest.mark.parametrize("corpus", ["corpus/seed/article-en.txt", "corpus/real-mt/articles"])
@pytest.mark.parametrize("output_format", FORMATS)
def test_shared_corpus_report_matches_digest(corpus: str, output_format: str) -> None:
    """The shared corpora's reports, stored as digests (the corpora may not be copied into the repository)."""
    if not (SHARED / corpus).exists():
        pytest.skip(f"SKIPPED LOUDLY: {SHARED / corpus} is not there; the shared corpus snapshot is not checked")
    digest = hashlib.sha256(_report(corpus, output_format, SHARED)).hexdigest() + "\n"
    _compare(f"{corpus.replace('/', '_')}.{output_format}.sha256", digest.encode())
