"""`tqcheck score` and tqcheck.metrics: values equal sacrebleu's own command line; pairing and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import SHARED, run_cli
from tqcheck.metrics import DOCUMENT, LINE, SENTENCE, pair, score_texts

WMT = SHARED / "data" / "wmt-mqm" / "dev.jsonl"
SACREBLEU = Path(sys.executable).parent / "sacrebleu"


@pytest.fixture(scope="module")
def talks(tmp_path_factory) -> tuple[Path, Path]:
    """One system's outputs and the references of the shared WMT file: a hypothesis and a reference folder,
    one file per talk, one segment per line."""
    if not WMT.is_file():
        pytest.skip(f"SHARED DATA MISSING: {WMT} not found; set TQCHECK_SHARED to the shared folder")
    documents: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    with WMT.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["system"] == "Facebook-AI":
                documents[record["doc"]].append((record["doc_seg_id"], record["target"], record["reference"]))
    root = tmp_path_factory.mktemp("wmt")
    for side, column in (("hyp", 1), ("ref", 2)):
        (root / side).mkdir()
        for doc, segments in documents.items():
            (root / side / f"{doc}.txt").write_text("".join(s[column] + "\n" for s in sorted(segments)),
                                                    encoding="utf-8")
    return root / "hyp", root / "ref"


def sacrebleu_cli(hypothesis: Path, reference: Path) -> list[str]:
    """BLEU, chrF++ and TER from sacrebleu's console script, 4 decimals."""
    done = subprocess.run([str(SACREBLEU), str(reference), "-i", str(hypothesis), "-m", "bleu", "chrf", "ter",
                           "--chrf-word-order", "2", "-b", "-w", "4"], capture_output=True, text=True, check=True)
    return [f"{value:.4f}" for value in json.loads(done.stdout)]


def values(metrics: dict) -> list[str]:
    return [f"{metrics[name]['score']:.4f}" for name in ("bleu", "chrf", "ter")]


def test_values_equal_sacrebleu_command_line(talks, tmp_path):
    hypotheses, references = talks
    result = run_cli("score", str(hypotheses), "--reference", str(references), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["files"]) == 4
    for item in report["files"]:
        assert item["metrics"]["pairing"] == LINE
        assert values(item["metrics"]) == sacrebleu_cli(Path(item["hypothesis"]), Path(item["reference"]))
    # The corpus is every line of every file: the same as sacrebleu on the files concatenated in path order.
    for side, folder in (("hyp", hypotheses), ("ref", references)):
        (tmp_path / side).write_text("".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())),
                                     encoding="utf-8")
    assert values(report["corpus"]) == sacrebleu_cli(tmp_path / "hyp", tmp_path / "ref")
    assert report["corpus"]["segments"] == sum(item["metrics"]["segments"] for item in report["files"])


def test_signatures_are_sacrebleus(talks):
    hypotheses, references = talks
    report = json.loads(run_cli("score", str(hypotheses), "-r", str(references), "--format", "json").stdout)
    first = sorted(hypotheses.iterdir())[0]
    done = subprocess.run([str(SACREBLEU), str(references / first.name), "-i", str(first), "-m", "bleu", "chrf",
                           "ter", "--chrf-word-order", "2"], capture_output=True, text=True, check=True)
    expected = {entry["name"]: entry["signature"] for entry in json.loads(done.stdout)}
    got = {m["name"]: m["signature"] for m in (report["corpus"][k] for k in ("bleu", "chrf", "ter"))}
    assert got == expected
    assert set(got) == {"BLEU", "chrF2++", "TER"}


