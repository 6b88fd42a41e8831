"""Every rule tqcheck knows, and the example runs of a pack or glossary file for `tqcheck rules test`."""

from __future__ import annotations

from pathlib import Path

from ..findings import RuleInfo
from .examples import ExampleFailure, run_glossary_examples, run_pack_examples
from .glossary import DEFAULT_GLOSSARY, load_glossary
from .packs import builtin_pack_names, load_pack, load_packs
from .terms import RULES as TERM_RULES


def all_rules() -> list[RuleInfo]:
    """Glossary rules and every built-in pack rule, by code."""
    from ..grammar.mapping import all_rules as grammar_rules

    from ..source import RULES as SOURCE_RULES

    infos = list(TERM_RULES) + grammar_rules() + list(SOURCE_RULES.values())
    for pack in load_packs(builtin_pack_names()):
        infos += [rule.info(pack.spec.pack) for rule in pack.spec.rules]
    return sorted(infos, key=lambda r: r.code)


def _is_glossary(name: str) -> bool:
    if name == DEFAULT_GLOSSARY:
        return True
    if Path(name).suffix.lower() in (".csv", ".toml", ".tbx"):
        return True
    try:
        head = Path(name).read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return False
    return "\nterms:" in "\n" + head or head.startswith("terms:")


def run_file_examples(name: str) -> tuple[list[ExampleFailure], int]:
    """Failures and the number of tests run (examples, and a backtracking probe per pattern), for one pack or
    glossary."""
    if _is_glossary(name):
        glossary = load_glossary(name)
        total = sum(len(e.examples.fail) + len(e.examples.passing) for e in glossary.spec.terms if e.examples)
        return run_glossary_examples(glossary), total
    from .probes import probe_pack

    pack = load_pack(name)
    total = sum(len(r.examples.fail) + len(r.examples.passing) for r in pack.spec.rules)
    failures = run_pack_examples(pack)
    slow, probed = probe_pack(pack)  # one more test per pattern rule
    return failures + slow, total + probed


def known_codes(user_packs: list[str]) -> set[str]:
    """Every code a run can report: the built-in rules and those of the user's packs."""
    return set(known_rules(user_packs))


def known_rules(user_packs: list[str]) -> dict[str, tuple[str, str]]:
    """Every code a run can report, with its MQM category and pack (a user's pack by its file, which no built-in
    pack's name can be): the built-in rules and those of the user's packs."""
    rules = {rule.code: (rule.category, rule.pack) for rule in all_rules()}
    for pack in load_packs([name for name in user_packs if name not in builtin_pack_names()]):
        rules.update((rule.code, (rule.category, pack.file)) for rule in pack.spec.rules)
    return rules
