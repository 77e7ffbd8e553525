"""One article's incidents: which happenings it tells, where, when and with whom.

An incident mention is an event frame (:mod:`.frames`) whose type has an
incident family in ``data/nlp/events.yaml`` (an attack, an earthquake, a
meeting...). :func:`incident_mentions` groups one article's mentions into
the incidents it tells, each with an article-local key (``<article>#<n>``):

- mentions of one family in one sentence are one incident ("air strikes
  killed 23": the strike and the killing);
- a later mention continues the latest incident of its family when it names
  no other place or date ("the attack", "the strike on the market"), unless
  its sentence opens with a separate marker ("Elsewhere, ...");
- otherwise it starts an incident of its own.

Each mention's place is resolved in the offline gazetteer
(:mod:`storyline.nlp.gazetteer`): the frame's place, else a participant hit
by the event that the gazetteer knows as a town ("jets struck Homs": the
parse may take Homs for an organisation). Its date is the frame's, with its
precision; a mention dated more than ``background_days`` before the article
is background (the article recalls it).

The rules live in ``data/analysis/incidents.yaml``; figures are tied to these
incidents by :mod:`.scopes`.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..models import Article, EventDate, IncidentMention, Mention, Participant, Place
from ..nlp.events.frames import Frame
from ..nlp.events.lexicon import Lexicon, load_lexicon
from ..nlp.extensions import TIMES
from ..nlp.gazetteer import places_agree, resolve_place
from ..nlp.timex.attach import times_of
from ..nlp.timex.dates import date_interval, date_precision, dates_compatible
from ..nlp.timex.tense import governing_verb
from .events import sentence_span
from .incident_rules import IncidentRules, incident_rules
from .scopes import opens_period


@dataclass
class _Unit:
    """An incident being gathered from one article's mentions."""

    key: str
    family: str
    place: Place | None
    date: str | None
    headline: bool = False
    recalled: bool = False
    touched: int = 0  # mentions found when it was last told: the latest told has the most


def incident_mentions(
    frames: Iterable[Frame],
    article: Article,
    mentions: Sequence[Mention],
    lexicon: Lexicon | None = None,
) -> tuple[IncidentMention, ...]:
    """The article's incident mentions, grouped by their ``incident`` key (see the module)."""
    lexicon = lexicon or load_lexicon()
    rules = incident_rules()
    names = {m.key: m for m in mentions}
    countries = _article_countries(mentions)
    parties = _party_names(mentions)
    frames = list(frames)
    calendar = _Calendar.of(article, frames, rules)
    units: list[_Unit] = []
    found: list[IncidentMention] = []
    for group in _sentence_groups(frames, calendar, lexicon, rules):
        family = rules.main_family(lexicon.incident_family(f.type) or "" for f in group)
        located = [(f, *_place_and_participants(f, names, countries)) for f in group]
        place = next((p for _, p, _ in located if p is not None), None)
        date = next((f.date for f in group if f.date is not None), None)
        recalled = calendar.recalled(date)
        fitting = [
            u
            for u in sorted(units, key=lambda u: u.touched)
            if u.family in rules.families_of(family)
            and (u.recalled == recalled or (date is None and u.touched == len(found)))
        ]
        unit = _unit_for(group, family, place, date, fitting, rules)
        if place is None and (unit is None or unit.place is None):
            # only a new incident, or one no sentence has placed yet, looks for
            # its town among the sentence's names ("the talks" continue the
            # summit whatever other towns their sentence names)
            place = _sentence_place(group[0], mentions, countries, parties)
        if unit is None:
            headline = group[0].sentence.start == 0
            key = f"{article.id}#{len(units) + 1}"
            unit = _Unit(key, family, place, date, headline, recalled)
            units.append(unit)
        elif group[0].sentence.start > 0:
            unit.headline = False
        unit.family = rules.main_family((family, unit.family))
        unit.touched = len(found) + len(group)
        unit.place = unit.place or place
        unit.date = unit.date or date
        found.extend(_mention(article, f, unit.key, p or place, roles) for f, p, roles in located)
    return tuple(_mark_background(found, calendar))


