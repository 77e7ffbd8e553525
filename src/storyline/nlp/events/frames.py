"""Event frames: an event trigger of the parse with its participants, place and date.

:func:`find_frames` walks the parse sentence by sentence. A token listed in
the event lexicon (``data/nlp/events.yaml``) whose conditions hold is a trigger;
its :class:`Frame` gathers the actors (subject, ``by`` phrase, possessor),
the other participants (objects, ``with``/``between``/``to`` phrases), the
place (an ``in``/``at`` phrase, a place modifier as in ``Beijing summit``)
and the date (a time expression attached to the trigger's clause) from
``doc.spans["storyline_entities"]`` and ``doc.spans["storyline_times"]``.
Negated and merely speculated triggers are left out. Entity references are
mention keys (``country:KP``).

:mod:`storyline.analysis.events` links one article's frames into events and
:mod:`storyline.analysis.relations` reads relations off them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..extensions import TIMES
from ..timex.dates import date_precision
from . import roles
from .lexicon import EventType, Lexicon, Trigger, load_lexicon
from .roles import EntityRef

_NOUN_POS = frozenset({"NOUN", "PROPN"})
_PLACES = frozenset({"place", "country"})
_PARTNER_PREPS = frozenset(
    {"with", "between", "against", "to", "into", "on", "upon", "toward", "towards", "of", "among"}
)
_ACTOR_PREPS = frozenset({"by", "from"})


@dataclass(frozen=True)
class Frame:
    """One trigger with its arguments, as entity mention keys."""

    type: str
    trigger: int
    sentence: Span
    actors: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    place: str | None = None
    date: str | None = None
    items: tuple[str, ...] = ()
    countries: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def participants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.actors, *self.others)))

    @property
    def bare(self) -> bool:
        return not self.actors and not self.others and self.place is None


@dataclass
class _Args:
    """Arguments gathered while reading one trigger's frame."""

    actors: list[EntityRef] = field(default_factory=list)
    others: list[EntityRef] = field(default_factory=list)
    places: list[EntityRef] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DocContext:
    """What frame building reads from a Doc once: entity and time spans, the lexicon."""

    lexicon: Lexicon
    index: dict[int, EntityRef]
    times: list[tuple[Span, str]]


def doc_context(doc: Doc, lexicon: Lexicon | None = None) -> DocContext:
    """The entity index and dated time expressions of ``doc``."""
    return DocContext(lexicon or load_lexicon(), roles.entity_index(doc), _time_spans(doc))


def frame_data(frame: Frame) -> dict[str, Any]:
    """A frame as plain data, as ``storyline_events`` stores it on the doc (the sentence as
    its token bounds), so docs still travel between worker processes."""
    return {
        "type": frame.type,
        "trigger": frame.trigger,
        "sentence": [frame.sentence.start, frame.sentence.end],
        "actors": list(frame.actors),
        "others": list(frame.others),
        "place": frame.place,
        "date": frame.date,
        "items": list(frame.items),
        "countries": dict(frame.countries),
    }


def frame_from_data(doc: Doc, data: Mapping[str, Any]) -> Frame:
    """The frame :func:`frame_data` stored, its sentence a span of ``doc`` again."""
    start, end = data["sentence"]
    return Frame(
        type=data["type"],
        trigger=data["trigger"],
        sentence=doc[start:end],
        actors=tuple(data["actors"]),
        others=tuple(data["others"]),
        place=data["place"],
        date=data["date"],
        items=tuple(data["items"]),
        countries=dict(data["countries"]),
    )


def frames_of(doc: Doc) -> list[Frame]:
    """The frames ``storyline_events`` stored on ``doc``; found now when it did not run."""
    stored = doc._.storyline_frames
    if stored is None:
        return find_frames(doc)
    return [frame_from_data(doc, data) for data in stored]


def find_frames(doc: Doc, lexicon: Lexicon | None = None) -> list[Frame]:
    """Every event trigger of ``doc`` with its participants, place and date."""
    context = doc_context(doc, lexicon)
    lexicon = context.lexicon
    frames: list[Frame] = []
    for sent in doc.sents:
        matches = list(match_triggers(sent, lexicon.event_verbs, lexicon.event_nouns))
        trigger_ids = frozenset(token.i for token, _ in matches)
        taken: set[tuple[int, str]] = set()
        for token, trigger in matches:
            if (token.i, trigger.type) in taken or _carried_by_noun(
                token, trigger, matches, lexicon
            ):
                continue
            spec = lexicon.events[trigger.type]
            frame = frame_for(token, spec, context, trigger_ids)
            if frame is not None:
                taken.add((token.i, trigger.type))
                frames.append(frame)
    return frames


