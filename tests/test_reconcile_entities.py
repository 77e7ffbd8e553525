"""Merging entity mentions across articles (``merge_entities``).

Unit tests feed hand-made mentions; the last test runs the real pipeline on
the example corpus end to end.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from storyline.analysis.document import analyze_doc
from storyline.ingest import read_path
from storyline.models import Article, ArticleAnalysis, Entity, EntityKind, Mention, Published
from storyline.nlp.actors import fold
from storyline.reconcile.entities import merge_entities

Said = tuple[str, str, EntityKind]  # (surface text, key, kind)


def analysis(
    article: str, *said: Said, country: str | None = None, published: str | None = None
) -> ArticleAnalysis:
    """An article whose mentions are ``said``, one after the other."""
    mentions, cursor = [], 0
    for text, key, kind in said:
        name = text if kind != "country" else key
        mentions.append(
            Mention(article, cursor, cursor + len(text), text, kind, key, name, country)
        )
        cursor += len(text) + 1
    body = " ".join(text for text, _, _ in said)
    return ArticleAnalysis(
        article=Article(
            id=article,
            source=f"{article}.txt",
            title=None,
            text=body,
            published=Published(published, "metadata" if published else "unknown"),
        ),
        mentions=tuple(mentions),
    )


def person(text: str) -> Said:
    return (text, f"person:{fold(text)}", "person")


def by_name(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {entity.name: entity for entity in entities}


def test_reconcile_bare_surname_joins_the_one_full_name() -> None:
    entities, key_to_id = merge_entities(
        [
            analysis("a1", person("Amara Okafor"), person("Okafor")),
            analysis("a2", person("Okafor")),
        ]
    )
    [entity] = entities
    assert entity.name == "Amara Okafor"
    assert entity.aliases == ("Amara Okafor", "Okafor")
    assert entity.mentions == 3
    assert key_to_id == {"person:amara okafor": entity.id, "person:okafor": entity.id}


def test_reconcile_people_sharing_a_surname_are_never_merged() -> None:
    entities, key_to_id = merge_entities(
        [
            analysis("a1", person("Amara Okafor")),
            analysis("a2", person("Chidi Okafor")),
            analysis("a3", person("Okafor")),
        ]
    )
    names = sorted(entity.name for entity in entities)
    assert names == ["Amara Okafor", "Chidi Okafor", "Okafor"]
    assert len(set(key_to_id.values())) == 3


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ("Aleksandr Petrovsky", "Aleksandr Petrovskiy", True),  # one edit in a long word
        ("Kim Jong Un", "Kim Jong Il", False),  # short words never merge on spelling
        ("Amara Okafor", "Amira Okafor", False),  # one edit, but "Amara" is too short
        ("Aleksandr Petrovsky", "Aleksei Petrovsky", False),  # more than one edit
        ("Volodymyr Zelenskyy", "Vladimir Zelensky", True),  # curated alias
    ],
)
def test_reconcile_near_spellings_of_full_names(first: str, second: str, merged: bool) -> None:
    entities, _ = merge_entities([analysis("a1", person(first)), analysis("a2", person(second))])
    assert (len(entities) == 1) is merged


@pytest.mark.parametrize("published", ["2023-10-17", "2023-10", "2023"])
def test_reconcile_curated_surname_when_the_corpus_has_no_full_name(published: str) -> None:
    entities, key_to_id = merge_entities([analysis("a1", person("Putin"), published=published)])
    [entity] = entities
    assert (entity.name, entity.id, entity.country) == ("Vladimir Putin", "e-vladimir-putin", "RU")
    assert entity.aliases == ("Putin",)
    assert key_to_id == {"person:putin": "e-vladimir-putin"}


@pytest.mark.parametrize(
    ("surname", "published"),
    [
        ("Putin", None),  # no date: nothing says which Putin
        ("Putin", "1995-06-01"),  # not yet in office
        ("Cheney", "2015-03-02"),  # out of office by then
    ],
)
def test_reconcile_curated_surname_needs_a_date_in_office(
    surname: str, published: str | None
) -> None:
    entities, _ = merge_entities([analysis("a1", person(surname), published=published)])
    assert [entity.name for entity in entities] == [surname]


def test_reconcile_countries_collect_every_surface_form() -> None:
    entities, key_to_id = merge_entities(
        [
            analysis(
                "a1",
                ("North Korea", "country:KP", "country"),
                ("Pyongyang", "country:KP", "country"),
                country="KP",
            ),
            analysis(
                "a2",
                ("North Korean", "country:KP", "country"),
                ("DPRK", "country:KP", "country"),
                ("North Korea", "country:KP", "country"),
                country="KP",
            ),
        ]
    )
    [entity] = entities
    assert (entity.id, entity.name, entity.kind, entity.country) == (
        "e-north-korea",
        "North Korea",
        "country",
        "KP",
    )
    assert entity.aliases == ("DPRK", "North Korea", "North Korean", "Pyongyang")
    assert entity.mentions == 5
    assert key_to_id == {"country:KP": "e-north-korea"}


def test_reconcile_same_name_different_kinds_get_distinct_ids() -> None:
    entities, key_to_id = merge_entities(
        [
            analysis(
                "a1",
                ("Mercury", "organization:mercury", "organization"),
                ("Mercury", "place:mercury", "place"),
            )
        ]
    )
    assert [(e.kind, e.id) for e in entities] == [
        ("organization", "e-mercury"),
        ("place", "e-mercury-place"),
    ]
    assert key_to_id["place:mercury"] == "e-mercury-place"


def test_reconcile_output_is_ordered_and_independent_of_input_order() -> None:
    articles = [
        analysis("a1", person("Amara Okafor"), ("Lagos", "place:lagos", "place")),
        analysis("a2", ("Nigeria", "country:NG", "country"), person("Okafor")),
        analysis("a3", ("Western", "group:western", "group")),
    ]
    forward = merge_entities(articles)
    backward = merge_entities(list(reversed(articles)))
    assert forward == backward
    assert [(e.kind, e.name) for e in forward[0]] == [
        ("country", "Nigeria"),
        ("group", "Western"),
        ("person", "Amara Okafor"),
        ("place", "Lagos"),
    ]


def test_reconcile_nothing_to_merge() -> None:
    assert merge_entities([]) == ((), {})


# --- end to end on the example corpus -------------------------------------------------


@pytest.fixture(scope="module")
def seed_entities(nlp: Language, seeds_dir: Path) -> tuple[Entity, ...]:
    """Entities of the example corpus through the real pipeline."""
    analyses = []
    for article in read_path(seeds_dir):
        assert isinstance(article, Article), article
        doc = nlp.make_doc(article.text)
        doc._.storyline_article = article.id
        doc._.storyline_published = article.published.value
        doc._.storyline_published_basis = article.published.basis
        analyses.append(analyze_doc(nlp(doc), article))
    assert len(analyses) == 3
    entities, key_to_id = merge_entities(analyses)
    for item in analyses:
        assert all(m.key in key_to_id for m in item.mentions)
    return entities


@pytest.mark.slow
def test_reconcile_seeds_one_north_korea(seed_entities: tuple[Entity, ...]) -> None:
    korea = [e for e in seed_entities if e.country == "KP" and e.kind == "country"]
    assert len(korea) == 1
    assert {"North Korea", "North Korean", "Pyongyang"} <= set(korea[0].aliases)
    assert korea[0].id == "e-north-korea"


@pytest.mark.slow
def test_reconcile_seeds_one_kim_jong_un(seed_entities: tuple[Entity, ...]) -> None:
    spellings = {"Kim Jong Un", "Kim Jong-un"}
    holders = [e for e in seed_entities if spellings & set(e.aliases)]
    assert len(holders) == 1
    assert holders[0].kind == "person"
    assert spellings | {"Kim"} <= set(holders[0].aliases)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "aliases"),
    [
        ("Vladimir Putin", {"Vladimir Putin", "Putin"}),
        ("Volodymyr Zelenskyy", {"Volodymyr Zelenskyy"}),
        ("Xi Jinping", {"Xi Jinping", "Xi"}),
        ("Donald Trump", {"Donald Trump", "Trump"}),
    ],
)
def test_reconcile_seeds_people(
    seed_entities: tuple[Entity, ...], name: str, aliases: set[str]
) -> None:
    found = by_name(seed_entities)
    assert found[name].kind == "person"
    assert aliases <= set(found[name].aliases)


@pytest.mark.slow
def test_reconcile_seeds_beijing_as_a_place(seed_entities: tuple[Entity, ...]) -> None:
    places = [e for e in seed_entities if e.kind == "place" and e.name == "Beijing"]
    assert len(places) == 1
    assert places[0].country == "CN"
    china = by_name(seed_entities)["China"]
    assert china.kind == "country"


def test_reconcile_entities_organisation_acronym_and_distinctive_word() -> None:
    from storyline.models import Article, ArticleAnalysis, Mention
    from storyline.reconcile.entities import merge_entities

    def org(article: str, text: str) -> Mention:
        key = "organization:" + text.lower().removeprefix("the ")
        return Mention(article, 0, len(text), text, "organization", key, text)

    analyses = [
        ArticleAnalysis(
            Article("a", "a.txt", None, "x"),
            mentions=(org("a", "Syrian Observatory for Human Rights"), org("a", "Red Cross")),
        ),
        ArticleAnalysis(
            Article("b", "b.txt", None, "x"),
            mentions=(org("b", "SOHR"), org("b", "the Observatory"), org("b", "Cross")),
        ),
    ]
    _, key_to_id = merge_entities(analyses)
    full = key_to_id["organization:syrian observatory for human rights"]
    assert key_to_id["organization:sohr"] == full
    assert key_to_id["organization:observatory"] == full
    assert key_to_id["organization:cross"] == key_to_id["organization:red cross"]