def _sentence_groups(
    frames: Iterable[Frame], calendar: _Calendar, lexicon: Lexicon, rules: IncidentRules
) -> list[list[Frame]]:
    """Incident frames grouped by sentence and family, in text order.

    A frame whose clause opens a period ("killed since the war began") counts
    no incident and is left out. A recalled incident ("a region hit by the
    2004 tsunami") is kept apart from the rest of its sentence.
    """
    kept = [
        f
        for f in sorted(frames, key=lambda f: f.trigger)
        if lexicon.incident_family(f.type) is not None
        and not opens_period(f.sentence.doc[f.trigger], rules)
    ]
    owned = _dates_by_trigger(kept)
    groups: dict[tuple[int, str, bool], list[Frame]] = {}
    for frame in kept:
        frame = dataclasses.replace(frame, date=owned.get(frame.trigger))
        recalled = calendar.recalled(frame.date)
        family = lexicon.incident_family(frame.type) or ""
        groups.setdefault((frame.sentence.start, family, recalled), []).append(frame)
    return _with_causes(groups, rules)


def _with_causes(
    groups: dict[tuple[int, str, bool], list[Frame]], rules: IncidentRules
) -> list[list[Frame]]:
    """Groups in text order, each casualty group told with a cause in its sentence.

    Casualties told in a clause about a cause join it ("the 1996 bombing that
    killed one"). Casualties without a date of their own join the cause their
    sentence tells, a recalled one too when it is the only one ("168,000 were
    killed by the 2004 tsunami").
    """
    for (sentence, family, recalled), frames in list(groups.items()):
        causes = rules.caused_by.get(family, frozenset())
        told = [k for k in sorted(groups) if k[0] == sentence and k[1] in causes]
        cause = next((k for k in told if _describes(groups[k], frames)), None)
        cause = cause or next((k for k in told if k[2] == recalled), None)
        if cause is None and not recalled and all(f.date is None for f in frames):
            cause = next(iter(told), None)
        if cause is not None:
            groups[cause] = sorted([*groups[cause], *frames], key=lambda f: f.trigger)
            del groups[(sentence, family, recalled)]
    return [groups[key] for key in sorted(groups)]


def _describes(causes: Sequence[Frame], casualties: Sequence[Frame]) -> bool:
    """Whether a casualty is told in a clause about one of the causes ("the 1996 bombing
    that killed one"): it is that cause's, whatever else its sentence tells."""
    triggers = {f.trigger for f in causes}
    return any(
        (token := f.sentence.doc[f.trigger]).dep_ in ("relcl", "acl") and token.head.i in triggers
        for f in casualties
    )


def _dates_by_trigger(frames: Sequence[Frame]) -> dict[int, str]:
    """Trigger position -> the date its sentence gives that incident.

    A trigger takes the dates that attach to it in the parse
    (:func:`storyline.nlp.timex.attach.times_of`: "the 2004 tsunami",
    "seized the town on Monday"); a date that attaches to no trigger belongs
    to the triggers its verb governs ("In 2004 a tremor sparked a tsunami").
    """
    if not frames:
        return {}
    doc = frames[0].sentence.doc
    dated = [s for s in doc.spans.get(TIMES, []) if date_interval(str(s._.storyline_value or ""))]
    owned: dict[int, str] = {}
    taken: set[int] = set()
    for frame in frames:
        mine = times_of(doc[frame.trigger], dated)
        if mine:
            owned[frame.trigger] = str(mine[0]._.storyline_value)
            taken.update(s.start for s in mine)
    for span in dated:
        verb = governing_verb(span)
        if span.start in taken or verb is None:
            continue
        for frame in frames:
            if frame.trigger not in owned and any(
                a.i == verb.i for a in doc[frame.trigger].ancestors
            ):
                owned[frame.trigger] = str(span._.storyline_value)
    return owned


@dataclass(frozen=True)
class _Calendar:
    """How an article dates what it tells, to tell its news from what it recalls."""

    published: str | None  # the article's own date, when metadata or a dateline gave it
    background_days: int
    yearless: bool = False  # it dates its news without a year ("on Tuesday", "January 6")

    @classmethod
    def of(cls, article: Article, frames: Sequence[Frame], rules: IncidentRules) -> _Calendar:
        given = article.published.given
        doc = frames[0].sentence.doc if frames else None
        yearless = (
            given is None
            and doc is not None
            and any(
                str(s._.storyline_value or "").startswith("XXXX") for s in doc.spans.get(TIMES, [])
            )
        )
        return cls(given, rules.background_days, yearless)

    def recalled(self, date: str | None) -> bool:
        """Whether a date places an incident in the article's past, not its news.

        News dates what it reports by the day ("on Wednesday"); a bare year
        ("the 2004 tsunami") is history. So is any date more than
        ``background_days`` before the article's date, when metadata or a
        dateline gave it (a date inferred from the content may come from the
        very passage that dates the article wrongly). An article without such
        a date that writes its news without a year writes one only for
        another year's events ("on Oct. 10, 2002"): a day with a year is
        history there too.
        """
        dated = date_interval(date)
        if dated is None:
            return False
        if date_precision(date) == "year":
            return True
        published = date_interval(self.published)
        if published is None:
            return self.yearless
        return (published[0] - dated[1]).days > self.background_days


