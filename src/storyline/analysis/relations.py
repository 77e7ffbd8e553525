"""Typed, directed ties between actors: alliance, cooperation, supplies, hosts, criticises...

Three sources feed :func:`relations_from_doc`:

- the relation lexicon (``data/nlp/relations.yaml``): a verb or noun whose
  arguments hold entity mentions on both sides (``North Korea agreed to
  supply artillery to Russia``, ``the alliance between Russia and North
  Korea``, ``Western sanctions on Russia``);
- event frames (``from_events`` in the lexicon): the actor of an attack
  attacks the other participants, the sender of troops or arms supplies the
  receiver;
- hosting: a meeting or visit held in a country makes that country the host
  of the participants from other countries (only when the article names the
  host country, so that the relation points at a known entity; a guest is
  named by its country when the article names it, else as itself).

Symmetric types (alliance, cooperation, negotiates) store the two keys in
sorted order so that every article states the pair the same way. Relations
of one article with the same type and ends are merged, their evidence
sentences kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..models import Article, Relation
from ..models import Span as TextSpan
from ..nlp.events import roles
from ..nlp.events.frames import Frame, match_triggers
from ..nlp.events.lexicon import Lexicon, RelationType, Trigger, load_lexicon
from ..nlp.events.roles import EntityRef
from .events import sentence_span

_ACTOR_KINDS = frozenset({"person", "country", "organization", "group"})
_HOSTED_GROUPS = frozenset({"meeting"})
_NOUN_SOURCE_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


@dataclass
class _Found:
    evidence: list[TextSpan] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class _Pairs:
    pairs: list[tuple[EntityRef, EntityRef]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


def relations_from_doc(
    doc: Doc, article: Article, frames: Iterable[Frame] = (), lexicon: Lexicon | None = None
) -> tuple[Relation, ...]:
    """Every relation ``doc`` states, as per-article :class:`Relation` records."""
    lexicon = lexicon or load_lexicon()
    index = roles.entity_index(doc)
    found: dict[tuple[str, str, str], _Found] = {}
    for sent in doc.sents:
        for token, trigger in match_triggers(sent, lexicon.relation_verbs, lexicon.relation_nouns):
            spec = lexicon.relations[trigger.type]
            result = _lexical_pairs(token, trigger, spec, lexicon, index)
            for source, target in result.pairs:
                evidence = sentence_span(article, sent)
                _add(found, spec, source.key, target.key, evidence, result.items)
    known = {ref.key: ref for ref in index.values()}
    for frame in frames:
        evidence = sentence_span(article, frame.sentence)
        for first, second, kind, items in _frame_pairs(frame, lexicon, known):
            _add(found, lexicon.relations.get(kind), first, second, evidence, items, kind)
    return tuple(
        Relation(
            id=f"rel-{article.id}-{number}",
            source=source,
            target=target,
            type=kind,
            evidence=tuple(dict.fromkeys(item.evidence)),
            items=tuple(dict.fromkeys(item.items)),
        )
        for number, ((source, target, kind), item) in enumerate(found.items(), start=1)
    )


def _add(
    found: dict[tuple[str, str, str], _Found],
    spec: RelationType | None,
    source: str,
    target: str,
    evidence: TextSpan,
    items: Iterable[str],
    kind: str | None = None,
) -> None:
    if source == target:
        return
    name = spec.name if spec is not None else str(kind)
    if spec is not None and spec.symmetric and target < source:
        source, target = target, source
    entry = found.setdefault((source, target, name), _Found())
    entry.evidence.append(evidence)
    if spec is None or spec.items:
        entry.items.extend(items)


def _lexical_pairs(
    token: Token,
    trigger: Trigger,
    spec: RelationType,
    lexicon: Lexicon,
    index: dict[int, EntityRef],
) -> _Pairs:
    heads = [token]
    if roles.negated(heads, lexicon.negations) or roles.speculative(heads):
        return _Pairs()
    if token.pos_ == "VERB":
        sources = _actor_refs(roles.actors(token), index)
        targets, between = _targets(token, spec, index, roles.patients(token))
    else:
        sources = _noun_sources(token, index)
        targets, between = _targets(token, spec, index, [])
    pairs = [(s, t) for s in sources for t in targets]
    if spec.symmetric:
        pairs += _pairwise(between)
        if not targets and not between:
            pairs += _pairwise(sources)
    items = _items(token, index) if spec.items else []
    return _Pairs(pairs=[(s, t) for s, t in pairs if s.key != t.key], items=items)


def _actor_refs(tokens: Iterable[Token], index: dict[int, EntityRef]) -> list[EntityRef]:
    refs = [ref for tok in tokens for ref in roles.phrase_entities(tok, index)]
    return [ref for ref in roles.unique(refs) if ref.kind in _ACTOR_KINDS]


def _pairwise(refs: list[EntityRef]) -> list[tuple[EntityRef, EntityRef]]:
    refs = roles.unique(refs)
    return [(a, b) for i, a in enumerate(refs) for b in refs[i + 1 :]]


def _targets(
    token: Token, spec: RelationType, index: dict[int, EntityRef], patients: list[Token]
) -> tuple[list[EntityRef], list[EntityRef]]:
    """The first filled target slot of ``spec.targets``, and any ``between`` phrase."""
    between: list[EntityRef] = []
    hosts = [token, *patients] if token.pos_ == "VERB" else [token, *roles.participles(token)]
    for slot in spec.targets:
        refs = _actor_refs(_slot_tokens(slot, token, hosts, patients), index)
        if slot == "between":
            between = refs
            continue
        if refs:
            return refs, between
    return [], between


def _slot_tokens(slot: str, token: Token, hosts: list[Token], patients: list[Token]) -> list[Token]:
    if slot == "object":
        return patients
    if slot == "dative":
        return [c for c in token.children if c.dep_ == "dative" and c.pos_ != "ADP"] or (
            patients if any(roles.preps(token, ["with"])) else []
        )
    if slot == "appos":
        found = [c for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "appos":
            found.append(token.head)
        return found
    return [obj for host in hosts for _, obj in roles.preps(host, [slot])]


def _noun_sources(noun: Token, index: dict[int, EntityRef]) -> list[EntityRef]:
    """Who holds a relation named by a noun: possessor, entity modifier, ``by``/``from``, or
    the subject of the verb the noun is the object of (``X signed a pact with Y``)."""
    tokens = [c for c in noun.children if c.dep_ in _NOUN_SOURCE_DEPS]
    tokens += [obj for _, obj in roles.preps(noun, ["by", "from"])]
    direct = _actor_refs(tokens, index)
    if direct:
        return direct
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and head.pos_ == "VERB":
        return _actor_refs(roles.actors(head), index)
    return []


def _items(token: Token, index: dict[int, EntityRef]) -> list[str]:
    """What is handed over: non-entity objects, or the ``with`` phrase (``supply X with Y``)."""
    if token.pos_ != "VERB":
        return [token.text.lower()]
    candidates = [t for t in roles.patients(token) if t.i not in index]
    candidates += [obj for _, obj in roles.preps(token, ["with"]) if obj.i not in index]
    return [item for t in candidates for item in roles.item_words(t, index)]


def _frame_pairs(
    frame: Frame, lexicon: Lexicon, known: dict[str, EntityRef]
) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """Relations an event frame implies: ``from_events`` types and hosting."""
    kind = lexicon.from_events.get(frame.type)
    if kind is not None:
        for actor in frame.actors:
            for other in frame.others:
                if _is_actor(actor, known) and _is_actor(other, known):
                    yield actor, other, kind, frame.items
    if lexicon.group(frame.type) in _HOSTED_GROUPS and frame.place is not None:
        yield from _hosting(frame, known)


def _is_actor(key: str, known: dict[str, EntityRef]) -> bool:
    ref = known.get(key)
    return ref is None or ref.kind in _ACTOR_KINDS


def _country_of(key: str, frame: Frame, known: dict[str, EntityRef]) -> str | None:
    if key.startswith("country:"):
        return key.split(":", 1)[1]
    ref = known.get(key)
    return frame.countries.get(key) or (ref.country if ref is not None else None)


def _hosting(
    frame: Frame, known: dict[str, EntityRef]
) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """The country of the place hosts each foreign participant's country, when the article
    names that country, else the participant itself."""
    assert frame.place is not None
    host = _country_of(frame.place, frame, known)
    if host is None or f"country:{host}" not in known:
        return
    guests: dict[str, None] = {}
    for participant in frame.participants:
        country = _country_of(participant, frame, known)
        if country is None or country == host or not _is_actor(participant, known):
            continue
        guests[f"country:{country}" if f"country:{country}" in known else participant] = None
    for guest in guests:
        yield f"country:{host}", guest, "hosts", ()
