"""Markdown parsers that keep source positions, and tqcheck's reader, in CPU seconds on the generated corpus.

Run: python benchmarks/markdown_readers.py [--reader FILE]   (rewrites its section of docs/benchmarks.md)
Parsers that are not installed are listed as such (`pip install markdown-it-py mdit-py-plugins markdown-it-pyrs`
adds the alternatives); `--reader` also times an older copy of src/tqcheck/documents/markdown.py.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus  # noqa: E402
from docs_section import machine, write_section  # noqa: E402

from tqcheck.documents.loader import parse  # noqa: E402
from tqcheck.documents.markdown import read_markdown  # noqa: E402

RESULTS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def cpu_seconds(work: Callable[[], object], runs: int = 5) -> float:
    """The least CPU time of `runs` runs (CPU time: steadier than the wall clock on a shared machine)."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def candidates(texts: list[str]) -> dict[str, Callable[[], object] | None]:
    """Each way of reading the corpus, or None when its package is not installed."""
    found: dict[str, Callable[[], object] | None] = {}
    try:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        def full() -> MarkdownIt:
            return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(front_matter_plugin)

        one, core = full(), MarkdownIt("commonmark", {"html": True})
        found["markdown-it-py, tables + strikethrough + front matter, a parser per file"] = \
            lambda: [full().parse(t) for t in texts]
        found["markdown-it-py, the same, one parser"] = lambda: [one.parse(t) for t in texts]
        found["markdown-it-py, CommonMark only, one parser"] = lambda: [core.parse(t) for t in texts]
    except ImportError:
        found["markdown-it-py"] = None
    try:
        import markdown_it_pyrs

        rust = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough", "front_matter"])
        found["markdown-it-pyrs (Rust) tree with source maps"] = lambda: [rust.tree(t) for t in texts]
    except ImportError:
        found["markdown-it-pyrs"] = None
    import pyromark

    options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
    found["pyromark (pulldown-cmark, Rust) events with ranges"] = \
        lambda: [list(pyromark.events_with_range(t, options=options)) for t in texts]
    found["tqcheck's reader: parse + segments with position maps"] = lambda: [read_markdown(t) for t in texts]
    found["tqcheck's whole Markdown document (reader, directives)"] = lambda: [parse(t, "a.md") for t in texts]
    return found


def load_reader(path: Path) -> Callable[[str], object]:
    """`read_markdown` of another copy of the reader module (its imports resolve inside tqcheck.documents)."""
    spec = importlib.util.spec_from_file_location("tqcheck.documents.markdown_other", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.read_markdown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--reader", type=Path, help="an older markdown.py to time beside the current one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        words = write_corpus(Path(tmp), args.files, 830)
        texts = [path.read_text(encoding="utf-8") for path in sorted(Path(tmp).iterdir())]
    rows = candidates(texts)
    if args.reader:
        other = load_reader(args.reader)
        rows[f"tqcheck's reader from {args.reader.name} (before)"] = lambda: [other(t) for t in texts]
    lines = []
    for name, work in rows.items():
        cell = "not installed" if work is None else f"{cpu_seconds(work):.3f}"
        lines.append(f"| {name} | {cell} |")
        print(lines[-1], flush=True)
    table = "\n".join(lines)
    write_section("Markdown reading (issue 12)", f"""Command: `.venv/bin/python benchmarks/markdown_readers.py` (replaces this section).
Machine: {machine()}. Corpus: {args.files} generated articles (benchmarks/corpus.py), {words:,} words. CPU seconds,
the least of 5 runs, parsing every article once.

| reader | CPU seconds |
|---|---:|
{table}

tqcheck reads Markdown with pyromark (pulldown-cmark's events with their byte ranges, mapped to code points) and
finds front matter itself. Its segments and position maps are the same as markdown-it-py's reader gave on the
samples, the real-MT corpus, the repository's docs and the position tests, except three cases where the
old reader was wrong or differs by design: an image's alt text after an autolink is read (it was lost), a
backslash-escaped character at the start of a paragraph maps to both source characters (as it did elsewhere),
and `~single~` tildes mark strikethrough as on GitHub.""", RESULTS)
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
