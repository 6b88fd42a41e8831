"""`tqcheck languagetool serve` on a port already in use fails clearly (exit 3) and leaves the record of the
server running there alone."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tqcheck.grammar.install import install
from tqcheck.grammar.paths import languagetool_root


class _Answers(http.server.BaseHTTPRequestHandler):
    """Something on the port that answers like a server would (`/v2/languages`)."""

    def do_GET(self) -> None:
        payload = b"[]"
        self.send_response(200)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args) -> None:
        pass


@pytest.mark.grammar
def test_serve_on_a_busy_port_fails_and_keeps_the_other_record(tmp_path) -> None:
    installation = install(progress=print)
    home = tmp_path / "languagetool"  # a record of our own, beside a link to the real install
    home.mkdir()
    (home / Path(installation.path).name).symlink_to(installation.path)
    busy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=busy.serve_forever, daemon=True).start()
    port = busy.server_address[1]
    record = json.dumps({"url": f"http://127.0.0.1:{port}/v2/", "pid": 1, "version": installation.version})
    (home / "server.json").write_text(record)
    try:
        done = subprocess.run([sys.executable, "-m", "tqcheck", "languagetool", "serve", "--port", str(port)],
                              env={**os.environ, "TQCHECK_LANGUAGETOOL_HOME": str(home)}, capture_output=True,
                              text=True, timeout=120)
    finally:
        busy.shutdown()
    assert done.returncode == 3, (done.stdout, done.stderr)
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr and "serving" not in done.stdout
    assert (home / "server.json").read_text() == record
    assert languagetool_root() != home  # the test never touched the real install's record
