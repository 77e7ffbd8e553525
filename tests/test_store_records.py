"""The store keeps analyses and the story exactly, once, and whole or not at all."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import storyline.store.articles as store_articles
import storyline.store.story as store_story
from storyline.models import (
    Article,
    ArticleAnalysis,
    Claim,
    ClaimSource,
    Entity,
    Event,
    EventDate,
    EventMention,
    Finding,
    Mention,
    Published,
    Quantity,
    Relation,
    Skipped,
    Span,
    Story,
    Time,
    TimelineItem,
    Tone,
    Value,
)
from storyline.store import COUNTABLE, NoStoryError, Store, StoreAccessError, StoryMismatchError
from storyline.store.schema import ARTICLE_KINDS

TEXT = (
    "São Bento, 4 September 2025\n"
    "Mayor Ana Ferreira said on Monday that about 2,000 dock workers joined the strike, "
    "while the port authority counted at least 1,500."
)
MAYOR = "person:ana ferreira"
TOWN = "place:são bento"


class _Text:
    """Spans of one article's text, found by their words."""

    def __init__(self, article_id: str, text: str) -> None:
        self.article_id, self.text = article_id, text

    def span(self, fragment: str) -> Span:
        start = self.text.index(fragment)
        return Span(self.article_id, start, start + len(fragment), fragment)

    def at(self, fragment: str) -> tuple[str, int, int, str]:
        found = self.span(fragment)
        return found.article, found.start, found.end, found.text


def _claim(t: _Text, n: int, fragment: str, value: Value, source: ClaimSource | None) -> Claim:
    return Claim(
        id=f"{t.article_id}-c{n}",
        article=t.article_id,
        subject="group:dock workers",
        subject_text="dock workers",
        measure="strikers",
        value=value,
        unit="worker",
        as_of="2025-09-01",
        source=source,
        span=t.span(fragment),
    )


def make_analysis(article_id: str = "a1", text: str = TEXT) -> ArticleAnalysis:
    """An analysis holding every kind of record, its offsets true to ``text``."""
    t = _Text(article_id, text)
    article = Article(
        id=article_id,
        source=f"inputs/{article_id}.txt",
        title="Dock workers strike",
        text=text,
        published=Published("2025-09-04", "dateline"),
        tone=Tone("news", 0.75, (t.span("the strike"),)),
        word_count=len(text.split()),
        url=f"https://news.example/{article_id}",
    )
    about = Value(2000.0, 2000.0, "approximately")
    return ArticleAnalysis(
        article=article,
        mentions=(
            Mention(*t.at("São Bento"), "place", TOWN, "São Bento"),
            Mention(*t.at("Ana Ferreira"), "person", MAYOR, "Ana Ferreira", "PT"),
        ),
        times=(
            Time(*t.at("4 September 2025"), "DATE", "2025-09-04"),
            Time(*t.at("Monday"), "DATE", "2025-09-01"),
        ),
        quantities=(Quantity(*t.at("about 2,000 dock workers"), about, "worker"),),
        claims=(
            _claim(t, 1, "about 2,000", about, ClaimSource(MAYOR, "Mayor Ana Ferreira")),
            _claim(t, 2, "at least 1,500", Value(1500.0, None, "at_least"), None),
        ),
        events=(
            Event(
                id=f"{article_id}-e1",
                type="strike",
                participants=(MAYOR,),
                place=TOWN,
                date=EventDate("2025-09-01", "day"),
                mentions=(EventMention(article_id, t.span("joined the strike"), None),),
            ),
        ),
        relations=(Relation(f"{article_id}-r1", MAYOR, TOWN, "governs", (t.span("Mayor"),)),),
        findings=(
            Finding(
                id=f"{article_id}-f1",
                kind="unattributed_figure",
                severity="low",
                summary="A count of strikers is given without a source.",
                articles=(article_id,),
                claims=(f"{article_id}-c2",),
                evidence=(t.span("at least 1,500"),),
            ),
        ),
    )


