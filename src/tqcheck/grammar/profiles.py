"""Grammar profiles: which LanguageTool rules and categories a run asks for, and whether unknown names are hints."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from ..resources import data_dir

STRICT, MT_REVIEW = "strict", "mt-review"


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
    # The lists are written by benchmarks/agreement.py from its measurement, never by hand.
    chosen = json.loads((data_dir() / "grammar" / f"{MT_REVIEW}.json").read_text(encoding="utf-8"))
    return Profile(MT_REVIEW, tuple(chosen["disabled_rules"]), tuple(chosen["disabled_categories"]), True)
