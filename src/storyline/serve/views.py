"""What each page of the web app shows, as plain records built from a :class:`Story`.

The records are the report's own (:mod:`storyline.report.views`,
:mod:`~storyline.report.highlight`, :mod:`~storyline.report.svg`), with their
links addressed to the app's pages by :mod:`.urls`; this module only chooses
which of them a page shows. Like the report's views it produces no markup.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ..models import Article, Claim, Entity, Event, Finding, Relation, Span, Story
from ..nlp.wording import truncate
from ..report.highlight import KIND_ORDER, AliasFinder, ArticleView, build_article_views
from ..report.incidents import (
    IncidentView,
    build_incidents,
    incident_events,
    incident_findings,
    ranked_incidents,
)
from ..report.svg import GraphView, TimelineView, graph_view, timeline_view
from ..report.views import (
    ArticleCard,
    EntityRow,
    FigureGroup,
    FindingView,
    Header,
    Link,
    build_cards,
    build_entity_index,
    build_findings,
    build_header,
    group_claims,
    headline_ids,
    incident_articles,
    incident_labels,
    kind_label,
)
from .urls import URLS


@dataclass(frozen=True)
class FindingItem:
    """A finding as the report shows it, and the address of its own page."""

    view: FindingView
    url: str


@dataclass(frozen=True)
class OverviewPage:
    header: Header
    headline: tuple[FindingItem, ...]
    findings: tuple[FindingItem, ...]
    finding_kinds: tuple[tuple[str, str, int], ...]
    incidents: tuple[tuple[IncidentView, str], ...]
    figures: tuple[FigureGroup, ...]
    timeline: TimelineView
    graph: GraphView
    cards: tuple[tuple[ArticleCard, str], ...]
    entities: tuple[tuple[EntityRow, str], ...]
    skipped: tuple[tuple[str, str], ...]

    @property
    def article_urls(self) -> dict[str, str]:
        """Article id -> the address of its page."""
        return {card.id: url for card, url in self.cards}


def overview_page(story: Story) -> OverviewPage:
    """The story page: the report's sections, linking to article, entity and finding pages."""
    findings = finding_items(story)
    by_id = {item.view.id: item for item in findings}
    kinds: dict[str, int] = {}
    for item in findings:
        kinds[item.view.kind] = kinds.get(item.view.kind, 0) + 1
    entity_urls = [URLS.entity(entity.id) for entity in _ranked(story.entities)]
    return OverviewPage(
        header=build_header(story),
        headline=tuple(by_id[finding_id] for finding_id in headline_ids(story)),
        findings=findings,
        finding_kinds=tuple((kind, kind_label(kind), n) for kind, n in kinds.items()),
        incidents=incidents_page(story),
        figures=group_claims(story, URLS),
        timeline=timeline_view(story, urls=URLS),
        graph=graph_view(story, urls=URLS),
        cards=_cards(story),
        entities=tuple(zip(build_entity_index(story.entities), entity_urls, strict=True)),
        skipped=tuple((item.source, item.reason) for item in story.skipped),
    )


def finding_items(story: Story) -> tuple[FindingItem, ...]:
    """Every finding in the report's order, linked for the app."""
    return tuple(FindingItem(view, URLS.finding(view.id)) for view in build_findings(story, URLS))


def _ranked(entities: Iterable[Entity]) -> list[Entity]:
    """Entities in the order of :func:`build_entity_index`."""
    return sorted(entities, key=lambda entity: (-entity.mentions, entity.name.casefold()))


@dataclass(frozen=True)
class ArticlePage:
    card: ArticleCard
    text: ArticleView
    highlight_kinds: tuple[str, ...]
    findings: tuple[FindingItem, ...]
    figures: tuple[FigureGroup, ...]


def article_page(story: Story, article_id: str) -> ArticlePage | None:
    """One article with every span marked, its findings and its figures; None if unknown."""
    article = _find(story.articles, article_id)
    if article is None:
        return None
    alone = dataclasses.replace(story, articles=(article,))
    touching = {finding.id for finding in story.findings if _touches(finding, article_id)}
    return ArticlePage(
        card=build_cards(alone, URLS)[0],
        text=build_article_views(alone, URLS)[0],
        highlight_kinds=KIND_ORDER,
        findings=tuple(item for item in finding_items(story) if item.view.id in touching),
        figures=_figures(story, [c for c in story.claims if c.article == article_id]),
    )


def _touches(finding: Finding, article_id: str) -> bool:
    """Whether a finding names the article or quotes it."""
    return article_id in finding.articles or any(
        span.article == article_id for span in finding.evidence
    )


@dataclass(frozen=True)
class RelationRow:
    source: Link
    type: str
    target: Link
    evidence: tuple[Link, ...]


@dataclass(frozen=True)
class EventRow:
    type: str
    date: str
    participants: tuple[Link, ...]
    articles: tuple[Link, ...]


@dataclass(frozen=True)
class EntityPage:
    entity: Entity
    row: EntityRow
    about: tuple[FigureGroup, ...]
    given: tuple[FigureGroup, ...]
    relations: tuple[RelationRow, ...]
    events: tuple[EventRow, ...]
    mentioned_in: tuple[tuple[Link, int], ...]
    incidents: tuple[tuple[Link, str], ...] = ()


