"""Events an article reports: meetings, visits, deployments, deals, parades, tests...

:func:`events_from_doc` reads the event frames of a Doc (stored by the
``storyline_events`` component, see :mod:`storyline.nlp.events`) and
:func:`events_from_frames`
links the frames of one article into events: a bare mention (``the
meeting``, ``the talks``) joins the latest event of its kind, and mentions
that agree on place, participants and date are one event (see
:func:`link_frames`). Events with neither participants nor place are
dropped. Each mention keeps the date its own sentence gives. Entity
references are mention keys (``country:KP``); reconciliation maps them to
entity ids and merges events across articles.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..models import Article, Event, EventDate, EventMention
from ..models import Span as TextSpan
from ..nlp.events.frames import Frame, find_frames, frames_of
from ..nlp.events.lexicon import Lexicon, load_lexicon
from ..nlp.timex.dates import date_precision, dates_compatible

__all__ = [
    "event_sense",
    "events_from_doc",
    "events_from_frames",
    "find_frames",
    "link_frames",
    "place_country",
    "sentence_span",
]


def events_from_frames(
    frames: Iterable[Frame], article: Article, lexicon: Lexicon | None = None
) -> tuple[Event, ...]:
    """Link one article's frames into events (see the module docstring)."""
    clusters = link_frames(frames, lexicon)
    kept = [c for c in clusters if not all(f.bare for f in c)]
    return tuple(_event(article, i, cluster) for i, cluster in enumerate(kept, start=1))


def event_sense(token: Token, lexicon: Lexicon | None = None) -> str:
    """The sense of the event a mention's head word names (:meth:`Lexicon.sense`).

    A relative pronoun that opens a clause on an event noun names that noun's
    event ("the quake, *which* struck at dawn": the quake).
    """
    lexicon = lexicon or load_lexicon()
    if token.lower_ in ("which", "that") and token.head.dep_ == "relcl":
        token = token.head.head
    return lexicon.sense(token.lemma_)


def link_frames(frames: Iterable[Frame], lexicon: Lexicon | None = None) -> list[list[Frame]]:
    """One article's frames grouped into the events they mention, in text order."""
    lexicon = lexicon or load_lexicon()
    clusters: list[list[Frame]] = []
    for frame in sorted(frames, key=lambda f: f.trigger):
        target = _antecedent(frame, clusters, lexicon)
        if target is None:
            clusters.append([frame])
        else:
            target.append(frame)
    return clusters


def _antecedent(frame: Frame, clusters: list[list[Frame]], lexicon: Lexicon) -> list[Frame] | None:
    """The event a frame continues, if any.

    A bare mention (``the talks``) continues the latest event of its group,
    preferring one of its own type and one with named participants; a
    mention with arguments continues an event it agrees with.
    """
    group = lexicon.group(frame.type)
    same_group = [c for c in clusters if lexicon.group(c[0].type) == group]
    if frame.bare:
        ranked = sorted(
            range(len(same_group)),
            key=lambda i: (
                any(f.type == frame.type for f in same_group[i]),
                any(f.participants for f in same_group[i]),
                i,
            ),
        )
        return same_group[ranked[-1]] if ranked else None
    scored = [(_link_score(frame, c), i) for i, c in enumerate(same_group)]
    best = max(((score, i) for score, i in scored if score is not None), default=None)
    return same_group[best[1]] if best is not None else None


def _link_score(frame: Frame, cluster: list[Frame]) -> int | None:
    """How well a mention with arguments continues an event of its article (None: not).

    No clash of place or date is allowed. A shared place, two shared
    participants, or one shared participant when one side's participants
    include the other's, make a strong link. A mention naming only a place
    joins an event naming only participants (``Kenya will stage a parade``
    ... ``the parade kicks off in Nairobi``), and any mention joins an event
    known only from bare mentions, as weak links.
    """
    if all(f.bare for f in cluster):
        return 1 if _dates_fit(frame, cluster) else None
    places = [(f.place, f.countries) for f in cluster if f.place]
    if frame.place and not all(_places_fit(frame, p, c) for p, c in places):
        return None
    if not _dates_fit(frame, cluster):
        return None
    mine = set(frame.participants)
    theirs = {p for f in cluster for p in f.participants}
    shared = mine & theirs
    same_place = bool(frame.place and places)
    if same_place or len(shared) >= 2 or (shared and (mine <= theirs or theirs <= mine)):
        return 10 + 2 * len(shared) + 2 * same_place
    if not mine or not theirs:
        return 1
    return None


def _places_fit(frame: Frame, place: str, countries: dict[str, str]) -> bool:
    """The same place, or a place and the country it lies in (``Beijing``, ``China``)."""
    if frame.place == place:
        return True
    mine = place_country(frame.place, frame.countries)
    theirs = place_country(place, countries)
    if frame.place is None or mine is None or mine != theirs:
        return False
    return frame.place.startswith("country:") or place.startswith("country:")


def place_country(key: str | None, countries: dict[str, str]) -> str | None:
    """The ISO code of the country a place key lies in (a country key is its own)."""
    if key is None:
        return None
    if key.startswith("country:"):
        return key.split(":", 1)[1]
    return countries.get(key)


def _dates_fit(frame: Frame, cluster: list[Frame]) -> bool:
    return all(dates_compatible(frame.date, f.date) for f in cluster)


def _event(article: Article, number: int, cluster: list[Frame]) -> Event:
    participants = tuple(dict.fromkeys(p for f in cluster for p in f.participants))
    place = next((f.place for f in cluster if f.place), None)
    mentions = tuple(_mention(article, f) for f in cluster)
    dated = [m.date for m in mentions if m.date is not None]
    return Event(
        id=f"ev-{article.id}-{number}",
        type=_main_type(cluster),
        participants=participants,
        place=place,
        date=dated[0] if dated else None,
        mentions=mentions,
    )


def _main_type(cluster: list[Frame]) -> str:
    """The type most of the mentions give (the first on a tie)."""
    counts: dict[str, int] = {}
    for frame in cluster:
        counts[frame.type] = counts.get(frame.type, 0) + 1
    return max(counts, key=lambda t: counts[t])


def _mention(article: Article, frame: Frame) -> EventMention:
    date = None
    if frame.date is not None:
        date = EventDate(value=frame.date, precision=date_precision(frame.date))
    return EventMention(article=article.id, span=sentence_span(article, frame.sentence), date=date)


def sentence_span(article: Article, sent: Span) -> TextSpan:
    """The sentence as a text span of the article, surrounding whitespace trimmed."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return TextSpan(
        article=article.id, start=start, end=start + len(text.strip()), text=text.strip()
    )


def events_from_doc(doc: Doc, article: Article) -> tuple[Event, ...]:
    """The events ``doc`` reports, as per-article :class:`Event` records."""
    return events_from_frames(frames_of(doc), article)
