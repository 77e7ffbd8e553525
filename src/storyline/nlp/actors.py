"""The curated actor file: well-known people and bodies, their spellings and offices.

The bundled ``data/nlp/actors.yaml`` (its header documents the layout) names heads
of state and government, foreign ministers and the heads of a few
international bodies, with the dates they held office and where those dates
come from. A user file given as ``Settings.actors_file`` is merged over it.

Two uses:

- the entity resolver maps variant spellings to one canonical actor
  (:class:`ActorIndex`);
- the time checks ask who held an office on a day, and whether a named person
  did (:func:`office_holders`, :func:`holds_office`), e.g. to notice
  "U.S. President Donald Trump" in an article dated October 2023.

Everything is loaded once per file (``functools.cache``); :func:`fold` is the
one text normalisation every entity key is built from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast, get_args

from ..errors import UsageError
from ..lexicons import bundled_yaml, user_yaml
from ..models import EntityKind

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_FOLD_TABLE = str.maketrans({**dict.fromkeys(_DASHES, " "), ".": "", "'": "", ",": " "})
_CODE = re.compile(r"^[A-Z]{2}$")
_STOPWORDS = frozenset({"of", "the", "for", "and"})


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase ``text`` without accents, periods, apostrophes and hyphens.

    ``fold("Kim Jong-un") == fold("Kim Jong Un") == "kim jong un"``;
    ``fold("U.S.") == "us"``; ``fold("Erdoğan") == "erdogan"``.
    """
    if text.isascii():
        return " ".join(text.casefold().translate(_FOLD_TABLE).split())
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().translate(_FOLD_TABLE).split())


