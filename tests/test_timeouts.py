"""Nothing hangs: a user pattern that backtracks catastrophically is skipped for that file with a message naming
the rule's line, the rest of the file and of the run goes on, and `tqcheck rules test` flags such patterns."""

from __future__ import annotations

import json

from tqcheck.defaults import PATTERN_TIMEOUT

# `(a|a)+\d` matches its own example at once, and backtracks exponentially on a run of a's with no digit.
BACKTRACKS = r"""pack: house
rules:
  - code: HS001
    name: a-run-then-digit
    kind: pattern
    category: fluency/other
    severity: minor
    message: "run {match}"
    pattern: '(a|a)+\d'
    examples:
      fail: ["aaaa1"]
      pass: ["bbbb"]
"""


def _write(tmp_path, pack: str = BACKTRACKS):
    path = tmp_path / "house.yaml"
    path.write_text(pack)
    # The slow file holds a match (`aa1`) before the run of a's on its line: on a text the pattern cannot match at
    # all, its prefilter skips it without running it, and the pattern runs only from the first place on a line where
    # its prefilter matches.
    (tmp_path / "slow.txt").write_text("The xiaomi phone. The aa1 model. " + "a" * 60 + "\n")
    (tmp_path / "fine.txt").write_text("The xiaomi phone aa1 is here.\n")
    return path


def test_a_catastrophic_pattern_is_skipped_for_that_file_and_the_run_goes_on(cli, tmp_path) -> None:
    pack = _write(tmp_path)
    result = cli("check", "--isolated", "--no-grammar", "--no-cache", "--format", "json", "--pack", str(pack),
                 str(tmp_path / "slow.txt"), str(tmp_path / "fine.txt"))
    report = json.loads(result.stdout)
    fine, slow = report["files"]  # in path order
    limit = f"{PATTERN_TIMEOUT:g}"
    assert slow["gaps"] == [{"part": "HS001", "message":
                             f"{pack}:3: rule HS001 took longer than {limit} s on {tmp_path / 'slow.txt'}"}]
    # The rest of the slow file is still checked, and the rule still runs on the other file.
    assert [f["code"] for f in slow["findings"]] == ["TQ104"] and slow["score"] is not None
    assert sorted(f["code"] for f in fine["findings"]) == ["HS001", "TQ104"] and fine["gaps"] == []
    assert result.exit_code == 2  # a rule-pack problem, as the exit-code table says


def test_the_text_report_names_pack_line_rule_and_file(cli, tmp_path) -> None:
    pack = _write(tmp_path)
    result = cli("check", "--isolated", "--no-grammar", "--no-cache", "--pack", str(pack), str(tmp_path / "slow.txt"))
    assert f"{pack}:3: rule HS001 took longer than {PATTERN_TIMEOUT:g} s on {tmp_path / 'slow.txt'}\n" in result.stdout
    assert result.exit_code == 2


def test_rules_test_flags_catastrophic_backtracking_on_a_probe_from_the_examples(cli, tmp_path) -> None:
    pack = _write(tmp_path)
    result = cli("rules", "test", str(pack))
    assert result.exit_code == 1, result.stdout
    assert f"{pack}:3: HS001: pattern backtracks catastrophically" in result.stdout


def test_rules_test_passes_a_well_behaved_pattern(cli, tmp_path) -> None:
    pack = _write(tmp_path, BACKTRACKS.replace(r"'(a|a)+\d'", r"'a+\d'"))
    result = cli("rules", "test", str(pack))
    assert result.exit_code == 0, result.stdout


def test_an_example_that_times_out_is_a_failing_example(cli, tmp_path) -> None:
    pack = _write(tmp_path, BACKTRACKS.replace('pass: ["bbbb"]', 'pass: ["' + "a" * 60 + '"]'))
    result = cli("check", "--isolated", "--no-grammar", "--no-cache", "--pack", str(pack), str(tmp_path / "fine.txt"))
    assert result.exit_code == 2
    assert f"{pack}:12: HS001: pass example" in result.stderr and "took longer than" in result.stderr
