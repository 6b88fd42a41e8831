"""Every rule code a run can report, with its MQM category and pack, remembered on disk by the contents of the packs that
define them, so that a run answered from the result cache never loads and validates every pack to check the codes
and categories a user wrote."""

from __future__ import annotations

import json
from pathlib import Path

from . import __version__
from .defaults import cache_dir
from .digests import code_digest, key_of
from .files import keep
from .resources import builtin_pack, builtin_pack_names


def known_codes(packs: list[str]) -> set[str]:
    """The built-in rules' codes and those of the user's packs among `packs` (a broken pack raises ConfigError)."""
    return set(known_rules(packs))


def known_rules(packs: list[str]) -> dict[str, tuple[str, str]]:
    """Each code of `known_codes` with its rule's MQM category and pack."""
    user = [name for name in packs if name not in builtin_pack_names()]
    try:
        texts = [Path(path).read_text(encoding="utf-8") for path in user]
    except (OSError, UnicodeDecodeError):
        return _loaded(user)  # which says what is wrong with the file, where
    builtin = [builtin_pack(name).read_text(encoding="utf-8") for name in builtin_pack_names()]
    # Only a pack that validated is remembered, so a broken one is reported at every run.
    stored = cache_dir() / "codes" / f"{key_of(__version__, code_digest(), *builtin, *user, *texts)}.json"
    try:
        remembered = json.loads(stored.read_text(encoding="utf-8"))
        if isinstance(remembered, dict):
            return {code: (category, pack) for code, (category, pack) in remembered.items()}
    except (OSError, ValueError, TypeError):
        pass
    rules = _loaded(user)
    keep(stored, json.dumps(dict(sorted(rules.items()))))
    return rules


def _loaded(user_packs: list[str]) -> dict[str, tuple[str, str]]:
    from .rules.catalog import known_rules as from_packs

    return from_packs(user_packs)
