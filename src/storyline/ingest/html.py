"""Web pages (``.html``, ``.htm``): main text, title and date, read offline.

trafilatura finds the main text and the metadata. It runs in its
precision-first mode: menus, "most read" lists and other pages' headlines
would otherwise enter the text, and their names and numbers would become
claims. A page where that mode finds nothing (a script shell, an error page,
a list of links) has no main text and is skipped (S014).

The date is htmldate's ``find_date`` with ``original_date`` (the publication,
not the last update) and ``extensive_search`` on, run by trafilatura on the
page it has already parsed. The bytes of the file are passed, never a URL, so
nothing is fetched. htmldate reports a bare year (often a copyright footer) as
1 January; such a date is kept only when the markup alone (htmldate without
extensive search) gives the same answer, else the dateline rule applies.

The article text is trafilatura's text output (paragraphs on their own
lines); offsets index that text. The title comes from the page's metadata,
else the first line of the text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import htmldate
import trafilatura
from trafilatura.settings import Document

from storyline.errors import BinaryInputError, EmptyInputError, NoMainTextError
from storyline.ingest.article import build_article
from storyline.ingest.decode import file_bytes, looks_binary, normalise_newlines
from storyline.ingest.published import parse_iso_date
from storyline.models import Article, Skipped
from storyline.settings import Settings

# Errors trafilatura and lxml let through on pages they cannot parse.
_EXTRACTION_ERRORS = (ValueError, LookupError, RecursionError)


def read_html(path: Path, settings: Settings) -> Iterator[Article | Skipped]:
    """Yield the article of one web page.

    Raises:
        InputError: the file cannot be read, is binary or empty, or has no main text.
    """
    yield from html_data(file_bytes(path), str(path), settings)


def html_data(data: bytes, source: str, settings: Settings) -> Iterator[Article | Skipped]:
    """The article of a web page's bytes, called ``source``; raises like :func:`read_html`."""
    _check_page(data, source)
    document = _extract(data, source)
    text = normalise_newlines(document.text or "")
    if not text.strip():
        raise _no_main_text(source)
    yield from build_article(
        text,
        source,
        settings,
        title=document.title,
        published=_page_date(data, document.date),
        url=document.url,
    )


def _check_page(data: bytes, source: str) -> None:
    if not data.strip():
        raise EmptyInputError(f"Cannot read '{source}': it holds no text; remove it or fill it")
    if looks_binary(data):
        raise BinaryInputError(
            f"Cannot read '{source}': it holds binary data, not a web page; "
            "give a .txt, .html or .jsonl file"
        )


def _extract(data: bytes, source: str) -> Document:
    """trafilatura's document for the page (text and metadata), or S014."""
    date_options = {
        "original_date": True,
        "extensive_search": True,
        "max_date": datetime.date.today().isoformat(),
    }
    try:
        document = trafilatura.bare_extraction(
            data,
            favor_precision=True,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=date_options,
        )
    except _EXTRACTION_ERRORS as exc:
        raise NoMainTextError(
            f"Cannot read '{source}': the page cannot be parsed ({exc}); "
            "save the page again or give its text as .txt"
        ) from exc
    if not isinstance(document, Document):
        raise _no_main_text(source)
    return document


def _page_date(data: bytes, found: str | None) -> str | None:
    """The page's date as ``YYYY-MM-DD``, dropping a year that htmldate padded to 1 January."""
    value = parse_iso_date(found)
    if value is None or not value.endswith("-01-01"):
        return value
    try:
        strict = htmldate.find_date(data, extensive_search=False, original_date=True)
    except _EXTRACTION_ERRORS:
        return None
    return value if parse_iso_date(strict) == value else None


def _no_main_text(source: str) -> NoMainTextError:
    return NoMainTextError(
        f"Cannot read '{source}': no main text found in the page (only menus, links or "
        "scripts); save the article's own page or give its text as .txt"
    )
