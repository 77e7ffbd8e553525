"""How the store's schema came about: one function per version, in order.

``MIGRATIONS[n - 1]`` turns a version ``n - 1`` store into a version ``n``
store. Each migration runs in its own transaction together with the row it
adds to ``schema_version``, so an interrupted upgrade leaves the store at the
last version it fully reached. A store with no ``schema_version`` table and
no other table (a new or empty file) is version 0.

Each migration spells out the tables as they were at its version instead of
using :mod:`.schema`: :mod:`.schema` follows the current version, and
replaying an old migration must build the old tables. A test checks that
replaying every migration yields exactly the tables of :mod:`.schema`.

To change the schema: append a function here (portable DDL only, through
SQLAlchemy), change :mod:`.schema` to match, and add a test that upgrades a
store of the previous version.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    insert,
    inspect,
    select,
    text,
)

from ..errors import NotAStoreError, StoreTooNewError
from .schema import NAMING_CONVENTION, schema_version

Migration = Callable[[Connection], None]


def _v1_create_tables(conn: Connection) -> None:
    """Version 1: articles and their records, skipped inputs, the story."""
    md = MetaData(naming_convention=NAMING_CONVENTION)
    _v1_article_tables(md)
    _v1_story_tables(md)
    md.create_all(conn)


def _v1_article_tables(md: MetaData) -> None:
    Table(
        "articles",
        md,
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
    )
    for kind in ("mentions", "times", "quantities", "claims", "events", "relations", "findings"):
        Table(
            f"article_{kind}",
            md,
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
    Table(
        "skipped",
        md,
        Column("pk", Integer, primary_key=True),
        Column("source", Text, nullable=False),
        Column("reason", Text, nullable=False),
        UniqueConstraint("source", "reason"),
    )


def _v1_story_tables(md: MetaData) -> None:
    Table(
        "story_info",
        md,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("schema", String(40), nullable=False),
        Column("generated_at", String(40), nullable=False),
    )

    def table(kind: str, *columns: Column[Any]) -> None:
        Table(
            f"story_{kind}",
            md,
            Column("position", Integer, primary_key=True, autoincrement=False),
            *columns,
            Column("data", Text, nullable=False),
        )

    def indexed(name: str, type_: Any = String, nullable: bool = False) -> Column[Any]:
        return Column(name, type_, nullable=nullable, index=True)

    table(
        "articles",
        Column("article_id", String, ForeignKey("articles.id"), nullable=False, index=True),
    )
    table("skipped")
    table(
        "entities",
        indexed("id"),
        indexed("name", Text),
        Column("kind", String(16), nullable=False),
    )
    table("times", indexed("article_id"))
    table("quantities", indexed("article_id"))
    table(
        "claims",
        indexed("id"),
        indexed("article_id"),
        indexed("subject", nullable=True),
        indexed("measure", Text),
    )
    table("events", indexed("id"), Column("type", String, nullable=False))
    table(
        "relations",
        indexed("id"),
        indexed("source"),
        indexed("target"),
        Column("type", String, nullable=False),
    )
    table(
        "findings",
        indexed("id"),
        indexed("kind"),
        Column("severity", String(8), nullable=False),
    )
    table("timeline", indexed("date_value", nullable=True))


def _v2_published_reason(conn: Connection) -> None:
    """Version 2: how a date inferred from an article's content was found."""
    conn.execute(text("ALTER TABLE articles ADD COLUMN published_reason TEXT"))


def _v3_incidents(conn: Connection) -> None:
    """Version 3 (story@2): each article's incident mentions and the story's incidents,
    and the language each article was detected as written in.

    Articles stored before keep their records; they have no incident mentions
    until they are analysed again, their claims read as of unknown scope, and
    their language is unknown.
    """
    conn.execute(text("ALTER TABLE articles ADD COLUMN language VARCHAR(8)"))
    md = MetaData(naming_convention=NAMING_CONVENTION)
    Table("articles", md, Column("id", String, primary_key=True))
    Table(
        "article_incidents",
        md,
        Column("pk", Integer, primary_key=True),
        Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        Column("position", Integer, nullable=False),
        Column("data", Text, nullable=False),
        UniqueConstraint("article_id", "position"),
    )
    Table(
        "story_incidents",
        md,
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column("id", String, nullable=False, index=True),
        Column("type", String, nullable=False),
        Column("data", Text, nullable=False),
    )
    md.create_all(conn, tables=[md.tables["article_incidents"], md.tables["story_incidents"]])


#: Every migration in order; the store's current version is their number.
MIGRATIONS: tuple[Migration, ...] = (_v1_create_tables, _v2_published_reason, _v3_incidents)

#: The schema version this Storyline writes.
LATEST = len(MIGRATIONS)


def stored_version(conn: Connection, location: str) -> int:
    """The schema version of the store behind ``conn`` (0 for an empty file).

    Raises :class:`NotAStoreError` for a database that holds tables but no
    ``schema_version``: it belongs to some other program.
    """
    inspector = inspect(conn)
    if not inspector.has_table(schema_version.name):
        foreign = sorted(inspector.get_table_names())
        if foreign:
            raise NotAStoreError(
                f"{location} is a database of another program (it holds tables "
                f"{', '.join(foreign[:5])} but no schema_version); give a new file name"
            )
        return 0
    found = conn.execute(select(func.max(schema_version.c.version))).scalar_one()
    return int(found or 0)


def check_supported(version: int, location: str) -> None:
    """Refuse a store written by a newer Storyline, which this one cannot read safely."""
    if version > LATEST:
        raise StoreTooNewError(
            f"{location} was written by a newer Storyline (schema v{version}); "
            f"upgrade Storyline (this one reads schema v{LATEST} and older)"
        )


def migrate(reader: Engine, writer: Engine, location: str) -> int:
    """Bring the store up to :data:`LATEST`; returns the version it had before.

    The version is first read without taking the write lock, so opening an
    up-to-date store never waits for a writer. Each pending migration then
    runs in its own write transaction, which re-reads the version in case
    another process migrated meanwhile.
    """
    with reader.connect() as conn:
        before = stored_version(conn, location)
    check_supported(before, location)
    for number in range(before + 1, LATEST + 1):
        with writer.begin() as conn:
            if not inspect(conn).has_table(schema_version.name):
                schema_version.create(conn)
            current = stored_version(conn, location)
            check_supported(current, location)
            if current >= number:
                continue
            MIGRATIONS[number - 1](conn)
            applied = datetime.now(UTC).isoformat(timespec="seconds")
            conn.execute(insert(schema_version).values(version=number, applied_at=applied))
    return before
