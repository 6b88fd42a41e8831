"""Files on disk: the paths to check (folders recursed with include/exclude globs and .gitignore), reading them,
and writing reports and caches atomically."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from typing import IO, TYPE_CHECKING

import click

from .errors import InputError, TqcheckError

if TYPE_CHECKING:  # pathspec is imported when a folder is walked: a run on named files never needs it
    import pathspec


@dataclass(frozen=True)
class Skipped:
    """A path that could not be walked, with the reason."""

    path: str
    reason: str


def _spec(patterns: list[str]) -> pathspec.GitIgnoreSpec:
    import pathspec

    # The plain regex backend: pathspec's Hyperscan one (taken when hyperscan is installed) fails on a path that
    # is not UTF-8.
    return pathspec.GitIgnoreSpec.from_lines(patterns, backend="simple")


def _gitignore(folder: Path) -> pathspec.GitIgnoreSpec | None:
    ignore_file = folder / ".gitignore"
    if not ignore_file.is_file():
        return None
    try:
        return _spec(ignore_file.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return None


def discover(paths: list[str], include: list[str], exclude: list[str],
             respect_gitignore: bool = True) -> tuple[list[str], list[Skipped]]:
    """Files to check (explicit files always; folder contents by the globs) and paths that could not be walked."""
    files: list[str] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            _walk(path, _spec(include), _spec(exclude), respect_gitignore, files, skipped)
        else:
            files.append(raw)
    return sorted(dict.fromkeys(files)), skipped


def _walk(root: Path, included, excluded, respect_gitignore: bool, files: list[str],
          skipped: list[Skipped]) -> None:
    ignores: dict[Path, pathspec.GitIgnoreSpec | None] = {}
    seen = {root.resolve()}

    def on_error(error: OSError) -> None:
        skipped.append(Skipped(error.filename or str(root), f"cannot read folder: {error.strerror}"))

    for folder, subfolders, names in os.walk(root, followlinks=True, onerror=on_error):
        here = Path(folder)
        if respect_gitignore:
            ignores[here] = _gitignore(here)
        kept = []
        for name in sorted(subfolders):
            child = here / name
            if name == ".git" or _ignored(child, root, ignores, excluded, is_dir=True):
                continue
            real = child.resolve()
            if real == here.resolve() or real in here.resolve().parents:
                skipped.append(Skipped(str(child), f"directory loop (links back to {real}); not followed"))
                continue
            if real in seen:
                continue
            seen.add(real)
            kept.append(name)
        subfolders[:] = kept
        for name in names:
            child = here / name
            relative = child.relative_to(root).as_posix()
            if included.match_file(relative) and not _ignored(child, root, ignores, excluded, is_dir=False):
                files.append(str(child))


def _ignored(path: Path, root: Path, ignores: dict, excluded, is_dir: bool) -> bool:
    relative = path.relative_to(root).as_posix() + ("/" if is_dir else "")
    if excluded.match_file(relative):
        return True
    for folder in [path.parent, *path.parent.parents]:
        spec = ignores.get(folder)
        if spec is not None:
            inner = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            if spec.match_file(inner):
                return True
        if folder == root:
            break
    return False


def shown(path: str) -> str:
    """A path as reports print it: bytes of a file name that are not UTF-8 (possible on Linux) as `\\xNN`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_file(path: str, max_size: int) -> bytes:
    """A file's bytes; InputError for a folder, a file over `max_size` or one that cannot be read."""
    try:
        with open(path, "rb", buffering=0) as handle:  # read whole: a buffer would only copy
            size = os.fstat(handle.fileno()).st_size
            if size > max_size:
                raise InputError(f"file too large ({size:,} bytes > max-file-size {max_size:,}); not checked",
                                 shown(path))
            return handle.read()
    except OSError as error:
        if os.path.isdir(path):  # asked only now: the files checked need no separate stat
            raise InputError("is a folder, not a file", shown(path)) from None
        raise InputError(f"cannot read: {error.strerror or error}", shown(path)) from None


def check_writable(output: str) -> None:
    """TqcheckError naming `output` when the report could not be written there, before any checking starts."""
    path = Path(output)
    if not path.parent.exists():
        raise TqcheckError(f"cannot write the report: folder {path.parent} does not exist", output)
    if not path.parent.is_dir():
        raise TqcheckError(f"cannot write the report: {path.parent} is not a folder", output)
    if path.is_dir():
        raise TqcheckError("cannot write the report: it is a folder", output)
    try:  # a real probe: permissions, a read-only file system and a full quota all show here
        import tempfile  # (with shutil and random) only when a file is written

        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as error:
        raise TqcheckError(f"cannot write the report in {path.parent}: {error.strerror or error}", output) from None


def write_output(text: str | Iterable[str], output: str | None, color: bool = False) -> None:
    """Print `text` (keeping colour codes only when `color`), or write it to the file `output` atomically; text in
    pieces is written piece by piece, so the whole never has to be in memory."""
    if output is None:
        for piece in [text] if isinstance(text, str) else text:
            click.echo(piece, nl=False, color=color or None)
    else:
        atomic_write(Path(output), text)


def atomic_write(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write a temporary file beside `path` and rename it over `path`: readers never see half of it."""
    with atomic_file(path, binary=isinstance(data, bytes)) as handle:
        if isinstance(data, (str, bytes)):
            handle.write(data)
        else:
            handle.writelines(data)


@contextmanager
def atomic_file(path: Path, binary: bool = False) -> Iterator[IO]:
    """A temporary file beside `path` to write, renamed over `path` at the end of the block, removed when the block
    raises: readers never see half of it."""
    mode, encoding = ("wb", None) if binary else ("w", "utf-8")
    import tempfile

    handle = tempfile.NamedTemporaryFile(mode, encoding=encoding, dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False)
    try:
        with handle:
            yield handle
        os.chmod(handle.name, _mode(path))
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def keep(path: Path, data: str | bytes) -> None:
    """Write a file of the cache folder atomically, making its folder; a folder that cannot be written costs time,
    never the run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except OSError:
        pass


def _mode(path: Path) -> int:
    """The permissions `path` has, or those a new file gets (a temporary file starts private, 0600)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return _NEW_FILE_MODE


def _umask() -> int:
    umask = os.umask(0o022)  # the only way to read it is to set it; put back at once
    os.umask(umask)
    return umask


# Read at import: setting the umask to read it is not safe once result-cache writes run on other threads.
_NEW_FILE_MODE = 0o666 & ~_umask()
