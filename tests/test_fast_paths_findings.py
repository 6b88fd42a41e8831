"""Findings without the work no consumer reads: each fast path of the findings step compared with the plain way."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.app import App
from tqcheck.baseline import Baseline, fingerprint
from tqcheck.cache import ResultCache
from tqcheck.config import load_config
from tqcheck.decision import Decision
from tqcheck.defaults import WEIGHTS
from tqcheck.documents.loader import parse
from tqcheck.engine import Checker
from tqcheck.findings import Finding, Severity
from tqcheck.pipeline import Source, begin, finish
from tqcheck.results import FileResult
from tqcheck.scoring import Score, ScoreModel

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


def _finding(severity: Severity, category: str) -> Finding:
    return Finding("TQ101", "rule", category, severity, "message", "text", [], False, "rules", 0, 4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Severity)), st.sampled_from(["fluency", "fluency/spelling", "style",
                                                                          "terminology/wrong"])), max_size=40),
       st.dictionaries(st.sampled_from(list(WEIGHTS)), st.one_of(st.integers(0, 30), st.floats(0, 30))),
       st.integers(0, 5000))
def test_scores_from_severity_points_are_those_of_each_finding_s_points(items, weights, words: int) -> None:
    findings = [_finding(severity, category) for severity, category in items]
    model = ScoreModel(weights=weights)
    assert model.score(findings, words) == model.score_points(map(model.points, findings), words)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Severity)), st.sampled_from(["fluency", "fluency/spelling", "style"])),
                max_size=40),
       st.sampled_from(["none", "neutral", "minor", "major", "critical"]), st.one_of(st.none(), st.integers(0, 3)),
       st.dictionaries(st.sampled_from(["fluency", "style"]), st.integers(0, 5)), st.floats(0, 100))
def test_verdicts_counted_at_once_are_those_counted_finding_by_finding(items, fail_on, max_critical, max_category,
                                                                       quality: float) -> None:
    findings = [_finding(severity, category) for severity, category in items]
    decision = Decision(fail_on=fail_on, max_critical=max_critical, max_category=max_category)
    score = Score(0.0, 100, 0.0, 0.0, round(quality, 1))
    failures = [] if score.quality >= decision.threshold else [
        f"quality {score.quality:.1f} below threshold {decision.threshold:g}"]
    if fail_on != "none":
        severe = sum(1 for f in findings if f.severity.rank >= Severity(fail_on).rank)
        if severe:
            failures.append(f"{severe} finding(s) at or above fail-on {fail_on}")
    critical = sum(1 for f in findings if f.severity is Severity.CRITICAL)
    if max_critical is not None and critical > max_critical:
        failures.append(f"{critical} critical finding(s), more than max-critical {max_critical}")
    for category, limit in max_category.items():
        found = sum(1 for f in findings if f.category == category or f.category.startswith(category + "/"))
        if found > limit:
            failures.append(f"{found} {category} finding(s), more than max-category {category} = {limit}")
    verdict = decision.judge(findings, score)
    assert (verdict.passed, verdict.failed, verdict.failures) == (
        score.quality >= decision.threshold, bool(failures), tuple(failures))


def _plain_positioned(checker: Checker, document, hits) -> list[Finding]:
    """Each hit judged on its own, as `Decision.reported` tells."""
    decision, prose, found = checker.decision, document.prose, []
    for hit in hits:
        code = hit.rule.code
        if not decision.selected(code, document.path):
            continue
        if prose.protected and prose.protected_kinds(hit.start, hit.end) - hit.allow_in:
            continue
        span = prose.to_file(hit.start, hit.end)
        if span is None:
            continue
        severity = decision.severity_of(code, hit.rule.severity, hit.grammar_ids)
        line, column = document.lines.position(span[0])
        if decision.reported(code, severity, line, document.directives):
            found.append((code, severity, span, line, column, document.lines.position(span[1])))
    return found


@pytest.mark.parametrize("settings_", [
    {}, {"min_severity": Severity.MAJOR}, {"show_hints": True, "ignore": ("TQ4",)},
    {"severity": {"TQ1": Severity.NEUTRAL, "TQ501": Severity.CRITICAL}, "select": ("TQ1", "TQ5", "TQ6")},
    {"severity": {"ALL": Severity.MINOR}, "min_severity": Severity.NEUTRAL},
])
def test_findings_judged_once_per_rule_are_those_judged_hit_by_hit(settings_: dict) -> None:
    app = App(load_config(None, {"grammar": False, "cache": False, "glossaries": [str(SAMPLES / "glossary.yaml")]}))
    checker = Checker(app.checker.checks, Decision(**settings_))
    directives = ["<!-- tqcheck: disable TQ1 -->\n", "<!-- tqcheck: enable -->\n",
                  "<!-- tqcheck: disable-next-line -->\n", "<!-- tqcheck: disable-next-line TQ5 -->\n"]
    compared = 0
    for path in sorted(SAMPLES.glob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        text = "".join(line + (directives[n % 4] if n % 3 == 0 else "") for n, line in enumerate(lines))
        document = parse(text, path.name)
        hits = checker.hits(document)
        quick = [(f.code, f.severity, (f.start, f.end), f.line, f.column, (f.end_line, f.end_column))
                 for f in checker.positioned(document, hits)]
        assert quick == _plain_positioned(checker, document, hits)
        compared += len(quick)
    assert compared


def test_findings_of_hits_in_any_order_are_those_judged_and_placed_hit_by_hit() -> None:
    """The findings step keeps the last rule's decision at hand and places lines itself: hits of rules interleaved,
    with and without LanguageTool ids that a severity override names, on CRLF and LF files with directives."""
    app = App(load_config(None, {"grammar": False, "cache": False, "glossaries": [str(SAMPLES / "glossary.yaml")]}))
    checker = Checker(app.checker.checks, Decision(grammar_severity={"LT_ID": Severity.CRITICAL},
                                                   severity={"TQ5": Severity.NEUTRAL}, show_hints=True))
    rng, compared = random.Random(11), 0
    for path in sorted(SAMPLES.glob("*.md")):
        for newline in ("\n", "\r\n"):
            lines = path.read_text(encoding="utf-8").splitlines(keepends=False)
            text = newline.join(line + (newline + "<!-- tqcheck: disable-next-line -->" if n % 5 == 0 else "")
                                for n, line in enumerate(lines))
            document = parse(text, path.name)
            hits = checker.hits(document)
            hits = (hits + [dataclasses.replace(hit, grammar_ids=("LT_ID",)) for hit in hits[::2]]) * 4
            rng.shuffle(hits)
            quick = [(f.code, f.severity, (f.start, f.end), f.line, f.column, (f.end_line, f.end_column))
                     for f in checker.positioned(document, hits)]
            assert quick == _plain_positioned(checker, document, hits), path
            compared += len(quick)
    assert compared


_SPANS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6), st.sampled_from(["TQ101", "TQ102", "TQ201"]),
                            st.sampled_from(list(Severity)), st.sampled_from(["glossary", "rules", "grammar"]),
                            st.integers(0, 2)), max_size=40)


@settings(max_examples=500, deadline=None)
@given(_SPANS)
def test_findings_chosen_among_overlapping_ones_are_one_per_span_s_in_order(spans) -> None:
    """Choosing only within runs of overlapping findings keeps what `one_per_span` keeps over all of them, in the
    same order: zero-length spans, equal starts, equal findings with other messages."""
    from tqcheck.engine import one_per_span, reported_in_order

    findings = [Finding(code, "name", "style", severity, f"message {n}", "", [], False, origin, start, start + length,
                        priority=priority)
                for n, (start, length, code, severity, origin, priority) in enumerate(spans)]
    plain = sorted(one_per_span(findings), key=lambda f: (f.start, f.end, f.code))
    assert [id(f) for f in reported_in_order(findings)] == [id(f) for f in plain]
