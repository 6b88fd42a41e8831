"""Baselines: fingerprints of today's findings, so a check reports only findings that are new.

A fingerprint is a hash of the rule code, the finding's text (case and white space folded) and up to three words
on each side of it on its line: no line numbers, so it survives lines moving and edits elsewhere in the file. The baseline file holds
paths, codes and hashes only, never article text.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import ConfigError
from .findings import Finding
from .results import FileResult

if TYPE_CHECKING:
    import regex

CONTEXT_WORDS = 3
_WINDOW = 200  # characters searched for the context words on each side
_SHORT = 48  # characters tried first: three words nearly always fit


# `\\w` of ASCII text (the regex module's `\\w` on ASCII characters): every other byte becomes a space.
_ASCII_SPACED = bytes(code if chr(code).isalnum() or chr(code) == "_" else ord(" ") for code in range(256))


@cache
def _word() -> regex.Pattern:
    # Compiled on first use: a run answered from the cache never loads the regex module.
    import regex

    return regex.compile(r"\w+")


def _words(text: str) -> list[str]:
    """The words (`\\w+` of the regex module) of `text`; ASCII text is split at C speed, without a regex call."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_SPACED).decode("ascii").split()
    return _word().findall(text)


def _context(text: str, lo: int, hi: int, last: bool) -> list[str]:
    """The first (last: the last) CONTEXT_WORDS words of text[lo:hi]; the short piece at that end is read first
    (splitting 200 characters costs more), and only its inner word may be cut."""
    if hi - lo > _SHORT:
        words = _words(text[hi - _SHORT:hi] if last else text[lo:lo + _SHORT])
        if len(words) > CONTEXT_WORDS:
            return words[-CONTEXT_WORDS:] if last else words[:CONTEXT_WORDS]
    words = _words(text[lo:hi])
    return words[-CONTEXT_WORDS:] if last else words[:CONTEXT_WORDS]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def fingerprint(code: str, text: str, start: int, end: int) -> str:
    """The identity of a finding of `code` at text[start:end]: its code, its text and the words around it."""
    # Context stops at line breaks: a paragraph added or removed next to the finding leaves it alone.
    lo = max(0, start - _WINDOW)
    lo = max(lo, text.rfind("\n", lo, start) + 1, text.rfind("\r", lo, start) + 1)
    hi = min(len(text), end + _WINDOW)
    breaks = [at for at in (text.find("\n", end, hi), text.find("\r", end, hi)) if at >= 0]
    hi = min(breaks) if breaks else hi
    before, after = _context(text, lo, start, True), _context(text, end, hi, False)
    return identity(code, text[start:end], " ".join(before), " ".join(after))


def identity(code: str, *parts: str) -> str:
    """The fingerprint of a finding of `code` told apart by `parts` (case and white space folded)."""
    return hashlib.sha256("\0".join([code, *map(_fold, parts)]).encode()).hexdigest()[:20]


class Baseline:
    """Fingerprints per file (paths relative to the baseline's folder), each with how often it occurs."""

    def __init__(self, root: Path, counts: Counter[tuple[str, str, str]] | None = None):
        self.root = root
        self.counts: Counter[tuple[str, str, str]] = counts or Counter()
        self.files: dict[str, Counter[tuple[str, str]]] = {}
        for (path, code, mark), count in self.counts.items():
            self.files.setdefault(path, Counter())[code, mark] += count

    def key(self, path: str) -> str:
        """`path` as the baseline stores it."""
        return _relative(path, self.root)

    @classmethod
    def load(cls, file: str) -> "Baseline":
        """Read a baseline file (ConfigError when it is missing or broken)."""
        try:
            stored = json.loads(Path(file).read_text(encoding="utf-8"))
            counts = Counter({(item["path"], item["code"], item["fingerprint"]): int(item["count"])
                              for item in stored["findings"]})
        except OSError as error:
            raise ConfigError(f"cannot read the baseline: {error.strerror or error}", file) from None
        except (ValueError, KeyError, TypeError) as error:
            raise ConfigError(f"not a tqcheck baseline ({type(error).__name__}: {error})", file) from None
        return cls(Path(file).resolve().parent, counts)

    @classmethod
    def of(cls, file: str, results: Iterable[FileResult]) -> "Baseline":
        """The baseline of these results, to be written to `file`."""
        root = Path(file).resolve().parent
        counts = Counter((_relative(result.path, root), finding.code, _mark(finding))
                         for result in results for finding in result.findings)
        return cls(root, counts)

    def to_json(self) -> str:
        """The baseline file: sorted, one finding per line, so it diffs well in review."""
        rows = [json.dumps({"path": path, "code": code, "fingerprint": mark, "count": count})
                for (path, code, mark), count in sorted(self.counts.items())]
        head = json.dumps({"name": "tqcheck", "version": __version__})
        return '{"version": 1, "tool": ' + head + ', "findings": [\n' + ",\n".join(rows) + "\n]}\n"

    def new(self, path: str, findings: list[Finding]) -> tuple[list[Finding], int]:
        """The findings not in the baseline, and how many were in it (each recorded finding covers one)."""
        left = Counter(self.files.get(self.key(path), {}))
        fresh = []
        for finding in findings:
            entry = (finding.code, _mark(finding))
            if left[entry] > 0:
                left[entry] -= 1
            else:
                fresh.append(finding)
        return fresh, len(findings) - len(fresh)


def _mark(finding: Finding) -> str:
    """The finding's fingerprint; a run that was not asked for them (`App.fingerprinted`) has none to compare."""
    if not finding.fingerprint:
        raise RuntimeError(f"{finding.code} at {finding.start}: a finding without its fingerprint reached the baseline")
    return finding.fingerprint


def _relative(path: str, root: Path) -> str:
    """`path` relative to the baseline's folder, with forward slashes."""
    return Path(os.path.relpath(Path(path).resolve(), root)).as_posix()
