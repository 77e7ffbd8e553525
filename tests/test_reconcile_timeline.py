"""The timeline: dated events and claims in date order, undated ones counted."""

from __future__ import annotations

from storyline.models import (
    Article,
    Claim,
    Entity,
    Event,
    EventDate,
    EventMention,
    Span,
    Value,
)
from storyline.reconcile.timeline import build_timeline

ENTITIES = (
    Entity(id="e-france", name="France", kind="country", country="FR"),
    Entity(id="e-poland", name="Poland", kind="country", country="PL"),
    Entity(id="e-geneva", name="Geneva", kind="place", country="CH"),
)
ARTICLES = (Article(id="a1", source="001_x.txt", title="T", text=""),)


def event(event_id: str, kind: str, value: str | None, place: str | None = None) -> Event:
    span = Span(article="a1", start=0, end=4, text="text")
    date = EventDate(value=value, precision=None) if value else None
    return Event(
        id=event_id,
        type=kind,
        participants=("e-france", "e-poland"),
        place=place,
        date=date,
        mentions=(EventMention(article="a1", span=span, date=date),),
    )


def claim(claim_id: str, as_of: str | None, amount: float = 300) -> Claim:
    return Claim(
        id=claim_id,
        article="a1",
        subject="e-poland",
        subject_text="Polish soldiers",
        measure="killed",
        value=Value(amount, amount, "approximately"),
        unit="soldier",
        as_of=as_of,
        source=None,
        span=Span(article="a1", start=0, end=4, text="text"),
    )


def test_reconcile_timeline_orders_events_and_claims_by_date() -> None:
    items = build_timeline(
        [event("e2", "meeting", "2025-09-03", "e-geneva"), event("e1", "agreement", "2024-06")],
        [claim("c1", "2024-11-20")],
        ENTITIES,
        ARTICLES,
    )
    assert [i.date.value for i in items] == ["2024-06", "2024-11-20", "2025-09-03"]
    assert items[0].label == "Agreement between France and Poland"
    assert items[0].events == ("e1",)
    assert items[1].label == "Polish soldiers killed: about 300 (001)"
    assert items[1].claims == ("c1",)
    assert items[2].label == "Meeting between France and Poland in Geneva"


def test_reconcile_timeline_month_comes_before_a_day_inside_it() -> None:
    items = build_timeline(
        [event("e1", "meeting", "2024-06-05"), event("e2", "agreement", "2024-06")],
        [],
        ENTITIES,
        ARTICLES,
    )
    assert [i.events for i in items] == [("e2",), ("e1",)]


def test_reconcile_timeline_leaves_out_and_counts_the_undated() -> None:
    items = build_timeline(
        [event("e1", "meeting", None), event("e2", "meeting", "PAST_REF")],
        [claim("c1", None), claim("c2", "2024-11-20")],
        ENTITIES,
        ARTICLES,
    )
    assert [i.date.value for i in items] == ["2024-11-20", None]
    last = items[-1]
    assert last.label == "Left off the timeline for want of a date: 2 events, 1 claim"
    assert last.events == ("e1", "e2") and last.claims == ("c1",)


def test_reconcile_timeline_groups_claims_of_one_date_and_subject() -> None:
    items = build_timeline(
        [], [claim("c1", "2024-11-20", 300), claim("c2", "2024-11-20", 600)], ENTITIES, ARTICLES
    )
    assert len(items) == 1
    assert items[0].claims == ("c1", "c2")
    assert "about 300" in items[0].label and "about 600" in items[0].label


def test_reconcile_timeline_everything_dated_has_no_undated_item() -> None:
    items = build_timeline([event("e1", "meeting", "2024-06")], [], ENTITIES, ARTICLES)
    assert [i.date.value for i in items] == ["2024-06"]
