"""Cross-article event merging: conservative, never across places, dates kept per mention."""

from __future__ import annotations

import pytest

from storyline.models import (
    Article,
    Entity,
    Event,
    EventDate,
    EventMention,
    Published,
    Span,
)
from storyline.reconcile.events import best_date, merge_events
from storyline.reconcile.wording import describe_event

ENTITIES = (
    Entity(id="e-geneva", name="Geneva", kind="place", country="CH"),
    Entity(id="e-switzerland", name="Switzerland", kind="country", country="CH"),
    Entity(id="e-nairobi", name="Nairobi", kind="place", country="KE"),
    Entity(id="e-macron", name="Emmanuel Macron", kind="person", country="FR"),
    Entity(id="e-scholz", name="Olaf Scholz", kind="person", country="DE"),
    Entity(id="e-ruto", name="William Ruto", kind="person", country="KE"),
)


def event(
    article: str,
    participants: tuple[str, ...] = (),
    place: str | None = None,
    date: str | None = None,
    kind: str = "meeting",
    start: int = 0,
) -> Event:
    text = f"{kind} in {article} at {start}"
    span = Span(article=article, start=start, end=start + len(text), text=text)
    mention_date = EventDate(value=date, precision="day") if date else None
    return Event(
        id=f"ev-{article}-{start}",
        type=kind,
        participants=participants,
        place=place,
        date=mention_date,
        mentions=(EventMention(article=article, span=span, date=mention_date),),
    )


def articles(*ids: str, basis: str = "dateline") -> tuple[Article, ...]:
    return tuple(
        Article(
            id=i,
            source=f"{i}.txt",
            title=None,
            text="",
            published=Published("2024-06-01", basis),  # type: ignore[arg-type]
        )
        for i in ids
    )


PAIR = ("e-macron", "e-scholz")


def test_reconcile_events_same_place_and_people_merge_across_articles() -> None:
    merged = merge_events(
        [
            event("a", PAIR, "e-geneva", "2024-05-03"),
            event("b", PAIR, "e-geneva", "2024-05-03"),
        ],
        ENTITIES,
        articles("a", "b"),
    )
    assert len(merged) == 1
    assert [m.article for m in merged[0].mentions] == ["a", "b"]
    assert merged[0].date == EventDate("2024-05-03", "day")


def test_reconcile_events_different_places_never_merge() -> None:
    merged = merge_events(
        [
            event("a", PAIR, "e-geneva", "2024-05-03"),
            event("b", PAIR, "e-nairobi", "2024-05-03"),
        ],
        ENTITIES,
        articles("a", "b"),
    )
    assert len(merged) == 2


def test_reconcile_events_city_and_its_country_are_one_place() -> None:
    merged = merge_events(
        [event("a", PAIR, "e-geneva"), event("b", PAIR, "e-switzerland")],
        ENTITIES,
        articles("a", "b"),
    )
    assert len(merged) == 1
    assert merged[0].place == "e-geneva"


def test_reconcile_events_people_alone_without_date_or_place_do_not_merge() -> None:
    merged = merge_events([event("a", PAIR), event("b", PAIR)], ENTITIES, articles("a", "b"))
    assert len(merged) == 2


def test_reconcile_events_people_with_agreeing_dates_merge() -> None:
    merged = merge_events(
        [event("a", PAIR, date="2024-05-03"), event("b", PAIR, "e-geneva", "2024-05-03")],
        ENTITIES,
        articles("a", "b"),
    )
    assert len(merged) == 1


def test_reconcile_events_conflicting_dates_merge_only_on_strong_evidence() -> None:
    strong = merge_events(
        [event("a", PAIR, "e-geneva", "2025-09-03"), event("b", PAIR, "e-geneva", "2023-10-17")],
        ENTITIES,
        articles("a", "b"),
    )
    assert len(strong) == 1
    assert {m.date.value for m in strong[0].mentions if m.date} == {"2025-09-03", "2023-10-17"}
    weak = merge_events(
        [
            event("a", ("e-macron",), "e-geneva", "2025-09-03"),
            event("b", PAIR, "e-geneva", "2023-10-17"),
        ],
        ENTITIES,
        articles("a", "b"),
    )
    assert len(weak) == 2


def test_reconcile_events_one_articles_events_stay_apart() -> None:
    merged = merge_events(
        [
            event("a", PAIR, "e-geneva", "2024-05-03", start=0),
            event("a", PAIR, "e-geneva", "2024-05-03", start=100),
        ],
        ENTITIES,
        articles("a"),
    )
    assert len(merged) == 2
    assert len({e.id for e in merged}) == 2


def test_reconcile_events_types_of_other_groups_do_not_merge() -> None:
    merged = merge_events(
        [event("a", PAIR, "e-geneva", kind="meeting"), event("b", PAIR, "e-geneva", kind="attack")],
        ENTITIES,
        articles("a", "b"),
    )
    assert sorted(e.type for e in merged) == ["attack", "meeting"]
    visit = merge_events(
        [event("a", PAIR, "e-geneva", kind="meeting"), event("b", PAIR, "e-geneva", kind="visit")],
        ENTITIES,
        articles("a", "b"),
    )
    assert len(visit) == 1


