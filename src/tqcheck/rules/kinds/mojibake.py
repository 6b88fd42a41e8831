"""The `mojibake` kind: encoding damage repaired by ftfy, reported where the repair changes the text."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

import regex

from ...documents.prose import Prose
from ...findings import Hit, RuleInfo
from ..context import BuildContext
from ..messages import fill
from ..registry import rule_kind
from ..spec import BaseRuleSpec, NoOptions

# Characters that start typical UTF-8-read-as-Windows-1252 sequences; only segments holding one go to ftfy.
_SUSPECT = regex.compile(r"[ÃÂâÅÐÑ][\u0080-\u02ff\u2000-\u20ff]")
_LEADS = "ÃÂâÅÐÑ"


@rule_kind("mojibake")
class MojibakeCheck:
    """Text decoded with the wrong encoding (`Ã©`, `â€™`): ftfy's fix_encoding shows what it should be."""

    Options = NoOptions

    def __init__(self, spec: BaseRuleSpec, info: RuleInfo, context: BuildContext):
        self.spec, self.info = spec, info

    def find(self, prose: Prose) -> Iterator[Hit]:
        if not any(lead in prose.text for lead in _LEADS):  # at C speed: most texts hold none of them
            return
        for base, segment in zip(prose.starts, prose.segments):
            text = segment.text
            if not _SUSPECT.search(text):
                continue
            from ftfy import fix_encoding

            fixed = fix_encoding(text)
            if fixed == text:
                continue
            for op, i1, i2, j1, j2 in SequenceMatcher(None, text, fixed, autojunk=False).get_opcodes():
                if op in ("replace", "delete") and i2 > i1:
                    values = {"match": text[i1:i2], "replacement": fixed[j1:j2]}
                    yield Hit(self.info, base + i1, base + i2, fill(self.spec.message, values), (fixed[j1:j2],))
