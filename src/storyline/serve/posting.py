"""``POST /api/articles``: read a body of articles, analyse them, merge them into the store.

A body is one plain-text article (``text/plain``, first line the title), one
web page (``text/html``) or many articles as JSON lines
(``application/x-ndjson`` or ``application/jsonl``). It is read by
:func:`storyline.ingest.read_bytes` as a file with the matching extension, so
a posted article is read exactly like a file given to ``storyline analyze``.
The articles are then analysed and stored, and the story rebuilt, by
:func:`storyline.pipeline.analyze_into`.

Everything that can refuse a body is checked before the store is touched,
so a refused post changes nothing:

- a body larger than ``Limits.max_body_bytes``: 413 (checked on the declared
  length first, then while reading, so a large body is never held whole);
- a content type other than the three above, or an unknown charset: 415;
- a body from which no article can be read (no text, binary data, JSON lines
  that are all invalid): 422, with each reason;
- more than ``Limits.max_batch`` articles: 413.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from fastapi.concurrency import run_in_threadpool

from ..ingest import read_bytes
from ..models import Article, Skipped
from ..pipeline import analyze_into
from ..settings import Settings
from ..store import text_hash
from .guard import TOKEN_FIELD, check_form_token
from .problems import ApiError
from .state import AppState, Limits

#: The file extension each accepted content type is read as.
CONTENT_TYPES: dict[str, str] = {
    "text/plain": ".txt",
    "text/html": ".html",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
}
_UTF8 = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


@dataclasses.dataclass(frozen=True)
class Body:
    """A request body that passed the size and type checks, as UTF-8 (or raw) bytes."""

    data: bytes
    suffix: str
    label: str


def suffix_for(content_type: str | None) -> tuple[str, str | None]:
    """The file extension for a ``Content-Type`` header and its charset, if it names one.

    Raises :class:`ApiError` 415 for a missing or unsupported type.
    """
    media, _, params = (content_type or "").partition(";")
    suffix = CONTENT_TYPES.get(media.strip().lower())
    if suffix is None:
        given = f"'{media.strip()}'" if media.strip() else "no content type"
        raise ApiError(
            415,
            f"cannot read {given}; send one article as text/plain (first line the title) "
            "or text/html, or many as application/x-ndjson (one JSON object per line)",
        )
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower() or None
    return suffix, charset


async def read_limited(chunks: AsyncIterator[bytes], declared: str | None, limits: Limits) -> bytes:
    """The whole body, refusing (413) one longer than ``limits.max_body_bytes``."""
    limit = limits.max_body_bytes
    too_large = ApiError(
        413,
        f"the request body is larger than the limit of {limit:,} bytes; "
        "send fewer or shorter articles per request",
        code="body_too_large",
    )
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise too_large
    data = bytearray()
    async for chunk in chunks:
        data += chunk
        if len(data) > limit:
            raise too_large
    return bytes(data)


def to_utf8(data: bytes, charset: str | None) -> bytes:
    """The body re-encoded as UTF-8 when its declared charset is another one.

    Without a charset (or with UTF-8) the bytes go to the reader unchanged,
    which decodes them as every input file is decoded.
    """
    if charset is None or charset in _UTF8:
        return data
    try:
        return data.decode(charset).encode("utf-8")
    except LookupError as exc:
        raise ApiError(
            415, f"unknown charset '{charset}'; send the body as UTF-8", code="unknown_charset"
        ) from exc
    except UnicodeDecodeError as exc:
        raise ApiError(
            422, f"the body is not valid {charset} ({exc.reason}); send it as UTF-8"
        ) from exc


def read_articles(
    body: Body, settings: Settings, limits: Limits
) -> tuple[list[Article], list[Skipped]]:
    """The articles in ``body`` and the entries skipped, read like files.

    Sources and reasons name ``body.label``. Raises :class:`ApiError` 422
    when no article can be read and 413 past ``limits.max_batch`` articles.
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in read_bytes(body.data, body.suffix, body.label, settings):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        articles.append(item)
        if len(articles) > limits.max_batch:
            raise ApiError(
                413,
                f"the body holds more than {limits.max_batch} articles, the limit per "
                "request; send them in several requests",
                code="too_many_articles",
            )
    if not articles:
        raise ApiError(
            422, "no article could be read from the body; see the reasons", reasons=skipped
        )
    return articles, skipped


#: The fields of the story page's form, as the JSON-lines keys they become.
FORM_FIELDS = ("title", "published", "text")
FORM_TYPE = "application/x-www-form-urlencoded"


def form_body(data: bytes, content_type: str | None, token: str) -> Body:
    """The story page's form (title, date, text) as one JSON line, read like a posted line.

    Raises :class:`ApiError` 415 for a body that is not a URL-encoded form
    and 403 for one without the app's form ``token``.
    """
    if (content_type or "").partition(";")[0].strip().lower() != FORM_TYPE:
        raise ApiError(415, f"the form must be sent as {FORM_TYPE}")
    fields = parse_qs(data.decode("utf-8", errors="replace"), keep_blank_values=True)
    sent = fields.get(TOKEN_FIELD)
    check_form_token(sent[0] if sent else None, token)
    record = {name: (fields.get(name) or [""])[0].strip() for name in FORM_FIELDS}
    line = json.dumps({name: value for name, value in record.items() if value})
    return Body((line + "\n").encode("utf-8"), ".jsonl", post_label(None, ".jsonl"))


def post_label(source: str | None, suffix: str) -> str:
    """What posted articles are called in ``source`` and in reasons.

    The caller's own name for them when given (``?source=``), else the time
    of the post as a file name (``posted-20250904T101500.123Z.jsonl``), so
    JSON lines read as ``posted-...jsonl:3`` like lines of a file.
    """
    if source is not None and source.strip():
        return source.strip()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")[:-3]
    return f"posted-{stamp}Z{suffix}"


async def merge_body(state: AppState, body: Body) -> tuple[list[Article], dict[str, Any]]:
    """Read ``body`` like a file, then analyse and merge its articles (off the event loop).

    Returns the articles read and what :func:`add_articles` says changed.
    """
    articles, skipped = await run_in_threadpool(read_articles, body, state.settings, state.limits)
    return articles, await run_in_threadpool(add_articles, state, articles, skipped)


def add_articles(
    state: AppState, articles: Sequence[Article], skipped: Sequence[Skipped]
) -> dict[str, Any]:
    """Analyse and store ``articles``, rebuild the story, and say what changed.

    Holds the app's write lock throughout, so posts are merged one at a time.
    A post of articles all stored already, with nothing skipped, writes nothing.
    """
    with state.write_lock:
        stored = state.store.article_hashes()
        findings_before = {finding.id for finding in state.store.list_findings()}
        added = [a.id for a in articles if stored.get(a.id) != text_hash(a.text)]
        if added or skipped:
            nlp = state.nlp() if added else None
            story = analyze_into(articles, skipped, state.settings, state.store, nlp=nlp).story
        else:
            story = state.story()
    fresh = set(added)
    return {
        "added": added,
        "unchanged": [a.id for a in articles if a.id not in fresh],
        "skipped": [{"source": item.source, "reason": item.reason} for item in skipped],
        "articles": len(story.articles),
        "findings": len(story.findings),
        "new_findings": [f.id for f in story.findings if f.id not in findings_before],
    }
