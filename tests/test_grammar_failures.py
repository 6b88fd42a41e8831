"""One bad request never costs the run: a LanguageTool error or timeout on one file is reported for that file,
every other file keeps its grammar, and a very long paragraph goes to LanguageTool in sentence-aligned pieces.

Grammar comes from a real LanguageTool server. A tiny proxy in front of it passes requests through and records
their lengths; only for texts holding a trigger word does it answer HTTP 500 or stall (the failure path)."""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.parse
import urllib.request

import pytest

from tqcheck.defaults import GRAMMAR_CHUNK
from tqcheck.grammar.chunks import chunks
from tqcheck.grammar.install import install
from tqcheck.grammar.server import LanguageToolServer
from tqcheck.grammar.service import WARM_UP_TEXT

FAILS = "Fiveohoh"  # a text with this word gets HTTP 500
STALLS = "Sleepyhead"  # a text with this word gets no answer for STALL seconds
STALL = 8.0


class _Proxy(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: str):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.upstream = upstream.split("/v2/")[0]
        self.texts: list[str] = []
        self.warm_up_delay = 0.0  # seconds before the warm-up text is answered (a cold server loading its rules)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Proxy

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        self._forward(None)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        text = urllib.parse.parse_qs(body.decode("utf-8")).get("text", [""])[0]
        self.server.texts.append(text)
        if FAILS in text:
            self._answer(500, b"Error: Internal Error: something broke\n")
            return
        if STALLS in text:
            time.sleep(STALL)
        if text == WARM_UP_TEXT:
            time.sleep(self.server.warm_up_delay)
        self._forward(body)

    def _forward(self, body: bytes | None) -> None:
        request = urllib.request.Request(self.server.upstream + self.path, data=body,
                                         headers={"Content-Type": self.headers.get("Content-Type", "text/plain")})
        with urllib.request.urlopen(request, timeout=300) as response:
            self._answer(response.status, response.read())

    def _answer(self, status: int, payload: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client gave up waiting
            pass


@pytest.fixture(scope="module")
def proxy():
    """A real LanguageTool server behind the recording, failure-injecting proxy."""
    installation = install(progress=print)
    with LanguageToolServer(installation.jar) as server:
        front = _Proxy(server.url)
        thread = threading.Thread(target=front.serve_forever, daemon=True)
        thread.start()
        yield front
        front.shutdown()


def _files(tmp_path, middle: str) -> list[str]:
    texts = {"a.txt": "We recieved it yesterday.\n", "b.txt": f"{middle} We recieved it today.\n",
             "c.txt": "They recieved it last week.\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    return [str(tmp_path / name) for name in texts]


def _run(cli, proxy, *args):
    result = cli("check", "--isolated", "--no-cache", "--format", "json", "--languagetool-url", proxy.url, *args)
    return result, {f["path"]: f for f in json.loads(result.stdout)["files"]}


def _assert_others_kept_grammar(files: dict, paths: list[str]) -> None:
    for path in (paths[0], paths[2]):
        assert files[path]["grammar_checked"] is True and files[path]["gaps"] == []
        assert [f["text"] for f in files[path]["findings"] if f["code"] == "TQ801"] == ["recieved"]


@pytest.mark.grammar
def test_an_http_500_costs_only_that_file_its_grammar(cli, tmp_path, proxy) -> None:
    paths = _files(tmp_path, FAILS)
    sent = len(proxy.texts)
    result, files = _run(cli, proxy, *paths)
    bad = files[paths[1]]
    assert bad["grammar_checked"] is False
    assert bad["gaps"] == [{"part": "grammar", "message": f"{paths[1]}: grammar not checked: LanguageTool "
                                                          "answered HTTP 500: Error: Internal Error: something broke"}]
    assert bad["score"] is not None  # the rules still ran
    _assert_others_kept_grammar(files, paths)
    assert sum(FAILS in text for text in proxy.texts[sent:]) == 1  # no retry, no restart loop
    assert "stopped answering" not in result.stderr
    assert result.exit_code == 3  # grammar is required by default, and one file went without it


@pytest.mark.grammar
def test_with_optional_grammar_the_failed_file_is_reported_and_the_exit_code_is_the_verdict(cli, tmp_path,
                                                                                              proxy) -> None:
    paths = _files(tmp_path, FAILS)
    result, files = _run(cli, proxy, "--grammar", "optional", "--threshold", "0", "--fail-on", "none", *paths)
    assert [g["part"] for g in files[paths[1]]["gaps"]] == ["grammar"]
    _assert_others_kept_grammar(files, paths)
    assert result.exit_code == 0


@pytest.mark.grammar
@pytest.mark.slow
def test_a_request_that_times_out_costs_only_that_file_its_grammar(cli, tmp_path, proxy) -> None:
    paths = _files(tmp_path, STALLS)
    (tmp_path / "tqcheck.toml").write_text("languagetool-timeout = 2\n")
    started = time.monotonic()
    result, files = _run(cli, proxy, "--config", str(tmp_path / "tqcheck.toml"), *paths)
    assert files[paths[1]]["gaps"] == [{"part": "grammar", "message": f"{paths[1]}: grammar not checked: "
                                                                      "LanguageTool did not answer within 2 s"}]
    _assert_others_kept_grammar(files, paths)
    assert "stopped answering" not in result.stderr and result.exit_code == 3
    assert time.monotonic() - started < 60


@pytest.mark.grammar
def test_a_slow_first_answer_of_a_cold_server_is_not_held_to_the_per_request_limit(cli, tmp_path, proxy) -> None:
    paths = _files(tmp_path, "Today")
    # The limit leaves room for an ordinary request on a busy machine; the first answer is still held back longer.
    (tmp_path / "tqcheck.toml").write_text("languagetool-timeout = 10\n")
    proxy.warm_up_delay = 12.0
    try:
        result, files = _run(cli, proxy, "--config", str(tmp_path / "tqcheck.toml"), *paths)
    finally:
        proxy.warm_up_delay = 0.0
    assert "cannot use the LanguageTool server" not in result.stderr
    assert all(files[path]["grammar_checked"] is True and files[path]["gaps"] == [] for path in paths)


@pytest.mark.grammar
@pytest.mark.slow
def test_a_200000_character_paragraph_goes_in_pieces_with_exact_positions(cli, tmp_path, proxy) -> None:
    sentence = "The new phone has a bright screen and a battery that lasts two days. "
    body = sentence * (200_000 // len(sentence))
    wrong = {0, len(body) // 3, len(body) - len(sentence)}  # a misspelling at the start, inside and at the end
    for at in wrong:
        body = body[:at] + body[at:].replace("lasts", "lastts", 1)
    path = tmp_path / "long.txt"
    path.write_text(body + "\n")
    sent = len(proxy.texts)
    result, files = _run(cli, proxy, "--select", "TQ8", str(path))
    lengths = [len(text) for text in proxy.texts[sent:]]
    assert len(lengths) > 1 and max(lengths) <= GRAMMAR_CHUNK
    report = files[str(path)]
    assert report["grammar_checked"] is True and report["gaps"] == []
    typos = [f for f in report["findings"] if f["code"] == "TQ801"]
    assert [f["text"] for f in typos] == ["lastts"] * 3
    assert [f["start"] for f in typos] == sorted(body.index("lastts", at) for at in wrong)
    for finding in typos:
        assert body[finding["start"]:finding["end"]] == finding["text"] and finding["line"] == 1
        assert finding["column"] == finding["start"] + 1


def test_chunks_join_back_and_end_at_sentence_boundaries() -> None:
    text = "One sentence here. Another one follows!\nA new line starts.\n\nA paragraph. " * 50 + "x" * 130
    pieces = list(chunks(text, 100))
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset:offset + len(piece)] == piece and len(piece) <= 100 for offset, piece in pieces)
    assert all(piece.endswith((" ", "\n")) for _, piece in pieces[:-2])  # a cut inside the x's only at the end
    assert list(chunks("short", 100)) == [(0, "short")] and list(chunks("", 100)) == [(0, "")]


def test_a_closed_service_sends_no_more_pieces_of_a_long_text_to_a_server_it_did_not_start() -> None:
    """Ctrl-C with a `serve` or configured server (not tqcheck's to stop): the request in flight ends after its
    piece, not after the rest of a long file's pieces (the thread is joined at exit, so the run would wait)."""
    from tqcheck.documents.loader import parse
    from tqcheck.grammar.server import GrammarUnavailable
    from tqcheck.grammar.service import GrammarService

    sent = []
    started = threading.Event()

    class Slow:
        timeout = 1.0

        def check(self, text: str) -> list:
            sent.append(len(text))
            started.set()
            time.sleep(0.2)
            return []

    service = GrammarService("en-US", url="http://127.0.0.1:9")
    service.url, service._clients = "http://127.0.0.1:9", (Slow(), None)
    prose = parse("We received the phone and it has a big screen.\n\n" * 4_000, "a.txt").prose
    assert len(list(chunks(prose.text, GRAMMAR_CHUNK))) >= 8
    failed = []

    def request() -> None:
        try:
            service.hits(prose)
        except GrammarUnavailable as error:
            failed.append(error)

    thread = threading.Thread(target=request)
    thread.start()
    started.wait(10)
    service.close()
    thread.join(30)
    assert len(sent) <= 2 and failed