def make_story(analyses: Sequence[ArticleAnalysis], **changes: Any) -> Story:
    """A story over ``analyses`` with a record in every list."""
    ids = {MAYOR: "e-ana-ferreira", TOWN: "e-sao-bento"}
    claims = [c for a in analyses for c in a.claims]
    story = Story(
        generated_at="2025-09-05T10:00:00+00:00",
        articles=tuple(a.article for a in analyses),
        skipped=(Skipped("inputs/broken.bin", "[S011] binary"),),
        entities=(
            Entity(
                "e-ana-ferreira", "Ana Ferreira", "person", ("Ana Ferreira", "Ferreira"), "PT", 2
            ),
            Entity("e-sao-bento", "São Bento", "place", ("São Bento",), None, 1),
        ),
        times=tuple(x for a in analyses for x in a.times),
        quantities=tuple(x for a in analyses for x in a.quantities),
        claims=tuple(
            dataclasses.replace(c, subject=None if c.source is None else ids[MAYOR]) for c in claims
        ),
        events=tuple(
            dataclasses.replace(e, participants=(ids[MAYOR],), place=ids[TOWN])
            for a in analyses
            for e in a.events
        ),
        relations=tuple(
            dataclasses.replace(r, source=ids[MAYOR], target=ids[TOWN])
            for a in analyses
            for r in a.relations
        ),
        findings=(
            *(f for a in analyses for f in a.findings),
            Finding("f-agree", "agreement", "medium", "Two sources agree.", claims=("a1-c1",)),
        ),
        timeline=(TimelineItem(EventDate("2025-09-01", "day"), "Dock workers strike", ("a1-e1",)),),
    )
    return dataclasses.replace(story, **changes)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store.open(tmp_path / "story.db") as opened:
        yield opened


SECOND = TEXT + " Talks resume on Friday."


def test_store_analysis_round_trip(store: Store) -> None:
    first, second = make_analysis("a1"), make_analysis("a2", SECOND)
    assert store.save_analysis(first) is True
    assert store.save_analysis(second) is True
    assert list(store.load_analyses()) == [first, second]
    assert store.get_analysis("a2") == second
    assert store.get_analysis("missing") is None
    assert store.article_ids() == ["a1", "a2"]


@pytest.mark.parametrize("batch_size", [1, 2, 64])
def test_store_load_analyses_in_batches(store: Store, batch_size: int) -> None:
    analyses = [make_analysis(f"a{n}", f"{TEXT} Talks resume in {n} days.") for n in range(5)]
    for analysis in analyses:
        store.save_analysis(analysis)
    assert list(store.load_analyses(batch_size=batch_size)) == analyses


def test_store_resave_adds_nothing(tmp_path: Path) -> None:
    analysis = make_analysis()
    with Store.open(tmp_path / "story.db") as store:
        assert store.save_analysis(analysis) is True
        before = store.counts()
    with Store.open(tmp_path / "story.db") as store:
        assert store.save_analysis(analysis) is False
        assert store.counts() == before
        assert before["articles"] == 1 and before["claims"] == 2 and before["mentions"] == 2


def test_store_changed_text_replaces_rows(store: Store) -> None:
    store.save_analysis(make_analysis("a1"))
    store.save_analysis(make_analysis("a2", SECOND))
    shorter = "Strike over\nThe strike ended on Friday."
    changed = ArticleAnalysis(
        article=Article("a1", "inputs/a1.txt", "Strike over", shorter, word_count=6),
        times=(Time(*_Text("a1", shorter).at("Friday"), "DATE", None),),
    )
    assert store.save_analysis(changed) is True
    assert list(store.load_analyses()) == [changed, make_analysis("a2", SECOND)]
    assert store.count("times") == 1 + 2 and store.count("claims") == 2
    assert store.article_hashes()["a1"] != store.article_hashes()["a2"]


