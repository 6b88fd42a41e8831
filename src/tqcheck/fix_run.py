"""`--fix` and `--diff`: fix the checked files pass by pass until nothing more is fixable, then report what is left."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import regex

from .app import App
from .files import atomic_write, read_file
from .fixes import fix_bytes
from .pipeline import Source
from .results import FileResult
from .runner import Runner

# A fix can uncover another (a repaired word now matches a term); a few passes reach the point where a second
# `--fix` changes nothing.
MAX_PASSES = 4
_LINES = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass
class Change:
    """One file's text before and after its fixes."""

    path: str
    before: bytes
    after: bytes
    fixes: int


def fix(app: App, results: list[FileResult], sources: list[Source], unsafe: bool) -> tuple[list[FileResult],
                                                                                             list[Change]]:
    """Fix the files in memory and re-check them; the final results and what changed (nothing is written)."""
    data = {s.path: s.data for s in sources}
    changes: dict[str, Change] = {}
    for _ in range(MAX_PASSES):
        again: list[Source] = []
        for result in results:
            if result.errors or not result.findings:
                continue
            before = data.get(result.path)
            if before is None:
                before = data[result.path] = read_file(result.path, app.config.max_file_size)
            after, count = fix_bytes(before, result.format, result.findings, unsafe)
            if not count:
                continue
            change = changes.setdefault(result.path, Change(result.path, before, before, 0))
            change.after, change.fixes = after, change.fixes + count
            data[result.path] = after
            again.append(Source(result.path, after))
        if not again:
            break
        checked = {r.path: r for r in Runner(app).run(again)}
        results = [checked.get(r.path, r) for r in results]
    return results, [c for c in changes.values() if c.after != c.before]


def write(changes: list[Change]) -> None:
    """Write the fixed files, each atomically."""
    for change in changes:
        atomic_write(Path(change.path), change.after)


def unified_diff(changes: list[Change]) -> str:
    """A unified diff of every change (line endings as in the files)."""
    out: list[str] = []
    for change in changes:
        before = _LINES.findall(change.before.decode("utf-8-sig"))
        after = _LINES.findall(change.after.decode("utf-8-sig"))
        for line in difflib.unified_diff(before, after, f"a/{change.path}", f"b/{change.path}"):
            out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
