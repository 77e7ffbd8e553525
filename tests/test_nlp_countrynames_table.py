"""The gazetteer's tables keep shared names in order and come back whole from their cache;
the shipped country-name table is current."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from storyline.files import CACHE_ENV, cache_dir
from storyline.nlp.countries import NAMES_FILE, _country_names, countrynames_json
from storyline.nlp.gazetteer import resolve_place
from storyline.nlp.geonames import build_tables, cached_tables


def test_nlp_gazetteer_tables_keep_shared_names_in_order() -> None:
    tables = build_tables()
    springfields = tables.named("springfield")
    assert len(springfields) > 3 and {place.country for place in springfields} == {"US"}
    assert tables.by_id(springfields[0].geonameid) == springfields[0]
    assert tables.named("no such town anywhere") == []
    assert resolve_place("Sonoma County").kind == "admin"


def test_nlp_countrynames_table_is_current() -> None:
    import countrynames

    path = resources.files("storyline") / "data" / "nlp" / NAMES_FILE
    shipped = json.loads(path.read_text(encoding="utf-8"))
    assert shipped == countrynames_json(), "rebuild it: python -m scripts.build_countrynames"
    assert _country_names() == countrynames.COUNTRY_NAMES


def test_nlp_gazetteer_tables_come_back_whole_from_their_cache(tmp_path: Path) -> None:
    built = cached_tables(tmp_path)
    [cache] = tmp_path.iterdir()
    assert cache.name.startswith("gazetteer-") and cache.suffix == ".json"
    again = cached_tables(tmp_path)
    assert (again.rows, again.names, again.ids) == (built.rows, built.names, built.ids)
    cache.write_text('{"rows": [', encoding="utf-8")  # damaged: built and written again
    assert cached_tables(tmp_path).names == built.names
    assert json.loads(cache.read_text(encoding="utf-8"))["names"] == list(built.names)


def test_nlp_gazetteer_tables_without_a_writable_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert cached_tables(blocked / "cache").named("springfield")  # built, not kept


def test_nlp_gazetteer_cache_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "/tmp/somewhere")
    assert cache_dir() == Path("/tmp/somewhere")
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/me")
    assert cache_dir() == Path("/var/cache/me/storyline")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # no home folder known
    assert cache_dir() is None