def entity_page(story: Story, entity_id: str) -> EntityPage | None:
    """One entity: its names, the figures about it and from it, its ties and events."""
    entity = _find(story.entities, entity_id)
    if entity is None:
        return None
    about = tuple(claim for claim in story.claims if claim.subject == entity_id)
    given = tuple(
        claim
        for claim in story.claims
        if claim.source is not None and claim.source.entity == entity_id
    )
    return EntityPage(
        entity=entity,
        row=build_entity_index([entity])[0],
        about=_figures(story, about),
        given=_figures(story, given),
        relations=tuple(
            _relation_row(story, relation)
            for relation in story.relations
            if entity_id in (relation.source, relation.target)
        ),
        events=tuple(_event_row(story, e) for e in story.events if entity_id in _involved(e)),
        mentioned_in=_mentions(story.articles, entity),
        incidents=_taking_part(story, entity_id),
    )


def _taking_part(story: Story, entity_id: str) -> tuple[tuple[Link, str], ...]:
    """The incidents an entity takes part in, most told first, with its roles in each."""
    labels = incident_labels(story.incidents)
    found = []
    for incident in ranked_incidents(story.incidents):
        roles = sorted({p.role for p in incident.participants if p.entity == entity_id})
        if roles:
            found.append((Link(labels[incident.id], URLS.incident(incident.id)), ", ".join(roles)))
    return tuple(found)


def _involved(event: Event) -> set[str]:
    return {*event.participants, *([event.place] if event.place else [])}


def _mentions(articles: Iterable[Article], entity: Entity) -> tuple[tuple[Link, int], ...]:
    """The articles where one of the entity's names occurs, with how often."""
    finder = AliasFinder([entity])
    found = []
    for article in articles:
        count = len(finder.highlights(article.text))
        if count:
            title = (article.title or "").strip() or article.id
            found.append((Link(title, URLS.article(article.id)), count))
    return tuple(sorted(found, key=lambda pair: -pair[1]))


def _relation_row(story: Story, relation: Relation) -> RelationRow:
    return RelationRow(
        source=_entity_link(story, relation.source),
        type=kind_label(relation.type),
        target=_entity_link(story, relation.target),
        evidence=tuple(_evidence_link(story, span) for span in relation.evidence),
    )


def _event_row(story: Story, event: Event) -> EventRow:
    date = event.date.value if event.date is not None and event.date.value else "undated"
    articles = dict.fromkeys(mention.article for mention in event.mentions)
    return EventRow(
        type=kind_label(event.type),
        date=date,
        participants=tuple(_entity_link(story, p) for p in event.participants),
        articles=tuple(_article_link(story, article_id) for article_id in articles),
    )


def _entity_link(story: Story, entity_id: str) -> Link:
    entity = _find(story.entities, entity_id)
    if entity is None:
        return Link(entity_id, None)
    return Link(entity.name, URLS.entity(entity_id))


def _article_link(story: Story, article_id: str) -> Link:
    article = _find(story.articles, article_id)
    if article is None:
        return Link(article_id, None)
    return Link((article.title or "").strip() or article_id, URLS.article(article_id))


def _evidence_link(story: Story, span: Span) -> Link:
    """A quoted piece of an article, linking to the article and naming it."""
    article = _article_link(story, span.article)
    return Link(truncate(span.text, 160), article.href, context=article.text)


@dataclass(frozen=True)
class FindingPage:
    item: FindingItem
    figures: tuple[FigureGroup, ...]
    events: tuple[EventRow, ...]
    cards: tuple[tuple[ArticleCard, str], ...]


def finding_page(story: Story, finding_id: str) -> FindingPage | None:
    """One finding with its evidence, the figures and events it is about, and its articles."""
    finding: Finding | None = _find(story.findings, finding_id)
    if finding is None:
        return None
    item = next(item for item in finding_items(story) if item.view.id == finding_id)
    involved = {*finding.articles, *(span.article for span in finding.evidence)}
    claims = tuple(claim for claim in story.claims if claim.id in finding.claims)
    return FindingPage(
        item=item,
        figures=_figures(story, claims),
        events=tuple(_event_row(story, e) for e in story.events if e.id in finding.events),
        cards=_cards(story, involved),
    )


def _cards(story: Story, only: Container[str] | None = None) -> tuple[tuple[ArticleCard, str], ...]:
    """The report's article cards (all, or those in ``only``), each with its page's address."""
    return tuple(
        (card, URLS.article(card.id))
        for card in build_cards(story, URLS)
        if only is None or card.id in only
    )


def incidents_page(story: Story) -> tuple[tuple[IncidentView, str], ...]:
    """Every incident as the report shows it, most told first, with its page's address."""
    return tuple((view, URLS.incident(view.id)) for view in build_incidents(story, URLS))


@dataclass(frozen=True)
class IncidentPage:
    view: IncidentView
    findings: tuple[FindingItem, ...]
    events: tuple[EventRow, ...]
    cards: tuple[tuple[ArticleCard, str], ...]


def incident_page(story: Story, incident_id: str) -> IncidentPage | None:
    """One incident as the report shows it, with its findings, events and articles."""
    incident = _find(story.incidents, incident_id)
    if incident is None:
        return None
    view = next(view for view, _ in incidents_page(story) if view.id == incident_id)
    about = {finding.id for finding in incident_findings(story, incident)}
    return IncidentPage(
        view=view,
        findings=tuple(item for item in finding_items(story) if item.view.id in about),
        events=tuple(_event_row(story, event) for event in incident_events(story, incident)),
        cards=_cards(story, set(incident_articles(incident))),
    )


def _figures(story: Story, claims: Sequence[Claim]) -> tuple[FigureGroup, ...]:
    """The report's figures tables for some of the story's claims."""
    return group_claims(dataclasses.replace(story, claims=tuple(claims)), URLS)


class _Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Record)


def _find(records: Iterable[R], record_id: str) -> R | None:
    """The record with id ``record_id`` among ``records``, or None."""
    return next((record for record in records if record.id == record_id), None)