def test_reconcile_events_best_date_prefers_support_then_firmer_article_date() -> None:
    merged = merge_events(
        [event("a", PAIR, "e-geneva", "2025-09-03"), event("b", PAIR, "e-geneva", "2023-10-17")],
        ENTITIES,
        (*articles("a", basis="dateline"), *articles("b", basis="content")),
    )
    assert merged[0].date == EventDate("2025-09-03", "day")
    swapped = merge_events(
        [event("a", PAIR, "e-geneva", "2025-09-03"), event("b", PAIR, "e-geneva", "2023-10-17")],
        ENTITIES,
        (*articles("a", basis="unknown"), *articles("b", basis="metadata")),
    )
    assert swapped[0].date == EventDate("2023-10-17", "day")
    three = [
        *event("a", PAIR, date="2024-05-03").mentions,
        *event("b", PAIR, date="2024-05").mentions,
        *event("c", PAIR, date="2024-07-01").mentions,
    ]
    assert best_date(three, {}) == EventDate("2024-05-03", "day")


def test_reconcile_events_ids_are_stable_and_order_free() -> None:
    items = [event("a", PAIR, "e-geneva"), event("b", PAIR, "e-geneva")]
    one = merge_events(items, ENTITIES, articles("a", "b"))
    two = merge_events(list(reversed(items)), ENTITIES, articles("a", "b"))
    assert [e.id for e in one] == [e.id for e in two]
    assert one[0].id.startswith("ev-")


def test_reconcile_events_unnamed_events_join_by_their_articles_cast() -> None:
    casts = {"a": {"e-macron", "e-scholz"}, "b": {"e-macron", "e-scholz"}, "c": {"e-ruto"}}
    merged = merge_events(
        [event("a", kind="attack"), event("b", kind="attack"), event("c", kind="attack")],
        ENTITIES,
        articles("a", "b", "c"),
        casts=casts,
    )
    assert sorted(len(e.mentions) for e in merged) == [1, 2]
    joined = next(e for e in merged if len(e.mentions) == 2)
    assert {m.article for m in joined.mentions} == {"a", "b"}


def test_reconcile_events_unnamed_events_of_other_groups_stay_apart() -> None:
    casts = {"a": {"e-macron", "e-scholz"}, "b": {"e-macron", "e-scholz"}}
    merged = merge_events(
        [event("a", kind="attack"), event("b", kind="meeting")],
        ENTITIES,
        articles("a", "b"),
        casts=casts,
    )
    assert len(merged) == 2


@pytest.mark.parametrize(
    ("second", "context", "expected"),
    [
        (PAIR, {"e-ruto"}, 1),  # same people, the articles also share Ruto
        (PAIR, set(), 2),  # same people, nothing else in common: not enough
        (("e-macron", "e-ruto"), {"e-scholz", "e-ruto"}, 2),  # other people
    ],
)
def test_reconcile_events_placeless_events_join_by_corroborating_context(
    second: tuple[str, ...], context: set[str], expected: int
) -> None:
    casts = {"a": {*PAIR, *context}, "b": {*second, *context}}
    merged = merge_events(
        [event("a", PAIR), event("b", second)], ENTITIES, articles("a", "b"), casts=casts
    )
    assert len(merged) == expected


def test_reconcile_events_context_never_merges_across_places() -> None:
    casts = {"a": {*PAIR, "e-ruto"}, "b": {*PAIR, "e-ruto"}}
    merged = merge_events(
        [event("a", PAIR, "e-geneva"), event("b", PAIR, "e-nairobi")],
        ENTITIES,
        articles("a", "b"),
        casts=casts,
    )
    assert len(merged) == 2
    located = merge_events(
        [event("a", PAIR, "e-geneva"), event("b", PAIR)], ENTITIES, articles("a", "b"), casts=casts
    )
    assert len(located) == 2


@pytest.mark.parametrize(
    ("kind", "participants", "place", "expected"),
    [
        ("meeting", ("e-a", "e-b"), "e-p", "the meeting between Alpha and Beta in Port"),
        ("meeting", ("e-a",), "e-p", "the meeting of Alpha in Port"),
        ("attack", ("e-a", "e-b"), "e-p", "the attack involving Alpha and Beta in Port"),
        ("casualty_report", ("e-a",), None, "the casualties involving Alpha"),
    ],
)
def test_reconcile_events_are_described_with_their_type_connector(
    kind: str, participants: tuple[str, ...], place: str | None, expected: str
) -> None:
    names = {"e-a": "Alpha", "e-b": "Beta", "e-p": "Port"}
    described = describe_event(event("a", participants, place, kind=kind), names)
    assert described == expected
