"""Grammar profiles: which LanguageTool rules and categories a run asks for, and whether unknown names are hints."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from ..resources import data_dir

STRICT, MT_REVIEW = "strict", "mt-review"
# The profile file's lists of LanguageTool rules to switch off, each written by the measurement its key names:
# benchmarks/agreement.py (MQM half A), benchmarks/grammar_rules.py (real-mt design half; rules whose verdict
# depends on the day of the check, which would make the same text score differently tomorrow; rules frequent in
# human English), and categories: agreement.py (MQM half A), grammar_rules.py (those LanguageTool types style).
DISABLED_RULE_LISTS = ("disabled_rules", "disabled_rules_real_mt", "disabled_rules_clock",
                       "disabled_rules_human_english")
DISABLED_CATEGORY_LISTS = ("disabled_categories", "disabled_categories_style")


@dataclass(frozen=True)
class Profile:
    """A grammar profile: LanguageTool rule ids and categories switched off, and names as zero-weight hints."""

    name: str
    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    names_as_hints: bool = False


@cache
def profile(name: str) -> Profile:
    """The profile called `name`: strict keeps everything; mt-review drops what measured as noise."""
    if name == STRICT:
        return Profile(STRICT)
    # The lists are written by the benchmarks from their measurements, never by hand.
    chosen = json.loads((data_dir() / "grammar" / f"{MT_REVIEW}.json").read_text(encoding="utf-8"))
    rules = [rule for key in DISABLED_RULE_LISTS for rule in chosen.get(key, ())]
    categories = [category for key in DISABLED_CATEGORY_LISTS for category in chosen.get(key, ())]
    return Profile(MT_REVIEW, tuple(dict.fromkeys(rules)), tuple(dict.fromkeys(categories)), True)
