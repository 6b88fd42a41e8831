"""Result cache: a file's findings keyed by its bytes and path, the configuration, the rule data, tqcheck's own
code and the LanguageTool settings; the cache builds every part of that key itself."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import __version__
from .config import Config
from .defaults import results_dir
from .digests import code_digest, file_text, key_of
from .files import keep
from .findings import Finding, Severity
from .resources import DEFAULT_GLOSSARY, builtin_glossary, builtin_pack, builtin_pack_names, grammar_data_texts

# Settings that decide the score or pass and fail, not findings; the cache switch itself; how long to wait for
# LanguageTool (a result that timed out is never cached); how many processes do the work.
_NOT_IN_KEY = {"root", "source", "threshold", "fail_on", "cache", "weights", "category_weights", "score_model",
               "tolerance", "reference_words", "length_aware", "length_scale", "min_score", "max_critical",
               "max_category", "languagetool_timeout", "jobs"}


class ResultCache:
    """Findings and word counts on disk, one small JSON file per (content, settings) key."""

    def __init__(self, folder: Path, settings_key: str):
        self.folder = folder
        self.settings_key = settings_key

    @classmethod
    def for_config(cls, config: Config, folder: Path | None = None) -> "ResultCache":
        """The cache of a run with `config`."""
        return cls(folder or results_dir(), settings_key(config))

    def key(self, data: bytes, path: str, file_format: str) -> str:
        """The cache key of one file's contents under the current settings."""
        digest = hashlib.sha256(self.settings_key.encode())
        digest.update(b"\0" + os.fsencode(path) + f"\0{file_format}\0".encode())  # any file name, even not UTF-8
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> tuple[list[Finding], int] | None:
        """Cached findings and word count, or None."""
        try:
            stored = json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return [_finding(item) for item in stored["findings"]], stored["words"]

    def put(self, key: str, findings: list[Finding], words: int) -> None:
        """Store a result atomically; a cache that cannot be written is skipped silently."""
        target = self._file(key)
        payload = {"words": words,
                   "findings": [{**f.to_dict(), "extra": f.extra, "priority": f.priority, "fingerprint": f.fingerprint}
                                for f in findings]}
        keep(target, json.dumps(payload, ensure_ascii=False))


def _finding(item: dict) -> Finding:
    item = dict(item)
    item["name"] = item.pop("rule")
    item["severity"] = Severity(item["severity"])
    item["extra"] = {k: tuple(v) if isinstance(v, list) else v for k, v in item.get("extra", {}).items()}
    return Finding(**item)


def settings_key(config: Config) -> str:
    """Everything besides a file's bytes, path and format that decides its findings (the settings include the
    grammar switch and every LanguageTool setting)."""
    builtin = [builtin_pack(name).read_text(encoding="utf-8") for name in builtin_pack_names()]
    builtin.append(builtin_glossary(DEFAULT_GLOSSARY).read_text(encoding="utf-8"))
    builtin += grammar_data_texts()
    user_files = [file_text(path) for path in
                  [*config.extra_packs, *config.glossaries, *(p for p in config.packs if os.path.sep in p)]]
    settings = config.as_json(exclude=_NOT_IN_KEY)
    return key_of(__version__, code_digest(), str(config.root), settings, *builtin, *user_files)
