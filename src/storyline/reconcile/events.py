"""Cross-article event merging: one record per happening, each article's account kept.

Two articles' events are the same happening when (all must hold):

- their types are in one merge group (``meeting`` and ``visit``; ``parade``
  and ``ceremony``; otherwise the same type);
- their places do not clash: the same place, a city and the country it lies
  in, or no place on one side. **Events in different places are never
  merged**;
- they share a place or at least one participant, and the evidence adds up
  to at least :data:`MERGE_SCORE` points: 2 for the same place, 1 per shared
  participant (up to 3), 2 for dates that agree to the day, 1 for dates that
  agree at a coarser precision;
- their dates agree (their calendar intervals overlap) or one is undated.
  Articles that date the same happening differently are still merged when
  the place is the same and at least two participants are shared: that is
  exactly the disagreement a ``date_conflict`` finding reports.

When those rules find no match, an event may still join by its articles'
*cast* (every entity reference the article names: its events' participants
and places, plus the ``casts`` the caller passes): the two articles must
share at least :data:`CAST_SHARED` references, no place or date may clash,
and

- an event naming neither participants nor place (the evaluation keeps such
  mentions; ``analyze`` drops them earlier) joins the same-group cluster
  whose articles' cast it shares most;
- a placeless event with participants joins only a placeless cluster with
  exactly the same participants, and only when the articles share at least
  :data:`CONTEXT_SHARED` reference beyond those participants (two articles
  that both say "A met B" and both speak of C).

Events from one article are never merged here (the analysis stage already
linked an article's own mentions), so one article's two meetings stay two.

Candidates are found through an index on (group, participant) and
(group, place), so the work grows with the number of events times the
events sharing a participant, not with the square of all events.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..models import Article, Entity, Event, EventDate, EventMention
from ..nlp.events.lexicon import Lexicon, load_lexicon
from ..nlp.timex.dates import (
    PRECISIONS,
    date_interval,
    date_precision,
    date_sort_key,
    dates_compatible,
)

#: Points of evidence needed to merge two events (see the module docstring).
MERGE_SCORE = 3
#: Article-cast references two articles must share for a merge by context
#: (chosen on ECB+ topics 36-40, see ``storyline eval ecbplus``).
CAST_SHARED = 2
#: Of those, references beyond the event's own participants (for named events).
CONTEXT_SHARED = 1
#: Entity kind and country code of a place or participant reference.
_Geo = tuple[str, str | None]
_BASIS_RANK = {"metadata": 3, "dateline": 2, "content": 1, "unknown": 0}


@dataclass
class _Cluster:
    group: str
    events: list[Event] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)

    def add(self, event: Event) -> None:
        self.events.append(event)
        self.articles.update(m.article for m in event.mentions)
        self.participants.update(event.participants)
        if event.place is not None:
            self.places.add(event.place)
        self.dates.update(_dates(event))


def _dates(event: Event) -> set[str]:
    return {m.date.value for m in event.mentions if m.date is not None and m.date.value}


def merge_events(
    events: Iterable[Event],
    entities: Sequence[Entity] = (),
    articles: Sequence[Article] = (),
    lexicon: Lexicon | None = None,
    casts: Mapping[str, Iterable[str]] | None = None,
) -> tuple[Event, ...]:
    """Merge events that are the same happening; see the module docstring for the rule."""
    lexicon = lexicon or load_lexicon()
    basis = {a.id: a.published.basis for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    ordered = sorted(events, key=lambda e: _position(e, order))
    named = _casts(ordered)
    for article, refs in (casts or {}).items():
        named.setdefault(article, set()).update(refs)
    merger = _Merger(lexicon, {e.id: (e.kind, e.country) for e in entities}, named)
    for event in ordered:
        if _named(event):
            merger.add(event)
    for event in ordered:
        if not _named(event):
            merger.add_unnamed(event)
    merged = sorted(
        (_merged(c, basis, order) for c in merger.clusters), key=lambda e: _position(e, order)
    )
    return _unique_ids(merged)


def _named(event: Event) -> bool:
    return bool(event.participants) or event.place is not None


def _casts(events: Iterable[Event]) -> dict[str, set[str]]:
    """Each article's cast: the participants and places its events name."""
    casts: dict[str, set[str]] = {}
    for event in events:
        for mention in event.mentions:
            cast = casts.setdefault(mention.article, set())
            cast.update(event.participants)
            if event.place is not None:
                cast.add(event.place)
    return casts


