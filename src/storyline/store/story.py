"""The derived, cross-article story: written as a whole, read back exactly.

Each list of :class:`~storyline.models.Story` has a ``story_<kind>`` table
holding the records as JSON in their order, beside the few columns queries
filter on. Articles are the exception: their text is not copied again, so
``story_articles`` keeps the article without its text and refers to the
stored article, whose text must be the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select

from ..errors import NoStoryError, StoryMismatchError
from ..models import (
    SCHEMA_ID,
    Article,
    Claim,
    Entity,
    Event,
    Finding,
    Incident,
    Quantity,
    Relation,
    Skipped,
    Story,
    Time,
    TimelineItem,
    from_dict,
    to_dict,
)
from .codec import dump, dump_data, load, text_hash
from .schema import (
    articles,
    story_articles,
    story_claims,
    story_entities,
    story_events,
    story_findings,
    story_incidents,
    story_info,
    story_quantities,
    story_relations,
    story_skipped,
    story_timeline,
    story_times,
)


@dataclass(frozen=True)
class Part:
    """One list of the story: its table, record type and indexed columns."""

    field: str
    table: Table
    record_type: type[Any]
    columns: Callable[[Any], dict[str, Any]]


#: Every list of :class:`Story` but ``articles``, in the order of its fields.
PARTS = (
    Part("skipped", story_skipped, Skipped, lambda s: {}),
    Part(
        "entities",
        story_entities,
        Entity,
        lambda e: {"id": e.id, "name": e.name, "kind": e.kind},
    ),
    Part("times", story_times, Time, lambda t: {"article_id": t.article}),
    Part("quantities", story_quantities, Quantity, lambda q: {"article_id": q.article}),
    Part(
        "claims",
        story_claims,
        Claim,
        lambda c: {"id": c.id, "article_id": c.article, "subject": c.subject, "measure": c.measure},
    ),
    Part("events", story_events, Event, lambda e: {"id": e.id, "type": e.type}),
    Part(
        "relations",
        story_relations,
        Relation,
        lambda r: {"id": r.id, "source": r.source, "target": r.target, "type": r.type},
    ),
    Part(
        "findings",
        story_findings,
        Finding,
        lambda f: {"id": f.id, "kind": f.kind, "severity": f.severity},
    ),
    Part("timeline", story_timeline, TimelineItem, lambda t: {"date_value": t.date.value}),
    Part("incidents", story_incidents, Incident, lambda i: {"id": i.id, "type": i.type}),
)

#: Each list of the story and its table.
STORY_LISTS = {"articles": story_articles, **{part.field: part.table for part in PARTS}}

STORY_TABLES = (story_info, *STORY_LISTS.values())


def write_story(conn: Connection, story: Story) -> None:
    """Replace the stored story with ``story``."""
    check_articles(conn, story.articles)
    for table in STORY_TABLES:
        conn.execute(delete(table))
    conn.execute(insert(story_info).values(id=1, schema=SCHEMA_ID, generated_at=story.generated_at))
    if story.articles:
        conn.execute(
            insert(story_articles), [_article_row(i, a) for i, a in enumerate(story.articles)]
        )
    for part in PARTS:
        records = getattr(story, part.field)
        if records:
            rows = [
                {"position": i, **part.columns(record), "data": dump(record)}
                for i, record in enumerate(records)
            ]
            conn.execute(insert(part.table), rows)


def check_articles(conn: Connection, listed: Sequence[Article]) -> None:
    """Refuse a story naming articles that are not stored with the same text."""
    query = select(articles.c.id, articles.c.content_hash)
    stored = {article_id: digest for article_id, digest in conn.execute(query)}
    wrong = [a.id for a in listed if stored.get(a.id) != text_hash(a.text)]
    if wrong:
        shown = ", ".join(repr(article_id) for article_id in wrong[:3])
        more = f" and {len(wrong) - 3} more" if len(wrong) > 3 else ""
        raise StoryMismatchError(
            f"the story names article(s) {shown}{more} that the store does not hold "
            "with the same text; save each article's analysis before saving the story"
        )


def _article_row(position: int, article: Article) -> dict[str, Any]:
    data = to_dict(article)
    del data["text"]
    return {"position": position, "article_id": article.id, "data": dump_data(data)}


def read_story(conn: Connection, location: str) -> Story:
    """The story last written, exactly as it was given."""
    info = conn.execute(select(story_info.c.generated_at)).scalar_one_or_none()
    if info is None:
        raise NoStoryError(
            f"{location} holds no story yet; run `storyline analyze --db` on some articles first"
        )
    parts = {part.field: tuple(read_part(conn, part)) for part in PARTS}
    return Story(generated_at=info, articles=tuple(read_story_articles(conn)), **parts)


def read_unlisted_ids(conn: Connection) -> list[str]:
    """Ids of stored articles the story does not list, in stored order."""
    listed = select(story_articles.c.article_id)
    query = select(articles.c.id).where(articles.c.id.not_in(listed)).order_by(articles.c.pk)
    return list(conn.execute(query).scalars())


def has_story(conn: Connection) -> bool:
    """Whether a story has been written."""
    return conn.execute(select(story_info.c.id)).first() is not None


def read_story_articles(conn: Connection) -> list[Article]:
    """The story's articles, their text taken from the stored articles."""
    query = (
        select(story_articles.c.data, articles.c.text)
        .join(articles, articles.c.id == story_articles.c.article_id)
        .order_by(story_articles.c.position)
    )
    found: list[Article] = []
    for data, text in conn.execute(query):
        fields = json.loads(data)
        fields["text"] = text
        found.append(from_dict(Article, fields))
    return found


def read_part(conn: Connection, part: Part, *where: Any) -> list[Any]:
    """The records of one list of the story, in order, filtered by ``where``."""
    query = select(part.table.c.data).where(*where).order_by(part.table.c.position)
    return [load(part.record_type, data) for data in conn.scalars(query)]


def part(field: str) -> Part:
    """The :class:`Part` holding the story's list ``field``."""
    return next(p for p in PARTS if p.field == field)


def find_entity(conn: Connection, entity_id: str) -> Entity | None:
    """The entity with id ``entity_id`` in the stored story, if any."""
    entities = part("entities")
    found = read_part(conn, entities, entities.table.c.id == entity_id)
    return found[0] if found else None


def find_findings(conn: Connection, kind: str | None) -> list[Finding]:
    """The story's findings, all or of one ``kind``, in story order."""
    findings = part("findings")
    where = [] if kind is None else [findings.table.c.kind == kind]
    return read_part(conn, findings, *where)


def find_claims(conn: Connection, measure: str | None, subject: str | None) -> list[Claim]:
    """The story's claims, filtered by ``measure`` and ``subject`` when given."""
    claims = part("claims")
    where = []
    if measure is not None:
        where.append(claims.table.c.measure == measure)
    if subject is not None:
        where.append(claims.table.c.subject == subject)
    return read_part(conn, claims, *where)
