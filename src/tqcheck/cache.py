"""Result cache: a file's findings keyed by its bytes, the configuration, the rule data and LanguageTool's version."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .findings import Finding, Severity


class ResultCache:
    """Findings and word counts on disk, one small JSON file per (content, settings) key."""

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint

    def key(self, data: bytes, path: str, file_format: str) -> str:
        """The cache key of one file's contents under the current settings."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(f"\0{path}\0{file_format}\0".encode())
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
        findings = []
        for item in stored["findings"]:
            item = dict(item)
            item["severity"] = Severity(item["severity"])
            item["extra"] = {k: tuple(v) if isinstance(v, list) else v for k, v in item.get("extra", {}).items()}
            findings.append(Finding(**item))
        return findings, stored["words"]

    def put(self, key: str, findings: list[Finding], words: int) -> None:
        """Store a result atomically; a cache that cannot be written is skipped silently."""
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            payload = {"words": words,
                       "findings": [{**f.to_dict(), "extra": f.extra, "priority": f.priority} for f in findings]}
            with tempfile.NamedTemporaryFile("w", dir=target.parent, delete=False, suffix=".tmp",
                                             encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False)
            os.replace(handle.name, target)
        except OSError:
            pass


def fingerprint(*parts: str) -> str:
    """A stable digest of settings and rule data."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()
