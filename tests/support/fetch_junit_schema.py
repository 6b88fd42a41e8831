"""Fetch the JUnit XML schema the tests validate against (Jenkins' junit-10.xsd, as pytest's own tests use it).

It ships in the source distribution of pytest, so it comes from the package index with pip, like every other test
tool: `python tests/support/fetch_junit_schema.py TARGET`. Re-running with TARGET present does nothing.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path

MEMBER = "testing/example_scripts/junit-10.xsd"


def fetch(target: Path) -> None:
    """Download pytest's sdist of the installed version and extract the schema to `target`."""
    if target.is_file():
        return
    pinned = f"pytest=={version('pytest')}"
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                        pinned, "-d", folder], check=True)
        archive = next(Path(folder).glob("pytest-*.tar.gz"))
        with tarfile.open(archive) as sdist:
            member = next(m for m in sdist.getmembers() if m.name.endswith(MEMBER))
            data = sdist.extractfile(member).read()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


if __name__ == "__main__":
    fetch(Path(sys.argv[1]))