def match_triggers(
    sent: Span,
    verbs: Mapping[str, tuple[Trigger, ...]],
    nouns: Mapping[str, tuple[Trigger, ...]],
) -> Iterator[tuple[Token, Trigger]]:
    """Tokens of ``sent`` that trigger a lexicon entry whose conditions hold."""
    for token in sent:
        if token.pos_ == "VERB":
            table = verbs
        elif token.pos_ in _NOUN_POS:
            table = nouns
        else:
            continue
        seen: set[str] = set()
        for word in roles.words_of(token):
            for trigger in table.get(word, ()):
                if trigger.type not in seen and conditions_hold(token, trigger):
                    seen.add(trigger.type)
                    yield token, trigger


def conditions_hold(token: Token, trigger: Trigger) -> bool:
    """Whether the trigger's ``objects``, ``modifiers``, ``preps`` and ``unless`` hold."""
    mods = _modifier_words(token)
    objects: set[str] = set()
    if token.pos_ == "VERB":
        for obj in _object_candidates(token):
            objects |= roles.words_of(obj) | _modifier_words(obj)
    if trigger.unless and (mods | objects) & trigger.unless:
        return False
    if trigger.modifiers is not None and not mods & trigger.modifiers:
        return False
    if trigger.preps is not None and not _attached_preps(token) & trigger.preps:
        return False
    return trigger.objects is None or bool(objects & trigger.objects)


def _modifier_words(token: Token) -> set[str]:
    words: set[str] = set()
    for child in token.children:
        if child.dep_ in {"amod", "compound", "nmod", "npadvmod", "poss"}:
            words |= roles.words_of(child)
            words.update(w.lower() for w in child.text.split("-"))
        elif child.dep_ == "prep" and roles.lemma(child) == "of":
            for obj in roles.prep_objects(child):
                words |= roles.words_of(obj)
    return words


def _attached_preps(token: Token) -> set[str]:
    return {roles.lemma(c) for c in token.children if c.dep_ in {"prep", "prt", "agent", "dative"}}


def _object_candidates(token: Token) -> list[Token]:
    found = roles.patients(token) if token.pos_ == "VERB" else []
    found += [obj for _, obj in roles.preps(token, ["with"])]
    found += [c for c in token.children if c.dep_ == "dative"]
    return found


def _carried_by_noun(
    token: Token, trigger: Trigger, matches: list[tuple[Token, Trigger]], lexicon: Lexicon
) -> bool:
    """A verb whose object is a noun trigger of the same type (``signed a pact``), or whose
    subject is an incident of another family (``an earthquake struck``: no attack)."""
    if token.pos_ != "VERB":
        return False
    family = lexicon.incident_family(trigger.type)
    return any(
        noun.head.i == token.i
        and noun.i != token.i
        and (
            other.type == trigger.type
            or (
                noun.dep_ in ("nsubj", "nsubjpass")
                and family is not None
                and lexicon.incident_family(other.type) not in (None, family)
            )
        )
        for noun, other in matches
    )


def frame_for(
    token: Token,
    spec: EventType,
    context: DocContext,
    trigger_ids: frozenset[int] = frozenset(),
    *,
    asserted_only: bool = True,
) -> Frame | None:
    """The frame of ``token`` read as an event of type ``spec``.

    None when the trigger is negated or speculative (unless
    ``asserted_only`` is false, as when scoring given event mentions).
    ``trigger_ids`` are the other triggers of the sentence: a time
    expression hanging from one of them is not this event's date.
    """
    lexicon, index = context.lexicon, context.index
    if token.pos_ == "VERB":
        heads, args = _verb_args(token, spec, lexicon, index)
    else:
        heads, args = _noun_args(token, spec, lexicon, index)
    unasserted = roles.negated(heads, lexicon.negations) or roles.speculative(heads)
    if asserted_only and unasserted:
        return None
    actors = roles.unique(args.actors)
    actor_keys = {a.key for a in actors}
    place = next((p.key for p in args.places), None)
    others = [o for o in roles.unique(args.others) if o.key not in actor_keys and o.key != place]
    date = _date(token, heads, context.times, trigger_ids)
    everyone = [*actors, *others, *args.places]
    return Frame(
        type=spec.name,
        trigger=token.i,
        sentence=token.sent,
        actors=tuple(a.key for a in actors),
        others=tuple(o.key for o in others),
        place=place,
        date=date,
        items=tuple(dict.fromkeys(args.items)),
        countries={ref.key: ref.country for ref in everyone if ref.country},
    )


def _verb_args(
    verb: Token, spec: EventType, lexicon: Lexicon, index: dict[int, EntityRef]
) -> tuple[list[Token], _Args]:
    """Arguments of a verb trigger: subject (or ``by``), objects, purpose clause, phrases.

    Returns the tokens whose clause the event spans (the verb and its purpose
    clause, ``sent troops to support X``) with the arguments.
    """
    args = _Args()
    for tok in roles.actors(verb):
        args.actors += roles.phrase_entities(tok, index)
    for tok in roles.patients(verb):
        _add_patient(tok, spec, args, index)
        if tok.i in index:
            # "met Scholz in Geneva": the parser often hangs the place on the object.
            for _, obj in roles.preps(tok, lexicon.place_preps):
                args.places += [r for r in roles.phrase_entities(obj, index) if r.kind in _PLACES]
    heads = [verb]
    for child in verb.children:
        if child.dep_ in {"xcomp", "advcl"} and roles.lemma(child) in lexicon.purpose_verbs:
            heads.append(child)
            for obj in roles.objects(child):
                args.others += roles.phrase_entities(obj, index)
    for head in heads:
        _add_preps(head, spec, lexicon, args, index)
    return heads, args


