"""Reports written as results arrive (JSON and text without grammar, fixing, --reference or --source) are byte for
byte the reports written whole at the end, and the run keeps no findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from tqcheck import check_command
from tqcheck.report.emitters import emitter, streams

SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".md", ".txt", ".html"))


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch) -> Path:
    """Three copies of the samples and a file that cannot be read, a fresh cache folder."""
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    for index in range(3):
        for sample in SAMPLES:
            shutil.copy(sample, folder / f"{index}-{sample.name}")
    (folder / "broken.md").write_bytes(b"\xff\xfe not UTF-8 \xff")
    return folder


def _run(tmp_path: Path, folder: Path, *extra: str) -> tuple[int, str, dict[str, bytes]]:
    """Exit code, standard output, and the report files, of a check writing JSON and text files and stdout."""
    outputs = {name: tmp_path / f"report.{name}" for name in ("json", "text")}
    done = run_cli("check", "--no-grammar", "--no-color", "--config", str(ROOT / "samples" / "tqcheck.toml"),
                   *[f"--output={name}={path}" for name, path in outputs.items()], *extra,
                   str(folder), str(folder / "missing.md"))
    assert done.exit_code in (1, 2), done.stderr
    return done.exit_code, done.stdout, {name: path.read_bytes() for name, path in outputs.items()}


@pytest.mark.parametrize("extra", [("--no-cache", "--jobs", "1"), ("--jobs", "1"), ("--no-cache", "--jobs", "2"),
                                   ("--jobs", "2", "--format", "json"), ("--no-cache", "--jobs", "3")])
def test_streamed_reports_are_the_whole_reports(tmp_path: Path, corpus: Path, monkeypatch, extra) -> None:
    monkeypatch.setenv("TQCHECK_WORTH_FORKING", "0")  # two jobs: the workers start after the second file
    monkeypatch.setattr(check_command, "_PRINTED_AT", 1)  # standard output printed at every piece
    kept: list = []
    real = check_command.run_files

    def recorded(run, flow, *args):
        results = real(run, flow, *args)
        kept.extend(results)
        return results

    monkeypatch.setattr(check_command, "run_files", recorded)
    streamed = _run(tmp_path, corpus, *extra)
    assert kept and not any(r.findings for r in kept)  # every finding was written and let go
    again = _run(tmp_path, corpus, *extra)  # the result cache warm, where the run has one
    kept.clear()
    monkeypatch.setattr(check_command, "streams", lambda emitter: False)
    whole = _run(tmp_path, corpus, *extra)
    assert any(r.findings for r in kept)
    assert streamed == again == whole
    assert '"findings": [{' in whole[1] or "quality" in whole[1]
    assert b"0-motorola-launch.md" in whole[2]["json"] and b"broken.md" in whole[2]["text"]
    assert b"missing.md" in whole[2]["json"]


def test_json_and_text_stream_and_the_others_do_not() -> None:
    assert [name for name in ("json", "text", "sarif", "github", "junit", "markdown", "html")
            if streams(emitter(name))] == ["json", "text"]


def test_a_broken_pack_prints_no_part_of_the_report(tmp_path: Path, monkeypatch) -> None:
    """With the result cache on, the checks are built at the first file that needs them: the report's opening
    waits for them, so a broken pack leaves standard output empty."""
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "pack.yaml").write_text("pack: broken\nrules:\n  - code: TQ990\n    kind: no-such-kind\n",
                                        encoding="utf-8")
    done = run_cli("check", "--isolated", "--no-grammar", "--format", "json", "--pack", str(tmp_path / "pack.yaml"),
                   str(SAMPLES[0]))
    assert done.exit_code == 2 and done.stdout == "" and "no-such-kind" in done.stderr


def test_the_tally_scores_the_corpus_as_its_findings_together() -> None:
    """Points worked out once per severity and category add up, in order, to the corpus score of every finding."""
    import random

    from tqcheck.findings import Finding, Severity
    from tqcheck.report.model import Tally
    from tqcheck.results import FileResult
    from tqcheck.scoring import ScoreModel

    rng = random.Random(3)
    model = ScoreModel(category_weights={"style": 2.0, "style/house": 0.3, "terminology": 1.7})
    categories = ["style", "style/house", "style/house/x", "terminology/casing", "grammar", "stylehouse"]
    results = []
    for number in range(40):
        findings = [Finding(f"TQ{rng.randint(100, 120)}", "n", rng.choice(categories), rng.choice(list(Severity)),
                            "m", "t", [], False, "rule", 0, 1) for _ in range(rng.randint(0, 30))]
        result = FileResult(f"{number}.md", "markdown", "en", None, words=rng.randint(1, 900), findings=findings)
        result.score = model.score(findings, result.words) if number % 7 else None
        results.append(result)
    scored = [r for r in results if r.score is not None]
    expected = model.score([f for r in scored for f in r.findings], sum(r.words for r in scored))
    assert Tally.of(results, model).corpus_score() == expected and expected.penalty > 0
    # Pieces counted one result at a time elsewhere (a worker's copy of the tally), merged here in order: the same.
    counting, merged = Tally(model), Tally(model)
    for result in results:
        piece = counting.piece(result)
        assert piece.model is None and not piece._points_of  # nothing run-wide travels with a piece
        merged.merge(piece)
    whole = Tally.of(results, model)
    assert merged.corpus_score() == expected and merged == whole


def test_under_a_progress_bar_standard_output_is_printed_at_the_end(tmp_path: Path, corpus: Path,
                                                                      monkeypatch) -> None:
    import click

    monkeypatch.setattr(check_command, "_PRINTED_AT", 1)
    printed: list[str] = []
    real_echo = click.echo
    monkeypatch.setattr(click, "echo", lambda message=None, *args, **kwargs: (
        printed.append(message) if kwargs.get("err") is not True else None, real_echo(message, *args, **kwargs))[1])
    live = _run(tmp_path, corpus)
    assert len(printed) > 2
    printed.clear()
    monkeypatch.setattr(check_command, "progress_wanted", lambda stream, quiet: True)
    assert _run(tmp_path, corpus) == live and len(printed) == 1
