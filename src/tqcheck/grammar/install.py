"""Provision LanguageTool: language-tool-python's download, else a server folder built from Maven artifacts."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..defaults import LANGUAGETOOL_VERSION
from ..errors import ExitCode, TqcheckError
from ..languages import LANGUAGETOOL_MODULES
from .paths import install_dir, languagetool_root

MARKER = "tqcheck-install.json"
JAR = "languagetool-server.jar"
Progress = Callable[[str], None]


class ProvisionError(TqcheckError):
    """LanguageTool could not be installed; the message says what is missing and what to do."""

    exit_code = ExitCode.GRAMMAR_UNAVAILABLE


@dataclass
class Installation:
    """An installed LanguageTool server folder."""

    path: str
    version: str
    languages: list[str]
    size_bytes: int
    source: str

    @property
    def jar(self) -> Path:
        """The jar to put on the class path."""
        return Path(self.path) / JAR


def folder_size(path: Path) -> int:
    """Total size of the files below `path`."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def find_installation(version: str = LANGUAGETOOL_VERSION) -> Installation | None:
    """The installation of `version`, if complete."""
    folder = install_dir(version)
    marker = folder / MARKER
    if marker.is_file() and (folder / JAR).is_file():
        return Installation(**json.loads(marker.read_text()))
    return None


def _write_marker(folder: Path, installation: Installation) -> None:
    (folder / MARKER).write_text(json.dumps(asdict(installation), indent=2))


def java_major_version() -> int | None:
    """The major version of `java` on PATH, or None when there is none."""
    if shutil.which("java") is None:
        return None
    result = subprocess.run(["java", "-version"], capture_output=True, text=True)
    found = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not found:
        return None
    major = int(found.group(1))
    return int(found.group(2)) if major == 1 and found.group(2) else major


def _require_java() -> None:
    major = java_major_version()
    if major is None:
        raise ProvisionError("Java is not installed; LanguageTool needs Java 17 or newer "
                             "(Debian/Ubuntu: apt-get install openjdk-17-jre-headless)")
    if major < 17:
        raise ProvisionError(f"Java {major} found; LanguageTool 6.6+ needs Java 17 or newer")


POM = """<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.tqcheck</groupId>
  <artifactId>languagetool-bundle</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.languagetool</groupId>
        <artifactId>languagetool-parent</artifactId>
        <version>{version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>languagetool-server</artifactId>
      <version>{version}</version>
      <exclusions>
        <exclusion><groupId>org.languagetool</groupId><artifactId>language-all</artifactId></exclusion>
      </exclusions>
    </dependency>
{languages}
  </dependencies>
</project>
"""
LANGUAGE_DEPENDENCY = """    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>language-{code}</artifactId>
      <version>{version}</version>
    </dependency>"""


def manifest_jar(folder: Path) -> None:
    """Write a jar holding only a manifest whose Class-Path lists every jar in `libs/` (no wildcards allowed)."""
    libs = sorted(p.name for p in (folder / "libs").glob("*.jar"))
    line = ("Class-Path: ./ " + " ".join(f"libs/{name}" for name in libs)).encode()
    # Manifest lines are at most 72 bytes; continuation lines start with one space.
    wrapped = [line[:72]]
    line = line[72:]
    while line:
        wrapped.append(b" " + line[:71])
        line = line[71:]
    manifest = b"Manifest-Version: 1.0\r\n" + b"\r\n".join(wrapped) + b"\r\n\r\n"
    with zipfile.ZipFile(folder / JAR, "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", manifest)


def build_from_maven(version: str, languages: list[str], target: Path, progress: Progress) -> None:
    """Resolve LanguageTool's server and language modules with Maven into `target/libs`; add the manifest jar."""
    _require_java()
    if shutil.which("mvn") is None:
        raise ProvisionError("Maven (mvn) is not installed; it fetches LanguageTool from Maven Central "
                             "(Debian/Ubuntu: apt-get install maven), or install LanguageTool by hand and set "
                             "--languagetool-url")
    with tempfile.TemporaryDirectory(prefix="tqcheck-lt-pom-") as build:
        pom = Path(build) / "pom.xml"
        dependencies = "\n".join(LANGUAGE_DEPENDENCY.format(code=code, version=version) for code in languages)
        pom.write_text(POM.format(version=version, languages=dependencies))
        progress(f"resolving LanguageTool {version} ({', '.join(languages)}) with Maven...")
        result = subprocess.run(
            ["mvn", "-B", "-q", "-f", str(pom), "dependency:copy-dependencies", "-DincludeScope=runtime",
             f"-DoutputDirectory={target / 'libs'}"],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-8:])
            hint = "check the network connection to Maven Central" if "resolve" in tail.lower() else "see above"
            raise ProvisionError(f"Maven could not fetch LanguageTool {version} ({hint}):\n{tail}")
    manifest_jar(target)


def try_upstream_download(version: str, target_root: Path, progress: Progress) -> bool:
    """language-tool-python's own download of the standalone zip; False when it cannot work (no internet)."""
    progress("trying language-tool-python's download of the standalone LanguageTool zip...")
    script = ("from language_tool_python.download_lt import LocalLanguageTool\n"
              f"LocalLanguageTool.from_version_name({version!r}).download()\n")
    environment = dict(os.environ, LTP_PATH=str(target_root))
    environment.pop("LTP_JAR_DIR_PATH", None)
    try:
        result = subprocess.run([shutil.which("python3") or "python3", "-c", script], env=environment,
                                capture_output=True, text=True, timeout=float(os.environ.get(
                                    "TQCHECK_LT_DOWNLOAD_TIMEOUT", "30")))
    except subprocess.TimeoutExpired:
        progress("  the download did not answer in time; building from Maven instead")
        return False
    if result.returncode != 0:
        progress("  the download is not reachable from here; building from Maven instead")
        return False
    return (target_root / f"LanguageTool-{version}" / JAR).is_file() or any(
        (target_root / f"LanguageTool-{version}").glob("languagetool*.jar"))


def install(version: str = LANGUAGETOOL_VERSION, languages: list[str] | None = None,
            progress: Progress = lambda message: None, smoke_test: bool = True,
            try_download: bool = True) -> Installation:
    """Install LanguageTool `version` with at least `languages`; a no-op when already there."""
    wanted = sorted(set(LANGUAGETOOL_MODULES) | set(languages or []))
    existing = find_installation(version)
    if existing and set(wanted) <= set(existing.languages):
        progress(f"LanguageTool {version} already installed at {existing.path}")
        return existing
    _require_java()
    root = languagetool_root()
    root.mkdir(parents=True, exist_ok=True)
    final = install_dir(version)
    with tempfile.TemporaryDirectory(prefix=".partial-", dir=root) as staging_root:
        staging_root_path = Path(staging_root)
        staging = staging_root_path / f"LanguageTool-{version}"
        source = "maven"
        if try_download and not existing and try_upstream_download(version, staging_root_path, progress):
            source = "download"
            wanted = ["all"]
        else:
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            build_from_maven(version, wanted, staging, progress)
        installation = Installation(str(final), version, wanted, folder_size(staging), source)
        if smoke_test:
            progress("smoke-testing the server...")
            from .server import smoke_test as run_smoke_test

            run_smoke_test(staging / JAR if (staging / JAR).is_file() else next(staging.glob("languagetool*.jar")))
        _write_marker(staging, installation)
        # Swap in whole: a half-built folder never replaces a working one.
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
    progress(f"installed LanguageTool {version} ({', '.join(wanted)}) at {final}, "
             f"{installation.size_bytes / 1e6:.0f} MB")
    return installation
