"""The entity resolver, the country lexicon and the curated actor file.

Rule tests build ``Doc`` objects on ``spacy.blank("en")`` with hand-set
entities, so each rule is checked apart from the statistical NER; the tests
that need a dependency parse (capital as location or metonym) use the real
English pipeline, loaded once for the module.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from conftest import MakeNlp
from storyline.analysis.mentions import mentions_from_doc
from storyline.errors import UsageError
from storyline.nlp import countries
from storyline.nlp.actors import (
    actor_named,
    fold,
    holds_office,
    load_actor_file,
    load_actors,
    office_holders,
    person_key,
)
from storyline.nlp.components.entities import EntityResolver, office_title
from storyline.nlp.extensions import ENTITIES, register_extensions

Ent = tuple[str, str]  # (exact text, NER label); the first occurrence is used


@pytest.fixture(scope="module")
def blank() -> Language:
    register_extensions()
    return spacy.blank("en")


@pytest.fixture(scope="module")
def resolver() -> EntityResolver:
    return EntityResolver()


@pytest.fixture(scope="module")
def english(make_nlp: MakeNlp) -> Language:
    """The English pipeline with only the entity component added."""
    return make_nlp(["storyline_entities"])


def make_doc(nlp: Language, text: str, ents: Sequence[Ent], article: str = "a1") -> Doc:
    """A blank ``Doc`` of ``text`` with the given NER entities (left to right)."""
    doc = nlp(text)
    doc._.storyline_article = article
    spans, cursor = [], 0
    for surface, label in ents:
        start = text.index(surface, cursor)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, f"{surface!r} is not token-aligned"
        spans.append(span)
        cursor = start + len(surface)
    doc.ents = spans
    return doc


def resolved(resolver: EntityResolver, doc: Doc) -> list[tuple[str, str, str, str | None]]:
    """(text, kind, key, country) of every resolved mention."""
    resolver(doc)
    return [
        (s.text, s.label_, s._.storyline_key, s._.storyline_country) for s in doc.spans[ENTITIES]
    ]


# --- countries -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "label", "code"),
    [
        ("North Korea fired a missile.", "North Korea", "GPE", "KP"),
        ("The DPRK fired a missile.", "DPRK", "ORG", "KP"),
        ("The U.S. answered.", "U.S.", "GPE", "US"),
        ("Talks with the United States resumed.", "the United States", "GPE", "US"),
        ("North Korean troops arrived.", "North Korean", "NORP", "KP"),
        ("American officials spoke.", "American", "NORP", "US"),
        ("Russian drones struck.", "Russian", "NORP", "RU"),
        ("Britain and France agreed.", "Britain", "GPE", "GB"),
        ("The UK said no.", "UK", "GPE", "GB"),
        ("Israelis voted.", "Israelis", "NORP", "IL"),
    ],
)
def test_nlp_country_names_abbreviations_and_demonyms(
    blank: Language, resolver: EntityResolver, text: str, surface: str, label: str, code: str
) -> None:
    doc = make_doc(blank, text, [(surface, label)])
    [(found, kind, key, country)] = resolved(resolver, doc)
    assert (kind, key, country) == ("country", f"country:{code}", code)
    assert found == surface.removeprefix("the ")


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_nlp_possessive_is_not_part_of_the_mention(
    blank: Language, resolver: EntityResolver, apostrophe: str
) -> None:
    text = f"South Korea{apostrophe}s spy agency and Kim Jong-un{apostrophe}s train."
    doc = make_doc(
        blank, text, [(f"South Korea{apostrophe}s", "GPE"), (f"Kim Jong-un{apostrophe}s", "PERSON")]
    )
    found = resolved(resolver, doc)
    assert [(t, key) for t, _, key, _ in found] == [
        ("South Korea", "country:KR"),
        ("Kim Jong-un", "person:kim jong un"),
    ]


def test_nlp_ner_slips_are_cleaned(blank: Language, resolver: EntityResolver) -> None:
    text = "North Korea Sends Troops. Officials met at the Great Hall of the People. The netizens."
    doc = make_doc(
        blank,
        text,
        [
            ("North Korea Sends", "GPE"),
            ("the Great Hall of the People.", "FAC"),
            ("netizens", "ORG"),
        ],
    )
    found = resolved(resolver, doc)
    assert [(t, kind) for t, kind, _, _ in found] == [
        ("North Korea", "country"),
        ("Great Hall of the People", "place"),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "kind", "key", "country"),
    [
        ("Pyongyang's ambitions grew.", "Pyongyang", "country", "country:KP", "KP"),
        ("Leaders met in Beijing on Monday.", "Beijing", "place", "place:beijing", "CN"),
        ("The Kremlin denied it.", "Kremlin", "country", "country:RU", "RU"),
        ("They spoke at the White House.", "White House", "place", "place:white house", "US"),
        ("Aides flew to Kyiv.", "Kyiv", "place", "place:kyiv", "UA"),
        ("NAIROBI, Kenya (AP) _ Bombs exploded.", "NAIROBI", "place", "place:nairobi", "KE"),
        ("Title\nMOSCOW (Reuters) - Talks began.", "MOSCOW", "place", "place:moscow", "RU"),
        ("Title\nMoscow said no.", "Moscow", "country", "country:RU", "RU"),
    ],
)
def test_nlp_capitals_and_seats_without_parse(
    blank: Language,
    resolver: EntityResolver,
    text: str,
    surface: str,
    kind: str,
    key: str,
    country: str,
) -> None:
    doc = make_doc(blank, text, [(surface, "GPE")])
    [(_, found_kind, found_key, found_country)] = resolved(resolver, doc)
    assert (found_kind, found_key, found_country) == (kind, key, country)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Putin and Kim held a meeting in Beijing on Tuesday.", "Beijing", "place"),
        ("Beijing underscores its growing clout.", "Beijing", "country"),
        ("Cooperation between Moscow and Pyongyang is growing.", "Moscow", "country"),
        ("Cooperation between Moscow and Pyongyang is growing.", "Pyongyang", "country"),
        ("The delegates arrived in Moscow and Pyongyang last week.", "Pyongyang", "place"),
        ("Experts fear Pyongyang's ambitions.", "Pyongyang", "country"),
    ],
)
def test_nlp_capital_is_place_only_as_a_location(
    english: Language, text: str, surface: str, kind: str
) -> None:
    doc = english(text)
    found = {s.text: s for s in doc.spans[ENTITIES]}
    assert found[surface].label_ == kind
    assert found[surface]._.storyline_country is not None


def test_nlp_ambiguous_names_are_not_pinned_on_a_country(
    blank: Language, resolver: EntityResolver
) -> None:
    text = "Korean media praised the Korea deal."
    doc = make_doc(blank, text, [("Korean", "NORP"), ("Korea", "GPE")])
    assert resolved(resolver, doc) == [
        ("Korean", "group", "group:korean", None),
        ("Korea", "place", "place:korea", None),
    ]


# --- people -----------------------------------------------------------------------


def test_nlp_full_name_spellings_share_one_key(blank: Language, resolver: EntityResolver) -> None:
    text = "Kim Jong Un spoke. Later Kim Jong-un left."
    doc = make_doc(blank, text, [("Kim Jong Un", "PERSON"), ("Kim Jong-un", "PERSON")])
    keys = {key for _, _, key, _ in resolved(resolver, doc)}
    assert keys == {"person:kim jong un"}
    assert person_key("Kim  Jong-Un") == "person:kim jong un"


def test_nlp_curated_alias_gives_the_canonical_actor(
    blank: Language, resolver: EntityResolver
) -> None:
    doc = make_doc(blank, "Volodymyr Zelensky spoke.", [("Volodymyr Zelensky", "PERSON")])
    resolver(doc)
    [span] = doc.spans[ENTITIES]
    assert span._.storyline_key == "person:volodymyr zelenskyy"
    assert span._.storyline_name == "Volodymyr Zelenskyy"
    assert span._.storyline_country == "UA"


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("President Vladimir Putin", "Vladimir Putin"),
        ("Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelenskyy"),
        ("China’s President Xi Jinping", "Xi Jinping"),
        ("Foreign Minister Wang Yi", "Wang Yi"),
        ("North Korean leader Kim Jong Un", "Kim Jong Un"),
        ("Mr. Okafor", "Okafor"),
    ],
)
def test_nlp_titles_are_not_part_of_a_name(
    blank: Language, resolver: EntityResolver, surface: str, name: str
) -> None:
    doc = make_doc(blank, f"{surface} spoke.", [(surface, "PERSON")])
    [(found, kind, key, _)] = resolved(resolver, doc)
    assert (found, kind, key) == (name, "person", person_key(name))


@pytest.mark.parametrize(
    ("text", "ents", "bare", "key"),
    [
        (
            "Vladimir Putin arrived. Putin spoke.",
            [("Vladimir Putin", "PERSON"), ("Putin", "PERSON")],
            "Putin",
            "person:vladimir putin",
        ),
        (
            "Xi Jinping hosted. Xi smiled.",
            [("Xi Jinping", "PERSON"), ("Xi", "PERSON")],
            "Xi",
            "person:xi jinping",
        ),
        (
            "Kim Jong Un came. It fed Un's dreams.",
            [("Kim Jong Un", "PERSON"), ("Un", "ORG")],
            "Un",
            "person:kim jong un",
        ),
        (
            "Volodymyr Zelenskyy spoke. Zelensky left.",
            [("Volodymyr Zelenskyy", "PERSON"), ("Zelensky", "PERSON")],
            "Zelensky",
            "person:volodymyr zelenskyy",
        ),
        (
            "Putin and Lee met. Later Vladimir Putin left.",
            [("Putin", "PERSON"), ("Lee", "PERSON"), ("Vladimir Putin", "PERSON")],
            "Putin",
            "person:vladimir putin",
        ),
    ],
)
def test_nlp_bare_name_links_to_the_full_name(
    blank: Language, resolver: EntityResolver, text: str, ents: list[Ent], bare: str, key: str
) -> None:
    doc = make_doc(blank, text, ents)
    found = {t: k for t, _, k, _ in resolved(resolver, doc)}
    assert found[bare] == key


def test_nlp_people_sharing_a_surname_are_never_merged(
    blank: Language, resolver: EntityResolver
) -> None:
    text = "Kim Jong Un met Kim Yo Jong. Kim said yes. Then Kim Jong Un spoke. Kim left."
    doc = make_doc(
        blank,
        text,
        [
            ("Kim Jong Un", "PERSON"),
            ("Kim Yo Jong", "PERSON"),
            ("Kim", "PERSON"),
            ("Kim Jong Un", "PERSON"),
            ("Kim", "PERSON"),
        ],
    )
    keys = [key for _, _, key, _ in resolved(resolver, doc)]
    assert keys == [
        "person:kim jong un",
        "person:kim yo jong",
        "person:kim yo jong",  # the nearest full name before it
        "person:kim jong un",
        "person:kim jong un",
    ]


def test_nlp_bare_name_without_full_name_keeps_its_own_key(
    blank: Language, resolver: EntityResolver
) -> None:
    text = "Putin spoke. Trump's return was discussed."
    doc = make_doc(blank, text, [("Putin", "PERSON"), ("Trump", "ORG")])
    assert [(t, kind, key) for t, kind, key, _ in resolved(resolver, doc)] == [
        ("Putin", "person", "person:putin"),
        ("Trump", "person", "person:trump"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("It counters U.S. President Donald Trump's plans.", "Donald Trump", ("President", "US")),
        ("China’s President Xi Jinping spoke.", "Xi Jinping", ("President", "CN")),
        ("North Korean leader Kim Jong Un came.", "Kim Jong Un", ("leader", "KP")),
        ("Secretary of State Antony Blinken flew.", "Antony Blinken", ("Secretary of State", None)),
        ("The former President Barack Obama spoke.", "Barack Obama", ("former President", None)),
        ("Yesterday Kim Jong Un came.", "Kim Jong Un", None),
    ],
)  # fmt: skip
def test_nlp_office_title_before_a_person(
    blank: Language,
    resolver: EntityResolver,
    text: str,
    name: str,
    expected: tuple[str, str | None] | None,
) -> None:
    doc = make_doc(blank, text, [(name, "PERSON")])
    resolver(doc)
    [span] = doc.spans[ENTITIES]
    assert office_title(span) == expected


# --- organisations, groups, places -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "label", "kind", "key"),
    [
        ("Staff of the Acme Corporation left.", "the Acme Corporation", "ORG", "organization",
         "organization:acme corporation"),
        ("The U.N. said so.", "U.N.", "ORG", "organization", "organization:united nations"),
        ("Nato allies met.", "Nato", "ORG", "organization", "organization:nato"),
        ("Western sanctions bit.", "Western", "NORP", "group", "group:western"),
        ("Muslims prayed.", "Muslims", "NORP", "group", "group:muslims"),
        ("Trade in East Asia grew.", "East Asia", "LOC", "place", "place:east asia"),
        ("They toured the Titanic.", "the Titanic", "FAC", "place", "place:titanic"),
        ("Fires in California spread.", "California", "GPE", "place", "place:california"),
    ],
)  # fmt: skip
def test_nlp_organisations_groups_and_places(
    blank: Language,
    resolver: EntityResolver,
    text: str,
    surface: str,
    label: str,
    kind: str,
    key: str,
) -> None:
    doc = make_doc(blank, text, [(surface, label)])
    [(_, found_kind, found_key, _)] = resolved(resolver, doc)
    assert (found_kind, found_key) == (kind, key)


def test_nlp_region_carries_its_country(blank: Language, resolver: EntityResolver) -> None:
    doc = make_doc(blank, "Fires in California spread.", [("California", "GPE")])
    [(_, _, _, country)] = resolved(resolver, doc)
    assert country == "US"


def test_nlp_mentions_index_the_article_text(blank: Language, resolver: EntityResolver) -> None:
    text = "In Beijing, Xi Jinping’s guests included North Korean officials."
    doc = make_doc(
        blank, text, [("Beijing", "GPE"), ("Xi Jinping’s", "PERSON"), ("North Korean", "NORP")]
    )
    resolver(doc)
    mentions = mentions_from_doc(doc)
    assert [m.text for m in mentions] == ["Beijing", "Xi Jinping", "North Korean"]
    assert all(text[m.start : m.end] == m.text and m.article == "a1" for m in mentions)
    assert [m.kind for m in mentions] == ["place", "person", "country"]
    assert mentions[2].name == "North Korea"


def test_nlp_mentions_empty_without_the_component(blank: Language) -> None:
    assert mentions_from_doc(blank("Nothing resolved here.")) == ()


# --- the actor file ----------------------------------------------------------------------


def test_nlp_user_actor_file_is_merged(blank: Language, tmp_path: Path) -> None:
    extra = tmp_path / "actors.yaml"
    extra.write_text(
        "actors:\n"
        "  - name: Amara Okonkwo-Reyes\n"
        "    kind: person\n"
        '    country: "NG"\n'
        "    aliases: [Amara Okonkwo]\n"
        "    source: test fixture\n"
        "    offices:\n"
        "      - {title: Foreign Minister, start: 2020-01-01, end: null}\n",
        encoding="utf-8",
    )
    resolver = EntityResolver(str(extra))
    doc = make_doc(blank, "Amara Okonkwo spoke.", [("Amara Okonkwo", "PERSON")])
    resolver(doc)
    [span] = doc.spans[ENTITIES]
    assert span._.storyline_name == "Amara Okonkwo-Reyes"
    names = {actor.name for actor in load_actors(extra)}
    assert {"Amara Okonkwo-Reyes", "Vladimir Putin"} <= names


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("actors: [{name: X Y, kind: robot}]\n", "kind 'robot'"),
        ("actors: [{name: X Y, country: NO}]\n", "ISO 3166-1"),
        ("actors: [{name: X Y, offices: [{title: King, start: soon}]}]\n", "ISO date"),
        ("- just a list\n", "mapping"),
    ],
)
def test_nlp_bad_actor_file_says_how_to_fix(tmp_path: Path, content: str, fragment: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        EntityResolver(str(bad))
    assert caught.value.code == "S020"
    assert fragment in str(caught.value)


def test_nlp_missing_actor_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="Cannot read the actor file"):
        load_actor_file(tmp_path / "absent.yaml")


def test_nlp_every_actor_cites_a_source_and_dates_are_ordered() -> None:
    for actor in load_actors():
        assert actor.source, actor.name
        for office in actor.offices:
            assert office.end is None or office.start <= office.end, actor.name


def test_nlp_one_holder_per_office_and_day() -> None:
    """No two people hold the same office of the same country, beyond a handover day."""
    periods: dict[tuple[str, str | None, str | None], list[tuple[str, dt.date, dt.date]]] = {}
    far = dt.date(9999, 1, 1)
    for actor in load_actors():
        for office in actor.offices:
            where = (fold(office.title), office.country, office.organization)
            periods.setdefault(where, []).append((actor.name, office.start, office.end or far))
    for where, held in periods.items():
        held.sort(key=lambda item: item[1])
        for (name, _, end), (other, start, _) in itertools.pairwise(held):
            if name != other:
                assert start >= end, f"{name} and {other} overlap as {where}"


# --- office queries ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "country", "day", "names"),
    [
        ("President", "US", dt.date(2023, 10, 17), ["Joe Biden"]),
        ("President", "US", dt.date(2025, 9, 4), ["Donald Trump"]),
        ("Foreign Minister", "CN", dt.date(2023, 10, 17), ["Wang Yi"]),
        ("Foreign Minister", "CN", dt.date(2023, 5, 1), ["Qin Gang"]),
        ("foreign minister", "US", dt.date(2023, 10, 17), ["Antony Blinken"]),
        ("leader", "KP", dt.date(2025, 9, 3), ["Kim Jong Un"]),
        ("Chairman", "KP", dt.date(2025, 9, 3), ["Kim Jong Un"]),
        ("Prime Minister", "GB", dt.date(2022, 10, 1), ["Liz Truss"]),
        ("Chancellor", "DE", dt.date(2024, 1, 1), ["Olaf Scholz"]),
        ("Vice President", "US", dt.date(2023, 10, 17), ["Kamala Harris"]),
    ],
)
def test_nlp_office_holders_on_a_day(
    title: str, country: str, day: dt.date, names: list[str]
) -> None:
    assert [actor.name for actor in office_holders(title, country, day)] == names


def test_nlp_secretary_general_of_an_organisation() -> None:
    holders = office_holders("Secretary-General", None, dt.date(2015, 6, 1), organization="NATO")
    assert [actor.name for actor in holders] == ["Jens Stoltenberg"]


def test_nlp_office_anachronism_is_detectable() -> None:
    trump = actor_named("Donald Trump")
    assert trump is not None
    assert holds_office(trump, "President", dt.date(2023, 10, 17), country="US") is False
    assert holds_office(trump, "President", dt.date(2019, 3, 1), country="US") is True
    assert holds_office(trump, "President", dt.date(2025, 9, 4), country="US") is True
    checked = load_actor_file().checked_through
    later = checked + dt.timedelta(days=30)
    assert holds_office(trump, "President", later, country="US") is None


def test_nlp_vice_president_is_not_president() -> None:
    biden = actor_named("Joe Biden")
    assert biden is not None
    assert holds_office(biden, "President", dt.date(2012, 1, 1), country="US") is False
    assert holds_office(biden, "Vice President", dt.date(2012, 1, 1), country="US") is True


# --- the country lexicon ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name", "capital"),
    [
        ("KP", "North Korea", "Pyongyang"),
        ("KR", "South Korea", "Seoul"),
        ("US", "United States", "Washington"),
        ("RU", "Russia", "Moscow"),
        ("UA", "Ukraine", "Kyiv"),
    ],
)
def test_nlp_country_names_and_capitals(code: str, name: str, capital: str) -> None:
    assert countries.country_name(code) == name
    assert countries.capital_of(code) == capital
    assert countries.country_of_capital(capital) == code
    assert countries.country_for_name(name) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Democratic People's Republic of Korea", "KP"),
        ("Korea", None),
        ("Island", None),  # an alternative spelling of Iceland, not a name in news
        ("us", None),  # the pronoun, not the abbreviation
        ("California", None),  # a place in a country, not a country
    ],
)
def test_nlp_country_for_name_edge_cases(text: str, code: str | None) -> None:
    assert countries.country_for_name(text) == code


def test_nlp_factory_reads_the_actors_file_config(tmp_path: Path) -> None:
    extra = tmp_path / "a.yaml"
    extra.write_text("actors: []\n", encoding="utf-8")
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("storyline_entities", config={"actors_file": str(extra)})
    assert isinstance(pipe, EntityResolver)
    assert nlp.get_pipe_config("storyline_entities")["actors_file"] == str(extra)
    doc = nlp("Nothing")
    assert list(doc.spans[ENTITIES]) == []


@pytest.mark.parametrize(
    "text",
    [
        "France",
        "Republic of Korea",
        "Côte d'Ivoire",
        "North Korea",
        "Harbour Street",
        "FAIL",
        "Iran",
    ],
)
def test_nlp_entities_country_lookup_agrees_with_countrynames(text: str) -> None:
    import countrynames

    expected = countrynames.to_code(text)
    found = countries._countrynames_code(text)
    assert found == (expected if expected not in {None, "FAIL", "ZZ"} else None)
