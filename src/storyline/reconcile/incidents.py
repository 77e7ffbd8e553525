"""Incidents across articles: every article's account of one happening merged into one record.

Each article's analysis holds its incident mentions grouped under
article-local keys (see :mod:`storyline.analysis.incidents`). Here each local
incident becomes a :class:`_Local` summary (family, place, date interval,
participants) and summaries are merged into :class:`~storyline.models.Incident`
records when:

- they are of one incident family (an attack and the casualties it caused
  are one family; an attack and an earthquake are not);
- their places agree: the same town or area, or a town and the province it
  lies in. A summary without a place (or with only a country) joins only a
  summary that shares a named participant with it;
- their date intervals come within ``window_days`` of each other
  (``data/analysis/incidents.yaml``). A mention without a date of its own is dated by
  its article: the days up to the article's date. A summary whose article
  has no date at all is merged on place, participants and its kind of event
  alone, when the two articles read alike (:mod:`.coverage`), with the lower
  ``undated_confidence``. The same place and two shared participants merge
  whatever the dates: that is one happening the articles date differently;
- they come from different articles: an article's own incidents were
  already told apart by the analysis stage ("Elsewhere, ...").

Candidates are found by blocking on (family, place) and (family,
participant), then sweeping each block in date order, so the work grows
with the number of mentions, not its square.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..analysis.incident_rules import IncidentRules, incident_rules
from ..models import Article, Claim, Event, EventDate, Incident, IncidentMention, Participant, Place
from ..nlp.events.lexicon import Lexicon, load_lexicon
from ..nlp.gazetteer import admin_area, places_agree
from ..nlp.timex.dates import PRECISIONS, date_interval
from ..nlp.wording import date_words
from . import wording
from .coverage import Coverage

#: How specific a place is: a town beats an area, an area a country, a country a name alone.
_PLACE_RANK = {"city": 3, "admin": 2, "country": 1, "text": 0}
#: The confidence of a merge across provinces' towns (a town and its province).
_NESTED_CONFIDENCE = 0.8


@dataclass
class _Local:
    """One article's incident, as the merge sees it."""

    key: str
    article: str
    family: str
    mentions: list[IncidentMention]
    place: Place | None
    days: tuple[int, int] | None
    participants: frozenset[str]
    kinds: frozenset[str]
    order: int = 0
    story: int | None = None
    background: bool = False
    confidence: float = 1.0
    members: list[_Local] = field(default_factory=list)


def build_incidents(
    mentions: Iterable[IncidentMention],
    articles: Sequence[Article],
    claims: Iterable[Claim] = (),
    lexicon: Lexicon | None = None,
    names: Mapping[str, str] | None = None,
    countries: frozenset[str] = frozenset(),
    texts: Callable[[], Mapping[str, str]] | None = None,
) -> tuple[tuple[Incident, ...], dict[str, str]]:
    """The story's incidents, and each article-local incident key's incident id.

    ``claims`` (with article-local incident keys) add whom their figures
    count to their incident's participants: "300 North Korean soldiers
    killed" tells that North Korea's soldiers were hit. ``names`` (entity id
    -> name) name the participants of an incident without a place in its label.
    ``countries`` are the entity ids of countries: a country takes part in too
    many of a conflict's incidents to show that two mentions tell one.
    ``texts`` reads the articles' texts (article id -> text) when they are
    not in ``articles``; it is called only when the articles are grouped
    into stories.
    """
    lexicon = lexicon or load_lexicon()
    rules = incident_rules()
    counted: dict[str, set[str]] = {}
    for claim in claims:
        if claim.incident and claim.subject:
            counted.setdefault(claim.incident, set()).add(claim.subject)
    locals_ = _locals(mentions, articles, lexicon, rules, counted)
    for unit in locals_:
        unit.participants -= countries
    stories = Stories(articles, texts)
    for unit in locals_:
        unit.story = stories.groups.get(unit.article)
    clusters = _cluster(locals_, rules, stories)
    incidents: list[Incident] = []
    key_to_id: dict[str, str] = {}
    for members in clusters:
        incident = _incident(members, lexicon, names or {})
        incidents.append(incident)
        key_to_id.update({m.key: incident.id for m in members})
    return tuple(incidents), key_to_id


