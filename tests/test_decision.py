"""The decision point: prefix matching, severity resolution, suppression, fail-on, threshold and exit codes."""

from __future__ import annotations

import pytest

from tqcheck.decision import Decision, longest_match, matches, suppressed
from tqcheck.documents.model import Directive
from tqcheck.errors import ExitCode, InputError
from tqcheck.findings import Finding, Severity
from tqcheck.results import FileResult
from tqcheck.scoring import Score

MINOR, MAJOR, CRITICAL = Severity.MINOR, Severity.MAJOR, Severity.CRITICAL


def _finding(code: str, severity: Severity) -> Finding:
    return Finding(code, "name", "category", severity, "message", "text", [], False, "rules", 0, 4)


def test_longest_match_prefers_the_most_specific_prefix() -> None:
    assert longest_match("TQ104", ["ALL", "TQ1", "TQ10", "TQ2"]) == "TQ10"
    assert longest_match("TQ104", ["ALL"]) == "ALL"
    assert longest_match("TQ104", ["TQ2", "TQ105"]) is None
    assert matches("TQ801", ["TQ8"]) and not matches("TQ801", ["TQ80 ", "TQ1"]) and not matches("TQ801", [])


@pytest.mark.parametrize("code,ids,expected", [
    ("TQ104", (), CRITICAL),                            # the longer prefix TQ104 beats TQ1
    ("TQ105", (), MAJOR),                               # only TQ1 matches
    ("TQ201", (), MINOR),                               # no override: the rule's own
    ("TQ801", ("EN_A_VS_AN", "GRAMMAR"), MAJOR),        # a LanguageTool rule id
    ("TQ801", ("MORFOLOGIK_RULE_EN_US", "TYPOS"), CRITICAL),  # a LanguageTool category
    ("TQ802", ("EN_A_VS_AN", "GRAMMAR"), MINOR),        # a code override beats the rule id
])
def test_severity_resolution(code: str, ids: tuple[str, ...], expected: Severity) -> None:
    decision = Decision(severity={"TQ1": MAJOR, "TQ104": CRITICAL, "TQ802": MINOR},
                        grammar_severity={"EN_A_VS_AN": MAJOR, "TYPOS": CRITICAL})
    assert decision.severity_of(code, MINOR, ids) == expected


def test_rule_id_beats_category() -> None:
    decision = Decision(grammar_severity={"EN_A_VS_AN": CRITICAL, "GRAMMAR": MINOR})
    assert decision.severity_of("TQ802", MAJOR, ("EN_A_VS_AN", "GRAMMAR")) == CRITICAL
    assert decision.severity_of("TQ802", MAJOR, ("OTHER_RULE", "GRAMMAR")) == MINOR


def test_min_severity_and_suppression() -> None:
    decision = Decision(min_severity=MAJOR)
    directives = [Directive("disable", ("TQ2",), 3), Directive("enable", (), 6), Directive("disable-next-line", (), 8)]
    assert not decision.reported("TQ101", MINOR, 1, [])
    assert decision.reported("TQ101", MAJOR, 1, directives)
    assert not decision.reported("TQ201", MAJOR, 4, directives) and decision.reported("TQ101", MAJOR, 4, directives)
    assert decision.reported("TQ201", MAJOR, 7, directives)
    assert not decision.reported("TQ101", CRITICAL, 9, directives) and decision.reported("TQ101", MAJOR, 10, directives)
    assert suppressed("TQ201", 5, directives) and not suppressed("TQ201", 2, directives)


@pytest.mark.parametrize("fail_on,quality,severity,failed", [
    ("major", 96.0, MINOR, False),
    ("major", 96.0, MAJOR, True),
    ("critical", 96.0, MAJOR, False),
    ("minor", 96.0, MINOR, True),
    ("none", 96.0, CRITICAL, False),
    ("none", 94.9, MINOR, True),    # below the threshold fails whatever fail-on says
])
def test_verdict(fail_on: str, quality: float, severity: Severity, failed: bool) -> None:
    verdict = Decision(fail_on=fail_on, threshold=95.0).judge([_finding("TQ101", severity)], Score(1.0, 1000, 1.0, 1.0, quality))
    assert (verdict.failed, verdict.passed, verdict.threshold) == (failed, quality >= 95.0, 95.0)


def test_exit_code() -> None:
    decision = Decision()
    clean, failing, unreadable = (FileResult(name, "text", "en-US", None) for name in ("a", "b", "c"))
    clean.verdict = decision.judge([], Score(0.0, 1000, 0.0, 0.0, 100.0))
    failing.verdict = decision.judge([_finding("TQ101", MAJOR)], Score(5.0, 1000, 5.0, 5.0, 95.0))
    unreadable.errors.append(InputError("cannot read", "c"))
    assert Decision.exit_code([clean]) == ExitCode.OK
    assert Decision.exit_code([clean, failing]) == ExitCode.FAILED
    assert Decision.exit_code([clean, failing, unreadable]) == ExitCode.USAGE


def test_gates_fail_a_file_and_say_why() -> None:
    """max-critical and max-category limits fail a file even above the threshold; each failure names its gate."""
    decision = Decision(fail_on="none", max_critical=0, max_category={"terminology": 1})
    findings = [_finding("TQ101", CRITICAL), _finding("TQ102", MINOR)]
    for finding in findings:
        finding.category = "terminology/wrong-term"
    verdict = decision.judge(findings, Score(26.0, 100000, 0.3, 0.3, 99.7))
    assert verdict.passed and verdict.failed
    assert verdict.failures == ("1 critical finding(s), more than max-critical 0",
                                "2 terminology finding(s), more than max-category terminology = 1")
    assert not Decision(fail_on="none", max_category={"term": 0}).judge(findings, Score(0, 1, 0, 0, 100)).failed


def test_min_score_gates_the_corpus() -> None:
    decision = Decision(min_score=90.0)
    assert decision.judge_corpus(Score(1.0, 1000, 1.0, 1.0, 95.0)) == []
    failures = decision.judge_corpus(Score(50.0, 1000, 50.0, 50.0, 77.4))
    assert failures == ["corpus quality 77.4 below min-score 90"]
    assert Decision.exit_code([], failures) == ExitCode.FAILED
    assert Decision.exit_code([], []) == ExitCode.OK


def test_hints_are_reported_only_with_show_hints() -> None:
    assert not Decision().reported("TQ830", Severity.NEUTRAL, 1, [])
    assert Decision(show_hints=True).reported("TQ830", Severity.NEUTRAL, 1, [])
    assert not Decision(show_hints=True).reported("TQ830", Severity.NEUTRAL, 2, [Directive("disable", (), 1)])
