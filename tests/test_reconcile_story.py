"""``build_story`` on hand-made article pairs: events, relations, findings and timeline."""

from __future__ import annotations

import dataclasses

from storyline.models import (
    Article,
    ArticleAnalysis,
    Claim,
    ClaimSource,
    Event,
    EventDate,
    EventMention,
    Mention,
    Published,
    Relation,
    Span,
    Value,
)
from storyline.reconcile import build_story
from storyline.reconcile.relations import merge_relations
from storyline.report.story_json import story_to_json, validate_story

TEXTS = {
    "001": "Macron met Ruto in Geneva on 3 September. France and Kenya are allies.",
    "002": "Macron and Ruto met in Geneva on 17 October. Kenya and France are allies.",
}


def span(article: str, text: str) -> Span:
    start = TEXTS[article].index(text)
    return Span(article=article, start=start, end=start + len(text), text=text)


def mention(article: str, text: str, kind: str, key: str, country: str | None) -> Mention:
    s = span(article, text)
    return Mention(article, s.start, s.end, text, kind, key, text, country)  # type: ignore[arg-type]


def analysis(article_id: str, date: str, place: str = "place:geneva") -> ArticleAnalysis:
    text = TEXTS[article_id]
    first = text.split(". ")[0] + "."
    mentions = (
        mention(article_id, "Macron", "person", "person:emmanuel macron", "FR"),
        mention(article_id, "Ruto", "person", "person:william ruto", "KE"),
        mention(article_id, "Geneva", "place", place, "CH"),
        mention(article_id, "France", "country", "country:FR", "FR"),
        mention(article_id, "Kenya", "country", "country:KE", "KE"),
    )
    mention_date = EventDate(date, "day")
    event = Event(
        id=f"ev-{article_id}-1",
        type="meeting",
        participants=("person:emmanuel macron", "person:william ruto"),
        place=place,
        date=mention_date,
        mentions=(EventMention(article_id, span(article_id, first), mention_date),),
    )
    allies = text.split(". ")[1]
    relation = Relation(
        id=f"rel-{article_id}-1",
        source="country:FR",
        target="country:KE",
        type="alliance",
        evidence=(span(article_id, allies),),
    )
    return ArticleAnalysis(
        article=Article(
            id=article_id,
            source=f"news/{article_id}_abc.txt",
            title=None,
            text=text,
            published=Published(date, "dateline"),
        ),
        mentions=mentions,
        events=(event,),
        relations=(relation,),
        claims=(claim(article_id, 300.0 if article_id == "001" else 1200.0, date),),
    )


def claim(article_id: str, amount: float, as_of: str) -> Claim:
    text = TEXTS[article_id].split(". ")[0]
    return Claim(
        id=f"cl-{article_id}",
        article=article_id,
        subject="country:KE",
        subject_text="Kenyan soldiers",
        measure="killed",
        value=Value(amount, amount, "approximately"),
        unit="soldier",
        as_of=as_of,
        source=ClaimSource(entity="person:emmanuel macron", text="Macron"),
        span=span(article_id, text),
    )


def test_reconcile_story_merges_the_meeting_and_flags_its_dates() -> None:
    story = build_story(
        [analysis("001", "2025-09-03"), analysis("002", "2023-10-17")],
        generated_at="2025-01-01T00:00:00+00:00",
    )
    meetings = [e for e in story.events if e.type == "meeting"]
    assert len(meetings) == 1
    assert {(m.article, m.date.value if m.date else None) for m in meetings[0].mentions} == {
        ("001", "2025-09-03"),
        ("002", "2023-10-17"),
    }
    conflict = [f for f in story.findings if f.kind == "date_conflict"]
    assert len(conflict) == 1
    names = {e.id: e.name for e in story.entities}
    assert names[meetings[0].participants[0]] in conflict[0].summary
    assert "3 September 2025 (001) vs 17 October 2023 (002)" in conflict[0].summary
    validate_story(story_to_json(story))


def test_reconcile_story_meetings_in_different_places_stay_two() -> None:
    story = build_story(
        [analysis("001", "2025-09-03"), analysis("002", "2025-09-03", place="place:nairobi")]
    )
    assert len([e for e in story.events if e.type == "meeting"]) == 2
    assert not [f for f in story.findings if f.kind == "date_conflict"]


def test_reconcile_story_relations_merge_across_articles_with_entity_ids() -> None:
    story = build_story([analysis("001", "2025-09-03"), analysis("002", "2023-10-17")])
    alliances = [r for r in story.relations if r.type == "alliance"]
    assert len(alliances) == 1
    ids = {e.id for e in story.entities}
    assert {alliances[0].source, alliances[0].target} <= ids
    assert [s.article for s in alliances[0].evidence] == ["001", "002"]


def test_reconcile_story_claims_are_reconciled_and_timeline_is_ordered() -> None:
    story = build_story([analysis("001", "2025-09-03"), analysis("002", "2023-10-17")])
    figures = [f for f in story.findings if f.kind in {"value_conflict", "evolving_figure"}]
    assert len(figures) == 1
    assert figures[0].kind == "value_conflict"
    assert "the later figure is lower" in figures[0].summary
    dates = [i.date.value for i in story.timeline if i.date.value]
    assert dates == sorted(dates)
    assert any(i.events for i in story.timeline)


def test_reconcile_story_relations_symmetric_merge_and_self_ties_drop() -> None:
    evidence = Span("a", 0, 3, "abc")
    merged = merge_relations(
        [
            Relation("r1", "e-b", "e-a", "alliance", (evidence,)),
            Relation("r2", "e-a", "e-b", "alliance", (evidence,)),
            Relation("r3", "e-a", "e-a", "cooperation", (evidence,)),
            Relation("r4", "e-b", "e-a", "supplies", (evidence,), ("troops",)),
            Relation("r5", "e-b", "e-a", "supplies", (evidence,), ("artillery",)),
        ]
    )
    assert [(r.type, r.source, r.target) for r in merged] == [
        ("alliance", "e-a", "e-b"),
        ("supplies", "e-b", "e-a"),
    ]
    assert merged[0].evidence == (evidence,)
    assert merged[1].items == ("troops", "artillery")


def test_reconcile_story_keeps_whether_a_source_is_named_or_described() -> None:
    first, second = analysis("001", "2025-09-03"), analysis("002", "2023-10-17")
    described = dataclasses.replace(
        second.claims[0], source=ClaimSource(entity=None, text="officials", kind="described")
    )
    second = dataclasses.replace(second, claims=(described,))
    story = build_story([first, second])
    kinds = {claim.article: claim.source.kind for claim in story.claims if claim.source}
    assert kinds == {"001": "named", "002": "described"}
    macron = next(e.id for e in story.entities if e.name == "Emmanuel Macron")
    assert next(c for c in story.claims if c.article == "001").source.entity == macron  # type: ignore[union-attr]