def _unit_for(
    group: Sequence[Frame],
    family: str,
    place: Place | None,
    date: str | None,
    units: Sequence[_Unit],
    rules: IncidentRules,
) -> _Unit | None:
    """The incident (of ``units``, one family's) a sentence's mentions continue, or None.

    An undated indefinite first mention (see :func:`_introduces`) never
    continues an incident the article recalls, and starts one of its own unless another
    mention of its type points back ("a landslide caused by the quake" goes on
    telling the quake) or it is a regional incident's ("a landslide" in a
    quake's district is the quake's; "another quake" is not).
    """
    if _separate(group[0], rules):
        return None
    determiner = _introduces(group[0])
    if any(f.type == group[0].type and _points_back(f) for f in group[1:]):
        determiner = None
    fresh = determiner == "another" or (determiner is not None and family not in rules.regional)
    for unit in reversed(units):
        if (determiner and unit.recalled and date is None) or (fresh and not unit.headline):
            continue
        regional = bool({unit.family, family} & rules.regional)
        if places_agree(place, unit.place, regional) and dates_compatible(date, unit.date):
            return unit
    return None


def _introduces(frame: Frame) -> str | None:
    """The indefinite determiner of the trigger, or of the one who acts in it ("a gunman
    opened fire", "another raid"). Such a mention starts an incident of its own, unless it
    restates the headline's news (not an incident the headline recalls: "quake hits region
    devastated by 2004 tsunami" then "An earthquake killed six" is the quake). Victims do
    not count: "another four people died" adds to the toll.
    """
    token = frame.sentence.doc[frame.trigger]
    heads = [token]
    if token.pos_ == "VERB" and frame.type != "casualty_report":
        heads += [c for c in token.children if c.dep_ == "nsubj"]
    found = (c.lower_ for h in heads for c in h.children if c.dep_ == "det")
    return next((word for word in found if word in _INDEFINITE), None)


