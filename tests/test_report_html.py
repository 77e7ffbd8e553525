"""report.html: sections, links that land, self-containment and empty stories."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from storyline.models import Story
from storyline.report import load_story_json, render_report, write_report
from storyline.report.views import LINK_TITLE_CHARS

FIXTURE = Path(__file__).parent / "data" / "report" / "story.json"


class Page(HTMLParser):
    """Tags, ids, links and the text of every <script> and <style> of a page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self.raw[self._in][-1] += data

    def hrefs(self) -> list[str]:
        return [str(attrs["href"]) for _, attrs in self.tags if attrs.get("href") is not None]


@pytest.fixture(scope="module")
def html() -> str:
    return render_report(load_story_json(FIXTURE))


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


def test_report_html_sections_come_in_reading_order(page: Page) -> None:
    sections = [attrs["id"] for tag, attrs in page.tags if tag == "section"]
    assert sections == [
        "headline",
        "incidents",
        "figures",
        "timeline",
        "actors",
        "findings",
        "articles",
        "entities",
        "skipped",
    ]


def test_report_html_header_and_headline_read_first(html: str) -> None:
    assert "<h1>Ruritania, Osterlich and Rudolf Elphberg</h1>" in html
    assert "<strong>5</strong> findings" in html
    headline = html[html.index('id="headline"') : html.index('id="figures"')]
    conflict = headline.index("Ruritanian soldiers killed: about 4,000")
    weekday = headline.index("September 3, 2025 was a Wednesday")
    agreement = headline.index("Two articles agree")
    assert conflict < weekday < agreement


def test_report_html_every_internal_link_lands(page: Page) -> None:
    ids = set(page.ids)
    assert len(ids) == len(page.ids), "duplicate ids"
    targets = [href[1:] for href in page.hrefs() if href.startswith("#")]
    assert "finding-f-conflict-ev1" in targets
    assert "claim-c3" in targets
    assert [target for target in targets if target not in ids] == []


def test_report_html_evidence_is_marked_in_the_article_view(page: Page) -> None:
    marks = {attrs.get("id"): attrs for tag, attrs in page.tags if tag == "mark"}
    evidence = marks["finding-f-conflict-ev1"]
    assert evidence["class"] == "hl hl-evidence"
    assert evidence["data-hl"] == "finding-f-conflict-ev1"
    kinds = {attrs["class"] for tag, attrs in page.tags if tag == "mark"}
    for kind in ("time", "quantity", "claim", "entity", "event", "tone"):
        assert f"hl hl-{kind}" in kinds


def test_report_html_shows_figures_cards_entities_and_skipped(html: str) -> None:
    figures = html[html.index('id="figures"') : html.index('id="timeline"')]
    for text in ("more than 15,000", "about 4,000", "10,000–12,000", "up to 4,000", "unattributed"):
        assert text in figures
    assert "SATIRE" in figures
    articles = html[html.index('id="articles"') : html.index('id="entities"')]
    assert "(from dateline)" in articles and "date unknown" in articles
    entities = html[html.index('id="entities"') : html.index('id="skipped"')]
    assert "Ruritanian" in entities and "organization" in entities
    assert "in/bad.bin" in html[html.index('id="skipped"') :]
    assert "2 undated items left out." in html


def test_report_html_is_self_contained(page: Page, html: str) -> None:
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)
        assert tag not in ("link", "img", "iframe", "object", "embed", "base", "form")
    assert not re.search(r"url\((?!#)", "".join(page.raw["style"]))
    assert "@import" not in html
    assert html.count("<script") == 1
    assert "@media print" in page.raw["style"][0]


def test_report_html_policy_admits_only_its_own_script_and_style(page: Page) -> None:
    (policy,) = [
        attrs["content"]
        for tag, attrs in page.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None
    assert "default-src 'none'" in policy
    for kind, directive in (("script", "script-src"), ("style", "style-src")):
        (text,) = page.raw[kind]
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def test_report_html_empty_story_says_so_plainly() -> None:
    html = render_report(Story(generated_at="2025-01-01T00:00:00+00:00"))
    Page(html)
    for sentence in (
        "No findings: nothing conflicting",
        "No figures were found.",
        "No dated events or claims.",
        "No relations found.",
        "No articles were analysed.",
        "No entities found.",
        "No inputs were skipped.",
    ):
        assert sentence in html
    assert "<svg" not in html
    assert "<h1>Storyline report</h1>" in html


def test_report_html_write_report_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    story = load_story_json(FIXTURE)
    write_report(story, target)
    first = target.read_text(encoding="utf-8")
    write_report(story, target)
    assert target.read_text(encoding="utf-8") == first
    assert first.startswith("<!DOCTYPE html>")
    assert sorted(path.name for path in target.parent.iterdir()) == ["report.html"]


def test_report_html_text_is_kept_verbatim_inside_marks() -> None:
    story = load_story_json(FIXTURE)

    class TextOf(HTMLParser):
        """Collects the text of each ``.text`` div, leaving out the finding flags."""

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.texts: list[str] = []
            self.depth = 0
            self.flag = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "div" and ("class", "text") in attrs:
                self.depth = 1
                self.texts.append("")
            elif self.depth and tag == "div":
                self.depth += 1
            self.flag = self.flag or (tag == "a" and ("class", "flag") in attrs)

        def handle_endtag(self, tag: str) -> None:
            if tag == "div" and self.depth:
                self.depth -= 1
            if tag == "a":
                self.flag = False

        def handle_data(self, data: str) -> None:
            if self.depth and not self.flag:
                self.texts[-1] += data

    parser = TextOf()
    parser.feed(render_report(story))
    assert parser.texts == [article.text for article in story.articles]


def test_report_html_long_title_is_not_repeated_per_claim() -> None:
    """A long title is shown whole once; each figure links to its article by a short name."""
    story = load_story_json(FIXTURE)
    claims_of_a1 = sum(claim.article == "a1" for claim in story.claims)

    def size(title: str, copies: int) -> int:
        articles = tuple(
            dataclasses.replace(a, title=title) if a.id == "a1" else a for a in story.articles
        )
        claims = tuple(
            dataclasses.replace(c, id=f"{c.id}-{i}") for i in range(copies) for c in story.claims
        )
        return len(render_report(dataclasses.replace(story, articles=articles, claims=claims)))

    long, short = "x " * 150, "x " * 15
    extra_once = size(long, 1) - size(short, 1)
    extra_many = size(long, 21) - size(short, 21)
    per_claim = (extra_many - extra_once) / (20 * claims_of_a1)
    assert claims_of_a1 and per_claim <= LINK_TITLE_CHARS < len(long) - len(short)


def test_report_html_tone_badge_of_an_article_gives_its_probability(page: Page) -> None:
    story = load_story_json(FIXTURE)
    titles = [
        str(attrs.get("title"))
        for tag, attrs in page.tags
        if tag == "span" and "tone" in str(attrs.get("class", "")).split()
    ]
    for article in story.articles:
        label, score = article.tone.label, article.tone.score
        assert f"reads as {label} with probability {score:.2f}" in titles
