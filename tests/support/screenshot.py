"""Re-make docs/html-report.png: the samples' HTML report in headless Chromium, a finding selected.

`make screenshot` runs it: python tests/support/screenshot.py REPORT.html OUT.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


def screenshot(report: Path, target: Path) -> None:
    """Open the report, click the second finding of the second article, and save the viewport."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 820})
        page.goto(report.resolve().as_uri())
        page.locator("#a-1 li.finding a").nth(1).click()
        page.evaluate("() => window.scrollBy(0, -330)")
        page.screenshot(path=str(target))
        browser.close()


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
