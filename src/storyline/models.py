"""Records every stage shares.

All records are frozen dataclasses whose fields mirror ``story.json`` (see
``data/story.schema.json``). Lists are stored as tuples so records stay
hashable and immutable. :func:`to_dict` turns any record into plain JSON data
and :func:`from_dict` rebuilds it, which is how the store keeps analyses.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

Basis = Literal["metadata", "dateline", "content", "unknown"]
ToneLabel = Literal["news", "analysis", "opinion", "satire"]
EntityKind = Literal["person", "country", "organization", "place", "group", "other"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Qualifier = Literal[
    "exact", "approximately", "at_least", "more_than", "at_most", "up_to", "less_than", "range"
]
Severity = Literal["high", "medium", "low"]
ScopeKind = Literal["incident", "period", "background", "unknown"]
SourceKind = Literal["named", "described"]
PlaceKind = Literal["city", "admin", "country", "text"]
Role = Literal["actor", "target", "other"]

SCHEMA_ID = "storyline/story@2"

_FILE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".text", ".md"})
_LEADING_TOKEN = re.compile(r"^[^\W_]+")
_MAX_TITLE = 48


@dataclass(frozen=True)
class Span:
    """A piece of an article's text: ``text == article_text[start:end]``."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Published:
    """An article's publication date and where it came from.

    ``reason`` says how a date with basis ``content`` was inferred.
    """

    value: str | None = None
    basis: Basis = "unknown"
    reason: str | None = None

    @property
    def given(self) -> str | None:
        """The date when metadata or a dateline gave it; None when inferred or unknown.

        A date inferred from the content only bounds the article's date from
        below, so it does not date the article's figures or mark "now".
        """
        return self.value if self.basis in ("metadata", "dateline") else None


@dataclass(frozen=True)
class Tone:
    """How an article is written, with the sentences that decided it."""

    label: ToneLabel = "news"
    score: float = 0.0
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Article:
    """One input article, exactly as read (offsets index ``text``)."""

    id: str
    source: str
    title: str | None
    text: str
    published: Published = field(default_factory=Published)
    tone: Tone = field(default_factory=Tone)
    word_count: int = 0
    url: str | None = None
    language: str | None = None

    @property
    def label(self) -> str:
        """A short name a reader recognises: ``001`` for ``001_65d0a4bf.txt``, else the title."""
        source = self.source or ""
        if "://" not in source:
            name = PurePath(source.split("#", 1)[0]).name
            if PurePath(name).suffix.lower() in _FILE_SUFFIXES:
                match = _LEADING_TOKEN.match(name)
                if match:
                    return match.group(0)
        title = (self.title or "").strip()
        if title:
            return title if len(title) <= _MAX_TITLE else title[: _MAX_TITLE - 1].rstrip() + "…"
        return self.id


@dataclass(frozen=True)
class Skipped:
    """An input that was not analysed, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Mention:
    """One mention of an actor or place in one article.

    ``key`` is the article-independent identity the resolver gave it
    (``country:KP``, ``person:vladimir putin``); the reconcile stage merges
    keys into :class:`Entity` records.
    """

    article: str
    start: int
    end: int
    text: str
    kind: EntityKind
    key: str
    name: str
    country: str | None = None


@dataclass(frozen=True)
class Entity:
    """An actor or place, with every surface form seen across articles."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    country: str | None = None
    mentions: int = 0


@dataclass(frozen=True)
class Time:
    """A time expression with its TIMEX3 value."""

    article: str
    start: int
    end: int
    text: str
    type: TimeType
    value: str | None


@dataclass(frozen=True)
class Value:
    """A number as stated: bounds plus how it was hedged."""

    low: float | None
    high: float | None
    qualifier: Qualifier = "exact"


@dataclass(frozen=True)
class Quantity:
    """A numeric expression (not part of a date or time)."""

    article: str
    start: int
    end: int
    text: str
    value: Value
    unit: str | None = None


@dataclass(frozen=True)
class ClaimSource:
    """Who a figure is attributed to; ``entity`` is an entity id or null.

    ``kind`` is ``named`` for a named organisation or person ("the Syrian
    Observatory for Human Rights", "Jane Doe") and ``described`` for one the
    article only describes ("activists", "a local official", "medics"). A
    figure the article states in its own voice has no source at all.
    """

    entity: str | None
    text: str
    kind: SourceKind = "named"


@dataclass(frozen=True)
class Scope:
    """What stretch of events a figure counts.

    ``incident``: the one incident it is told about (``Claim.incident``);
    ``period``: everything in a period from ``start`` to ``end`` (TIMEX3
    values; an open end is null), such as "since 2011" or "this year";
    ``background``: an earlier incident the article recalls; ``unknown``: none
    of these could be told. ``text`` is the phrase that set the scope.
    """

    kind: ScopeKind = "unknown"
    start: str | None = None
    end: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Claim:
    """A quantitative claim: what was counted, how many, said by whom, when."""

    id: str
    article: str
    subject: str | None
    subject_text: str | None
    measure: str
    value: Value
    unit: str | None
    as_of: str | None
    source: ClaimSource | None
    span: Span
    group: str | None = None
    scope: Scope = field(default_factory=Scope)
    incident: str | None = None


