"""In a real browser: one click from a headline finding to its sentence, highlighted.

Drives Debian's Chromium (``/usr/bin/chromium``, installed by ``apt-get install
chromium``) headless through Playwright; no browser is ever downloaded. The
served app runs with uvicorn on 127.0.0.1 in a background thread; the report
is opened from disk. Screenshots go to ``out/``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.models import ArticleAnalysis, Story
from storyline.pipeline import analyze
from storyline.report import load_story_json, write_report
from storyline.serve import create_app
from storyline.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

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
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"
FIXTURE = Path(__file__).parent / "data" / "report" / "story.json"
HEADLINE_EVIDENCE = "#headline .evidence a[href*='-ev']"

if not CHROMIUM.is_file():
    pytest.skip(
        f"{CHROMIUM} is missing; install it with `apt-get install -y chromium`",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright  # noqa: E402

VIEWPORT: ViewportSize = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == [], "the page raised errors or broke its own policy"


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, nlp: Any) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "story.db"
    analyze([seeds_dir], db=db, nlp=nlp)
    return db


@pytest.fixture(scope="module")
def seeds_story(seeds_db: Path) -> Story:
    with Store.open(seeds_db, create=False) as store:
        return store.load_story()


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose saved story is the report's hand-made fixture (five findings)."""
    db = tmp_path_factory.mktemp("fixture") / "story.db"
    story = load_story_json(FIXTURE)
    with Store.open(db) as store:
        for article in story.articles:
            store.save_analysis(ArticleAnalysis(article))
        store.save_story(story)
    return db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(db: Path) -> Iterator[str]:
    """Serve the app over ``db`` on 127.0.0.1 in a thread; yields its base address."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(
        create_app(db), host="127.0.0.1", port=port, log_level="warning", ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def seeds_app(seeds_db: Path) -> Iterator[str]:
    yield from _serve(seeds_db)


@pytest.fixture(scope="module")
def fixture_app(fixture_db: Path) -> Iterator[str]:
    yield from _serve(fixture_db)


def click_to_evidence(page: Page) -> str:
    """Click the first headline finding's evidence link; return the id it leads to."""
    link = page.locator(HEADLINE_EVIDENCE).first
    href = link.get_attribute("href") or ""
    target = href.split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**#{target}")
    page.wait_for_function(
        "id => document.getElementById(id)?.classList.contains('active')", arg=target
    )
    return target


def assert_highlighted(page: Page, target: str) -> None:
    """The evidence mark is the page's target, coloured (nothing inside covers it), on screen."""
    mark = page.locator(f"mark[id='{target}']")
    assert mark.count() == 1
    assert mark.evaluate("el => el.matches(':target') && el.classList.contains('active')")
    assert "hl-evidence" in (mark.get_attribute("class") or "")
    background = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    inner = mark.evaluate(
        "el => [...el.querySelectorAll('mark')].map(m => getComputedStyle(m).backgroundColor)"
    )
    assert set(inner) <= {"rgba(0, 0, 0, 0)"}, "marks inside the passage hide its colour"
    box = mark.bounding_box()
    assert box is not None and box["y"] + box["height"] > 0 and box["y"] < VIEWPORT["height"]


def _require_evidence(story: Story) -> None:
    if not any(finding.evidence for finding in story.findings):
        pytest.skip("the seeds' story has no finding with evidence yet")


def test_browser_app_headline_finding_leads_to_its_highlighted_sentence(
    page: Page, fixture_app: str
) -> None:
    page.goto(fixture_app + "/")
    assert "Ruritanian soldiers killed" in page.locator("#headline").inner_text()
    target = click_to_evidence(page)
    assert page.url.startswith(fixture_app + "/articles/")
    assert_highlighted(page, target)
    page.screenshot(path=str(OUT / "browser-app-fixture-evidence.png"))


def test_browser_app_seeds_headline_finding_leads_to_its_sentence(
    page: Page, seeds_app: str, seeds_story: Story
) -> None:
    page.goto(seeds_app + "/")
    page.screenshot(path=str(OUT / "browser-app-seeds-first-screen.png"))
    _require_evidence(seeds_story)
    target = click_to_evidence(page)
    assert_highlighted(page, target)
    page.screenshot(path=str(OUT / "browser-app-seeds-evidence.png"))


def test_browser_app_kind_filter_unmarks_spans(page: Page, fixture_app: str) -> None:
    page.goto(fixture_app + "/articles/a1")
    time = page.locator("mark.hl-time").first
    marked = time.evaluate("el => getComputedStyle(el).backgroundColor")
    page.locator("input[data-hl-kind='time']").uncheck()
    assert time.evaluate("el => getComputedStyle(el).backgroundColor") != marked


def test_browser_report_headline_finding_leads_to_its_highlighted_sentence(
    page: Page, tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    write_report(load_story_json(FIXTURE), report)
    page.goto(report.as_uri())
    target = click_to_evidence(page)
    assert page.url.startswith(report.as_uri())
    assert_highlighted(page, target)


def test_browser_report_on_the_seeds_first_screen_and_article_view(
    page: Page, seeds_story: Story
) -> None:
    """The screenshots of the README: the report's first screen, then an article view."""
    report = OUT / "browser" / "report.html"
    write_report(seeds_story, report)
    page.goto(report.as_uri())
    assert page.locator("h1").inner_text()
    page.screenshot(path=str(OUT / "report-first-screen.png"))
    _require_evidence(seeds_story)
    target = click_to_evidence(page)
    assert_highlighted(page, target)
    page.screenshot(path=str(OUT / "article-view.png"))


@pytest.fixture(scope="module")
def form_app(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture's store, copied, for the form test to add to."""
    db = tmp_path_factory.mktemp("form") / "story.db"
    db.write_bytes(fixture_db.read_bytes())
    yield from _serve(db)


def test_browser_app_form_adds_an_article_and_opens_its_page(page: Page, form_app: str) -> None:
    page.goto(form_app + "/")
    page.fill("form.add-article input[name='title']", "Ferry service resumes in Port Vale")
    page.fill("form.add-article input[name='published']", "2025-09-06")
    page.fill(
        "form.add-article textarea[name='text']",
        "The harbour authority said on Friday that 1,500 passengers crossed on the first day.",
    )
    page.click("form.add-article button[type='submit']")
    page.wait_for_url(form_app + "/articles/**")
    assert "Ferry service resumes in Port Vale" in page.locator("h1").inner_text()
    page.goto(form_app + "/")
    assert "Ferry service resumes in Port Vale" in page.content()
