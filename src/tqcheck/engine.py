"""Run checks over a document and turn their hits into positioned, filtered findings."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from .documents.loader import Document
from .findings import Finding, Hit
from .policy import Policy
from .rules.check import Check

_ORIGIN_RANK = {"glossary": 0, "rules": 1, "grammar": 2}


class Checker:
    """Holds the checks and the policy; `check` is the one place where findings are filtered."""

    def __init__(self, checks: Iterable[Check], policy: Policy | None = None):
        self.checks = list(checks)
        self.policy = policy or Policy()

    def hits(self, document: Document) -> list[Hit]:
        """Every hit of every check, before filtering."""
        prose = document.prose
        return [hit for check in self.checks for hit in check.find(prose)]

    def check(self, document: Document) -> list[Finding]:
        """Findings of the rule checks for one document."""
        return self.findings(document, self.hits(document))

    def findings(self, document: Document, hits: Iterable[Hit]) -> list[Finding]:
        """Positioned findings that survive selection, protection, severity and suppression; one per span."""
        prose, policy = document.prose, self.policy
        findings = []
        for hit in hits:
            code = hit.rule.code
            if not policy.selected(code, document.path):
                continue
            if prose.protected_kinds(hit.start, hit.end) - hit.allow_in:
                continue
            span = prose.to_file(hit.start, hit.end)
            if span is None:
                continue
            start, end = span
            severity = policy.severity_for(code, hit.rule.severity)
            line, column = document.lines.position(start)
            if not policy.keeps(code, severity, line, document.directives):
                continue
            end_line, end_column = document.lines.position(end)
            findings.append(Finding(
                code, hit.rule.name, hit.rule.category, severity, hit.message, document.text[start:end],
                list(hit.suggestions), hit.rule.fix_safe and bool(hit.suggestions), hit.rule.origin,
                start, end, line, column, end_line, end_column,
                {"languages": hit.languages} if hit.languages else {}, hit.rule.priority,
            ))
        return sorted(one_per_span(findings), key=lambda f: (f.start, f.end, f.code))


def one_per_span(findings: list[Finding]) -> list[Finding]:
    """Where findings overlap keep one: the most specific rule (priority), the most severe, then glossary before
    rules before grammar, then the longest."""
    ranked = sorted(findings, key=lambda f: (-f.priority, -f.severity.rank, _ORIGIN_RANK.get(f.origin, 9),
                                             f.start - f.end, f.start, f.code))
    starts: list[int] = []
    kept: list[Finding] = []
    for finding in ranked:
        index = bisect_right(starts, finding.start)
        if index > 0 and kept[index - 1].end > finding.start:
            continue
        if index < len(kept) and kept[index].start < finding.end:
            continue
        starts.insert(index, finding.start)
        kept.insert(index, finding)
    return kept
