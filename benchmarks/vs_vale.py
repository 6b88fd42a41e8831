"""tqcheck and Vale side by side: one generated corpus, equivalent rules, whole processes timed alternately.

Run: python benchmarks/vs_vale.py [--runs N] [--files N]   (or `make bench-vale`; rewrites its section of
docs/benchmarks.md). Vale is built with `go install` into a cache folder on the first run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from corpus import pseudo_word, write_corpus, write_glossary  # noqa: E402
from docs_section import machine, write_section  # noqa: E402
from rules_throughput import cpu_name  # noqa: E402

from tqcheck import __version__  # noqa: E402
from tqcheck.defaults import cache_dir  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.md"
VALE_VERSION = "v3.22.0"  # later versions currently fail to build on a dependency
VALE_MODULE = f"github.com/vale-cli/vale/v3/cmd/vale@{VALE_VERSION}"
GLOSSARY_CODES = {"TQ101", "TQ102", "TQ104"}
NEAR_MISS = "TQ103"
PHRASE_RULES, PHRASES = 30, 146


def install_vale(folder: Path) -> Path:
    """Vale built from the Go module proxy into `folder` (once)."""
    binary = folder / "vale"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        print(f"installing Vale {VALE_VERSION} into {folder} (go install)", flush=True)
        subprocess.run(["go", "install", VALE_MODULE], check=True, env={**os.environ, "GOBIN": str(folder)})
    return binary


@dataclass
class Rules:
    """The phrase rules of both tools: each is a list (existence) or a mapping phrase -> replacement."""

    rules: list[list[str] | dict[str, str]]

    @classmethod
    def generate(cls, vocabulary: list[str], seed: int = 5) -> "Rules":
        """30 rules of 146 phrases: single words the corpus holds anyway, and two-word phrases put into it."""
        rng = random.Random(seed)
        words = [w for w in vocabulary[1000:] if w.isascii() and w.isalpha() and len(w) >= 4]
        picked = rng.sample(words, PHRASES + PHRASES // 2)
        singles = picked[:PHRASES // 2]
        pairs = [f"{a} {b}" for a, b in zip(picked[PHRASES // 2::2], picked[PHRASES // 2 + 1::2])]
        phrases = (singles + pairs)[:PHRASES]
        rng.shuffle(phrases)
        rules: list[list[str] | dict[str, str]] = []
        for index in range(PHRASE_RULES):
            chunk = phrases[index::PHRASE_RULES]
            rules.append(chunk if index % 2 else {p: pseudo_word(rng).lower() for p in chunk})
        return cls(rules)

    def inserted(self) -> list[str]:
        """The two-word phrases, which random text would hardly ever contain."""
        return [p for rule in self.rules for p in rule if " " in p]

    def write_pack(self, path: Path) -> None:
        """The rules as a tqcheck pack of `phrases` rules."""
        rules = []
        for index, rule in enumerate(self.rules, 1):
            phrase = next(iter(rule))
            rules.append({"code": f"BN{index:03d}", "name": f"bench-{index}", "kind": "phrases",
                          "category": "style/bench", "severity": "minor",
                          "message": "'{match}': use '{replacement}'" if isinstance(rule, dict) else "'{match}'",
                          "phrases": rule, "examples": {"fail": [f"It says {phrase} here."], "pass": ["Xyzzy."]}})
        path.write_text(yaml.safe_dump({"pack": "bench", "description": "Vale comparison", "language": "en",
                                        "rules": rules}, sort_keys=False), encoding="utf-8")

    def write_vale(self, folder: Path) -> None:
        """The same rules as Vale `existence` and `substitution` styles, case-insensitive like tqcheck's."""
        folder.mkdir(parents=True, exist_ok=True)
        for index, rule in enumerate(self.rules, 1):
            body = ({"extends": "substitution", "message": "Use '%s' instead of '%s'.", "swap": rule}
                    if isinstance(rule, dict) else {"extends": "existence", "message": "'%s'", "tokens": rule})
            write_style(folder / f"Rule{index:03d}.yml", {**body, "ignorecase": True, "level": "warning"})


def write_style(path: Path, body: dict) -> None:
    path.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")


def wrong_forms(names: list[str]) -> dict[str, str]:
    """What corpus.write_glossary declares wrong: a dropped last letter, a literal phrase (any case, in tqcheck)."""
    return {form: name for name in names for form in (name[:-1], f"{name} Light Bridge")}


def write_glossary_styles(folder: Path, names: list[str]) -> None:
    """The glossary as Vale `substitution` rules: wrong forms in any case, and the names in lower case.

    What tqcheck reads as ordinary English is left out of both (a wrong form made of common words, `solo` for
    Solon; a name whose lower case is a common word), so that the two rule sets say the same."""
    from tqcheck.rules.glossary import TermEntry
    from tqcheck.rules.terms import TermCheck

    judge = TermCheck([])
    folder.mkdir(parents=True, exist_ok=True)
    message = "Use '%s' instead of '%s'."
    forms = {form: name for form, name in wrong_forms(names).items() if not judge.ordinary_english(form.lower(), name)}
    casing = {name.lower(): name for name in names if not judge.is_common(TermEntry(term=name))}
    write_style(folder / "Forms.yml", {"extends": "substitution", "message": message, "ignorecase": True,
                                       "level": "error", "swap": forms})
    write_style(folder / "Casing.yml", {"extends": "substitution", "message": message, "ignorecase": False,
                                        "level": "error", "swap": casing})


