"""The store: every analysed article and the story derived from them, in SQL.

All SQL of Storyline lives in this package. :class:`Store` is its one entry
point::

    with Store.open("story.db") as store:          # or a SQLAlchemy URL
        store.save_analysis(analysis)              # one transaction per article
        story = build_story(list(store.load_analyses()), store.load_skipped())
        store.save_story(story)                    # one transaction for the story

The store keeps two things apart. Per-article data (``articles`` and one
``article_<kind>`` table per kind of record) is the source of truth and is
only ever added to or replaced article by article, so an interrupted run
leaves every article either whole or absent. The story (``story_*`` tables)
is derived from all stored articles and replaced as a whole each run.

SQLite through SQLAlchemy Core; the schema is versioned (:mod:`.migrations`)
and uses portable SQL only, with JSON kept as TEXT.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import URL, Connection, Engine, Table, func, select

from ..errors import (
    NoStoryError,
    NotADatabaseError,
    NotAStoreError,
    StoreAccessError,
    StoreOpenError,
    StoreTooNewError,
    StoryMismatchError,
)
from ..models import Article, ArticleAnalysis, Claim, Entity, Finding, Skipped, Story
from . import articles as _articles
from . import schema as _schema
from . import story as _story
from .codec import text_hash
from .engine import (
    connect,
    describe,
    guard,
    is_sqlite_file,
    store_url,
)
from .migrations import LATEST, migrate, stored_version

#: What :meth:`Store.count` counts: per-article tables by their kind, the
#: story's tables as ``story.<list>`` (``entities`` and ``timeline`` exist
#: only in the story and may go without the prefix).
COUNTABLE: dict[str, Table] = {
    "articles": _schema.articles,
    "skipped": _schema.skipped,
    **_schema.article_records,
    "entities": _schema.story_entities,
    "timeline": _schema.story_timeline,
    **{f"story.{name}": table for name, table in _story.STORY_LISTS.items()},
}


class Store:
    """A Storyline store; open it with :meth:`open` and close it when done."""

    def __init__(self, url: URL, reader: Engine, writer: Engine) -> None:
        self._url = url
        self._reader = reader
        self._writer = writer
        self._location = describe(url)
        self._closed = False
        self._probe: Any = None  # the connection data_version asks (SQLite files only)
        self._probe_lock = threading.Lock()

    @classmethod
    def open(cls, target: Path | str, *, create: bool = True) -> Store:
        """Open the store at a file path or SQLAlchemy URL, migrating it if older.

        A missing file is created with its folders, unless ``create`` is
        false (then :class:`StoreOpenError`). Raises :class:`StoreTooNewError`
        for a store of a newer Storyline, :class:`NotADatabaseError` for a
        file that is not SQLite, :class:`NotAStoreError` for another
        program's database.
        """
        url = store_url(target)
        if is_sqlite_file(url):
            _prepare_file(Path(str(url.database)), describe(url), create)
        reader, writer = connect(url)
        try:
            with guard(describe(url), "read the schema version"):
                migrate(reader, writer, describe(url))
        except BaseException:
            reader.dispose()
            writer.dispose()
            raise
        return cls(url, reader, writer)

    @property
    def url(self) -> str:
        """The store's SQLAlchemy URL (without any password)."""
        return self._url.render_as_string(hide_password=True)

    @property
    def schema_version(self) -> int:
        """The schema version of the store (always :data:`LATEST` once open)."""
        with self._reading("read the schema version") as conn:
            return stored_version(conn, self._location)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has been called."""
        return self._closed

    def data_version(self) -> int | None:
        """A number that changes whenever anything is committed to the store, by any program.

        SQLite's ``PRAGMA data_version`` read on a connection kept for the
        purpose (it never writes, so every commit counts): cheap enough to
        ask before each read to tell whether a copy made earlier is still
        current. None for databases other than an SQLite file.
        """
        if not is_sqlite_file(self._url):
            return None
        self._check_open()
        with self._probe_lock, guard(self._location, "read the data version"):
            if self._probe is None:
                self._probe = self._reader.raw_connection()
            cursor = self._probe.cursor()
            try:
                return int(cursor.execute("PRAGMA data_version").fetchone()[0])
            finally:
                cursor.close()

    def close(self) -> None:
        """Close every connection; the store cannot be used afterwards."""
        if not self._closed:
            self._closed = True
            with self._probe_lock:
                if self._probe is not None:
                    self._probe.close()
            self._reader.dispose()
            self._writer.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.url}{' closed' if self._closed else ''}>"

    # Per-article data

    def save_analysis(self, analysis: ArticleAnalysis) -> bool:
        """Store one article and its records in one transaction.

        Returns False, adding nothing, when the article is already stored
        with the same text; an article stored with another text is replaced.
        """
        if not isinstance(analysis, ArticleAnalysis):
            raise TypeError(f"save_analysis takes an ArticleAnalysis, not {type(analysis)!r}")
        with self._writing(f"write article {analysis.article.id!r}") as conn:
            return _articles.write_analysis(conn, analysis)

    def load_analyses(self, batch_size: int = 64) -> Iterator[ArticleAnalysis]:
        """Every stored analysis in stored order, read ``batch_size`` articles at a time.

        No transaction stays open between batches, so the caller may write
        to the store while iterating.
        """
        after = 0
        while True:
            with self._reading("read articles") as conn:
                rows = _articles.read_article_page(conn, after, batch_size)
                page = _articles.read_analyses(conn, rows)
            if not rows:
                return
            yield from page
            after = rows[-1].pk

    def get_analysis(self, article_id: str) -> ArticleAnalysis | None:
        """One article's analysis (every span found in it), or None."""
        with self._reading("read an article") as conn:
            found = _articles.read_analyses(conn, _articles.read_article_rows(conn, article_id))
        return found[0] if found else None

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with id ``article_id``, or None."""
        with self._reading("read an article") as conn:
            rows = _articles.read_article_rows(conn, article_id)
        return _articles.article_from_row(rows[0]) if rows else None

    def list_articles(self) -> list[Article]:
        """Every stored article, in stored order."""
        with self._reading("read articles") as conn:
            return [_articles.article_from_row(row) for row in _articles.read_article_rows(conn)]

    def article_ids(self) -> list[str]:
        """The ids of the stored articles, in stored order."""
        with self._reading("read article ids") as conn:
            return list(_articles.read_hashes(conn))

    def article_hashes(self) -> dict[str, str]:
        """Each stored article's id and :func:`text_hash`, to tell unchanged inputs apart."""
        with self._reading("read article ids") as conn:
            return _articles.read_hashes(conn)

    def count(self, kind: str) -> int:
        """How many rows a kind of data has (see :data:`COUNTABLE`)."""
        table = COUNTABLE.get(kind)
        if table is None:
            raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(COUNTABLE)}")
        with self._reading(f"count {kind}") as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def counts(self) -> dict[str, int]:
        """Every count :meth:`count` knows, by kind."""
        return {kind: self.count(kind) for kind in COUNTABLE}

    def save_skipped(self, items: Iterable[Skipped]) -> int:
        """Record inputs that could not be analysed; returns how many were new."""
        with self._writing("record skipped inputs") as conn:
            return _articles.write_skipped(conn, items)

    def load_skipped(self) -> list[Skipped]:
        """Every skipped input recorded, oldest first."""
        with self._reading("read skipped inputs") as conn:
            return _articles.read_skipped(conn)

    # The derived story

    def save_story(self, story: Story) -> None:
        """Replace the stored story with ``story`` in one transaction.

        Every article of the story must be stored with the same text
        (:class:`StoryMismatchError` otherwise).
        """
        if not isinstance(story, Story):
            raise TypeError(f"save_story takes a Story, not {type(story)!r}")
        with self._writing("write the story") as conn:
            _story.write_story(conn, story)

    def load_story(self) -> Story:
        """The story last saved, exactly (:class:`NoStoryError` when there is none)."""
        with self._reading("read the story") as conn:
            return _story.read_story(conn, self._location)

    def articles_not_in_story(self) -> list[str]:
        """Ids of stored articles the saved story leaves out.

        A run stopped after storing articles but before rebuilding the story
        leaves such a story. Empty when the story is current.
        """
        with self._reading("read the story") as conn:
            return _story.read_unlisted_ids(conn)

    def has_story(self) -> bool:
        """Whether a story has been saved."""
        with self._reading("read the story") as conn:
            return _story.has_story(conn)

    def get_entity(self, entity_id: str) -> Entity | None:
        """The story's entity with id ``entity_id``, or None."""
        with self._reading("read an entity") as conn:
            return _story.find_entity(conn, entity_id)

    def list_findings(self, kind: str | None = None) -> list[Finding]:
        """The story's findings in story order, all or those of one ``kind``."""
        with self._reading("read findings") as conn:
            return _story.find_findings(conn, kind)

    def list_claims(self, measure: str | None = None, subject: str | None = None) -> list[Claim]:
        """The story's claims in story order, filtered by measure and subject entity id."""
        with self._reading("read claims") as conn:
            return _story.find_claims(conn, measure, subject)

    # Transactions

    @contextmanager
    def _reading(self, doing: str) -> Iterator[Connection]:
        """A read transaction: one consistent view of the store."""
        self._check_open()
        with guard(self._location, doing), self._reader.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _writing(self, doing: str) -> Iterator[Connection]:
        """A write transaction: committed whole, or rolled back on any error."""
        self._check_open()
        with guard(self._location, doing), self._writer.connect() as conn, conn.begin():
            yield conn

    def _check_open(self) -> None:
        if self._closed:
            raise StoreOpenError(f"{self._location} is closed; open it again with Store.open")


def _prepare_file(path: Path, location: str, create: bool) -> None:
    """Check the store's file before SQLite sees it; create its folder if needed."""
    if path.is_dir():
        raise StoreOpenError(f"{location} is a folder; give the path of a file")
    if path.exists():
        return
    if not create:
        raise StoreOpenError(
            f"{location} does not exist; create it with `storyline analyze --db {path}`"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreOpenError(
            f"cannot create the folder of {location} ({error.strerror}); "
            "give a path in a folder you may write to"
        ) from error


__all__ = [
    "COUNTABLE",
    "LATEST",
    "NoStoryError",
    "NotADatabaseError",
    "NotAStoreError",
    "Store",
    "StoreAccessError",
    "StoreOpenError",
    "StoreTooNewError",
    "StoryMismatchError",
    "text_hash",
]