_INDEFINITE = frozenset({"a", "an", "another"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _points_back(frame: Frame) -> bool:
    """Whether the trigger is a definite noun ("the quake"): an incident told before."""
    token = frame.sentence.doc[frame.trigger]
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children
    )


def _separate(frame: Frame, rules: IncidentRules) -> bool:
    opening = " ".join(t.lower_ for t in frame.sentence[:4] if not t.is_punct)
    return any(opening.startswith(marker) for marker in rules.separate_markers)


def _place_and_participants(
    frame: Frame, names: Mapping[str, Mention], countries: Sequence[str]
) -> tuple[Place | None, tuple[Participant, ...]]:
    """The mention's place and its participants with their roles.

    A participant hit by the event that the gazetteer knows as a town, when
    the frame has no place of its own, is the place instead.
    """
    place = _resolve(frame.place, names, countries) if frame.place else None
    others = list(frame.others)
    if place is None:
        for key in others:
            found = _resolve(key, names, countries) if not key.startswith("person:") else None
            if found is not None and found.kind in ("city", "admin"):
                place = found
                others.remove(key)
                break
    actors = [k for k in frame.actors if not k.startswith("place:")]  # a place is no party
    roles = [Participant(k, "actor") for k in actors]
    roles += [
        Participant(k, "target") for k in others if k not in actors and not k.startswith("place:")
    ]
    return place, tuple(roles)


def _sentence_place(
    frame: Frame, mentions: Sequence[Mention], countries: Sequence[str], parties: frozenset[str]
) -> Place | None:
    """A town or area the sentence names, for mentions whose parse gave none
    ("air strikes killed 23 in the town of Salamiyah": the town hangs on "town").

    A name the article gives a person or an organisation elsewhere (``parties``)
    is theirs, not a town's, where the recogniser missed it ("When Davis was
    released", after "Kim Davis, a county clerk").
    """
    start, end = frame.sentence.start_char, frame.sentence.end_char
    text = frame.sentence.text  # not the document's: a Doc joins its text on every call
    named = [
        m
        for m in mentions
        if m.kind == "place"
        and start <= m.start
        and m.end <= end
        and not _reference_point(text, m.start - start)
    ]
    for mention in named:
        found = resolve_place(mention.text, countries)
        if found.kind in ("city", "admin"):
            return found
    for run in _proper_names(frame.sentence):
        if run in parties:
            continue
        found = resolve_place(run, countries, strict=True)
        if found.kind in ("city", "admin"):
            return found  # a town the recogniser missed ("barrel bombs on Aleppo")
    if named:  # a name the gazetteer does not know, kept as written, in the article's country
        country = named[0].country or (countries[0] if countries else None)
        return Place(name=" ".join(named[0].text.split()), kind="text", country=country)
    return None


#: Words that make the place after them a reference point, not where it happened
#: ("430 kilometres southwest of Tokyo", "50 miles from Lagos").
_REFERENCE_POINT = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of"
    r"|(?:km|kilometres|kilometers|kilomtres|miles)\s+(?:from|of|outside))\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _proper_names(sentence: Span) -> list[str]:
    """Runs of proper nouns in a sentence ("Sukkari", "Aleppo", "Maarat al-Numan"),
    leaving out reference points ("southwest of Tokyo")."""
    text = sentence.text
    groups = (list(run) for is_name, run in itertools.groupby(sentence, key=_name_part) if is_name)
    runs = (
        "".join(t.text_with_ws for t in tokens).strip(" -")
        for tokens in groups
        if not _reference_point(text, tokens[0].idx - sentence.start_char)
    )
    return [run for run in runs if run and run not in _NAME_JOINERS]


def _reference_point(sentence: str, start: int) -> bool:
    """Whether the place named at offset ``start`` of ``sentence`` only says where
    something is from (see above)."""
    return _REFERENCE_POINT.search(sentence, max(0, start - 40), start) is not None


def _name_part(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.text in _NAME_JOINERS


#: Words and marks that join the parts of one place name ("Maarat al-Numan").
_NAME_JOINERS = frozenset({"-", "al", "el", "de"})


def _resolve(key: str, names: Mapping[str, Mention], countries: Sequence[str]) -> Place | None:
    mention = names.get(key)
    if key.startswith("country:"):
        code = key.split(":", 1)[1]
        name = mention.name if mention is not None else code
        return Place(name=name, kind="country", country=code)
    if mention is None:
        return None
    place = resolve_place(mention.text, countries, strict=mention.kind != "place")
    if place.kind == "text" and place.country is None and countries:
        # a name the gazetteer does not know lies, most likely, in the article's country
        place = dataclasses.replace(place, country=mention.country or countries[0])
    return place


def _party_names(mentions: Sequence[Mention]) -> frozenset[str]:
    """The full names the article gives its people and organisations, and the
    surname of each person named in full ("Kim Davis", "Davis").

    A name of one word is left out: the recogniser takes many a town for a
    person ("met the clerk in Davis").
    """
    found: set[str] = set()
    for mention in mentions:
        words = mention.text.split()
        if len(words) > 1 and mention.kind in ("person", "organization"):
            found.add(" ".join(words))
            if mention.kind == "person":
                found.add(words[-1])
    return frozenset(found)


def _article_countries(mentions: Sequence[Mention]) -> tuple[str, ...]:
    """ISO codes of the countries the article names or places its mentions in, most named first."""
    counts: dict[str, int] = {}
    for mention in mentions:
        code = mention.key.split(":", 1)[1] if mention.kind == "country" else mention.country
        if code:
            counts[code] = counts.get(code, 0) + 1
    return tuple(sorted(counts, key=lambda c: -counts[c]))


def _mention(
    article: Article,
    frame: Frame,
    key: str,
    place: Place | None,
    participants: tuple[Participant, ...],
) -> IncidentMention:
    date = None
    if frame.date is not None:
        date = EventDate(value=frame.date, precision=date_precision(frame.date))
    return IncidentMention(
        article=article.id,
        span=sentence_span(article, frame.sentence),
        trigger=frame.sentence.doc[frame.trigger].text,
        type=frame.type,
        date=date,
        place=place,
        participants=participants,
        incident=key,
    )


def _mark_background(
    found: list[IncidentMention], calendar: _Calendar
) -> Iterable[IncidentMention]:
    """Mark the incidents the article recalls (see :meth:`_Calendar.recalled`)."""
    old = {m.incident for m in found if calendar.recalled(m.date.value if m.date else None)}
    if not old:
        return found
    return [dataclasses.replace(m, background=True) if m.incident in old else m for m in found]
