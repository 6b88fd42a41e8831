"""The HTML report for editors: one self-contained page, an index and a section per article with its text,
highlighted findings, score inputs and a chart. Article text is always escaped, and the page's Content Security
Policy allows only its own inline style and script, so nothing in an article can run or load anything."""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from functools import lru_cache
from html import escape

from ... import __version__
from ...defaults import WEIGHTS
from ...errors import InputError
from ...findings import Finding
from ...resources import data_dir
from ...results import FileResult
from ...scoring import ANCHOR, ScoreModel
from ..highlight import Span, highlight
from ..model import Report
from ..svg import bar_chart

_SEVERITIES = ("critical", "major", "minor")
# Zero-weight hints (shown with --show-hints) are listed and highlighted but score nothing.
_LISTED = _SEVERITIES + ("neutral",)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (data_dir() / "report" / name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def _policy(style: str, script: str) -> str:
    """Only this page's own style and script; no image, font, frame, form or connection, to anywhere."""
    return (f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; img-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def _article_text(report: Report, result: FileResult) -> tuple[str | None, str]:
    """The decoded text the findings' offsets point into, or None and why it cannot be shown."""
    from ...documents.loader import decode
    from ...files import read_file

    try:
        data = report.inputs.get(result.path)
        if data is None:
            data = read_file(result.path, max_size=1 << 40)
        return decode(data, result.path), ""
    except InputError as error:
        return None, error.message


def _fix(finding: Finding) -> str:
    if finding.fix_safe and finding.suggestions:
        return f"safe: replace '{finding.text}' with '{finding.suggestions[0]}'"
    if finding.suggestions:
        return "by hand: pick a suggestion"
    return "by hand: rewrite or delete the flagged text"


def _title(finding: Finding) -> str:
    """The hover text of a highlight: what the finding is and how to fix it."""
    lines = [f"{finding.code} {finding.name} · {finding.severity.value} · {finding.category}", finding.message]
    if finding.suggestions:
        lines.append("Suggestion: " + ", ".join(finding.suggestions))
    lines.append("Fix: " + _fix(finding))
    return "\n".join(lines)


def _item(key: str, path: str, finding: Finding) -> str:
    """A finding in the list: its data drive the filters and the detail panel."""
    suggestion = ", ".join(finding.suggestions)
    data = {"key": key, "severity": finding.severity.value, "category": finding.category, "rule": finding.code,
            "code": f"{finding.code} {finding.name}", "message": finding.message, "suggestion": suggestion,
            "fix": _fix(finding), "where": f"{path}:{finding.line}:{finding.column}"}
    attributes = " ".join(f'data-{name}="{escape(value)}"' for name, value in data.items())
    hint = f" → {escape(suggestion)}" if suggestion else ""
    return (f'<li class="finding sev-{finding.severity.value}" {attributes}><a href="#f-{key}" data-key="{key}">'
            f'<span class="sev">{finding.severity.value}</span> <code>{finding.line}:{finding.column}</code> '
            f'{finding.code} {escape(finding.message)}{hint}</a></li>')


def _penalties(findings: list[Finding], model: ScoreModel) -> dict[str, float]:
    """Penalty points per MQM category, as the run's model counts them."""
    points: Counter[str] = Counter()
    for finding in findings:
        points[finding.category] += model.points(finding)
    return {category: value for category, value in points.items() if value}


def _normed_how(model: ScoreModel, penalty: float, words: int) -> str:
    if model.length_aware:
        return (f"{penalty:g} × ln(1 + {model.reference_words} / {model.length_scale}) / "
                f"ln(1 + {words} / {model.length_scale})")
    return f"{penalty:g} × {model.reference_words} / {words}"


def _quality_how(model: ScoreModel, normed: float) -> str:
    if model.model == "linear":
        return f"100 − {100 - ANCHOR:g} × {normed:g} / {model.tolerance:g}, never below 0"
    return f"100 × {ANCHOR / 100:g}^({normed:g} / {model.tolerance:g})"


def _score(result: FileResult, model: ScoreModel) -> str:
    """The score with every input that made it, and the verdict with its reasons."""
    score, verdict = result.score, result.verdict
    if score is None or verdict is None:
        return ""
    counts = Counter(f.severity.value for f in result.findings)
    terms = " + ".join(f"{counts[s]} {s} × {model.weights.get(s, WEIGHTS[s]):g}" for s in _SEVERITIES)
    if model.category_weights:
        terms += ", times category weights"
    if score.evidence:
        terms += f" + source evidence {score.evidence:g}"
    outcome = '<span class="fail">FAIL</span>' if result.failed else '<span class="pass">pass</span>'
    rows = [("penalty points", terms, f"{score.penalty:g}"), ("words", "prose, outside code", str(result.words)),
            ("normed penalty", _normed_how(model, score.penalty, result.words), f"{score.normed_penalty:g}"),
            ("quality", _quality_how(model, score.normed_penalty), f"{score.quality:.1f}"),
            ("threshold", "the file passes at or above it", f"{verdict.threshold:.1f}")]
    rows += [("fails", reason, "") for reason in verdict.failures]
    body = "".join(f"<tr><th>{name}</th><td>{escape(how)}</td><td class=\"num\">{escape(value)}</td></tr>"
                   for name, how, value in rows)
    return (f'<div class="score"><table class="inputs"><caption>quality {score.quality:.1f}: {outcome}</caption>'
            f"{body}</table>{bar_chart(_penalties(result.findings, model), 'Penalty points per category')}</div>")


def _article(report: Report, number: int, result: FileResult) -> str:
    verdict = ('<span class="error">could not be checked</span>' if result.errors else
               '<span class="fail">FAIL</span>' if result.failed else '<span class="pass">pass</span>')
    parts = [f'<article id="a-{number}"><h2>{escape(result.path)} · {verdict}</h2>']
    if result.errors:
        parts.append('<ul class="errors">' + "".join(f"<li>{escape(str(e))}</li>" for e in result.errors) + "</ul>")
        return "".join(parts) + "</article>"
    parts.append(_score(result, report.model))
    keys = [f"{number}-{index}" for index in range(len(result.findings))]
    if result.findings:
        parts.append('<ol class="findings">' + "".join(
            _item(key, result.path, f) for key, f in zip(keys, result.findings)) + "</ol>")
    text, problem = _article_text(report, result)
    if text is None:
        parts.append(f'<p class="errors">Article text unavailable: {escape(problem)}</p>')
    else:
        spans = [Span(key, f.start, f.end, f.severity.value, _title(f)) for key, f in zip(keys, result.findings)]
        parts.append(f'<pre class="text">{highlight(text, spans)}</pre>')
    return "".join(parts) + "</article>"


def _index(report: Report) -> str:
    rows = []
    for number, result in enumerate(report.files):
        counts = Counter(f.severity.value for f in result.findings)
        quality = f"{result.score.quality:.1f}" if result.score else "–"
        verdict = ('<span class="error">error</span>' if result.errors else
                   '<span class="fail">FAIL</span>' if result.failed else '<span class="pass">pass</span>')
        rows.append(f'<tr><td><a href="#a-{number}">{escape(result.path)}</a></td><td>{verdict}</td>'
                    f'<td class="num">{quality}</td><td class="num">{len(result.findings)}</td>'
                    + "".join(f'<td class="num">{counts[s]}</td>' for s in _SEVERITIES)
                    + f'<td class="num">{result.words}</td></tr>')
    everything = [f for result in report.files for f in result.findings]
    return ('<nav id="index"><h2>Articles</h2><table><thead><tr><th>article</th><th>verdict</th>'
            '<th class="num">quality</th><th class="num">findings</th><th class="num">critical</th>'
            '<th class="num">major</th><th class="num">minor</th><th class="num">words</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>"
            + bar_chart(_penalties(everything, report.model), "Penalty points per category, all articles") + "</nav>")


def _corpus(summary: dict) -> str:
    """The corpus score and the reasons the run failed its gates."""
    if summary["score"] is None:
        return ""
    failures = "".join(f'<p class="fail">Run failed: {escape(reason)}.</p>' for reason in summary["failures"])
    return f"<p>Corpus quality {summary['score']['quality']:.1f}.</p>{failures}"


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    listed = "".join(f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in options)
    return f'<label>{label} <select name="{name}"><option value="">all</option>{listed}</select></label>'


def _filters(report: Report) -> str:
    findings = [f for r in report.files for f in r.findings]
    categories = sorted({f.category for f in findings})
    shown_severities = set(_SEVERITIES) | {f.severity.value for f in findings}
    rules = sorted({(f.code, f"{f.code} {f.name}") for f in findings})
    return ('<div id="filters">' + _select("severity", "Severity", [(s, s) for s in _LISTED if s in shown_severities])
            + _select("category", "Category", [(c, c) for c in categories]) + _select("rule", "Rule", rules)
            + '<span id="shown" class="meta"></span><span class="keys"><kbd>n</kbd>/<kbd>p</kbd> next/previous '
              "finding, <kbd>Esc</kbd> closes the details</span></div>")


_DETAIL = ('<aside id="detail" hidden aria-live="polite"><button type="button" aria-label="Close">×</button><dl>'
           + "".join(f'<dt>{label}</dt><dd data-field="{field}"></dd>' for field, label in (
               ("code", "rule"), ("severity", "severity"), ("category", "category"), ("message", "message"),
               ("suggestion", "suggestion"), ("fix", "fix"), ("where", "where")))
           + "</dl></aside>")


class HtmlEmitter:
    """One self-contained page: no external request, article content escaped, works offline."""

    def __init__(self, color: bool = False):
        self.color = color  # the page has its own colours

    def report(self, report: Report) -> str:
        """Header, index, filters, a section per article, the detail panel, and the inline style and script."""
        style, script = _asset("report.css"), _asset("report.js")
        summary = report.summary()
        grammar = ("grammar checked: " if report.grammar.checked else "grammar not checked: ") + report.grammar.reason
        head = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                f'<meta http-equiv="Content-Security-Policy" content="{_policy(style, script)}">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>tqcheck report: {summary['failed_files']} of {summary['files']} articles fail</title>"
                f"<style>{style}</style></head><body>")
        header = (f"<header><h1>tqcheck report</h1><p>{summary['files']} articles, {summary['words']} words: "
                  f"{summary['findings']} findings; {summary['failed_files']} fail, {summary['error_files']} could "
                  f'not be checked.</p><p class="meta">{escape(grammar)}</p>'
                  f"{_corpus(summary)}"
                  f'<p class="signature">{escape(report.signature)} · tqcheck {__version__}</p></header>')
        articles = "".join(_article(report, n, r) for n, r in enumerate(report.files))
        return (head + header + _index(report) + _filters(report) + f"<main>{articles}</main>" + _DETAIL
                + f"<script>{script}</script></body></html>\n")
