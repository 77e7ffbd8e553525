"""Take the README's screenshots of the report on the example articles.

Usage: ``.venv/bin/python -m scripts.screenshots [--out docs]``

Analyses ``examples/seeds``, opens the report from disk in Debian's Chromium
(``/usr/bin/chromium``, headless, through Playwright; no browser is
downloaded) and writes:

- ``report-first-screen.png``: what a reader sees on opening the report;
- ``article-view.png``: the article view after one click on the first key
  finding's evidence (or on the first article when there is no finding).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, ViewportSize, sync_playwright

from storyline.pipeline import analyze
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}


def open_article(page: Page) -> None:
    """Follow the first key finding's evidence link, else the first article's."""
    links = page.locator("#headline .evidence a[href*='-ev']")
    if links.count() == 0:
        links = page.locator(".glance a")
    href = links.first.get_attribute("href") or ""
    links.first.click()
    page.wait_for_url(f"**{href}")
    page.wait_for_timeout(200)  # let the highlighting script mark the target


def take(report: Path, out: Path) -> list[Path]:
    """Screenshots of ``report`` into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    first, article = out / "report-first-screen.png", out / "article-view.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(report.as_uri())
            page.screenshot(path=str(first))
            open_article(page)
            page.screenshot(path=str(article))
        finally:
            browser.close()
    return [first, article]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNGs")
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        print(f"{CHROMIUM} is missing; install it with `apt-get install -y chromium`")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        analyze([SEEDS], Settings(progress=False), out_dir=Path(folder))
        for path in take(Path(folder) / "report.html", args.out):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