def test_store_skipped_recorded_once(store: Store) -> None:
    binary = Skipped("in/x.bin", "[S011] binary data")
    empty = Skipped("in/e.txt", "[S012] empty")
    assert store.save_skipped([binary, empty, binary]) == 2
    assert store.save_skipped([empty, Skipped("in/x.bin", "[S010] unreadable")]) == 1
    assert store.load_skipped() == [binary, empty, Skipped("in/x.bin", "[S010] unreadable")]
    assert store.count("skipped") == 3


def test_store_story_round_trip(tmp_path: Path) -> None:
    analyses = [make_analysis("a1"), make_analysis("a2", SECOND)]
    story = make_story(analyses)
    with Store.open(tmp_path / "story.db") as store:
        assert not store.has_story()
        for analysis in analyses:
            store.save_analysis(analysis)
        store.save_story(story)
        assert store.load_story() == story
    with Store.open(tmp_path / "story.db") as store:
        assert store.has_story()
        assert store.load_story() == story


def test_store_story_replaced_whole(store: Store) -> None:
    analyses = [make_analysis("a1"), make_analysis("a2", SECOND)]
    for analysis in analyses:
        store.save_analysis(analysis)
    store.save_story(make_story(analyses))
    smaller = make_story(analyses[:1], findings=(), timeline=(), generated_at="2025-09-06")
    store.save_story(smaller)
    assert store.load_story() == smaller
    assert store.count("story.articles") == 1 and store.count("story.findings") == 0
    assert store.count("articles") == 2  # per-article data is not the story's to remove


def test_store_story_needs_its_articles_stored(store: Store) -> None:
    analysis = make_analysis("a1")
    with pytest.raises(StoryMismatchError, match=r"^\[S046\].*'a1'"):
        store.save_story(make_story([analysis]))
    store.save_analysis(analysis)
    edited = dataclasses.replace(analysis.article, text=TEXT + " More.")
    with pytest.raises(StoryMismatchError, match="same text"):
        store.save_story(make_story([analysis], articles=(edited,)))
    assert not store.has_story()


def test_store_load_story_when_none_saved(store: Store) -> None:
    with pytest.raises(NoStoryError, match=r"^\[S047\].*analyze --db"):
        store.load_story()


def test_store_query_helpers(store: Store) -> None:
    analyses = [make_analysis("a1"), make_analysis("a2", SECOND)]
    for analysis in analyses:
        store.save_analysis(analysis)
    story = make_story(analyses)
    store.save_story(story)
    assert store.get_article("a2") == analyses[1].article
    assert store.get_article("nope") is None
    assert [a.id for a in store.list_articles()] == ["a1", "a2"]
    assert store.get_entity("e-sao-bento") == story.entities[1]
    assert store.get_entity("person:ana ferreira") is None
    assert store.list_findings() == list(story.findings)
    assert [f.id for f in store.list_findings("unattributed_figure")] == ["a1-f1", "a2-f1"]
    assert store.list_findings("date_conflict") == []
    assert store.list_claims() == list(story.claims)
    assert [c.id for c in store.list_claims(subject="e-ana-ferreira")] == ["a1-c1", "a2-c1"]
    assert len(store.list_claims(measure="strikers")) == 4
    assert store.list_claims(measure="strikers", subject="e-other") == []
    assert store.list_claims(measure="killed") == []


def test_store_count_kinds(store: Store) -> None:
    store.save_analysis(make_analysis())
    counts = store.counts()
    assert set(counts) == set(COUNTABLE)
    assert counts["quantities"] == 1 and counts["events"] == 1 and counts["entities"] == 0
    with pytest.raises(ValueError, match="unknown kind 'claim'"):
        store.count("claim")


def test_store_covers_every_field() -> None:
    analysis_fields = {f.name for f in dataclasses.fields(ArticleAnalysis)} - {"article"}
    assert analysis_fields == set(ARTICLE_KINDS) == set(store_articles.RECORD_TYPES)
    story_fields = {f.name for f in dataclasses.fields(Story)} - {"generated_at"}
    assert story_fields == set(store_story.STORY_LISTS)


