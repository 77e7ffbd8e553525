"""Turn a decoded text and what its format says about it into an :class:`Article`.

Shared by every reader so that titles, ids, dates, word counts and the length
limit work the same whatever the input format.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator

from storyline.errors import OtherLanguageError, TruncatedInputError
from storyline.ingest.language import ENGLISH, detect_language
from storyline.ingest.published import resolve_published
from storyline.models import Article, Skipped
from storyline.settings import Settings

#: The longest title kept, in characters; a longer one is cut at a word and ends with "…".
MAX_TITLE_CHARS = 300

# The end of a sentence: ., ! or ? (perhaps closed by a quote or bracket), then a space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


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
    """The first non-empty line, stripped, found without splitting the whole text."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end].strip()
        if line:
            return line
        start = end + 1
    return None


def make_title(given: str | None, text: str) -> str | None:
    """An article's title: one line of at most :data:`MAX_TITLE_CHARS` characters.

    The title the input's metadata gives (its whitespace collapsed), else the
    text's first non-empty line; a text with no line break at all has no
    title line, so its first sentence is used instead.
    """
    title = " ".join((given or "").split())
    if not title:
        line = first_line(text)
        if line is None:
            return None
        title = _first_sentence(line) if "\n" not in text.strip() else line
    return clip(title, MAX_TITLE_CHARS)


def _first_sentence(line: str) -> str:
    """The line up to the end of its first sentence (looked for near its start only).

    A full stop after fewer than three words (``Dr. Reyes``) ends no sentence.
    """
    head = line[: MAX_TITLE_CHARS * 2]
    for end in _SENTENCE_END.finditer(head):
        sentence = head[: end.end()].strip()
        if len(sentence.split()) >= 3:
            return sentence
    return head


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut to at most ``limit`` characters at a word, marked with "…"."""
    text = " ".join(text[: limit * 4].split()) if len(text) > limit else text
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit)
    end = space if space > limit // 2 else limit - 1
    return text[:end].rstrip() + "…"


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

    An article detected as written in another language than English is
    skipped (S071) unless ``settings.any_language``; either way its language
    is found (:func:`~storyline.ingest.language.detect_language`) and kept.

    ``title`` and ``published`` are what the input's metadata says (None when
    it says nothing); the title falls back to the first non-empty line (see
    :func:`make_title`) and the date to a dateline (see
    :mod:`storyline.ingest.dateline`).
    """
    text, note = _cut(text, source, settings.max_chars)
    if note is not None:
        yield note
    language = detect_language(text)
    if language not in (ENGLISH, None) and not settings.any_language:
        yield _other_language(source, language)
        return
    yield Article(
        id=article_id or content_id(text),
        source=source,
        title=make_title(title, text),
        text=text,
        published=resolve_published(published, text),
        word_count=word_count(text),
        url=url,
        language=language,
    )


def _other_language(source: str, language: str | None) -> Skipped:
    error = OtherLanguageError(
        f"'{source}' is written in '{language}' (ISO 639-1), not English, which is the only "
        "language Storyline reads; give --any-language to analyse it anyway"
    )
    return Skipped(source, str(error))


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
