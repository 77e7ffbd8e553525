"""Connecting to the store, and the errors it raises.

:func:`connect` turns a path or a SQLAlchemy URL into two engines with
connection pools of their own: ``reader`` starts transactions with a plain
``BEGIN`` and keeps up to :data:`READ_POOL` connections, so many readers (the
web app's threads) never queue behind a writer for a connection; ``writer``
starts them with ``BEGIN IMMEDIATE``, which takes SQLite's write lock at once.
Taking it at once matters when two programs share a store (``serve`` reading
while ``analyze`` writes): a deferred transaction that read first and writes
later can fail with "database is locked" instead of waiting its turn.

On SQLite every connection also enforces foreign keys, and file databases use
write-ahead logging, so readers never block the writer. Python's ``sqlite3``
module starts transactions on its own and never before DDL; it is switched to
autocommit and transactions are begun explicitly instead, as SQLAlchemy's
SQLite documentation recommends, so migrations are atomic too.

Errors (all :class:`~storyline.errors.StoreError`, defined in ``errors.py``)::

    StoreTooNewError     S041  written by a newer Storyline
    NotADatabaseError    S042  the file is not an SQLite database
    NotAStoreError       S043  an SQLite database of another program
    StoreOpenError       S044  cannot be opened (bad URL, missing, no permission)
    StoreAccessError     S045  a read or write failed (locked, read-only, disk full)
    StoryMismatchError   S046  a story names articles the store does not hold
    NoStoryError         S047  no story has been saved yet
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, exc, make_url

from ..errors import (
    NotADatabaseError,
    StoreAccessError,
    StoreError,
    StoreOpenError,
)

#: Execution option read by the ``begin`` listener: the statement that begins.
BEGIN_OPTION = "storyline_begin"
#: Connections the reader keeps open (more are opened, and closed, under load).
READ_POOL = 8
#: Connections the reader may open beyond :data:`READ_POOL` at once.
READ_OVERFLOW = 32


def store_url(target: Path | str) -> URL:
    """The SQLAlchemy URL for a path, or ``target`` itself when it is a URL.

    A string holding ``://`` is read as a URL (``sqlite:///x.db``,
    ``postgresql://...``); anything else is a file path.
    """
    if isinstance(target, str) and "://" in target:
        try:
            return make_url(target)
        except exc.ArgumentError as error:
            raise StoreOpenError(
                f"{target!r} is not a database URL; give a file path or a URL "
                "such as sqlite:///story.db"
            ) from error
    return URL.create("sqlite", database=str(Path(target).expanduser()))


def describe(url: URL) -> str:
    """How messages name a store: its file, or its URL without the password."""
    if is_sqlite_file(url):
        return f"store {url.database!r}"
    return f"store {url.render_as_string(hide_password=True)!r}"


def is_sqlite_file(url: URL) -> bool:
    """Whether ``url`` points at an SQLite file (not an in-memory database)."""
    return url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")


def connect(url: URL) -> tuple[Engine, Engine]:
    """The ``(reader, writer)`` engines for ``url`` (see the module docstring).

    An in-memory SQLite database lives in one connection, so there both
    share one engine.
    """
    if url.get_backend_name() == "sqlite" and not is_sqlite_file(url):
        reader = writer = _engine(url)
    else:
        reader = _engine(url, pool_size=READ_POOL, max_overflow=READ_OVERFLOW)
        writer = _engine(url)
    return reader, writer.execution_options(**{BEGIN_OPTION: "BEGIN IMMEDIATE"})


def _engine(url: URL, **pool: int) -> Engine:
    """One engine for ``url``; ``pool`` sizes its pool where the database has one."""
    try:
        engine = create_engine(url, **pool)
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError, TypeError) as error:
        raise StoreOpenError(
            f"cannot use {describe(url)}: {error}; give a file path or an SQLAlchemy URL "
            "whose driver is installed"
        ) from error
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, wal=is_sqlite_file(url))
    return engine


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # we begin transactions ourselves
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            if wal:
                _use_wal(cursor)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get(BEGIN_OPTION, "BEGIN"))


def _use_wal(cursor: sqlite3.Cursor) -> None:
    """Switch to write-ahead logging; a read-only store keeps its journal mode."""
    try:
        cursor.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as error:
        if "readonly" not in str(error):
            raise


@contextmanager
def guard(location: str, doing: str) -> Iterator[None]:
    """Turn a database failure while ``doing`` something into a :class:`StoreError`."""
    try:
        yield
    except exc.DBAPIError as error:
        raise classify(error, location, doing) from error


def classify(error: exc.DBAPIError, location: str, doing: str) -> StoreError:
    """The :class:`StoreError` that says how to fix a driver's ``error``."""
    detail = str(error.orig)
    if "not a database" in detail or "malformed" in detail:
        return NotADatabaseError(
            f"{location} is not an SQLite database ({detail}); give the path of a store "
            "written by `storyline analyze --db`, or a new file name"
        )
    if "unable to open" in detail:
        return StoreOpenError(
            f"cannot open {location} ({detail}); check that its folder exists and "
            "that you may write there"
        )
    return StoreAccessError(
        f"cannot {doing} in {location} ({detail}); check that the file is writable, "
        "the disk is not full and no other program holds it locked, then run again"
    )
