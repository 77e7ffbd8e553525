"""Merging incident mentions across articles: hand-made mentions, no pipeline."""

from __future__ import annotations

from storyline.models import (
    Article,
    Claim,
    EventDate,
    IncidentMention,
    Participant,
    Place,
    Published,
    Span,
    Value,
)
from storyline.nlp.gazetteer import resolve_place
from storyline.reconcile.incidents import build_incidents

HOMS = resolve_place("Homs", ["SY"])
ALEPPO = resolve_place("Aleppo", ["SY"])


def article(
    article_id: str, published: str | None = "2016-06-02", text: str | None = None
) -> Article:
    """An article whose words are its own unless ``text`` makes two read alike."""
    basis = "metadata" if published else "unknown"
    words = text or f"{article_id}report {article_id}story"
    return Article(article_id, f"{article_id}.txt", None, words, Published(published, basis))


def mention(
    key: str,
    kind: str = "attack",
    place: Place | None = HOMS,
    date: str | None = None,
    parties: tuple[str, ...] = (),
    trigger: str = "strike",
) -> IncidentMention:
    article_id = key.split("#", 1)[0]
    return IncidentMention(
        article=article_id,
        span=Span(article_id, 0, 5, "words"),
        trigger=trigger,
        type=kind,
        date=EventDate(date, "day") if date else None,
        place=place,
        participants=tuple(Participant(p, "actor") for p in parties),
        incident=key,
    )


def merged(mentions: list[IncidentMention], articles: list[Article]) -> list[set[str]]:
    incidents, ids = build_incidents(mentions, articles)
    groups: dict[str, set[str]] = {}
    for key, incident_id in ids.items():
        groups.setdefault(incident_id, set()).add(key)
    assert {i.id for i in incidents} == set(groups)
    return sorted(groups.values(), key=sorted)


def test_reconcile_incidents_same_town_and_days_merge() -> None:
    found = merged(
        [mention("a#1", date="2016-06-01"), mention("b#1"), mention("c#1", kind="casualty_report")],
        [article("a"), article("b"), article("c", "2016-06-03")],
    )
    assert found == [{"a#1", "b#1", "c#1"}]


def test_reconcile_incidents_other_towns_other_days_other_families_stay_apart() -> None:
    found = merged(
        [
            mention("a#1"),
            mention("b#1", place=ALEPPO),
            mention("c#1", date="2016-05-01"),
            mention("d#1", kind="disaster", trigger="earthquake"),
        ],
        [article("a"), article("b"), article("c"), article("d")],
    )
    assert found == [{"a#1"}, {"b#1"}, {"c#1"}, {"d#1"}]


def test_reconcile_incidents_one_articles_incidents_are_never_merged() -> None:
    found = merged([mention("a#1"), mention("a#2"), mention("b#1")], [article("a"), article("b")])
    assert len(found) == 2
    assert not any({"a#1", "a#2"} <= group for group in found)


def test_reconcile_incidents_placeless_need_a_shared_participant() -> None:
    found = merged(
        [
            mention("a#1", place=None, parties=("e-rebels",)),
            mention("b#1", place=None, parties=("e-rebels",)),
            mention("c#1", place=None, parties=("e-army",)),
        ],
        [article("a"), article("b"), article("c")],
    )
    assert found == [{"a#1", "b#1"}, {"c#1"}]


def test_reconcile_incidents_undated_article_merges_with_lower_confidence() -> None:
    story = "Jets struck the market in Homs, killing civilians, activists said."
    incidents, ids = build_incidents(
        [mention("a#1", date="2016-06-01"), mention("u#1", parties=())],
        [article("a", text=story), article("u", None, story), article("x", text="Other news.")],
    )
    assert ids["a#1"] == ids["u#1"]
    assert incidents[0].confidence < 1
    _, apart = build_incidents(
        [mention("a#1", date="2016-06-01"), mention("u#1", parties=())],
        [article("a", text=story), article("u", None, "A ferry sank off the coast.")],
    )
    assert apart["a#1"] != apart["u#1"]


def test_reconcile_incidents_one_story_merges_placeless_mentions() -> None:
    story = "A strong earthquake of magnitude 6.1 shook the province, killing 22 people."
    found = merged(
        [
            mention("a#1", "disaster", None, trigger="earthquake"),
            mention("b#1", "disaster", None, trigger="earthquake"),
            mention("c#1", "disaster", None, trigger="earthquake"),
        ],
        [article("a", text=story), article("b", text=story), article("c")],
    )
    assert found == [{"a#1", "b#1"}, {"c#1"}]


def test_reconcile_incidents_same_cast_and_place_merge_despite_dates() -> None:
    cast = ("e-putin", "e-kim")
    beijing = resolve_place("Beijing")
    incidents, ids = build_incidents(
        [
            mention("a#1", "meeting", beijing, "2025-09-03", cast, "meeting"),
            mention("b#1", "meeting", beijing, "2023-10-17", cast, "summit"),
        ],
        [article("a", "2025-09-04"), article("b", "2023-10-17")],
    )
    assert ids["a#1"] == ids["b#1"]
    assert incidents[0].label.startswith("meeting in Beijing")


def test_reconcile_incidents_claims_add_whom_they_count() -> None:
    claim = Claim(
        "c1", "u", "e-north-korea", "soldiers", "killed", Value(5, 5), None, None, None,
        Span("u", 0, 1, "x"), incident="u#1",
    )  # fmt: skip
    _, ids = build_incidents(
        [
            mention("a#1", "casualty_report", None, parties=("e-north-korea",)),
            mention("u#1", "casualty_report", None, trigger="casualties"),
        ],
        [article("a", text="troops casualties war"), article("u", None, "troops casualties war")],
        [claim],
    )
    assert ids["a#1"] == ids["u#1"]


def test_reconcile_incidents_incident_record_fields() -> None:
    incidents, _ = build_incidents(
        [mention("a#1", date="2016-06-01", parties=("e-army",)), mention("b#1")],
        [article("a"), article("b")],
    )
    (incident,) = incidents
    assert incident.type == "attack" and incident.cameo == "19" and incident.plover == "ASSAULT"
    assert incident.place == HOMS
    assert incident.date == EventDate("2016-06-01", "day")
    assert incident.articles == ("a", "b")
    assert all(m.incident == incident.id for m in incident.mentions)
    assert incident.label == "attack in Homs on 1 June 2016"


def test_reconcile_incidents_a_shared_country_is_no_evidence() -> None:
    mentions = [
        mention("a#1", place=None, parties=("e-russia",)),
        mention("b#1", place=None, parties=("e-russia",)),
    ]
    articles = [article("a"), article("b")]
    _, ids = build_incidents(mentions, articles, countries=frozenset({"e-russia"}))
    assert ids["a#1"] != ids["b#1"]
    _, ids = build_incidents(mentions, articles)
    assert ids["a#1"] == ids["b#1"]


def test_reconcile_incidents_strikes_named_on_different_days_stay_apart() -> None:
    found = merged(
        [
            mention("a#1", date="2016-06-01"),
            mention("b#1", date="2016-06-03"),
            mention("c#1", date="2016-06-02"),
        ],
        [article("a", "2016-06-04"), article("b", "2016-06-04"), article("c", "2016-06-04")],
    )
    assert len(found) == 2  # a and b are two days apart: never one strike
    assert not any({"a#1", "b#1"} <= group for group in found)
