"""Relation extraction: typed, directed ties between actors, with evidence."""

from __future__ import annotations

import pytest
from spacy.language import Language

from conftest import MakeNlp
from eventdocs import annotate, article
from storyline.analysis.events import find_frames
from storyline.analysis.relations import relations_from_doc
from storyline.models import Relation


@pytest.fixture(scope="module")
def parser(make_nlp: MakeNlp) -> Language:
    """The English parser alone: entity spans are placed by the tests."""
    return make_nlp(exclude=["ner"])


def extract(parser: Language, text: str) -> list[Relation]:
    doc = annotate(parser, text)
    return list(relations_from_doc(doc, article("a1", text), find_frames(doc)))


def triples(relations: list[Relation]) -> set[tuple[str, str, str]]:
    return {(r.source, r.type, r.target) for r in relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Leaders hailed the alliance between France and Germany.",
            ("country:DE", "alliance", "country:FR"),
        ),
        (
            "A visible cooperation between Paris and Kenya was staged in Geneva.",
            ("country:FR", "cooperation", "country:KE"),
        ),
        ("Kenya cooperates closely with Brazil.", ("country:BR", "cooperation", "country:KE")),
        (
            "Macron sharply criticized Scholz on Monday.",
            (
                "person:emmanuel macron",
                "criticises",
                "person:olaf scholz",
            ),
        ),
        ("France imposed new sanctions on Kenya.", ("country:FR", "sanctions", "country:KE")),
        ("Germany threatened Poland with tariffs.", ("country:DE", "threatens", "country:PL")),
        ("Brazil will negotiate with Kenya.", ("country:BR", "negotiates", "country:KE")),
    ],
)
def test_analysis_events_relations_lexicon_types(
    parser: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(extract(parser, text))


def test_analysis_events_relations_supplies_keeps_items_and_direction(parser: Language) -> None:
    text = "Germany has agreed to supply artillery and conventional weapons to Kenya."
    relations = [r for r in extract(parser, text) if r.type == "supplies"]
    assert [(r.source, r.target) for r in relations] == [("country:DE", "country:KE")]
    assert {"artillery", "weapons"} <= set(relations[0].items)
    assert relations[0].evidence[0].text == text


def test_analysis_events_relations_troops_sent_are_supplied(parser: Language) -> None:
    relations = extract(parser, "France Sends More Troops to Kenya.")
    supplies = [r for r in relations if r.type == "supplies"]
    assert [(r.source, r.target, r.items) for r in supplies] == [
        ("country:FR", "country:KE", ("troops",))
    ]


def test_analysis_events_relations_symmetric_pairs_are_sorted(parser: Language) -> None:
    one = extract(parser, "The alliance between Poland and Brazil deepened.")
    other = extract(parser, "The alliance between Brazil and Poland deepened.")
    assert triples(one) == triples(other) == {("country:BR", "alliance", "country:PL")}


def test_analysis_events_relations_between_three_gives_every_pair(parser: Language) -> None:
    text = "Analysts fear a military alliance between France, Germany and Poland."
    found = {(s, t) for s, kind, t in triples(extract(parser, text)) if kind == "alliance"}
    assert found == {
        ("country:DE", "country:FR"),
        ("country:DE", "country:PL"),
        ("country:FR", "country:PL"),
    }


@pytest.mark.parametrize(
    ("text", "guests"),
    [
        (
            "Officials of Switzerland, France and Kenya attended. Macron met Ruto in Geneva.",
            {"country:FR", "country:KE"},
        ),
        (
            "Officials of Switzerland attended. Macron met Ruto in Geneva.",
            {"person:emmanuel macron", "person:william ruto"},
        ),
    ],
)
def test_analysis_events_relations_meeting_abroad_makes_the_country_host(
    parser: Language, text: str, guests: set[str]
) -> None:
    hosts = {(s, t) for s, kind, t in triples(extract(parser, text)) if kind == "hosts"}
    assert hosts == {("country:CH", guest) for guest in guests}


def test_analysis_events_relations_a_host_country_hosts_no_one_at_home(parser: Language) -> None:
    text = "Switzerland hosted nobody. Swiss leaders met in Geneva on Monday."
    assert not [r for r in extract(parser, text) if r.type == "hosts"]


def test_analysis_events_relations_no_host_without_the_country_named(parser: Language) -> None:
    text = "Macron met Ruto in Geneva on Monday."
    assert not [r for r in extract(parser, text) if r.type == "hosts"]


@pytest.mark.parametrize(
    "text",
    [
        "France did not criticize Germany.",
        "Experts worry that France may supply weapons to Kenya.",
        "Any increase in French military assistance to Kenya might tip the balance.",
        "France and Germany discussed the weather.",
    ],
)
def test_analysis_relations_not_stated_are_not_extracted(parser: Language, text: str) -> None:
    assert extract(parser, text) == []


def test_analysis_events_relations_same_pair_twice_is_one_relation(parser: Language) -> None:
    text = "France condemned Germany. Later, France denounced Germany again."
    relations = [r for r in extract(parser, text) if r.type == "criticises"]
    assert len(relations) == 1
    assert len(relations[0].evidence) == 2