class _Merger:
    """Clusters built event by event, with an index from (group, reference) to clusters."""

    def __init__(
        self, lexicon: Lexicon, geo: Mapping[str, _Geo], casts: Mapping[str, set[str]]
    ) -> None:
        self.lexicon, self.geo, self.casts = lexicon, geo, casts
        self.clusters: list[_Cluster] = []
        self.index: dict[tuple[str, str], list[int]] = {}
        self.cast_index: dict[tuple[str, str], list[int]] = {}

    def add(self, event: Event) -> None:
        group = self.lexicon.group(event.type)
        best = _best_cluster(event, group, self.clusters, self.index, self.geo)
        if best is None and event.place is None:
            best = self._by_context(event, group)
        self._put(event, group, best)

    def add_unnamed(self, event: Event) -> None:
        group = self.lexicon.group(event.type)
        self._put(event, group, self._by_context(event, group))

    def _by_context(self, event: Event, group: str) -> int | None:
        cast = self._cast(event)
        own = {*event.participants, event.place}
        candidates = {n for key in cast for n in self.cast_index.get((group, key), ())}
        mine = {m.article for m in event.mentions}
        dates = _dates(event)
        best: tuple[int, int, int] | None = None
        for number in sorted(candidates):
            cluster = self.clusters[number]
            if cluster.articles & mine:
                continue
            if _same_place(event.place, cluster.places, self.geo) is None:
                continue
            if not all(dates_compatible(a, b) for a in dates for b in cluster.dates):
                continue
            theirs = {k for a in cluster.articles for k in self.casts.get(a, ())}
            shared = len(cast & theirs)
            context = len((cast & theirs) - own)
            if _named(event) and not self._fits_named(event, cluster, context):
                continue
            rank = (shared, len(cluster.articles), -number)
            if shared >= CAST_SHARED and (best is None or rank > best):
                best = rank
        return -best[2] if best else None

    @staticmethod
    def _fits_named(event: Event, cluster: _Cluster, context: int) -> bool:
        """A placeless event with participants joins by context only a placeless cluster
        with the very same participants, corroborated by other shared references."""
        same = set(event.participants) == cluster.participants
        return same and not cluster.places and context >= CONTEXT_SHARED

    def _cast(self, event: Event) -> set[str]:
        return {k for m in event.mentions for k in self.casts.get(m.article, ())}

    def _put(self, event: Event, group: str, best: int | None) -> None:
        if best is None:
            self.clusters.append(_Cluster(group))
            best = len(self.clusters) - 1
        self.clusters[best].add(event)
        for key in (*event.participants, event.place):
            if key is not None:
                _append(self.index.setdefault((group, key), []), best)
        for key in self._cast(event):
            _append(self.cast_index.setdefault((group, key), []), best)


def _append(slots: list[int], number: int) -> None:
    if not slots or slots[-1] != number:
        slots.append(number)


def _position(event: Event, order: Mapping[str, int] | None = None) -> tuple[int, str, int]:
    if not event.mentions:
        return (0, event.id, 0)
    first = event.mentions[0]
    rank = (order or {}).get(first.article, 0)
    return (rank, first.article, first.span.start)


def _best_cluster(
    event: Event,
    group: str,
    clusters: list[_Cluster],
    index: Mapping[tuple[str, str], list[int]],
    geo: Mapping[str, _Geo],
) -> int | None:
    candidates: set[int] = set()
    for key in (*event.participants, event.place):
        if key is not None:
            candidates.update(index.get((group, key), ()))
    best: tuple[int, int] | None = None
    for number in sorted(candidates):
        score = merge_score(event, clusters[number], geo)
        if score is not None and (best is None or score > best[0]):
            best = (score, number)
    return best[1] if best else None