def write_vale_config(path: Path, styles: list[str]) -> None:
    path.write_text(f"StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = {', '.join(styles)}\n",
                    encoding="utf-8")


def timed(command: list[str], cwd: Path) -> tuple[float, float, bytes]:
    """Wall-clock and CPU seconds (user + system of the child) of one whole process, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = datetime.datetime.now()
    done = subprocess.run(command, cwd=cwd, capture_output=True)
    wall = (datetime.datetime.now() - started).total_seconds()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{command[0]} exited {done.returncode}: {done.stderr.decode()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def pinned(command: list[str], one_core: bool) -> list[str]:
    return ["taskset", "-c", "0", *command] if one_core and shutil.which("taskset") else command


@dataclass
class Setup:
    """One row of the table: the two commands and whether both run on one core."""

    title: str
    tqcheck: list[str]
    vale: list[str]
    one_core: bool


def tqcheck_command(target: str, glossary: Path | None, pack: Path) -> list[str]:
    command = [str(Path(sys.executable).parent / "tqcheck"), "check", "--isolated", "--no-grammar", "--no-cache",
               "--no-default-glossary", "--fail-on", "none", "--format", "json", "--pack", str(pack)]
    return command + (["--glossary", str(glossary)] if glossary else []) + [target]


def vale_command(vale: Path, config: Path, target: str) -> list[str]:
    return [str(vale), f"--config={config}", "--output=JSON", "--no-exit", target]


def positions_tqcheck(output: bytes) -> dict[str, set[tuple[str, int, int]]]:
    """(file, line, column) of tqcheck's findings, by rule group."""
    groups: dict[str, set] = {"glossary": set(), "phrases": set(), "near-miss": set()}
    for file in json.loads(output)["files"]:
        for finding in file["findings"]:
            code = finding["code"]
            group = "near-miss" if code == NEAR_MISS else "glossary" if code in GLOSSARY_CODES else "phrases"
            groups[group].add((Path(file["path"]).name, finding["line"], finding["column"]))
    return groups


def positions_vale(output: bytes) -> dict[str, set[tuple[str, int, int]]]:
    """(file, line, column) of Vale's alerts, by rule group."""
    groups: dict[str, set] = {"glossary": set(), "phrases": set()}
    for path, alerts in json.loads(output or b"{}").items():
        for alert in alerts:
            group = "glossary" if alert["Check"].startswith("BenchGlossary.") else "phrases"
            groups[group].add((Path(path).name, alert["Line"], alert["Span"][0]))
    return groups


def compare(tq: bytes, vale: bytes) -> list[str]:
    """Lines for the report: where both tools find the same positions, and where not."""
    ours, theirs = positions_tqcheck(tq), positions_vale(vale)
    lines = []
    for group in ("glossary", "phrases"):
        both, only_tq, only_vale = ours[group] & theirs[group], ours[group] - theirs[group], theirs[group] - ours[group]
        lines.append(f"| {group} | {len(both):,} | {len(only_tq):,} | {len(only_vale):,} |")
        for label, found in (("only tqcheck", only_tq), ("only Vale", only_vale)):
            for file, line, column in sorted(found)[:3]:
                print(f"  {group}, {label}: {file}:{line}:{column}")
    lines.append(f"| near-miss (TQ103, tqcheck only) | - | {len(ours['near-miss']):,} | - |")
    return lines


def measure(setups: list[Setup], runs: int, cwd: Path) -> list[str]:
    """Table rows: both tools alternately, `runs` times each; min/median/max wall, median CPU, ratios."""
    rows = []
    for setup in setups:
        times: dict[str, list[tuple[float, float]]] = {"tqcheck": [], "vale": []}
        for _ in range(runs):
            for tool, command in (("tqcheck", setup.tqcheck), ("vale", setup.vale)):
                wall, cpu, _ = timed(pinned(command, setup.one_core), cwd)
                times[tool].append((wall, cpu))
        walls = {tool: sorted(w for w, _ in found) for tool, found in times.items()}
        cpus = {tool: statistics.median(c for _, c in found) for tool, found in times.items()}
        medians = {tool: statistics.median(found) for tool, found in walls.items()}
        spread = {tool: f"{found[0]:.2f} / {medians[tool]:.2f} / {found[-1]:.2f}" for tool, found in walls.items()}
        row = (f"| {setup.title} | {spread['tqcheck']} | {spread['vale']} | {medians['tqcheck'] / medians['vale']:.2f} "
               f"| {cpus['tqcheck']:.2f} | {cpus['vale']:.2f} | {cpus['tqcheck'] / cpus['vale']:.2f} |")
        print(row, flush=True)
        rows.append(row)
    return rows


