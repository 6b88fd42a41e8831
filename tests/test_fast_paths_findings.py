"""Findings without the work no consumer reads: each fast path of the findings step compared with the plain way."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.app import App
from tqcheck.baseline import Baseline, fingerprint
from tqcheck.cache import ResultCache
from tqcheck.config import load_config
from tqcheck.pipeline import Source, begin, finish
from tqcheck.results import FileResult

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _results(fingerprinted: bool) -> list[tuple[FileResult, str]]:
    app = App(load_config(None, {"grammar": False, "cache": False, "glossaries": [str(SAMPLES / "glossary.yaml")]}))
    app.fingerprinted = fingerprinted
    out = []
    for path in sorted(SAMPLES.glob("*.*")):
        if path.suffix in (".yaml", ".toml"):
            continue
        out.append((finish(app, begin(app, Source(str(path)))), path.read_text(encoding="utf-8")))
    return out


def test_a_run_without_cache_or_baseline_skips_fingerprints_and_finds_the_same() -> None:
    plain, quick = _results(True), _results(False)
    assert sum(len(result.findings) for result, _ in plain) > 10
    for (full, text), (lean, _) in zip(plain, quick):
        assert [finding.fingerprint for finding in lean.findings] == [""] * len(lean.findings)
        for finding in lean.findings:
            finding.fingerprint = fingerprint(finding.code, text, finding.start, finding.end)
        assert lean.findings == full.findings
        assert (lean.words, lean.score, lean.verdict) == (full.words, full.score, full.verdict)


def test_the_app_asks_for_fingerprints_where_they_are_read(tmp_path) -> None:
    config = load_config(None, {"grammar": False, "cache": False})
    assert not App(config).fingerprinted
    assert App(config, baseline=Baseline(tmp_path)).fingerprinted
    assert App(config, cache=ResultCache.for_config(config, tmp_path)).fingerprinted


def test_a_finding_without_its_fingerprint_never_reaches_a_baseline(tmp_path) -> None:
    (result, _), *_ = [pair for pair in _results(False) if pair[0].findings]
    with pytest.raises(RuntimeError, match="without its fingerprint"):
        Baseline.of(str(tmp_path / "base.json"), [result])
    with pytest.raises(RuntimeError, match="without its fingerprint"):
        Baseline(tmp_path).new(result.path, result.findings)
