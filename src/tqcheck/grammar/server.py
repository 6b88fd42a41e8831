"""A LanguageTool HTTP server process that tqcheck starts, watches, restarts and always stops."""

from __future__ import annotations

import atexit
import json
import os
import signal
import time
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from ..defaults import LANGUAGETOOL_HEAP
from ..errors import ExitCode, TqcheckError
from .paths import languagetool_root

if TYPE_CHECKING:
    import subprocess

# The HTTP client, the process and socket modules are imported where used: a run whose results all come from the
# result cache makes a grammar service and never asks it anything (~0.03 CPU-s of imports).

DEFAULT_OPTIONS = {"cacheSize": 1000, "pipelineCaching": True, "maxCheckThreads": os.cpu_count() or 2,
                   "maxCheckTimeMillis": 120_000}
START_TIMEOUT = float(os.environ.get("TQCHECK_LT_START_TIMEOUT", "90"))


class GrammarUnavailable(TqcheckError):
    """Grammar was wanted but LanguageTool cannot be had; the message says why."""

    exit_code = ExitCode.GRAMMAR_UNAVAILABLE


def free_port() -> int:
    """A TCP port on the loopback interface that is free right now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_in_use(port: int) -> bool:
    """Whether something already listens on (or holds) this loopback port."""
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def http_json(url: str, data: dict | None = None, timeout: float = 5.0):
    """GET (or POST form `data`) and decode JSON."""
    import urllib.request

    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def is_alive(base_url: str, timeout: float = 2.0) -> bool:
    """Whether a LanguageTool server answers at `base_url` (ending in /v2/)."""
    try:
        http_json(urllib.parse.urljoin(base_url, "languages"), timeout=timeout)
        return True
    except (OSError, ValueError):
        return False


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM the JVM when tqcheck dies, even by SIGKILL."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class LanguageToolServer:
    """A local `org.languagetool.server.HTTPServer` on a free loopback port."""

    def __init__(self, jar: Path, heap: str = LANGUAGETOOL_HEAP, options: dict | None = None, port: int | None = None):
        self.jar = Path(jar)
        self.heap = heap
        self.options = {**DEFAULT_OPTIONS, **(options or {})}
        self.port = port
        self.process: subprocess.Popen | None = None
        self.log_path = languagetool_root() / "server.log"
        self.started_seconds = 0.0
        self._config = None

    @property
    def url(self) -> str:
        """Base URL of the v2 API."""
        return f"http://127.0.0.1:{self.port}/v2/"

    def command(self) -> list[str]:
        """The java command line."""
        import shutil

        from language_tool_python.config_file import LanguageToolConfig

        from .custom_rules import class_path

        java = shutil.which("java")
        if java is None:
            raise GrammarUnavailable("Java is not installed; LanguageTool needs Java 17 or newer")
        try:
            self._config = LanguageToolConfig(self.options)
        except (TypeError, ValueError) as error:
            raise GrammarUnavailable(f"invalid languagetool-options: {error}") from None
        return [java, f"-Xmx{self.heap}", "-cp", class_path(self.jar), "org.languagetool.server.HTTPServer",
                "--port", str(self.port), "--config", self._config.path]

    def start(self) -> None:
        """Start the JVM and wait until it answers; GrammarUnavailable with the log's tail when it does not."""
        import subprocess

        self.port = self.port or free_port()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                preexec_fn=_die_with_parent,
            )
        atexit.register(self.stop)  # stop() unregisters it: restarts do not pile hooks up
        while time.monotonic() - started < START_TIMEOUT:
            if self.process.poll() is not None:
                raise GrammarUnavailable(f"LanguageTool server exited at start (code {self.process.returncode}):\n"
                                         f"{self.log_tail()}")
            if is_alive(self.url, timeout=1.0):
                self.started_seconds = time.monotonic() - started
                return
            time.sleep(0.1)
        self.stop()
        raise GrammarUnavailable(f"LanguageTool server did not answer within {START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 12) -> str:
        """The last lines the JVM wrote."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process is not None and self.process.poll() is None

    def restart(self) -> None:
        """Stop whatever is left of the JVM and start a new one on a new port."""
        self.stop()
        self.port = None
        self.start()

    def stop(self) -> None:
        """Terminate the JVM (kill it if it lingers)."""
        import subprocess

        atexit.unregister(self.stop)
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    def __enter__(self) -> "LanguageToolServer":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


def smoke_test(jar: Path) -> None:
    """Start a server from `jar`, list languages, check one sentence, stop; ProvisionError-like on failure."""
    with LanguageToolServer(jar, options={"maxCheckThreads": 1}) as server:
        languages = http_json(urllib.parse.urljoin(server.url, "languages"))
        if not any(language.get("longCode") == "en-US" for language in languages):
            raise GrammarUnavailable("the installed LanguageTool has no English (en-US)")
        result = http_json(urllib.parse.urljoin(server.url, "check"),
                           {"language": "en-US", "text": "This are a tset."}, timeout=60)
        if not result.get("matches"):
            raise GrammarUnavailable("the installed LanguageTool found nothing in 'This are a tset.'")
