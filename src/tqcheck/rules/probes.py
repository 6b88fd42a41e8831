"""Probe pattern rules for catastrophic backtracking on long inputs built from their own examples."""

from __future__ import annotations

from collections.abc import Iterator

from ..documents.loader import parse
from ..errors import RuleTimeout
from .examples import ExampleFailure, example_context
from .kinds import build_check
from .packs import Pack

PROBE_LENGTH = 400  # characters: enough for exponential backtracking to run for ages, nothing for a sane pattern


def probes(text: str) -> Iterator[str]:
    """An example repeated, and repeated without its last character (often the one that lets a match finish),
    alone and followed by a character that ends no word: the inputs on which nested quantifiers explode."""
    if not text:
        return
    times = max(4, PROBE_LENGTH // len(text))
    yield text * times
    if len(text) > 1:
        yield text[:-1] * times
        yield text[:-1] * times + "!"


def probe_pack(pack: Pack) -> tuple[list[ExampleFailure], int]:
    """A failure for each pattern rule that runs out of time on a probe, and the number of rules probed."""
    failures, probed = [], 0
    for index, rule in enumerate(pack.spec.rules):
        if rule.kind != "pattern":
            continue
        probed += 1
        line = pack.rule_line(index)
        check = build_check(rule, pack.spec.pack, example_context(), f"{pack.file}:{line}")
        texts = [e.text for e in rule.examples.fail_examples() + rule.examples.pass_examples()]
        for probe in (p for text in texts for p in probes(text)):
            try:
                list(check.find(parse(probe, "<probe>.txt").prose))
            except RuleTimeout as timeout:
                failures.append(ExampleFailure(
                    pack.file, line, rule.code,
                    f"pattern backtracks catastrophically: took longer than {timeout.seconds:g} s on a probe of "
                    f"{len(probe)} characters built from its examples ({probe[:20]!r}...)"))
                break
    return failures, probed
