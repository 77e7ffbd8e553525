"""Per-article data: each article and every record extracted from it.

These are the store's source of truth: the story is derived from them and can
always be rebuilt. The functions here run inside a transaction their caller
opened; :class:`~storyline.store.Store` opens one per article, so an article
is stored whole or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from ..models import (
    Article,
    ArticleAnalysis,
    Claim,
    Event,
    Finding,
    IncidentMention,
    Mention,
    Published,
    Quantity,
    Relation,
    Skipped,
    Time,
    Tone,
)
from .codec import dump, load, text_hash
from .schema import ARTICLE_KINDS, article_records, articles, skipped

#: The record type kept in each ``article_<kind>`` table.
RECORD_TYPES: dict[str, type[Any]] = {
    "mentions": Mention,
    "times": Time,
    "quantities": Quantity,
    "claims": Claim,
    "events": Event,
    "relations": Relation,
    "findings": Finding,
    "incidents": IncidentMention,
}


def write_analysis(conn: Connection, analysis: ArticleAnalysis) -> bool:
    """Store one article and its records; False when it is already stored as is.

    An article whose id is stored with another text is replaced: its records
    are deleted and written anew, and it keeps its place in the order.
    """
    article = analysis.article
    digest = text_hash(article.text)
    stored = conn.execute(
        select(articles.c.content_hash).where(articles.c.id == article.id)
    ).scalar_one_or_none()
    if stored == digest:
        return False
    row = article_row(article, digest)
    if stored is None:
        conn.execute(insert(articles).values(row))
    else:
        for table in article_records.values():
            conn.execute(delete(table).where(table.c.article_id == article.id))
        conn.execute(update(articles).where(articles.c.id == article.id).values(row))
    for kind in ARTICLE_KINDS:
        write_records(conn, kind, article.id, getattr(analysis, kind))
    return True


def write_records(conn: Connection, kind: str, article_id: str, records: Sequence[Any]) -> None:
    """Insert one article's records of one kind, in order."""
    if not records:
        return
    rows = [
        {"article_id": article_id, "position": position, "data": dump(record)}
        for position, record in enumerate(records)
    ]
    conn.execute(insert(article_records[kind]), rows)


def article_row(article: Article, digest: str) -> dict[str, Any]:
    """The ``articles`` columns of ``article``."""
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "text": article.text,
        "published_value": article.published.value,
        "published_basis": article.published.basis,
        "published_reason": article.published.reason,
        "tone": dump(article.tone),
        "word_count": article.word_count,
        "content_hash": digest,
        "url": article.url,
        "language": article.language,
    }


def article_from_row(row: Row[Any]) -> Article:
    """The :class:`Article` an ``articles`` row holds."""
    return Article(
        id=row.id,
        source=row.source,
        title=row.title,
        text=row.text,
        published=Published(
            value=row.published_value,
            basis=row.published_basis,
            reason=row.published_reason,
        ),
        tone=load(Tone, row.tone),
        word_count=row.word_count,
        url=row.url,
        language=row.language,
    )


def read_article_page(conn: Connection, after: int, limit: int) -> list[Row[Any]]:
    """Up to ``limit`` article rows in stored order, after surrogate key ``after``."""
    query = select(articles).where(articles.c.pk > after).order_by(articles.c.pk).limit(limit)
    return list(conn.execute(query))


def read_article_rows(conn: Connection, article_id: str | None = None) -> list[Row[Any]]:
    """The row of article ``article_id`` (none or one), or every row in stored order."""
    query = select(articles).order_by(articles.c.pk)
    if article_id is not None:
        query = query.where(articles.c.id == article_id)
    return list(conn.execute(query))


def read_hashes(conn: Connection) -> dict[str, str]:
    """Each stored article's id and text hash, in stored order."""
    query = select(articles.c.id, articles.c.content_hash).order_by(articles.c.pk)
    return {article_id: digest for article_id, digest in conn.execute(query)}


def read_analyses(conn: Connection, rows: Sequence[Row[Any]]) -> list[ArticleAnalysis]:
    """The analyses of the articles in ``rows`` (one query per kind of record)."""
    ids = [row.id for row in rows]
    found = {kind: read_records(conn, kind, ids) for kind in ARTICLE_KINDS}
    return [
        ArticleAnalysis(
            article_from_row(row),
            **{kind: tuple(found[kind].get(row.id, ())) for kind in ARTICLE_KINDS},
        )
        for row in rows
    ]


def read_records(conn: Connection, kind: str, article_ids: Sequence[str]) -> dict[str, list[Any]]:
    """The records of one kind for ``article_ids``, by article, in stored order."""
    table = article_records[kind]
    query = (
        select(table.c.article_id, table.c.data)
        .where(table.c.article_id.in_(article_ids))
        .order_by(table.c.article_id, table.c.position)
    )
    by_article: dict[str, list[Any]] = defaultdict(list)
    record_type = RECORD_TYPES[kind]
    for article_id, data in conn.execute(query):
        by_article[article_id].append(load(record_type, data))
    return by_article


def write_skipped(conn: Connection, items: Iterable[Skipped]) -> int:
    """Record skipped inputs not recorded yet; returns how many were added."""
    existing = {(row.source, row.reason) for row in conn.execute(select(skipped))}
    new = [item for item in dict.fromkeys(items) if (item.source, item.reason) not in existing]
    if new:
        conn.execute(insert(skipped), [{"source": s.source, "reason": s.reason} for s in new])
    return len(new)


def read_skipped(conn: Connection) -> list[Skipped]:
    """Every skipped input, in the order first recorded."""
    query = select(skipped.c.source, skipped.c.reason).order_by(skipped.c.pk)
    return [Skipped(source=source, reason=reason) for source, reason in conn.execute(query)]