def _add_patient(tok: Token, spec: EventType, args: _Args, index: dict[int, EntityRef]) -> None:
    """The object of a trigger: a destination, a participant, or what is moved."""
    refs = roles.phrase_entities(tok, index)
    if tok.i in index:
        ref = index[tok.i]
        if spec.place_is_destination and ref.kind in _PLACES:
            args.places.append(ref)
            if ref.kind == "country":
                args.others.append(ref)
            return
        args.others += refs
        return
    if spec.object_owner_is_actor:
        args.actors += refs
        args.items += roles.item_words(tok, index)
    else:
        args.others += refs


def _add_preps(
    head: Token, spec: EventType, lexicon: Lexicon, args: _Args, index: dict[int, EntityRef]
) -> None:
    """Sort a head's prepositional phrases into place, destination, actor and partners."""
    for name, obj in roles.preps(head):
        refs = roles.phrase_entities(obj, index)
        if name in lexicon.place_preps:
            args.places += [r for r in refs if r.kind in _PLACES]
        elif name in spec.destination_preps:
            args.places += [r for r in refs if r.kind == "place"]
            countries = [r for r in refs if r.kind != "place"]
            args.others += countries
            if spec.place_is_destination:
                args.places += [r for r in countries if r.kind == "country"]
        elif name in _ACTOR_PREPS:
            args.actors += refs
        elif name in _PARTNER_PREPS:
            args.others += refs


def _noun_args(
    noun: Token, spec: EventType, lexicon: Lexicon, index: dict[int, EntityRef]
) -> tuple[list[Token], _Args]:
    """Arguments of a noun trigger: possessor, entity modifiers, phrases, and those of the
    verb carrying it (``held a meeting``) or of which it is the subject (``the parade
    kicks off in Nairobi``)."""
    args = _Args()
    heads = [noun, *roles.participles(noun)]
    governor = roles.governing_verb(noun, lexicon.light_verbs)
    if (
        governor is None
        and noun.dep_ == "nsubj"
        and roles.lemma(noun.head) in lexicon.occurrence_verbs
    ):
        governor = noun.head
    if governor is not None:
        heads.append(governor)
        for tok in roles.actors(governor):
            if tok.i != noun.i:
                args.actors += roles.phrase_entities(tok, index)
    for child in noun.children:
        if child.i not in index or child.dep_ not in {"poss", "compound", "amod", "nmod"}:
            continue
        ref = index[child.i]
        if child.dep_ == "poss":
            args.actors.append(ref)
        elif ref.kind == "place":
            args.places.append(ref)
        else:
            args.others.append(ref)
    for head in heads:
        if head.i != noun.i and (governor is None or head.i != governor.i):
            args.actors += [r for t in roles.agents(head) for r in roles.phrase_entities(t, index)]
        _add_preps(head, spec, lexicon, args, index)
    return heads, args


def _time_spans(doc: Doc) -> list[tuple[Span, str]]:
    """Calendar-dated time expressions of ``doc`` with their date value."""
    if TIMES not in doc.spans:
        return []
    found = []
    for span in doc.spans[TIMES]:
        value = span._.storyline_value
        if span.label_ not in {"DATE", "TIME"} or not isinstance(value, str):
            continue
        value = value.split("T", 1)[0]
        if date_precision(value) is not None:
            found.append((span, value))
    return found


def _date(
    trigger: Token, heads: list[Token], times: list[tuple[Span, str]], trigger_ids: frozenset[int]
) -> str | None:
    """The date attached to the trigger's clause, the nearest when several are."""
    anchors = {h.i for h in heads}
    best: tuple[int, str] | None = None
    for span, value in times:
        if not (span.sent.start <= trigger.i < span.sent.end):
            continue
        if trigger.i in range(span.start, span.end):
            continue
        if _anchor_of(span, anchors, trigger_ids) is None:
            continue
        distance = min(abs(span.start - trigger.i), abs(span.end - 1 - trigger.i))
        if best is None or distance < best[0]:
            best = (distance, value)
    return best[1] if best else None


def _anchor_of(span: Span, anchors: set[int], trigger_ids: frozenset[int]) -> int | None:
    """The anchor a time expression hangs from, climbing the tree from its root."""
    if anchors & {t.i for t in span}:
        return None
    token = span.root
    for _ in range(12):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.i in anchors:
            return token.i
        if token.pos_ in {"VERB", "AUX"} or token.i in trigger_ids:
            return None
    return None
