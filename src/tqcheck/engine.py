"""Run the rule checks over a document and turn their hits, and LanguageTool's, into positioned findings."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import compress

from .baseline import fingerprint
from .decision import Decision, suppressed
from .errors import RuleTimeout
from .documents.loader import Document
from .documents.prose import Prose
from .findings import Finding, Hit, Severity
from .rules.check import Check
from .rules.terms import TermCheck

_ORIGIN_RANK = {"glossary": 0, "rules": 1, "grammar": 2}


class Checker:
    """The checks of a run and the decision that filters their hits; one finding per span."""

    def __init__(self, checks: Iterable[Check], decision: Decision | None = None):
        self.checks = list(checks)
        self.decision = decision or Decision()
        # Folded words of every glossary term: LanguageTool's spelling hits on them yield to the glossary.
        self.known = frozenset().union(*(check.known for check in self.checks if isinstance(check, TermCheck)))
        self._gates: tuple[object, list[int], frozenset[int]] | None = None

    def running(self, prose: Prose) -> list[Check]:
        """The checks that may have hits in `prose`, in order: a pattern rule whose prefilter the run's one Hyperscan
        pass does not find there would answer nothing (`PatternCheck.find`), so it is left out at C speed."""
        if self._gates is None:
            self._gates = _gates(self.checks)
        scan, keys, always = self._gates
        if scan is None:
            return self.checks
        return list(compress(self.checks, map((scan.found(prose.text) | always).__contains__, keys)))

    def hits(self, document: Document, timeouts: list[RuleTimeout] | None = None) -> list[Hit]:
        """Every hit of every check, before filtering.

        A check that runs out of time is skipped for this document and its timeout added to `timeouts`; without
        that list the timeout propagates.
        """
        prose = document.prose
        found: list[Hit] = []
        for check in self.running(prose):
            try:
                found += list(check.find(prose))  # all of a check's hits or none
            except RuleTimeout as timeout:
                if timeouts is None:
                    raise
                timeouts.append(timeout.on(document.path))
        return found

    def check(self, document: Document) -> list[Finding]:
        """Findings of the rule checks for one document."""
        return self.findings(document, self.hits(document))

    def findings(self, document: Document, hits: Iterable[Hit], grammar_hits: Iterable[Hit] = (),
                 fingerprinted: bool = True) -> list[Finding]:
        """Positioned findings that survive the decision and protected spans; one per span; with their fingerprints
        unless `fingerprinted` is false (a run that neither caches nor reads or writes a baseline never asks).

        A grammar spelling hit on a word of a glossary term is dropped: the glossary decides how terms are spelt.
        """
        text = document.prose.text
        kept = [hit for hit in grammar_hits if not (hit.spelling and text[hit.start:hit.end].casefold() in self.known)]
        findings = self.positioned(document, [*hits, *kept])
        reported = reported_in_order(findings)
        if not fingerprinted:
            return reported
        for finding in reported:  # only the findings kept by one_per_span: the others need none
            finding.fingerprint = fingerprint(finding.code, document.text, finding.start, finding.end)
        return reported

    def positioned(self, document: Document, hits: list[Hit]) -> list[Finding]:
        """The finding of each hit at its file position (without its fingerprint: `findings` adds it), unless the
        decision or a protected span drops it; in order. One loop for the document's hits: a document has dozens."""
        prose, decision, path, directives = document.prose, self.decision, document.path, document.directives
        line_starts, file_text, to_file = document.lines.starts, document.text, prose.to_file
        protected = bool(prose.protected)
        # Per rule (and LanguageTool ids): whether it is selected in this file, its severity, and whether that
        # severity is shown; the answers are the same for every hit of a rule in one file. A check's hits come
        # together, so the last rule's answer is kept at hand.
        levels: dict[tuple[int, tuple[str, ...]], tuple[bool, Severity, bool]] = {}  # by id: the hits hold the rules
        last_rule, last_ids, level = None, None, (False, Severity.NEUTRAL, False)
        findings = []
        for hit in hits:
            rule = hit.rule
            if rule is not last_rule or hit.grammar_ids != last_ids:
                last_rule, last_ids = rule, hit.grammar_ids
                level = levels.get((id(rule), last_ids))
                if level is None:
                    severity = decision.severity_of(rule.code, rule.severity, last_ids)
                    level = levels[id(rule), last_ids] = (decision.selected(rule.code, path), severity,
                                                          decision.shown(severity))
            on, severity, shown = level
            if not on or not shown:
                continue
            if protected and prose.protected_kinds(hit.start, hit.end) - hit.allow_in:
                continue
            span = to_file(hit.start, hit.end)
            if span is None:
                continue
            start, end = span
            line = bisect_right(line_starts, start)  # `LineIndex.position`, inlined: a document has dozens of hits
            if directives and suppressed(rule.code, line, directives):
                continue
            end_line = bisect_right(line_starts, end, line)  # not before the start line
            findings.append(Finding(
                rule.code, rule.name, rule.category, severity, hit.message, file_text[start:end],
                list(hit.suggestions), rule.fix_safe and bool(hit.suggestions), rule.origin,
                start, end, line, start - line_starts[line - 1] + 1, end_line, end - line_starts[end_line - 1] + 1,
                {"languages": hit.languages} if hit.languages else {}, rule.priority,
            ))
        return findings


def _gates(checks: list[Check]) -> tuple[object, list[int], frozenset[int]]:
    """The run's pattern scan (None: no pattern rule uses one), each check's key in it (its prefilter's id, or a
    negative key of its own that is always found), and those negative keys."""
    scan, keys = None, []
    for index, check in enumerate(checks):
        key = check.scan_key() if hasattr(check, "scan_key") else None  # type: ignore[attr-defined]
        if key is not None and (scan is None or key[0] is scan):
            scan = key[0]
            keys.append(key[1])
        else:
            keys.append(-1 - index)
    return scan, keys, frozenset(key for key in keys if key < 0)


def reported_in_order(findings: list[Finding]) -> list[Finding]:
    """`one_per_span`'s findings in order of start, end and code, choosing only among findings that overlap: most
    stand alone (a run of findings that overlap is followed by one starting later, at or after all their ends, where
    `one_per_span` cannot choose across the two)."""
    ordered = sorted(findings, key=_place)
    kept: list[Finding] = []
    first, reach = 0, -1
    for index, finding in enumerate(ordered):
        if index and (finding.start < reach or finding.start == ordered[index - 1].start):
            reach = max(reach, finding.end)
            continue
        kept += _chosen(ordered[first:index])
        first, reach = index, finding.end
    kept += _chosen(ordered[first:])
    return kept


def _chosen(run: list[Finding]) -> list[Finding]:
    """`one_per_span`'s choice among a run of overlapping findings, in order; a finding alone stands as it is."""
    return run if len(run) == 1 else sorted(one_per_span(run), key=_place)


def _place(finding: Finding) -> tuple[int, int, str]:
    return finding.start, finding.end, finding.code


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
