"""Turn a decoded text and what its format says about it into an :class:`Article`.

Shared by every reader so that titles, ids, dates, word counts and the length
limit work the same whatever the input format.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator

from storyline.errors import TruncatedInputError
from storyline.ingest.published import resolve_published
from storyline.models import Article, Skipped
from storyline.settings import Settings


def identity_text(text: str) -> str:
    """The text two inputs must share to count as the same article.

    Unicode is composed (NFC) and every run of whitespace becomes one space,
    so a re-wrapped or re-saved copy of an article is still recognised.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_digest(text: str) -> str:
    """SHA-256 (hex) of :func:`identity_text`."""
    return hashlib.sha256(identity_text(text).encode("utf-8")).hexdigest()


def content_id(text: str) -> str:
    """A stable article id from the text alone: ``a`` + 12 hex digits of its digest."""
    return "a" + content_digest(text)[:12]


def first_line(text: str) -> str | None:
    """The first non-empty line, stripped (a plain-text article's title)."""
    return next((line.strip() for line in text.split("\n") if line.strip()), None)


def word_count(text: str) -> int:
    """Whitespace-separated words in ``text``."""
    return len(text.split())


def build_article(
    text: str,
    source: str,
    settings: Settings,
    *,
    article_id: str | None = None,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Iterator[Article | Skipped]:
    """Yield the article, preceded by a repair note when its text had to be cut.

    ``title`` and ``published`` are what the input's metadata says (None when
    it says nothing); the title falls back to the first non-empty line and the
    date to a dateline (see :mod:`storyline.ingest.dateline`).
    """
    text, note = _cut(text, source, settings.max_chars)
    if note is not None:
        yield note
    yield Article(
        id=article_id or content_id(text),
        source=source,
        title=(title or "").strip() or first_line(text),
        text=text,
        published=resolve_published(published, text),
        word_count=word_count(text),
        url=url,
    )


def _cut(text: str, source: str, limit: int) -> tuple[str, Skipped | None]:
    """The text cut to at most ``limit`` characters, at a space when one is near the end."""
    if len(text) <= limit:
        return text, None
    space = max(text.rfind(" ", 0, limit + 1), text.rfind("\n", 0, limit + 1))
    end = space if space > limit // 2 else limit
    note = TruncatedInputError(
        f"'{source}' has {len(text):,} characters, more than max_chars ({limit:,}); "
        f"the first {end:,} are analysed; split it into several articles or raise max_chars"
    )
    return text[:end], Skipped(source, str(note))
