"""Many users of one store: readers never wait for a writer; copies know when they are old."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from storyline.models import Article, ArticleAnalysis
from storyline.reconcile import build_story
from storyline.serve.state import AppState, Limits
from storyline.settings import Settings
from storyline.store import Store


def _analysis(article_id: str) -> ArticleAnalysis:
    return ArticleAnalysis(Article(article_id, f"{article_id}.txt", None, f"Text of {article_id}."))


def test_store_data_version_changes_with_every_commit(tmp_path: Path) -> None:
    db = tmp_path / "story.db"
    with Store.open(db) as reader, Store.open(db) as writer:
        first = reader.data_version()
        assert first is not None and reader.data_version() == first
        writer.save_analysis(_analysis("v1"))
        second = reader.data_version()
        assert second != first
        reader.save_analysis(_analysis("v2"))  # its own writes count too
        assert reader.data_version() != second


def test_store_data_version_unknown_in_memory() -> None:
    with Store.open("sqlite://") as store:
        store.save_analysis(_analysis("m1"))
        assert store.data_version() is None
        assert store.article_ids() == ["m1"]


def test_store_app_story_is_cached_per_version(tmp_path: Path) -> None:
    db = tmp_path / "story.db"
    with Store.open(db) as store:
        store.save_analysis(_analysis("c1"))
        store.save_story(build_story([_analysis("c1")], []))
    with Store.open(db) as served, Store.open(db) as other:
        state = AppState(served, Settings(progress=False), Limits())
        story = state.story()
        assert state.story() is story and state.story_json() is state.story_json()
        other.save_analysis(_analysis("c2"))
        other.save_story(build_story([_analysis("c1"), _analysis("c2")], []))
        fresh = state.story()
        assert fresh is not story and [a.id for a in fresh.articles] == ["c1", "c2"]
        assert b'"c2"' in state.story_json()


def test_store_reads_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "story.db"
    with Store.open(db) as store:
        store.save_analysis(_analysis("r1"))
    with Store.open(db) as served:
        holding = threading.Event()
        release = threading.Event()

        def write() -> None:  # another program, holding SQLite's write lock
            conn = sqlite3.connect(db, isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE articles SET title = 'held'")
            holding.set()
            release.wait(10)
            conn.execute("COMMIT")
            conn.close()

        thread = threading.Thread(target=write)
        thread.start()
        try:
            assert holding.wait(10)
            start = time.perf_counter()
            results: list[list[str]] = []
            readers = [
                threading.Thread(target=lambda: results.append(served.article_ids()))
                for _ in range(20)
            ]
            for reader in readers:
                reader.start()
            for reader in readers:
                reader.join(10)
            elapsed = time.perf_counter() - start
        finally:
            release.set()
            thread.join()
        assert results == [["r1"]] * 20
        assert elapsed < 5  # a reader that waited for the writer would take its 10 s