def _locals(
    mentions: Iterable[IncidentMention],
    articles: Sequence[Article],
    lexicon: Lexicon,
    rules: IncidentRules,
    counted: Mapping[str, set[str]],
) -> list[_Local]:
    order = {a.id: i for i, a in enumerate(articles)}
    published = {a.id: date_interval(a.published.given) for a in articles}
    grouped: dict[str, list[IncidentMention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.incident, []).append(mention)
    found = []
    for key, group in grouped.items():
        article = group[0].article
        found.append(
            _Local(
                key=key,
                article=article,
                family=rules.main_family(lexicon.incident_family(m.type) or m.type for m in group),
                mentions=group,
                place=best_place(m.place for m in group),
                days=_days(group, published.get(article), rules.window_days),
                participants=frozenset(
                    {p.entity for m in group for p in m.participants} | counted.get(key, set())
                ),
                kinds=frozenset(m.type for m in group),
                order=order.get(article, len(order)),
                background=any(m.background for m in group),
            )
        )
    return sorted(found, key=lambda u: (u.order, u.key))


def _days(
    group: Sequence[IncidentMention], published: tuple[object, object] | None, window: int
) -> tuple[int, int] | None:
    """The days the incident may have happened on: its own date, else up to its article's."""
    for mention in group:
        interval = date_interval(mention.date.value if mention.date else None)
        if interval is not None:
            return interval[0].toordinal(), interval[1].toordinal()
    if published is None:
        return None
    day = published[1].toordinal()  # type: ignore[attr-defined]
    return day - window, day


def best_place(places: Iterable[Place | None]) -> Place | None:
    """The most specific of the places (a town over its country), the first on a tie."""
    known = [p for p in places if p is not None]
    if not known:
        return None
    return max(known, key=lambda p: _PLACE_RANK[p.kind] - known.index(p) / (len(known) + 1))


class Stories:
    """Which articles tell one story, by their wording (:mod:`.coverage`).

    Up to :data:`MAX_GROUPED` articles are grouped (the grouping holds a
    square matrix); a larger corpus has no story groups, and its incidents
    merge on place, participants and dates alone.
    """

    def __init__(
        self, articles: Sequence[Article], texts: Callable[[], Mapping[str, str]] | None = None
    ) -> None:
        self.groups: dict[str, int] = {}
        if 1 < len(articles) <= MAX_GROUPED:
            found = texts() if texts is not None else {a.id: a.text for a in articles}
            titled = {a.id: f"{a.title or ''}\n{found[a.id]}" for a in articles}
            self.groups = Coverage(titled).groups()

    def alike(self, a: str, b: str) -> bool:
        """Whether two articles are of one story."""
        return a in self.groups and self.groups.get(a) == self.groups.get(b)


#: The most articles grouped into stories by their wording.
MAX_GROUPED = 3000


def _cluster(locals_: list[_Local], rules: IncidentRules, stories: Stories) -> list[list[_Local]]:
    """Union-find over the candidate pairs, best first.

    Two clusters never merge when they share an article (it told its
    incidents apart) or when the days their articles name would then lie
    more than a day apart (no chain of near days joins a strike on Monday to
    one on Thursday), unless the pair itself was merged on its place and
    cast whatever its dates.
    """
    parent = list(range(len(locals_)))
    articles = [{u.article} for u in locals_]
    named = [_named_day(u) for u in locals_]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, confidence in _candidate_pairs(locals_, rules, stories):
        a, b = find(i), find(j)
        if a == b or articles[a] & articles[b]:
            continue
        days = _joined(named[a], named[b])
        dated_apart = _apart(locals_[i], locals_[j], rules)  # one happening, dated differently
        if not dated_apart and days is not None and days[1] - days[0] > min(1, rules.window_days):
            continue
        parent[b] = a
        articles[a] |= articles[b]
        named[a] = days
        locals_[a].confidence = min(locals_[a].confidence, locals_[b].confidence, confidence)
    clusters: dict[int, list[_Local]] = {}
    for i, unit in enumerate(locals_):
        clusters.setdefault(find(i), []).append(unit)
    for root, members in clusters.items():
        for member in members:
            member.confidence = locals_[root].confidence
    return sorted(clusters.values(), key=lambda c: (c[0].order, c[0].key))


def _named_day(unit: _Local) -> tuple[int, int] | None:
    """The day the summary's own mentions name, as a one-day span; None when they name none."""
    if unit.days is None or unit.days[0] != unit.days[1]:
        return None
    return unit.days


def _apart(a: _Local, b: _Local, rules: IncidentRules) -> bool:
    """Whether a merged pair's own dates lie apart (the same place and cast merged them)."""
    return bool(a.days and b.days and not _near(a.days, b.days, _window(a.days, b.days, rules)))


def _joined(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _candidate_pairs(
    locals_: Sequence[_Local], rules: IncidentRules, stories: Stories
) -> Iterable[tuple[int, int, float]]:
    """Pairs of summaries that are one incident, with the merge's confidence, best first."""
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, unit in enumerate(locals_):
        for key in _block_keys(unit):
            for family in _merge_families(unit.family, rules):
                blocks.setdefault((family, key), []).append(i)
    pairs: dict[tuple[int, int], float] = {}
    for (_, key), members in blocks.items():
        ordered = sorted(members, key=lambda i: _date_order(locals_[i]))
        sweep = not key.startswith("cast:")
        for n, i in enumerate(ordered):
            for j in ordered[n + 1 :]:
                a, b = locals_[i], locals_[j]
                if sweep and a.days and b.days and b.days[0] > a.days[1] + rules.window_days:
                    break
                confidence = _match(a, b, rules, stories)
                if confidence is not None:
                    pair = (min(i, j), max(i, j))
                    pairs[pair] = max(pairs.get(pair, 0.0), confidence)
    return [(i, j, c) for (i, j), c in sorted(pairs.items(), key=lambda p: (-p[1], p[0]))]


def _date_order(unit: _Local) -> tuple[bool, tuple[int, int]]:
    """Undated summaries first (each is compared with the whole block), then by date."""
    return unit.days is not None, unit.days or (0, 0)


def _merge_families(family: str, rules: IncidentRules) -> frozenset[str]:
    """The families a summary is blocked under: casualties go with each of their causes."""
    causes = rules.caused_by.get(family)
    return causes if causes else frozenset({family})


def _block_keys(unit: _Local) -> list[str]:
    """Keys of the blocks a summary is compared in.

    ``cast:`` blocks (a place and two participants) are compared whatever
    their dates, to find one happening that articles date differently.
    """
    cast = sorted(unit.participants)
    keys = [f"participant:{p}" for p in cast]
    if unit.story is not None:
        keys.append(f"story:{unit.story}")
    place = unit.place
    if place is not None and place.kind != "country":
        keys.append(f"place:{_place_key(place)}")
        area = _area(place)
        if area is not None:
            keys.append(f"area:{area}")
        keys.extend(f"cast:{_place_key(place)}|{a}|{b}" for a, b in itertools.combinations(cast, 2))
    return keys


def _place_key(place: Place) -> str:
    return str(place.geonameid) if place.geonameid is not None else place.name.lower()


def _area(place: Place) -> str | None:
    found = admin_area(place)
    return f"{found[0]}-{found[1]}" if found else None


def _match(a: _Local, b: _Local, rules: IncidentRules, stories: Stories) -> float | None:
    """The confidence that two summaries are one incident, or None when they are not.

    Evidence is a shared place, a shared participant, a town in the other's
    province, or articles of one story telling the same kind of event.
    Summaries dated far apart merge only on the same place and two shared
    participants; an undated one needs its articles to be of one story.
    """
    if a.article == b.article or a.background != b.background:
        return None  # an article's news and what it recalls are never one incident
    if not places_agree(a.place, b.place, bool({a.family, b.family} & rules.regional)):
        return None
    same_place = _same_place(a.place, b.place)
    shared = a.participants & b.participants
    story = stories.alike(a.article, b.article)
    if a.days and b.days and not _near(a.days, b.days, _window(a.days, b.days, rules)):
        return _NESTED_CONFIDENCE if same_place and len(shared) >= 2 else None
    if same_place or shared:
        confidence = 1.0
    elif _nested(a.place, b.place) or (story and a.kinds & b.kinds):
        confidence = _NESTED_CONFIDENCE
    else:
        return None
    if a.days is None or b.days is None:
        told = a.kinds & b.kinds or shared or same_place
        return rules.undated_confidence if story and told else None
    return confidence


def _window(a: tuple[int, int], b: tuple[int, int], rules: IncidentRules) -> int:
    """Days two dates may lie apart: one, when both articles name the very day.

    Two strikes on one town named on different days are two strikes; a
    mention dated only by its article may be days older than the article.
    """
    if a[0] == a[1] and b[0] == b[1]:
        return min(1, rules.window_days)
    return rules.window_days


def _near(a: tuple[int, int], b: tuple[int, int], window: int) -> bool:
    return a[0] <= b[1] + window and b[0] <= a[1] + window


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.kind == "country" or b.kind == "country":
        return False
    return _place_key(a) == _place_key(b)


def _nested(a: Place | None, b: Place | None) -> bool:
    """A town and the province it lies in (one of them named as an area)."""
    if a is None or b is None or "admin" not in (a.kind, b.kind) or a.kind == b.kind:
        return False
    return _area(a) is not None and _area(a) == _area(b)


def _incident(members: Sequence[_Local], lexicon: Lexicon, names: Mapping[str, str]) -> Incident:
    mentions = [m for u in members for m in u.mentions]
    keys = sorted(u.key for u in members)
    digest = hashlib.sha1("|".join(keys).encode("utf-8")).hexdigest()[:12]
    incident_id = f"in-{digest}"
    kind = _main_type(mentions, lexicon)
    spec = lexicon.events.get(kind)
    place = best_place(m.place for m in mentions)
    date = _date(mentions)
    return Incident(
        id=incident_id,
        type=kind,
        label=_label(lexicon.label(kind), place, date, _named(mentions, names)),
        cameo=spec.cameo if spec else None,
        plover=spec.plover if spec else None,
        place=place,
        date=date,
        participants=_participants(mentions),
        articles=tuple(dict.fromkeys(m.article for m in mentions)),
        mentions=tuple(dataclasses.replace(m, incident=incident_id) for m in mentions),
        confidence=round(members[0].confidence, 2),
    )


def _main_type(mentions: Sequence[IncidentMention], lexicon: Lexicon) -> str:
    """The type most mentions give; a casualty report yields to what caused it."""
    counts = Counter(m.type for m in mentions)
    ranked = sorted(counts, key=lambda t: (t != "casualty_report", counts[t]), reverse=True)
    return ranked[0]


def _date(mentions: Sequence[IncidentMention]) -> EventDate | None:
    """The date most articles give the incident (a finer one on a tie).

    Articles that date it differently keep their own dates on their mentions
    (and a ``date_conflict`` finding says so).
    """
    dated = {(m.article, m.date.value): m.date for m in mentions if m.date and m.date.precision}
    if not dated:
        return None
    articles = Counter(value for _, value in dated)
    return max(
        dated.values(),
        key=lambda d: (
            articles[d.value],
            -PRECISIONS.index(d.precision or "year"),
            d.value or "",
        ),
    )


def _participants(mentions: Sequence[IncidentMention]) -> tuple[Participant, ...]:
    roles: dict[str, Participant] = {}
    for mention in mentions:
        for party in mention.participants:
            if party.entity not in roles or roles[party.entity].role == "other":
                roles[party.entity] = party
    return tuple(roles.values())


def _named(mentions: Sequence[IncidentMention], names: Mapping[str, str]) -> list[str]:
    """Names of the incident's participants, most mentioned first."""
    counts = Counter(p.entity for m in mentions for p in m.participants if p.entity in names)
    return [names[e] for e, _ in counts.most_common()]


def _label(
    kind: str, place: Place | None, date: EventDate | None, parties: Sequence[str] = ()
) -> str:
    """``attack in Homs on 2 June 2016``; without a place, ``casualties involving A and B``."""
    if place is not None:
        where = f" in {place.name}"
    elif parties:
        where = " involving " + wording.join_names(list(parties[:2]))
    else:
        where = ""
    when = ""
    if date is not None and date.value:
        when = (" on " if date.precision == "day" else " in ") + date_words(date.value)
    return f"{kind}{where}{when}"


def link_records(
    incidents: Sequence[Incident], claims: Iterable[Claim], events: Iterable[Event]
) -> tuple[Incident, ...]:
    """Incidents listing the claims that count them and the events that tell them."""
    claim_ids: dict[str, list[str]] = {}
    for claim in claims:
        if claim.incident:
            claim_ids.setdefault(claim.incident, []).append(claim.id)
    event_ids: dict[str, list[str]] = {}
    for event in events:
        if event.incident:
            event_ids.setdefault(event.incident, []).append(event.id)
    return tuple(
        dataclasses.replace(
            i, claims=tuple(claim_ids.get(i.id, ())), events=tuple(event_ids.get(i.id, ()))
        )
        for i in incidents
    )


def incident_of_events(events: Sequence[Event], incidents: Sequence[Incident]) -> tuple[Event, ...]:
    """Events with the incident whose mentions share one of their sentences."""
    by_sentence = {(m.article, m.span.start): i.id for i in incidents for m in i.mentions}
    return tuple(
        dataclasses.replace(event, incident=_first_incident(event, by_sentence)) for event in events
    )


def _first_incident(event: Event, by_sentence: Mapping[tuple[str, int], str]) -> str | None:
    for mention in event.mentions:
        found = by_sentence.get((mention.article, mention.span.start))
        if found is not None:
            return found
    return None
