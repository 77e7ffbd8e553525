"""The gazetteer's tables keep shared names in order; the shipped country-name table is current."""

from __future__ import annotations

import json
from importlib import resources

from storyline.nlp.countries import NAMES_FILE, _country_names, countrynames_json
from storyline.nlp.gazetteer import resolve_place
from storyline.nlp.geonames import build_tables


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
