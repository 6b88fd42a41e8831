"""`tqcheck rule CODE`: one rule's description, examples, category, severity and how to turn it off."""

from __future__ import annotations

from ..codes import describe_unknown
from ..errors import TqcheckError
from ..findings import RuleInfo
from .catalog import all_rules
from .glossary import DEFAULT_GLOSSARY, load_glossary
from .packs import builtin_pack_names, load_packs
from .spec import Example

# Glossary rules have no examples of their own: the built-in glossary's entries show them.
_GLOSSARY_FORMS = {"TQ101": ("literal", "a literal translation of"), "TQ102": ("wrong", "a wrong form of")}


def _pack_examples(code: str) -> tuple[list[Example], list[Example], list[str]]:
    for pack in load_packs(builtin_pack_names()):
        for rule in pack.spec.rules:
            if rule.code == code:
                return rule.examples.fail_examples(), rule.examples.pass_examples(), rule.source_languages
    return [], [], []


def _glossary_examples(code: str) -> list[str]:
    terms = load_glossary(DEFAULT_GLOSSARY).spec.terms
    if code == "TQ104":
        cased = [e for e in terms if e.case_sensitive and e.common_word is False and e.term.lower() != e.term]
        return [f"'{e.term.lower()}' should be written '{e.term}'" for e in cased[:3]]
    if code not in _GLOSSARY_FORMS:
        return []
    field, relation = _GLOSSARY_FORMS[code]
    entries = [e for e in terms if getattr(e, field)]
    return [f"'{getattr(e, field)[0]}' is {relation} '{e.term}'" for e in entries[:3]]


def _flagged(example: Example) -> str:
    details = [f"flags '{example.flagged}'" if example.flagged else "", f"fix '{example.fix}'" if example.fix else ""]
    shown = ", ".join(d for d in details if d)
    return f"  {example.text}" + (f"   ({shown})" if shown else "")


def explain(code: str) -> str:
    """The text `tqcheck rule CODE` prints; TqcheckError naming the closest code when `code` is unknown."""
    rules: dict[str, RuleInfo] = {rule.code: rule for rule in all_rules()}
    wanted = code.strip().upper()
    if wanted not in rules:
        raise TqcheckError(describe_unknown(code, rules))
    rule = rules[wanted]
    fail, passing, languages = _pack_examples(wanted)
    out = [f"{rule.code} {rule.name}", "", rule.description, "",
           f"category: {rule.category}", f"severity: {rule.severity.value} (default)",
           f"origin: {rule.origin} ({rule.pack})", f"safe fix: {'yes' if rule.fix_safe else 'no'}"]
    if languages:
        out.append(f"source languages: {', '.join(languages)} (runs when one of them is configured, or none is)")
    if rule.origin == "grammar":
        out += ["", "Reported by LanguageTool; the message names LanguageTool's own rule id "
                    "(switch one off with grammar-disabled-rules)."]
    if fail:
        out += ["", "flagged:", *(_flagged(e) for e in fail)]
    if passing:
        out += ["", "left alone:", *(_flagged(e) for e in passing)]
    if glossary := _glossary_examples(wanted):
        out += ["", "from the built-in glossary:", *(f"  {line}" for line in glossary)]
    out += ["", "turn it off:",
            f"  command line: tqcheck check --ignore {rule.code} ...",
            f'  tqcheck.toml: ignore = ["{rule.code}"]',
            f'  some files:   [per-path-ignores] "drafts/**" = ["{rule.code}"] in tqcheck.toml',
            f"  one line:     <!-- tqcheck: disable-next-line {rule.code} --> (Markdown and HTML)",
            f"change its severity: --severity {rule.code}=major, or [severity] {rule.code} = \"major\""]
    return "\n".join(out) + "\n"
