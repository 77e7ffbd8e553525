"""Merging entity mentions across articles into one :class:`Entity` per actor.

Each article's mentions arrive already resolved to keys (``country:KP``,
``person:vladimir putin``, ``person:putin``...). Within an article the
resolver has linked bare names to full names; across articles this module:

- merges full names that are spellings of one person: a curated alias, or
  names that differ in one word by a single edit, that word having at least
  :data:`MIN_FUZZY_LENGTH` letters ("Zelenskyy" / "Zelenskiy");
- merges a bare name (``person:putin``) into the one full name of the
  corpus whose first or last word (or curated surname) it is; when several
  people of the corpus share it the bare name stays apart. When nobody in
  the corpus has it, it joins the curated actor of that surname if there is
  exactly one and that actor was in office when the articles were published
  (a "Bush" of 1991 is not George W. Bush);
- never merges two different full names that merely share a surname.

Entity ids are derived from the canonical name (``e-north-korea``,
``e-vladimir-putin``), so the same actor gets the same id on every run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..models import ArticleAnalysis, Entity, EntityKind
from ..nlp.actors import Actor, ActorIndex, actor_index, fold
from ..nlp.countries import country_name

#: Words shorter than this never merge on a one-letter difference ("Un"/"Il").
MIN_FUZZY_LENGTH = 6


#: What tells two mentions of one key apart for merging: kind, name, country, text.
Form = tuple[EntityKind, str, str | None, str]


@dataclass
class MentionCounts:
    """The mentions of a corpus as merging reads them: counted, not kept one by one.

    ``forms`` counts, for each mention key, its mentions by (kind, name,
    country, text); ``dates`` holds the publication dates of the articles
    that mention each key.
    """

    forms: dict[str, Counter[Form]] = field(default_factory=dict)
    dates: dict[str, set[str | None]] = field(default_factory=dict)

    def add(self, key: str, form: Form, published: str | None, count: int = 1) -> None:
        """Count ``count`` mentions of ``key`` in ``form`` in an article of ``published``."""
        self.forms.setdefault(key, Counter())[form] += count
        self.dates.setdefault(key, set()).add(published)


def count_mentions(analyses: Iterable[ArticleAnalysis]) -> MentionCounts:
    """The mentions of ``analyses``, counted for :func:`merge_entities`."""
    counts = MentionCounts()
    for analysis in analyses:
        published = analysis.article.published.value
        for m in analysis.mentions:
            counts.add(m.key, (m.kind, m.name, m.country, m.text), published)
    return counts


@dataclass
class _Group:
    """Mentions of one key, and later of every key merged into it."""

    keys: set[str]
    forms: Counter[Form] = field(default_factory=Counter)
    actor: Actor | None = None


def merge_entities(
    analyses: Sequence[ArticleAnalysis] | MentionCounts,
    *,
    actors_file: Path | None = None,
) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Entities across all articles, and a map from mention key to entity id.

    ``analyses`` may come already counted (:func:`count_mentions`, or a
    query over stored mentions). ``actors_file`` is the user's actor file
    (``Settings.actors_file``), merged over the bundled one as in the
    entity component.
    """
    index = actor_index(actors_file)
    counts = analyses if isinstance(analyses, MentionCounts) else count_mentions(analyses)
    merger = _Merger(sorted(counts.forms), index, counts.dates)
    merger.merge_people()
    merger.merge_organisations()
    entities: list[Entity] = []
    key_to_id: dict[str, str] = {}
    taken: set[str] = set()
    for group in sorted(merger.groups(counts.forms), key=_group_order):
        entity = _entity(group, taken)
        entities.append(entity)
        key_to_id.update(dict.fromkeys(sorted(group.keys), entity.id))
    entities.sort(key=lambda e: (e.kind, fold(e.name), e.id))
    return tuple(entities), key_to_id


