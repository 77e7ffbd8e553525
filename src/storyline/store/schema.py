"""The tables of the current store schema, as SQLAlchemy Core objects.

Queries use these definitions; :mod:`.migrations` holds how each version of
the schema came about (a test checks that running every migration on an
empty file yields exactly these tables).

Three groups of tables:

- ``articles`` and one ``article_<kind>`` table per kind of record extracted
  from an article (mentions, times, ...): the source of truth, written one
  article per transaction. Records are JSON (as TEXT) with the article id and
  their position beside them, so later versions can query them.
- ``skipped``: inputs that could not be analysed, unique on source and reason.
- ``story_*``: the cross-article story derived from all articles, replaced
  as a whole; the columns queries filter on sit beside the JSON record.

Only portable types are used (no SQLite-only SQL), so PostgreSQL could follow.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

#: Deterministic constraint and index names, so later migrations can name them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Kinds of per-article records, each kept in an ``article_<kind>`` table.
ARTICLE_KINDS = (
    "mentions",
    "times",
    "quantities",
    "claims",
    "events",
    "relations",
    "findings",
    "incidents",
)

metadata = MetaData(naming_convention=NAMING_CONVENTION)

#: One row per applied migration; the store's version is the highest.
#: The migration runner creates it, so its shape must never change.
schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("id", String, nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("published_value", String(10)),
    Column("published_basis", String(16), nullable=False),
    Column("tone", Text, nullable=False),
    Column("word_count", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("url", Text),
    # Added by migrations 2 and 3, hence last.
    Column("published_reason", Text),
    Column("language", String(8)),
)


def _article_records(kind: str) -> Table:
    return Table(
        f"article_{kind}",
        metadata,
        Column("pk", Integer, primary_key=True),
        Column(
            "article_id",
            String,
            ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("position", Integer, nullable=False),
        Column("data", Text, nullable=False),
        UniqueConstraint("article_id", "position"),
    )


article_records = {kind: _article_records(kind) for kind in ARTICLE_KINDS}

skipped = Table(
    "skipped",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    UniqueConstraint("source", "reason"),
)

#: The story's own fields: one row, written with the rest of the story.
story_info = Table(
    "story_info",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("schema", String(40), nullable=False),
    Column("generated_at", String(40), nullable=False),
)


def _story_table(kind: str, *columns: Column[Any]) -> Table:
    """A ``story_<kind>`` table: order, indexed columns, then the JSON record."""
    return Table(
        f"story_{kind}",
        metadata,
        Column("position", Integer, primary_key=True, autoincrement=False),
        *columns,
        Column("data", Text, nullable=False),
    )


story_articles = _story_table(
    "articles",
    Column("article_id", String, ForeignKey("articles.id"), nullable=False, index=True),
)
story_skipped = _story_table("skipped")
story_entities = _story_table(
    "entities",
    Column("id", String, nullable=False, index=True),
    Column("name", Text, nullable=False, index=True),
    Column("kind", String(16), nullable=False),
)
story_times = _story_table("times", Column("article_id", String, nullable=False, index=True))
story_quantities = _story_table(
    "quantities", Column("article_id", String, nullable=False, index=True)
)
story_claims = _story_table(
    "claims",
    Column("id", String, nullable=False, index=True),
    Column("article_id", String, nullable=False, index=True),
    Column("subject", String, index=True),
    Column("measure", Text, nullable=False, index=True),
)
story_events = _story_table(
    "events",
    Column("id", String, nullable=False, index=True),
    Column("type", String, nullable=False),
)
story_relations = _story_table(
    "relations",
    Column("id", String, nullable=False, index=True),
    Column("source", String, nullable=False, index=True),
    Column("target", String, nullable=False, index=True),
    Column("type", String, nullable=False),
)
story_findings = _story_table(
    "findings",
    Column("id", String, nullable=False, index=True),
    Column("kind", String, nullable=False, index=True),
    Column("severity", String(8), nullable=False),
)
story_timeline = _story_table("timeline", Column("date_value", String, index=True))
story_incidents = _story_table(
    "incidents",
    Column("id", String, nullable=False, index=True),
    Column("type", String, nullable=False),
)

__all__ = [
    "ARTICLE_KINDS",
    "NAMING_CONVENTION",
    "article_records",
    "articles",
    "metadata",
    "schema_version",
    "skipped",
    "story_articles",
    "story_claims",
    "story_entities",
    "story_events",
    "story_findings",
    "story_incidents",
    "story_info",
    "story_quantities",
    "story_relations",
    "story_skipped",
    "story_timeline",
    "story_times",
]
