"""Run the pass/fail examples of rule packs and glossary entries."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from ..documents.loader import parse
from ..engine import Checker
from ..errors import ConfigError, RuleTimeout
from ..resources import DEFAULT_GLOSSARY
from .context import BuildContext, context_for
from .glossary import Glossary, load_glossary, merge_entries
from .packs import Pack, build_checks
from .spec import Example, Examples
from .terms import RULES as TERM_RULES
from .terms import TermCheck


@dataclass(frozen=True)
class ExampleFailure:
    """One example that did not behave as its rule promises."""

    file: str
    line: int | None
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line or '?'}: {self.code}: {self.message}"


def _check_examples(checker: Checker, codes: set[str], examples: Examples, file: str, lines: dict,
                    base: tuple, label: str) -> list[ExampleFailure]:
    failures = []
    for kind, items in (("fail", examples.fail_examples()), ("pass", examples.pass_examples())):
        for index, example in enumerate(items):
            line = lines.get(base + ("examples", kind, index)) or lines.get(base)
            try:
                findings = [f for f in checker.check(parse(example.text, "<example>.txt")) if f.code in codes]
                problem = _judge(kind, example, findings)
            except RuleTimeout as timeout:
                problem = timeout.message
            if problem:
                failures.append(ExampleFailure(file, line, label, f"{kind} example {example.text!r}: {problem}"))
    return failures


def _judge(kind: str, example: Example, findings: list) -> str | None:
    if kind == "pass":
        return f"flagged {findings[0].text!r} but must pass" if findings else None
    if not findings:
        return "not flagged"
    if example.flagged is not None and not any(f.text == example.flagged for f in findings):
        return f"expected {example.flagged!r} flagged, got {[f.text for f in findings]}"
    if example.fix is not None and not any(example.fix in f.suggestions for f in findings):
        return f"expected fix {example.fix!r}, got {[f.suggestions for f in findings]}"
    return None


@cache
def example_context() -> BuildContext:
    """All source languages and the built-in glossary's terms, as a default run sees them (built once).

    Its rules are built one at a time, each checked alone: each keeps a phrase automaton of its own, and pattern
    rules run without their prefilter (a probe built not to match must still reach the regex)."""
    return replace(context_for(merge_entries([load_glossary(DEFAULT_GLOSSARY)]), set()), phrases=None,
                   patterns=None)


def run_pack_examples(pack: Pack) -> list[ExampleFailure]:
    """Every rule's examples, each rule checked on its own with all source languages on."""
    failures = []
    context = example_context()
    for index, rule in enumerate(pack.spec.rules):
        single = Pack(pack.spec.model_copy(update={"rules": [rule]}), pack.file,
                      {("rules", 0): pack.rule_line(index)})
        checker = Checker(build_checks([single], context))
        failures += _check_examples(checker, {rule.code}, rule.examples, pack.file, pack.lines, ("rules", index),
                                    rule.code)
    return failures


def run_glossary_examples(glossary: Glossary) -> list[ExampleFailure]:
    """Every glossary entry's examples, checked with that entry alone."""
    failures = []
    codes = {rule.code for rule in TERM_RULES}
    for index, entry in enumerate(glossary.spec.terms):
        if entry.examples is None:
            continue
        checker = Checker([TermCheck([entry], glossary.spec.language)])
        failures += _check_examples(checker, codes, entry.examples, glossary.file, glossary.lines,
                                    ("terms", index), entry.term)
    return failures


def require_examples_pass(packs: list[Pack], glossaries: list[Glossary]) -> None:
    """Raise ConfigError at the first failing example of these packs and glossaries."""
    for failure in [f for p in packs for f in run_pack_examples(p)] + [
            f for g in glossaries for f in run_glossary_examples(g)]:
        raise ConfigError(f"{failure.code}: {failure.message}", failure.file, failure.line)