class _Merger:
    """Union-find over mention keys, with the person-merging rules."""

    def __init__(
        self, keys: Iterable[str], index: ActorIndex, dates: dict[str, set[str | None]]
    ) -> None:
        self.index = index
        self.dates = dates
        self.parent = {key: key for key in keys}
        self.actor_of: dict[str, Actor] = {}
        for key in self.parent:
            actor = index.by_name(_key_name(key))
            if actor is not None and actor.key.split(":", 1)[0] == key.split(":", 1)[0]:
                self.actor_of[key] = actor

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, first: str, second: str) -> None:
        a, b = sorted((self.find(first), self.find(second)))
        self.parent[b] = a

    def groups(self, forms: dict[str, Counter[Form]]) -> list[_Group]:
        """One group per set of merged keys, with their mentions and curated actor."""
        members: dict[str, set[str]] = {}
        for key in self.parent:
            members.setdefault(self.find(key), set()).add(key)
        groups = []
        for keys in members.values():
            counted: Counter[Form] = Counter()
            for key in keys:
                counted.update(forms.get(key, {}))
            actors = {self.actor_of[k].name: self.actor_of[k] for k in keys if k in self.actor_of}
            actor = actors[min(actors)] if len(actors) == 1 else None
            groups.append(_Group(keys, counted, actor))
        return groups

    def merge_organisations(self) -> None:
        """An organisation's acronym and its one distinctive word are the organisation.

        "SOHR" is the "Syrian Observatory for Human Rights" when the corpus
        names it in full; "the Observatory" is it when no other organisation's
        name holds that word.
        """
        names = sorted(k for k in self.parent if k.startswith("organization:"))
        full = [k for k in names if len(_words(k)) > 1]
        by_acronym: dict[str, list[str]] = {}
        by_word: dict[str, list[str]] = {}
        for key in full:
            by_acronym.setdefault(_initials(_words(key)), []).append(key)
            for word in set(_words(key)) - _MINOR_WORDS:
                by_word.setdefault(word, []).append(key)
        for key in names:
            words = _words(key)
            if len(words) != 1:
                continue
            found = by_acronym.get(words[0], []) or by_word.get(words[0], [])
            if len(found) == 1:
                self.union(key, found[0])

    def merge_people(self) -> None:
        full = sorted(key for key in self.parent if _is_person(key) and len(_words(key)) > 1)
        bare = sorted(key for key in self.parent if _is_person(key) and len(_words(key)) == 1)
        buckets: dict[tuple[str, ...], list[str]] = {}
        for key in full:
            if key in self.actor_of:
                buckets.setdefault(("actor:", self.actor_of[key].name), []).append(key)
            words = _words(key)
            for i in range(len(words)):
                pattern = (*words[:i], "*", *words[i + 1 :])
                buckets.setdefault(pattern, []).append(key)
        for pattern, keys in buckets.items():
            for i, key in enumerate(keys):
                for other in keys[i + 1 :]:
                    if pattern[0] == "actor:" or _near_spelling(_words(key), _words(other)):
                        self.union(key, other)
        by_word: dict[str, set[str]] = {}
        for key in full:
            for word in self._name_words(key):
                by_word.setdefault(word, set()).add(key)
        for key in bare:
            self._merge_bare(key, by_word.get(_words(key)[0], set()))

    def _merge_bare(self, key: str, named: set[str]) -> None:
        """Merge a bare name into the one person it names; else try the actor file."""
        word = _words(key)[0]
        roots = sorted({self.find(other) for other in named})
        if len(roots) == 1:
            self.union(key, roots[0])
            return
        if roots:
            return
        curated = self.index.by_surname(word)
        if len(curated) == 1 and _in_office_then(curated[0], self.dates.get(key, set())):
            self.actor_of[key] = curated[0]

    def _name_words(self, key: str) -> set[str]:
        words = _words(key)
        found = {words[0], words[-1]}
        actor = self.actor_of.get(key)
        if actor is not None:
            found |= self.index.surnames_of(actor)
        return found


def _in_office_then(actor: Actor, published: set[str | None]) -> bool:
    """Whether ``actor`` held an office at every known publication date (one at least)."""
    periods = [period for value in published if value and (period := _period(value))]
    return bool(periods) and all(
        any(o.start <= high and (o.end is None or o.end >= low) for o in actor.offices)
        for low, high in periods
    )


def _period(value: str) -> tuple[dt.date, dt.date] | None:
    """The days a ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` value spans."""
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return day, day
        if len(value) == 7:
            first = dt.date.fromisoformat(f"{value}-01")
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        if len(value) == 4:
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


#: Words an acronym leaves out and that say nothing about which organisation it is.
_MINOR_WORDS = frozenset({"for", "of", "the", "and", "on", "in", "de", "al"})


def _initials(words: list[str]) -> str:
    """``syrian observatory for human rights`` -> ``sohr``."""
    return "".join(w[0] for w in words if w not in _MINOR_WORDS and w[:1].isalpha())


def _is_person(key: str) -> bool:
    return key.startswith("person:")


def _key_name(key: str) -> str:
    return key.split(":", 1)[1] if ":" in key else key


def _words(key: str) -> list[str]:
    return _key_name(key).split()


def _near_spelling(first: list[str], second: list[str]) -> bool:
    """Same words but one, which differs by one edit and is long enough."""
    if len(first) != len(second):
        return False
    differing = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    if len(differing) != 1:
        return False
    a, b = differing[0]
    return min(len(a), len(b)) >= MIN_FUZZY_LENGTH and _edit_distance(a, b) == 1


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two short words."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def _group_order(group: _Group) -> tuple[str, str]:
    return _group_kind(group), min(group.keys)


def _group_kind(group: _Group) -> EntityKind:
    if group.actor is not None:
        return group.actor.kind
    counts: Counter[EntityKind] = Counter()
    for (kind, *_), count in group.forms.items():
        counts[kind] += count
    return min(counts, key=lambda kind: (-counts[kind], kind))


def _canonical_name(group: _Group, kind: EntityKind) -> str:
    if group.actor is not None:
        return group.actor.name
    if kind == "country":
        codes = Counter(key.split(":", 1)[1] for key in group.keys if key.startswith("country:"))
        if codes:
            code = min(codes, key=lambda c: (-codes[c], c))
            return country_name(code) or code
    names: Counter[str] = Counter()
    for (_, mention_name, _, _), count in group.forms.items():
        names[mention_name] += count
    # Prefer the fullest name (most words), then the most frequent, then alphabetical.
    return min(names, key=lambda n: (-len(n.split()), -names[n], n))


def _entity(group: _Group, taken: set[str]) -> Entity:
    kind = _group_kind(group)
    name = " ".join(_canonical_name(group, kind).split())  # a name never spans lines
    countries: Counter[str] = Counter()
    for (_, _, mention_country, _), count in group.forms.items():
        if mention_country:
            countries[mention_country] += count
    country = min(countries, key=lambda c: (-countries[c], c)) if countries else None
    if group.actor is not None and group.actor.country:
        country = group.actor.country
    return Entity(
        id=_unique_id(name, kind, taken),
        name=name,
        kind=kind,
        aliases=tuple(sorted({text for *_, text in group.forms})),
        country=country,
        mentions=group.forms.total(),
    )


def _unique_id(name: str, kind: EntityKind, taken: set[str]) -> str:
    """``e-<slug of name>``; a later entity of the same name gets its kind appended."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "entity"
    candidate = f"e-{slug}"
    if candidate in taken:
        candidate = f"e-{slug}-{kind}"
    number = 2
    base = candidate
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate
