"""Output formats behind one protocol: each emitter is one module here and one line in EMITTERS."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from ...findings import RuleInfo
    from ...results import FileResult
    from ..model import Report


class Format(NamedTuple):
    """Where a format's emitter lives, the file name it takes inside a folder, and whether it lists rules."""

    emitter: str  # module:class, imported when used, so the command line starts without it
    file_name: str
    lists_rules: bool = True


EMITTERS = {
    "text": Format("text:TextEmitter", "tqcheck.txt"),
    "json": Format("json:JsonEmitter", "tqcheck.json"),
    "sarif": Format("sarif:SarifEmitter", "tqcheck.sarif"),
    "github": Format("github:GithubEmitter", "tqcheck-annotations.txt", lists_rules=False),
    "junit": Format("junit:JunitEmitter", "tqcheck-junit.xml", lists_rules=False),
    "markdown": Format("markdown:MarkdownEmitter", "tqcheck.md"),
    "html": Format("html:HtmlEmitter", "index.html", lists_rules=False),
}
RULE_FORMATS = [name for name, entry in EMITTERS.items() if entry.lists_rules]


class Emitter(Protocol):
    """Renders a run's report, or the rule list of `tqcheck rules` (where `lists_rules`), as one string."""

    def __init__(self, color: bool = False) -> None:
        """`color` styles the output of emitters that can (text); the others ignore it."""

    def report(self, report: Report) -> str:
        """The whole report."""

    def rules(self, rules: list[RuleInfo]) -> str:
        """Every rule with code, severity, category and description (only formats whose `lists_rules` is set)."""


class Streaming(Emitter, Protocol):
    """An emitter that writes a report as its files' results arrive: the opening needs none of them, each file's
    part only its result, and the closing only the report's summary (its tally) and run-wide fields."""

    def opening(self, report: Report) -> str:
        """What comes before the first file."""

    def part(self, report: Report, result: FileResult, index: int) -> str:
        """File number `index`'s part."""

    def closing(self, report: Report) -> str:
        """What comes after the last file."""


def streams(emitter: Emitter) -> bool:
    """Whether the emitter can write a report as results arrive."""
    return all(hasattr(emitter, name) for name in ("opening", "part", "closing"))


def in_parts(emitter: Streaming, report: Report) -> Iterator[str]:
    """A streaming emitter's report of files already there, in the pieces it writes as they arrive."""
    yield emitter.opening(report)
    for index, result in enumerate(report.files):
        yield emitter.part(report, result, index)
    yield emitter.closing(report)


def whole(emitter: Streaming, report: Report) -> str:
    """A streaming emitter's report as one string."""
    return "".join(in_parts(emitter, report))


def pieces(emitter: Emitter, report: Report) -> Iterable[str]:
    """The report in the pieces a streaming emitter writes (a large report need not be held whole), else whole."""
    return in_parts(emitter, report) if streams(emitter) else [emitter.report(report)]


def emitter(name: str, *, color: bool = False) -> Emitter:
    """The emitter for a format name."""
    module, _, cls = EMITTERS[name].emitter.partition(":")
    return getattr(import_module(f"{__name__}.{module}"), cls)(color=color)