def acronym(text: str) -> str | None:
    """``"U.S."`` -> ``"US"``: the letters of an all-capitals abbreviation, else None."""
    letters = text.replace(".", "").replace(" ", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters
    return None


def person_key(name: str) -> str:
    """The mention key of a person: ``person:`` and the folded full name."""
    return f"person:{fold(name)}"


@dataclass(frozen=True)
class Office:
    """A period in office. ``end`` is None while the holder is still in office."""

    title: str
    country: str | None
    start: dt.date
    end: dt.date | None = None
    organization: str | None = None
    leader: bool = False
    also: tuple[str, ...] = ()

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls in this period (both ends included)."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Actor:
    """A curated actor: canonical name, kind, country, other spellings, offices."""

    name: str
    kind: EntityKind
    country: str | None
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    source: str = ""
    surname: str | None = None

    @property
    def key(self) -> str:
        """The mention key the resolver gives every spelling of this actor."""
        return f"{self.kind}:{fold(self.name)}"

    @property
    def family_name(self) -> str:
        """The word a bare mention uses ("Putin", "Kim")."""
        return self.surname or self.name.split()[-1]


@dataclass(frozen=True)
class CountryAdditions:
    """What the actor file adds to the country packages (see the YAML header)."""

    names: Mapping[str, str] = dataclasses.field(default_factory=dict)
    demonyms: Mapping[str, str] = dataclasses.field(default_factory=dict)
    capitals: Mapping[str, str] = dataclasses.field(default_factory=dict)
    capital_variants: Mapping[str, str] = dataclasses.field(default_factory=dict)
    seats: Mapping[str, str] = dataclasses.field(default_factory=dict)
    display: Mapping[str, str] = dataclasses.field(default_factory=dict)
    ambiguous: frozenset[str] = frozenset()
    designators: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TitleLexicon:
    """Title words stripped from names, office modifiers and equivalent titles."""

    words: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    equivalents: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class ActorFile:
    """The parsed actor file (bundled, with any user file merged over it)."""

    checked_through: dt.date
    actors: tuple[Actor, ...]
    countries: CountryAdditions
    titles: TitleLexicon
    locative_prepositions: frozenset[str]
    locative_verbs: frozenset[str]


def load_actors(path: Path | None = None) -> tuple[Actor, ...]:
    """The curated actors: the bundled file, with ``path`` merged over it."""
    return load_actor_file(path).actors


def load_actor_file(path: Path | str | None = None) -> ActorFile:
    """The whole actor file, with the optional user file ``path`` merged in."""
    return _load_actor_file(None if path is None else Path(path).expanduser().resolve())


@functools.cache
def _load_actor_file(path: Path | None) -> ActorFile:
    data = _bundled_data()
    if path is not None:
        hint = "give it an 'actors' list, following storyline/data/nlp/actors.yaml"
        data = _merge(data, user_yaml(path, "actor file", hint))
    return _parse(data, str(path or "the bundled actor file"))


@functools.cache
def _bundled_data() -> dict[str, Any]:
    return bundled_yaml("nlp/actors.yaml")


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Merge ``extra`` over ``base``: same-named actors replaced, mappings updated."""
    merged = dict(base)
    for key, value in extra.items():
        if key == "actors":
            replaced = {entry.get("name") for entry in value or ()}
            kept = [entry for entry in base.get("actors", ()) if entry.get("name") not in replaced]
            merged["actors"] = kept + list(value or ())
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            merged[key] = list(base[key]) + list(value)
        else:
            merged[key] = value
    return merged


def _parse(data: Mapping[str, Any], origin: str) -> ActorFile:
    countries = data.get("countries") or {}
    titles = data.get("titles") or {}
    locatives = data.get("locatives") or {}
    return ActorFile(
        checked_through=_date(data.get("checked_through"), "checked_through", origin),
        actors=tuple(_actor(entry, origin) for entry in data.get("actors") or ()),
        countries=CountryAdditions(
            names=_codes(countries.get("names"), origin),
            demonyms=_codes(countries.get("demonyms"), origin),
            capitals=_codes(countries.get("capitals"), origin),
            capital_variants=_codes(countries.get("capital_variants"), origin),
            seats=_codes(countries.get("seats"), origin),
            display={
                _code(code, origin): str(name)
                for code, name in (countries.get("display") or {}).items()
            },
            ambiguous=frozenset(fold(str(name)) for name in countries.get("ambiguous") or ()),
            designators=frozenset(fold(str(word)) for word in countries.get("designators") or ()),
        ),
        titles=TitleLexicon(
            words=frozenset(fold(str(word)) for word in titles.get("words") or ()),
            modifiers=frozenset(fold(str(word)) for word in titles.get("modifiers") or ()),
            equivalents=tuple(
                frozenset(fold(str(title)) for title in group)
                for group in titles.get("equivalents") or ()
            ),
        ),
        locative_prepositions=frozenset(fold(str(w)) for w in locatives.get("prepositions") or ()),
        locative_verbs=frozenset(fold(str(w)) for w in locatives.get("verbs") or ()),
    )


def _actor(entry: Mapping[str, Any], origin: str) -> Actor:
    name = entry.get("name")
    kind = entry.get("kind", "person")
    if not isinstance(name, str) or not name.strip():
        raise UsageError(f"An actor in {origin} has no name; give each actor a 'name'")
    if kind not in get_args(EntityKind):
        raise UsageError(
            f"Actor {name!r} in {origin} has kind {kind!r}; use one of "
            f"{', '.join(get_args(EntityKind))}"
        )
    country = _code(entry["country"], origin) if entry.get("country") is not None else None
    offices = tuple(_office(office, country, name, origin) for office in entry.get("offices") or ())
    return Actor(
        name=name.strip(),
        kind=cast(EntityKind, kind),
        country=country,
        aliases=tuple(str(alias) for alias in entry.get("aliases") or ()),
        offices=offices,
        source=str(entry.get("source") or ""),
        surname=str(entry["surname"]) if entry.get("surname") else None,
    )


def _office(entry: Mapping[str, Any], country: str | None, actor: str, origin: str) -> Office:
    where = f"an office of {actor!r} in {origin}"
    organization = entry.get("organization")
    if "country" in entry:
        office_country = None if entry["country"] is None else _code(entry["country"], origin)
    else:
        office_country = None if organization else country
    title = entry.get("title")
    if not isinstance(title, str) or not title:
        raise UsageError(f"{where.capitalize()} has no title; give each office a 'title'")
    start = _date(entry.get("start"), f"start of {where}", origin)
    end = None if entry.get("end") is None else _date(entry["end"], f"end of {where}", origin)
    if end is not None and end < start:
        raise UsageError(f"The {title!r} office of {actor!r} in {origin} ends before it starts")
    return Office(
        title=title,
        country=office_country,
        start=start,
        end=end,
        organization=str(organization) if organization else None,
        leader=bool(entry.get("leader", False)),
        also=tuple(str(other) for other in entry.get("also") or ()),
    )


def _date(value: Any, what: str, origin: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(
            f"The {what} in {origin} is {value!r}; write it as an ISO date such as 2024-07-05"
        ) from None


def _code(value: Any, origin: str) -> str:
    if not isinstance(value, str) or not _CODE.match(value):
        raise UsageError(
            f"{value!r} in {origin} is not an ISO 3166-1 alpha-2 country code; "
            'write two capital letters in quotes, e.g. "NO" for Norway'
        )
    return value


def _codes(mapping: Mapping[str, Any] | None, origin: str) -> dict[str, str]:
    return {str(name): _code(code, origin) for name, code in (mapping or {}).items()}


# --- office queries -----------------------------------------------------------


def _title_words(title: str) -> frozenset[str]:
    return frozenset(fold(title).split()) - _STOPWORDS


def title_matches(office: Office, title: str, titles: TitleLexicon | None = None) -> bool:
    """Whether the title ``title`` as written in text names ``office``.

    "President" names "President of the State Affairs" but not "Vice
    President"; "leader" names any office marked ``leader``; titles in one
    equivalence group name each other ("foreign minister", "Secretary of
    State").
    """
    titles = titles or load_actor_file().titles
    query = fold(title)
    if query == "leader" and office.leader:
        return True
    wanted = _title_words(title)
    for name in (office.title, *office.also):
        folded = fold(name)
        if folded == query or any({query, folded} <= group for group in titles.equivalents):
            return True
        words = _title_words(name)
        if wanted and wanted <= words and not (words - wanted) & titles.modifiers:
            return True
    return False


def _office_fits(
    office: Office, title: str, country: str | None, organization: str | None, lex: TitleLexicon
) -> bool:
    if country is not None and office.country != country:
        return False
    if organization is not None and fold(office.organization or "") != fold(organization):
        return False
    return title_matches(office, title, lex)


def office_holders(
    title: str,
    country: str | None,
    on: dt.date,
    *,
    organization: str | None = None,
    actors_file: ActorFile | None = None,
) -> tuple[Actor, ...]:
    """The actors who held the office ``title`` of ``country`` on day ``on``.

    ``office_holders("President", "US", date(2023, 10, 17))`` is Joe Biden.
    Empty when the file does not know the office or ``on`` is after the day
    the file was checked through (the answer is then unknown).
    """
    data = actors_file or load_actor_file()
    if on > data.checked_through:
        return ()
    return tuple(
        actor
        for actor in data.actors
        if any(
            office.covers(on) and _office_fits(office, title, country, organization, data.titles)
            for office in actor.offices
        )
    )


def holds_office(
    actor: Actor,
    title: str,
    on: dt.date,
    *,
    country: str | None = None,
    organization: str | None = None,
    actors_file: ActorFile | None = None,
) -> bool | None:
    """Whether ``actor`` held the office ``title`` (of ``country``) on day ``on``.

    True or False when the file can tell; None when it cannot: the day is
    after the file's ``checked_through`` day, or the file knows nobody in that
    office on that day and ``actor`` never held it.
    """
    data = actors_file or load_actor_file()
    if on > data.checked_through:
        return None
    fitting = [
        office
        for office in actor.offices
        if _office_fits(office, title, country, organization, data.titles)
    ]
    if any(office.covers(on) for office in fitting):
        return True
    if fitting:
        return False
    holders = office_holders(title, country, on, organization=organization, actors_file=data)
    return False if holders else None


# --- name lookups ---------------------------------------------------------------


class ActorIndex:
    """Look actors up by any spelling of their name, or by a bare surname."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors = tuple(actors)
        self._by_name: dict[str, Actor] = {}
        self._by_acronym: dict[str, Actor] = {}
        self._by_surname: dict[str, list[Actor]] = {}
        for actor in self.actors:
            for spelling in (actor.name, *actor.aliases):
                short = acronym(spelling) if actor.kind != "person" else None
                if short is not None:
                    self._by_acronym.setdefault(short, actor)
                if short is None or len(short) >= 4:
                    self._by_name.setdefault(fold(spelling), actor)
            if actor.kind == "person":
                for surname in self.surnames_of(actor):
                    self._by_surname.setdefault(surname, []).append(actor)

    def by_name(self, text: str) -> Actor | None:
        """The actor one of whose spellings is ``text``.

        Abbreviations of two or three capitals ("UN", "U.N.") match only when
        written in capitals, so that the name "Un" never becomes the United
        Nations; longer ones ("NATO") also match as written ("Nato").
        """
        short = acronym(text)
        if short is not None and short in self._by_acronym:
            return self._by_acronym[short]
        return self._by_name.get(fold(text))

    def by_surname(self, text: str) -> tuple[Actor, ...]:
        """The curated people whose surname (in any spelling) is ``text``."""
        return tuple(dict.fromkeys(self._by_surname.get(fold(text), ())))

    @staticmethod
    def surnames_of(actor: Actor) -> frozenset[str]:
        """Every folded surname spelling of ``actor`` ("zelenskyy", "zelensky"...).

        An explicit ``surname`` (family name first, as in "Kim Jong Un") is
        the only one; otherwise the last word of the name and of each alias.
        """
        if actor.surname:
            return frozenset({fold(actor.surname)})
        names = (actor.name, *actor.aliases)
        return frozenset(fold(name.split()[-1]) for name in names if name.split())


def actor_index(path: Path | str | None = None) -> ActorIndex:
    """The (cached) name index over :func:`load_actors` for ``path``."""
    return _index(None if path is None else Path(path).expanduser().resolve())


@functools.cache
def _index(path: Path | None) -> ActorIndex:
    return ActorIndex(_load_actor_file(path).actors)


def actor_named(name: str, path: Path | str | None = None) -> Actor | None:
    """The curated actor called ``name`` (any spelling), if there is one."""
    return actor_index(path).by_name(name)


def clear_caches() -> None:
    """Forget every loaded actor file (for tests and long-lived processes)."""
    _load_actor_file.cache_clear()
    _bundled_data.cache_clear()
    _index.cache_clear()


__all__ = [
    "Actor",
    "ActorFile",
    "ActorIndex",
    "CountryAdditions",
    "Office",
    "TitleLexicon",
    "acronym",
    "actor_index",
    "actor_named",
    "clear_caches",
    "fold",
    "holds_office",
    "load_actor_file",
    "load_actors",
    "office_holders",
    "person_key",
    "title_matches",
]
