"""Opening a store: versions, migrations, SQLite settings and the errors that say how to fix."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, inspect, text

from storyline.errors import StoreError
from storyline.models import Article, ArticleAnalysis, Published
from storyline.store import (
    LATEST,
    NotADatabaseError,
    NotAStoreError,
    Store,
    StoreOpenError,
    StoreTooNewError,
)
from storyline.store.engine import connect, store_url
from storyline.store.migrations import MIGRATIONS
from storyline.store.schema import metadata

ARTICLE = ArticleAnalysis(Article("x1", "x.txt", "Title", "Title\nA short text.", word_count=4))


def _shape(conn: Connection) -> dict[str, Any]:
    """Every table with its columns, keys and indexes, as the database reports them."""
    inspector = inspect(conn)
    shape: dict[str, Any] = {}
    for table in sorted(inspector.get_table_names()):
        shape[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)
            ],
            "primary_key": inspector.get_pk_constraint(table)["constrained_columns"],
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
            "unique": sorted(
                (u["name"], tuple(u["column_names"]))
                for u in inspector.get_unique_constraints(table)
            ),
            "foreign_keys": sorted(
                (
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    fk["options"].get("ondelete"),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
        }
    return shape


def _versions(path: Path) -> list[int]:
    with sqlite3.connect(path) as raw:
        return [row[0] for row in raw.execute("SELECT version FROM schema_version ORDER BY 1")]


def test_store_replayed_migrations_match_the_schema(tmp_path: Path) -> None:
    Store.open(tmp_path / "migrated.db").close()
    fresh = create_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    with fresh.begin() as conn:
        metadata.create_all(conn)
    migrated = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    with migrated.connect() as a, fresh.connect() as b:
        assert _shape(a) == _shape(b)
    fresh.dispose()
    migrated.dispose()


def test_store_new_file_has_every_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "story.db") as store:
        assert store.schema_version == LATEST == len(MIGRATIONS)
    assert _versions(tmp_path / "story.db") == list(range(1, LATEST + 1))


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _version_table(path: Path, rows: tuple[int, ...]) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
        raw.executemany("INSERT INTO schema_version VALUES (?, 'earlier')", [(v,) for v in rows])
    raw.close()


@pytest.mark.parametrize(
    "make",
    [
        _empty_file,
        lambda path: _version_table(path, ()),
        lambda path: _version_table(path, (0,)),
    ],
    ids=["empty-file", "version-table-without-rows", "version-0"],
)
def test_store_version_0_is_migrated(tmp_path: Path, make: Any) -> None:
    path = tmp_path / "old.db"
    make(path)
    with Store.open(path) as store:
        assert store.schema_version == LATEST
        assert store.save_analysis(ARTICLE) is True
        assert store.article_ids() == ["x1"]
    assert _versions(path)[-LATEST:] == list(range(1, LATEST + 1))


def test_store_reopen_keeps_data_and_migrates_once(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    with Store.open(path) as store:
        store.save_analysis(ARTICLE)
    with Store.open(path) as store:
        assert store.article_ids() == ["x1"]
    assert _versions(path) == list(range(1, LATEST + 1))


def test_store_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    Store.open(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO schema_version VALUES (?, 'later')", (LATEST + 1,))
    raw.close()
    message = (
        rf"^\[S041\] store '.*story\.db' was written by a newer Storyline "
        rf"\(schema v{LATEST + 1}\); upgrade Storyline"
    )
    with pytest.raises(StoreTooNewError, match=message):
        Store.open(path)


@pytest.mark.parametrize(
    "content",
    [b"Title\nJust some article text, not a database.\n" * 20, b"%PDF-1.7\n" + bytes(600)],
    ids=["text", "pdf"],
)
def test_store_not_a_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(NotADatabaseError, match=r"^\[S042\] .*notes\.db.* not an SQLite database"):
        Store.open(path)
    assert path.read_bytes() == content


def test_store_database_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    raw.close()
    with pytest.raises(NotAStoreError, match=r"^\[S043\] .*invoices.*give a new file name"):
        Store.open(path)


@pytest.mark.parametrize(
    ("target", "create", "message"),
    [
        (".", True, "is a folder"),
        ("missing.db", False, "does not exist; create it with `storyline analyze --db"),
        ("nosuchdialect://host/db", True, "give a file path or an SQLAlchemy URL"),
    ],
    ids=["folder", "missing-without-create", "unknown-dialect"],
)
def test_store_cannot_open(tmp_path: Path, target: str, create: bool, message: str) -> None:
    full = target if "://" in target else str(tmp_path / target)
    with pytest.raises(StoreOpenError, match=r"^\[S044\] .*" + message):
        Store.open(full, create=create)
    assert not (tmp_path / "missing.db").exists()


def test_store_path_and_url_open_the_same_store(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "story.db"
    with Store.open(path) as store:
        store.save_analysis(ARTICLE)
    with Store.open(f"sqlite:///{path}") as store:
        assert store.article_ids() == ["x1"]
        assert store.url == f"sqlite:///{path}"


def test_store_sqlite_settings(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    Store.open(path).close()
    reader, writer = connect(store_url(path))
    try:
        with reader.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        with writer.begin() as conn:  # the write lock is taken at BEGIN, before any write
            conn.execute(text("SELECT 1"))
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()
    finally:
        reader.dispose()


def test_store_closed_store_refuses_work(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "story.db")
    store.close()
    store.close()
    assert "closed" in repr(store)
    with pytest.raises(StoreError, match=r"^\[S044\] .* is closed"):
        store.article_ids()


def test_store_version_1_gains_published_reason(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        MIGRATIONS[0](conn)
        conn.exec_driver_sql(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)"
        )
        conn.exec_driver_sql("INSERT INTO schema_version VALUES (1, 'earlier')")
        conn.exec_driver_sql(
            "INSERT INTO articles (id, source, text, published_basis, tone, word_count, "
            "content_hash) VALUES ('old', 'old.txt', 'Old text.', 'unknown', '{}', 2, 'h')"
        )
    engine.dispose()
    inferred = dataclasses.replace(
        ARTICLE.article, published=Published("2025", "content", "an anniversary")
    )
    with Store.open(path) as store:
        assert store.schema_version == LATEST >= 2
        assert "old" in store.article_ids()
        store.save_analysis(dataclasses.replace(ARTICLE, article=inferred))
        loaded = store.get_article(inferred.id)
    assert loaded is not None and loaded.published.reason == "an anniversary"
    assert _versions(path) == list(range(1, LATEST + 1))


def test_store_version_2_gains_article_language(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for migration in MIGRATIONS[:2]:
            migration(conn)
        conn.exec_driver_sql(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)"
        )
        conn.exec_driver_sql("INSERT INTO schema_version VALUES (1, 'earlier'), (2, 'earlier')")
    engine.dispose()
    french = dataclasses.replace(ARTICLE.article, language="fr")
    with Store.open(path) as store:
        assert store.schema_version == LATEST >= 3
        store.save_analysis(dataclasses.replace(ARTICLE, article=french))
        loaded = store.get_article(french.id)
    assert loaded is not None and loaded.language == "fr"
    assert _versions(path) == list(range(1, LATEST + 1))