def git_commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each tool per row (alternating)")
    parser.add_argument("--files", type=int, default=600, help="articles in the corpus")
    parser.add_argument("--vale-folder", type=Path, default=cache_dir() / "bench" / "vale")
    args = parser.parse_args()
    vale = install_vale(args.vale_folder)
    vale_version = f"Vale {VALE_VERSION}"  # a `go install` build calls itself "version master"
    from wordfreq import top_n_list

    with tempfile.TemporaryDirectory(prefix="tqcheck-vs-vale-") as tmp:
        work = Path(tmp)
        names = write_glossary(work / "glossary.yaml", 1000)
        rules = Rules.generate(top_n_list("en", 5000))
        rules.write_pack(work / "bench.yaml")
        rules.write_vale(work / "styles" / "BenchPhrases")
        write_glossary_styles(work / "styles" / "BenchGlossary", names)
        write_vale_config(work / "full.ini", ["BenchGlossary", "BenchPhrases"])
        write_vale_config(work / "phrases.ini", ["BenchPhrases"])
        words = write_corpus(work / "corpus", args.files, 830, extras=[*wrong_forms(names), *(n.lower() for n in names), *rules.inserted()])
        size = sum(p.stat().st_size for p in (work / "corpus").iterdir())
        one = sorted((work / "corpus").iterdir())[0].name
        print(f"corpus: {args.files} articles, {words:,} words, {size / 1e6:.1f} MB; {vale_version}", flush=True)

        full_tq = tqcheck_command("corpus", work / "glossary.yaml", work / "bench.yaml")
        full_vale = vale_command(vale, work / "full.ini", "corpus")
        _, _, tq_out = timed(full_tq, work)
        _, _, vale_out = timed(full_vale, work)
        agreement = compare(tq_out, vale_out)

        phrases_tq = tqcheck_command("corpus", None, work / "bench.yaml")
        phrases_vale = vale_command(vale, work / "phrases.ini", "corpus")
        setups = [
            Setup("1,000-term glossary + 30 phrase rules, one core", full_tq, full_vale, True),
            Setup("same, whole machine", full_tq, full_vale, False),
            Setup(f"{PHRASE_RULES} phrase rules only ({PHRASES} phrases), one core", phrases_tq, phrases_vale, True),
            Setup(f"{PHRASE_RULES} phrase rules only, whole machine", phrases_tq, phrases_vale, False),
            Setup("one file (start-up), one core", tqcheck_command(f"corpus/{one}", work / "glossary.yaml",
                                                                     work / "bench.yaml"),
                  vale_command(vale, work / "full.ini", f"corpus/{one}"), True),
        ]
        rows = measure(setups, args.runs, work)

    load = os.getloadavg()
    table = "\n".join(rows)
    write_section("tqcheck and Vale side by side (issue 12)", f"""Command: `make bench-vale` (`.venv/bin/python benchmarks/vs_vale.py --runs {args.runs}`; replaces this section).
tqcheck {__version__} (commit {git_commit()}), {vale_version} (`go install {VALE_MODULE}`).
Machine: {cpu_name()}, {machine()}; load average when the run ended {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}.

Corpus: {args.files} generated Markdown articles (benchmarks/corpus.py, seeded), {words:,} words, {size / 1e6:.1f} MB,
with the rules' phrases and the glossary's wrong forms mixed in. Rules: a generated 1,000-term glossary (each term's
wrong form and literal translation in any case, and its lower-case spelling; in Vale two `substitution` rules,
without the few wrong forms that are common English words, which tqcheck reads as ordinary English) and
{PHRASE_RULES} phrase rules of {PHRASES} phrases (half `existence`, half `substitution`; case-insensitive whole
words in both tools; a tqcheck pack of `phrases` rules). tqcheck runs with `--no-grammar --no-cache
--no-default-glossary --format json` and only that pack; Vale with `--output=JSON`. Both are timed as whole
processes, alternating, {args.runs} runs each; "one core" runs both under `taskset -c 0`, "whole machine" lets
both use every core (tqcheck's `--jobs` defaults to every core; Go's GOMAXPROCS too).

Where the rules overlap both tools must report the same (file, line, column) positions:

| rule group | both | only tqcheck | only Vale |
|---|---:|---:|---:|
{chr(10).join(agreement)}

Seconds (wall clock min / median / max, then the median CPU time, user + system of the process and its children):

| rule set | tqcheck wall | Vale wall | tqcheck / Vale (wall) | tqcheck CPU | Vale CPU | tqcheck / Vale (CPU) |
|---|---:|---:|---:|---:|---:|---:|
{table}

Wall-clock times on a loaded machine say little: the CPU columns are steadier. The final wall-clock comparison
must be rerun on a quiet machine (`make bench-vale`).""", RESULTS)
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
