"""Web pages: main text, title, date and url from saved pages, read offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import read_path
from storyline.models import Article, Published, Skipped

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def _read(path: Path) -> list[Article | Skipped]:
    return list(read_path(path))


def test_ingest_html_main_text_title_date_and_url() -> None:
    [article] = _read(DATA / "harbour_bridge.html")
    assert isinstance(article, Article)
    assert article.title == "Harbour bridge reopens after two years of repairs"
    assert article.published == Published("2024-05-14", "metadata")
    assert article.url == "https://courier.example.org/news/2024/harbour-bridge-reopens"
    assert "cost 41 million euros" in article.text
    assert "final load test" in article.text
    for boilerplate in ("Most read", "Storm warning", "All rights reserved", "analytics", "Sport"):
        assert boilerplate not in article.text
    assert article.word_count == len(article.text.split())


def test_ingest_html_offsets_index_the_extracted_text() -> None:
    [article] = _read(DATA / "harbour_bridge.html")
    assert isinstance(article, Article)
    start = article.text.index("41 million euros")
    assert article.text[start : start + len("41 million euros")] == "41 million euros"
    assert "\r" not in article.text


def test_ingest_html_copyright_year_is_not_a_publication_date() -> None:
    [article] = _read(DATA / "copyright_only.htm")
    assert isinstance(article, Article)
    assert article.title == "Village school gets a new library"
    assert article.published == Published(None, "unknown")


def test_ingest_html_page_without_main_text_is_skipped() -> None:
    [item] = _read(DATA / "no_main_text.html")
    assert isinstance(item, Skipped)
    assert item.reason.startswith("[S014]") and "no_main_text.html" in item.reason


def test_ingest_html_date_printed_in_the_page_is_found(tmp_path: Path) -> None:
    """htmldate's extensive search reads dates printed in the page; basis stays metadata."""
    paragraphs = "".join(
        f"<p>Paragraph {n}: the committee heard evidence from residents, engineers and "
        "the operator about delays on the northern branch of the line.</p>"
        for n in range(4)
    )
    page = (
        "<html><head><title>Rail inquiry opens</title></head><body><article>"
        "<h1>Rail inquiry opens</h1><p>Posted on April 4 2017 by the desk</p>"
        f"{paragraphs}</article></body></html>"
    )
    path = tmp_path / "inquiry.html"
    path.write_text(page, encoding="utf-8")
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.published == Published("2017-04-04", "metadata")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "[S012]"),
        (b"  \n ", "[S012]"),
        (b"\x00\x01\x02GIF89a" * 50, "[S011]"),
        (b"<html><body></body></html>", "[S014]"),
        (b"just some words, not a page", "[S014]"),
    ],
)
def test_ingest_html_bad_pages_are_skipped(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(data)
    [item] = _read(path)
    assert isinstance(item, Skipped)
    assert item.reason.startswith(code), item.reason