class Interrupted(Exception):
    """Stands for whatever stops a run midway (a crash, Ctrl-C, a full disk)."""


@pytest.mark.parametrize("failing_kind", ARTICLE_KINDS)
def test_store_interrupted_write_leaves_nothing_of_the_article(
    store: Store, monkeypatch: pytest.MonkeyPatch, failing_kind: str
) -> None:
    store.save_analysis(make_analysis("a1"))
    before = store.counts()
    real = store_articles.write_records

    def failing(conn: Any, kind: str, article_id: str, records: Sequence[Any]) -> None:
        real(conn, kind, article_id, records)  # this kind's rows are written, then the run dies
        if kind == failing_kind:
            raise Interrupted(kind)

    monkeypatch.setattr(store_articles, "write_records", failing)
    with pytest.raises(Interrupted):
        store.save_analysis(make_analysis("a2", SECOND))
    assert store.counts() == before
    assert store.article_ids() == ["a1"]
    monkeypatch.undo()
    assert store.save_analysis(make_analysis("a2", SECOND)) is True


def test_store_interrupted_replace_keeps_the_old_article(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = make_analysis("a1")
    store.save_analysis(original)

    def failing(conn: Any, kind: str, article_id: str, records: Sequence[Any]) -> None:
        raise Interrupted(kind)

    monkeypatch.setattr(store_articles, "write_records", failing)
    with pytest.raises(Interrupted):
        store.save_analysis(make_analysis("a1", SECOND))
    assert list(store.load_analyses()) == [original]


def test_store_interrupted_story_keeps_the_old_story(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyses = [make_analysis("a1"), make_analysis("a2", SECOND)]
    for analysis in analyses:
        store.save_analysis(analysis)
    old = make_story(analyses[:1])
    store.save_story(old)
    real = store_story.dump

    def failing(record: Any) -> str:
        if isinstance(record, Finding):
            raise Interrupted(record.id)
        return real(record)

    monkeypatch.setattr(store_story, "dump", failing)
    with pytest.raises(Interrupted):
        store.save_story(make_story(analyses))
    assert store.load_story() == old


def test_store_database_failure_is_a_store_error_and_rolls_back(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    with Store.open(path) as store:
        store.save_analysis(make_analysis("a1"))
    with sqlite3.connect(path) as raw:  # a damaged store: one table is gone
        raw.execute("DROP TABLE article_events")
    with Store.open(path) as store:
        with pytest.raises(StoreAccessError, match=r"^\[S045\] cannot write article 'a2'"):
            store.save_analysis(make_analysis("a2", SECOND))
        assert store.article_ids() == ["a1"]
        assert store.count("claims") == 2


KILL_MIDWAY = """
import os, sys
import storyline.store.articles as store_articles
from storyline.models import Article, ArticleAnalysis, Time
from storyline.store import Store

real = store_articles.write_records

def dying(conn, kind, article_id, records):
    real(conn, kind, article_id, records)
    if kind == "times":
        os._exit(9)  # the process dies: no rollback, no cleanup

text = "Title\\nOn Monday and on Friday."
times = tuple(Time("k1", text.index(w), text.index(w) + len(w), w, "DATE", None)
              for w in ("Monday", "Friday"))
store = Store.open(sys.argv[1])
store_articles.write_records = dying
store.save_analysis(ArticleAnalysis(Article("k1", "k.txt", "Title", text), times=times))
"""


def test_store_killed_process_leaves_nothing_of_the_article(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    with Store.open(path) as store:
        store.save_analysis(make_analysis("a1"))
        before = store.counts()
    done = subprocess.run([sys.executable, "-c", KILL_MIDWAY, str(path)], check=False)
    assert done.returncode == 9
    with Store.open(path) as store:
        assert store.counts() == before
        assert list(store.load_analyses()) == [make_analysis("a1")]
