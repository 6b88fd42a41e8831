"""Grammar through a real LanguageTool server (never a mock): positions, glossary filtering, false friends,
remote and embedded modes, optional and required grammar, and a server killed mid-run."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tqcheck.grammar.install import install
from tqcheck.grammar.paths import languagetool_root
from tqcheck.grammar.server import LanguageToolServer, free_port, is_alive


@pytest.fixture(scope="module")
def lt_url():
    """A real LanguageTool server for this module (installed first if needed)."""
    installation = install(progress=print)
    with LanguageToolServer(installation.jar) as server:
        yield server.url


def _findings(result) -> list[dict]:
    report = json.loads(result.stdout)
    return [f for file in report["files"] for f in file["findings"]]


def _check(cli, *args):
    return cli("check", "--isolated", "--no-cache", "--format", "json", *args)


CASES = {
    "a.txt": "Intro line.\r\n\r\nThe phone 😀 are very fast and it have a big screen.\r\nWe recieved it yesterday.\r\n",
    "a.md": "# Review\n\nThe phone 😀 are **very** fast and it have a big screen, says `code are here`.\n"
            "We recieved it [yesterday](http://example.com/recieved).\n",
    "a.html": "<p>Intro.</p>\n<p>The phone 😀 are <b>very</b> fast &amp; it have a big screen.</p>\n"
              "<p>We recieved <code>recieved</code> it yesterday.</p>\n",
}


@pytest.mark.grammar
@pytest.mark.parametrize("name", sorted(CASES))
def test_grammar_and_spelling_at_exact_positions(cli, tmp_path, lt_url, name) -> None:
    text = CASES[name]
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    result = _check(cli, "--languagetool-url", lt_url, str(path))
    findings = _findings(result)
    grammar = [f for f in findings if f["origin"] == "grammar"]
    spelling = [f for f in grammar if f["code"] == "TQ801"]
    assert [f["text"] for f in spelling] == ["recieved"]
    assert any(f["code"] == "TQ802" and f["text"] in ("are", "phone 😀 are", "have", "it have") for f in grammar)
    lines = text.replace("\r\n", "\n").split("\n")
    for finding in grammar:
        assert text[finding["start"]:finding["end"]] == finding["text"]
        line = lines[finding["line"] - 1]
        assert line[finding["column"] - 1:finding["column"] - 1 + len(finding["text"])] == finding["text"]
    report = json.loads(result.stdout)
    assert report["grammar"]["checked"] is True
    assert report["files"][0]["grammar_checked"] is True


@pytest.mark.grammar
def test_glossary_terms_are_not_misspellings(cli, tmp_path, lt_url) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Xiaomi and Hasselblad use Exynos chips, Insta360 cameras and HyperOS with Snapdagon parts.\n")
    findings = _findings(_check(cli, "--languagetool-url", lt_url, str(path)))
    assert not [f for f in findings if f["code"] == "TQ801" and f["text"] in
                ("Xiaomi", "Hasselblad", "Exynos", "Insta360", "HyperOS")]
    snapdagon = [f for f in findings if f["text"] == "Snapdagon"]
    assert [(f["code"], f["suggestions"][0]) for f in snapdagon] == [("TQ103", "Snapdragon")]


@pytest.mark.grammar
def test_false_friend_with_mother_tongue(cli, tmp_path, lt_url) -> None:
    path = tmp_path / "a.txt"
    path.write_text("He is very sensible. The alleged plan is good.\n")
    (tmp_path / "tqcheck.toml").write_text("languagetool-false-friends = true\n")
    asked = ("--config", str(tmp_path / "tqcheck.toml"), "--languagetool-url", lt_url)
    with_source = _findings(_check(cli, *asked, "--source-language", "pt", str(path)))
    assert {f["text"].lower() for f in with_source if f["code"] == "TQ810"} >= {"sensible", "alleged"}
    without = _findings(_check(cli, *asked, str(path)))
    assert not [f for f in without if f["code"] == "TQ810"]
    # Not asked for: LanguageTool's false friends flag every use of a word, whatever it means there.
    by_default = _findings(_check(cli, "--languagetool-url", lt_url, "--source-language", "pt", str(path)))
    assert not [f for f in by_default if f["code"] == "TQ810"]


@pytest.mark.grammar
def test_code_urls_handles_never_sent(cli, tmp_path, lt_url) -> None:
    path = tmp_path / "a.md"
    path.write_text("Follow @recieved_news and #recievedtag, see https://x.com/recieved and `recieved = 1` now.\n")
    findings = _findings(_check(cli, "--languagetool-url", lt_url, str(path)))
    assert [f for f in findings if f["origin"] == "grammar"] == []


def test_grammar_optional_without_server(cli, tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The xiaomi phone.\n")
    dead = f"http://127.0.0.1:{free_port()}"
    result = _check(cli, "--languagetool-url", dead, "--grammar", "optional", str(path))
    report = json.loads(result.stdout)
    assert report["grammar"]["checked"] is False
    assert "LanguageTool unavailable" in report["grammar"]["reason"]
    assert [f["code"] for f in report["files"][0]["findings"]] == ["TQ104"]
    assert result.exit_code == 1


def test_grammar_required_without_server_exits_3(cli, tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The phone.\n")
    result = _check(cli, "--languagetool-url", f"http://127.0.0.1:{free_port()}", str(path))
    assert result.exit_code == 3
    assert "no LanguageTool server answers" in result.stderr


@pytest.mark.grammar
def test_embedded_server_that_cannot_start_exits_3(tmp_path) -> None:
    broken = tmp_path / "lt" / "LanguageTool-6.8"
    broken.mkdir(parents=True)
    (broken / "languagetool-server.jar").write_bytes(b"not a jar")
    (broken / "tqcheck-install.json").write_text(json.dumps({
        "path": str(broken), "version": "6.8", "languages": ["en"], "size_bytes": 9, "source": "test"}))
    (tmp_path / "a.txt").write_text("The phone.\n")
    environment = dict(os.environ, TQCHECK_LANGUAGETOOL_HOME=str(tmp_path / "lt"))
    result = subprocess.run([sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-cache",
                             str(tmp_path / "a.txt")], capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 3, result.stderr
    assert "LanguageTool server exited at start" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.grammar
@pytest.mark.slow
def test_embedded_server_is_started_and_stopped(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("We recieved it.\n")
    result = subprocess.run([sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-cache", "--format",
                             "json", str(tmp_path / "a.txt")], capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert report["grammar"] == {"checked": True, "reason": "LanguageTool"}
    assert [f["text"] for f in report["files"][0]["findings"]] == ["recieved"]
    text = subprocess.run([sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-cache", str(tmp_path / "a.txt")],
                          capture_output=True, text=True, timeout=300)
    assert "Grammar checked: LanguageTool via embedded server at http://127.0.0.1:" in text.stdout


def _wait_for(condition, timeout: float, what: str):
    """The first truthy value of `condition()`, which is asked again each 50 ms; fails saying `what` never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"{what} within {timeout:.0f} s")