@dataclass(frozen=True)
class EventDate:
    """A date value and its precision (``day``, ``month``, ``year``...)."""

    value: str | None
    precision: str | None = None


@dataclass(frozen=True)
class EventMention:
    """One article's account of an event, with the date that article gives."""

    article: str
    span: Span
    date: EventDate | None = None


@dataclass(frozen=True)
class Event:
    """A happening, merged across the articles that report it."""

    id: str
    type: str
    participants: tuple[str, ...] = ()
    place: str | None = None
    date: EventDate | None = None
    mentions: tuple[EventMention, ...] = ()
    incident: str | None = None


@dataclass(frozen=True)
class Place:
    """Where an incident happened, resolved in the offline gazetteer when possible.

    ``kind`` is ``city``, ``admin`` (a state, province or county), ``country``
    or ``text`` (a name the gazetteer does not know, kept as written).
    ``geonameid`` is the GeoNames id of a city or admin area.
    """

    name: str
    kind: PlaceKind = "text"
    country: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Participant:
    """An entity taking part in an incident: ``actor`` acted, ``target`` was hit."""

    entity: str
    role: Role = "other"


@dataclass(frozen=True)
class IncidentMention:
    """One sentence's account of an incident, as one article tells it.

    ``incident`` is the incident it tells: in an article's analysis a key of
    that article (``<article id>#<n>``), in the story the incident's id.
    ``background`` marks an earlier incident the article recalls rather than
    reports.
    """

    article: str
    span: Span
    trigger: str
    type: str
    date: EventDate | None = None
    place: Place | None = None
    participants: tuple[Participant, ...] = ()
    incident: str = ""
    background: bool = False


@dataclass(frozen=True)
class Incident:
    """One real-world happening (a strike, an earthquake, a meeting) across articles.

    ``type`` is an event type of ``data/nlp/events.yaml`` that has an incident
    family, with its CAMEO and PLOVER root codes where one exists. ``confidence`` is how
    sure the merge of its mentions is (lower when an undated article was
    merged on place, participants and wording alone).
    """

    id: str
    type: str
    label: str
    cameo: str | None = None
    plover: str | None = None
    place: Place | None = None
    date: EventDate | None = None
    participants: tuple[Participant, ...] = ()
    articles: tuple[str, ...] = ()
    mentions: tuple[IncidentMention, ...] = ()
    claims: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class Relation:
    """A directed, typed tie between two entities.

    ``items`` says what flows along a ``supplies`` relation (``troops``,
    ``artillery``); empty for other types.
    """

    id: str
    source: str
    target: str
    type: str
    evidence: tuple[Span, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """Something a reader must know, with the text that shows it."""

    id: str
    kind: str
    severity: Severity
    summary: str
    articles: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()
    incident: str | None = None


@dataclass(frozen=True)
class TimelineItem:
    """One dated entry of the story's timeline."""

    date: EventDate
    label: str
    events: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything extracted from one article, before cross-article work.

    Entity references inside ``claims``, ``events`` and ``relations`` are
    mention keys (see :class:`Mention`) until reconciliation maps them to
    entity ids.
    """

    article: Article
    mentions: tuple[Mention, ...] = ()
    times: tuple[Time, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    findings: tuple[Finding, ...] = ()
    incidents: tuple[IncidentMention, ...] = ()


@dataclass(frozen=True)
class Story:
    """The whole account of a corpus: the content of ``story.json``."""

    generated_at: str
    articles: tuple[Article, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    entities: tuple[Entity, ...] = ()
    times: tuple[Time, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    findings: tuple[Finding, ...] = ()
    timeline: tuple[TimelineItem, ...] = ()
    incidents: tuple[Incident, ...] = ()


def to_dict(record: Any) -> Any:
    """Plain JSON data for a record (tuples become lists, nested records dicts)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(item) for key, item in record.items()}
    return record


R = TypeVar("R")


def from_dict(cls: type[R], data: Any) -> R:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output.

    Unknown keys are ignored, so data written by a newer version still loads.
    """
    return typing.cast(R, _convert(cls, data))


def _convert(hint: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        return _convert(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        item_hint = get_args(hint)[0]
        return tuple(_convert(item_hint, item) for item in data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        known = {f.name for f in dataclasses.fields(hint)}
        kwargs = {k: _convert(hints[k], v) for k, v in data.items() if k in known}
        return hint(**kwargs)
    return data


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]
