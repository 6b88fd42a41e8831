"""The HTML report in a real headless Chromium (Debian's, driven by Playwright): it renders, highlights sit on the
flagged words, the list scrolls to a finding, filters and keys work, hostile articles run and load nothing."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.slow

HOSTILE = """# Launch <script>window.__pwned = 1</script>

The phone <img src="http://127.0.0.1:9/x.png" onerror="window.__pwned = 2"> is here.
Read [more](javascript:window.__pwned=3) and <a href="javascript:window.__pwned=4">this</a>.
</style><style>body { background: url(http://127.0.0.1:9/bg.png) }</style></pre></mark>
<iframe src="http://127.0.0.1:9/frame"></iframe><link rel="stylesheet" href="http://127.0.0.1:9/s.css">
The xiaomi phone costs $ 30 <svg onload="window.__pwned = 5"></svg>.
"""


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium; skipped loudly when it is not installed (`make test` installs it)."""
    if not CHROMIUM.exists():
        pytest.skip(f"SKIPPED LOUDLY: {CHROMIUM} is missing; `make test` installs Debian's chromium "
                    "(apt-get install chromium); the HTML report is not tested in a browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


class Page:
    """A loaded report page with every request, console message and dialog it produced."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.console.append(message.text))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.as_uri())
        self.url = path.as_uri()

    def only_itself_loaded(self) -> bool:
        return self.requests == [self.url]


def _report(tmp_path: Path, *paths: str) -> tuple[Path, dict]:
    target = tmp_path / "report"
    run_cli("check", "--isolated", "--no-grammar", "--output", f"html={target}/", *paths)
    report = json.loads(run_cli("check", "--isolated", "--no-grammar", "--format", "json", *paths).stdout)
    return target / "index.html", report


@pytest.fixture
def samples(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    return _report(tmp_path, "samples")


def test_renders_with_highlights_on_the_flagged_words(browser, samples) -> None:
    path, report = samples
    page = Page(browser, path)
    assert page.only_itself_loaded() and page.console == []
    assert page.page.locator("article").count() == len(report["files"])
    assert page.page.locator("#index tbody tr").count() == len(report["files"])
    marked = page.page.evaluate("""() => {
        const text = {};
        for (const mark of document.querySelectorAll("mark[data-f]"))
            for (const key of mark.dataset.f.split(" ")) text[key] = (text[key] || "") + mark.textContent;
        return text;
    }""")
    expected = {f"{n}-{i}": finding["text"] for n, file in enumerate(report["files"])
                for i, finding in enumerate(file["findings"])}
    assert marked == expected
    assert page.page.locator("svg.chart").count() >= 2
    quality = page.page.locator("#a-1 .inputs caption").inner_text()
    assert quality.startswith(f"quality {report['files'][1]['score']['quality']:.1f}")


def test_clicking_a_finding_brings_it_into_view_and_explains_it(browser, samples) -> None:
    path, report = samples
    page = Page(browser, path).page
    last_file = max(n for n, f in enumerate(report["files"]) if f["findings"])
    finding = report["files"][last_file]["findings"][-1]
    key = f"{last_file}-{len(report['files'][last_file]['findings']) - 1}"
    mark = page.locator(f'mark[data-start~="{key}"]')
    assert not mark.is_visible() or mark.bounding_box()["y"] > 900  # below the fold before the click
    page.locator(f'li.finding a[data-key="{key}"]').click()
    box = mark.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 900
    assert page.locator("#detail").is_visible()
    assert page.locator('#detail [data-field="message"]').inner_text() == finding["message"]
    assert page.locator('#detail [data-field="code"]').inner_text().startswith(finding["code"])
    hover = mark.get_attribute("title")
    assert finding["message"] in hover and finding["category"] in hover


def test_filters_and_keys(browser, samples) -> None:
    path, report = samples
    page = Page(browser, path).page
    findings = [f for file in report["files"] for f in file["findings"]]
    page.select_option('select[name="severity"]', "minor")
    minor = sum(1 for f in findings if f["severity"] == "minor")
    assert page.locator("li.finding:visible").count() == minor
    assert page.locator("mark[data-start]:not(.muted)").count() == minor
    assert page.locator("#shown").inner_text() == f"{minor} of {len(findings)} findings shown"
    page.select_option('select[name="severity"]', "")
    code = findings[0]["code"]
    page.select_option('select[name="rule"]', code)
    assert page.locator("li.finding:visible").count() == sum(1 for f in findings if f["code"] == code)
    page.select_option('select[name="rule"]', "")
    category = findings[-1]["category"]
    page.select_option('select[name="category"]', category)
    assert page.locator("li.finding:visible").count() == sum(1 for f in findings if f["category"] == category)
    page.select_option('select[name="category"]', "")

    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("n")
    page.keyboard.press("n")
    second = page.locator("li.finding.current")
    assert second.count() == 1 and second.get_attribute("data-where").endswith(
        f":{findings[1]['line']}:{findings[1]['column']}")
    page.keyboard.press("p")
    assert page.locator('#detail [data-field="message"]').inner_text() == findings[0]["message"]
    page.keyboard.press("Escape")
    assert not page.locator("#detail").is_visible()


def test_hostile_article_runs_and_loads_nothing(browser, tmp_path) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "launch.md").write_text(HOSTILE)
    (articles / "launch.html").write_text(f"<html><body><p>{HOSTILE}</p></body></html>")
    (articles / '<img src=x onerror="window.__pwned=6">.txt').write_text(HOSTILE)
    path, report = _report(tmp_path, str(articles))
    assert sum(len(f["findings"]) for f in report["files"]) >= 3
    page = Page(browser, path)
    assert page.page.evaluate("() => window.__pwned") is None
    assert page.only_itself_loaded() and page.dialogs == [] and page.console == []
    assert page.page.locator("script").count() == 1
    injected = "img, iframe, link, main style, main svg:not(.chart), main a[href^='javascript'], [onerror], [onload]"
    assert page.page.locator(injected).count() == 0
    assert "<script>window.__pwned = 1</script>" in page.page.locator("#a-0 pre.text").inner_text()


def test_a_hundred_articles_render_quickly(browser, tmp_path) -> None:
    articles = tmp_path / "batch"
    articles.mkdir()
    samples = [p for p in (ROOT / "samples").iterdir() if p.suffix in (".md", ".txt", ".html")]
    for number in range(100):
        source = samples[number % len(samples)]
        shutil.copy(source, articles / f"{number:03d}-{source.name}")
    path, report = _report(tmp_path, str(articles))
    assert len(report["files"]) == 100
    started = time.perf_counter()
    page = Page(browser, path).page
    page.select_option('select[name="severity"]', "major")
    loaded = time.perf_counter() - started
    assert page.locator("article").count() == 100
    assert loaded < 15, f"loading and filtering 100 articles took {loaded:.1f} s"


def test_text_from_stdin_is_shown(tmp_path) -> None:
    target = tmp_path / "stdin.html"
    run_cli("check", "--isolated", "--no-grammar", "--stdin-filename", "piped.md", "--output", f"html={target}", "-",
            input="The xiaomi <b>phone</b>.\n")
    page = target.read_text()
    assert 'data-start="0-0"' in page and "&lt;b&gt;phone&lt;/b&gt;" in page and "unavailable" not in page


def test_score_inputs_show_the_calibrated_model_and_the_signature(tmp_path) -> None:
    target = tmp_path / "report.html"
    paths = [str(ROOT / "samples" / "galaxy-launch.txt")]
    run_cli("check", "--isolated", "--no-grammar", "--output", f"html={target}", *paths)
    report = json.loads(run_cli("check", "--isolated", "--no-grammar", "--format", "json", *paths).stdout)
    score, page = report["files"][0]["score"], target.read_text()
    assert f"{score['penalty']:g} × 1000 / {score['evaluation_words']}" in page
    assert f"100 × 0.95^({score['normed_penalty']:g} / 5)" in page and f"quality {score['quality']:.1f}" in page
    assert all(reason in page for reason in score["failures"]) and score["signature"] in page