def merge_score(event: Event, cluster: _Cluster, geo: Mapping[str, _Geo]) -> int | None:
    """Evidence that ``event`` belongs to ``cluster``, or None when it must not."""
    if cluster.articles & {m.article for m in event.mentions}:
        return None
    same_place = _same_place(event.place, cluster.places, geo)
    if same_place is None:
        return None
    shared = len(set(event.participants) & cluster.participants)
    if not shared and not same_place:
        return None
    mine = _dates(event)
    agree = all(dates_compatible(a, b) for a in mine for b in cluster.dates)
    if not agree:
        return 10 if same_place and shared >= 2 else None
    score = 2 * same_place + min(shared, 3)
    if mine and cluster.dates:
        finest = min(
            (PRECISIONS.index(date_precision(v) or "year") for v in mine),
            default=len(PRECISIONS),
        )
        score += 2 if finest == 0 else 1
    return score if score >= MERGE_SCORE else None


def _same_place(place: str | None, places: set[str], geo: Mapping[str, _Geo]) -> bool | None:
    """True: the same place; False: no place on one side; None: places that clash."""
    if place is None or not places:
        return False
    for other in places:
        if other != place and not _contains(place, other, geo) and not _contains(other, place, geo):
            return None
    return True


def _contains(outer: str, inner: str, geo: Mapping[str, _Geo]) -> bool:
    """Whether ``inner`` is a place inside the country ``outer``."""
    outer_kind, outer_code = _geo(outer, geo)
    inner_kind, inner_code = _geo(inner, geo)
    return outer_kind == "country" and inner_kind != "country" and inner_code == outer_code


def _geo(ref: str, geo: Mapping[str, _Geo]) -> _Geo:
    if ref in geo:
        return geo[ref]
    if ref.startswith("country:"):
        return "country", ref.split(":", 1)[1]
    return "other", None


def _merged(cluster: _Cluster, basis: Mapping[str, str], order: Mapping[str, int]) -> Event:
    mentions = sorted(
        (m for e in cluster.events for m in e.mentions),
        key=lambda m: (order.get(m.article, 0), m.article, m.span.start),
    )
    types = Counter(e.type for e in cluster.events for _ in e.mentions)
    places = Counter(e.place for e in cluster.events if e.place is not None)
    main_type = max(types, key=lambda t: types[t])
    return Event(
        id=event_id(main_type, mentions),
        type=main_type,
        participants=tuple(dict.fromkeys(p for e in cluster.events for p in e.participants)),
        place=max(places, key=lambda p: places[p]) if places else None,
        date=best_date(mentions, basis),
        mentions=tuple(mentions),
    )


def event_id(event_type: str, mentions: Sequence[EventMention]) -> str:
    """A stable id from the type and the mentions' positions (same input, same id)."""
    keys = sorted(f"{m.article}:{m.span.start}:{m.span.end}" for m in mentions)
    text = "|".join([event_type, *keys])
    return "ev-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _unique_ids(events: Sequence[Event]) -> tuple[Event, ...]:
    """Suffix ``-2``, ``-3``... to ids that two events share (same type, same sentences)."""
    seen: Counter[str] = Counter()
    unique = []
    for event in events:
        seen[event.id] += 1
        if seen[event.id] > 1:
            event = replace(event, id=f"{event.id}-{seen[event.id]}")
        unique.append(event)
    return tuple(unique)


def best_date(mentions: Sequence[EventMention], basis: Mapping[str, str]) -> EventDate | None:
    """The best-supported date of an event.

    Each distinct date value is supported by the articles whose date for the
    event is compatible with it. The most supported wins; ties go to the
    more precise value, then to the article whose own date is best founded
    (metadata, then dateline, then content), then to the earlier date.
    """
    by_article: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.date is not None and date_interval(mention.date.value) is not None:
            assert mention.date.value is not None
            by_article.setdefault(mention.article, set()).add(mention.date.value)
    values = {v for vs in by_article.values() for v in vs}
    if not values:
        return None

    def rank(value: str) -> tuple[int, int, int, tuple[int, int, int]]:
        support = sum(any(dates_compatible(value, v) for v in vs) for vs in by_article.values())
        fineness = -PRECISIONS.index(date_precision(value) or "year")
        founded = max(
            _BASIS_RANK.get(basis.get(a, "unknown"), 0)
            for a, vs in by_article.items()
            if value in vs
        )
        start = date_sort_key(value)
        return support, fineness, founded, (-start[0], -start[1], -start[2])

    chosen = max(sorted(values), key=rank)
    return EventDate(value=chosen, precision=date_precision(chosen))