def test_json_shape(tmp_path):
    (tmp_path / "h.txt").write_text("The cat sat on the mat.\nHello world.\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("The cat is on the mat.\nHello there world.\n", encoding="utf-8")
    result = run_cli("score", str(tmp_path / "h.txt"), "--reference", str(tmp_path / "r.txt"), "--format", "json")
    report = json.loads(result.stdout)
    assert list(report) == ["version", "tool", "files", "corpus", "errors", "source"]
    assert report["source"] is None  # without --source
    assert report["errors"] == []
    [item] = report["files"]
    assert list(item) == ["hypothesis", "reference", "metrics"]
    assert list(item["metrics"]) == ["segments", "pairing", "note", "bleu", "chrf", "ter"]
    assert item["metrics"]["segments"] == 2 and item["metrics"]["note"] is None
    for name in ("bleu", "chrf", "ter"):
        assert list(item["metrics"][name]) == ["name", "score", "signature"]
        assert 0 < item["metrics"][name]["score"] < 100
    assert item["metrics"] == report["corpus"]


def test_text_report(tmp_path):
    (tmp_path / "h.txt").write_text("The cat sat on the mat.\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("The cat sat on the mat.\n", encoding="utf-8")
    result = run_cli("score", str(tmp_path / "h.txt"), "-r", str(tmp_path / "r.txt"))
    assert result.exit_code == 0
    assert "BLEU 100.0  chrF2++ 100.0  TER 0.0" in result.stdout
    assert "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:" in result.stdout


@pytest.mark.parametrize("missing", ["hypothesis", "reference"])
def test_missing_file_is_named(tmp_path, missing):
    (tmp_path / "present.txt").write_text("Some text.\n", encoding="utf-8")
    paths = {"hypothesis": tmp_path / "present.txt", "reference": tmp_path / "present.txt", missing: tmp_path / "no.txt"}
    result = run_cli("score", str(paths["hypothesis"]), "--reference", str(paths["reference"]))
    assert result.exit_code == 2
    assert f"{tmp_path / 'no.txt'}: {missing} not found" in result.stderr


def test_unequal_line_counts_paired_by_sentence(tmp_path):
    (tmp_path / "h.txt").write_text("The cat sat on the mat. It was warm.\nThe end.\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("The cat is on the mat.\nIt was hot.\nThe end.\n", encoding="utf-8")
    result = run_cli("score", str(tmp_path / "h.txt"), "-r", str(tmp_path / "r.txt"))
    assert result.exit_code == 0
    assert "line counts differ (hypothesis 2, reference 3); paired by sentence (3)" in result.stdout
    pairing = pair((tmp_path / "h.txt").read_text(), (tmp_path / "r.txt").read_text())
    assert pairing.mode == SENTENCE
    assert pairing.hypotheses == ["The cat sat on the mat.", "It was warm.", "The end."]
    assert score_texts((tmp_path / "h.txt").read_text(), (tmp_path / "r.txt").read_text()).ter is not None


def test_unequal_line_and_sentence_counts_score_the_document(tmp_path):
    hypothesis, reference = "The cat sat on the mat and it was warm.\nThe end.\n", "The cat is on the mat.\n"
    metrics = score_texts(hypothesis, reference)
    assert metrics.pairing == DOCUMENT and metrics.segments == 1 and metrics.ter is None
    assert "line counts differ (hypothesis 2, reference 1)" in metrics.note
    # Document level: the whole text as one segment, as sacrebleu scores it.
    from sacrebleu.metrics import CHRF

    joined = CHRF(word_order=2).corpus_score(["The cat sat on the mat and it was warm. The end."],
                                             [["The cat is on the mat."]])
    assert metrics.chrf.score == pytest.approx(joined.score)
    (tmp_path / "h.txt").write_text(hypothesis, encoding="utf-8")
    (tmp_path / "r.txt").write_text(reference, encoding="utf-8")
    report = json.loads(run_cli("score", str(tmp_path / "h.txt"), "-r", str(tmp_path / "r.txt"),
                                "--format", "json").stdout)
    assert report["files"][0]["metrics"]["ter"] is None and report["corpus"]["ter"] is None


def test_folders_pair_by_relative_path(tmp_path):
    for side, texts in (("hyp", {"a.txt": "One cat.\n", "sub/b.md": "Two dogs here.\n", "extra.txt": "X.\n"}),
                        ("ref", {"a.txt": "One cat.\n", "sub/b.md": "Two dogs there.\n", "lonely.txt": "Y.\n"})):
        for name, text in texts.items():
            (tmp_path / side / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / side / name).write_text(text, encoding="utf-8")
    result = run_cli("score", str(tmp_path / "hyp"), "-r", str(tmp_path / "ref"), "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [(Path(f["hypothesis"]).relative_to(tmp_path / "hyp").as_posix(),
             Path(f["reference"]).relative_to(tmp_path / "ref").as_posix()) for f in report["files"]] == [
        ("a.txt", "a.txt"), ("sub/b.md", "sub/b.md")]
    assert report["files"][0]["metrics"]["chrf"]["score"] == 100.0
    assert report["files"][1]["metrics"]["chrf"]["score"] < 100.0
    assert report["corpus"]["segments"] == 2
    assert {(Path(e["path"]).name, e["message"]) for e in report["errors"]} == {
        ("extra.txt", f"no reference file {tmp_path / 'ref' / 'extra.txt'}"),
        ("lonely.txt", f"no hypothesis file {tmp_path / 'hyp' / 'lonely.txt'}")}


def test_empty_and_undecodable_files_are_errors_with_the_path(tmp_path):
    (tmp_path / "hyp").mkdir()
    (tmp_path / "ref").mkdir()
    for name, hypothesis in (("ok.txt", b"Fine text.\n"), ("empty.txt", b"\n"), ("bad.txt", b"caf\xe9\n")):
        (tmp_path / "hyp" / name).write_bytes(hypothesis)
        (tmp_path / "ref" / name).write_bytes(b"Fine text.\n")
    result = run_cli("score", str(tmp_path / "hyp"), "-r", str(tmp_path / "ref"))
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'hyp' / 'empty.txt'}: empty file; nothing to score" in result.stdout
    assert f"error: {tmp_path / 'hyp' / 'bad.txt'}:1:4: invalid UTF-8" in result.stdout
    assert "corpus (1 file): 1 segments" in result.stdout


def test_file_against_folder_is_a_usage_error(tmp_path):
    (tmp_path / "h.txt").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "ref").mkdir()
    result = run_cli("score", str(tmp_path / "h.txt"), "-r", str(tmp_path / "ref"))
    assert result.exit_code == 2
    assert "give two files or two folders" in result.stderr
