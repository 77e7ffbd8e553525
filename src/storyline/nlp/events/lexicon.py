"""The event and relation lexicons (``data/nlp/events.yaml``, ``data/nlp/relations.yaml``).

Both files are documented in their header comments. They are read once
(:func:`load_lexicon` is cached) into a :class:`Lexicon` that maps trigger
lemmas to the event or relation types they announce. A user file with the
same layout can be merged over the bundled one with :func:`build_lexicon`,
the way event coders extend their verb dictionaries.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import UsageError
from ...lexicons import bundled_yaml, user_yaml


@dataclass(frozen=True)
class Trigger:
    """One lexicon word and the conditions under which it counts.

    ``None`` means no condition; a set means one of its words must be present.
    """

    type: str
    lemma: str
    objects: frozenset[str] | None = None
    modifiers: frozenset[str] | None = None
    preps: frozenset[str] | None = None
    unless: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventType:
    """An event type of ``events.yaml``."""

    name: str
    label: str
    group: str
    cameo: str | None = None
    destination_preps: frozenset[str] = frozenset()
    place_is_destination: bool = False
    object_owner_is_actor: bool = False
    connector: str = "of"
    place_word: str = "in"
    incident: str | None = None
    plover: str | None = None


@dataclass(frozen=True)
class RelationType:
    """A relation type of ``relations.yaml``."""

    name: str
    symmetric: bool
    targets: tuple[str, ...]
    cameo: str | None = None
    items: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Both lexicons, indexed by trigger lemma."""

    events: Mapping[str, EventType]
    relations: Mapping[str, RelationType]
    event_verbs: Mapping[str, tuple[Trigger, ...]]
    event_nouns: Mapping[str, tuple[Trigger, ...]]
    relation_verbs: Mapping[str, tuple[Trigger, ...]]
    relation_nouns: Mapping[str, tuple[Trigger, ...]]
    light_verbs: frozenset[str] = frozenset()
    place_preps: frozenset[str] = frozenset()
    purpose_verbs: frozenset[str] = frozenset()
    occurrence_verbs: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    from_events: Mapping[str, str] = field(default_factory=dict)
    senses: Mapping[str, str] = field(default_factory=dict)

    def sense(self, lemma: str) -> str:
        """The word that names a lemma's sense (``quake`` -> ``earthquake``).

        A lemma the parser left inflected (``unveils``, ``injured``) is first
        reduced to a word the lexicons know, by dropping ``s``, ``es``, ``d``
        or ``ed``; a word of no ``senses`` set is its own sense.
        """
        word = lemma.lower()
        if not self.knows(word):
            for suffix in ("s", "es", "d", "ed"):
                stem = word.removesuffix(suffix)
                if stem != word and self.knows(stem):
                    word = stem
                    break
        return self.senses.get(word, word)

    def knows(self, word: str) -> bool:
        """Whether a word is a trigger of either lexicon or in a sense set."""
        tables = (self.senses, self.event_verbs, self.event_nouns)
        return any(word in table for table in (*tables, self.relation_verbs, self.relation_nouns))

    def group(self, event_type: str) -> str:
        """The merge group of an event type (unknown types are their own group)."""
        known = self.events.get(event_type)
        return known.group if known is not None else event_type

    def connector(self, event_type: str) -> str:
        """The word between an event's label and its participants (``of``, ``between``)."""
        known = self.events.get(event_type)
        return known.connector if known is not None else "of"

    def place_word(self, event_type: str) -> str:
        """The word before an event's place in summaries (``in``; ``to`` for visits)."""
        known = self.events.get(event_type)
        return known.place_word if known is not None else "in"

    def incident_family(self, event_type: str) -> str | None:
        """The incident family of an event type (``violence``, ``disaster``...), else None."""
        known = self.events.get(event_type)
        return known.incident if known is not None else None

    def label(self, event_type: str) -> str:
        """How a reader calls an event of this type."""
        known = self.events.get(event_type)
        return known.label if known is not None else event_type.replace("_", " ")


def read_lexicon_file(path: Path) -> dict[str, Any]:
    """A user lexicon file (same layout as the bundled ones) as plain data."""
    return user_yaml(path)


@functools.cache
def load_lexicon() -> Lexicon:
    """The bundled lexicons, read once."""
    return build_lexicon(bundled_yaml("nlp/events.yaml"), bundled_yaml("nlp/relations.yaml"))


