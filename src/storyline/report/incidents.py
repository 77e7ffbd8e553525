"""The Incidents section: each real-world happening the articles tell, as plain records.

An incident is shown with its type, where and when it happened, the
articles that tell it, who took part, and a table of its figures by source
and time. Like :mod:`.views` this module makes every decision about order
and wording and produces no markup; where its links lead is the caller's
:class:`~.urls.Urls`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Article, Claim, Event, EventDate, Finding, Incident, Place, Story
from ..nlp.wording import truncate, unit_words, value_words
from .urls import ANCHORS, Urls, anchor_id
from .views import (
    FLAGGED_TONES,
    Link,
    Linker,
    incident_articles,
    kind_label,
    span_shown,
)

#: What the figures table says when a figure has no source: the article states it itself.
OWN_VOICE = "the article itself"
#: Quotes shown per incident; the rest are counted, and every one is in its article's text.
MENTIONS_SHOWN = 6
_PLACE_KINDS = {"city": "city", "admin": "region", "country": "country", "text": ""}


@dataclass(frozen=True)
class ParticipantView:
    """An entity taking part in an incident and its role (``actor``, ``target``, ``other``)."""

    entity: Link
    role: str


@dataclass(frozen=True)
class IncidentFigure:
    """One claim of an incident's figures table.

    ``slot`` is what was counted (the claim's measure), ``group`` who
    (``civilians``, ``soldiers``) when the claim names one; ``source`` is
    who said it, or :data:`OWN_VOICE`, and ``own_voice`` tells them apart.
    """

    claim_id: str
    href: str | None
    slot: str
    group: str | None
    value: str
    unit: str
    source: str
    own_voice: bool
    as_of: str | None
    scope: str | None
    article: Link
    tone: str
    flagged: bool


@dataclass(frozen=True)
class IncidentView:
    id: str
    anchor: str
    label: str
    type: str
    codes: tuple[tuple[str, str], ...]
    place: str | None
    coordinates: str | None
    date: str
    confidence: float
    articles: tuple[Link, ...]
    participants: tuple[ParticipantView, ...]
    mentions: tuple[Link, ...]
    more_mentions: int
    figures: tuple[IncidentFigure, ...]
    findings: tuple[Link, ...]


def incident_sort_key(incident: Incident) -> tuple[int, bool, str, str, str]:
    """Incidents told by the most articles first, then by date (undated last)."""
    date = incident.date.value if incident.date is not None else None
    return -len(incident_articles(incident)), date is None, date or "", incident.label, incident.id


def ranked_incidents(incidents: Iterable[Incident]) -> list[Incident]:
    """``incidents`` in the order the report and the app show them."""
    return sorted(incidents, key=incident_sort_key)


def incident_claims(story: Story, incident: Incident) -> tuple[Claim, ...]:
    """The claims of ``incident``: those it lists and those that name it."""
    listed = set(incident.claims)
    return tuple(c for c in story.claims if c.id in listed or c.incident == incident.id)


def incident_events(story: Story, incident: Incident) -> tuple[Event, ...]:
    """The events of ``incident``: those it lists and those that name it."""
    listed = set(incident.events)
    return tuple(e for e in story.events if e.id in listed or e.incident == incident.id)


def incident_findings(story: Story, incident: Incident) -> tuple[Finding, ...]:
    """The findings about ``incident``."""
    return tuple(finding for finding in story.findings if finding.incident == incident.id)


def _claims_by_incident(story: Story) -> dict[str, list[Claim]]:
    """Incident id -> its claims (those it lists and those that name it), in the story's order."""
    owners: dict[str, set[str]] = {}
    for incident in story.incidents:
        for claim_id in incident.claims:
            owners.setdefault(claim_id, set()).add(incident.id)
    found: dict[str, list[Claim]] = {}
    for claim in story.claims:
        named = {claim.incident} if claim.incident else set()
        for incident_id in sorted(owners.get(claim.id, set()) | named):
            found.setdefault(incident_id, []).append(claim)
    return found


def build_incidents(story: Story, urls: Urls = ANCHORS) -> tuple[IncidentView, ...]:
    """Every incident of the story, most told first, with links addressed by ``urls``."""
    context = _Context(story, urls)
    return tuple(context.view(incident) for incident in ranked_incidents(story.incidents))


def date_text(date: EventDate | None) -> str:
    """``2025-09-03 (day)``; ``undated`` when there is no date."""
    if date is None or not date.value:
        return "undated"
    return f"{date.value} ({date.precision})" if date.precision else date.value


def place_text(place: Place | None, countries: dict[str, str]) -> str | None:
    """``Zenda (city, Ruritania)``: the name, its kind and its country by name when known."""
    if place is None:
        return None
    country = countries.get(place.country, place.country) if place.country else None
    details = [detail for detail in (_PLACE_KINDS.get(place.kind, ""), country) if detail]
    if place.kind == "country" and country in (place.name, place.country):
        details = ["country"]
    return f"{place.name} ({', '.join(details)})" if details else place.name


def coordinates_text(place: Place | None) -> str | None:
    """``49.99° N, 36.23° E`` when the gazetteer gave the place's coordinates."""
    if place is None or place.latitude is None or place.longitude is None:
        return None
    north = "N" if place.latitude >= 0 else "S"
    east = "E" if place.longitude >= 0 else "W"
    return f"{abs(place.latitude):.2f}° {north}, {abs(place.longitude):.2f}° {east}"


def scope_text(claim: Claim) -> str | None:
    """What a figure counts when it is more than the incident itself, else None.

    ``period since 2011`` for a running total; ``background: the 2023 strike``
    for an earlier incident the article recalls.
    """
    scope = claim.scope
    if scope.kind == "period":
        span = scope.text or f"{scope.start or '…'} to {scope.end or 'now'}"
        return f"period: {span}"
    if scope.kind == "background":
        return f"background: {scope.text}" if scope.text else "background"
    return None


def codes_of(incident: Incident) -> tuple[tuple[str, str], ...]:
    """The event codes of the incident's type: ``(("CAMEO", "190"), ("PLOVER", "ASSAULT"))``."""
    pairs = (("CAMEO", incident.cameo), ("PLOVER", incident.plover))
    return tuple((scheme, code) for scheme, code in pairs if code)


class _Context:
    """What every incident's view looks up in the story, gathered once."""

    def __init__(self, story: Story, urls: Urls) -> None:
        self.story = story
        self.links = Linker(story, urls)
        self.urls = urls
        self.titles = self.links.titles
        self.articles = {article.id: article for article in story.articles}
        self.texts = self.links.texts
        self.entities = {entity.id: entity.name for entity in story.entities}
        self.countries = {
            entity.country: entity.name
            for entity in story.entities
            if entity.kind == "country" and entity.country
        }
        self.labels = self.links.labels
        self.claims = _claims_by_incident(story)
        self.findings: dict[str, list[Finding]] = {}
        for finding in story.findings:
            if finding.incident:
                self.findings.setdefault(finding.incident, []).append(finding)

    def view(self, incident: Incident) -> IncidentView:
        mentions = self.mentions(incident)
        return IncidentView(
            id=incident.id,
            anchor=anchor_id("incident", incident.id),
            label=self.labels[incident.id],
            type=kind_label(incident.type),
            codes=codes_of(incident),
            place=place_text(incident.place, self.countries),
            coordinates=coordinates_text(incident.place),
            date=date_text(incident.date),
            confidence=incident.confidence,
            articles=tuple(self.article(article_id) for article_id in incident_articles(incident)),
            participants=tuple(
                ParticipantView(self.entity(p.entity), p.role) for p in incident.participants
            ),
            mentions=mentions[:MENTIONS_SHOWN],
            more_mentions=max(0, len(mentions) - MENTIONS_SHOWN),
            figures=self.figures(tuple(self.claims.get(incident.id, ()))),
            findings=tuple(
                Link(truncate(f.summary), self.urls.finding(f.id), kind_label(f.kind))
                for f in self.findings.get(incident.id, ())
            ),
        )

    def article(self, article_id: str) -> Link:
        return self.links.article(article_id)

    def entity(self, entity_id: str) -> Link:
        if entity_id not in self.entities:
            return Link(entity_id, None)
        return Link(self.entities[entity_id], self.urls.entity(entity_id))

    def mentions(self, incident: Incident) -> tuple[Link, ...]:
        """Each sentence telling the incident, cut to one line, linking to it in its article."""
        return tuple(
            Link(
                truncate(mention.span.text, 160),
                self.urls.incident_mention(incident.id, index, mention.span.article)
                if span_shown(mention.span, self.texts)
                else None,
                context=self.titles.get(mention.article, mention.article),
            )
            for index, mention in enumerate(incident.mentions)
        )

    def figures(self, claims: Sequence[Claim]) -> tuple[IncidentFigure, ...]:
        """The figures by what was counted, then as-of date (undated last), then source."""
        rows = [self.figure(claim) for claim in claims]
        return tuple(
            sorted(
                rows,
                key=lambda r: (r.slot, r.group or "", r.as_of is None, r.as_of or "", r.source),
            )
        )

    def figure(self, claim: Claim) -> IncidentFigure:
        article: Article | None = self.articles.get(claim.article)
        tone = article.tone.label if article is not None else "unknown"
        return IncidentFigure(
            claim_id=claim.id,
            href=self.links.claim(claim),
            slot=kind_label(claim.measure),
            group=claim.group,
            value=value_words(claim.value, claim.unit),
            unit=unit_words(claim.unit, claim.value),
            source=claim.source.text if claim.source is not None else OWN_VOICE,
            own_voice=claim.source is None,
            as_of=claim.as_of,
            scope=scope_text(claim),
            article=self.article(claim.article),
            tone=tone,
            flagged=tone in FLAGGED_TONES,
        )
