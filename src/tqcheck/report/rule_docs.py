"""What the reports say about a rule beyond its finding: description, examples and where the README explains it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata

from ..findings import Finding, RuleInfo
from ..rules.spec import Example


@dataclass(frozen=True)
class RuleDoc:
    """A rule's metadata, its examples (built-in pack rules have them) and its README section."""

    info: RuleInfo
    fail: list[Example] = field(default_factory=list)
    passing: list[Example] = field(default_factory=list)

    @property
    def section(self) -> str:
        """The README anchor that explains the rule."""
        return "grammar" if self.info.origin == "grammar" else "what-it-catches"


@lru_cache(maxsize=1)
def builtin_docs() -> dict[str, RuleDoc]:
    """Every built-in rule by code: glossary, grammar and pack rules (with their examples)."""
    from ..grammar.mapping import all_rules as grammar_rules
    from ..rules.packs import builtin_pack_names, load_packs
    from ..rules.terms import RULES as TERM_RULES

    docs = {info.code: RuleDoc(info) for info in [*TERM_RULES, *grammar_rules()]}
    for pack in load_packs(builtin_pack_names()):
        for rule in pack.spec.rules:
            docs[rule.code] = RuleDoc(rule.info(pack.spec.pack), rule.examples.fail_examples(),
                                      rule.examples.pass_examples())
    return docs


def doc_for(finding: Finding) -> RuleDoc:
    """The built-in doc of a finding's rule, or one made from the finding (a rule of the user's own packs)."""
    known = builtin_docs().get(finding.code)
    if known is not None and known.info.name == finding.name:
        return known
    return RuleDoc(RuleInfo(finding.code, finding.name, finding.category, finding.severity,
                            finding.name.replace("-", " "), finding.origin, "user"))


@lru_cache(maxsize=1)
def readme_url() -> str | None:
    """The published README (the `Documentation` project URL in the package metadata), if there is one."""
    try:
        urls = metadata.metadata("tqcheck").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    return next((url.strip() for label, _, url in (u.partition(",") for u in urls)
                 if label.strip().lower() == "documentation"), None)