def _answering_jvms(parent: int) -> list[int]:
    """The LanguageTool JVMs started by `parent` that answer on their port (the shared server log cannot tell
    whose server logged what: other runs may use the same LanguageTool folder)."""
    answering = []
    for pid in _java_children(parent):
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        port = int(arguments[arguments.index(b"--port") + 1])
        if is_alive(f"http://127.0.0.1:{port}/v2/", timeout=1.0):
            answering.append(pid)
    return answering


def _java_children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
        if ppid == parent and b"HTTPServer" in cmdline:
            found.append(int(entry.name))
    return found


@pytest.mark.grammar
@pytest.mark.slow
def test_killed_server_is_restarted_and_no_file_is_lost(tmp_path, lt_url) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    # A length of their own lets this run's checks be told apart in the server log other runs may share.
    repeats = random.Random().randint(25, 75)
    lengths = set()
    for index in range(24):
        body = (f"Article {index}. We recieved the phone number {index} and it have a big screen. " * repeats)
        (folder / f"a{index:02d}.txt").write_text(body)
        lengths.add(len(body.rstrip()))
    reference = subprocess.run([sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-cache", "--format",
                                "json", "--languagetool-url", lt_url, str(folder)], capture_output=True, text=True,
                               timeout=300)
    log = languagetool_root() / "server.log"
    offset = log.stat().st_size if log.exists() else 0
    process = subprocess.Popen([sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-cache", "--format",
                                "json", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def mid_run() -> list[int]:
        """This run's JVM, once it has answered four of these files (and so is past its start)."""
        done = re.findall(r"Check done: (\d+) chars", log.read_text(errors="replace")[offset:]) if log.exists() else []
        return _java_children(process.pid) if sum(int(n) in lengths for n in done) >= 4 else []

    # The event: the embedded JVM has answered four of this run's files, so requests are in flight.
    children = _wait_for(lambda: process.poll() is None and mid_run(), 180, "the JVM was never seen mid-run")
    os.kill(children[0], signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=300)
    assert "restarting" in stderr
    assert process.returncode == 1, stderr
    report, expected = json.loads(stdout), json.loads(reference.stdout)
    paths = [f["path"] for f in report["files"]]
    assert paths == sorted(set(paths)) and len(paths) == 24
    assert all(f["grammar_checked"] for f in report["files"])
    assert [f["findings"] for f in report["files"]] == [f["findings"] for f in expected["files"]]
    assert _java_children(process.pid) == []


@pytest.mark.grammar
@pytest.mark.slow
def test_second_run_uses_the_cache(tmp_path, cli) -> None:
    (tmp_path / "a.txt").write_text("We recieved the xiaomi phone.\n")
    server = LanguageToolServer(install().jar)
    server.start()
    url = server.url
    try:
        first = cli("check", "--isolated", "--format", "json", "--languagetool-url", url, str(tmp_path / "a.txt"))
    finally:
        server.stop()
    second = cli("check", "--isolated", "--format", "json", "--languagetool-url", url, str(tmp_path / "a.txt"))
    assert second.exit_code == first.exit_code == 1
    assert json.loads(second.stdout)["files"] == json.loads(first.stdout)["files"]
    assert {f["code"] for f in json.loads(second.stdout)["files"][0]["findings"]} == {"TQ801", "TQ104"}
    (tmp_path / "a.txt").write_text("We recieved the xiaomi phone today.\n")
    changed = cli("check", "--isolated", "--format", "json", "--languagetool-url", url, str(tmp_path / "a.txt"))
    assert changed.exit_code == 3
    (tmp_path / "a.txt").write_text("We recieved the xiaomi phone.\n")
    bypass = cli("check", "--isolated", "--no-cache", "--format", "json", "--languagetool-url", url,
                 str(tmp_path / "a.txt"))
    assert bypass.exit_code == 3


@pytest.mark.grammar
@pytest.mark.slow
def test_ctrl_c_leaves_no_jvm(tmp_path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for index in range(30):
        (folder / f"a{index:02d}.txt").write_text("We recieved the phone and it have a big screen. " * 40)
    process = subprocess.Popen([sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-cache", str(folder)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The event: the embedded JVM answers, so tqcheck is mid-run when Ctrl-C arrives.
    jvms = _wait_for(lambda: _answering_jvms(process.pid), 120, "no JVM was started")
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    _wait_for(lambda: _gone(jvms[0]), 15, f"the JVM {jvms[0]} outlived tqcheck")


@pytest.mark.grammar
def test_a_closed_service_never_starts_a_server_again() -> None:
    """Once the run has stopped LanguageTool (at its end, or at Ctrl-C without waiting for the requests in flight), a
    request still on the pool fails: it must not restart the server from its thread, a JVM nobody would stop."""
    from tqcheck.grammar.server import GrammarUnavailable
    from tqcheck.grammar.service import GrammarService

    others = _java_children(os.getpid())  # the module's server, when another test started it
    service = GrammarService("en-US")
    service.start_embedded()
    service.connect()
    assert service.check_text("This are a test.")
    service.close()
    with pytest.raises(GrammarUnavailable, match="stopped"):
        service.check_text("This are a test.")
    assert _java_children(os.getpid()) == others


@pytest.mark.grammar
@pytest.mark.slow
def test_interrupt_does_not_wait_for_a_long_grammar_request(tmp_path) -> None:
    """Ctrl-C while a long file is with LanguageTool (its ~100 pieces took 81 s after the interrupt): the run stops
    at once (0.3 s), stops the JVM, and the request's thread ends without starting another. The flaky
    test_ctrl_c_leaves_no_jvm waited so for the requests in flight, past its 60 s under load."""
    import threading

    from tqcheck.check_command import Workflow, open_run, run_files

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a0.txt").write_text("We recieved the phone and it have a big screen.\n")
    (folder / "a1.txt").write_text("We recieved the phone and it have a big screen. " * 40_000)
    others = _java_children(os.getpid())
    run = open_run([str(folder)], {"cache": False}, Workflow(quiet=True), isolated=True)

    interrupted = []

    def interrupt(result):  # the first file's result is being reported
        interrupted.append(time.monotonic())
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_files(run, Workflow(quiet=True), interrupt)
    assert time.monotonic() - interrupted[0] < 30
    assert _java_children(os.getpid()) == others
    _wait_for(lambda: not [t for t in threading.enumerate() if t.name.startswith("tqcheck-grammar")], 15,
              "a grammar thread outlived the run")
    assert _java_children(os.getpid()) == others


def _gone(pid: int) -> bool:
    """Whether a process has ended (a zombie has)."""
    try:
        return "zombie" in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True


@pytest.mark.grammar
@pytest.mark.slow
def test_serve_status_and_automatic_use(tmp_path) -> None:
    port = free_port()
    serve = subprocess.Popen([sys.executable, "-m", "tqcheck", "languagetool", "serve", "--port", str(port)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        state = languagetool_root() / "server.json"
        _wait_for(lambda: state.exists() and str(port) in state.read_text(), 120, "serve never recorded its URL")
        status = subprocess.run([sys.executable, "-m", "tqcheck", "languagetool", "status"], capture_output=True,
                                text=True, timeout=60)
        assert f"127.0.0.1:{port}" in status.stdout and "serve is running" in status.stdout
        assert "installed: LanguageTool" in status.stdout
        (tmp_path / "a.txt").write_text("We recieved it.\n")
        checked = subprocess.run([sys.executable, "-m", "tqcheck", "check", "--isolated", "--no-cache",
                                  str(tmp_path / "a.txt")], capture_output=True, text=True, timeout=120)
        grammar_line = checked.stdout.splitlines()[-1]
        assert "tqcheck languagetool serve" in grammar_line and f"127.0.0.1:{port}" in grammar_line
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.communicate(timeout=60)
    assert not (languagetool_root() / "server.json").exists()


def test_install_says_what_is_missing(tmp_path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = subprocess.run(["bash", "-c", "readlink -f $(command -v java)"], capture_output=True, text=True).stdout
    (bin_dir / "java").symlink_to(java.strip())
    (bin_dir / "python3").symlink_to(sys.executable)
    environment = dict(os.environ, PATH=str(bin_dir), TQCHECK_LANGUAGETOOL_HOME=str(tmp_path / "lt"))
    result = subprocess.run([sys.executable, "-m", "tqcheck", "languagetool", "install", "--no-download"],
                            capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 3
    assert "Maven (mvn) is not installed" in result.stderr
    (bin_dir / "java").unlink()
    result = subprocess.run([sys.executable, "-m", "tqcheck", "languagetool", "install", "--no-download"],
                            capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 3 and "Java is not installed" in result.stderr
    assert not (tmp_path / "lt" / "LanguageTool-6.8").exists()


@pytest.mark.grammar
def test_clean_sample_has_no_findings_with_grammar(cli, lt_url) -> None:
    sample = Path(__file__).resolve().parent.parent / "samples" / "clean-article.md"
    result = _check(cli, "--languagetool-url", lt_url, str(sample))
    assert result.exit_code == 0, result.stdout
    assert _findings(result) == []


@pytest.mark.grammar
def test_bad_languagetool_options_are_reported(cli, tmp_path) -> None:
    (tmp_path / "tqcheck.toml").write_text('[languagetool-options]\nbogusOption = 1\n')
    (tmp_path / "a.txt").write_text("The phone.\n")
    result = cli("check", "--no-cache", str(tmp_path / "a.txt"))
    assert result.exit_code == 3
    assert "invalid languagetool-options" in result.stderr and "bogusOption" in result.stderr
    (tmp_path / "tqcheck.toml").write_text('languagetool-heap = "lots"\n')
    result = cli("check", "--no-cache", str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "languagetool-heap" in result.stderr


@pytest.mark.grammar
def test_languagetool_options_reach_the_server(tmp_path) -> None:
    from tqcheck.grammar.server import LanguageToolServer

    server = LanguageToolServer(install().jar, heap="512m", options={"cacheSize": 50, "maxCheckThreads": 1})
    command = server.command()
    assert "-Xmx512m" in command
    config_text = Path(command[command.index("--config") + 1]).read_text()
    assert "cacheSize=50" in config_text and "maxCheckThreads=1" in config_text and "pipelineCaching=true" in config_text


README = Path(__file__).resolve().parent.parent / "README.md"
README_COMMAND = "$ tqcheck check samples/"


def _readme_example() -> tuple[int, int]:
    """The line range of the README's example output (after the `$ tqcheck check samples/` line)."""
    lines = README.read_text(encoding="utf-8").splitlines()
    first = lines.index(README_COMMAND) + 1
    return first, lines.index("```", first)


@pytest.mark.grammar
def test_readme_example_is_the_real_output(lt_url) -> None:
    """The README shows what `tqcheck check samples/` prints (rewrite with TQCHECK_UPDATE_SNAPSHOTS=1)."""
    root = README.parent
    result = subprocess.run([sys.executable, "-m", "tqcheck", "check", "--no-cache", "--no-color", "samples/"],
                            cwd=root, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, TQCHECK_LANGUAGETOOL_URL=lt_url))
    assert result.returncode == 1, result.stderr
    # The server's address differs between runs: the README shows the embedded server's line of a real run.
    actual = result.stdout.splitlines()
    lines = README.read_text(encoding="utf-8").splitlines()
    first, last = _readme_example()
    if os.environ.get("TQCHECK_UPDATE_SNAPSHOTS") == "1":
        shown = actual[:-1] + [lines[last - 1] if lines[last - 1].startswith("Grammar checked: ") else actual[-1]]
        README.write_text("\n".join(lines[:first] + shown + lines[last:]) + "\n", encoding="utf-8")
        lines = README.read_text(encoding="utf-8").splitlines()
        first, last = _readme_example()
    assert lines[first:last - 1] == actual[:-1]
    assert actual[-1].startswith("Grammar checked: LanguageTool via ")
    assert lines[last - 1].startswith("Grammar checked: LanguageTool via embedded server at http://127.0.0.1:")


@pytest.mark.grammar
def test_clean_sample_passes_with_the_samples_configuration(lt_url) -> None:
    root = README.parent
    result = subprocess.run([sys.executable, "-m", "tqcheck", "check", "--no-cache", "samples/clean-article.md"],
                            cwd=root, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, TQCHECK_LANGUAGETOOL_URL=lt_url))
    assert result.returncode == 0, result.stdout
    assert "samples/clean-article.md: quality 100.0 (threshold 95.0) pass · 0 findings" in result.stdout
    assert "Grammar checked" in result.stdout


@pytest.mark.grammar
@pytest.mark.slow
def test_make_demo_ends_saying_the_samples_fail_on_purpose(lt_url) -> None:
    result = subprocess.run(["make", "--no-print-directory", "demo"], cwd=README.parent, capture_output=True,
                            text=True, timeout=600, env=dict(os.environ, TQCHECK_LANGUAGETOOL_URL=lt_url))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("demo: the samples fail on purpose (exit 1)")
    assert "Error 1" not in result.stderr and "ignored" not in result.stderr


@pytest.mark.grammar
def test_mt_review_profile_turns_unknown_names_into_hints(cli, tmp_path, lt_url) -> None:
    """mt-review (the default): a capitalised unknown word is a zero-weight hint shown only with --show-hints, a
    lower-case misspelling stays TQ801; strict reports both as spelling errors and scores them."""
    path = tmp_path / "a.txt"
    path.write_text("Zhangqiwei said we recieved the new phones yesterday.\n")
    default = _check(cli, "--languagetool-url", lt_url, str(path))
    assert [(f["code"], f["text"]) for f in _findings(default)] == [("TQ801", "recieved")]
    hints = _check(cli, "--languagetool-url", lt_url, "--show-hints", str(path))
    assert [(f["code"], f["severity"], f["text"]) for f in _findings(hints)] == [
        ("TQ830", "neutral", "Zhangqiwei"), ("TQ801", "minor", "recieved")]
    assert json.loads(hints.stdout)["files"][0]["score"]["penalty"] == 1.0
    strict = _check(cli, "--languagetool-url", lt_url, "--grammar-profile", "strict", str(path))
    assert [(f["code"], f["text"]) for f in _findings(strict)] == [("TQ801", "Zhangqiwei"), ("TQ801", "recieved")]
    report = json.loads(strict.stdout)
    assert report["files"][0]["score"]["penalty"] == 2.0
    assert "grammar:strict,languagetool-" in report["files"][0]["score"]["signature"]


@pytest.mark.grammar
@pytest.mark.parametrize("text,hints,penalty,strict", [
    # A British spelling in an American check: a zero-weight variant hint (TQ831).
    ("We recieved the colour samples yesterday.\n",
     [("TQ801", "minor", "recieved"), ("TQ831", "neutral", "colour")], 1.0, ["recieved", "colour"]),
    # A lower-case word the speller lacks but English word statistics know well (*pr*, Zipf 4.2): a zero-weight
    # known-word hint (TQ832); a misspelling wordfreq also counts (*recieved*, 2.8) stays TQ801.
    ("Our pr team said we recieved the samples yesterday.\n",
     [("TQ832", "neutral", "pr"), ("TQ801", "minor", "recieved")], 1.0, ["pr", "recieved"]),
])
def test_mt_review_profile_turns_right_spellings_into_hints(cli, tmp_path, lt_url, text, hints, penalty,
                                                           strict) -> None:
    """mt-review: speller matches on right spellings are zero-weight hints (--show-hints), a misspelling stays
    TQ801; strict reports them all as spelling errors."""
    path = tmp_path / "a.txt"
    path.write_text(text)
    assert [(f["code"], f["text"]) for f in _findings(_check(cli, "--languagetool-url", lt_url, str(path)))] == [
        ("TQ801", "recieved")]
    shown = _check(cli, "--languagetool-url", lt_url, "--show-hints", str(path))
    assert [(f["code"], f["severity"], f["text"]) for f in _findings(shown)] == hints
    assert json.loads(shown.stdout)["files"][0]["score"]["penalty"] == penalty  # hints weigh nothing
    checked = _check(cli, "--languagetool-url", lt_url, "--grammar-profile", "strict", str(path))
    assert [(f["code"], f["text"]) for f in _findings(checked)] == [("TQ801", word) for word in strict]


@pytest.mark.grammar
def test_a_grammar_finding_marks_only_the_words_its_suggestion_rewrites(cli, tmp_path, lt_url) -> None:
    """LanguageTool marks a phrase; tqcheck reports the words its suggestion changes, with the suggestion cut to
    them, so that applying it gives the same sentence."""
    path = tmp_path / "a.txt"
    path.write_text("I think there's many reasons for it.\n")
    found = [f for f in _findings(_check(cli, "--languagetool-url", lt_url, "--grammar-profile", "strict", str(path)))
             if "THERE_S_MANY" in f["message"]]
    assert [(f["text"], f["suggestions"][:1]) for f in found] == [("there's", ["there are"])]


@pytest.mark.grammar
@pytest.mark.parametrize("text,rule", [
    ("I went outside of the house and then I saw him.\n", "OUTSIDE_OF"),  # chosen by benchmarks/agreement.py
    # a category LanguageTool types style (REPETITIONS_STYLE), chosen by benchmarks/grammar_rules.py
    ("Then we ate lunch. Then we walked home. Then we slept.\n", "ENGLISH_WORD_REPEAT_BEGINNING_RULE"),
])
def test_mt_review_profile_switches_off_the_measured_rules(cli, tmp_path, lt_url, text: str, rule: str) -> None:
    """A rule the profile turns off fires in strict and not in mt-review."""
    path = tmp_path / "a.txt"
    path.write_text(text)
    strict = _findings(_check(cli, "--languagetool-url", lt_url, "--grammar-profile", "strict", str(path)))
    default = _findings(_check(cli, "--languagetool-url", lt_url, str(path)))
    assert any(f"({rule})" in f["message"] for f in strict)
    assert not any(f"({rule})" in f["message"] for f in default)


@pytest.mark.grammar
def test_a_broken_user_pack_stops_a_grammar_run(cli, tmp_path, lt_url) -> None:
    """With grammar on, files go to LanguageTool before the rule engine is built; a pack whose example fails still
    stops the run with its file and line."""
    from test_packs import GOOD

    (tmp_path / "house.yaml").write_text(GOOD.replace('pass: ["We use it."]', 'pass: ["We utilize it."]'))
    from tqcheck.runner import Runner

    for n in range(Runner(None).window + 12):  # more files than the request window, so some requests are still queued
        (tmp_path / f"a{n:02}.txt").write_text(f"Article {n}. The phone are fast and it have a big screen.\n")
    result = cli("check", "--isolated", "--no-cache", "--languagetool-url", lt_url, "--pack",
                 str(tmp_path / "house.yaml"), str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'house.yaml'}:12: HS001: pass example 'We utilize it.'" in result.stderr


@pytest.mark.grammar
def test_requests_name_the_rules_in_one_order_whatever_the_hash_seed(lt_url) -> None:
    """LanguageTool keys its rule pipelines by the lists as sent: two processes (different hash seeds) send the
    mt-review profile's lists in the same, sorted order, so a second run reuses the server's pipelines."""
    script = ("import json, sys; from tqcheck.grammar.service import GrammarService; "
              "service = GrammarService('en-US', url=sys.argv[1]); service.start(); "
              "print(json.dumps(service._clients[0].fields, sort_keys=True))")
    sent = [json.loads(subprocess.run([sys.executable, "-c", script, lt_url], capture_output=True, text=True, check=True,
                                      env=dict(os.environ, PYTHONHASHSEED=seed)).stdout) for seed in ("1", "2")]
    assert sent[0] == sent[1]
    rules = sent[0]["disabledRules"].split(",")
    assert len(rules) > 10 and rules == sorted(rules)
