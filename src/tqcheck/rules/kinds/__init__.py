"""Every rule kind, registered on import; the rule model keyed on `kind`, and the factory that builds checks."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from ..check import Check
from ..context import BuildContext
from ..registry import KINDS
from . import (balance, boilerplate, capitalised_words, case_variants, coined_words, echoed_word,  # noqa: F401
               foreign_words,
               gender_reference, glued_words, governed_prepositions, inconsistency, language_id, leakage, mojibake,
               name_variants, pattern,
               phrases, phrases_in_context, repeated_text, repeated_title, repeated_word, romanised_words, tag_line,
               truncation)
from ..spec import BaseRuleSpec

# A rule of any registered kind; pydantic picks the model by `kind`, so a misspelt option names its kind.
RuleSpec = Annotated[Union[tuple(KINDS[name].spec for name in sorted(KINDS))], Field(discriminator="kind")]


def build_check(spec: BaseRuleSpec, pack: str, context: BuildContext, where: str = "") -> Check | None:
    """The check for one rule; None when the configured source languages leave it nothing to do."""
    wanted = context.source_languages
    if spec.source_languages and wanted and not wanted & set(spec.source_languages):
        return None
    return KINDS[spec.kind].check(spec, spec.info(pack, where), context)