def build_lexicon(
    events: Mapping[str, Any],
    relations: Mapping[str, Any],
    extra: Iterable[Mapping[str, Any]] = (),
) -> Lexicon:
    """A :class:`Lexicon` from the two files' data, with ``extra`` files merged over them.

    An extra file may hold ``events``, ``relations``, ``classes`` and the
    top-level lists; its word lists are added to the bundled ones.
    """
    merged_events = _merge(dict(events), *(dict(e) for e in extra))
    merged_relations = _merge(dict(relations), *(dict(e) for e in extra))
    classes = {k: [str(w) for w in v] for k, v in merged_events.get("classes", {}).items()}
    event_types, event_verbs, event_nouns = {}, _Index(), _Index()
    for name, spec in (merged_events.get("events") or {}).items():
        event_types[name] = _event_type(name, spec)
        _index_triggers(name, spec, classes, event_verbs, event_nouns)
    relation_types, relation_verbs, relation_nouns = {}, _Index(), _Index()
    for name, spec in (merged_relations.get("relations") or {}).items():
        relation_types[name] = _relation_type(name, spec)
        _index_triggers(name, spec, classes, relation_verbs, relation_nouns)
    return Lexicon(
        events=event_types,
        relations=relation_types,
        event_verbs=event_verbs.frozen(),
        event_nouns=event_nouns.frozen(),
        relation_verbs=relation_verbs.frozen(),
        relation_nouns=relation_nouns.frozen(),
        light_verbs=_words(merged_events.get("light_verbs")),
        place_preps=_words(merged_events.get("place_preps")),
        purpose_verbs=_words(merged_events.get("purpose_verbs")),
        occurrence_verbs=_words(merged_events.get("occurrence_verbs")),
        negations=_words(merged_events.get("negations")),
        from_events={
            str(k): str(v) for k, v in (merged_relations.get("from_events") or {}).items()
        },
        senses=_senses(merged_events.get("senses")),
    )


def _senses(sets: Any) -> dict[str, str]:
    """Each word of the ``senses`` sets -> the first word of its set."""
    senses: dict[str, str] = {}
    for words in sets or ():
        if not isinstance(words, list) or not words:
            raise UsageError(f"A `senses` entry must be a list of words, not {words!r}; fix it")
        for word in words:
            senses.setdefault(str(word).lower(), str(words[0]).lower())
    return senses


def _merge(base: dict[str, Any], *others: dict[str, Any]) -> dict[str, Any]:
    """Merge mappings: nested mappings key by key, lists concatenated, scalars replaced."""
    for other in others:
        for key, value in other.items():
            old = base.get(key)
            if isinstance(old, dict) and isinstance(value, dict):
                base[key] = _merge(dict(old), value)
            elif isinstance(old, list) and isinstance(value, list):
                base[key] = [*old, *value]
            else:
                base[key] = value
    return base


class _Index(dict[str, list[Trigger]]):
    def add(self, trigger: Trigger) -> None:
        self.setdefault(trigger.lemma, []).append(trigger)

    def frozen(self) -> dict[str, tuple[Trigger, ...]]:
        return {lemma: tuple(triggers) for lemma, triggers in self.items()}


def _words(items: Any) -> frozenset[str]:
    return frozenset(str(item).lower() for item in items or ())


def _event_type(name: str, spec: Mapping[str, Any]) -> EventType:
    return EventType(
        name=name,
        label=str(spec.get("label", name.replace("_", " "))),
        group=str(spec.get("group", name)),
        cameo=str(spec["cameo"]) if spec.get("cameo") is not None else None,
        destination_preps=_words(spec.get("destination_preps")),
        place_is_destination=bool(spec.get("place_is_destination", False)),
        object_owner_is_actor=bool(spec.get("object_owner_is_actor", False)),
        connector=str(spec.get("connector", "of")),
        place_word=str(spec.get("place_word", "in")),
        incident=str(spec["incident"]) if spec.get("incident") else None,
        plover=str(spec["plover"]) if spec.get("plover") else None,
    )


def _relation_type(name: str, spec: Mapping[str, Any]) -> RelationType:
    return RelationType(
        name=name,
        symmetric=bool(spec.get("symmetric", False)),
        targets=tuple(str(t).lower() for t in spec.get("targets") or ("object",)),
        cameo=str(spec["cameo"]) if spec.get("cameo") is not None else None,
        items=bool(spec.get("items", False)),
    )


def _index_triggers(
    name: str,
    spec: Mapping[str, Any],
    classes: Mapping[str, list[str]],
    verbs: _Index,
    nouns: _Index,
) -> None:
    for entry in spec.get("verbs") or ():
        verbs.add(_trigger(name, entry, classes))
    for entry in spec.get("nouns") or ():
        nouns.add(_trigger(name, entry, classes))


def _trigger(name: str, entry: Any, classes: Mapping[str, list[str]]) -> Trigger:
    """One list entry: ``"meet"``, ``"arms deal"`` (head noun last) or a mapping."""
    spec: dict[str, Any] = {"lemma": entry} if isinstance(entry, str) else dict(entry)
    if "lemma" not in spec:
        raise UsageError(f"A trigger of {name!r} has no 'lemma': {entry!r}; add one")
    words = str(spec["lemma"]).lower().split()
    modifiers = _expand(spec.get("modifiers"), classes, name)
    if len(words) > 1:
        modifiers = (modifiers or frozenset()) | frozenset(words[:-1])
    return Trigger(
        type=name,
        lemma=words[-1],
        objects=_expand(spec.get("objects"), classes, name),
        modifiers=modifiers,
        preps=_expand(spec.get("preps"), classes, name),
        unless=_expand(spec.get("unless"), classes, name) or frozenset(),
    )


def _expand(items: Any, classes: Mapping[str, list[str]], name: str) -> frozenset[str] | None:
    if items is None:
        return None
    words: set[str] = set()
    for item in items:
        text = str(item).lower()
        if text.startswith("@"):
            if text[1:] not in classes:
                raise UsageError(
                    f"The trigger list of {name!r} uses the unknown class {text!r}; "
                    "define it under `classes` in events.yaml"
                )
            words.update(w.lower() for w in classes[text[1:]])
        else:
            words.add(text)
    return frozenset(words)
