"""`--changed-since REF`: the files git says changed since a ref (committed, staged or not), and untracked ones."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import TqcheckError


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise TqcheckError("--changed-since needs git, which is not installed") from None


def changed_files(ref: str, where: str = ".") -> set[Path]:
    """Resolved paths of files that differ from `ref` in the work tree, plus untracked files (not ignored ones).

    The comparison is with the ref's tree, not a merge base, so it works in a shallow clone that has the ref.
    """
    folder = Path(where)
    folder = folder if folder.is_dir() else folder.parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise TqcheckError(f"--changed-since needs a git repository ({top.stderr.strip()})", str(folder))
    root = Path(top.stdout.strip())
    if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise TqcheckError(
            f"git ref {ref!r} not found in {root}; in a shallow clone fetch it first "
            f"(git fetch --depth=1 origin {ref}) or clone with more history")
    diff = _git(root, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", ref, "--")
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard")
    for done in (diff, untracked):
        if done.returncode != 0:
            raise TqcheckError(f"git failed: {done.stderr.strip()}", str(root))
    names = [n for n in (diff.stdout + untracked.stdout).split("\0") if n]
    return {(root / name).resolve() for name in names}
